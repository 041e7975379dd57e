/**
 * The only SQL of the documents module. Every read of a document, its languages, text, files or
 * counts goes through `visibleTo(actor, now)`: one predicate, so no query can forget access.
 */
import { type Expression, type Insertable, type RawBuilder, type Selectable, type SqlBool, sql, type Updateable } from 'kysely';
import type { DB } from '../../db/database.ts';
import type { DocumentFilesTable, DocumentLanguagesTable, DocumentsTable } from '../../db/tables.ts';
import type { Actor } from '../../shared/context.ts';
import type { AccessFacts, AccessLevel, Series } from './document.ts';

export type DocumentRow = Selectable<DocumentsTable>;
export type LanguageRow = Selectable<DocumentLanguagesTable>;
export type FileMeta = Omit<Selectable<DocumentFilesTable>, 'content'>;

/**
 * Whether the `documents` row in scope may be read by `actor` at `now`, as one SQL expression.
 * Mirrors `canRead` in document.ts exactly (tested against it).
 */
export function visibleTo(actor: Actor, now: Date): RawBuilder<SqlBool> {
  const partyId = actor.kind === 'user' ? actor.partyId : null;
  if (partyId && actor.partyKind === 'secretariat') return sql<SqlBool>`true`;
  const level = sql`(CASE WHEN documents.derestrict_at IS NOT NULL AND documents.derestrict_at <= ${now} THEN documents.derestrict_to ELSE documents.access_level END)`;
  const levels: Expression<SqlBool>[] = [sql<SqlBool>`${level} = 'public'`];
  if (partyId) {
    if (actor.partyKind === 'member-state') levels.push(sql<SqlBool>`${level} IN ('members', 'members-and-observers')`);
    if (actor.partyKind === 'observer-state' || actor.partyKind === 'observer-organization') levels.push(sql<SqlBool>`${level} = 'members-and-observers'`);
    levels.push(
      sql<SqlBool>`(${level} = 'restricted' AND EXISTS (SELECT 1 FROM document_access_parties dap WHERE dap.document_id = documents.id AND dap.party_id = ${partyId}))`,
    );
  }
  const byLevel = sql<SqlBool>`(documents.status <> 'draft' AND (${sql.join(levels, sql` OR `)}))`;
  if (!partyId) return byLevel;
  return sql<SqlBool>`(documents.submitting_party_id = ${partyId} OR ${byLevel})`;
}

/**
 * The next number in a (prefix, body, year, series) sequence. The counter row is created or
 * incremented in the caller's transaction and stays locked until it commits, so concurrent
 * creations queue and a rolled-back creation gives its number back: no gaps, no duplicates.
 */
