/**
 * The glossary of key concepts (termbase), as pure rules: what an entry is, what makes one valid,
 * how terms are indexed by letter (or by pinyin initial / first character in stroke order for
 * Chinese, by initial consonant for Korean) and sorted per language.
 */
import { analyze, compactKey } from '../search/analysis.ts';

export const conceptStatuses = ['draft', 'approved', 'deprecated'] as const;
export type ConceptStatus = (typeof conceptStatuses)[number];
export type TermKind = 'preferred' | 'synonym' | 'abbreviation';

export interface ConceptLanguageInput {
  lang: string;
  preferred: string;
  synonyms?: string[];
  abbreviations?: string[];
  definition?: string | null;
  note?: string | null;
}

export interface ConceptSource {
  title?: string | null;
  /** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
  date?: string | null;
  url?: string | null;
}

export interface ConceptInput {
  code: string;
  subject?: string | null;
  status: ConceptStatus;
  source?: ConceptSource | null;
  languages: ConceptLanguageInput[];
}

export interface Problem {
  field: string;
  message: string;
}

export const limits = { term: 300, subject: 200, definition: 5000, note: 50_000, sourceTitle: 500, url: 2000, languages: 40, termsPerLanguage: 30 } as const;

export const codePattern = /^[a-z][a-z0-9-]{0,79}$/;
export const partialDatePattern = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** A canonical BCP 47 tag, or null when it is not one. */
export function canonicalLang(tag: string): string | null {
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag)) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/gu, ' ').trim();
const cleanBlock = (s: string | null | undefined) => {
  const t = (s ?? '').replace(/\r\n?/g, '\n').replace(/[ \t]+\n/g, '\n').trim();
  return t === '' ? null : t;
};

/** Trims and canonicalises an entry (language tags, white space, empty strings to null). */
export function normalizeConcept(c: ConceptInput): ConceptInput {
  return {
    code: clean(c.code),
    subject: clean(c.subject) || null,
    status: c.status,
    source: c.source && (clean(c.source.title) || clean(c.source.date) || clean(c.source.url))
      ? { title: clean(c.source.title) || null, date: clean(c.source.date) || null, url: clean(c.source.url) || null }
      : null,
    languages: c.languages.map((l) => ({
      lang: canonicalLang(clean(l.lang)) ?? clean(l.lang),
      preferred: clean(l.preferred),
      synonyms: (l.synonyms ?? []).map(clean).filter(Boolean),
      abbreviations: (l.abbreviations ?? []).map(clean).filter(Boolean),
      definition: cleanBlock(l.definition),
      note: cleanBlock(l.note),
    })),
  };
}

/** Every problem with an entry (empty when it is valid). Fields are named as in the API body. */
export function checkConcept(c: ConceptInput): Problem[] {
  const p: Problem[] = [];
  if (!codePattern.test(c.code)) p.push({ field: 'code', message: 'must be lower-case letters, digits and hyphens, starting with a letter (at most 80)' });
  if (!conceptStatuses.includes(c.status)) p.push({ field: 'status', message: `must be one of ${conceptStatuses.join(', ')}` });
  if (c.subject && c.subject.length > limits.subject) p.push({ field: 'subject', message: `is longer than ${limits.subject} characters` });
  if (c.source) {
    if (c.source.date && !partialDatePattern.test(c.source.date)) p.push({ field: 'source.date', message: 'must be YYYY, YYYY-MM or YYYY-MM-DD' });
    if (c.source.url && !/^https?:\/\/[^\s]+$/i.test(c.source.url)) p.push({ field: 'source.url', message: 'must be an http or https address' });
    if (c.source.url && c.source.url.length > limits.url) p.push({ field: 'source.url', message: 'is too long' });
    if (c.source.title && c.source.title.length > limits.sourceTitle) p.push({ field: 'source.title', message: `is longer than ${limits.sourceTitle} characters` });
  }
  if (c.languages.length === 0) p.push({ field: 'languages', message: 'needs at least one language with a preferred term' });
  if (c.languages.length > limits.languages) p.push({ field: 'languages', message: `has more than ${limits.languages} languages` });
  const seen = new Set<string>();
  c.languages.forEach((l, i) => {
    const f = (x: string) => `languages.${i}.${x}`;
    if (!canonicalLang(l.lang)) p.push({ field: f('lang'), message: `"${l.lang}" is not a language tag (BCP 47, like en, zh-Hans)` });
    else if (seen.has(l.lang)) p.push({ field: f('lang'), message: `${l.lang} is given twice` });
    seen.add(l.lang);
    const terms = [l.preferred, ...(l.synonyms ?? []), ...(l.abbreviations ?? [])];
    if (!l.preferred) p.push({ field: f('preferred'), message: 'is required' });
    else if (analyze(l.preferred, l.lang).length === 0) p.push({ field: f('preferred'), message: 'has no letters or digits' });
    if (terms.length > limits.termsPerLanguage) p.push({ field: f('synonyms'), message: `more than ${limits.termsPerLanguage} terms in one language` });
    for (const t of terms) if (t.length > limits.term) p.push({ field: f('preferred'), message: `a term is longer than ${limits.term} characters` });
    const locale = canonicalLang(l.lang) ?? 'und';
    const lower = terms.filter(Boolean).map((t) => t.toLocaleLowerCase(locale));
    const dup = lower.find((t, k) => lower.indexOf(t) !== k);
    if (dup) p.push({ field: f('synonyms'), message: `"${dup}" is given twice` });
    if (l.definition && l.definition.length > limits.definition) p.push({ field: f('definition'), message: `is longer than ${limits.definition} characters` });
    if (l.note && l.note.length > limits.note) p.push({ field: f('note'), message: `is longer than ${limits.note} characters` });
  });
  return p;
}

