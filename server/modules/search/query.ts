/**
 * The query side of search (pure): the user's words → clauses → one `to_tsquery` input per language
 * profile. Each word's segments form a phrase (`<->`), words are ANDed (a phrase across the user's
 * words would be order-sensitive and miss), a quoted "phrase" stays one phrase, and a glossary term
 * found in the query becomes an OR of the concept's terms in every language.
 */
import { analyze, baseLanguage, type LangProfile, profileOf, type TsConfig } from './analysis.ts';

/** One thing to find: phrases that must all occur (AND), each phrase in a language if known. */
export interface Alternative {
  phrases: Array<{ text: string; lang: string | null }>;
}

/** A clause: any of its alternatives (OR). The query is the AND of its clauses. */
export interface Clause {
  alternatives: Alternative[];
}

export interface UserWord {
  text: string;
  /** Offsets in the query. */
  start: number;
  end: number;
  quoted: boolean;
}

/** Maximum number of words looked at (the rest of a very long query is ignored). */
export const maxWords = 24;

/** Splits a query into words on white space; a "quoted phrase" is one word. */
export function splitQuery(q: string): UserWord[] {
  const words: UserWord[] = [];
  const re = /"([^"]*)"|“([^”]*)”|«([^»]*)»|「([^」]*)」|(\S+)/gu;
  for (const m of q.matchAll(re)) {
    const quoted = m[5] === undefined;
    const text = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '').trim();
    if (!text) continue;
    const offset = quoted ? m.index + 1 : m.index;
    words.push({ text, start: offset, end: offset + text.length, quoted });
    if (words.length >= maxWords) break;
  }
  return words;
}

/** The initial clauses: one per user word, each with one alternative (itself). */
export function clausesOf(words: readonly UserWord[]): Clause[] {
  return words.map((w) => ({ alternatives: [{ phrases: [{ text: w.text, lang: null }] }] }));
}

/** Escapes a word for a quoted operand of to_tsquery. */
function quote(word: string): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** Prefix matching only from two characters on: one letter (or one Hangul syllable) is too little. */
function prefixable(word: string): boolean {
  return [...word].length >= 2;
}

/** Scripts written without spaces between words: a typed "word" there is often several words. */
const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/**
 * One typed word as a tsquery: its segments as a phrase. In scripts written without spaces a typed
 * "word" is often several words in any order (秘书处预算: secretariat budget), so there it is the
 * phrase OR all its segments: the match is the AND, and the phrase ranks first.
 */
function phraseFor(text: string, profile: LangProfile): string | null {
  const tokens = analyze(text, profile.key);
  if (tokens.length === 0) return null;
  const term = (t: (typeof tokens)[number], form: 'folded' | 'norm') => quote(t[form]) + (profile.prefix && prefixable(t[form]) ? ':*' : '');
  const render = (form: 'folded' | 'norm') => {
    const phrase = tokens.map((t) => term(t, form)).join(' <-> ');
    if (tokens.length === 1) return phrase;
    if (unspaced.test(text)) return `((${phrase}) | (${tokens.map((t) => term(t, form)).join(' & ')}))`;
    return `(${phrase})`;
  };
  const folded = render('folded');
  if (profile.dual && tokens.some((t) => t.norm !== t.folded)) return `(${render('norm')} | ${folded})`;
  return folded;
}

/** The to_tsquery input for `profile`, or null when nothing searchable is left. */
export function compileFor(clauses: readonly Clause[], profile: LangProfile): string | null {
  const parts: string[] = [];
  for (const c of clauses) {
    const alts: string[] = [];
    for (const a of c.alternatives) {
      const phrases = a.phrases.map((p) => phraseFor(p.text, profile));
      if (phrases.some((p) => p === null)) continue;
      alts.push(phrases.length > 1 ? `(${phrases.join(' & ')})` : (phrases[0] as string));
    }
    if (alts.length === 0) continue;
    parts.push(alts.length > 1 ? `(${alts.join(' | ')})` : (alts[0] as string));
  }
  return parts.length ? parts.join(' & ') : null;
}

/** Languages profiles are compiled for: every language indexed rows can have a profile of. */
export const knownLanguages = [
  'en', 'ru', 'ar', 'tr', 'zh', 'ja', 'ko', 'vi', 'th', 'km', 'lo', 'my', 'fa', 'kk', 'mn', 'ky', 'uz', 'tg', 'tk', 'az',
  'hy', 'ka', 'he', 'hi', 'bn', 'ur', 'ps', 'ne', 'si', 'ta', 'id', 'ms', 'tl', 'fr', 'de', 'es', 'pt', 'it', 'nl', 'el',
  'fi', 'hu', 'sr', 'ro', 'sv', 'da', 'nb', 'ca', 'eu', 'ga', 'lt', 'yi', 'ug', 'bo', 'dz', 'und',
] as const;

