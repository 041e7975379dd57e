/**
 * "7th meeting of the Senior Officials Committee", per language. English picks its suffix with
 * Intl.PluralRules (type ordinal: 1st, 2nd, 3rd, 4th, 11th, 21st, 112th); the other languages
 * of the forum write the number with their own marker and word order.
 */

const englishSuffix: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };
const englishRules = new Intl.PluralRules('en', { type: 'ordinal' });

export function englishOrdinal(n: number): string {
  return `${n}${englishSuffix[englishRules.select(n)] ?? 'th'}`;
}

type Template = (n: number, body: string) => string;

const templates: Record<string, Template> = {
  en: (n, body) => `${englishOrdinal(n)} meeting of the ${body}`,
  ru: (n, body) => `${n}-е заседание: ${body}`,
  zh: (n, body) => `${body}第${n}次会议`,
  vi: (n, body) => `Phiên họp lần thứ ${n} của ${body}`,
  ar: (n, body) => `الاجتماع رقم ${n} لـ${body}`,
  fa: (n, body) => `نشست ${n}ام ${body}`,
  kk: (n, body) => `${body}: ${n}-отырыс`,
  tr: (n, body) => `${body} ${n}. toplantısı`,
};

export const ordinalLanguages = Object.keys(templates);

/** The name of a meeting from its ordinal and the body's name, in `language` (English when we have none). */
export function meetingName(language: string, ordinal: number, bodyName: string): string {
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return (templates[primary] ?? templates.en)(ordinal, bodyName);
}

/** Names in every language the body has a name in (and English). */
export function meetingNames(ordinal: number, bodyNames: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [lang, name] of Object.entries(bodyNames)) out[lang] = meetingName(lang, ordinal, name);
  return out;
}
