/**
 * Search: one box over documents (every language version), meetings, decisions, glossary entries,
 * parties, bodies and CBM submissions. Results, counts and facets are computed in SQL over what the
 * caller may see; a query matching a glossary term also searches that concept's terms in every other
 * language and says so.
 */
import type { DB } from '../../db/database.ts';
import type { SearchItemType } from '../../db/tables.ts';
import type { Ctx } from '../../shared/context.ts';
import { isSecretariat } from '../../shared/policy.ts';
import { directionOf } from '../glossary/glossary.ts';
import { conceptsMatchingKeys, termLanguages } from '../glossary/glossary.repository.ts';
import { getProfile } from '../profile/profile.service.ts';
import { currentChairPartyId } from '../registry/registry.service.ts';
import { analyze, profileOf, type Token } from './analysis.ts';
import { type Clause, type ConceptTerms, clausesOf, compileGroups, expandWithConcepts, queryForms, splitQuery, termKeysOf } from './query.ts';
import { indexItems, removeItem } from './search.indexer.ts';
import * as repo from './search.repository.ts';
import { type Segment, buildSnippet, markTokens } from './snippet.ts';
import { itemBuilders, sourceIds } from './sources.repository.ts';

export const itemTypes = ['document', 'meeting', 'decision', 'glossary', 'party', 'body', 'cbm', 'cbm-area', 'cbm-measure', 'cbm-event'] as const satisfies readonly SearchItemType[];

export interface SearchParams {
  q: string;
  type?: SearchItemType;
  body?: string;
  year?: number;
  lang?: string;
  page: number;
  pageSize: number;
}

export interface SearchHit {
  type: SearchItemType;
  id: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  title: Segment[];
  snippet: Segment[];
  bodyCode: string | null;
  year: number | null;
  ref: Record<string, unknown>;
  score: number;
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface SearchResult {
  query: string;
  total: number;
  page: number;
  pageSize: number;
  hits: SearchHit[];
  facets: { type: FacetValue[]; body: FacetValue[]; year: FacetValue[]; lang: FacetValue[] };
  /** Terms of glossary concepts found in the query, searched too (in the other languages). */
  alsoSearched: string[];
}

// ---------------------------------------------------------------------------------------------
// Keeping the index current

/**
 * Indexes what the triggers queued, in batches, each in its own transaction (a failure puts its batch
 * back). Returns how many items were processed.
 */
export async function drainOutbox(db: DB, opts: { limit?: number; batch?: number } = {}): Promise<number> {
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  const batch = opts.batch ?? 50;
  let done = 0;
  while (done < limit) {
    if (!(await repo.hasQueued(db))) break;
    const n = await db.transaction().execute(async (trx) => {
      const queued = await repo.takeQueued(trx, Math.min(batch, limit - done));
      const items = [];
      for (const q of queued) {
        const build = itemBuilders[q.item_type as SearchItemType];
        if (!build) continue;
        const item = await build(trx, q.item_id);
        if (item) items.push(item);
        else await removeItem(trx, q.item_type as SearchItemType, q.item_id);
      }
      await indexItems(trx, items);
      return queued.length;
    });
    if (n === 0) break;
    done += n;
  }
  return done;
}

export interface ReindexProgress {
  type: SearchItemType;
  done: number;
  total: number;
}

/** Rebuilds the whole index from the source tables, reporting progress per batch. */
export async function reindexAll(db: DB, onProgress?: (p: ReindexProgress) => void, opts: { batch?: number } = {}): Promise<{ items: number; rows: number; removed: number }> {
  const batch = opts.batch ?? 100;
  await db.deleteFrom('search_outbox').execute();
  let items = 0;
  let rows = 0;
  let removed = 0;
  const plan = await Promise.all(itemTypes.map(async (type) => ({ type, ids: await sourceIds(db, type) })));
  const total = plan.reduce((n, p) => n + p.ids.length, 0);
  let done = 0;
  for (const { type, ids } of plan) {
    for (let i = 0; i < ids.length; i += batch) {
      const slice = ids.slice(i, i + batch);
      rows += await db.transaction().execute(async (trx) => {
        const built = [];
        for (const id of slice) {
          const item = await itemBuilders[type](trx, id);
          if (item) built.push(item);
          else await removeItem(trx, type, id);
        }
        return indexItems(trx, built);
      });
      items += slice.length;
      done += slice.length;
      onProgress?.({ type, done, total });
    }
    const present = new Set(ids);
    const stale = (await repo.indexedIds(db, type)).filter((id) => !present.has(id));
    for (const id of stale) {
      await db.transaction().execute((trx) => removeItem(trx, type, id));
      removed++;
    }
  }
  onProgress?.({ type: 'glossary', done: total, total });
  return { items, rows, removed };
}

// ---------------------------------------------------------------------------------------------
// Searching

async function accessFacts(db: DB, ctx: Ctx): Promise<repo.AccessFacts> {
  const now = ctx.clock.now();
  const a = ctx.actor;
  const member = a.kind === 'user' && a.partyKind === 'member-state';
  const observer = a.kind === 'user' && (a.partyKind === 'observer-state' || a.partyKind === 'observer-organization');
  const chairPartyId = member ? await currentChairPartyId(db, now) : null;
  const observersMayComment = observer ? ((await getProfile(db))?.consensus.observersMayComment ?? false) : false;
  return { now, chairPartyId, observersMayComment };
}

/** Glossary concepts found in the query, and the clauses with their terms added. */
async function expandQuery(db: DB, ctx: Ctx, q: string) {
  const words = splitQuery(q);
  const langs = await termLanguages(db);
  if (langs.length === 0) return { words, clauses: expandWithConcepts(words, [], new Set()).clauses, added: [] as string[] };
  const keys = termKeysOf(q, langs);
  const found = await conceptsMatchingKeys(db, [...keys.keys()], isSecretariat(ctx.actor));
  const concepts: ConceptTerms[] = found.map((f) => {
    const spans = f.matched.map((k) => keys.get(k)!).filter(Boolean);
    const span = spans.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a), spans[0]!);
    return { conceptId: f.conceptId, span, terms: f.terms.map((t) => ({ text: t.term, lang: t.lang, key: t.match_key })) };
  });
  const typed = new Set(keys.keys());
  const { clauses, added } = expandWithConcepts(words, concepts, typed);
  return { words, clauses, added };
}

