import { describe, expect, it } from 'vitest';
import { buildCsv, parseCsv } from './csv.ts';
import { checkConcept, compareTerms, directionOf, letterOf, normalizeConcept, sortLetters, termsOf } from './glossary.ts';
import { buildTbx, parseTbx } from './tbx.ts';

const entry = normalizeConcept({
  code: 'silence-procedure',
  status: 'approved',
  subject: 'Decision-making',
  source: { title: 'Rules of Procedure, "2004"', date: '2004-10-22', url: 'https://example.org/rop' },
  languages: [
    { lang: 'en', preferred: 'silence procedure', synonyms: ['tacit approval'], definition: 'A decision without a meeting, unless someone objects.', note: 'One.\n\nTwo, with a comma.' },
    { lang: 'zh', preferred: '沉默程序', synonyms: ['默许程序'] },
    { lang: 'ar', preferred: 'إجراء الصمت' },
  ],
});

describe('letters and order', () => {
  it('indexes Chinese by pinyin initial, or by first character for stroke order', () => {
    expect(letterOf('亚洲相互协作与信任措施会议', 'zh')).toBe('Y');
    expect(letterOf('建立信任措施', 'zh')).toBe('J');
    expect(letterOf('沉默程序', 'zh')).toBe('C');
    expect(letterOf('高官委员会', 'zh')).toBe('G');
    expect(letterOf('秘书处', 'zh')).toBe('M');
    expect(letterOf('建立信任措施', 'zh', 'stroke')).toBe('建');
    const stroke = compareTerms('zh', 'stroke');
    expect(['建立', '一致', '亚信'].sort(stroke)[0]).toBe('一致');
  });

  it('uses each alphabet: accents fold where the language does (É under E), not where they are letters (Vietnamese Đ, Kazakh Ә)', () => {
    expect(letterOf('Élysée', 'en')).toBe('E');
    expect(letterOf('đồng thuận', 'vi')).toBe('Đ');
    expect(letterOf('ăn', 'vi')).toBe('Ă');
    expect(letterOf('әріптес', 'kk')).toBe('Ә');
    expect(letterOf('ёлка', 'ru')).toBe('Е');
    expect(letterOf('ılık', 'tr')).toBe('I');
    expect(letterOf('istanbul', 'tr')).toBe('İ');
    expect(letterOf('신뢰구축', 'ko')).toBe('ㅅ');
    expect(letterOf('2021 update', 'en')).toBe('#');
    expect(sortLetters(['B', '#', 'A'], 'en')).toEqual(['A', 'B', '#']);
    expect(directionOf('fa')).toBe('rtl');
    expect(directionOf('zh-Hans')).toBe('ltr');
  });
});

describe('entries', () => {
  it('accepts a valid entry and keys its terms for matching in queries', () => {
    expect(checkConcept(entry)).toEqual([]);
    const terms = termsOf(entry);
    expect(terms.filter((t) => t.kind === 'preferred').map((t) => t.lang)).toEqual(['en', 'zh', 'ar']);
    expect(terms.find((t) => t.term === 'silence procedure')?.matchKey).toBe('silence procedure');
  });

  it('names every problem with its field', () => {
    const bad = normalizeConcept({
      code: 'Bad Code',
      status: 'approved',
      source: { date: '2004-13', url: 'ftp://x' },
      languages: [
        { lang: 'english', preferred: 'x' },
        { lang: 'en', preferred: '!!!' },
        { lang: 'en', preferred: 'Twice', synonyms: ['twice'] },
      ],
    });
    expect(checkConcept(bad).map((p) => p.field)).toEqual(['code', 'source.date', 'source.url', 'languages.0.lang', 'languages.1.preferred', 'languages.2.lang', 'languages.2.synonyms']);
  });
});

describe('files', () => {
  it('writes CSV by RFC 4180 and reads it back the same', () => {
    const csv = buildCsv([entry]);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain('"Rules of Procedure, ""2004"""');
    expect(csv).toContain('"One.\n\nTwo, with a comma."');
    const back = parseCsv(csv);
    expect(back.refused).toEqual([]);
    expect(normalizeConcept(back.entries[0]!.input)).toEqual(entry);
    expect(back.entries[0]!.languageLines).toEqual([2, 5, 6]);
  });

  it('writes TBX-Basic and reads it back the same, with the line of each entry', () => {
    const xml = buildTbx([entry], { title: 'Test', sourceNote: 'Test export' });
    const back = parseTbx(xml);
    expect(back.refused).toEqual([]);
    expect(normalizeConcept(back.entries[0]!.input)).toEqual(entry);
    expect(xml.split('\n')[back.entries[0]!.line - 1]).toContain('<conceptEntry id="silence-procedure">');
  });

  it('refuses what is not TBX-Basic, not well-formed, or declares entities, with the line', () => {
    expect(parseTbx('<tbx/>').refused[0]!.reason).toMatch(/namespace/);
    expect(parseTbx('<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Min" style="dca"/>').refused[0]!.reason).toMatch(/Only TBX-Basic/);
    const entity = parseTbx('<?xml version="1.0"?>\n\n<!DOCTYPE x SYSTEM "file:///etc/passwd">\n<tbx/>');
    expect(entity).toMatchObject({ fatal: true, refused: [{ line: 3 }] });
    expect(parseTbx('<a>\n<b>\n</a>').refused[0]).toMatchObject({ line: 3 });
  });
});
