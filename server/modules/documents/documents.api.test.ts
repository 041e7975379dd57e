import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { asRole, ensureParty } from '../../../test/helpers/auth.ts';
import { makeDocx, makeOdt, makePdf } from '../../../test/helpers/document-files.ts';
import { seedDocumentBasics } from '../../../test/helpers/documents.ts';
import type { ManualClock } from '../../shared/clock.ts';
import { type Actor, anonymousActor } from '../../shared/context.ts';
import { accessLevels, canRead, documentStatuses } from './document.ts';
import { accessFactsOf, addressedPartyIds, visibleTo } from './documents.repository.ts';

let t: TestApp;
type Who = { cookie: string; user: { id: string; partyId: string } };
let sec: Who;
let kzFocal: Who;
let kzViewer: Who;
let cnDelegate: Who;
let observer: Who;
let orgObserver: Who;

const as = (w: Who | null) => (w ? { cookie: w.cookie } : {});

async function create(body: Record<string, unknown>, who: Who = sec) {
  const r = await t.post('/api/documents', { type: 'declaration', bodyCode: 'SOC', title: 'Draft declaration', originalLanguage: 'en', accessLevel: 'members', ...body }, as(who));
  if (r.status !== 201) throw new Error(`create failed ${r.status} ${r.text}`);
  return r.body;
}
const setStatus = (id: string, to: string, who: Who = sec) => t.post(`/api/documents/${id}/status`, { to }, as(who));

