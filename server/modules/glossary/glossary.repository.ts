/** The only SQL of the glossary module. */
import type { Selectable } from 'kysely';
import type { DB } from '../../db/database.ts';
import type { GlossaryConceptsTable, GlossaryLanguagesTable, GlossaryTermsTable } from '../../db/tables.ts';
import type { ConceptInput, TermKind } from './glossary.ts';

export type ConceptRow = Selectable<GlossaryConceptsTable>;
export type LanguageRow = Selectable<GlossaryLanguagesTable>;
export type TermRow = Selectable<GlossaryTermsTable>;

export interface ConceptRecord {
  concept: ConceptRow;
  languages: LanguageRow[];
  terms: TermRow[];
}

/** Concepts with their languages and terms; drafts only when `includeDrafts`. */
export async function listConcepts(db: DB, opts: { includeDrafts: boolean; ids?: string[] }): Promise<ConceptRecord[]> {
  let q = db.selectFrom('glossary_concepts').selectAll();
  if (!opts.includeDrafts) q = q.where('status', '<>', 'draft');
  if (opts.ids) {
    if (opts.ids.length === 0) return [];
    q = q.where('id', 'in', opts.ids);
  }
  const concepts = await q.orderBy('code').execute();
  if (concepts.length === 0) return [];
  const ids = concepts.map((c) => c.id);
  const languages = await db.selectFrom('glossary_languages').selectAll().where('concept_id', 'in', ids).orderBy('lang').execute();
  const terms = await db.selectFrom('glossary_terms').selectAll().where('concept_id', 'in', ids).orderBy('lang').orderBy('seq').execute();
  const langBy = new Map<string, LanguageRow[]>();
  for (const l of languages) langBy.set(l.concept_id, [...(langBy.get(l.concept_id) ?? []), l]);
  const termBy = new Map<string, TermRow[]>();
  for (const t of terms) termBy.set(t.concept_id, [...(termBy.get(t.concept_id) ?? []), t]);
  return concepts.map((concept) => ({ concept, languages: langBy.get(concept.id) ?? [], terms: termBy.get(concept.id) ?? [] }));
}

export async function findConcept(db: DB, by: { id: string } | { code: string }): Promise<ConceptRow | undefined> {
  let q = db.selectFrom('glossary_concepts').selectAll();
  q = 'id' in by ? q.where('id', '=', by.id) : q.where('code', '=', by.code);
  return q.executeTakeFirst();
}

export async function lockConcept(trx: DB, id: string): Promise<ConceptRow | undefined> {
  return trx.selectFrom('glossary_concepts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function conceptsByCodes(db: DB, codes: readonly string[]): Promise<ConceptRow[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('glossary_concepts').selectAll().where('code', 'in', codes).execute();
}

export async function insertConcept(trx: DB, c: ConceptInput, at: Date, by: string | null): Promise<ConceptRow> {
  return trx
    .insertInto('glossary_concepts')
    .values({
      code: c.code,
      subject: c.subject ?? null,
      status: c.status,
      source_title: c.source?.title ?? null,
      source_date: c.source?.date ?? null,
      source_url: c.source?.url ?? null,
      created_at: at,
      updated_at: at,
      created_by: by,
      updated_by: by,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateConcept(trx: DB, id: string, c: ConceptInput, at: Date, by: string | null): Promise<ConceptRow> {
  return trx
    .updateTable('glossary_concepts')
    .set({
      code: c.code,
      subject: c.subject ?? null,
      status: c.status,
      source_title: c.source?.title ?? null,
      source_date: c.source?.date ?? null,
      source_url: c.source?.url ?? null,
      updated_at: at,
      updated_by: by,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Replaces the languages and terms of a concept. */
export async function replaceContent(
  trx: DB,
  conceptId: string,
  languages: ConceptInput['languages'],
  terms: Array<{ lang: string; term: string; kind: TermKind; seq: number; matchKey: string }>,
): Promise<void> {
  await trx.deleteFrom('glossary_terms').where('concept_id', '=', conceptId).execute();
  await trx.deleteFrom('glossary_languages').where('concept_id', '=', conceptId).execute();
  if (languages.length) {
    await trx
      .insertInto('glossary_languages')
      .values(languages.map((l) => ({ concept_id: conceptId, lang: l.lang, definition: l.definition ?? null, note: l.note ?? null })))
      .execute();
  }
  if (terms.length) {
    await trx
      .insertInto('glossary_terms')
      .values(terms.map((t) => ({ concept_id: conceptId, lang: t.lang, term: t.term, kind: t.kind, seq: t.seq, match_key: t.matchKey })))
      .execute();
  }
}

/** Languages the glossary has terms in (for segmenting a query the way each would). */
export async function termLanguages(db: DB): Promise<string[]> {
  const rows = await db.selectFrom('glossary_terms').select('lang').distinct().execute();
  return rows.map((r) => r.lang);
}

/** Concepts with a term whose key is one of `keys`, with every term of those concepts. */
export async function conceptsMatchingKeys(db: DB, keys: readonly string[], includeDrafts: boolean): Promise<Array<{ conceptId: string; matched: string[]; terms: TermRow[] }>> {
  if (keys.length === 0) return [];
  let q = db
    .selectFrom('glossary_terms as t')
    .innerJoin('glossary_concepts as c', 'c.id', 't.concept_id')
    .select(['t.concept_id', 't.match_key'])
    .where('t.match_key', 'in', [...keys]);
  if (!includeDrafts) q = q.where('c.status', '<>', 'draft');
  const hits = await q.execute();
  if (hits.length === 0) return [];
  const ids = [...new Set(hits.map((h) => h.concept_id))];
  const terms = await db.selectFrom('glossary_terms').selectAll().where('concept_id', 'in', ids).orderBy('lang').orderBy('seq').execute();
  return ids.map((conceptId) => ({
    conceptId,
    matched: [...new Set(hits.filter((h) => h.concept_id === conceptId).map((h) => h.match_key))],
    terms: terms.filter((t) => t.concept_id === conceptId),
  }));
}

export async function countConcepts(db: DB): Promise<number> {
  const r = await db.selectFrom('glossary_concepts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
