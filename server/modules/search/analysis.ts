/**
 * Text analysis for search, the same on the index side and the query side (pure, no database).
 *
 * 1. Word segmentation with `Intl.Segmenter` (ICU splits Chinese, Japanese, Thai, Khmer, Lao and
 *    Burmese into dictionary words; spaced scripts split on spaces and punctuation). ICU's segment
 *    objects each carry a copy of the whole input, so a long string goes quadratic and can exhaust the
 *    heap: text is first cut at sentence ends and then into pieces of at most 1000 characters.
 * 2. Each word: NFKC, lower case, and the diacritics folded where they are accents on a letter
 *    (Latin, Greek; Cyrillic ё; Arabic short vowels and tatweel; Persian yeh and kaf), never where a
 *    mark is part of the letter (Thai, Khmer, Devanagari vowel signs, Cyrillic й).
 * 3. Per language, a profile: the PostgreSQL text-search configuration that stems it (present on both
 *    PGlite and PostgreSQL 15) or `simple`; prefix matching for agglutinative languages; and for
 *    Vietnamese both the accented and the folded form, so `dong thuan` finds `đồng thuận` while an
 *    accented query still ranks the exact spelling first.
 */

export interface Token {
  /** The word as written (a slice of the input). */
  text: string;
  /** NFKC, lower case: the accented form. */
  norm: string;
  /** `norm` with diacritics folded: the form most profiles index. */
  folded: string;
  /** UTF-16 offsets in the input. */
  start: number;
  end: number;
}

export interface LangProfile {
  /** Language subtag this profile is for ('und' for anything unknown). */
  key: string;
  /** PostgreSQL text-search configuration (checked to exist on PGlite and PostgreSQL 15). */
  cfg: TsConfig;
  /** Query words match as prefixes (`word:*`): agglutinative languages. */
  prefix: boolean;
  /** Index both the accented and the folded form (Vietnamese: diacritics optional). */
  dual: boolean;
  /** Language tag handed to Intl.Segmenter. */
  segmenterLocale: string;
}

/** Configurations present on both backends (pg_ts_config of PGlite 0.5 and Debian's PostgreSQL 15). */
export const tsConfigs = [
  'arabic',
  'armenian',
  'basque',
  'catalan',
  'danish',
  'dutch',
  'english',
  'finnish',
  'french',
  'german',
  'greek',
  'hindi',
  'hungarian',
  'indonesian',
  'irish',
  'italian',
  'lithuanian',
  'nepali',
  'norwegian',
  'portuguese',
  'romanian',
  'russian',
  'serbian',
  'simple',
  'spanish',
  'swedish',
  'tamil',
  'turkish',
  'yiddish',
] as const;
export type TsConfig = (typeof tsConfigs)[number];

const stemmed: Record<string, TsConfig> = {
  ar: 'arabic',
  hy: 'armenian',
  eu: 'basque',
  ca: 'catalan',
  da: 'danish',
  nl: 'dutch',
  en: 'english',
  fi: 'finnish',
  fr: 'french',
  de: 'german',
  el: 'greek',
  hi: 'hindi',
  hu: 'hungarian',
  id: 'indonesian',
  ga: 'irish',
  it: 'italian',
  lt: 'lithuanian',
  ne: 'nepali',
  nb: 'norwegian',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sr: 'serbian',
  es: 'spanish',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
  yi: 'yiddish',
};

/**
 * Agglutinative languages (suffixes pile onto the stem): a query word matches as a prefix. Turkish
 * also keeps its Snowball stemmer (`bildiri` and `bildirisini` stem differently; `bildir:*` finds both).
 * Korean words carry their particles (`회의에서`), so prefixes help there too. Measured on the fixture.
 */
const prefixLanguages = new Set(['tr', 'az', 'kk', 'ky', 'uz', 'tk', 'mn', 'ko', 'ug', 'tt', 'ba', 'fi', 'hu']);

const profiles = new Map<string, LangProfile>();