/** The terms of an entry as stored: kind, order, and the key a query is matched against. */
export function termsOf(c: ConceptInput): Array<{ lang: string; term: string; kind: TermKind; seq: number; matchKey: string }> {
  const out: Array<{ lang: string; term: string; kind: TermKind; seq: number; matchKey: string }> = [];
  for (const l of c.languages) {
    let seq = 0;
    const add = (term: string, kind: TermKind) => out.push({ lang: l.lang, term, kind, seq: seq++, matchKey: compactKey(term, l.lang) });
    add(l.preferred, 'preferred');
    for (const s of l.synonyms ?? []) add(s, 'synonym');
    for (const a of l.abbreviations ?? []) add(a, 'abbreviation');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Letters and order

const rtl = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'ug', 'dv', 'ckb', 'sd']);
/** Writing direction of a language. */
export function directionOf(lang: string): 'rtl' | 'ltr' {
  return rtl.has(lang.toLowerCase().split('-')[0] ?? '') ? 'rtl' : 'ltr';
}

export type ChineseOrder = 'pinyin' | 'stroke';

const collators = new Map<string, Intl.Collator>();
export function collatorFor(lang: string, order: ChineseOrder = 'pinyin', sensitivity?: 'base'): Intl.Collator {
  const base = lang.split('-')[0]!;
  const tag = base === 'zh' ? `zh-u-co-${order}` : lang;
  const key = `${tag}/${sensitivity ?? ''}`;
  let c = collators.get(key);
  if (!c) {
    try {
      c = new Intl.Collator(tag, sensitivity ? { sensitivity } : {});
    } catch {
      c = new Intl.Collator('en', sensitivity ? { sensitivity } : {});
    }
    collators.set(key, c);
  }
  return c;
}

// The first character of each pinyin initial under the pinyin collation (A 阿 … Z 帀).
const pinyinBounds = [...'阿八嚓咑妸发旮哈丌咔垃妈拏噢妑七呥仨他屲夕丫帀'];
const pinyinLetters = [...'ABCDEFGHJKLMNOPQRSTWXYZ'];
const choseong = [...'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ'];
const choseongGroup: Record<string, string> = { ㄲ: 'ㄱ', ㄸ: 'ㄷ', ㅃ: 'ㅂ', ㅆ: 'ㅅ', ㅉ: 'ㅈ' };

function firstGrapheme(s: string): string {
  const g = new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s.trim())[Symbol.iterator]().next();
  return g.done ? '' : g.value.segment;
}

/**
 * The index letter of a term in a language: Chinese by pinyin initial (or, in stroke order, the first
 * character itself), Korean by initial consonant, others by the first letter with its accents dropped
 * where the language's own collation treats them as the same letter (É under E in English; Ă stays
 * its own letter in Vietnamese, Ә in Kazakh).
 */
export function letterOf(term: string, lang: string, order: ChineseOrder = 'pinyin'): string {
  const g = firstGrapheme(term);
  if (!g) return '#';
  const base = lang.split('-')[0]!;
  const cp = g.codePointAt(0)!;
  if (/\p{Script=Han}/u.test(g)) {
    if (order === 'stroke') return g;
    const c = collatorFor('zh', 'pinyin');
    let letter = '#';
    pinyinBounds.forEach((b, i) => {
      if (c.compare(g, b) >= 0) letter = pinyinLetters[i]!;
    });
    return letter;
  }
  if (cp >= 0xac00 && cp <= 0xd7a3) {
    const j = choseong[Math.floor((cp - 0xac00) / 588)]!;
    return choseongGroup[j] ?? j;
  }
  if (/\p{N}/u.test(g)) return '#';
  if (!/\p{L}/u.test(g)) return '#';
  const upper = g.toLocaleUpperCase(base);
  const plain = upper.normalize('NFD').replace(/\p{M}+/gu, '');
  if (plain && plain !== upper && collatorFor(base, order, 'base').compare(upper, plain) === 0) return plain;
  return upper;
}

/** Compares two terms in a language's own order (pinyin or stroke order for Chinese). */
export function compareTerms(lang: string, order: ChineseOrder = 'pinyin'): (a: string, b: string) => number {
  const c = collatorFor(lang, order);
  return (a, b) => c.compare(a, b);
}

/** Letters in the language's order, with '#' (digits, symbols) last. */
export function sortLetters(letters: Iterable<string>, lang: string, order: ChineseOrder = 'pinyin'): string[] {
  const c = collatorFor(lang, order);
  return [...new Set(letters)].sort((a, b) => (a === '#' ? 1 : b === '#' ? -1 : c.compare(a, b)));
}
