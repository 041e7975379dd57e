import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { asRole } from '../../../test/helpers/auth.ts';
import { annualData, exerciseData, seedExchange } from '../../../test/helpers/exchange.ts';
import { pointsOfContact } from './exchange.templates.ts';

/**
 * Forms, submissions, corrections, derestriction and acknowledgement over real HTTP: who may do what,
 * bad input refused cleanly with nothing stored, immutability (down to the database), and the audit trail.
 */
let t: TestApp;
let forms: Record<string, string>;
const c: Record<string, string> = {};

const count = async (table: 'exchange_submissions' | 'exchange_forms' | 'exchange_acknowledgements') =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.db)).rows[0].n);
const audits = async (action: string, objectId?: string) =>
  t.db
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', action)
    .$if(objectId !== undefined, (q) => q.where('object_id', '=', objectId!))
    .execute();

beforeAll(async () => {
  t = await testApp();
  forms = await seedExchange(t);
  for (const [key, party, role] of [
    ['admin', 'SEC', 'admin'],
    ['officer', 'SEC', 'officer'],
    ['kzFocal', 'KZ', 'focal-point'],
    ['kzHead', 'KZ', 'head-of-delegation'],
    ['kzDelegate', 'KZ', 'delegate'],
    ['kzViewer', 'KZ', 'viewer'],
    ['kgFocal', 'KG', 'focal-point'],
    ['kgDelegate', 'KG', 'delegate'],
    ['uzFocal', 'UZ', 'focal-point'],
    ['cnFocal', 'CN', 'focal-point'],
    ['jpFocal', 'JP', 'focal-point'],
  ] as const) {
    c[key] = (await asRole(t, party, role)).cookie;
  }
}, 120_000);
afterAll(() => t?.close());

const notice = (name: string, extra: Record<string, unknown> = {}) => ({
  form: 'exercise-notice',
  visibility: 'parties',
  recipients: ['KG', 'UZ'],
  data: exerciseData(name, '2026-06-01', '2026-06-10'),
  ...extra,
});