function multipart(field: string, fileName: string, data: Buffer, type = 'application/octet-stream') {
  const boundary = `----concord${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`, 'utf8');
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, data, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}
async function upload(id: string, lang: string, fileName: string, data: Buffer, who: Who | null = sec) {
  const m = multipart('file', fileName, data);
  const res = await fetch(`${t.url}/api/documents/${id}/languages/${lang}/files`, {
    method: 'POST',
    headers: { origin: t.url, 'sec-fetch-site': 'same-origin', 'content-type': m.contentType, ...(who ? { cookie: who.cookie } : {}) },
    body: m.body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}
const fileCount = async () => Number((await t.db.selectFrom('document_files').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await testApp({ env: { CONCORD_UPLOAD_MAX_MB: '1' } });
  await seedDocumentBasics(t);
  sec = await asRole(t, 'SEC', 'officer');
  kzFocal = await asRole(t, 'KZ', 'focal-point');
  kzViewer = await asRole(t, 'KZ', 'viewer');
  cnDelegate = await asRole(t, 'CN', 'delegate');
  observer = await asRole(t, 'JP', 'delegate', { kind: 'observer-state' });
  orgObserver = await asRole(t, 'OSCE', 'delegate', { kind: 'observer-organization' });
});
afterAll(() => t?.close());

describe('creating documents', () => {
  it('numbers per body, year and series, and audits the creation', async () => {
    const a = await create({ title: 'First' });
    const b = await create({ title: 'Second' });
    const c = await create({ title: 'Other body', bodyCode: 'MC' });
    const d = await create({ title: 'Restricted', accessLevel: 'restricted', addressedParties: ['KZ'] });
    const e = await create({ title: 'Older', date: '2025-11-02' });
    expect([a.symbol, b.symbol, c.symbol, d.symbol, e.symbol]).toEqual(['CICA/SOC/2026/1', 'CICA/SOC/2026/2', 'CICA/MC/2026/1', 'CICA/SOC/2026/R.1', 'CICA/SOC/2025/1']);
    expect(a).toMatchObject({ status: 'draft', series: 'general', originalLanguage: 'en', submittingParty: null });
    expect(a.languageVersions).toEqual([expect.objectContaining({ language: 'en', role: 'original', status: 'ready', authoritative: true })]);
    const audit = await t.db.selectFrom('audit_events').select(['action', 'actor_user_id']).where('object_id', '=', a.id).execute();
    expect(audit).toEqual([{ action: 'documents.create', actor_user_id: sec.user.id }]);
  });

  it('rejects bad input with a problem naming the field, and stores nothing', async () => {
    const before = await t.db.selectFrom('documents').select('id').execute();
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'poem' }, 'body.type'],
      [{ bodyCode: 'soc' }, 'body.bodyCode'],
      [{ title: '' }, 'body.title'],
      [{ originalLanguage: 'English' }, 'body.originalLanguage'],
      [{ date: '2026-02-30' }, 'body.date'],
      [{ accessLevel: 'secret' }, 'body.accessLevel'],
    ];
    for (const [patch, field] of cases) {
      const r = await t.post('/api/documents', { type: 'declaration', bodyCode: 'SOC', title: 'x', originalLanguage: 'en', accessLevel: 'members', ...patch }, as(sec));
      expect(r.status, JSON.stringify(patch)).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const rules: [Record<string, unknown>, string][] = [
      [{ bodyCode: 'NOPE' }, 'documents.unknown_body'],
      [{ accessLevel: 'restricted' }, 'documents.restricted_needs_parties'],
      [{ addressedParties: ['KZ'] }, 'documents.parties_only_when_restricted'],
      [{ accessLevel: 'restricted', addressedParties: ['ZZ'] }, 'documents.unknown_party'],
      [{ derestrictAt: '2027-01-01T00:00:00Z' }, 'documents.derestriction_incomplete'],
      [{ derestrictAt: '2027-01-01T00:00:00Z', derestrictTo: 'members' }, 'documents.derestriction_narrows'],
    ];
    for (const [patch, code] of rules) {
      const r = await t.post('/api/documents', { type: 'declaration', bodyCode: 'SOC', title: 'x', originalLanguage: 'en', accessLevel: 'members', ...patch }, as(sec));
      expect(r.body.code, JSON.stringify(patch)).toBe(code);
      expect([400, 422]).toContain(r.status);
    }
    const after = await t.db.selectFrom('documents').select('id').execute();
    expect(after.length).toBe(before.length);
  });

  it('lets a member state submit drafts for itself only; observers, delegates and anonymous callers may not', async () => {
    const own = await create({ title: 'Kazakh proposal' }, kzFocal);
    expect(own).toMatchObject({ submittingParty: 'KZ', series: 'limited', status: 'draft' });
    expect(own.symbol).toMatch(/^CICA\/SOC\/2026\/L\.\d+$/);
    const body = { type: 'concept-paper', bodyCode: 'SOC', title: 'x', originalLanguage: 'en', accessLevel: 'members' };
    expect((await t.post('/api/documents', { ...body, submittingParty: 'CN' }, as(kzFocal))).status).toBe(403);
    expect((await t.post('/api/documents', body, as(cnDelegate))).status).toBe(403);
    expect((await t.post('/api/documents', body, as(kzViewer))).status).toBe(403);
    expect((await t.post('/api/documents', body, as(observer))).status).toBe(403);
    expect((await t.post('/api/documents', body)).status).toBe(401);
    // A draft is seen by its submitter and the Secretariat only.
    expect((await t.get(`/api/documents/${own.id}`, as(kzViewer))).status).toBe(200);
    expect((await t.get(`/api/documents/${own.id}`, as(sec))).status).toBe(200);
    expect((await t.get(`/api/documents/${own.id}`, as(cnDelegate))).status).toBe(404);
    expect((await t.get(`/api/documents/${own.id}`)).status).toBe(404);
    // The submitter may edit its draft's text, not circulate it.
    expect((await t.request('PUT', `/api/documents/${own.id}/languages/en/text`, { body: { paragraphs: ['<p>Our proposal</p>'] }, ...as(kzFocal) })).status).toBe(200);
    expect((await setStatus(own.id, 'circulated', kzFocal)).status).toBe(403);
  });
});