export async function takeNextNumber(trx: DB, key: { prefix: string; bodyCode: string; year: number; series: Series }): Promise<number> {
  const row = await trx
    .insertInto('document_counters')
    .values({ prefix: key.prefix, body_code: key.bodyCode, year: key.year, series: key.series, last_number: 1 })
    .onConflict((oc) => oc.columns(['prefix', 'body_code', 'year', 'series']).doUpdateSet({ last_number: sql`document_counters.last_number + 1` }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

export async function insertDocument(trx: DB, values: Insertable<DocumentsTable>): Promise<DocumentRow> {
  return trx.insertInto('documents').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateDocument(trx: DB, id: string, patch: Updateable<DocumentsTable>): Promise<DocumentRow> {
  return trx.updateTable('documents').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** A document the actor may read, or undefined (absent and hidden look the same). */
export async function findVisibleDocument(db: DB, actor: Actor, now: Date, by: { id: string } | { symbol: string }): Promise<DocumentRow | undefined> {
  let q = db.selectFrom('documents').selectAll().where(visibleTo(actor, now));
  q = 'id' in by ? q.where('id', '=', by.id) : q.where('symbol', '=', by.symbol);
  return q.executeTakeFirst();
}

/** Locks and returns a document for a change (the caller has checked visibility). */
export async function lockDocument(trx: DB, id: string): Promise<DocumentRow | undefined> {
  return trx.selectFrom('documents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function addressedPartyIds(db: DB, documentId: string): Promise<string[]> {
  const rows = await db.selectFrom('document_access_parties').select('party_id').where('document_id', '=', documentId).execute();
  return rows.map((r) => r.party_id);
}

export async function setAddressedParties(trx: DB, documentId: string, partyIds: string[]): Promise<void> {
  await trx.deleteFrom('document_access_parties').where('document_id', '=', documentId).execute();
  if (partyIds.length) await trx.insertInto('document_access_parties').values(partyIds.map((party_id) => ({ document_id: documentId, party_id }))).execute();
}

export function accessFactsOf(row: DocumentRow, addressed: string[]): AccessFacts {
  return {
    status: row.status,
    accessLevel: row.access_level,
    derestrictAt: row.derestrict_at ? new Date(row.derestrict_at) : null,
    derestrictTo: row.derestrict_to,
    submittingPartyId: row.submitting_party_id,
    addressedPartyIds: addressed,
  };
}

export async function insertAccessHistory(
  trx: DB,
  v: {
    documentId: string;
    at: Date;
    actorUserId: string | null;
    change: 'set' | 'derestricted' | 'derestriction-scheduled' | 'derestriction-cancelled';
    from: AccessLevel | null;
    to: AccessLevel;
    partyIds: string[];
    effectiveAt?: Date | null;
    decisionRef?: string | null;
    note?: string | null;
  },
): Promise<void> {
  await trx
    .insertInto('document_access_history')
    .values({
      document_id: v.documentId,
      at: v.at,
      actor_user_id: v.actorUserId,
      change: v.change,
      from_level: v.from,
      to_level: v.to,
      party_ids: JSON.stringify(v.partyIds),
      effective_at: v.effectiveAt ?? null,
      decision_ref: v.decisionRef ?? null,
      note: v.note ?? null,
    })
    .execute();
}

export async function accessHistory(db: DB, documentId: string) {
  return db.selectFrom('document_access_history').selectAll().where('document_id', '=', documentId).orderBy('seq').execute();
}

// ---------------------------------------------------------------------------------------------
// Lists

export interface ListFilters {
  body?: string;
  meeting?: string;
  type?: string;
  status?: string;
  language?: string;
  year?: number;
  q?: string;
  sort: 'date' | '-date' | 'symbol' | '-symbol' | 'title' | '-title' | 'updated' | '-updated';
  limit: number;
  offset: number;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filtered(db: DB, actor: Actor, now: Date, f: Omit<ListFilters, 'sort' | 'limit' | 'offset'>) {
  let q = db.selectFrom('documents').where(visibleTo(actor, now));
  if (f.body) q = q.where('documents.body_code', '=', f.body);
  if (f.meeting) q = q.where('documents.meeting_id', '=', f.meeting);
  if (f.type) q = q.where('documents.type', '=', f.type);
  if (f.status) q = q.where('documents.status', '=', f.status as DocumentRow['status']);
  if (f.year) q = q.where('documents.year', '=', f.year);
  if (f.language) {
    const lang = f.language;
    q = q.where(({ exists, selectFrom }) =>
      exists(selectFrom('document_languages as dl').select(sql`1`.as('one')).whereRef('dl.document_id', '=', 'documents.id').where('dl.language', '=', lang)),
    );
  }
  if (f.q) {
    const pattern = `%${likeEscape(f.q.toLowerCase())}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(documents.title)`, 'like', pattern),
        eb(sql`documents.symbol`, 'ilike', pattern),
        eb.exists(
          eb
            .selectFrom('document_languages as dl')
            .select(sql`1`.as('one'))
            .whereRef('dl.document_id', '=', 'documents.id')
            .where(sql`lower(dl.title)`, 'like', pattern),
        ),
      ]),
    );
  }
  return q;
}

export async function listVisibleDocuments(db: DB, actor: Actor, now: Date, f: ListFilters): Promise<{ rows: DocumentRow[]; total: number }> {
  const base = filtered(db, actor, now, f);
  const desc = f.sort.startsWith('-');
  const dir = desc ? 'desc' : 'asc';
  let q = base.selectAll('documents');
  switch (f.sort.replace('-', '')) {
    case 'symbol':
      q = q
        .orderBy('documents.prefix', dir)
        .orderBy('documents.body_code', dir)
        .orderBy('documents.year', dir)
        .orderBy('documents.series', dir)
        .orderBy('documents.number', dir)
        .orderBy(sql`coalesce(documents.rev_no, 0)`, dir)
        .orderBy(sql`coalesce(documents.add_no, 0)`, dir)
        .orderBy(sql`coalesce(documents.corr_no, 0)`, dir);
      break;
    case 'title':
      q = q.orderBy(sql`lower(documents.title)`, dir);
      break;
    case 'updated':
      q = q.orderBy('documents.updated_at', dir);
      break;
    default:
      q = q.orderBy('documents.document_date', dir).orderBy('documents.created_at', dir);
  }
  const rows = await q.orderBy('documents.id', dir).limit(f.limit).offset(f.offset).execute();
  const { n } = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(n) };
}

/** The visible members of a family (the numbered document, its revisions, addenda, corrigenda). */
export async function visibleFamily(db: DB, actor: Actor, now: Date, baseId: string): Promise<DocumentRow[]> {
  return db
    .selectFrom('documents')
    .selectAll()
    .where(visibleTo(actor, now))
    .where((eb) => eb.or([eb('id', '=', baseId), eb('base_id', '=', baseId)]))
    .orderBy(sql`coalesce(rev_no, 0)`)
    .orderBy(sql`coalesce(add_no, 0)`)
    .orderBy(sql`coalesce(corr_no, 0)`)
    .execute();
}

/** Every symbol in a family, visible or not: numbering must see them all (service use only, never returned). */
export async function familySymbols(trx: DB, baseId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('documents')
    .select('symbol')
    .where((eb) => eb.or([eb('id', '=', baseId), eb('base_id', '=', baseId)]))
    .execute();
  return rows.map((r) => r.symbol);
}

// ---------------------------------------------------------------------------------------------
// Language versions

export async function languagesOf(db: DB, documentIds: string[]): Promise<LanguageRow[]> {
  if (documentIds.length === 0) return [];
  return db.selectFrom('document_languages').selectAll().where('document_id', 'in', documentIds).orderBy('document_id').orderBy('role').orderBy('language').execute();
}

export async function findLanguage(db: DB, documentId: string, language: string): Promise<LanguageRow | undefined> {
  return db.selectFrom('document_languages').selectAll().where('document_id', '=', documentId).where('language', '=', language).executeTakeFirst();
}

export async function insertLanguage(trx: DB, v: Insertable<DocumentLanguagesTable>): Promise<LanguageRow> {
  return trx.insertInto('document_languages').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function updateLanguage(trx: DB, id: string, patch: Updateable<DocumentLanguagesTable>): Promise<LanguageRow> {
  return trx.updateTable('document_languages').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteLanguage(trx: DB, id: string): Promise<void> {
  await trx.deleteFrom('document_languages').where('id', '=', id).execute();
}

export async function languageHasContent(trx: DB, languageId: string): Promise<boolean> {
  const r = await trx.selectFrom('document_text_revisions').select('id').where('language_id', '=', languageId).limit(1).executeTakeFirst();
  const f = await trx.selectFrom('document_files').select('id').where('language_id', '=', languageId).limit(1).executeTakeFirst();
  return !!r || !!f;
}

// ---------------------------------------------------------------------------------------------
// Text revisions and paragraphs

export async function latestRevision(db: DB, languageId: string) {
  return db.selectFrom('document_text_revisions').selectAll().where('language_id', '=', languageId).orderBy('n', 'desc').limit(1).executeTakeFirst();
}

export async function latestRevisionNumbers(db: DB, languageIds: string[]): Promise<Map<string, number>> {
  if (languageIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('document_text_revisions')
    .select(['language_id', (eb) => eb.fn.max('n').as('n')])
    .where('language_id', 'in', languageIds)
    .groupBy('language_id')
    .execute();
  return new Map(rows.map((r) => [r.language_id, Number(r.n)]));
}

export async function insertRevision(
  trx: DB,
  v: { languageId: string; n: number; at: Date; by: string | null; note: string | null; paragraphs: { html: string; plain: string }[] },
) {
  const rev = await trx
    .insertInto('document_text_revisions')
    .values({ language_id: v.languageId, n: v.n, created_at: v.at, created_by: v.by, note: v.note, paragraph_count: v.paragraphs.length })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (let i = 0; i < v.paragraphs.length; i += 500) {
    const chunk = v.paragraphs.slice(i, i + 500).map((p, k) => ({ revision_id: rev.id, n: i + k + 1, html: p.html, plain: p.plain }));
    if (chunk.length) await trx.insertInto('document_paragraphs').values(chunk).execute();
  }
  return rev;
}

export async function listRevisions(db: DB, languageId: string) {
  return db.selectFrom('document_text_revisions').selectAll().where('language_id', '=', languageId).orderBy('n', 'desc').execute();
}

export async function findRevision(db: DB, languageId: string, n: number) {
  return db.selectFrom('document_text_revisions').selectAll().where('language_id', '=', languageId).where('n', '=', n).executeTakeFirst();
}

export async function paragraphsOf(db: DB, revisionId: string) {
  return db.selectFrom('document_paragraphs').select(['n', 'html', 'plain']).where('revision_id', '=', revisionId).orderBy('n').execute();
}

/** Current paragraphs of several language versions at once (for the parallel view). */
export async function currentParagraphs(db: DB, languageIds: string[]) {
  if (languageIds.length === 0) return [];
  const latest = await db
    .selectFrom('document_text_revisions')
    .select(['language_id', (eb) => eb.fn.max('n').as('n')])
    .where('language_id', 'in', languageIds)
    .groupBy('language_id')
    .execute();
  if (latest.length === 0) return [];
  return db
    .selectFrom('document_paragraphs as p')
    .innerJoin('document_text_revisions as r', 'r.id', 'p.revision_id')
    .select(['r.language_id', 'r.n as revision', 'p.n', 'p.html', 'p.plain'])
    .where((eb) => eb.or(latest.map((l) => eb.and([eb('r.language_id', '=', l.language_id), eb('r.n', '=', Number(l.n))]))))
    .orderBy('r.language_id')
    .orderBy('p.n')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Files

const fileMetaColumns = ['id', 'document_id', 'language_id', 'file_name', 'media_type', 'size_bytes', 'sha256', 'created_at', 'created_by'] as const;

export async function insertFile(trx: DB, v: Insertable<DocumentFilesTable>): Promise<FileMeta> {
  return trx.insertInto('document_files').values(v).returning(fileMetaColumns).executeTakeFirstOrThrow();
}

export async function filesOf(db: DB, documentId: string): Promise<FileMeta[]> {
  return db.selectFrom('document_files').select(fileMetaColumns).where('document_id', '=', documentId).orderBy('created_at', 'desc').execute();
}

/** A file with its bytes, only when its document is visible to the actor. */
export async function findVisibleFile(db: DB, actor: Actor, now: Date, documentId: string, fileId: string) {
  return db
    .selectFrom('document_files')
    .innerJoin('documents', 'documents.id', 'document_files.document_id')
    .select(['document_files.id', 'document_files.file_name', 'document_files.media_type', 'document_files.size_bytes', 'document_files.sha256', 'document_files.content'])
    .where(visibleTo(actor, now))
    .where('document_files.document_id', '=', documentId)
    .where('document_files.id', '=', fileId)
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// Dashboard, parties, bodies

/** Language versions not yet ready, per language, across every document (Secretariat only). */
export async function pendingTranslations(db: DB, actor: Actor, now: Date) {
  return db
    .selectFrom('document_languages as dl')
    .innerJoin('documents', 'documents.id', 'dl.document_id')
    .select([
      'dl.language',
      'dl.status',
      'dl.translator',
      'dl.updated_at',
      'documents.id as document_id',
      'documents.symbol',
      'documents.title',
      'documents.document_date',
      'documents.status as document_status',
    ])
    .where(visibleTo(actor, now))
    .where('dl.status', '<>', 'ready')
    .where('documents.status', 'not in', ['superseded', 'withdrawn'])
    .orderBy('dl.language')
    .orderBy('documents.document_date')
    .orderBy('documents.symbol')
    .execute();
}

export async function partiesByCodes(db: DB, codes: string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('parties').select(['id', 'code', 'kind']).where('code', 'in', codes).execute();
}

export async function partyCodesByIds(db: DB, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('parties').select(['id', 'code']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}

export async function bodyExists(db: DB, code: string): Promise<boolean> {
  return !!(await db.selectFrom('bodies').select('code').where('code', '=', code).executeTakeFirst());
}
