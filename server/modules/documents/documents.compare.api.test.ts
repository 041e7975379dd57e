import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { asRole, systemCtx } from '../../../test/helpers/auth.ts';
import { actorOf, seedDecisionWorld } from '../../../test/helpers/decisions.ts';
import type { Ctx } from '../../shared/context.ts';
import type { AuditEntry } from '../audit/audit.service.ts';
import { changeStatusForDecisionInTrx, draftForDecisionInTrx, issueForDecisionInTrx } from './documents.service.ts';

/**
 * Comparing a language version across the documents of one family (Rev.1 against the original), and
 * the changes a decision makes to documents inside its own transaction.
 */
let t: TestApp;
type Who = Awaited<ReturnType<typeof asRole>>;
let sec: Who;
let kzFocal: Who;
let cnDelegate: Who;
let observer: Who;
let azFocal: Who;
const as = (w: Who | null) => (w ? { cookie: w.cookie } : {});

let original = '';
let rev1 = '';
let other = '';
let restricted = '';

async function create(body: Record<string, unknown>) {
  const r = await t.post('/api/documents', { type: 'declaration', bodyCode: 'SOC', title: 'Draft declaration', originalLanguage: 'en', accessLevel: 'members', ...body }, as(sec));
  if (r.status !== 201) throw new Error(`create failed ${r.status} ${r.text}`);
  return r.body.id as string;
}
const save = (id: string, paragraphs: string[]) => t.request('PUT', `/api/documents/${id}/languages/en/text`, { body: { paragraphs }, ...as(sec) });
const compareWith = (id: string, qs: string, w: Who | null = sec) => t.get(`/api/documents/${id}/languages/en/compare-with?${qs}`, as(w));

beforeAll(async () => {
  t = await testApp({ env: { CONCORD_UPLOAD_MAX_MB: '2' } });
  await seedDecisionWorld(t);
  sec = await asRole(t, 'SEC', 'officer');
  kzFocal = await asRole(t, 'KZ', 'focal-point');
  cnDelegate = await asRole(t, 'CN', 'delegate');
  azFocal = await asRole(t, 'AZ', 'focal-point');
  observer = await asRole(t, 'JP', 'delegate', { kind: 'observer-state' });
  original = await create({ title: 'Declaration on connectivity' });
  expect((await save(original, ['<p>The Member States agree.</p>', '<p>They meet every year.</p>'])).status).toBe(200);
  expect((await t.post(`/api/documents/${original}/status`, { to: 'circulated' }, as(sec))).status).toBe(200);
  const r = await t.post(`/api/documents/${original}/revisions`, { kind: 'revision' }, as(sec));
  expect(r.status).toBe(201);
  rev1 = r.body.id;
  expect((await save(rev1, ['<p>The Member States agree.</p>', '<p>They meet every second year.</p>', '<p>A new paragraph.</p>'])).status).toBe(200);
  other = await create({ title: 'Another declaration' });
  await save(other, ['<p>Unrelated.</p>']);
  await t.post(`/api/documents/${other}/status`, { to: 'circulated' }, as(sec));
  restricted = await create({ title: 'Restricted note', accessLevel: 'restricted', addressedParties: ['KZ'] });
  await save(restricted, ['<p>Secret.</p>']);
});
afterAll(() => t?.close());

