import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { asRole } from '../../../test/helpers/auth.ts';
import { ManualClock } from '../../shared/clock.ts';

/**
 * The glossary over HTTP on the CICA demo: the public index per language (letters, pinyin, stroke
 * order), an entry side by side, writes by the Secretariat only, TBX-Basic and CSV export validated
 * and imported back unchanged, and imports refused entry by entry with lines, nothing half-imported.
 */
let t: TestApp;
let officer: string;
let admin: string;
let delegate: string;
let observer: string;
let viewer: string;
const clock = new ManualClock('2026-03-02T08:00:00Z');

beforeAll(async () => {
  t = await testApp({ demo: true, clock });
  officer = (await asRole(t, 'SEC', 'officer')).cookie;
  admin = (await asRole(t, 'SEC', 'admin')).cookie;
  delegate = (await asRole(t, 'KZ', 'focal-point')).cookie;
  observer = (await asRole(t, 'JP', 'focal-point')).cookie;
  viewer = (await asRole(t, 'CN', 'viewer')).cookie;
}, 180_000);
afterAll(() => t?.close());

const entry = (code: string, extra: Record<string, unknown> = {}) => ({
  code,
  status: 'approved',
  subject: 'Decision-making',
  source: { title: 'Test source', date: '2024-05', url: 'https://example.org/source' },
  languages: [
    { lang: 'en', preferred: `Term ${code}`, synonyms: [`Other ${code}`], abbreviations: ['TST'], definition: 'A definition.', note: 'First paragraph.\n\nSecond paragraph.' },
    { lang: 'zh', preferred: '测试术语', definition: '定义。' },
  ],
  ...extra,
});

const schemaDir = path.resolve('standards/tbx-basic');

function xmllint(xml: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'tbx-'));
  const file = path.join(dir, 'export.tbx');
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--relaxng', path.join(schemaDir, 'TBXcoreStructV03.rng'), file], { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

