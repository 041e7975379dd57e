/**
 * CSV as RFC 4180 says (CRLF line ends, fields quoted when they hold a comma, quote, CR or LF, quotes
 * doubled), UTF-8 with a byte-order mark so Excel reads the scripts right, and safe against formula
 * injection: a text cell starting with = + - @ (or a tab or CR, which some spreadsheets skip before
 * reading a formula) is prefixed with a single quote so it is shown as text, never evaluated.
 * Numbers and booleans are written as they are (a negative number is a number, not a formula).
 */
export type CsvValue = string | number | boolean | null | undefined;

const BOM = '\uFEFF';
const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let s: string;
  if (typeof value === 'number') s = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') s = value ? 'true' : 'false';
  else s = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  const lines = [header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