/** The primary language subtag, lower case ('zh-Hant' → 'zh'); 'und' when empty or odd. */
export function baseLanguage(lang: string | null | undefined): string {
  const base = (lang ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return /^[a-z]{2,3}$/.test(base) ? base : 'und';
}

export function profileOf(lang: string | null | undefined): LangProfile {
  const key = baseLanguage(lang);
  let p = profiles.get(key);
  if (!p) {
    p = { key, cfg: stemmed[key] ?? 'simple', prefix: prefixLanguages.has(key), dual: key === 'vi', segmenterLocale: key === 'und' ? 'en' : key };
    profiles.set(key, p);
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Normalisation

const latinOrGreekBase = /[\p{Script=Latin}\p{Script=Greek}]/u;
const specialLatin: Record<string, string> = { đ: 'd', ð: 'd', ı: 'i', ø: 'o', ł: 'l', ħ: 'h', ŧ: 't', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ŀ: 'l' };
const arabicMarks = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;
const persianLike = new Set(['fa', 'ur', 'ps', 'prs']);

/** NFKC and lower case. Turkish and Azerbaijani dotted/dotless i are folded later anyway. */
export function normalizeWord(word: string): string {
  return word.normalize('NFKC').toLowerCase();
}

/**
 * Folds the diacritics of one normalised word: accents on Latin and Greek letters go (`đồng` →
 * `dong`, `türkiye` → `turkiye`, `ı` → `i`); Cyrillic only folds ё → е (й, ә, ғ, қ stay letters);
 * Arabic script loses short vowels and tatweel; Persian-script languages unify yeh and kaf.
 */
export function foldWord(norm: string, lang?: string): string {
  if (isAscii(norm)) return norm;
  if (!hasLatinOrGreek.test(norm)) return foldScripts(norm, lang);
  let out = '';
  const decomposed = norm.normalize('NFD');
  let lastBaseLatin = false;
  for (const ch of decomposed) {
    if (/\p{M}/u.test(ch)) {
      if (lastBaseLatin) continue;
      out += ch;
      continue;
    }
    const special = specialLatin[ch];
    if (special) {
      out += special;
      lastBaseLatin = true;
      continue;
    }
    lastBaseLatin = latinOrGreekBase.test(ch);
    out += ch;
  }
  return foldScripts(out.normalize('NFC'), lang);
}

const hasLatinOrGreek = /[\p{Script=Latin}\p{Script=Greek}]/u;

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The folds outside Latin and Greek: Cyrillic ё, Arabic short vowels and tatweel, Persian yeh and kaf. */
function foldScripts(word: string, lang?: string): string {
  let out = word.replace(/ё/g, 'е').replace(arabicMarks, '');
  if (persianLike.has(baseLanguage(lang))) out = out.replace(/ي/g, 'ی').replace(/ى/g, 'ی').replace(/ك/g, 'ک');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Segmentation

/** Longest piece handed to Intl.Segmenter in one call. */
export const maxPiece = 1000;

const sentenceEnd = /[.!?。！？؟।॥።\n\r\u2029]+["'”’»)\]」』）]*\s*/gu;

/**
 * Cuts text into pieces of at most `maxPiece` characters: at sentence ends first (small sentences
 * are packed together), then at the last space, and only then anywhere that is not inside a
 * character (never between a surrogate pair or before a combining mark).
 */
export function pieces(text: string, max = maxPiece): Array<{ start: number; text: string }> {
  if (text.length <= max) return text ? [{ start: 0, text }] : [];
  const sentences: Array<[number, number]> = [];
  let from = 0;
  for (const m of text.matchAll(sentenceEnd)) {
    const end = m.index + m[0].length;
    if (end > from) sentences.push([from, end]);
    from = end;
  }
  if (from < text.length) sentences.push([from, text.length]);

  const out: Array<{ start: number; text: string }> = [];
  let curStart = -1;
  let curEnd = -1;
  const flush = () => {
    if (curStart >= 0 && curEnd > curStart) out.push({ start: curStart, text: text.slice(curStart, curEnd) });
    curStart = -1;
  };
  for (const [s, e] of sentences) {
    if (e - s > max) {
      flush();
      let a = s;
      while (e - a > max) {
        let cut = a + max;
        const window = text.slice(a + (max >> 1), cut);
        const space = window.search(/\s\S*$/u);
        if (space >= 0) cut = a + (max >> 1) + space + 1;
        else while (cut > a + 1 && isInsideCharacter(text, cut)) cut--;
        out.push({ start: a, text: text.slice(a, cut) });
        a = cut;
      }
      curStart = a;
      curEnd = e;
      continue;
    }
    if (curStart < 0) {
      curStart = s;
      curEnd = e;
    } else if (e - curStart <= max) {
      curEnd = e;
    } else {
      flush();
      curStart = s;
      curEnd = e;
    }
  }
  flush();
  return out;
}

function isInsideCharacter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 0xdc00 && c <= 0xdfff) return true;
  return /\p{M}/u.test(text[i] ?? '');
}

const segmenters = new Map<string, Intl.Segmenter>();
function segmenterFor(locale: string): Intl.Segmenter {
  let s = segmenters.get(locale);
  if (!s) {
    try {
      s = new Intl.Segmenter(locale, { granularity: 'word' });
    } catch {
      s = new Intl.Segmenter('en', { granularity: 'word' });
    }
    segmenters.set(locale, s);
  }
  return s;
}

/**
 * Runs of letters, marks and digits, joined across an inner apostrophe or full stop (don't, U.S, 3.5)
 * as ICU does. A zero-width non-joiner (Persian می‌شود) is not part of a run: people type it as a
 * space or not at all, so the parts are words of their own and a query for the whole is a phrase.
 */
const wordRun = /[\p{L}\p{M}\p{N}]+(?:['’.][\p{L}\p{M}\p{N}]+)*/gu;
/** Scripts written without spaces: their runs go through ICU's dictionary segmentation. */
const unspacedScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;

/**
 * Words of `text` in language `lang`, with their normalised and folded forms and their offsets.
 * Spaced scripts are split on the runs above (fast, linear); runs in scripts written without spaces
 * go to Intl.Segmenter, in pieces of at most 1000 characters.
 */
export function analyze(text: string, lang?: string | null): Token[] {
  const profile = profileOf(lang);
  const tokens: Token[] = [];
  const push = (word: string, start: number) => {
    const norm = normalizeWord(word);
    const folded = foldWord(norm, profile.key);
    if (folded) tokens.push({ text: word, norm, folded, start, end: start + word.length });
  };
  for (const m of text.matchAll(wordRun)) {
    const run = m[0];
    if (!unspacedScript.test(run)) {
      push(run, m.index);
      continue;
    }
    const seg = segmenterFor(profile.segmenterLocale);
    for (const piece of pieces(run)) {
      for (const s of seg.segment(piece.text)) {
        if (s.isWordLike) push(s.segment, m.index + piece.start + s.index);
      }
    }
  }
  return tokens;
}

/**
 * The text handed to `to_tsvector(cfg, …)`: the words, folded, joined by spaces (PostgreSQL's parser
 * then only has to split on the spaces). For a dual profile, `accented` gives the unfolded words.
 */
export function segmentedText(tokens: readonly Token[], form: 'folded' | 'norm' = 'folded'): string {
  return tokens.map((t) => t[form]).join(' ');
}

/** Whether folding changed any word (a dual profile then indexes both forms). */
export function hasDiacritics(tokens: readonly Token[]): boolean {
  return tokens.some((t) => t.norm !== t.folded);
}

/** The compact key of a term: its folded words run together (for matching terms inside a query). */
export function compactKey(text: string, lang?: string | null): string {
  return analyze(text, lang)
    .map((t) => t.folded)
    .join(' ');
}
