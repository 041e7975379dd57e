import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { asRole } from '../../../test/helpers/auth.ts';
import { cbmDocument, seedCbm } from '../../../test/helpers/cbm.ts';
import { ManualClock } from '../../shared/clock.ts';
import { drainOutbox } from '../search/search.service.ts';

/**
 * CBM over HTTP on a real database: the catalogue and its versions, coordinators by date, the approval
 * path, who may edit what, participation, events and their access, reports, search, and the dashboard
 * checked against counts computed here with SQL.
 */
let t: TestApp;
let clock: ManualClock;
type Cookie = { cookie: string };
let india: Cookie; // IN focal point: coordinator of NCT.1
let indiaDelegate: Cookie;
let indiaViewer: Cookie;
let kz: Cookie; // KZ focal point: coordinator of the MP areas
let kzDelegate: Cookie;
let cn: Cookie; // CN delegate: another member state
let az: Cookie; // AZ focal point
let observer: Cookie; // JP focal point
let officer: Cookie;

beforeAll(async () => {
  clock = new ManualClock('2026-01-15T09:00:00Z');
  t = await testApp({ clock });
  await seedCbm(t);
  const as = async (party: string, role: Parameters<typeof asRole>[2]) => ({ cookie: (await asRole(t, party, role)).cookie });
  india = await as('IN', 'focal-point');
  indiaDelegate = await as('IN', 'delegate');
  indiaViewer = await as('IN', 'viewer');
  kz = await as('KZ', 'focal-point');
  kzDelegate = await as('KZ', 'delegate');
  cn = await as('CN', 'delegate');
  az = await as('AZ', 'focal-point');
  observer = await as('JP', 'focal-point');
  officer = await as('SEC', 'officer');
}, 180_000);
afterAll(() => t?.close());

