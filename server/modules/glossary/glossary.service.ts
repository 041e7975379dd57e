/**
 * The glossary of key concepts: read (public; drafts for the Secretariat), write, import and export.
 * Every change is audited and indexed for search in its own transaction; an import is all or nothing.
 */
import type { DB } from '../../db/database.ts';
import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { authorize, can } from '../../shared/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getProfile } from '../profile/profile.service.ts';
import { indexItem } from '../search/search.indexer.ts';
import { glossaryItem } from '../search/sources.repository.ts';
import { buildCsv, parseCsv } from './csv.ts';
import {
  type ChineseOrder,
  checkConcept,
  compareTerms,
  type ConceptInput,
  directionOf,
  letterOf,
  normalizeConcept,
  type Problem,
  sortLetters,
  termsOf,
} from './glossary.ts';
import './glossary.policy.ts';
import * as repo from './glossary.repository.ts';
import type { ConceptPatchBody } from './glossary.schemas.ts';
import { buildTbx, type ParseResult, parseTbx, type Refusal } from './tbx.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A stored concept as an entry (the shape of the API input and of the files). */
export function inputOf(r: repo.ConceptRecord): ConceptInput {
  const c = r.concept;
  const langs = [...new Set([...r.terms.map((t) => t.lang), ...r.languages.map((l) => l.lang)])];
  return {
    code: c.code,
    subject: c.subject,
    status: c.status,
    source: c.source_title || c.source_date || c.source_url ? { title: c.source_title, date: c.source_date, url: c.source_url } : null,
    languages: langs
      .map((lang) => {
        const ts = r.terms.filter((t) => t.lang === lang);
        const l = r.languages.find((x) => x.lang === lang);
        return {
          lang,
          preferred: ts.find((t) => t.kind === 'preferred')?.term ?? '',
          synonyms: ts.filter((t) => t.kind === 'synonym').map((t) => t.term),
          abbreviations: ts.filter((t) => t.kind === 'abbreviation').map((t) => t.term),
          definition: l?.definition ?? null,
          note: l?.note ?? null,
        };
      })
      .filter((l) => l.preferred),
  };
}

function viewOf(r: repo.ConceptRecord, ctx: Ctx) {
  const input = inputOf(r);
  return {
    id: r.concept.id,
    code: input.code,
    subject: input.subject ?? null,
    status: input.status,
    source: input.source ? { title: input.source.title ?? null, date: input.source.date ?? null, url: input.source.url ?? null } : null,
    languages: input.languages.map((l) => ({
      lang: l.lang,
      dir: directionOf(l.lang),
      preferred: l.preferred,
      synonyms: l.synonyms ?? [],
      abbreviations: l.abbreviations ?? [],
      definition: l.definition ?? null,
      note: l.note ?? null,
    })),
    createdAt: iso(r.concept.created_at),
    updatedAt: iso(r.concept.updated_at),
    can: { manage: can(ctx.actor, 'glossary.manage', null, { now: ctx.clock.now() }) },
  };
}

const seesDrafts = (ctx: Ctx) => can(ctx.actor, 'glossary.readDrafts', null, { now: ctx.clock.now() });

// ---------------------------------------------------------------------------------------------
// Reading

/** The index of one language: entries by letter (Chinese: pinyin initial, or first character in stroke order). */
export async function glossaryIndex(db: DB, ctx: Ctx, q: { lang?: string; order?: ChineseOrder }) {
  const records = await repo.listConcepts(db, { includeDrafts: seesDrafts(ctx) });
  const lang = q.lang ?? 'en';
  const isChinese = lang.split('-')[0] === 'zh';
  const order: ChineseOrder = isChinese ? (q.order ?? 'pinyin') : 'pinyin';
  const counts = new Map<string, number>();
  const entries: Array<{
    id: string;
    code: string;
    status: ConceptInput['status'];
    subject: string | null;
    letter: string;
    term: string;
    abbreviations: string[];
    definition: string | null;
    languages: string[];
  }> = [];
  for (const r of records) {
    const input = inputOf(r);
    for (const l of input.languages) counts.set(l.lang, (counts.get(l.lang) ?? 0) + 1);
    const l = input.languages.find((x) => x.lang === lang);
    if (!l) continue;
    entries.push({
      id: r.concept.id,
      code: input.code,
      status: input.status,
      subject: input.subject ?? null,
      letter: letterOf(l.preferred, lang, order),
      term: l.preferred,
      abbreviations: l.abbreviations ?? [],
      definition: l.definition ?? null,
      languages: input.languages.map((x) => x.lang),
    });
  }
  const cmp = compareTerms(lang, order);
  const letters = sortLetters(
    entries.map((e) => e.letter),
    lang,
    order,
  );
  entries.sort((a, b) => letters.indexOf(a.letter) - letters.indexOf(b.letter) || cmp(a.term, b.term));
  return {
    lang,
    dir: directionOf(lang),
    order: isChinese ? order : ('alphabetical' as const),
    languages: [...counts.entries()].map(([l, count]) => ({ lang: l, count })).sort((a, b) => b.count - a.count || a.lang.localeCompare(b.lang)),
    letters: letters.map((letter) => ({ letter, count: entries.filter((e) => e.letter === letter).length })),
    entries,
    can: { manage: can(ctx.actor, 'glossary.manage', null, { now: ctx.clock.now() }) },
  };
}

