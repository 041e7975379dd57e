/**
 * The SQL of search: writing index rows, the outbox, and the search itself. Access is applied here,
 * in the query, through the owning modules' own visibility predicates (documents' `visibleTo`,
 * meetings' `meetingVisibleTo`, decisions' `decisionVisibleTo`, exchange's `visibleSubmission`), so results, counts and facets are
 * computed only over what the caller may see.
 */
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/database.ts';
import type { SearchGuard, SearchItemType } from '../../db/tables.ts';
import type { Actor } from '../../shared/context.ts';
import { decisionVisibleTo } from '../decisions/decisions.repository.ts';
import { eventVisibleSql as cbmEventVisible } from '../cbm/cbm.search.ts';
import { visibleTo as documentVisibleTo } from '../documents/documents.repository.ts';
import { visibleSubmission } from '../exchange/exchange.repository.ts';
import { meetingVisibleTo } from '../meetings/meetings.repository.ts';
import type { CompiledGroup } from './query.ts';

/** A row ready to insert: texts already segmented by the analyser. */
export interface PreparedRow {
  itemType: SearchItemType;
  itemId: string;
  lang: string;
  part: number;
  profile: string;
  cfg: string;
  title: string;
  body: string;
  titleNorm: string;
  segTitle: string;
  segKeywords: string;
  segBody: string;
  /** Dual profiles: the folded title and body (indexed with `simple` beside the accented ones). */
  segTitle2: string | null;
  segBody2: string | null;
  guard: SearchGuard;
  guardId: string | null;
  bodyCode: string | null;
  year: number | null;
  ref: Record<string, unknown>;
}

/** Inserts rows in one statement (arrays unnested), building each tsvector in SQL. */
export async function insertRows(trx: DB, rows: readonly PreparedRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const col = <K extends keyof PreparedRow>(k: K) => chunk.map((r) => r[k]);
    await sql`
      INSERT INTO search_items (item_type, item_id, lang, part, profile, cfg, title, body, title_norm, tsv, guard, guard_id, body_code, year, ref)
      SELECT u.item_type, u.item_id, u.lang, u.part, u.profile, u.cfg, u.title, u.body, u.title_norm,
        setweight(to_tsvector(u.cfg::regconfig, u.seg_title), 'A')
          || setweight(to_tsvector(u.cfg::regconfig, u.seg_keywords), 'B')
          || setweight(to_tsvector(u.cfg::regconfig, u.seg_body), 'D')
          || CASE WHEN u.seg_title2 IS NULL AND u.seg_body2 IS NULL THEN ''::tsvector
                  ELSE setweight(to_tsvector('simple', coalesce(u.seg_title2, '')), 'A') || setweight(to_tsvector('simple', coalesce(u.seg_body2, '')), 'D') END,
        u.guard, u.guard_id::uuid, u.body_code, u.year, u.ref::jsonb
      FROM unnest(
        ${col('itemType')}::text[], ${col('itemId')}::text[], ${col('lang')}::text[], ${col('part')}::int[], ${col('profile')}::text[],
        ${col('cfg')}::text[], ${col('title')}::text[], ${col('body')}::text[], ${col('titleNorm')}::text[], ${col('segTitle')}::text[],
        ${col('segKeywords')}::text[], ${col('segBody')}::text[], ${col('segTitle2')}::text[], ${col('segBody2')}::text[], ${col('guard')}::text[],
        ${col('guardId')}::text[], ${col('bodyCode')}::text[], ${col('year')}::int[], ${chunk.map((r) => JSON.stringify(r.ref))}::text[]
      ) AS u(item_type, item_id, lang, part, profile, cfg, title, body, title_norm, seg_title, seg_keywords, seg_body, seg_title2, seg_body2, guard, guard_id, body_code, year, ref)
    `.execute(trx);
  }
}

export async function deleteItem(trx: DB, type: SearchItemType, id: string): Promise<void> {
  await trx.deleteFrom('search_items').where('item_type', '=', type).where('item_id', '=', id).execute();
}

