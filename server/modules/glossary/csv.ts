/**
 * The glossary as CSV (RFC 4180: comma-separated, CRLF line ends, fields with commas, quotes or line
 * breaks in double quotes, quotes doubled; UTF-8). One row per concept and language:
 *
 * | column        | meaning                                                                  |
 * |---------------|--------------------------------------------------------------------------|
 * | code          | the concept's code (lower case, digits, hyphens), e.g. `silence-procedure`|
 * | status        | draft, approved or deprecated                                            |
 * | subject       | subject field, e.g. a CBM dimension                                      |
 * | source_title  | the publication the entry comes from                                     |
 * | source_date   | its date: YYYY, YYYY-MM or YYYY-MM-DD                                    |
 * | source_url    | its address (http or https)                                              |
 * | lang          | BCP 47 language tag of this row (en, ru, zh, vi, ar, fa, kk, tr, ...)     |
 * | preferred     | the preferred term in that language                                      |
 * | synonyms      | other admitted terms, separated by " | "                                   |
 * | abbreviations | abbreviations and acronyms, separated by " | "                           |
 * | definition    | the definition in that language                                          |
 * | note          | the explanatory note in that language (may span lines)                   |
 *
 * The concept columns (status to source_url) may be left empty on all but the concept's first row;
 * where given on several rows they must agree.
 */
import { parse } from 'csv-parse/sync';
import type { ConceptInput, ConceptStatus } from './glossary.ts';
import type { ParsedEntry, ParseResult, Refusal } from './tbx.ts';

export const csvColumns = ['code', 'status', 'subject', 'source_title', 'source_date', 'source_url', 'lang', 'preferred', 'synonyms', 'abbreviations', 'definition', 'note'] as const;
const listSep = ' | ';

function field(v: string): string {
  return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function buildCsv(concepts: readonly ConceptInput[]): string {
  const rows: string[][] = [[...csvColumns]];
  for (const c of concepts) {
    for (const l of c.languages) {
      rows.push([
        c.code,
        c.status,
        c.subject ?? '',
        c.source?.title ?? '',
        c.source?.date ?? '',
        c.source?.url ?? '',
        l.lang,
        l.preferred,
        (l.synonyms ?? []).join(listSep),
        (l.abbreviations ?? []).join(listSep),
        l.definition ?? '',
        l.note ?? '',
      ]);
    }
  }
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

const splitList = (s: string) =>
  s
    .split('|')
    .map((x) => x.trim())
    .filter(Boolean);

/** Reads a glossary CSV into entries (grouped by code), refusing rows with their line and reason. */
export function parseCsv(content: string): ParseResult {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(content, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    return { entries: [], refused: [{ line: e.lines ?? 0, code: null, field: null, reason: `The file is not valid CSV: ${e.message ?? 'parse error'}` }], fatal: true };
  }
  if (records.length === 0) return { entries: [], refused: [{ line: 1, code: null, field: null, reason: 'The file is empty: a header row is expected.' }], fatal: true };
  // Records report the line they end on; a record starts on the line after the previous one ended.
  const withLines = records.map((r, i) => ({ values: r.record.map((v) => v ?? ''), line: i === 0 ? 1 : records[i - 1]!.info.lines + 1 }));
  const header = withLines[0]!.values.map((h) => h.trim().toLowerCase());
  const missing = ['code', 'lang', 'preferred'].filter((c) => !header.includes(c));
  if (missing.length) return { entries: [], refused: [{ line: 1, code: null, field: null, reason: `The header row lacks the column(s) ${missing.join(', ')}. Expected: ${csvColumns.join(',')}.` }], fatal: true };
  const unknown = header.filter((h) => !(csvColumns as readonly string[]).includes(h));
  if (unknown.length) return { entries: [], refused: [{ line: 1, code: null, field: null, reason: `Unknown column(s) ${unknown.join(', ')}. Expected: ${csvColumns.join(',')}.` }], fatal: true };

  const refused: Refusal[] = [];
  const byCode = new Map<string, { entry: ParsedEntry; given: Partial<Record<string, { value: string; line: number }>>; bad: boolean }>();
  for (const { values, line } of withLines.slice(1)) {
    const get = (c: (typeof csvColumns)[number]) => {
      const i = header.indexOf(c);
      return i >= 0 ? (values[i] ?? '').trim() : '';
    };
    const extra = values.length > header.length && values.slice(header.length).some((v) => v.trim() !== '');
    const code = get('code');
    if (extra) {
      refused.push({ line, code: code || null, field: null, reason: `The row has ${values.length} fields; the header has ${header.length}.` });
      if (byCode.has(code)) byCode.get(code)!.bad = true;
      continue;
    }
    if (!code) {
      refused.push({ line, code: null, field: 'code', reason: 'The row has no code.' });
      continue;
    }
    let group = byCode.get(code);
    if (!group) {
      const input: ConceptInput = { code, status: 'draft', subject: null, source: null, languages: [] };
      group = { entry: { line, input, languageLines: [] }, given: {}, bad: false };
      byCode.set(code, group);
    }
    let rowBad = false;
    for (const col of ['status', 'subject', 'source_title', 'source_date', 'source_url'] as const) {
      const v = get(col);
      if (!v) continue;
      const prev = group.given[col];
      if (prev && prev.value !== v) {
        refused.push({ line, code, field: col, reason: `${col} "${v}" differs from "${prev.value}" given on line ${prev.line} for the same concept.` });
        rowBad = true;
      } else group.given[col] = { value: v, line };
    }
    if (rowBad) {
      group.bad = true;
      continue;
    }
    group.entry.input.languages.push({
      lang: get('lang'),
      preferred: get('preferred'),
      synonyms: splitList(get('synonyms')),
      abbreviations: splitList(get('abbreviations')),
      definition: get('definition') || null,
      note: get('note') || null,
    });
    group.entry.languageLines.push(line);
  }
  const entries: ParsedEntry[] = [];
  for (const g of byCode.values()) {
    if (g.bad) continue;
    const v = (c: string) => g.given[c]?.value ?? null;
    const status = (v('status') ?? 'draft') as ConceptStatus;
    g.entry.input.status = status;
    g.entry.input.subject = v('subject');
    g.entry.input.source = v('source_title') || v('source_date') || v('source_url') ? { title: v('source_title'), date: v('source_date'), url: v('source_url') } : null;
    entries.push(g.entry);
  }
  return { entries, refused, fatal: false };
}
