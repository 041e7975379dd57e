/**
 * Bulk import of existing documents: a folder of files and a metadata sheet `documents.csv`
 * (columns symbol, type, body, date, language, title, access, file; optional status). One row is
 * one language version of one document: the first row of a symbol creates the document in that
 * (original) language, later rows add translations. Each row is imported in its own transaction:
 * a refused row leaves nothing behind and the report says why.
 *
 * The import runs as the system (an operator with database access), so it is not subject to the
 * documents policy; every row is audited as `documents.import`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import type { DB } from '../../db/database.ts';
import type { Ctx } from '../../shared/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireProfile } from '../profile/profile.service.ts';
import { type AccessLevel, accessLevels, baseSymbol, documentStatuses, documentTypes, formatSymbol, parseSymbol, yearOf } from './document.ts';
import * as repo from './documents.repository.ts';
import { checkFileName, fileKinds, sniffFile } from './files.ts';

export const importColumns = ['symbol', 'type', 'body', 'date', 'language', 'title', 'access', 'file'] as const;

export interface ImportReport {
  rows: number;
  imported: number;
  created: number;
  refused: { row: number; symbol: string; language: string; reason: string }[];
}

class RowRefused extends Error {}
const refuse = (reason: string): never => {
  throw new RowRefused(reason);
};

type Row = Record<string, string>;

/** Reads `documents.csv` (RFC 4180, UTF-8, header row) from `dir`. */
export function readSheet(dir: string): Row[] {
  const file = path.join(dir, 'documents.csv');
  if (!existsSync(file)) throw new Error(`No documents.csv in ${dir}. It needs the columns ${importColumns.join(', ')}.`);
  const rows = parse(readFileSync(file), { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), bom: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as Row[];
  const header = rows.length ? Object.keys(rows[0]) : [];
  const missing = importColumns.filter((c) => c !== 'symbol' && !header.includes(c));
  if (rows.length && missing.length) throw new Error(`documents.csv lacks the column(s) ${missing.join(', ')}.`);
  return rows;
}

/** `restricted:KZ|CN` → level and party codes. */
function parseAccess(v: string): { level: AccessLevel; parties: string[] } {
  const [level, list = ''] = v.split(':');
  if (!(accessLevels as readonly string[]).includes(level)) refuse(`access "${v}" is not one of ${accessLevels.join(', ')} (restricted:KZ|CN names the parties)`);
  const parties = list
    .split(/[|; ]+/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  if (level === 'restricted' && parties.length === 0) refuse('a restricted document must name its parties, e.g. restricted:KZ|CN');
  if (level !== 'restricted' && parties.length) refuse('only a restricted document names parties');
  return { level: level as AccessLevel, parties };
}

function readRowFile(dir: string, name: string): { bytes: Buffer; fileName: string } {
  if (!name) refuse('the file column is empty');
  const root = realpathSync(dir);
  const full = path.resolve(root, name);
  if (!full.startsWith(root + path.sep)) refuse(`the file "${name}" lies outside the import folder`);
  if (!existsSync(full) || !statSync(full).isFile()) refuse(`the file "${name}" does not exist`);
  if (!realpathSync(full).startsWith(root + path.sep)) refuse(`the file "${name}" links outside the import folder`);
  return { bytes: readFileSync(full), fileName: path.basename(full) };
}

async function importRow(trx: DB, ctx: Ctx, prefix: string, dir: string, row: Row, maxBytes: number): Promise<'created' | 'added'> {
  const language = row.language;
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(language ?? '')) refuse(`language "${language}" is not a language code such as en, ru, zh`);
  const { bytes, fileName } = readRowFile(dir, row.file);
  if (bytes.length > maxBytes) refuse(`the file is larger than ${Math.round(maxBytes / 1048576)} MB`);
  const sniff = sniffFile(bytes);
  if (!sniff.ok) return refuse(sniff.message);
  const name = checkFileName(fileName, sniff.kind);
  if (!name.ok) return refuse(name.message);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const now = ctx.clock.now();

  const parts = row.symbol ? parseSymbol(row.symbol) : null;
  if (row.symbol && !parts) refuse(`"${row.symbol}" is not a symbol such as ${prefix}/SOC/2025/3`);
  if (parts && parts.prefix !== prefix) refuse(`the symbol does not start with this forum's prefix ${prefix}/`);
  const existing = parts ? await trx.selectFrom('documents').selectAll().where('symbol', '=', formatSymbol(parts)).executeTakeFirst() : undefined;

  let documentId: string;
  let outcome: 'created' | 'added';
  if (existing) {
    documentId = existing.id;
    outcome = 'added';
    let lang = await repo.findLanguage(trx, documentId, language);
    if (!lang) {
      lang = await repo.insertLanguage(trx, { document_id: documentId, language, role: 'translation', status: 'ready', authoritative: false, title: row.title || null, created_at: now, updated_at: now });
    }
    const dup = await trx.selectFrom('document_files').select('id').where('language_id', '=', lang.id).where('sha256', '=', sha256).executeTakeFirst();
    if (dup) refuse('this file was imported already');
    await repo.insertFile(trx, { document_id: documentId, language_id: lang.id, file_name: name.name, media_type: fileKinds[sniff.kind].mime, size_bytes: bytes.length, sha256, content: bytes, created_at: now, created_by: null });
  } else {
    if (!(documentTypes as readonly string[]).includes(row.type)) refuse(`type "${row.type}" is not one of ${documentTypes.join(', ')}`);
    const status = row.status || 'issued';
    if (!(documentStatuses as readonly string[]).includes(status)) refuse(`status "${status}" is not one of ${documentStatuses.join(', ')}`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(row.date ?? '') || Number.isNaN(Date.parse(`${row.date}T00:00:00Z`))) refuse(`date "${row.date}" is not a date YYYY-MM-DD`);
    if (!row.title) refuse('the title is empty');
    const bodyCode = parts?.body ?? row.body;
    if (parts && row.body && row.body !== parts.body) refuse(`the body ${row.body} differs from the symbol's ${parts.body}`);
    if (!bodyCode || !(await repo.bodyExists(trx, bodyCode))) refuse(`no body with code "${bodyCode}"`);
    const access = parseAccess(row.access);
    const partyRows = await repo.partiesByCodes(trx, access.parties);
    const unknown = access.parties.filter((c) => !partyRows.some((p) => p.code === c));
    if (unknown.length) refuse(`no party with code ${unknown.join(', ')}`);
    let base: repo.DocumentRow | undefined;
    let symbolParts = parts;
    if (symbolParts && (symbolParts.rev !== null || symbolParts.add !== null || symbolParts.corr !== null)) {
      base = await trx.selectFrom('documents').selectAll().where('symbol', '=', baseSymbol(symbolParts)).executeTakeFirst();
      if (!base) refuse(`import ${baseSymbol(symbolParts)} before its revisions, addenda and corrigenda`);
    } else if (symbolParts) {
      // A known number: the counter moves past it so new documents never collide.
      await trx
        .insertInto('document_counters')
        .values({ prefix, body_code: symbolParts.body, year: symbolParts.year, series: symbolParts.series, last_number: symbolParts.number })
        .onConflict((oc) => oc.columns(['prefix', 'body_code', 'year', 'series']).doUpdateSet({ last_number: sql`greatest(document_counters.last_number, excluded.last_number)` }))
        .execute();
    } else {
      const series = access.level === 'restricted' ? 'restricted' : 'general';
      const number = await repo.takeNextNumber(trx, { prefix, bodyCode, year: yearOf(row.date), series });
      symbolParts = { prefix, body: bodyCode, year: yearOf(row.date), series, number, rev: null, add: null, corr: null };
    }
    const sp = symbolParts!;
    const doc = await repo.insertDocument(trx, {
      symbol: formatSymbol(sp),
      prefix,
      body_code: sp.body,
      year: sp.year,
      series: sp.series,
      number: sp.number,
      rev_no: sp.rev,
      add_no: sp.add,
      corr_no: sp.corr,
      base_id: base?.id ?? null,
      parent_id: base?.id ?? null,
      relation: sp.rev !== null && sp.add === null && sp.corr === null ? 'revision' : sp.corr !== null ? 'corrigendum' : sp.add !== null ? 'addendum' : null,
      type: row.type,
      title: row.title,
      original_language: language,
      document_date: row.date,
      status: status as repo.DocumentRow['status'],
      access_level: access.level,
      created_by: null,
      created_at: now,
      updated_at: now,
    });
    documentId = doc.id;
    outcome = 'created';
    await repo.setAddressedParties(
      trx,
      doc.id,
      partyRows.map((p) => p.id),
    );
    await repo.insertAccessHistory(trx, { documentId: doc.id, at: now, actorUserId: null, change: 'set', from: null, to: access.level, partyIds: partyRows.map((p) => p.id), note: 'imported' });
    const lang = await repo.insertLanguage(trx, { document_id: doc.id, language, role: 'original', status: 'ready', authoritative: true, title: row.title, created_at: now, updated_at: now });
    await repo.insertFile(trx, { document_id: doc.id, language_id: lang.id, file_name: name.name, media_type: fileKinds[sniff.kind].mime, size_bytes: bytes.length, sha256, content: bytes, created_at: now, created_by: null });
  }
  await recordAudit(trx, ctx, { action: 'documents.import', objectType: 'document', objectId: documentId, after: { symbol: row.symbol || null, language, file: name.name, sha256, outcome } });
  return outcome;
}

/** Imports every row of `dir/documents.csv`; `onRow` reports progress after each row. */
export async function importDocuments(db: DB, ctx: Ctx, dir: string, opts: { maxBytes: number; onRow?: (done: number, total: number) => void }): Promise<ImportReport> {
  const rows = readSheet(dir);
  const { symbolPrefix } = await requireProfile(db);
  const report: ImportReport = { rows: rows.length, imported: 0, created: 0, refused: [] };
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    try {
      const outcome = await db.transaction().execute((trx) => importRow(trx, ctx, symbolPrefix, dir, row, opts.maxBytes));
      report.imported++;
      if (outcome === 'created') report.created++;
    } catch (err) {
      const reason = err instanceof RowRefused ? err.message : `failed: ${(err as Error).message}`;
      // Row numbers as a spreadsheet shows them: the header is row 1.
      report.refused.push({ row: i + 2, symbol: row.symbol ?? '', language: row.language ?? '', reason });
    }
    opts.onRow?.(i + 1, rows.length);
  }
  return report;
}