export async function deleteAllOfType(trx: DB, type: SearchItemType): Promise<void> {
  await trx.deleteFrom('search_items').where('item_type', '=', type).execute();
}

/** Item ids of a type present in the index (for the reindex to remove what no longer exists). */
export async function indexedIds(db: DB, type: SearchItemType): Promise<string[]> {
  const rows = await db.selectFrom('search_items').select('item_id').distinct().where('item_type', '=', type).execute();
  return rows.map((r) => r.item_id);
}

// ---------------------------------------------------------------------------------------------
// Outbox

export async function hasQueued(db: DB): Promise<boolean> {
  return !!(await db.selectFrom('search_outbox').select('item_id').limit(1).executeTakeFirst());
}

export async function countQueued(db: DB): Promise<number> {
  const r = await db.selectFrom('search_outbox').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Takes up to `limit` queued items out of the outbox, in the caller's transaction: if indexing them
 * fails, the rollback puts them back. Rows another transaction is taking are skipped.
 */
export async function takeQueued(trx: DB, limit: number): Promise<Array<{ item_type: string; item_id: string }>> {
  const { rows } = await sql<{ item_type: string; item_id: string }>`
    DELETE FROM search_outbox o USING (
      SELECT item_type, item_id FROM search_outbox ORDER BY queued_at LIMIT ${limit} FOR UPDATE SKIP LOCKED
    ) q WHERE o.item_type = q.item_type AND o.item_id = q.item_id
    RETURNING o.item_type, o.item_id`.execute(trx);
  return rows;
}

export async function enqueue(trx: DB, items: ReadonlyArray<{ type: string; id: string }>): Promise<void> {
  if (items.length === 0) return;
  await trx
    .insertInto('search_outbox')
    .values(items.map((i) => ({ item_type: i.type, item_id: i.id })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Access

export interface AccessFacts {
  now: Date;
  /** The party in the Chair today (decisions: the Chair's people see every draft). */
  chairPartyId: string | null;
  /** The forum lets observers follow (and comment on) decisions under way. */
  observersMayComment: boolean;
}

/** Whether the index row `si` may be seen by `actor`: its guard, checked by the owning module's predicate. */
export function itemVisibleTo(actor: Actor, f: AccessFacts): RawBuilder<SqlBool> {
  const secretariat = actor.kind === 'user' && !!actor.partyId && actor.partyKind === 'secretariat';
  return sql<SqlBool>`(si.guard = 'public'
    OR (si.guard = 'secretariat' AND ${secretariat ? sql<SqlBool>`true` : sql<SqlBool>`false`})
    OR (si.guard = 'document' AND EXISTS (SELECT 1 FROM documents WHERE documents.id = si.guard_id AND ${documentVisibleTo(actor, f.now)}))
    OR (si.guard = 'meeting' AND EXISTS (SELECT 1 FROM meetings WHERE meetings.id = si.guard_id AND ${meetingVisibleTo(actor)}))
    OR (si.guard = 'decision' AND EXISTS (SELECT 1 FROM decisions WHERE decisions.id = si.guard_id AND ${decisionVisibleTo(actor, f)}))
    OR (si.guard = 'submission' AND EXISTS (SELECT 1 FROM exchange_submissions s WHERE s.id = si.guard_id AND ${visibleSubmission(actor, 's')}))
    OR (si.guard = 'cbm-event' AND EXISTS (SELECT 1 FROM cbm_events WHERE cbm_events.id = si.guard_id AND ${cbmEventVisible(actor)})))`;
}

// ---------------------------------------------------------------------------------------------
// Search

export interface SearchFilters {
  type?: SearchItemType;
  body?: string;
  year?: number;
  lang?: string;
}

export interface SearchSpec {
  groups: readonly ResolvedGroup[];
  /** The query as typed (without glossary expansions): hits matching it rank above those found only through a term in another language. */
  boost?: readonly ResolvedGroup[];
  /** Folded query for fuzzy matching of party and body names (null: no fuzzy matching). */
  fuzzy: string | null;
  filters: SearchFilters;
}

/** Below this word similarity a party or body name is not a fuzzy match. */
export const fuzzyThreshold = 0.5;

/** A query resolved by PostgreSQL: the tsquery text and the profiles whose rows it applies to. */
export interface ResolvedGroup {
  tsquery: string;
  profiles: string[];
}

/**
 * Runs to_tsquery for every compiled group in one round trip and merges the groups whose queries come
 * out the same (`CICA` is `'cica'` under every configuration), dropping those left empty (stop words
 * only). The search then applies a handful of tsquery constants instead of one per language.
 */
export async function resolveGroups(db: DB, groups: readonly CompiledGroup[]): Promise<ResolvedGroup[]> {
  if (groups.length === 0) return [];
  const { rows } = await sql<{ i: number; q: string }>`
    SELECT u.i, to_tsquery(u.cfg::regconfig, u.q)::text AS q
    FROM unnest(${groups.map((_, i) => i)}::int[], ${groups.map((g) => g.cfg)}::text[], ${groups.map((g) => g.query)}::text[]) AS u(i, cfg, q)`.execute(db);
  const merged = new Map<string, string[]>();
  for (const r of rows) {
    if (!r.q) continue;
    merged.set(r.q, [...(merged.get(r.q) ?? []), ...groups[r.i]!.profiles]);
  }
  return [...merged.entries()].map(([tsquery, profiles]) => ({ tsquery, profiles }));
}

function tsq(g: ResolvedGroup): RawBuilder<unknown> {
  return sql`${g.tsquery}::tsquery`;
}

/** The visible matching rows, one per item and language (its best part), with its rank. */
function bestCte(actor: Actor, f: AccessFacts, spec: SearchSpec) {
  const visible = itemVisibleTo(actor, f);
  const branches: RawBuilder<unknown>[] = [];
  if (spec.groups.length) {
    const match = sql.join(
      spec.groups.map((g) => sql`(si.profile = ANY (${g.profiles}::text[]) AND si.tsv @@ ${tsq(g)})`),
      sql` OR `,
    );
    const rankOf = (groups: readonly ResolvedGroup[]) =>
      sql`CASE ${sql.join(
        groups.map((g) => sql`WHEN si.profile = ANY (${g.profiles}::text[]) THEN ts_rank(si.tsv, ${tsq(g)})`),
        sql` `,
      )} ELSE 0 END`;
    const rank = spec.boost?.length ? sql`(${rankOf(spec.groups)} + ${rankOf(spec.boost)})` : rankOf(spec.groups);
    branches.push(sql`SELECT si.id, si.item_type, si.item_id, si.lang, si.body_code, si.year, ${rank} AS rank
      FROM search_items si WHERE (${match}) AND ${visible}`);
  }
  if (spec.fuzzy) {
    branches.push(sql`SELECT si.id, si.item_type, si.item_id, si.lang, si.body_code, si.year, word_similarity(${spec.fuzzy}, si.title_norm) * 0.5 AS rank
      FROM search_items si WHERE si.item_type IN ('party', 'body') AND word_similarity(${spec.fuzzy}, si.title_norm) >= ${fuzzyThreshold} AND ${visible}`);
  }
  if (branches.length === 0) branches.push(sql`SELECT si.id, si.item_type, si.item_id, si.lang, si.body_code, si.year, 0::real AS rank FROM search_items si WHERE false`);
  return sql`matched AS (${sql.join(branches, sql` UNION ALL `)}),
    best AS (SELECT DISTINCT ON (item_type, item_id, lang) id, item_type, item_id, lang, body_code, year, rank
             FROM matched ORDER BY item_type, item_id, lang, rank DESC, id)`;
}

function filterSql(filters: SearchFilters, skip?: keyof SearchFilters): RawBuilder<SqlBool> {
  const c: RawBuilder<SqlBool>[] = [];
  if (filters.type && skip !== 'type') c.push(sql<SqlBool>`item_type = ${filters.type}`);
  if (filters.body && skip !== 'body') c.push(sql<SqlBool>`body_code = ${filters.body}`);
  if (filters.year && skip !== 'year') c.push(sql<SqlBool>`year = ${filters.year}`);
  if (filters.lang && skip !== 'lang') c.push(sql<SqlBool>`lang = ${filters.lang}`);
  return c.length ? sql<SqlBool>`(${sql.join(c, sql` AND `)})` : sql<SqlBool>`true`;
}

export interface HitRow {
  id: string;
  item_type: SearchItemType;
  item_id: string;
  lang: string;
  profile: string;
  cfg: string;
  title: string;
  body: string;
  body_code: string | null;
  year: number | null;
  ref: Record<string, unknown>;
  rank: number;
}

export interface FacetRow {
  facet: 'type' | 'body' | 'year' | 'lang';
  value: string | null;
  n: string;
}

/**
 * One page of hits (best first), the total and the facets, in one statement: the matching, access
 * filtering and ranking run once. Each facet is counted under the other facets' filters (not its own),
 * so the alternatives to a chosen value stay visible.
 */
export async function searchPage(
  db: DB,
  actor: Actor,
  f: AccessFacts,
  spec: SearchSpec,
  page: { limit: number; offset: number },
): Promise<{ rows: HitRow[]; total: number; facets: FacetRow[] }> {
  const flt = spec.filters;
  const { rows } = await sql<{ total: string; hits: HitRow[] | null; facets: FacetRow[] | null }>`
    WITH ${bestCte(actor, f, spec)},
    filtered AS (SELECT * FROM best WHERE ${filterSql(flt)}),
    page AS (SELECT * FROM filtered ORDER BY rank DESC, item_type, item_id, lang LIMIT ${page.limit} OFFSET ${page.offset}),
    facets AS (
      SELECT 'type' AS facet, item_type AS value, count(*) FILTER (WHERE ${filterSql(flt, 'type')}) AS n FROM best GROUP BY item_type
      UNION ALL SELECT 'body', body_code, count(*) FILTER (WHERE ${filterSql(flt, 'body')}) FROM best GROUP BY body_code
      UNION ALL SELECT 'year', year::text, count(*) FILTER (WHERE ${filterSql(flt, 'year')}) FROM best GROUP BY year
      UNION ALL SELECT 'lang', lang, count(*) FILTER (WHERE ${filterSql(flt, 'lang')}) FROM best GROUP BY lang)
    SELECT
      (SELECT count(*) FROM filtered) AS total,
      (SELECT json_agg(h ORDER BY h.rank DESC, h.item_type, h.item_id, h.lang) FROM (
        SELECT page.id::text AS id, page.item_type, page.item_id, page.lang, si.profile, si.cfg, si.title, si.body, page.body_code, page.year, si.ref, page.rank
        FROM page JOIN search_items si ON si.id = page.id) h) AS hits,
      (SELECT json_agg(x) FROM (SELECT facet, value, n::text AS n FROM facets) x) AS facets`.execute(db);
  const r = rows[0];
  return { rows: r?.hits ?? [], total: Number(r?.total ?? 0), facets: r?.facets ?? [] };
}

/** Lexemes of words under configurations, as the index made them (for highlighting stemmed languages). */
export async function lexemesOf(db: DB, pairs: ReadonlyArray<{ cfg: string; word: string }>): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (pairs.length === 0) return out;
  const { rows } = await sql<{ cfg: string; word: string; lexemes: string[] }>`
    SELECT u.cfg, u.word, tsvector_to_array(to_tsvector(u.cfg::regconfig, u.word)) AS lexemes
    FROM unnest(${pairs.map((p) => p.cfg)}::text[], ${pairs.map((p) => p.word)}::text[]) AS u(cfg, word)`.execute(db);
  for (const r of rows) out.set(`${r.cfg}\u0000${r.word}`, r.lexemes);
  return out;
}

/** A bare full-text query on the same table (the benchmark's baseline): ids of matching rows. */
export async function bareTsQuery(db: DB, cfg: string, query: string, limit: number): Promise<number> {
  const { rows } = await sql<{ id: string }>`SELECT id FROM search_items WHERE tsv @@ to_tsquery(${cfg}::regconfig, ${query}) LIMIT ${limit}`.execute(db);
  return rows.length;
}