describe('status and access', () => {
  let id: string;
  beforeAll(async () => {
    id = (await create({ title: 'Declaration on connectivity', translations: ['ru', 'zh'] })).id;
  });

  it('moves through the status machine; wrong moves are 422, others may not', async () => {
    expect((await setStatus(id, 'adopted')).body.code).toBe('documents.bad_transition');
    expect((await setStatus(id, 'circulated', cnDelegate)).status).toBe(404);
    const r = await setStatus(id, 'circulated');
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('circulated');
    expect(r.body.nextStatuses).toEqual(['adopted', 'issued', 'withdrawn']);
    expect((await setStatus(id, 'adopted', cnDelegate)).status).toBe(403);
    expect((await setStatus(id, 'superseded')).body.code).toBe('documents.supersede_by_revision');
    expect((await t.post(`/api/documents/${id}/status`, { to: 'gone' }, as(sec))).status).toBe(400);
    const audit = await t.db.selectFrom('audit_events').select(['action', 'before', 'after']).where('object_id', '=', id).where('action', '=', 'documents.status').execute();
    expect(audit).toHaveLength(1);
  });

  it('shows a members document to member delegations and hides it from observers and the public, in lists too', async () => {
    const visible = async (w: Who | null) => (await t.get(`/api/documents/${id}`, as(w))).status;
    expect(await visible(cnDelegate)).toBe(200);
    expect(await visible(kzViewer)).toBe(200);
    expect(await visible(observer)).toBe(404);
    expect(await visible(null)).toBe(404);
    const q = '?q=connectivity';
    expect((await t.get(`/api/documents${q}`, as(cnDelegate))).body.total).toBe(1);
    expect((await t.get(`/api/documents${q}`, as(observer))).body).toMatchObject({ total: 0, items: [] });
    expect((await t.get(`/api/documents${q}`)).body).toMatchObject({ total: 0, items: [] });
  });

  it('changes access with history and derestricts on a date by itself', async () => {
    const clock = t.clock as ManualClock;
    const r = await t.request('PUT', `/api/documents/${id}/access`, {
      body: { level: 'restricted', addressedParties: ['KZ'], derestrictAt: '2026-03-01T00:00:00Z', derestrictTo: 'public' },
      ...as(sec),
    });
    expect(r.status).toBe(200);
    expect(r.body.access).toMatchObject({ level: 'restricted', addressedParties: ['KZ'], derestrictTo: 'public' });
    expect((await t.get(`/api/documents/${id}`, as(cnDelegate))).status).toBe(404);
    expect((await t.get(`/api/documents/${id}`, as(kzViewer))).status).toBe(200);
    expect((await t.get(`/api/documents/${id}`, as(kzViewer))).body.accessHistory).toBeUndefined();
    expect((await t.request('PUT', `/api/documents/${id}/access`, { body: { level: 'public' }, ...as(cnDelegate) })).status).toBe(404);
    expect((await t.request('PUT', `/api/documents/${id}/access`, { body: { level: 'public' }, ...as(kzViewer) })).status).toBe(403);
    const saved = clock.now();
    clock.set('2026-03-01T00:00:00Z');
    try {
      expect((await t.get(`/api/documents/${id}`)).status).toBe(200);
      expect((await t.get(`/api/documents/${id}`)).body.accessLevel).toBe('public');
      expect((await t.get('/api/documents?q=connectivity')).body.total).toBe(1);
    } finally {
      clock.set(saved);
    }
    expect((await t.get(`/api/documents/${id}`)).status).toBe(404);
    const h = (await t.get(`/api/documents/${id}`, as(sec))).body.accessHistory;
    expect(h.map((e: { change: string }) => e.change)).toEqual(['set', 'set', 'derestriction-scheduled']);
  });

  it('derestricts by a recorded decision', async () => {
    expect((await t.post(`/api/documents/${id}/derestrict`, { to: 'public' }, as(sec))).status).toBe(400);
    const r = await t.post(`/api/documents/${id}/derestrict`, { to: 'members-and-observers', decisionRef: 'CICA/SOC/2026/DEC.4' }, as(sec));
    expect(r.status).toBe(200);
    expect(r.body.access).toMatchObject({ level: 'members-and-observers', addressedParties: [], derestrictAt: null });
    expect((await t.get(`/api/documents/${id}`, as(observer))).status).toBe(200);
    expect((await t.get(`/api/documents/${id}`, as(orgObserver))).status).toBe(200);
    expect((await t.get(`/api/documents/${id}`)).status).toBe(404);
    const last = r.body.accessHistory.at(-1);
    expect(last).toMatchObject({ change: 'derestricted', fromLevel: 'restricted', toLevel: 'members-and-observers', decisionRef: 'CICA/SOC/2026/DEC.4' });
    expect((await t.post(`/api/documents/${id}/derestrict`, { to: 'members', decisionRef: 'x' }, as(sec))).body.code).toBe('documents.derestriction_narrows');
    const actions = (await t.db.selectFrom('audit_events').select('action').where('object_id', '=', id).execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['documents.create', 'documents.status', 'documents.access', 'documents.derestrict']));
  });
});