const count = async (table: string) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.db)).rows[0].n);
const audits = async (action: string) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM audit_events WHERE action = ${action}`.execute(t.db)).rows[0].n);
const measureId = async (code: string) => (await t.db.selectFrom('cbm_measures').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

function expectProblem(r: { status: number; headers: Headers; body: any }, status: number, field?: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  if (field) expect(JSON.stringify(r.body.errors ?? r.body)).toContain(field);
}

describe('the catalogue', () => {
  it('lists the five dimensions and two catalogue versions to anyone', async () => {
    const d = await t.get('/api/cbm/dimensions');
    expect(d.status).toBe(200);
    expect(d.body.items.map((x: any) => x.code)).toEqual(['MP', 'NCT', 'ECO', 'ENV', 'HUM']);
    expect(d.body.items.find((x: any) => x.code === 'ECO').areaCount).toBe(8);
    const v = await t.get('/api/cbm/catalogue-versions');
    expect(v.body.items.map((x: any) => x.code)).toEqual(['2004', '2021']);
    const [v2004, v2021] = v.body.items;
    expect(v2021.measureCount).toBe(await count('cbm_measures'));
    expect(v2004.measureCount).toBe(v2021.measureCount - 2);
  });

  it('knows which catalogue versions carry each measure', async () => {
    const ict = await t.get(`/api/cbm/measures/${await measureId('NCT.5.1')}`);
    expect(ict.body.versions).toEqual(['2021']);
    const mp = await t.get(`/api/cbm/measures/${await measureId('2.1.1')}`);
    expect(mp.body.versions).toEqual(['2004', '2021']);
    expect(mp.body.areaCode).toBe('MP.1');
    const in2004 = await t.get('/api/cbm/measures?version=2004');
    expect(in2004.body.items.map((m: any) => m.code)).not.toContain('NCT.5.1');
    expect(in2004.body.items.map((m: any) => m.code)).toContain('NCT.1.1');
    const areas2004 = await t.get('/api/cbm/areas?version=2004&dimension=NCT');
    expect(areas2004.body.items.map((a: any) => a.code)).toEqual(['NCT.1', 'NCT.2', 'NCT.3']);
    const area = await t.get('/api/cbm/areas/NCT.4');
    expect(area.body.versions).toEqual(['2021']);
  });

  it('lets the Secretariat add a measure to a version and change the versions that carry it; nobody else', async () => {
    const body = { area: 'NCT.1', code: '3.1.9', title: { en: 'Exchange of lists of designated terrorist groups' }, versions: ['2021'] };
    expectProblem(await t.post('/api/cbm/measures', body), 401);
    expectProblem(await t.post('/api/cbm/measures', body, india), 403);
    expectProblem(await t.post('/api/cbm/measures', body, observer), 403);
    const before = await count('cbm_measures');
    expectProblem(await t.post('/api/cbm/measures', { ...body, versions: ['2030'] }, officer), 400, 'versions');
    expectProblem(await t.post('/api/cbm/measures', { ...body, code: 'two' }, officer), 400, 'code');
    expect(await count('cbm_measures')).toBe(before);
    const made = await t.post('/api/cbm/measures', body, officer);
    expect(made.status, made.text).toBe(201);
    expect(made.body.versions).toEqual(['2021']);
    expectProblem(await t.post('/api/cbm/measures', body, officer), 409);
    const changed = await t.request('PATCH', `/api/cbm/measures/${made.body.id}`, { ...officer, body: { versions: ['2004', '2021'] } });
    expect(changed.body.versions).toEqual(['2004', '2021']);
    expect(await audits('cbm.measure.update')).toBe(1);
  });
});

describe('coordination terms by date', () => {
  it('answers who coordinates on a day before and after a change of coordinator, and lets only the one in office edit', async () => {
    expectProblem(await t.post('/api/cbm/terms', { area: 'ECO.2', party: 'KZ', role: 'coordinator', from: '2020-01-01', to: '2026-02-28' }, kz), 403);
    const first = await t.post('/api/cbm/terms', { area: 'ECO.2', party: 'KZ', role: 'coordinator', from: '2020-01-01', to: '2026-02-28', decisionRef: 'CICA/SOC/DEC/2019/5' }, officer);
    expect(first.status, first.text).toBe(201);
    const second = await t.post('/api/cbm/terms', { area: 'ECO.2', party: 'AZ', role: 'coordinator', from: '2026-03-01', decisionRef: 'CICA/SOC/DEC/2026/1' }, officer);
    expect(second.status).toBe(201);
    expectProblem(await t.post('/api/cbm/terms', { area: 'ECO.2', party: 'AZ', role: 'coordinator', from: '2026-03-01', to: '2026-01-01' }, officer), 400, 'to');
    expectProblem(await t.post('/api/cbm/terms', { area: 'ECO.2', party: 'JP', role: 'coordinator' }, officer), 422, 'party');

    const on = async (day: string) => (await t.get(`/api/cbm/areas/ECO.2?on=${day}`)).body.coordinators.map((c: any) => c.party.code);
    expect(await on('2026-02-28')).toEqual(['KZ']);
    expect(await on('2026-03-01')).toEqual(['AZ']);
    expect(await on('2019-12-31')).toEqual([]);
    const list = await t.get('/api/cbm/areas?dimension=ECO&on=2026-03-01');
    expect(list.body.items.find((a: any) => a.code === 'ECO.2').hasActiveCoordinator).toBe(true);

    // Editing follows the clock: Kazakhstan in February, Azerbaijan from March.
    // (Fresh sessions at each moment: moving the clock on ends idle sessions.)
    const fresh = async (party: string) => ({ cookie: (await asRole(t, party, 'focal-point')).cookie });
    try {
      clock.set('2026-02-10T09:00:00Z');
      const [kzFeb, azFeb] = [await fresh('KZ'), await fresh('AZ')];
      const kzPlan = await t.post('/api/cbm/action-plans', { area: 'ECO.2', title: { en: 'Agriculture action plan' } }, kzFeb);
      expect(kzPlan.status, kzPlan.text).toBe(201);
      expectProblem(await t.post('/api/cbm/action-plans', { area: 'ECO.2', title: { en: 'Not yet' } }, azFeb), 403);
      clock.set('2026-03-02T09:00:00Z');
      const [kzMar, azMar] = [await fresh('KZ'), await fresh('AZ')];
      expectProblem(await t.request('PATCH', `/api/cbm/action-plans/${kzPlan.body.id}`, { ...kzMar, body: { title: { en: 'Too late' } } }), 403);
      const azEdit = await t.request('PATCH', `/api/cbm/action-plans/${kzPlan.body.id}`, { ...azMar, body: { title: { en: 'Agriculture action plan (revised)' } } });
      expect(azEdit.status, azEdit.text).toBe(200);
    } finally {
      clock.set('2026-01-15T09:00:00Z');
    }
  });

  it('records an offer to coordinate, forwards it to the SOC and opens a term when accepted', async () => {
    const offer = { area: 'ENV.1', role: 'coordinator' };
    expectProblem(await t.post('/api/cbm/offers', offer), 401);
    expectProblem(await t.post('/api/cbm/offers', { ...offer, party: 'KZ' }, az), 403);
    expectProblem(await t.post('/api/cbm/offers', offer, kzDelegate), 403);
    expectProblem(await t.post('/api/cbm/offers', offer, observer), 403);
    expectProblem(await t.post('/api/cbm/offers', { ...offer, role: 'chair' }, az), 400, 'role');
    const made = await t.post('/api/cbm/offers', offer, az);
    expect(made.status, made.text).toBe(201);
    expect(made.body.state).toBe('offered');
    expectProblem(await t.post('/api/cbm/offers', offer, az), 409);
    expectProblem(await t.post(`/api/cbm/offers/${made.body.id}/decide`, { outcome: 'accepted', decisionRef: 'X/1' }, officer), 409);
    expectProblem(await t.post(`/api/cbm/offers/${made.body.id}/forward`, {}, az), 403);
    expectProblem(await t.post(`/api/cbm/offers/${made.body.id}/forward`, {}, observer), 404);
    const fwd = await t.post(`/api/cbm/offers/${made.body.id}/forward`, {}, officer);
    expect(fwd.body.state).toBe('forwarded');
    const ok = await t.post(`/api/cbm/offers/${made.body.id}/decide`, { outcome: 'accepted', decisionRef: 'CICA/SOC/DEC/2026/2', from: '2026-01-20' }, officer);
    expect(ok.body.state).toBe('accepted');
    expect(ok.body.termId).toBeTruthy();
    expect((await t.get('/api/cbm/areas/ENV.1?on=2026-01-20')).body.coordinators.map((c: any) => c.party.code)).toEqual(['AZ']);
    expect((await t.get('/api/cbm/offers', observer)).status).toBe(403);
    expect((await t.get('/api/cbm/offers', cn)).body.items.length).toBe(1);
  });
});

describe('the action plan approval path', () => {
  let planId: string;
  it('India drafts; the experts meeting, the SWG and the SOC follow in order, none skipped', async () => {
    const paper = await cbmDocument(t, 'members', 'Concept paper on combating terrorism');
    expectProblem(await t.post('/api/cbm/action-plans', { area: 'NCT.1', title: { en: 'x' } }), 401);
    expectProblem(await t.post('/api/cbm/action-plans', { area: 'NCT.1', title: { en: 'x' } }, kz), 403);
    expectProblem(await t.post('/api/cbm/action-plans', { area: 'NCT.1', title: { en: 'x' } }, observer), 403);
    expectProblem(await t.post('/api/cbm/action-plans', { area: 'NCT.1', title: { en: 'x' } }, indiaViewer), 403);
    const before = await count('cbm_action_plans');
    expectProblem(await t.post('/api/cbm/action-plans', { area: 'NCT.1', title: {} }, india), 400, 'title');
    expectProblem(await t.post('/api/cbm/action-plans', { area: 'NCT.1', title: { en: 'x' }, periodFrom: '2026-13-01' }, india), 400, 'periodFrom');
    expectProblem(await t.post('/api/cbm/action-plans', { area: 'NCT.1', title: { en: 'x' }, conceptPaperDocumentId: '00000000-0000-4000-8000-000000000000' }, india), 422, 'conceptPaperDocumentId');
    expect(await count('cbm_action_plans')).toBe(before);
    const made = await t.post(
      '/api/cbm/action-plans',
      { area: 'NCT.1', title: { en: 'Action plan on combating terrorism 2026' }, conceptPaperDocumentId: paper.id, periodFrom: '2026-01-01', periodTo: '2026-12-31' },
      india,
    );
    expect(made.status, made.text).toBe(201);
    planId = made.body.id;
    expect(made.body.status).toBe('draft');
    expect(made.body.conceptPaper.symbol).toBe(paper.symbol);
    expect(made.body.can).toEqual({ edit: true, recordStep: true, approve: false });

    const step = (body: object, who: Cookie) => t.post(`/api/cbm/action-plans/${planId}/steps`, body, who);
    expectProblem(await step({ step: 'swg', on: '2026-02-01' }, india), 409);
    expectProblem(await step({ step: 'soc-approved', on: '2026-02-01', decisionRef: 'X' }, officer), 409);
    expectProblem(await step({ step: 'experts-meeting', on: '2026-02-01' }, kz), 403);
    expectProblem(await step({ step: 'experts-meeting', on: '2026-02-01' }, observer), 404);
    expectProblem(await step({ step: 'experts', on: '2026-02-01' }, india), 400, 'step');
    expect((await step({ step: 'experts-meeting', on: '2026-02-01' }, indiaDelegate)).status).toBe(201);
    expectProblem(await step({ step: 'experts-meeting', on: '2026-02-02' }, india), 409);
    expect((await step({ step: 'swg', on: '2026-03-01' }, india)).status).toBe(201);
    expectProblem(await step({ step: 'soc-approved', on: '2026-04-01', decisionRef: 'CICA/SOC/DEC/2026/3' }, india), 403);
    expectProblem(await step({ step: 'soc-approved', on: '2026-04-01' }, officer), 422, 'decisionRef');
    const approved = await step({ step: 'soc-approved', on: '2026-04-01', decisionRef: 'CICA/SOC/DEC/2026/3' }, officer);
    expect(approved.status, approved.text).toBe(201);
    expect(approved.body.status).toBe('soc-approved');
    expect(approved.body.decisionRef).toBe('CICA/SOC/DEC/2026/3');
    expect(approved.body.steps.map((s: any) => s.step)).toEqual(['experts-meeting', 'swg', 'soc-approved']);
    expectProblem(await step({ step: 'soc-approved', on: '2026-04-02', decisionRef: 'again' }, officer), 409);
    expectProblem(await t.request('PATCH', `/api/cbm/action-plans/${planId}`, { ...india, body: { title: { en: 'changed' } } }), 409);
    expect(await audits('cbm.plan.approve')).toBe(1);
  });

  it('keeps the plan from other states: another coordinator may not edit it (403), observers and the public do not see it (404/401)', async () => {
    expectProblem(await t.request('PATCH', `/api/cbm/action-plans/${planId}`, { ...kz, body: { title: { en: 'hijack' } } }), 403);
    expectProblem(await t.post(`/api/cbm/action-plans/${planId}/activities`, { title: { en: 'hijack' } }, kz), 403);
    expectProblem(await t.get(`/api/cbm/action-plans/${planId}`, observer), 404);
    expectProblem(await t.get(`/api/cbm/action-plans/${planId}`), 401);
    expect((await t.get(`/api/cbm/action-plans/${planId}`, cn)).status).toBe(200);
    expect((await t.get('/api/cbm/areas/NCT.1')).body.actionPlan).toBeNull();
    expect((await t.get('/api/cbm/areas/NCT.1', observer)).body.actionPlan).toBeNull();
    expect((await t.get('/api/cbm/areas/NCT.1', cn)).body.actionPlan.id).toBeTruthy();
  });

  it('tracks activities: percent done 0–100, milestones, results', async () => {
    const before = await count('cbm_activities');
    expectProblem(await t.post(`/api/cbm/action-plans/${planId}/activities`, { title: { en: 'x' }, percentDone: 140 }, india), 400, 'percentDone');
    expectProblem(await t.post(`/api/cbm/action-plans/${planId}/activities`, { title: { en: 'x' }, leadParty: 'ZZ' }, india), 422, 'leadParty');
    expect(await count('cbm_activities')).toBe(before);
    const a = await t.post(
      `/api/cbm/action-plans/${planId}/activities`,
      { title: { en: 'Workshop on terrorist financing' }, leadParty: 'IN', parties: ['KZ', 'TR'], plannedFrom: '2026-03-01', plannedTo: '2026-03-31', milestones: [{ title: 'Programme' }] },
      india,
    );
    expect(a.status, a.text).toBe(201);
    expect(a.body.parties.map((p: any) => p.code)).toEqual(['KZ', 'TR']);
    const u = await t.request('PATCH', `/api/cbm/activities/${a.body.id}`, { ...india, body: { status: 'completed', percentDone: 100, results: { en: 'Done' } } });
    expect(u.body.percentDone).toBe(100);
    expectProblem(await t.request('PATCH', `/api/cbm/activities/${a.body.id}`, { ...cn, body: { percentDone: 10 } }), 403);
    const plan = await t.get(`/api/cbm/action-plans/${planId}`, cn);
    expect(plan.body.averagePercent).toBe(100);
    expect(plan.body.can.edit).toBe(false);
  });
});

describe('participation', () => {
  it('a state declares for itself only, by its focal point or head', async () => {
    const m = await measureId('2.1.1');
    expectProblem(await t.request('PUT', `/api/cbm/participation/KZ/${m}`, { body: { since: '2010-01-01' } }), 401);
    expectProblem(await t.request('PUT', `/api/cbm/participation/KZ/${m}`, { ...cn, body: { since: '2010-01-01' } }), 403);
    expectProblem(await t.request('PUT', `/api/cbm/participation/KZ/${m}`, { ...az, body: { since: '2010-01-01' } }), 403);
    expectProblem(await t.request('PUT', `/api/cbm/participation/KZ/${m}`, { ...kzDelegate, body: { since: '2010-01-01' } }), 403);
    expectProblem(await t.request('PUT', `/api/cbm/participation/KZ/${m}`, { ...observer, body: { since: '2010-01-01' } }), 403);
    expectProblem(await t.request('PUT', `/api/cbm/participation/JP/${m}`, { ...observer, body: { since: '2010-01-01' } }), 403);
    expectProblem(await t.request('PUT', `/api/cbm/participation/KZ/${m}`, { ...kz, body: { since: '2010-31-01' } }), 400, 'since');
    expectProblem(await t.request('PUT', `/api/cbm/participation/KZ/${m}`, { ...kz, body: { since: '2010-01-01', withdrawn: '2009-01-01' } }), 400, 'withdrawn');
    expect(await count('cbm_participation')).toBe(0);
    const ok = await t.request('PUT', `/api/cbm/participation/KZ/${m}`, { ...kz, body: { since: '2010-01-01' } });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.inForce).toBe(true);
    const w = await t.request('PUT', `/api/cbm/participation/KZ/${m}`, { ...kz, body: { since: '2010-01-01', withdrawn: '2020-01-01' } });
    expect(w.body.withdrawn).toBe('2020-01-01');
    expect(w.body.inForce).toBe(false);
    expect((await t.get('/api/cbm/participation?on=2015-06-01', cn)).body.items.map((d: any) => d.party.code)).toEqual(['KZ']);
    expect((await t.get('/api/cbm/participation?on=2021-06-01', cn)).body.items).toEqual([]);
    expectProblem(await t.get('/api/cbm/participation', observer), 403);
    expect(await audits('cbm.participation.withdraw')).toBe(1);
  });
});

describe('events, annual plans and their access', () => {
  const ev = (over: object = {}) => ({
    kind: 'workshop',
    title: { en: 'Workshop' },
    area: 'NCT.1',
    host: 'IN',
    startsOn: '2027-03-01',
    endsOn: '2027-03-02',
    place: 'New Delhi',
    access: 'members',
    ...over,
  });

  it('checks input and who may add an event', async () => {
    const before = await count('cbm_events');
    expectProblem(await t.post('/api/cbm/events', ev({ endsOn: '2027-02-01' }), india), 400, 'endsOn');
    expectProblem(await t.post('/api/cbm/events', ev({ place: null }), india), 400, 'place');
    expectProblem(await t.post('/api/cbm/events', ev({ kind: 'party' }), india), 400, 'kind');
    expectProblem(await t.post('/api/cbm/events', ev({ onlineUrl: 'javascript:alert(1)' }), india), 400, 'onlineUrl');
    expectProblem(await t.post('/api/cbm/events', ev({ area: 'XX.9' }), india), 422, 'area');
    expectProblem(await t.post('/api/cbm/events', ev()), 401);
    expectProblem(await t.post('/api/cbm/events', ev(), cn), 403);
    expectProblem(await t.post('/api/cbm/events', ev(), observer), 403);
    expectProblem(await t.post('/api/cbm/events', ev(), indiaViewer), 403);
    expect(await count('cbm_events')).toBe(before);
  });

  it('hides members-only events from the public and observers (404, absent from lists); the host edits, others may not', async () => {
    const members = await t.post('/api/cbm/events', ev({ title: { en: 'Closed training' } }), india);
    expect(members.status, members.text).toBe(201);
    const open = await t.post('/api/cbm/events', ev({ title: { en: 'Open seminar' }, kind: 'seminar', access: 'public', place: null, onlineUrl: 'https://meet.example.org/x' }), india);
    expect(open.status).toBe(201);
    expectProblem(await t.get(`/api/cbm/events/${members.body.id}`), 404);
    expectProblem(await t.get(`/api/cbm/events/${members.body.id}`, observer), 404);
    expect((await t.get(`/api/cbm/events/${members.body.id}`, cn)).status).toBe(200);
    const pub = await t.get('/api/cbm/events?year=2027');
    expect(pub.body.items.map((e: any) => e.title.en)).toEqual(['Open seminar']);
    expect(pub.body.total).toBe(1);
    expect((await t.get('/api/cbm/events?year=2027', cn)).body.total).toBe(2);
    expectProblem(await t.request('PATCH', `/api/cbm/events/${members.body.id}`, { ...cn, body: { place: 'Beijing' } }), 403);
    expectProblem(await t.request('PATCH', `/api/cbm/events/${members.body.id}`, { ...observer, body: { place: 'Tokyo' } }), 404);
    expectProblem(await t.request('PATCH', `/api/cbm/events/${members.body.id}`, { ...indiaDelegate, body: { place: 'Mumbai' } }), 403);
    expect((await t.request('PATCH', `/api/cbm/events/${members.body.id}`, { ...india, body: { place: 'Mumbai' } })).body.place).toBe('Mumbai');
    expectProblem(await t.request('PUT', `/api/cbm/events/${members.body.id}/report`, { ...india, body: { results: { en: 'x' }, participants: [] } }), 409);
    const parts = await t.request('PUT', `/api/cbm/events/${members.body.id}/participants`, { ...india, body: { parties: ['KZ', 'CN'] } });
    expect(parts.body.participants.map((p: any) => `${p.party.code}:${p.role}`)).toEqual(['IN:host', 'CN:participant', 'KZ:participant']);
    const doc = await cbmDocument(t, 'members', 'Programme');
    const withDoc = await t.post(`/api/cbm/events/${open.body.id}/documents`, { documentId: doc.id }, india);
    expect(withDoc.status, withDoc.text).toBe(201);
    expect(withDoc.body.documents.map((d: any) => d.id)).toEqual([doc.id]);
    expect((await t.get(`/api/cbm/events/${open.body.id}`)).body.documents).toEqual([]);
    const detached = await t.request('DELETE', `/api/cbm/events/${open.body.id}/documents/${doc.id}`, india);
    expect(detached.body.documents).toEqual([]);
    const del = await t.request('DELETE', `/api/cbm/events/${open.body.id}`, india);
    expect(del.status, del.text).toBe(200);
    expectProblem(await t.get(`/api/cbm/events/${open.body.id}`, cn), 404);
  });

  it('records changes made after the SOC approved the annual plan; removing is refused then', async () => {
    expectProblem(await t.post('/api/cbm/annual-plans/2027/approve', { approvedOn: '2026-12-10', decisionRef: 'X' }, india), 403);
    expectProblem(await t.post('/api/cbm/annual-plans/2027/approve', { approvedOn: '2026-12-10' }, officer), 422, 'decisionRef');
    const ok = await t.post('/api/cbm/annual-plans/2027/approve', { approvedOn: '2026-12-10', decisionRef: 'CICA/SOC/DEC/2026/9' }, officer);
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.status).toBe('approved');
    const [e] = (await t.get('/api/cbm/events?year=2027', cn)).body.items;
    await t.request('PATCH', `/api/cbm/events/${e.id}`, { ...india, body: { startsOn: '2027-04-01', endsOn: '2027-04-02', changeNote: 'Moved at the host’s request' } });
    const added = await t.post('/api/cbm/events', ev({ title: { en: 'Late addition' }, startsOn: '2027-10-01', endsOn: '2027-10-01' }), officer);
    expectProblem(await t.request('DELETE', `/api/cbm/events/${added.body.id}`, officer), 409);
    const plan = await t.get('/api/cbm/annual-plans/2027', cn);
    expect(plan.body.changes.map((c: any) => c.change)).toEqual(['changed', 'added']);
    expect(plan.body.changes[0].note).toBe('Moved at the host’s request');
    expect(plan.body.changes[0].before.startsOn).toBe('2027-03-01');
    expectProblem(await t.get('/api/cbm/annual-plans/2027', observer), 404);
    expectProblem(await t.get('/api/cbm/annual-plans', observer), 403);
  });
});

describe('implementation reports and reviews', () => {
  it('the coordinator drafts and submits, the Secretariat compiles; others may not', async () => {
    expectProblem(await t.post('/api/cbm/reports', { area: 'NCT.1', year: 2025, text: { en: 'x' } }, kz), 403);
    expectProblem(await t.post('/api/cbm/reports', { area: 'NCT.1', year: 2025, text: {} }, india), 400, 'text');
    const r = await t.post('/api/cbm/reports', { area: 'NCT.1', year: 2025, text: { en: 'Three events held.' } }, india);
    expect(r.status, r.text).toBe(201);
    expect(r.body.dueOn).toBe('2026-01-31');
    expectProblem(await t.post('/api/cbm/reports', { area: 'NCT.1', year: 2025, text: { en: 'again' } }, india), 409);
    expectProblem(await t.post(`/api/cbm/reports/${r.body.id}/compile`, {}, officer), 409);
    expectProblem(await t.post(`/api/cbm/reports/${r.body.id}/submit`, {}, cn), 403);
    expectProblem(await t.post(`/api/cbm/reports/${r.body.id}/submit`, {}, observer), 404);
    expect((await t.post(`/api/cbm/reports/${r.body.id}/submit`, {}, india)).body.status).toBe('submitted');
    expectProblem(await t.request('PATCH', `/api/cbm/reports/${r.body.id}`, { ...india, body: { text: { en: 'late' } } }), 409);
    expectProblem(await t.post(`/api/cbm/reports/${r.body.id}/compile`, {}, india), 403);
    expect((await t.post(`/api/cbm/reports/${r.body.id}/compile`, {}, officer)).body.status).toBe('compiled');
  });

  it('the Secretariat records the SOC review of one dimension a year', async () => {
    expectProblem(await t.post('/api/cbm/reviews', { year: 2025, dimension: 'NCT', record: { en: 'x' } }, india), 403);
    expectProblem(await t.post('/api/cbm/reviews', { year: 2025, dimension: 'XYZ', record: { en: 'x' } }, officer), 422, 'dimension');
    const r = await t.post('/api/cbm/reviews', { year: 2025, dimension: 'ECO', record: { en: 'Economic dimension reviewed.' }, decisionRef: 'CICA/SOC/DEC/2025/4' }, officer);
    expect(r.status, r.text).toBe(201);
    expectProblem(await t.post('/api/cbm/reviews', { year: 2025, dimension: 'ECO', record: { en: 'twice' } }, officer), 409);
    expect((await t.get('/api/cbm/reviews?year=2025', kzDelegate)).body.items.map((x: any) => x.dimensionCode)).toEqual(['ECO']);
    expectProblem(await t.get('/api/cbm/reviews'), 401);
  });
});

describe('search', () => {
  it('finds areas, measures and events in the one search box, members-only events only for members', async () => {
    await drainOutbox(t.db);
    const area = await t.get('/api/search?q=terrorism');
    expect(area.status, area.text).toBe(200);
    expect(area.body.hits.some((h: any) => h.type === 'cbm-area' && h.ref.code === 'NCT.1')).toBe(true);
    const m = await t.get('/api/search?q=2.1.1');
    expect(m.body.hits.some((h: any) => h.type === 'cbm-measure')).toBe(true);
    const closedPublic = await t.get('/api/search?q=Closed%20training');
    expect(closedPublic.body.hits.filter((h: any) => h.type === 'cbm-event')).toEqual([]);
    const closedMembers = await t.get('/api/search?q=Closed%20training', cn);
    expect(closedMembers.body.hits.some((h: any) => h.type === 'cbm-event')).toBe(true);
    const closedObserver = await t.get('/api/search?q=Closed%20training', observer);
    expect(closedObserver.body.hits.filter((h: any) => h.type === 'cbm-event')).toEqual([]);
  });
});