const fuzzyForm = (q: string) =>
  analyze(q, 'und')
    .map((t) => t.folded)
    .join(' ');

export async function search(db: DB, ctx: Ctx, p: SearchParams): Promise<SearchResult> {
  try {
    // Read-your-writes: what was committed before this request is indexed before it is searched.
    await drainOutbox(db, { limit: 500 });
  } catch {
    // A failing item stays queued for the worker (which reports it); searching goes on.
  }
  const { words, clauses, added } = await expandQuery(db, ctx, p.q);
  const empty: SearchResult = { query: p.q, total: 0, page: p.page, pageSize: p.pageSize, hits: [], facets: { type: [], body: [], year: [], lang: [] }, alsoSearched: [] };
  if (words.length === 0) return empty;
  const groups = await repo.resolveGroups(db, compileGroups(clauses));
  const fuzzy = fuzzyForm(p.q);
  const boost = added.length ? await repo.resolveGroups(db, compileGroups(clausesOf(words))) : undefined;
  const spec: repo.SearchSpec = {
    groups,
    boost,
    fuzzy: [...fuzzy].length >= 4 && words.length <= 4 ? fuzzy : null,
    filters: { type: p.type, body: p.body, year: p.year, lang: p.lang },
  };
  if (groups.length === 0 && !spec.fuzzy) return empty;
  const facts = await accessFacts(db, ctx);
  const { rows, total, facets: facetRows } = await repo.searchPage(db, ctx.actor, facts, spec, { limit: p.pageSize, offset: (p.page - 1) * p.pageSize });
  const hits = await highlight(db, rows, clauses);
  const facet = (name: repo.FacetRow['facet']) =>
    facetRows
      .filter((r) => r.facet === name && r.value !== null && Number(r.n) > 0)
      .map((r) => ({ value: r.value as string, count: Number(r.n) }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return {
    query: p.q,
    total,
    page: p.page,
    pageSize: p.pageSize,
    hits,
    facets: { type: facet('type'), body: facet('body'), year: facet('year').sort((a, b) => Number(b.value) - Number(a.value)), lang: facet('lang') },
    alsoSearched: added,
  };
}

/** The phrases of the query (and its expansions) as word lists analysed the way `profile` analyses. */
function phrasesOf(clauses: readonly Clause[], profile: string): Array<{ words: Token[]; unspaced: boolean }> {
  const out: Array<{ words: Token[]; unspaced: boolean }> = [];
  for (const c of clauses)
    for (const a of c.alternatives)
      for (const p of a.phrases) {
        const words = analyze(p.text, profile);
        if (words.length) out.push({ words, unspaced: unspacedText.test(p.text) });
      }
  return out;
}

const unspacedText = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/**
 * The words of a hit to mark: where a whole phrase of the query occurs (so "các" alone is not marked
 * because "các biện pháp" was searched). In scripts without spaces a typed word may match as separate
 * words (秘书处 … 预算): when its phrase does not occur, its words are marked one by one.
 */
function markedBy(phrases: ReadonlyArray<{ words: Token[]; unspaced: boolean }>, same: (t: Token, q: Token) => boolean, ...texts: Token[][]): (t: Token) => boolean {
  const marked = new Set<Token>();
  for (const tokens of texts) {
    for (const p of phrases) {
      const n = p.words.length;
      let found = false;
      for (let i = 0; i + n <= tokens.length; i++) {
        let ok = true;
        for (let j = 0; j < n && ok; j++) ok = same(tokens[i + j]!, p.words[j]!);
        if (!ok) continue;
        found = true;
        for (let j = 0; j < n; j++) marked.add(tokens[i + j]!);
      }
      if (!found && p.unspaced && n > 1) for (const t of tokens) if (p.words.some((w) => same(t, w))) marked.add(t);
    }
  }
  return (t) => marked.has(t);
}

/** Characters of a long part analysed for its snippet, around the first place a query word appears. */
const snippetWindow = 1200;

/**
 * Where in a long part to cut the snippet from: around the first occurrence of a query word as typed
 * (cheap string search), so that only that stretch is segmented — ICU segmentation of Chinese or Thai
 * costs milliseconds per thousand characters. Stemmed words may not occur as typed: then the start.
 */
export function windowOf(text: string, forms: ReadonlySet<string>): { from: number; to: number } {
  if (text.length <= snippetWindow) return { from: 0, to: text.length };
  const lower = text.toLowerCase();
  let at = -1;
  if (lower.length === text.length) {
    for (const f of forms) {
      if (!f) continue;
      const i = lower.indexOf(f);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    }
  }
  let from = Math.max(0, Math.max(at, 0) - snippetWindow / 4);
  const to = Math.min(text.length, from + snippetWindow);
  from = Math.max(0, to - snippetWindow);
  // Start and end on white space or a sentence end where there is one nearby, never inside a character.
  const adjust = (i: number, dir: 1 | -1) => {
    for (let k = 0; k < 40 && i > 0 && i < text.length; k++, i += dir) if (/[\s。！？、，]/u.test(text[i - 1] ?? '')) return i;
    while (i > 0 && i < text.length && /[\udc00-\udfff\p{M}]/u.test(text[i]!)) i -= 1;
    return i;
  };
  return { from: from === 0 ? 0 : adjust(from, 1), to: to === text.length ? to : adjust(to, -1) };
}

/**
 * Title and snippet of each hit with the matched words marked. Simple profiles compare word forms;
 * stemmed ones compare the lexemes PostgreSQL makes of each word, so `measures` marks `measure`.
 */
async function highlight(db: DB, rows: readonly repo.HitRow[], clauses: readonly Clause[]): Promise<SearchHit[]> {
  const prepared = rows.map((r) => {
    const profile = profileOf(r.profile);
    const forms = queryForms(clauses, r.profile);
    const titleTokens = analyze(r.title, r.profile);
    const win = windowOf(r.body, forms.norm);
    const body = r.body.slice(win.from, win.to);
    const bodyTokens = analyze(body, r.profile);
    return { r, profile, forms, titleTokens, body, win, bodyTokens };
  });
  const pairs = new Map<string, { cfg: string; word: string }>();
  for (const h of prepared) {
    if (h.profile.cfg === 'simple') continue;
    for (const w of [...h.forms.folded, ...h.titleTokens.map((t) => t.folded), ...h.bodyTokens.map((t) => t.folded)]) pairs.set(`${h.profile.cfg}\u0000${w}`, { cfg: h.profile.cfg, word: w });
  }
  const lexemes = await repo.lexemesOf(db, [...pairs.values()]);
  return prepared.map(({ r, profile, titleTokens, body, win, bodyTokens }) => {
    const prefixOk = (f: string) => [...f].length >= 2;
    const lex = (w: string) => (profile.cfg === 'simple' ? [w] : (lexemes.get(`${profile.cfg}\u0000${w}`) ?? []));
    /** Whether a word of the text is the word `q` of the query (same form, same lexeme, or a prefix). */
    const same = (t: Token, q: Token) => {
      if (profile.cfg === 'simple' && (t.folded === q.folded || t.norm === q.norm)) return true;
      const mine = lex(t.folded);
      return lex(q.folded).some((l) => mine.includes(l) || (profile.prefix && prefixOk(l) && mine.some((m) => m.startsWith(l))));
    };
    const phrases = phrasesOf(clauses, r.profile);
    const isMatch = markedBy(phrases, same, titleTokens, bodyTokens);
    const snippet = body ? buildSnippet(body, r.lang, isMatch, {}, bodyTokens).segments : [];
    if (win.from > 0 && snippet[0]?.text !== '…') snippet.unshift({ text: '…', match: false });
    if (win.to < r.body.length && snippet[snippet.length - 1]?.text !== '…') snippet.push({ text: '…', match: false });
    return {
      type: r.item_type,
      id: r.item_id,
      lang: r.lang,
      dir: directionOf(r.lang),
      title: markTokens(r.title, titleTokens, isMatch),
      snippet,
      bodyCode: r.body_code,
      year: r.year,
      ref: r.ref,
      score: Math.round(Number(r.rank) * 10_000) / 10_000,
    };
  });
}

/** For the job worker: at every pass, index what the triggers queued (a bounded batch). */
export function searchOutboxSchedule(): (db: DB) => Promise<void> {
  return async (db) => {
    await drainOutbox(db, { limit: 1000 });
  };
}