/** The profile key stored on an indexed row: its language when known, 'und' otherwise. */
export function profileKeyOf(lang: string | null | undefined): string {
  const base = baseLanguage(lang);
  return (knownLanguages as readonly string[]).includes(base) ? base : 'und';
}

export interface CompiledGroup {
  cfg: TsConfig;
  query: string;
  /** Profile keys whose rows this query applies to. */
  profiles: string[];
  prefix: boolean;
}

/**
 * The query compiled for every known profile, grouped: languages that analyse the query the same way
 * (the same configuration and the same string) share one `to_tsquery`, so the SQL has a few ORed
 * index conditions, not one per language.
 */
export function compileGroups(clauses: readonly Clause[]): CompiledGroup[] {
  const groups = new Map<string, CompiledGroup>();
  for (const lang of knownLanguages) {
    const profile = profileOf(lang);
    const query = compileFor(clauses, profile);
    if (!query) continue;
    const key = `${profile.cfg}\u0000${query}`;
    const g = groups.get(key);
    if (g) g.profiles.push(lang);
    else groups.set(key, { cfg: profile.cfg, query, profiles: [lang], prefix: profile.prefix });
  }
  return [...groups.values()];
}

/** Every word form of the query (and its expansions) as analysed in `lang`: for highlighting. */
export function queryForms(clauses: readonly Clause[], lang: string): { folded: Set<string>; norm: Set<string> } {
  const folded = new Set<string>();
  const norm = new Set<string>();
  for (const c of clauses)
    for (const a of c.alternatives)
      for (const p of a.phrases)
        for (const t of analyze(p.text, lang)) {
          folded.add(t.folded);
          norm.add(t.norm);
        }
  return { folded, norm };
}

// ---------------------------------------------------------------------------------------------
// Glossary expansion

export interface TermMatchCandidate {
  conceptId: string;
  /** The term's folded words joined by spaces. */
  key: string;
  lang: string;
}

/**
 * Keys to look glossary terms up by: every run of up to `maxN` consecutive words of the query, as
 * each language would segment it, with the words' span in the query (to know which user words a
 * term replaces).
 */
export function termKeysOf(q: string, langs: readonly string[], maxN = 8): Map<string, { start: number; end: number }> {
  const keys = new Map<string, { start: number; end: number }>();
  for (const lang of langs) {
    const tokens = analyze(q, lang);
    for (let i = 0; i < tokens.length; i++) {
      let key = '';
      for (let n = 0; n < maxN && i + n < tokens.length; n++) {
        const t = tokens[i + n]!;
        key = n === 0 ? t.folded : `${key} ${t.folded}`;
        if (!keys.has(key)) keys.set(key, { start: tokens[i]!.start, end: t.end });
      }
    }
  }
  return keys;
}

export interface ConceptTerms {
  conceptId: string;
  /** The span of the query the concept was found at. */
  span: { start: number; end: number };
  terms: Array<{ text: string; lang: string; key: string }>;
}

/**
 * Replaces the user words a concept was found at by one clause: the words as typed OR any of the
 * concept's terms in any language. Longer matches win; overlapping ones are skipped. Returns the
 * clauses and the terms added (what "also searched" shows).
 */
export function expandWithConcepts(words: readonly UserWord[], concepts: readonly ConceptTerms[], typedKeys: ReadonlySet<string>): { clauses: Clause[]; added: string[] } {
  const byLength = [...concepts].sort((a, b) => b.span.end - b.span.start - (a.span.end - a.span.start));
  const taken = new Set<number>();
  const groups: Array<{ first: number; last: number; concept: ConceptTerms }> = [];
  for (const c of byLength) {
    const covered = words.map((w, i) => (w.start < c.span.end && w.end > c.span.start ? i : -1)).filter((i) => i >= 0);
    if (covered.length === 0 || covered.some((i) => taken.has(i))) continue;
    for (const i of covered) taken.add(i);
    groups.push({ first: covered[0]!, last: covered[covered.length - 1]!, concept: c });
  }
  const added: string[] = [];
  const clauses: Clause[] = [];
  for (let i = 0; i < words.length; i++) {
    const g = groups.find((x) => x.first === i);
    if (!g) {
      if (!taken.has(i)) clauses.push({ alternatives: [{ phrases: [{ text: words[i]!.text, lang: null }] }] });
      continue;
    }
    const typed: Alternative = { phrases: words.slice(g.first, g.last + 1).map((w) => ({ text: w.text, lang: null })) };
    const alternatives: Alternative[] = [typed];
    const seen = new Set<string>();
    for (const t of g.concept.terms) {
      if (typedKeys.has(t.key) || seen.has(t.key)) continue;
      seen.add(t.key);
      alternatives.push({ phrases: [{ text: t.text, lang: t.lang }] });
      if (!added.includes(t.text)) added.push(t.text);
    }
    clauses.push({ alternatives });
  }
  return { clauses, added };
}
