import { defaultLocale, isLocaleCode, localeInfo } from './locales.ts';

const cache = new Map<string, string>();

/** Whether this browser's Intl knows language names in `locale` (a proxy for its display-name data). */
function hasDisplayNameData(locale: string): boolean {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(defaultLocale === locale ? 'ru' : 'en');
    return Boolean(name) && !/^[a-z]{2,3}$/i.test(name!);
  } catch {
    return false;
  }
}

/**
 * The locale to ask Intl for names of languages, regions and time zones: the UI language when the
 * browser has the data, else the language's declared fallback (kk -> ru), else English. Elements showing
 * such names carry this as their `lang` when it differs from the UI language.
 */
export function intlDataLocale(locale: string): string {
  let chosen = cache.get(locale);
  if (!chosen) {
    const fallback = isLocaleCode(locale) ? localeInfo(locale).dataFallback : undefined;
    chosen = hasDisplayNameData(locale) ? locale : fallback && hasDisplayNameData(fallback) ? fallback : defaultLocale;
    cache.set(locale, chosen);
  }
  return chosen;
}

export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function regionName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function languageList(codes: string[], locale: string): string {
  const names = codes.map((code) => languageName(code, locale));
  try {
    return new Intl.ListFormat([locale], { type: 'conjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}

/** "Kazakhstan Time" and "GMT+5" for an IANA zone in `locale`; null if the zone is unknown. */
export function timeZoneNames(timeZone: string, locale: string, at = new Date()): { name: string; offset: string } | null {
  const part = (style: 'longGeneric' | 'shortOffset') => {
    try {
      return new Intl.DateTimeFormat([locale], { timeZone, timeZoneName: style }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
    } catch {
      return undefined;
    }
  };
  const name = part('longGeneric');
  const offset = part('shortOffset');
  return name && offset ? { name, offset } : null;
}
