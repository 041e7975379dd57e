import { intlDataLocale } from '../../i18n/display-names.ts';

const PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * A date as precise as the sources give it ('1999', '2010-06', '2018-08-15'), in the reader's language,
 * never more precise than it is: a year stays a year. Returns the text and the language Intl used (it
 * differs from the UI language when the browser lacks data for it, e.g. Kazakh -> Russian).
 */
export function formatPartialDate(value: string, locale: string): { text: string; lang: string } {
  const lang = intlDataLocale(locale);
  const m = PARTIAL.exec(value);
  if (!m) return { text: value, lang };
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), mo ? Number(mo) - 1 : 0, d ? Number(d) : 1));
  const options: Intl.DateTimeFormatOptions = d
    ? { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }
    : mo
      ? { year: 'numeric', month: 'long', timeZone: 'UTC' }
      : { year: 'numeric', timeZone: 'UTC' };
  try {
    return { text: new Intl.DateTimeFormat([lang], options).format(date), lang };
  } catch {
    return { text: value, lang: 'en' };
  }
}

/** The year of a partial date ('2010-06' -> 2010). */
export function yearOf(value: string | null | undefined): string | null {
  return value ? value.slice(0, 4) : null;
}

/** Compares partial dates as text ('2010' < '2010-06' < '2010-06-01'), which orders them by start. */
export function comparePartial(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
