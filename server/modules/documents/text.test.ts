import { describe, expect, it } from 'vitest';
import { contentDisposition, checkFileName, sniffFile, zipEntryNames } from './files.ts';
import { compareParagraphs, plainText, sanitizeParagraph } from './text.ts';
import { makeDocx, makeOdt, makePdf, makeZip } from '../../../test/helpers/document-files.ts';

describe('rich text is sanitised to an allow-list', () => {
  it('strips scripts, event handlers and javascript: URLs', () => {
    expect(sanitizeParagraph('<p onclick="x()">Hi<script>alert(1)</script></p>')).toBe('<p>Hi</p>');
    expect(sanitizeParagraph('<img src=x onerror="alert(1)">text')).toBe('<p>text</p>');
    expect(sanitizeParagraph('<a href="javascript:alert(1)">x</a>')).toBe('<p><a>x</a></p>');
    expect(sanitizeParagraph('<a href="JaVaScRiPt:alert(1)">x</a>')).not.toContain('javascript');
    expect(sanitizeParagraph('<a href="data:text/html,<script>">x</a>')).not.toContain('data:');
    expect(sanitizeParagraph('<svg><script>alert(1)</script></svg>ok')).toBe('<p>ok</p>');
    expect(sanitizeParagraph('<style>p{}</style><iframe src="https://x"></iframe>ok')).toBe('<p>ok</p>');
    expect(sanitizeParagraph('<p style="color:red" class="x">t</p>')).toBe('<p>t</p>');
  });

  it('keeps headings, lists, emphasis, safe links and tables', () => {
    expect(sanitizeParagraph('<h2>Title</h2>')).toBe('<h2>Title</h2>');
    expect(sanitizeParagraph('<ol><li><strong>a</strong></li><li><em>b</em></li></ol>')).toBe('<ol><li><strong>a</strong></li><li><em>b</em></li></ol>');
    expect(sanitizeParagraph('<p><a href="https://cica-china.org/x">l</a> <a href="mailto:a@b.org">m</a></p>')).toBe('<p><a href="https://cica-china.org/x">l</a> <a href="mailto:a@b.org">m</a></p>');
    expect(sanitizeParagraph('<table><tr><th colspan="2">h</th></tr><tr><td>1</td><td>2</td></tr></table>')).toContain('<th colspan="2">h</th>');
    expect(sanitizeParagraph('<b>bold</b> and <i>it</i>')).toBe('<p><strong>bold</strong> and <em>it</em></p>');
  });

  it('keeps right-to-left and CJK text intact', () => {
    const ar = 'يجب على الدول الأعضاء & الصين 中华人民共和国';
    expect(plainText(sanitizeParagraph(`<p>${ar.replace('&', '&amp;')}</p>`))).toBe(ar);
  });

  it('gives plain text of blocks separated by spaces', () => {
    expect(plainText('<ul><li>one</li><li>two &lt;3</li></ul>')).toBe('one two <3');
  });
});

describe('comparing revisions', () => {
  const para = (texts: string[]) => texts.map((plain, i) => ({ n: i + 1, plain }));
  it('aligns paragraphs and diffs words', () => {
    const a = para(['Alpha beta gamma.', 'Second paragraph.', 'Third one.']);
    const b = para(['Alpha beta delta gamma.', 'Inserted paragraph here.', 'Second paragraph.']);
    const changes = compareParagraphs(a, b);
    expect(changes.map((c) => c.status)).toEqual(['changed', 'added', 'same', 'removed']);
    expect(changes[0].words.filter((w) => w.op === 'added').map((w) => w.text.trim())).toEqual(['delta']);
    expect(changes[1]).toMatchObject({ fromN: null, toN: 2 });
    expect(changes[2]).toMatchObject({ fromN: 2, toN: 3 });
    expect(changes[3]).toMatchObject({ fromN: 3, toN: null });
  });
  it('reports identical texts as all same', () => {
    const a = para(['x', 'y']);
    expect(compareParagraphs(a, a).every((c) => c.status === 'same')).toBe(true);
  });
});

describe('files are judged by their bytes', () => {
  it('recognises PDF, DOCX and ODT', () => {
    expect(sniffFile(makePdf('hello'))).toEqual({ ok: true, kind: 'pdf' });
    expect(sniffFile(makeDocx('hello'))).toEqual({ ok: true, kind: 'docx' });
    expect(sniffFile(makeOdt('hello'))).toEqual({ ok: true, kind: 'odt' });
    expect(zipEntryNames(makeDocx('x'))).toContain('word/document.xml');
  });

  it('refuses HTML, SVG, other ZIPs, scripts in PDFs and empty files', () => {
    expect(sniffFile(Buffer.from('<!DOCTYPE html><html><body>x</body></html>'))).toMatchObject({ ok: false, code: 'documents.file_active_content' });
    expect(sniffFile(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).toMatchObject({ ok: false, code: 'documents.file_active_content' });
    expect(sniffFile(Buffer.from('  <?xml version="1.0"?><svg><script>alert(1)</script></svg>'))).toMatchObject({ ok: false, code: 'documents.file_active_content' });
    expect(sniffFile(makeZip([{ name: 'a.txt', data: 'x' }]))).toMatchObject({ ok: false, code: 'documents.file_type_unsupported' });
    expect(sniffFile(Buffer.from('%PDF-1.4\n1 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj'))).toMatchObject({ ok: false, code: 'documents.file_active_content' });
    expect(sniffFile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), { mime: 'image/png' })).toMatchObject({ ok: false, message: expect.stringContaining('image/png') });
    expect(sniffFile(Buffer.alloc(0))).toMatchObject({ ok: false, code: 'documents.file_empty' });
    const docWithMacros = makeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w/>' },
      { name: 'word/vbaProject.bin', data: 'x' },
    ]);
    expect(sniffFile(docWithMacros)).toMatchObject({ ok: false, code: 'documents.file_active_content' });
  });

  it('refuses unsafe names and names that lie about the type', () => {
    expect(checkFileName('Declaration 2025.pdf', 'pdf')).toEqual({ ok: true, name: 'Declaration 2025.pdf' });
    expect(checkFileName('Декларация 宣言.docx', 'docx')).toMatchObject({ ok: true });
    for (const bad of ['../../etc/passwd.pdf', '..\\x.pdf', 'a/b.pdf', '.hidden.pdf', 'x\u0000.pdf', 'C:evil.pdf', '']) {
      expect(checkFileName(bad, 'pdf'), bad).toMatchObject({ ok: false, code: 'documents.file_name_unsafe' });
    }
    expect(checkFileName('report.pdf', 'docx')).toMatchObject({ ok: false, code: 'documents.file_type_mismatch' });
    expect(checkFileName('report.pdf.html', 'pdf')).toMatchObject({ ok: false, code: 'documents.file_type_mismatch' });
    expect(checkFileName('report', 'pdf')).toMatchObject({ ok: false, code: 'documents.file_type_mismatch' });
  });

  it('names downloads per RFC 6266 with a UTF-8 filename*', () => {
    expect(contentDisposition('Декларация "1".pdf')).toBe(`attachment; filename="__________ _1_.pdf"; filename*=UTF-8''%D0%94%D0%B5%D0%BA%D0%BB%D0%B0%D1%80%D0%B0%D1%86%D0%B8%D1%8F%20%221%22.pdf`);
    expect(contentDisposition('a.pdf')).toBe(`attachment; filename="a.pdf"; filename*=UTF-8''a.pdf`);
  });
});