describe('comparing Rev.1 with the original', () => {
  it('aligns the paragraphs of the two documents and marks the changed words', async () => {
    const r = await compareWith(rev1, `other=${original}`);
    expect(r.status).toBe(200);
    expect(r.body.from).toMatchObject({ documentId: original, symbol: 'CICA/SOC/2026/1', revision: 1 });
    expect(r.body.to).toMatchObject({ documentId: rev1, symbol: 'CICA/SOC/2026/1/Rev.1', revision: 2 });
    expect(r.body.changes.map((c: { status: string }) => c.status)).toEqual(['same', 'changed', 'added']);
    const changed = r.body.changes[1].words;
    expect(changed).toContainEqual({ op: 'added', text: expect.stringContaining('second') });
    // A chosen revision on each side: Rev.1 as first issued is the original's text.
    const first = await compareWith(rev1, `other=${original}&otherRevision=1&revision=1`);
    expect(first.body.changes.every((c: { status: string }) => c.status === 'same')).toBe(true);
  });

  it('is open to whoever may read both documents, and hidden from the others', async () => {
    expect((await compareWith(rev1, `other=${original}`, cnDelegate)).status).toBe(200);
    expect((await compareWith(rev1, `other=${original}`, kzFocal)).status).toBe(200);
    expect((await compareWith(rev1, `other=${original}`, observer)).status).toBe(404);
    expect((await compareWith(rev1, `other=${original}`, null)).status).toBe(404);
    // A restricted document on one side: another party's delegate learns nothing.
    expect((await compareWith(rev1, `other=${restricted}`, cnDelegate)).status).toBe(404);
  });

  it('refuses bad input naming the field, other families and missing revisions', async () => {
    const bad = await compareWith(rev1, 'other=not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('querystring.other');
    const noOther = await compareWith(rev1, '');
    expect(noOther.status).toBe(400);
    expect((await compareWith(rev1, `other=${original}&revision=0`)).status).toBe(400);
    const family = await compareWith(rev1, `other=${other}`);
    expect(family.status).toBe(422);
    expect(family.body.code).toBe('documents.not_same_family');
    expect(family.body.errors.map((e: { field: string }) => e.field)).toEqual(['other']);
    expect((await compareWith(rev1, `other=${original}&otherRevision=9`)).body.code).toBe('documents.revision_not_found');
    expect((await t.get(`/api/documents/${rev1}/languages/fr/compare-with?other=${original}`, as(sec))).status).toBe(404);
  });
});

describe('the file rules', () => {
  it('tell anyone the size limit and the types taken', async () => {
    const r = await t.get('/api/documents/file-rules');
    expect(r.status).toBe(200);
    expect(r.body.maxBytes).toBe(2 * 1024 * 1024);
    expect(r.body.kinds.map((k: { ext: string }) => k.ext)).toEqual(['pdf', 'docx', 'odt']);
  });
});

describe('changes made on a decision’s account, in the caller’s transaction', () => {
  const ctxOf = (w: Who): Ctx => ({ ...systemCtx(t), actor: actorOf(w.user) });

  it('circulates a draft for the Chair, audits into the caller’s list, and refuses everyone else', async () => {
    const draft = await create({ title: 'Draft decision text' });
    for (const w of [cnDelegate, kzFocal, observer]) {
      await expect(t.db.transaction().execute((trx) => changeStatusForDecisionInTrx(trx, ctxOf(w), draft, { to: 'circulated', onlyFrom: ['draft'], note: 'x' }))).rejects.toMatchObject({
        kind: 'forbidden',
      });
    }
    expect((await t.get(`/api/documents/${draft}`, as(sec))).body.status).toBe('draft');
    const audits: AuditEntry[] = [];
    const moved = await t.db.transaction().execute((trx) => changeStatusForDecisionInTrx(trx, ctxOf(azFocal), draft, { to: 'circulated', onlyFrom: ['draft'], note: 'for decision D' }, { audits }));
    expect(moved).toBe(true);
    expect(audits).toEqual([expect.objectContaining({ action: 'documents.status', objectId: draft, before: { status: 'draft' }, after: { status: 'circulated', note: 'for decision D' } })]);
    // Deferred: nothing written to the trail by the documents service itself.
    const trail = await t.db.selectFrom('audit_events').select('action').where('object_id', '=', draft).where('action', '=', 'documents.status').execute();
    expect(trail).toHaveLength(0);
    // Not from a draft any more: nothing changes.
    expect(await t.db.transaction().execute((trx) => changeStatusForDecisionInTrx(trx, systemCtx(t), draft, { to: 'circulated', onlyFrom: ['draft'], note: 'again' }))).toBe(false);
    // A move the life cycle forbids is not made either.
    expect(await t.db.transaction().execute((trx) => changeStatusForDecisionInTrx(trx, systemCtx(t), draft, { to: 'draft', note: 'back' }))).toBe(false);
  });

  it('issues the adopted text with its languages, sanitised, audited at once when no list is given; rolls back with the caller', async () => {
    const draft = await create({ title: 'Decision on the agenda' });
    await save(draft, ['<p>The Committee decides.</p>']);
    const read = await t.db.transaction().execute((trx) => draftForDecisionInTrx(trx, systemCtx(t), draft));
    expect(read?.languages).toEqual([expect.objectContaining({ language: 'en', role: 'original', paragraphs: [expect.objectContaining({ plain: 'The Committee decides.' })] })]);
    const input = {
      bodyCode: 'SOC',
      type: 'decision' as const,
      status: 'adopted' as const,
      title: 'Decision on the agenda',
      date: '2026-01-20',
      accessLevel: 'public' as const,
      originalLanguage: 'en',
      languages: [{ language: 'en', role: 'original' as const, authoritative: true, title: null, paragraphs: [{ html: '<p onclick="x()">Adopted <script>alert(1)</script>text.</p>' }], note: 'adopted' }],
      auditDetail: { decision: 'D-1' },
    };
    await expect(t.db.transaction().execute((trx) => issueForDecisionInTrx(trx, ctxOf(cnDelegate), input))).rejects.toMatchObject({ kind: 'forbidden' });
    // The caller's transaction fails after the issue: nothing is left behind, not even the number.
    await expect(
      t.db.transaction().execute(async (trx) => {
        await issueForDecisionInTrx(trx, systemCtx(t), input);
        throw new Error('the decision failed');
      }),
    ).rejects.toThrow('the decision failed');
    const issued = await t.db.transaction().execute((trx) => issueForDecisionInTrx(trx, systemCtx(t), input));
    // 1–4 are the drafts above; the rolled-back issue gave its number back.
    expect(issued.symbol).toBe('CICA/SOC/2026/5');
    const doc = (await t.get(`/api/documents/${issued.id}`)).body;
    expect(doc).toMatchObject({ status: 'adopted', type: 'decision', accessLevel: 'public' });
    const text = (await t.get(`/api/documents/${issued.id}/languages/en`)).body;
    expect(text.paragraphs[0].html).toBe('<p>Adopted text.</p>');
    const trail = await t.db.selectFrom('audit_events').select(['action', 'after']).where('object_id', '=', issued.id).execute();
    expect(trail).toEqual([{ action: 'documents.create', after: expect.objectContaining({ symbol: issued.symbol, decision: 'D-1', languages: ['en'] }) }]);
  });
});