describe('reading the key concepts', () => {
  it('lists the demo concepts in English by letter, publicly', async () => {
    const r = await t.get('/api/glossary?lang=en');
    expect(r.status).toBe(200);
    expect(r.body.order).toBe('alphabetical');
    expect(r.body.entries.length).toBeGreaterThanOrEqual(9);
    const cica = r.body.entries.find((e: { code: string }) => e.code === 'cica');
    expect(cica).toMatchObject({ term: 'Conference on Interaction and Confidence-Building Measures in Asia', letter: 'C', abbreviations: ['CICA'] });
    const letters = r.body.letters.map((l: { letter: string }) => l.letter);
    expect(letters).toEqual([...letters].sort());
    expect(r.body.languages.map((l: { lang: string }) => l.lang)).toEqual(expect.arrayContaining(['en', 'ru', 'zh', 'vi', 'ar', 'fa', 'kk', 'tr']));
    expect(r.body.can.manage).toBe(false);
  });

  it('groups Chinese by pinyin initial, or by first character in stroke order', async () => {
    const pinyin = await t.get('/api/glossary?lang=zh');
    expect(pinyin.body.order).toBe('pinyin');
    const byCode = (b: { entries: Array<{ code: string; letter: string; term: string }> }, code: string) => b.entries.find((e) => e.code === code)!;
    expect(byCode(pinyin.body, 'cica')).toMatchObject({ term: '亚洲相互协作与信任措施会议', letter: 'Y' });
    expect(byCode(pinyin.body, 'confidence-building-measures').letter).toBe('J');
    expect(byCode(pinyin.body, 'silence-procedure').letter).toBe('C');
    expect(byCode(pinyin.body, 'senior-officials-committee').letter).toBe('G');
    const stroke = await t.get('/api/glossary?lang=zh&order=stroke');
    expect(stroke.body.order).toBe('stroke');
    expect(byCode(stroke.body, 'cica').letter).toBe('亚');
    expect(stroke.body.letters.length).toBeGreaterThan(5);
  });

  it('groups Vietnamese and Kazakh letters by their own alphabets, Arabic right to left', async () => {
    const vi = await t.get('/api/glossary?lang=vi');
    const letterOf = (b: { entries: Array<{ code: string; letter: string }> }, code: string) => b.entries.find((e) => e.code === code)!.letter;
    expect(letterOf(vi.body, 'consensus')).toBe('Đ');
    expect(letterOf(vi.body, 'confidence-building-measures')).toBe('B');
    const kk = await t.get('/api/glossary?lang=kk');
    expect(letterOf(kk.body, 'cica')).toBe('А');
    const ar = await t.get('/api/glossary?lang=ar');
    expect(ar.body.dir).toBe('rtl');
  });

  it('shows one entry with all languages side by side, by code or id, each with its direction', async () => {
    const r = await t.get('/api/glossary/confidence-building-measures');
    expect(r.status).toBe(200);
    const langs = r.body.languages.map((l: { lang: string }) => l.lang);
    expect(langs).toEqual(expect.arrayContaining(['en', 'ru', 'zh', 'vi', 'ar', 'fa', 'kk', 'tr']));
    const vi = r.body.languages.find((l: { lang: string }) => l.lang === 'vi');
    expect(vi.preferred).toBe('biện pháp xây dựng lòng tin');
    expect(vi.note.length).toBeGreaterThan(400);
    const zh = r.body.languages.find((l: { lang: string }) => l.lang === 'zh');
    expect(zh.note.length).toBeGreaterThan(150);
    expect(r.body.languages.find((l: { lang: string }) => l.lang === 'fa').dir).toBe('rtl');
    expect(r.body.source).toMatchObject({ date: '2021-10-12' });
    const byId = await t.get(`/api/glossary/${r.body.id}`);
    expect(byId.body.code).toBe('confidence-building-measures');
  });

  it('answers 404 for an unknown entry and 400 for a bad language tag', async () => {
    expect((await t.get('/api/glossary/no-such-thing')).status).toBe(404);
    const bad = await t.get('/api/glossary?lang=12');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('writing', () => {
  it('lets a Secretariat officer add an entry, audited; drafts stay with the Secretariat', async () => {
    const r = await t.post('/api/glossary', entry('test-draft', { status: 'draft' }), { cookie: officer });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ code: 'test-draft', status: 'draft', can: { manage: true } });
    expect((await t.get('/api/glossary/test-draft')).status).toBe(404);
    expect((await t.get('/api/glossary/test-draft', { cookie: delegate })).status).toBe(404);
    expect((await t.get('/api/glossary/test-draft', { cookie: admin })).status).toBe(200);
    const audit = await t.db.selectFrom('audit_events').select(['action']).where('object_id', '=', r.body.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['glossary.create']);
    // Approving makes it public.
    const p = await t.request('PATCH', '/api/glossary/test-draft', { body: { status: 'approved' }, cookie: admin });
    expect(p.status).toBe(200);
    expect((await t.get('/api/glossary/test-draft')).status).toBe(200);
  });

  it('refuses writes from anonymous callers, delegations, observers and viewers', async () => {
    expect((await t.post('/api/glossary', entry('test-anon'))).status).toBe(401);
    for (const cookie of [delegate, observer, viewer]) {
      expect((await t.post('/api/glossary', entry('test-refused'), { cookie })).status).toBe(403);
      expect((await t.request('PATCH', '/api/glossary/cica', { body: { status: 'deprecated' }, cookie })).status).toBe(403);
      expect((await t.post('/api/glossary/import', { format: 'csv', content: 'code,lang,preferred\r\nx,en,X\r\n' }, { cookie })).status).toBe(403);
    }
    expect((await t.get('/api/glossary/test-refused', { cookie: officer })).status).toBe(404);
    expect((await t.get('/api/glossary/cica')).body.status).toBe('approved');
  });

  it('rejects bad input cleanly, storing nothing', async () => {
    const before = await t.db.selectFrom('glossary_concepts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const noLang = await t.post('/api/glossary', { ...entry('test-bad'), languages: [] }, { cookie: officer });
    expect(noLang.status).toBe(400);
    expect(noLang.body.errors.some((e: { field: string }) => e.field.startsWith('body.languages'))).toBe(true);
    const badCode = await t.post('/api/glossary', entry('Bad Code'), { cookie: officer });
    expect(badCode.status).toBe(400);
    const twice = await t.post('/api/glossary', { ...entry('test-twice'), languages: [entry('x').languages[0], entry('x').languages[0]] }, { cookie: officer });
    expect(twice.status).toBe(422);
    expect(twice.body.errors[0].field).toBe('languages.1.lang');
    const badDate = await t.post('/api/glossary', entry('test-date', { source: { date: '2024-13-40' } }), { cookie: officer });
    expect(badDate.status).toBe(422);
    const taken = await t.post('/api/glossary', entry('cica'), { cookie: officer });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('glossary.code_taken');
    const after = await t.db.selectFrom('glossary_concepts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('TBX-Basic and CSV', () => {
  it('exports TBX-Basic that validates against the TBX core RELAX NG schema', async () => {
    const r = await t.get('/api/glossary/export?format=tbx');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/x-tbx+xml');
    expect(r.text).toContain('type="TBX-Basic"');
    expect(r.text).toContain('<term>亚信会议</term>');
    const v = xmllint(r.text);
    expect(v.output).toContain('validates');
    expect(v.ok).toBe(true);
  });

  it('round-trips: exporting and importing the export changes nothing, into a fresh database it recreates every entry', async () => {
    const exported = await t.get('/api/glossary/export?format=tbx', { cookie: officer });
    const before = await t.get('/api/glossary/export?format=csv', { cookie: officer });
    const again = await t.post('/api/glossary/import', { format: 'tbx', content: exported.text }, { cookie: officer });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ imported: true, created: 0, updated: 0, refused: [] });
    expect(again.body.unchanged).toBe(again.body.entries);

    const fresh = await testApp({ clock });
    try {
      const sec = (await asRole(fresh, 'SEC', 'officer')).cookie;
      const imp = await fresh.post('/api/glossary/import', { format: 'tbx', content: exported.text }, { cookie: sec });
      expect(imp.status).toBe(200);
      expect(imp.body.created).toBe(again.body.entries);
      const a = await t.get('/api/glossary/confidence-building-measures');
      const b = await fresh.get('/api/glossary/confidence-building-measures');
      const strip = (x: { id?: string; createdAt?: string; updatedAt?: string }) => ({ ...x, id: undefined, createdAt: undefined, updatedAt: undefined });
      expect(strip(b.body)).toEqual(strip(a.body));
      const csvA = before.text;
      const csvB = (await fresh.get('/api/glossary/export?format=csv', { cookie: sec })).text;
      expect(csvB).toBe(csvA);
    } finally {
      await fresh.close();
    }
  }, 120_000);

  it('round-trips CSV too, with quotes, commas and line breaks (RFC 4180)', async () => {
    const csv = (await t.get('/api/glossary/export?format=csv', { cookie: officer })).text;
    expect(csv.split('\r\n')[0]).toBe('code,status,subject,source_title,source_date,source_url,lang,preferred,synonyms,abbreviations,definition,note');
    expect(csv).toContain('"First paragraph.\n\nSecond paragraph."');
    const r = await t.post('/api/glossary/import', { format: 'csv', content: csv }, { cookie: officer });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ imported: true, created: 0, updated: 0, refused: [] });
  });

  it('refuses a malformed TBX file with the line and the reason, storing nothing', async () => {
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">',
      '  <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>',
      '  <text><body>',
      '    <conceptEntry id="broken">',
      '      <langSec xml:lang="en"><termSec><term>Broken</term></termSec>',
      '    </conceptEntry>',
      '  </body></text>',
      '</tbx>',
    ].join('\n');
    const r = await t.post('/api/glossary/import', { format: 'tbx', content: xml }, { cookie: officer });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('glossary.import_refused');
    expect(r.body.errors[0].field).toMatch(/^line 7/);
    expect(r.body.errors[0].message).toMatch(/not well-formed XML: <langSec> opened on line 6 is closed by <\/conceptEntry> on line 7/);
    expect((await t.get('/api/glossary/broken', { cookie: officer })).status).toBe(404);
  });

  it('refuses a DOCTYPE (entity expansion, XXE) before parsing', async () => {
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en"/>`;
    const r = await t.post('/api/glossary/import', { format: 'tbx', content: xml, dryRun: true }, { cookie: officer });
    expect(r.status).toBe(200);
    expect(r.body.imported).toBe(false);
    expect(r.body.refused[0]).toMatchObject({ line: 2 });
    expect(r.body.refused[0].reason).toMatch(/DOCTYPE/);
  });

  it('checks every entry: one bad entry refuses the whole import; a dry run reports without storing', async () => {
    const tbx = (await t.get('/api/glossary/export?format=tbx', { cookie: officer })).text;
    const good = tbx.replace('<conceptEntry id="cica">', '<conceptEntry id="new-one">');
    // A second entry with a language tag that is not one, and an entry with two preferred terms.
    const bad = good
      .replace('<langSec xml:lang="fa">', '<langSec xml:lang="farsi-language-x">')
      .replace(
        '<term>silence procedure</term><termNote type="termType">fullForm</termNote><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>',
        '<term>silence procedure</term><termNote type="termType">fullForm</termNote><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec><termSec><term>silent procedure</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>',
      );
    const dry = await t.post('/api/glossary/import', { format: 'tbx', content: bad, dryRun: true }, { cookie: officer });
    expect(dry.status).toBe(200);
    expect(dry.body.imported).toBe(false);
    expect(dry.body.refused.length).toBeGreaterThanOrEqual(2);
    const lines = bad.split('\n');
    for (const r of dry.body.refused) expect(r.line).toBeGreaterThan(0);
    const preferredRefusal = dry.body.refused.find((r: { reason: string }) => /preferred/.test(r.reason));
    expect(lines[preferredRefusal.line - 1]).toContain('silent procedure');
    const langRefusal = dry.body.refused.find((r: { field: string | null }) => r.field?.endsWith('.lang'));
    expect(lines[langRefusal.line - 1]).toContain('farsi-language-x');
    const real = await t.post('/api/glossary/import', { format: 'tbx', content: bad }, { cookie: officer });
    expect(real.status).toBe(422);
    expect((await t.get('/api/glossary/new-one', { cookie: officer })).status).toBe(404);
    // Without the bad parts the same file imports: the new entry is created, the rest unchanged.
    const ok = await t.post('/api/glossary/import', { format: 'tbx', content: good }, { cookie: officer });
    expect(ok.status).toBe(200);
    expect(ok.body.created).toBe(1);
    expect((await t.get('/api/glossary/new-one')).status).toBe(200);
  });

  it('reports CSV rows that disagree or lack columns, with their lines', async () => {
    const csv = [
      'code,status,lang,preferred,definition',
      'csv-one,approved,en,One,"A definition, with a comma"',
      'csv-one,draft,ru,Один,',
      'csv-two,approved,xx-not-a-tag-at-all,Two,',
      ',approved,en,No code,',
    ].join('\r\n');
    const r = await t.post('/api/glossary/import', { format: 'csv', content: csv, dryRun: true }, { cookie: officer });
    expect(r.status).toBe(200);
    const lines = r.body.refused.map((x: { line: number }) => x.line);
    expect(lines).toEqual([3, 4, 5]);
    expect(r.body.refused[0].reason).toMatch(/differs .* line 2/);
    const header = await t.post('/api/glossary/import', { format: 'csv', content: 'term,language\r\nx,en\r\n' }, { cookie: officer });
    expect(header.status).toBe(422);
    expect(header.body.errors[0].field).toBe('line 1');
  });

  it('rejects a bad import request (format, empty content) with 400', async () => {
    expect((await t.post('/api/glossary/import', { format: 'xlsx', content: 'x' }, { cookie: officer })).status).toBe(400);
    expect((await t.post('/api/glossary/import', { format: 'tbx', content: '' }, { cookie: officer })).status).toBe(400);
  });
});
