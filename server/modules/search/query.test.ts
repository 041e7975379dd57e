import { describe, expect, it } from 'vitest';
import { profileOf } from './analysis.ts';
import { clausesOf, compileFor, compileGroups, expandWithConcepts, splitQuery, termKeysOf } from './query.ts';

const compile = (q: string, lang: string) => compileFor(clausesOf(splitQuery(q)), profileOf(lang));

describe('the query side', () => {
  it('splits on white space and keeps quoted phrases whole', () => {
    expect(splitQuery('  silence  "Senior Officials" 沉默程序 ').map((w) => w.text)).toEqual(['silence', 'Senior Officials', '沉默程序']);
    expect(splitQuery('«меры доверия» x').map((w) => [w.text, w.quoted])).toEqual([
      ['меры доверия', true],
      ['x', false],
    ]);
  });

  it('makes each word a phrase of its segments and ANDs the words', () => {
    expect(compile('confidence-building catalogue', 'en')).toBe("('confidence' <-> 'building') & 'catalogue'");
    expect(compile('"senior officials"', 'en')).toBe("('senior' <-> 'officials')");
  });

  it('in scripts without spaces, a typed word matches its segments in any order, the phrase ranking first', () => {
    expect(compile('秘书处预算', 'zh')).toBe("(('秘书' <-> '处' <-> '预算') | ('秘书' & '处' & '预算'))");
  });

  it('uses prefixes for agglutinative languages, from two characters', () => {
    expect(compile('bildiri', 'tr')).toBe("'bildiri':*");
    expect(compile('회의 a', 'ko')).toBe("'회의':* & 'a'");
  });

  it('searches Vietnamese with and without diacritics', () => {
    expect(compile('đồng thuận', 'vi')).toBe("(('đồng') | 'dong') & (('thuận') | 'thuan')".replace(/\(\('đồng'\)/, "('đồng'").replace(/\(\('thuận'\)/, "('thuận'"));
    expect(compile('dong thuan', 'vi')).toBe("'dong' & 'thuan'");
  });

  it('escapes quotes and backslashes', () => {
    expect(compile("don't", 'en')).toBe("'don''t'");
    expect(compile('a\\b', 'en')).toBe("('a' <-> 'b')");
  });

  it('returns null when nothing searchable is left', () => {
    expect(compile('!!! ...', 'en')).toBeNull();
  });

  it('groups languages that compile the same way', () => {
    const groups = compileGroups(clausesOf(splitQuery('CICA')));
    const simple = groups.find((g) => g.cfg === 'simple' && !g.prefix);
    expect(simple?.profiles).toEqual(expect.arrayContaining(['zh', 'th', 'fa']));
    expect(groups.length).toBeLessThan(40);
  });

  it('replaces the words a glossary term was found at by the term in every language', () => {
    const q = 'CICA summit';
    const words = splitQuery(q);
    const keys = termKeysOf(q, ['en']);
    expect(keys.get('cica')).toEqual({ start: 0, end: 4 });
    const { clauses, added } = expandWithConcepts(
      words,
      [{ conceptId: 'c', span: keys.get('cica')!, terms: [{ text: 'CICA', lang: 'en', key: 'cica' }, { text: 'СВМДА', lang: 'ru', key: 'свмда' }, { text: '亚信会议', lang: 'zh', key: '亚 信 会议' }] }],
      new Set(keys.keys()),
    );
    expect(added).toEqual(['СВМДА', '亚信会议']);
    expect(clauses).toHaveLength(2);
    expect(compileFor(clauses, profileOf('en'))).toBe("('cica' | 'свмда' | (('亚' <-> '信' <-> '会议') | ('亚' & '信' & '会议'))) & 'summit'");
  });
});
