import { describe, expect, it } from 'vitest';
import { analyze, compactKey, foldWord, maxPiece, normalizeWord, pieces, profileOf, segmentedText } from './analysis.ts';
import { profileKeyOf } from './query.ts';

const words = (text: string, lang: string) => analyze(text, lang).map((t) => t.folded);

describe('segmentation', () => {
  it('splits scripts written without spaces into dictionary words', () => {
    expect(words('建立信任措施', 'zh')).toEqual(['建立', '信任', '措施']);
    expect(words('信頼醸成措置', 'ja')).toEqual(['信頼', '醸成', '措置']);
    expect(words('มาตรการสร้างความไว้วางใจ', 'th')).toContain('สร้าง');
    expect(words('វិធានការកសាងទំនុកចិត្ត', 'km')).toEqual(['វិធានការ', 'កសាង', 'ទំនុកចិត្ត']);
    expect(words('ມາດຕະການສ້າງຄວາມໄວ້ວາງໃຈ', 'lo')).toContain('ຄວາມໄວ້ວາງໃຈ');
    expect(words('ယုံကြည်မှုတည်ဆောက်ရေး', 'my')).toContain('တည်ဆောက်');
  });

  it('keeps offsets into the original text, whatever normalisation does', () => {
    const text = 'ＣＩＣＡ — Đồng thuận!';
    for (const t of analyze(text, 'vi')) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(words(text, 'vi')).toEqual(['cica', 'dong', 'thuan']);
  });

  it('cuts long text into pieces of at most 1000 characters, at sentence ends first, and stays linear', () => {
    const sentence = 'The Senior Officials Committee met in Astana. ';
    const text = sentence.repeat(6000);
    const ps = pieces(text);
    expect(ps.every((p) => p.text.length <= maxPiece)).toBe(true);
    expect(ps.map((p) => p.text).join('')).toBe(text);
    expect(ps.every((p) => p.text.endsWith('. '))).toBe(true);
    const started = performance.now();
    expect(analyze(text, 'en')).toHaveLength(6000 * 7);
    expect(performance.now() - started).toBeLessThan(5000);
    // One sentence of 250k Chinese characters (no punctuation) does not exhaust the heap either.
    const han = '亚信会议是建立信任措施的多边论坛'.repeat(16_000);
    const hp = pieces(han);
    expect(hp.every((p) => p.text.length <= maxPiece)).toBe(true);
    expect(hp.map((p) => p.text).join('')).toBe(han);
    expect(analyze(han, 'zh').length).toBeGreaterThan(100_000);
  });

  it('never cuts inside a surrogate pair or before a combining mark', () => {
    const text = `${'𠀀'.repeat(700)}${'ก่'.repeat(700)}`;
    for (const p of pieces(text, 101)) {
      const first = p.text.charCodeAt(0);
      expect(first >= 0xdc00 && first <= 0xdfff).toBe(false);
      expect(/^\p{M}/u.test(p.text)).toBe(false);
    }
  });
});

describe('normalisation', () => {
  it('applies NFKC and lower case', () => {
    expect(normalizeWord('ＣＩＣＡ')).toBe('cica');
    expect(normalizeWord('ﬁnance')).toBe('finance');
  });

  it('folds accents on Latin and Greek letters, Vietnamese đ, Turkish ı and İ', () => {
    expect(foldWord('đồng')).toBe('dong');
    expect(foldWord(normalizeWord('Türkiye'))).toBe('turkiye');
    expect(foldWord(normalizeWord('İstanbul'))).toBe('istanbul');
    expect(foldWord('ışık')).toBe('isik');
    expect(foldWord('άλφα')).toBe('αλφα');
  });

  it('keeps marks that are letters: Cyrillic й, Kazakh letters, Thai and Devanagari vowels; folds ё', () => {
    expect(foldWord('йод')).toBe('йод');
    expect(foldWord('ёлка')).toBe('елка');
    expect(foldWord('қазақ')).toBe('қазақ');
    expect(foldWord('ความไว้วางใจ')).toBe('ความไว้วางใจ');
    expect(foldWord('हिन्दी')).toBe('हिन्दी');
  });

  it('drops Arabic short vowels and tatweel; unifies Persian yeh and kaf', () => {
    expect(foldWord('مُؤْتَمَر')).toBe('مؤتمر');
    expect(foldWord('كـتاب')).toBe('كتاب');
    expect(foldWord('كميته', 'fa')).toBe('کمیته');
    expect(foldWord('كميته', 'ar')).toBe('كميته');
  });

  it('splits Persian words at the zero-width non-joiner', () => {
    expect(words('می‌شود', 'fa')).toEqual(['می', 'شود']);
  });
});

describe('profiles', () => {
  it('stems where PostgreSQL has a configuration, simple elsewhere; prefixes for agglutinative languages; dual for Vietnamese', () => {
    expect(profileOf('en')).toMatchObject({ cfg: 'english', prefix: false, dual: false });
    expect(profileOf('ru').cfg).toBe('russian');
    expect(profileOf('ar').cfg).toBe('arabic');
    expect(profileOf('tr')).toMatchObject({ cfg: 'turkish', prefix: true });
    for (const l of ['kk', 'mn', 'ko']) expect(profileOf(l)).toMatchObject({ cfg: 'simple', prefix: true });
    for (const l of ['zh', 'ja', 'th', 'km', 'lo', 'my', 'fa']) expect(profileOf(l)).toMatchObject({ cfg: 'simple', prefix: false });
    expect(profileOf('vi')).toMatchObject({ cfg: 'simple', dual: true });
    expect(profileOf('zh-Hant').key).toBe('zh');
    expect(profileKeyOf('xx')).toBe('und');
  });

  it('builds the text handed to to_tsvector and the compact key of a term', () => {
    expect(segmentedText(analyze('Biện pháp', 'vi'), 'norm')).toBe('biện pháp');
    expect(segmentedText(analyze('Biện pháp', 'vi'))).toBe('bien phap');
    expect(compactKey('亚信会议', 'zh')).toBe(words('亚信会议', 'zh').join(' '));
  });
});