describe('language versions, text and revisions', () => {
  let id: string;
  beforeAll(async () => {
    id = (await create({ title: 'Declaration of the SOC', translations: ['ru'] })).id;
  });

  it('adds, changes and removes language versions', async () => {
    const r = await t.post(`/api/documents/${id}/languages`, { language: 'zh', translator: 'Li Wei' }, as(sec));
    expect(r.status).toBe(201);
    expect(r.body.languageVersions.map((l: { language: string }) => l.language).sort()).toEqual(['en', 'ru', 'zh']);
    expect((await t.post(`/api/documents/${id}/languages`, { language: 'zh' }, as(sec))).body.code).toBe('documents.language_exists');
    expect((await t.post(`/api/documents/${id}/languages`, { language: 'ar' }, as(cnDelegate))).status).toBe(404);
    expect((await t.post(`/api/documents/${id}/languages`, { language: 'Arabic' }, as(sec))).status).toBe(400);
    const p = await t.request('PATCH', `/api/documents/${id}/languages/ru`, { body: { status: 'in-translation', authoritative: true, title: 'Декларация СДЛ' }, ...as(sec) });
    expect(p.status).toBe(200);
    expect(p.body.languageVersions.find((l: { language: string }) => l.language === 'ru')).toMatchObject({ status: 'in-translation', authoritative: true, title: 'Декларация СДЛ' });
    expect((await t.request('PATCH', `/api/documents/${id}/languages/ru`, { body: {}, ...as(sec) })).status).toBe(400);
    const d = await t.request('DELETE', `/api/documents/${id}/languages/zh`, as(sec));
    expect(d.status).toBe(200);
    expect((await t.request('DELETE', `/api/documents/${id}/languages/en`, as(sec))).body.code).toBe('documents.original_kept');
  });

  it('saves every edit as a revision, sanitised, and compares any two', async () => {
    const save = (lang: string, paragraphs: string[], baseRevision?: number) =>
      t.request('PUT', `/api/documents/${id}/languages/${lang}/text`, { body: { paragraphs, baseRevision }, ...as(sec) });
    const r1 = await save('en', ['<h2>Preamble</h2>', '<p onclick="x()">The Member States <strong>agree</strong>.<script>alert(1)</script></p>', '<p><a href="javascript:alert(1)">link</a></p>'], 0);
    expect(r1.status).toBe(200);
    expect(r1.body.revision).toBe(1);
    expect(r1.body.paragraphs.map((p: { html: string }) => p.html)).toEqual(['<h2>Preamble</h2>', '<p>The Member States <strong>agree</strong>.</p>', '<p><a>link</a></p>']);
    expect(r1.text).not.toMatch(/script|onclick|javascript/);
    expect((await save('en', ['x'], 0)).body.code).toBe('documents.text_conflict');
    const r2 = await save('en', ['<h2>Preamble</h2>', '<p>New paragraph.</p>', '<p>The Member States <strong>firmly</strong> agree.</p>'], 1);
    expect(r2.body.revision).toBe(2);
    const list = await t.get(`/api/documents/${id}/languages/en/revisions`, as(cnDelegate));
    expect(list.status).toBe(404); // still a draft
    expect((await t.get(`/api/documents/${id}/languages/en/revisions`, as(sec))).body.map((r: { n: number }) => r.n)).toEqual([2, 1]);
    const cmp = await t.get(`/api/documents/${id}/languages/en/compare?from=1&to=2`, as(sec));
    expect(cmp.status).toBe(200);
    expect(cmp.body.changes.map((c: { status: string }) => c.status)).toEqual(['same', 'added', 'changed', 'removed']);
    const changed = cmp.body.changes[2];
    expect(changed.words.filter((w: { op: string }) => w.op === 'added').map((w: { text: string }) => w.text.trim())).toContain('firmly');
    expect((await t.get(`/api/documents/${id}/languages/en/compare?from=1&to=9`, as(sec))).status).toBe(404);
    expect((await t.get(`/api/documents/${id}/languages/en/revisions/1`, as(sec))).body.paragraphs).toHaveLength(3);
    await save('ru', ['<h2>Преамбула</h2>', '<p>Государства-члены <strong>твёрдо</strong> согласны.</p>']);
    await t.post(`/api/documents/${id}/languages`, { language: 'ar' }, as(sec));
    await save('ar', ['<h2>الديباجة</h2>', '<p>الدول الأعضاء توافق.</p>', '<p>فقرة ثالثة</p>']);
    const par = await t.get(`/api/documents/${id}/parallel?languages=en,ru,ar`, as(sec));
    expect(par.status).toBe(200);
    expect(par.body.languages.map((l: { language: string }) => l.language)).toEqual(['en', 'ru', 'ar']);
    expect(par.body.rows).toHaveLength(3);
    expect(par.body.rows[1].cells).toEqual({ en: '<p>New paragraph.</p>', ru: '<p>Государства-члены <strong>твёрдо</strong> согласны.</p>', ar: '<p>الدول الأعضاء توافق.</p>' });
    expect(par.body.rows[2].cells.ru).toBeNull();
    expect((await t.get(`/api/documents/${id}/parallel?languages=en,ru,ar,zh`, as(sec))).status).toBe(400);
  });

  it('issues Rev.1: the earlier becomes superseded, the text carries over', async () => {
    expect((await t.post(`/api/documents/${id}/revisions`, {}, as(sec))).body.code).toBe('documents.not_revisable');
    await setStatus(id, 'circulated');
    expect((await t.post(`/api/documents/${id}/revisions`, {}, as(cnDelegate))).status).toBe(403);
    const r = await t.post(`/api/documents/${id}/revisions`, { kind: 'revision' }, as(sec));
    expect(r.status).toBe(201);
    const parent = (await t.get(`/api/documents/${id}`, as(sec))).body;
    expect(r.body.symbol).toBe(`${parent.symbol}/Rev.1`);
    expect(r.body).toMatchObject({ status: 'circulated', relation: 'revision', parentId: id });
    expect(parent.status).toBe('superseded');
    expect(r.body.family.map((f: { symbol: string }) => f.symbol)).toEqual([parent.symbol, `${parent.symbol}/Rev.1`]);
    const text = await t.get(`/api/documents/${r.body.id}/languages/ru`, as(cnDelegate));
    expect(text.body.paragraphs, text.text).toHaveLength(2);
    const add = await t.post(`/api/documents/${r.body.id}/revisions`, { kind: 'addendum' }, as(sec));
    expect(add.body.symbol).toBe(`${parent.symbol}/Rev.1/Add.1`);
    const corr = await t.post(`/api/documents/${add.body.id}/revisions`, { kind: 'corrigendum' }, as(sec));
    expect(corr.body.symbol).toBe(`${parent.symbol}/Rev.1/Add.1/Corr.1`);
    expect((await t.get(`/api/documents/${r.body.id}`, as(sec))).body.status).toBe('circulated');
    const bySymbol = await t.get(`/api/documents/by-symbol/${encodeURIComponent(`${parent.symbol}/Rev.1`)}`, as(kzViewer));
    expect(bySymbol.status).toBe(200);
    expect(bySymbol.body.id).toBe(r.body.id);
    expect((await t.get(`/api/documents/by-symbol/${encodeURIComponent(`${parent.symbol}/Rev.1`)}`)).status).toBe(404);
    expect((await t.get('/api/documents/by-symbol/not-a-symbol')).status).toBe(404);
    const actions = (await t.db.selectFrom('audit_events').select('action').where('object_id', 'in', [r.body.id, add.body.id, corr.body.id]).execute()).map((a) => a.action);
    expect(actions.sort()).toEqual(['documents.add', 'documents.correct', 'documents.revise']);
  });

  it('exports valid Akoma Ntoso per language with the authoritative flag', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'akn-'));
    const xsd = path.resolve('standards/akoma-ntoso/akomantoso30.xsd');
    for (const lang of ['en', 'ru', 'ar']) {
      const r = await t.get(`/api/documents/${id}/akn?lang=${lang}`, as(sec));
      expect(r.status, r.text).toBe(200);
      expect(r.headers.get('content-type')).toContain('application/akn+xml');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      const file = path.join(dir, `${lang}.xml`);
      writeFileSync(file, r.text);
      execFileSync('xmllint', ['--noout', '--nonet', '--schema', xsd, file], { stdio: 'pipe' });
      expect(r.text).toContain('<doc name="declaration">');
      expect(r.text).toMatch(/<FRBRauthoritative value="(true|false)"\/>/);
    }
    const ru = (await t.get(`/api/documents/${id}/akn?lang=ru`, as(sec))).text;
    expect(ru).toContain('<FRBRlanguage language="rus"/>');
    expect(ru).toContain('<FRBRauthoritative value="true"/>');
    expect(ru).toContain('твёрдо');
    const ar = (await t.get(`/api/documents/${id}/akn?lang=ar`, as(sec))).text;
    expect(ar).toContain('<FRBRauthoritative value="false"/>');
    expect((await t.get(`/api/documents/${id}/akn?lang=fr`, as(sec))).status).toBe(404);
    const st = await create({ type: 'statement', title: 'Chair statement' });
    const x = await t.get(`/api/documents/${st.id}/akn`, as(sec));
    expect(x.text).toContain('<statement name="statement">');
    writeFileSync(path.join(dir, 'st.xml'), x.text);
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', xsd, path.join(dir, 'st.xml')], { stdio: 'pipe' });
  });
});

