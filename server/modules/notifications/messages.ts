import { readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';

/**
 * The server's message catalogue for notifications and e-mail: ICU MessageFormat strings per
 * locale in ./messages/<locale>.json, rendered in the recipient's language with English as the
 * fallback for a language we do not have or a key a catalogue lacks.
 */
export const mailLocales = ['en', 'ru', 'zh', 'vi', 'ar', 'fa', 'kk', 'tr'] as const;
export type MailLocale = (typeof mailLocales)[number];
export const fallbackLocale: MailLocale = 'en';
const rtl = new Set<string>(['ar', 'fa']);

export type Catalogue = Record<string, string>;

export function loadCatalogue(locale: MailLocale): Catalogue {
  return JSON.parse(readFileSync(new URL(`./messages/${locale}.json`, import.meta.url), 'utf8'));
}

const catalogues = new Map<MailLocale, Catalogue>(mailLocales.map((l) => [l, loadCatalogue(l)]));

/** `ru-RU`, `RU`, `zh-Hans` → the catalogue we have for its primary language; otherwise English. */
export function matchMailLocale(language: string | null | undefined): MailLocale {
  const primary = (language ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (mailLocales as readonly string[]).includes(primary) ? (primary as MailLocale) : fallbackLocale;
}

export function directionOf(locale: MailLocale): 'ltr' | 'rtl' {
  return rtl.has(locale) ? 'rtl' : 'ltr';
}

export function hasMessage(key: string): boolean {
  return key in catalogues.get(fallbackLocale)!;
}

export type MessageValue = string | number | boolean | Date | null | undefined;

const formatCache = new Map<string, IntlMessageFormat>();

/** An ICU formatter whose dates and times show in `timeZone`, whatever the style or skeleton. */
export function icuFormatter(source: string, locale: string, timeZone: string): IntlMessageFormat {
  return new IntlMessageFormat(source, locale, undefined, {
    formatters: {
      getNumberFormat: (locales, opts) => new Intl.NumberFormat(locales, opts),
      getDateTimeFormat: (locales, opts) => new Intl.DateTimeFormat(locales, { ...opts, timeZone }),
      getPluralRules: (locales, opts) => new Intl.PluralRules(locales, opts),
    },
  });
}

function formatterFor(locale: MailLocale, key: string, timeZone: string): IntlMessageFormat {
  const own = catalogues.get(locale)?.[key];
  const source = own ?? catalogues.get(fallbackLocale)?.[key];
  if (source === undefined) throw new Error(`No message "${key}" in the notification catalogue`);
  const lang = own !== undefined ? locale : fallbackLocale;
  const cacheKey = `${lang}\u0000${timeZone}\u0000${key}`;
  let f = formatCache.get(cacheKey);
  if (!f) {
    f = icuFormatter(source, lang, timeZone);
    formatCache.set(cacheKey, f);
  }
  return f;
}

/** Renders one message. Throws on a key no catalogue has (a programming error, caught by tests). */
export function renderMessage(locale: MailLocale, key: string, values: Record<string, MessageValue> = {}, opts: { timeZone?: string } = {}): string {
  const clean: Record<string, string | number | boolean | Date> = {};
  for (const [k, v] of Object.entries(values)) clean[k] = v === null || v === undefined ? '' : v;
  return String(formatterFor(locale, key, opts.timeZone ?? 'UTC').format(clean));
}
