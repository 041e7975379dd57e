import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { asRole, ensureParty } from '../../../test/helpers/auth.ts';
import { makeDocx, makeOdt, makePdf } from '../../../test/helpers/document-files.ts';
import { seedDocumentBasics } from '../../../test/helpers/documents.ts';
import { systemActor } from '../../shared/context.ts';
import { importDocuments } from './documents.import.ts';

let t: TestApp;
let dir: string;

beforeAll(async () => {
  t = await testApp();
  await seedDocumentBasics(t);
  await ensureParty(t, 'KZ');
  dir = mkdtempSync(path.join(tmpdir(), 'concord-import-'));
  mkdirSync(path.join(dir, 'ru'));
  writeFileSync(path.join(dir, 'decl-en.pdf'), makePdf('Declaration'));
  writeFileSync(path.join(dir, 'ru', 'decl-ru.docx'), makeDocx('Декларация'));
  writeFileSync(path.join(dir, 'note.odt'), makeOdt('Note'));
  writeFileSync(path.join(dir, 'fake.pdf'), '<html><script>alert(1)</script></html>');
  writeFileSync(path.join(dir, 'restricted.pdf'), makePdf('Restricted'));
  writeFileSync(path.join(tmpdir(), 'outside-concord.pdf'), makePdf('outside'));
  symlinkSync(path.join(tmpdir(), 'outside-concord.pdf'), path.join(dir, 'link.pdf'));
  const csv = [
    'symbol,type,body,date,language,title,access,file',
    'CICA/SOC/2025/7,declaration,SOC,2025-10-01,en,"Declaration, with a comma",public,decl-en.pdf',
    'CICA/SOC/2025/7,declaration,SOC,2025-10-01,ru,"Декларация ""в кавычках""",public,ru/decl-ru.docx',
    ',note,SOC,2025-11-01,en,Unnumbered note,members,note.odt',
    'CICA/SOC/2025/8,note,SOC,2025-11-02,en,Fake,public,fake.pdf',
    'CICA/SOC/2025/9,note,SOC,2025-11-02,en,Traversal,public,../outside-concord.pdf',
    'CICA/SOC/2025/10,note,SOC,2025-11-02,en,Link,public,link.pdf',
    'CICA/SOC/2025/11,poem,SOC,2025-11-02,en,Bad type,public,note.odt',
    'CICA/XX/2025/1,note,XX,2025-11-02,en,Bad body,public,note.odt',
    'CICA/SOC/2025/R.2,note,SOC,2025-11-02,en,Restricted,restricted:KZ,restricted.pdf',
    'CICA/SOC/2025/R.3,note,SOC,2025-11-02,en,Restricted nobody,restricted,restricted.pdf',
    'CICA/SOC/2025/7/Rev.1,declaration,SOC,2025-12-01,en,Revised,public,missing.pdf',
    'CICA/SOC/2025/7,declaration,SOC,2025-10-01,en,Again,public,decl-en.pdf',
  ].join('\r\n');
  writeFileSync(path.join(dir, 'documents.csv'), `\ufeff${csv}\r\n`);
});
afterAll(() => t?.close());

describe('concord documents import', () => {
  it('imports good rows, refuses bad ones with the reason, leaving nothing half-done', async () => {
    const progress: number[] = [];
    const report = await importDocuments(t.db, { actor: systemActor, requestId: null, clock: t.clock }, dir, { maxBytes: 1024 * 1024, onRow: (d) => progress.push(d) });
    expect(progress).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(report).toMatchObject({ rows: 12, imported: 4, created: 3 });
    const reasons = Object.fromEntries(report.refused.map((r) => [r.row, r.reason]));
    expect(Object.keys(reasons).map(Number)).toEqual([5, 6, 7, 8, 9, 11, 12, 13]);
    expect(reasons[5]).toMatch(/HTML, SVG or XML/);
    expect(reasons[6]).toMatch(/outside the import folder/);
    expect(reasons[7]).toMatch(/links outside/);
    expect(reasons[8]).toMatch(/type "poem"/);
    expect(reasons[9]).toMatch(/no body with code "XX"/);
    expect(reasons[11]).toMatch(/must name its parties/);
    expect(reasons[12]).toMatch(/does not exist/);
    expect(reasons[13]).toMatch(/imported already/);

    const docs = await t.db.selectFrom('documents').select(['symbol', 'title', 'status', 'access_level']).orderBy('symbol').execute();
    expect(docs.map((d) => d.symbol)).toEqual(['CICA/SOC/2025/7', 'CICA/SOC/2025/8', 'CICA/SOC/2025/R.2']);
    expect(docs.find((d) => d.symbol === 'CICA/SOC/2025/8')?.title).toBe('Unnumbered note');
    const sec = await asRole(t, 'SEC', 'officer');
    const d = await t.get(`/api/documents/by-symbol/${encodeURIComponent('CICA/SOC/2025/7')}`, { cookie: sec.cookie });
    expect(d.body.languageVersions.map((l: { language: string; title: string; files: unknown[] }) => [l.language, l.title, l.files.length])).toEqual([
      ['en', 'Declaration, with a comma', 1],
      ['ru', 'Декларация "в кавычках"', 1],
    ]);
    const r2 = await t.get(`/api/documents/by-symbol/${encodeURIComponent('CICA/SOC/2025/R.2')}`, { cookie: sec.cookie });
    expect(r2.body.access).toMatchObject({ level: 'restricted', addressedParties: ['KZ'] });
    // Refused rows left no trace: no document, no file, no audit event beyond the four imports.
    const files = await t.db.selectFrom('document_files').select('id').execute();
    expect(files).toHaveLength(4);
    const audits = await t.db.selectFrom('audit_events').select('action').where('action', '=', 'documents.import').execute();
    expect(audits).toHaveLength(4);
  });
});
