/**
 * The languages the interface is offered in. `code` is a BCP 47 primary language subtag and names the
 * catalogue in ./messages; `name` is the language's own name (shown the same in every UI language, so a
 * reader can always find theirs); `dir` is the writing direction applied to <html dir>.
 */
export type Direction = 'ltr' | 'rtl';

export interface LocaleInfo {
  code: string;
  name: string;
  dir: Direction;
  /**
   * Where to take names of languages, countries and time zones from when the browser has no such data
   * for this language (Chromium's trimmed ICU has none for Kazakh: it would show "en, ru" and "KZ").
   */
  dataFallback?: string;
}

export const locales = [
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'ru', name: 'Русский', dir: 'ltr' },
  { code: 'zh', name: '中文', dir: 'ltr' },
  { code: 'vi', name: 'Tiếng Việt', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
  { code: 'fa', name: 'فارسی', dir: 'rtl' },
  { code: 'kk', name: 'Қазақ тілі', dir: 'ltr', dataFallback: 'ru' },
  { code: 'tr', name: 'Türkçe', dir: 'ltr' },
] as const satisfies readonly LocaleInfo[];

export type LocaleCode = (typeof locales)[number]['code'];

export const defaultLocale: LocaleCode = 'en';

/** localStorage key for the reader's explicit choice. */
export const localeStorageKey = 'concord.locale';

export function isLocaleCode(value: unknown): value is LocaleCode {
  return typeof value === 'string' && locales.some((l) => l.code === value);
}

export function localeInfo(code: LocaleCode): LocaleInfo {
  return locales.find((l) => l.code === code) ?? locales[0];
}

export function directionOf(code: LocaleCode): Direction {
  return localeInfo(code).dir;
}

/**
 * First supported language among the reader's preferences (`navigator.languages`), matched on the
 * primary subtag: `zh-Hans-CN` -> zh, `fa-IR` -> fa. Falls back to English.
 */
export function matchLocale(preferred: readonly string[]): LocaleCode {
  for (const tag of preferred) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isLocaleCode(primary)) return primary;
  }
  return defaultLocale;
}

/** The stored choice if there is one, else the browser's preferences, else English. */
export function initialLocale(): LocaleCode {
  try {
    const stored = globalThis.localStorage?.getItem(localeStorageKey);
    if (isLocaleCode(stored)) return stored;
  } catch {
    // Storage can be disabled (privacy settings); fall through to the browser's preferences.
  }
  const nav = globalThis.navigator;
  return matchLocale(nav?.languages?.length ? nav.languages : nav?.language ? [nav.language] : []);
}

export function storeLocale(code: LocaleCode): void {
  try {
    globalThis.localStorage?.setItem(localeStorageKey, code);
  } catch {
    // Not persisted when storage is unavailable; the choice still holds for this page.
  }
}

/** Apply the language and writing direction to the document so CSS logical properties mirror. */
export function applyLocaleToDocument(code: LocaleCode): void {
  const root = document.documentElement;
  root.lang = code;
  root.dir = directionOf(code);
}