describe('forms', () => {
  it('lists the latest version of each form, with labels in eight languages and the due rule', async () => {
    const r = await t.get('/api/exchange/forms');
    expect(r.status).toBe(200);
    const codes = r.body.items.map((f: { code: string }) => f.code).sort();
    expect(codes).toEqual(['annual-forces-budget', 'exercise-notice', 'national-report', 'points-of-contact']);
    const notice = r.body.items.find((f: { code: string }) => f.code === 'exercise-notice');
    expect(notice.dueRule).toEqual({ kind: 'before-activity', days: 42, activityStartField: 'startDate' });
    expect(Object.keys(notice.labels.name.label).sort()).toEqual(['ar', 'en', 'fa', 'kk', 'ru', 'tr', 'vi', 'zh']);
    // The schema keeps its field order (stored as json, not jsonb).
    expect(Object.keys(notice.schema.properties)).toEqual(['name', 'startDate', 'endDate', 'area', 'type', 'purpose', 'forces', 'invitedObservers', 'remarks']);
    const one = await t.get(`/api/exchange/forms/${forms['exercise-notice']}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ code: 'exercise-notice', version: 1, isLatest: true });
  });

  it('answers 404 for an unknown form and 400 for a malformed id', async () => {
    expect((await t.get('/api/exchange/forms/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const bad = await t.get('/api/exchange/forms/nope');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });

  it('lets a Secretariat admin add the next version of a form, and nobody else', async () => {
    const { version: _v, ...tpl } = pointsOfContact;
    const body = {
      ...tpl,
      schema: {
        ...tpl.schema,
        properties: { ...(tpl.schema.properties as object), notes: { type: 'string', maxLength: 500 } },
      },
      labels: { ...tpl.labels, notes: { label: { en: 'Notes', ru: 'Примечания' } } },
    };
    const before = await count('exchange_forms');
    for (const [who, status] of [
      [undefined, 401],
      [c.officer, 403],
      [c.kzFocal, 403],
      [c.jpFocal, 403],
    ] as const) {
      const r = await t.post('/api/exchange/forms', body, { cookie: who });
      expect(r.status, `${who}`).toBe(status);
    }
    expect(await count('exchange_forms')).toBe(before);
    const r = await t.post('/api/exchange/forms', body, { cookie: c.admin });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ code: 'points-of-contact', version: 2, isLatest: true });
    const all = await t.get('/api/exchange/forms?all=true');
    const versions = all.body.items.filter((f: { code: string }) => f.code === 'points-of-contact');
    expect(versions.map((f: { version: number; isLatest: boolean }) => [f.version, f.isLatest])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(await audits('exchange.form_create', r.body.id)).toHaveLength(1);
  });

  it('checks a posted schema as JSON Schema and names what is wrong; nothing is stored', async () => {
    const before = await count('exchange_forms');
    const bad = await t.post(
      '/api/exchange/forms',
      {
        code: 'broken-form',
        title: { en: 'Broken' },
        description: { en: 'Broken' },
        schema: { type: 'object', properties: { size: { type: 'integr' } } },
        labels: { size: { label: { en: 'Size' } } },
        dueRule: { kind: 'annual', month: 4, day: 15, covers: 'previous-year' },
      },
      { cookie: c.admin },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('exchange.invalid_template');
    expect(bad.body.errors[0].field).toMatch(/^schema\.properties\.size/);
    const unlabelled = await t.post(
      '/api/exchange/forms',
      {
        code: 'unlabelled-form',
        title: { en: 'Unlabelled' },
        description: { en: 'x' },
        schema: { type: 'object', properties: { size: { type: 'integer' } } },
        labels: {},
        dueRule: { kind: 'annual', month: 2, day: 30, covers: 'previous-year' },
      },
      { cookie: c.admin },
    );
    expect(unlabelled.status).toBe(400);
    expect(unlabelled.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['dueRule', 'labels.size']);
    const zodBad = await t.post('/api/exchange/forms', { code: 'Bad Code' }, { cookie: c.admin });
    expect(zodBad.status).toBe(400);
    expect(zodBad.body.errors.some((e: { field: string }) => e.field === 'body.code')).toBe(true);
    expect(await count('exchange_forms')).toBe(before);
  });

  it('validates answers without storing them, naming each failing field', async () => {
    const r = await t.post(`/api/exchange/forms/${forms['exercise-notice']}/validate`, { data: { ...exerciseData('X', '2026-06-01'), forces: { personnel: -1 } } });
    expect(r.status).toBe(200);
    expect(r.body.valid).toBe(false);
    expect(r.body.errors).toEqual([{ field: 'forces.personnel', keyword: 'minimum', params: { limit: 0 }, message: 'must be at least 0' }]);
  });
});

describe('filing for a party', () => {
  it('only its own focal point or head of delegation files: others are refused and nothing is stored', async () => {
    const before = await count('exchange_submissions');
    const cases: Array<[string | undefined, Record<string, unknown>, number]> = [
      [undefined, notice('Anon'), 401],
      [c.kzDelegate, notice('Delegate'), 403],
      [c.kzViewer, notice('Viewer'), 403],
      [c.cnFocal, notice('Other state', { party: 'KZ' }), 403],
      [c.jpFocal, notice('Observer'), 403],
      [c.officer, notice('Secretariat', { party: 'KZ' }), 403],
    ];
    for (const [cookie, body, status] of cases) {
      const r = await t.post('/api/exchange/submissions', { ...body, submit: true }, { cookie });
      expect(r.status, String(body.data && (body.data as { name: string }).name)).toBe(status);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await count('exchange_submissions')).toBe(before);
    const ok = await t.post('/api/exchange/submissions', { ...notice('Head files'), submit: true }, { cookie: c.kzHead });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ party: 'KZ', status: 'submitted', version: 1, year: 2026, activityStart: '2026-06-01', title: 'Head files' });
  });

  it('refuses answers that do not fit the form, naming the fields, and stores nothing', async () => {
    const before = await count('exchange_submissions');
    const r = await t.post(
      '/api/exchange/submissions',
      { ...notice('Bad'), data: { ...exerciseData('Bad', '2026-06-10', '2026-06-01'), forces: { personnel: 'many' } }, submit: true },
      { cookie: c.kzFocal },
    );
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('exchange.invalid_answers');
    expect(r.body.errors).toEqual([{ field: 'data.forces.personnel', message: 'must be a whole number' }]);
    const dates = await t.post('/api/exchange/submissions', { ...notice('Dates'), data: exerciseData('Dates', '2026-06-10', '2026-06-01'), submit: true }, { cookie: c.kzFocal });
    expect(dates.body.errors).toEqual([{ field: 'data.endDate', message: 'must be on or after startDate' }]);
    const unknownParty = await t.post('/api/exchange/submissions', { ...notice('Who'), recipients: ['KG', 'XX'] }, { cookie: c.kzFocal });
    expect(unknownParty.status).toBe(422);
    expect(unknownParty.body.errors).toEqual([{ field: 'recipients.1', message: 'XX is not a party of the forum' }]);
    const self = await t.post('/api/exchange/submissions', { ...notice('Self'), recipients: ['KZ'] }, { cookie: c.kzFocal });
    expect(self.status).toBe(422);
    const notJson = await t.request('POST', '/api/exchange/submissions', { cookie: c.kzFocal, body: '{"form":', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    const both = await t.post('/api/exchange/submissions', { ...notice('Both'), formId: forms['exercise-notice'] }, { cookie: c.kzFocal });
    expect(both.status).toBe(400);
    expect(await count('exchange_submissions')).toBe(before);
  });

  it('allows "nothing to declare" and "nothing new since YEAR" only where the form does', async () => {
    const ntd = await t.post('/api/exchange/submissions', { form: 'annual-forces-budget', year: 2025, kind: 'nothing-to-declare', visibility: 'members', submit: true }, { cookie: c.cnFocal });
    expect(ntd.status).toBe(201);
    expect(ntd.body).toMatchObject({ kind: 'nothing-to-declare', data: null, year: 2025 });
    const onNotice = await t.post('/api/exchange/submissions', { ...notice('Nothing'), kind: 'nothing-to-declare', data: null }, { cookie: c.cnFocal });
    expect(onNotice.status).toBe(422);
    expect(onNotice.body.code).toBe('exchange.kind_not_allowed');
    const sameYear = await t.post('/api/exchange/submissions', { form: 'national-report', year: 2026, kind: 'nothing-new', nothingNewSince: 2026, visibility: 'public' }, { cookie: c.cnFocal });
    expect(sameYear.status).toBe(400);
    expect(sameYear.body.errors).toEqual([{ field: 'nothingNewSince', message: 'must be a year before 2026' }]);
    const ok = await t.post('/api/exchange/submissions', { form: 'national-report', year: 2026, kind: 'nothing-new', nothingNewSince: 2024, visibility: 'public', submit: true }, { cookie: c.cnFocal });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ kind: 'nothing-new', nothingNewSince: 2024 });
  });

  it('keeps one filing per party, annual form and year: a second one is refused (correct the first)', async () => {
    const first = await t.post('/api/exchange/submissions', { form: 'annual-forces-budget', year: 2024, visibility: 'members', data: annualData(), submit: true }, { cookie: c.kzFocal });
    expect(first.status).toBe(201);
    const again = await t.post('/api/exchange/submissions', { form: 'annual-forces-budget', year: 2024, visibility: 'members', data: annualData(1) }, { cookie: c.kzHead });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('exchange.already_filed');
  });
});

describe('drafts, submission and immutability', () => {
  let id: string;

  it('saves a draft only its own party sees, then submits it', async () => {
    const draft = await t.post('/api/exchange/submissions', notice('Draft exercise', { data: { name: 'Draft exercise' } }), { cookie: c.kzFocal });
    expect(draft.status).toBe(201);
    expect(draft.body.status).toBe('draft');
    id = draft.body.id;
    expect((await t.get(`/api/exchange/submissions/${id}`, { cookie: c.kzViewer })).status).toBe(200);
    for (const who of [c.kgFocal, c.officer, c.cnFocal]) expect((await t.get(`/api/exchange/submissions/${id}`, { cookie: who })).status).toBe(404);

    const incomplete = await t.post(`/api/exchange/submissions/${id}/submit`, undefined, { cookie: c.kzFocal });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.errors.map((e: { field: string }) => e.field)).toContain('data.startDate');

    expect((await t.request('PATCH', `/api/exchange/submissions/${id}`, { cookie: c.kzDelegate, body: { data: exerciseData('Draft exercise', '2026-07-01') } })).status).toBe(403);
    const saved = await t.request('PATCH', `/api/exchange/submissions/${id}`, { cookie: c.kzFocal, body: { data: exerciseData('Draft exercise', '2026-07-01', '2026-07-05') } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ status: 'draft', activityStart: '2026-07-01', title: 'Draft exercise' });

    expect((await t.post(`/api/exchange/submissions/${id}/submit`, undefined, { cookie: c.kzViewer })).status).toBe(403);
    const submitted = await t.post(`/api/exchange/submissions/${id}/submit`, undefined, { cookie: c.kzFocal });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', submittedAt: t.clock.now().toISOString(), visibleTo: [], recipients: [{ party: 'KG' }, { party: 'UZ' }] });
    expect(submitted.body.due).toEqual({ dueDay: '2026-05-20', dueAt: '2026-05-20T19:00:00.000Z', timeZone: 'Asia/Almaty', onTime: true });
    expect(await audits('exchange.submit', id)).toHaveLength(1);
  });

  it('never changes once submitted: no edit, no delete, no second submit', async () => {
    const edit = await t.request('PATCH', `/api/exchange/submissions/${id}`, { cookie: c.kzFocal, body: { data: exerciseData('Changed', '2026-07-01') } });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('exchange.not_draft');
    expect((await t.request('DELETE', `/api/exchange/submissions/${id}`, { cookie: c.kzFocal })).status).toBe(409);
    expect((await t.post(`/api/exchange/submissions/${id}/submit`, undefined, { cookie: c.kzFocal })).status).toBe(409);
  });

  it('is protected by the database too: UPDATE of content, narrowing, DELETE and audience changes are refused', async () => {
    await expect(sql`UPDATE exchange_submissions SET data = '{"name":"forged"}'::jsonb WHERE id = ${id}`.execute(t.db)).rejects.toThrow(/immutable/);
    await expect(sql`UPDATE exchange_submissions SET submitted_at = now() WHERE id = ${id}`.execute(t.db)).rejects.toThrow(/immutable/);
    await expect(sql`DELETE FROM exchange_submissions WHERE id = ${id}`.execute(t.db)).rejects.toThrow(/cannot be deleted/);
    const kg = await t.db.selectFrom('parties').select('id').where('code', '=', 'CN').executeTakeFirstOrThrow();
    await expect(sql`INSERT INTO exchange_submission_parties (submission_id, party_id, is_recipient) VALUES (${id}, ${kg.id}, false)`.execute(t.db)).rejects.toThrow(/fixed/);
    await expect(sql`DELETE FROM exchange_submission_parties WHERE submission_id = ${id}`.execute(t.db)).rejects.toThrow(/fixed/);
    await sql`UPDATE exchange_submissions SET visibility = 'members' WHERE id = ${id}`.execute(t.db); // widening is allowed…
    await expect(sql`UPDATE exchange_submissions SET visibility = 'parties' WHERE id = ${id}`.execute(t.db)).rejects.toThrow(/widened/); // …narrowing is not
    await expect(sql`UPDATE exchange_forms SET title = '{}' WHERE id = ${forms['exercise-notice']}`.execute(t.db)).rejects.toThrow(/immutable/);
  });

  it('discards a draft on request of its own party only', async () => {
    const d = await t.post('/api/exchange/submissions', { form: 'national-report', year: 2023, visibility: 'public', data: { summary: 'tbd' } }, { cookie: c.kzFocal });
    expect((await t.request('DELETE', `/api/exchange/submissions/${d.body.id}`, { cookie: c.kgFocal })).status).toBe(404);
    expect((await t.request('DELETE', `/api/exchange/submissions/${d.body.id}`, { cookie: c.kzFocal })).status).toBe(204);
    expect((await t.get(`/api/exchange/submissions/${d.body.id}`, { cookie: c.kzFocal })).status).toBe(404);
    expect(await audits('exchange.draft_delete', d.body.id)).toHaveLength(1);
  });
});

describe('corrections and derestriction', () => {
  let v1: string;
  let v2: string;

  it('files a correction as a new version linked to the previous, with history', async () => {
    const r = await t.post('/api/exchange/submissions', { ...notice('Spring Accord'), visibleTo: ['CN'], submit: true }, { cookie: c.kzFocal });
    v1 = r.body.id;
    expect((await t.post(`/api/exchange/submissions/${v1}/corrections`, { data: exerciseData('x', '2026-06-01') }, { cookie: c.cnFocal })).status).toBe(403);
    expect((await t.post(`/api/exchange/submissions/${v1}/corrections`, { data: exerciseData('x', '2026-06-01') }, { cookie: c.jpFocal })).status).toBe(404);
    const corr = await t.post(`/api/exchange/submissions/${v1}/corrections`, { data: exerciseData('Spring Accord', '2026-06-02', '2026-06-09'), submit: true }, { cookie: c.kzFocal });
    expect(corr.status).toBe(201);
    v2 = corr.body.id;
    expect(corr.body).toMatchObject({ version: 2, previousId: v1, rootId: v1, status: 'submitted', visibility: 'parties', visibleTo: ['CN'] });
    expect(corr.body.recipients.map((x: { party: string }) => x.party)).toEqual(['KG', 'UZ']);
    expect(corr.body.history.map((h: { id: string; version: number }) => [h.id, h.version])).toEqual([
      [v1, 1],
      [v2, 2],
    ]);
    const old = await t.get(`/api/exchange/submissions/${v1}`, { cookie: c.kgFocal });
    expect(old.body).toMatchObject({ nextId: v2, data: expect.objectContaining({ startDate: '2026-06-01' }) });
    const again = await t.post(`/api/exchange/submissions/${v1}/corrections`, { data: exerciseData('x', '2026-06-01') }, { cookie: c.kzFocal });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('exchange.already_corrected');
    expect(await audits('exchange.correct', v2)).toHaveLength(1);
    expect(await audits('exchange.submit_correction', v2)).toHaveLength(1);
    // Lists show the latest version only when asked.
    const latest = await t.get('/api/exchange/submissions?form=exercise-notice&latest=true', { cookie: c.kgFocal });
    const ids = latest.body.items.map((x: { id: string }) => x.id);
    expect(ids).toContain(v2);
    expect(ids).not.toContain(v1);
  });

  it('derestricts a submission to all members, on record; it can never be narrowed', async () => {
    expect((await t.get(`/api/exchange/submissions/${v2}`, { cookie: c.jpFocal })).status).toBe(404);
    expect((await t.post(`/api/exchange/submissions/${v2}/derestrict`, { to: 'public' }, { cookie: c.kgFocal })).status).toBe(403);
    expect((await t.post(`/api/exchange/submissions/${v2}/derestrict`, { to: 'public' }, { cookie: c.kzDelegate })).status).toBe(403);
    expect((await t.post(`/api/exchange/submissions/${v2}/derestrict`, { to: 'everyone' }, { cookie: c.kzFocal })).status).toBe(400);
    const r = await t.post(`/api/exchange/submissions/${v2}/derestrict`, { to: 'members', reason: 'Exercise concluded' }, { cookie: c.kzFocal });
    expect(r.status).toBe(200);
    expect(r.body.visibility).toBe('members');
    expect(r.body.derestrictions).toEqual([{ from: 'parties', to: 'members', at: t.clock.now().toISOString(), reason: 'Exercise concluded' }]);
    // Now every member state sees it; observers still do not.
    expect((await t.get(`/api/exchange/submissions/${v2}`, { cookie: c.cnFocal })).status).toBe(200);
    expect((await t.get(`/api/exchange/submissions/${v2}`, { cookie: c.jpFocal })).status).toBe(404);
    const narrow = await t.post(`/api/exchange/submissions/${v2}/derestrict`, { to: 'members' }, { cookie: c.kzFocal });
    expect(narrow.status).toBe(409);
    expect(narrow.body.code).toBe('exchange.not_wider');
    expect(await audits('exchange.derestrict', v2)).toHaveLength(1);
  });
});

describe('acknowledgement', () => {
  let id: string;

  it("is given once per recipient party by its focal point; the sender sees who and when", async () => {
    id = (await t.post('/api/exchange/submissions', { ...notice('Caspian Watch'), visibleTo: ['CN'], submit: true }, { cookie: c.kzFocal })).body.id;
    const before = await count('exchange_acknowledgements');
    expect((await t.post(`/api/exchange/submissions/${id}/acknowledgements`, {})).status).toBe(401);
    expect((await t.post(`/api/exchange/submissions/${id}/acknowledgements`, {}, { cookie: c.kgDelegate })).status).toBe(403);
    const notRecipient = await t.post(`/api/exchange/submissions/${id}/acknowledgements`, {}, { cookie: c.cnFocal });
    expect(notRecipient.status).toBe(403);
    expect(notRecipient.body.code).toBe('exchange.not_recipient');
    expect((await t.post(`/api/exchange/submissions/${id}/acknowledgements`, {}, { cookie: c.jpFocal })).status).toBe(404);
    expect((await t.post(`/api/exchange/submissions/${id}/acknowledgements`, {}, { cookie: c.kzFocal })).status).toBe(403);
    expect((await t.post(`/api/exchange/submissions/${id}/acknowledgements`, { note: '' }, { cookie: c.kgFocal })).status).toBe(400);
    expect(await count('exchange_acknowledgements')).toBe(before);

    const ack = await t.post(`/api/exchange/submissions/${id}/acknowledgements`, { note: 'Received, thank you.' }, { cookie: c.kgFocal });
    expect(ack.status).toBe(201);
    expect(ack.body).toMatchObject({ submissionId: id, party: 'KG', acknowledgedAt: t.clock.now().toISOString(), created: true });
    const firstAt = ack.body.acknowledgedAt;
    (t.clock as import('../../shared/clock.ts').ManualClock).advance(60_000);
    const again = await t.post(`/api/exchange/submissions/${id}/acknowledgements`, {}, { cookie: c.kgFocal });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ acknowledgedAt: firstAt, created: false });
    await expect(sql`INSERT INTO exchange_acknowledgements (submission_id, party_id, acknowledged_by, acknowledged_at) SELECT submission_id, party_id, acknowledged_by, now() FROM exchange_acknowledgements WHERE submission_id = ${id}`.execute(t.db)).rejects.toThrow();

    const sender = await t.get(`/api/exchange/submissions/${id}`, { cookie: c.kzViewer });
    expect(sender.body.recipients).toEqual([
      { party: 'KG', acknowledgedAt: firstAt, remindedAt: null },
      { party: 'UZ', acknowledgedAt: null, remindedAt: null },
    ]);
    expect(sender.body.visibleTo).toEqual(['CN']);
    // A recipient sees its own acknowledgement, not the audience.
    const kg = await t.get(`/api/exchange/submissions/${id}`, { cookie: c.kgFocal });
    expect(kg.body).toMatchObject({ recipients: null, visibleTo: null, received: { acknowledgedAt: firstAt } });
    const sec = await t.get(`/api/exchange/submissions/${id}`, { cookie: c.officer });
    expect(sec.body.recipients).toHaveLength(2);
    expect(await audits('exchange.acknowledge', id)).toHaveLength(1);
  });

  it('shows the received box of a recipient and the sent box of the sender', async () => {
    const inbox = await t.get('/api/exchange/submissions?box=received', { cookie: c.uzFocal });
    expect(inbox.body.items.map((x: { id: string }) => x.id)).toContain(id);
    expect(inbox.body.items.every((x: { received: unknown }) => x.received !== null)).toBe(true);
    const cnInbox = await t.get('/api/exchange/submissions?box=received', { cookie: c.cnFocal });
    expect(cnInbox.body.items.map((x: { id: string }) => x.id)).not.toContain(id);
    const sent = await t.get('/api/exchange/submissions?box=sent', { cookie: c.kzFocal });
    expect(sent.body.items.map((x: { id: string }) => x.id)).toContain(id);
    expect(sent.body.items.every((x: { party: string }) => x.party === 'KZ')).toBe(true);
  });
});
