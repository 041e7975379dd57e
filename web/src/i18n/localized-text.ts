import type { LocalizedText } from '../api/types.ts';
import { defaultLocale } from './locales.ts';

export interface PickedText {
  text: string;
  /** The language the text is actually in; differs from the UI language when we fell back. */
  lang: string;
}

/**
 * Picks the text in the UI language, else English, else the first language given. The caller marks the
 * element with `lang` so screen readers and fonts treat a fallback correctly.
 */
export function pickLocalized(value: LocalizedText | string | undefined, locale: string): PickedText | null {
  if (value === undefined) return null;
  if (typeof value === 'string') return { text: value, lang: '' };
  for (const lang of [locale, defaultLocale]) {
    const text = value[lang];
    if (text) return { text, lang };
  }
  const first = Object.entries(value).find(([, text]) => Boolean(text));
  return first ? { text: first[1], lang: first[0] } : null;
}