describe('files', () => {
  let id: string;
  beforeAll(async () => {
    id = (await create({ title: 'Report with files', type: 'report' })).id;
  });

  it('takes PDF, DOCX and ODT and serves them as attachments with the same access check', async () => {
    const pdf = await upload(id, 'en', 'Report «2026».pdf', makePdf('hello'));
    expect(pdf.status).toBe(201);
    expect(pdf.body).toMatchObject({ mediaType: 'application/pdf', fileName: 'Report «2026».pdf', language: 'en' });
    expect((await upload(id, 'en', 'report.docx', makeDocx('hello'))).body.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect((await upload(id, 'en', 'report.odt', makeOdt('hello'))).body.mediaType).toBe('application/vnd.oasis.opendocument.text');
    const res = await fetch(`${t.url}/api/documents/${id}/files/${pdf.body.id}`, { headers: { cookie: sec.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Report _2026_.pdf"; filename*=UTF-8''Report%20%C2%AB2026%C2%BB.pdf`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(makePdf('hello'))).toBe(true);
    // Draft: nobody else may fetch it; after circulation to members, a member delegation may.
    expect((await fetch(`${t.url}/api/documents/${id}/files/${pdf.body.id}`, { headers: { cookie: cnDelegate.cookie } })).status).toBe(404);
    await setStatus(id, 'circulated');
    expect((await fetch(`${t.url}/api/documents/${id}/files/${pdf.body.id}`, { headers: { cookie: cnDelegate.cookie } })).status).toBe(200);
    expect((await fetch(`${t.url}/api/documents/${id}/files/${pdf.body.id}`, { headers: { cookie: observer.cookie } })).status).toBe(404);
    expect((await fetch(`${t.url}/api/documents/${id}/files/${pdf.body.id}`)).status).toBe(404);
    expect((await upload(id, 'en', 'x.pdf', makePdf('x'), cnDelegate)).status).toBe(403);
    expect((await upload(id, 'en', 'x.pdf', makePdf('x'), observer)).status).toBe(404);
    expect((await upload(id, 'en', 'x.pdf', makePdf('x'), null)).status).toBe(401);
  });

  it('refuses oversize, disguised, scripted and traversal uploads with a clear problem, storing nothing', async () => {
    const before = await fileCount();
    const big = Buffer.concat([makePdf('x'), Buffer.alloc(1024 * 1024 + 10, 0x20)]);
    const cases: [string, Buffer, number, string][] = [
      ['big.pdf', big, 413, 'documents.file_too_large'],
      ['harmless.pdf', makeDocx('x'), 422, 'documents.file_type_mismatch'],
      ['notes.pdf', Buffer.from('<html><body><script>alert(1)</script></body></html>'), 422, 'documents.file_active_content'],
      ['logo.pdf', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 422, 'documents.file_active_content'],
      ['page.html', Buffer.from('<!doctype html><p>hi</p>'), 422, 'documents.file_active_content'],
      ['../../../etc/passwd.pdf', makePdf('x'), 400, 'documents.file_name_unsafe'],
      ['..\\..\\boot.pdf', makePdf('x'), 400, 'documents.file_name_unsafe'],
      ['image.pdf', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), 422, 'documents.file_type_unsupported'],
      ['empty.pdf', Buffer.alloc(0), 422, 'documents.file_empty'],
    ];
    for (const [name, data, status, code] of cases) {
      const r = await upload(id, 'en', name, data);
      expect(r.status, name).toBe(status);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body.code, name).toBe(code);
      expect(r.body.detail.length).toBeGreaterThan(10);
    }
    const notMultipart = await t.post(`/api/documents/${id}/languages/en/files`, { file: 'x' }, as(sec));
    expect([400, 415]).toContain(notMultipart.status);
    expect(await fileCount()).toBe(before);
  });
});

describe('lists and the translation dashboard', () => {
  it('filters, sorts and pages, counting only visible rows', async () => {
    const all = await t.get('/api/documents?limit=100', as(sec));
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(all.body.items.length);
    const soc2025 = await t.get('/api/documents?body=SOC&year=2025', as(sec));
    expect(soc2025.body.items.map((d: { symbol: string }) => d.symbol)).toEqual(['CICA/SOC/2025/1']);
    const page = await t.get('/api/documents?sort=symbol&limit=2&offset=1', as(sec));
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBe(all.body.total);
    const bySymbol = (await t.get('/api/documents?sort=symbol&limit=100', as(sec))).body.items.map((d: { symbol: string }) => d.symbol);
    expect(bySymbol.indexOf('CICA/MC/2026/1')).toBeLessThan(bySymbol.indexOf('CICA/SOC/2025/1'));
    expect((await t.get('/api/documents?language=ru', as(sec))).body.items.every((d: { languages: { language: string }[] }) => d.languages.some((l) => l.language === 'ru'))).toBe(true);
    expect((await t.get('/api/documents?status=superseded', as(sec))).body.total).toBe(1);
    expect((await t.get('/api/documents?type=report', as(sec))).body.total).toBe(1);
    expect((await t.get('/api/documents?limit=0')).status).toBe(400);
    expect((await t.get('/api/documents?sort=evil')).status).toBe(400);
    expect((await t.get('/api/documents?q=%25')).body.total).toBe(0);
    const anon = await t.get('/api/documents?limit=100');
    expect(anon.body.total).toBe(anon.body.items.length);
    expect(anon.body.items.every((d: { accessLevel: string }) => d.accessLevel === 'public')).toBe(true);
  });

  it('shows the Secretariat the versions awaited per language, and nobody else', async () => {
    const r = await t.get('/api/documents/translation-dashboard', as(sec));
    expect(r.status).toBe(200);
    const zh = r.body.languages.find((l: { language: string }) => l.language === 'zh');
    expect(zh.awaited).toBeGreaterThanOrEqual(1);
    expect((await t.get('/api/documents/translation-dashboard', as(kzFocal))).status).toBe(403);
    expect((await t.get('/api/documents/translation-dashboard', as(observer))).status).toBe(403);
    expect((await t.get('/api/documents/translation-dashboard')).status).toBe(401);
  });
});

describe('every change is refused to those the policy does not allow', () => {
  it('anonymous 401, observer 404 (cannot read), other delegation 403, Secretariat allowed; nothing changes', async () => {
    const doc = await create({ title: 'Refusal matrix', type: 'report', translations: ['ru'] });
    await setStatus(doc.id, 'circulated');
    await t.request('PUT', `/api/documents/${doc.id}/languages/en/text`, { body: { paragraphs: ['<p>Text</p>'] }, ...as(sec) });
    const auditBefore = (await t.db.selectFrom('audit_events').select('seq').where('object_id', '=', doc.id).execute()).length;
    const changes: [string, string, unknown][] = [
      ['POST', `/api/documents/${doc.id}/status`, { to: 'issued' }],
      ['PUT', `/api/documents/${doc.id}/access`, { level: 'public' }],
      ['POST', `/api/documents/${doc.id}/derestrict`, { to: 'public', decisionRef: 'X' }],
      ['POST', `/api/documents/${doc.id}/revisions`, { kind: 'revision' }],
      ['POST', `/api/documents/${doc.id}/languages`, { language: 'zh' }],
      ['PATCH', `/api/documents/${doc.id}/languages/ru`, { status: 'ready' }],
      ['DELETE', `/api/documents/${doc.id}/languages/ru`, undefined],
      ['PUT', `/api/documents/${doc.id}/languages/en/text`, { paragraphs: ['<p>Changed</p>'] }],
    ];
    for (const [method, path, body] of changes) {
      expect((await t.request(method, path, { body })).status, `anonymous ${method} ${path}`).toBe(401);
      expect((await t.request(method, path, { body, ...as(observer) })).status, `observer ${method} ${path}`).toBe(404);
      expect((await t.request(method, path, { body, ...as(cnDelegate) })).status, `CN ${method} ${path}`).toBe(403);
      expect((await t.request(method, path, { body, ...as(kzFocal) })).status, `KZ focal point ${method} ${path}`).toBe(403);
    }
    const after = (await t.get(`/api/documents/${doc.id}`, as(sec))).body;
    expect(after).toMatchObject({ status: 'circulated', accessLevel: 'members' });
    expect(after.languageVersions.map((l: { language: string }) => l.language).sort()).toEqual(['en', 'ru']);
    expect((await t.get(`/api/documents/${doc.id}/languages/en`, as(sec))).body.revision).toBe(1);
    expect((await t.db.selectFrom('audit_events').select('seq').where('object_id', '=', doc.id).execute()).length).toBe(auditBefore);
    // Positive control: the Secretariat may.
    expect((await t.request('PATCH', `/api/documents/${doc.id}/languages/ru`, { body: { status: 'ready' }, ...as(sec) })).status).toBe(200);
  });
});

describe('numbering under concurrent creation', () => {
  it('gives 1..20 exactly to 20 documents created at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.post('/api/documents', { type: 'note', bodyCode: 'EM', title: `Note ${i}`, originalLanguage: 'en', accessLevel: 'members', date: '2026-05-05' }, as(sec))),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = results.map((r) => Number(r.body.symbol.split('/').pop())).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});

describe('the SQL access predicate agrees with canRead', () => {
  it('for every status, level, derestriction and reader', async () => {
    const kz = await ensureParty(t, 'KZ');
    const cn = await ensureParty(t, 'CN');
    const now = t.clock.now();
    const past = new Date(now.getTime() - 86_400_000);
    const future = new Date(now.getTime() + 86_400_000);
    let k = 0;
    const ids: string[] = [];
    for (const status of documentStatuses) {
      for (const level of accessLevels) {
        for (const sched of [null, past, future]) {
          for (const submitter of [null, kz.id]) {
            k++;
            const row = await t.db
              .insertInto('documents')
              .values({
                symbol: `CICA/SWG/2030/${k}`,
                prefix: 'CICA',
                body_code: 'SWG',
                year: 2030,
                series: 'general',
                number: k,
                type: 'note',
                title: 'matrix',
                original_language: 'en',
                submitting_party_id: submitter,
                document_date: '2030-01-01',
                status,
                access_level: level,
                derestrict_at: sched,
                derestrict_to: sched ? 'public' : null,
                created_at: now,
                updated_at: now,
              })
              .returning('id')
              .executeTakeFirstOrThrow();
            if (level === 'restricted') await t.db.insertInto('document_access_parties').values({ document_id: row.id, party_id: cn.id }).execute();
            ids.push(row.id);
          }
        }
      }
    }
    const actor = (kind: Actor['partyKind'], partyId: string | null): Actor => ({ ...anonymousActor, kind: 'user', userId: 'u', partyId, partyCode: 'X', partyKind: kind, role: 'delegate' });
    const readers: Actor[] = [anonymousActor, actor('member-state', kz.id), actor('member-state', cn.id), actor('observer-state', observer.user.partyId), actor('observer-organization', orgObserver.user.partyId), actor('partner-organization', 'a0000000-0000-4000-8000-000000000000'), actor('secretariat', sec.user.partyId), actor('member-state', null)];
    const rows = await t.db.selectFrom('documents').selectAll().where('id', 'in', ids).execute();
    for (const reader of readers) {
      const sqlVisible = new Set((await t.db.selectFrom('documents').select('id').where('id', 'in', ids).where(visibleTo(reader, now)).execute()).map((r) => r.id));
      for (const row of rows) {
        const pure = canRead(reader, accessFactsOf(row, await addressedPartyIds(t.db, row.id)), now);
        expect(sqlVisible.has(row.id), `${reader.partyKind} ${row.status} ${row.access_level} ${row.derestrict_at} ${row.submitting_party_id}`).toBe(pure);
      }
    }
  });
});