async function loadRecord(db: DB, ctx: Ctx, idOrCode: string): Promise<repo.ConceptRecord> {
  const row = await repo.findConcept(db, uuidPattern.test(idOrCode) ? { id: idOrCode } : { code: idOrCode.toLowerCase() });
  if (!row || (row.status === 'draft' && !seesDrafts(ctx))) throw new AppError('not_found', 'not_found', 'The glossary entry was not found.');
  const [record] = await repo.listConcepts(db, { includeDrafts: true, ids: [row.id] });
  return record!;
}

export async function getConcept(db: DB, ctx: Ctx, idOrCode: string) {
  return viewOf(await loadRecord(db, ctx, idOrCode), ctx);
}

// ---------------------------------------------------------------------------------------------
// Writing

function invalid(problems: Problem[]): AppError {
  return new AppError('unprocessable', 'glossary.invalid_entry', `The entry is not valid: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, { fields: problems });
}

/** Saves one entry (new or replacing `existing`), indexes it and audits it, in the caller's transaction. */
async function saveIn(trx: DB, ctx: Ctx, input: ConceptInput, existing: repo.ConceptRecord | null, action: string) {
  const now = ctx.clock.now();
  const row = existing ? await repo.updateConcept(trx, existing.concept.id, input, now, ctx.actor.userId) : await repo.insertConcept(trx, input, now, ctx.actor.userId);
  await repo.replaceContent(trx, row.id, input.languages, termsOf(input));
  const item = await glossaryItem(trx, row.id);
  if (item) await indexItem(trx, item);
  await recordAudit(trx, ctx, {
    action,
    objectType: 'glossary_concept',
    objectId: row.id,
    before: existing ? inputOf(existing) : null,
    after: input,
  });
  return row;
}

async function codeTaken(db: DB, code: string, exceptId?: string): Promise<boolean> {
  const other = await repo.findConcept(db, { code });
  return !!other && other.id !== exceptId;
}

export async function createConcept(db: DB, ctx: Ctx, body: ConceptInput) {
  authorize(ctx.actor, 'glossary.manage', null, { now: ctx.clock.now() });
  const input = normalizeConcept(body);
  const problems = checkConcept(input);
  if (problems.length) throw invalid(problems);
  const id = await db.transaction().execute(async (trx) => {
    if (await codeTaken(trx, input.code)) throw new AppError('conflict', 'glossary.code_taken', `An entry with the code ${input.code} exists already.`, { fields: [{ field: 'code', message: 'is taken' }] });
    return (await saveIn(trx, ctx, input, null, 'glossary.create')).id;
  });
  return getConcept(db, ctx, id);
}

export async function updateConcept(db: DB, ctx: Ctx, idOrCode: string, patch: ConceptPatchBody) {
  authorize(ctx.actor, 'glossary.manage', null, { now: ctx.clock.now() });
  const id = await db.transaction().execute(async (trx) => {
    const current = await loadRecord(trx, ctx, idOrCode);
    await repo.lockConcept(trx, current.concept.id);
    const before = inputOf(current);
    const replaced = new Map((patch.languages ?? []).map((l) => [l.lang, l]));
    const removed = new Set(patch.removeLanguages ?? []);
    const languages = [...before.languages.filter((l) => !replaced.has(l.lang) && !removed.has(l.lang)), ...replaced.values()];
    const next = normalizeConcept({
      code: patch.code ?? before.code,
      subject: patch.subject === undefined ? before.subject : patch.subject,
      status: patch.status ?? before.status,
      source: patch.source === undefined ? before.source : patch.source,
      languages,
    });
    const problems = checkConcept(next);
    if (problems.length) throw invalid(problems);
    if (next.code !== before.code && (await codeTaken(trx, next.code, current.concept.id))) {
      throw new AppError('conflict', 'glossary.code_taken', `An entry with the code ${next.code} exists already.`, { fields: [{ field: 'code', message: 'is taken' }] });
    }
    await saveIn(trx, ctx, next, current, 'glossary.update');
    return current.concept.id;
  });
  return getConcept(db, ctx, id);
}

// ---------------------------------------------------------------------------------------------
// Import and export

export interface ImportReport {
  format: 'tbx' | 'csv';
  dryRun: boolean;
  imported: boolean;
  entries: number;
  created: number;
  updated: number;
  unchanged: number;
  refused: Refusal[];
}

const same = (a: ConceptInput, b: ConceptInput) => JSON.stringify(normalizeConcept(a)) === JSON.stringify(normalizeConcept(b));

/** The line a problem points at: its language section when it names one, else the entry. */
function problemLine(entry: ParseResult['entries'][number], field: string): number {
  const m = /^languages\.(\d+)\./.exec(field);
  return m ? (entry.languageLines[Number(m[1])] ?? entry.line) : entry.line;
}

/**
 * Imports TBX-Basic or CSV: every entry is checked first, and refusals are reported with their line
 * and reason. Nothing is stored unless nothing was refused (one transaction); a dry run only reports.
 * Entries are matched to existing ones by code: new codes are created, known ones replaced.
 */
export async function importGlossary(db: DB, ctx: Ctx, body: { format: 'tbx' | 'csv'; content: string; dryRun?: boolean }): Promise<ImportReport> {
  authorize(ctx.actor, 'glossary.manage', null, { now: ctx.clock.now() });
  const parsed = body.format === 'tbx' ? parseTbx(body.content) : parseCsv(body.content);
  const refused: Refusal[] = [...parsed.refused];
  const seen = new Map<string, number>();
  const valid: Array<{ line: number; input: ConceptInput }> = [];
  for (const e of parsed.entries) {
    const input = normalizeConcept(e.input);
    const problems = checkConcept(input);
    for (const p of problems) refused.push({ line: problemLine(e, p.field), code: input.code, field: p.field, reason: p.message });
    if (seen.has(input.code)) refused.push({ line: e.line, code: input.code, field: 'code', reason: `The code ${input.code} is given twice (first on line ${seen.get(input.code)}).` });
    else seen.set(input.code, e.line);
    if (problems.length === 0) valid.push({ line: e.line, input });
  }
  refused.sort((a, b) => a.line - b.line);
  const dryRun = body.dryRun === true;
  const report: ImportReport = { format: body.format, dryRun, imported: false, entries: parsed.entries.length, created: 0, updated: 0, unchanged: 0, refused };

  const apply = async (trx: DB, write: boolean) => {
    const existing = await repo.conceptsByCodes(
      trx,
      valid.map((v) => v.input.code),
    );
    const records = await repo.listConcepts(trx, { includeDrafts: true, ids: existing.map((c) => c.id) });
    for (const v of valid) {
      const current = records.find((r) => r.concept.code === v.input.code) ?? null;
      if (current && same(inputOf(current), v.input)) {
        report.unchanged++;
        continue;
      }
      if (current) report.updated++;
      else report.created++;
      if (write) await saveIn(trx, ctx, v.input, current, current ? 'glossary.import_update' : 'glossary.import_create');
    }
  };

  if (dryRun || refused.length > 0) {
    await apply(db, false);
    if (!dryRun) {
      throw new AppError(
        'unprocessable',
        'glossary.import_refused',
        `${refused.length} problem(s) found; nothing was imported. Fix them and import the file again.`,
        { fields: refused.map((r) => ({ field: `line ${r.line}${r.code ? ` (${r.code})` : ''}${r.field ? ` ${r.field}` : ''}`, message: r.reason })) },
      );
    }
    return report;
  }
  await db.transaction().execute(async (trx) => {
    await apply(trx, true);
    await recordAudit(trx, ctx, {
      action: 'glossary.import',
      objectType: 'glossary',
      objectId: null,
      after: { format: body.format, entries: report.entries, created: report.created, updated: report.updated, unchanged: report.unchanged },
    });
  });
  report.imported = true;
  return report;
}

export async function exportGlossary(db: DB, ctx: Ctx, format: 'tbx' | 'csv'): Promise<{ body: string; contentType: string; fileName: string }> {
  const records = await repo.listConcepts(db, { includeDrafts: seesDrafts(ctx) });
  const entries = records.map(inputOf);
  const profile = await getProfile(db);
  const forum = profile?.abbreviation?.en ?? profile?.code ?? 'Concord';
  const date = ctx.clock.now().toISOString().slice(0, 10);
  if (format === 'csv') return { body: buildCsv(entries), contentType: 'text/csv; charset=utf-8; header=present', fileName: `glossary-${date}.csv` };
  const body = buildTbx(entries, { title: `Key concepts of ${forum}`, sourceNote: `Exported from Concord on ${date}.` });
  return { body, contentType: 'application/x-tbx+xml; charset=utf-8', fileName: `glossary-${date}.tbx` };
}

/** Loads the demo key concepts in the caller's transaction (the demo loader's). Returns how many. */
export async function loadGlossaryDemo(trx: DB, ctx: Ctx, concepts: readonly ConceptInput[]): Promise<number> {
  authorize(ctx.actor, 'glossary.manage', null, { now: ctx.clock.now() });
  let n = 0;
  for (const c of concepts) {
    const input = normalizeConcept(c);
    const problems = checkConcept(input);
    if (problems.length) throw invalid(problems);
    if (await codeTaken(trx, input.code)) continue;
    await saveIn(trx, ctx, input, null, 'glossary.create');
    n++;
  }
  return n;
}
