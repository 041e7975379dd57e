import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { asRole } from '../../../test/helpers/auth.ts';
import { seedCbm } from '../../../test/helpers/cbm.ts';
import { ManualClock } from '../../shared/clock.ts';

/**
 * What the CBM answers say the caller may do (`can`), computed from the policy on the server so the web
 * pages need not guess from the account: annual plans (approve, edit), implementation reports (edit,
 * submit, compile; the areas the caller may draft for), reviews (record), offers (forward, decide) and an
 * area (record terms). Who may read these answers at all is checked too, and bad input is refused
 * naming the field with nothing stored.
 */
let t: TestApp;
let clock: ManualClock;
type Cookie = { cookie: string };
let india: Cookie; // IN focal point: coordinator of NCT.1
let cn: Cookie; // CN delegate: another member state
let az: Cookie; // AZ focal point
let observer: Cookie; // JP focal point (observer state)
let officer: Cookie; // the Secretariat

beforeAll(async () => {
  clock = new ManualClock('2026-01-15T09:00:00Z');
  t = await testApp({ clock });
  await seedCbm(t);
  const as = async (party: string, role: Parameters<typeof asRole>[2]) => ({ cookie: (await asRole(t, party, role)).cookie });
  india = await as('IN', 'focal-point');
  cn = await as('CN', 'delegate');
  az = await as('AZ', 'focal-point');
  observer = await as('JP', 'focal-point');
  officer = await as('SEC', 'officer');
}, 180_000);
afterAll(() => t?.close());

const count = async (table: string) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.db)).rows[0].n);

function expectProblem(r: { status: number; headers: Headers; body: any }, status: number, field?: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  if (field) expect(JSON.stringify(r.body.errors ?? r.body)).toContain(field);
}

describe('annual plan: can { approve, edit }', () => {
  it('tells the Secretariat it may approve a draft plan; members may not; observers and the public do not read it', async () => {
    const opened = await t.post('/api/cbm/annual-plans', { year: 2027 }, officer);
    expect(opened.status, opened.text).toBe(201);
    expect(opened.body.can).toMatchObject({ approve: true, edit: true });
    // India's focal point may add events its state hosts (any area) and, as NCT.1's coordinator, NCT.1 events with any host.
    const indiaCan = (await t.get('/api/cbm/annual-plans/2027', india)).body.can;
    expect(indiaCan).toMatchObject({ approve: false, edit: true, eventHosts: ['IN'] });
    expect(indiaCan.eventAreas).toEqual(expect.arrayContaining(['NCT.1', 'ECO.5']));
    expect(indiaCan.eventAreas).not.toContain('MP.1');
    expect((await t.get('/api/cbm/annual-plans/2027', az)).body.can).toMatchObject({ approve: false, edit: true, eventHosts: ['AZ'] });
    expectProblem(await t.get('/api/cbm/annual-plans/2027'), 401);
    expectProblem(await t.get('/api/cbm/annual-plans/2027', observer), 404);
    expectProblem(await t.get('/api/cbm/annual-plans/1800', officer), 400, 'year');
    // The list keeps its summary shape (no `can`).
    const list = await t.get('/api/cbm/annual-plans', officer);
    expect(list.body.items[0]).not.toHaveProperty('can');

    // Bad input to the approval is refused naming the field; nothing changes; can still says approve.
    expectProblem(await t.post('/api/cbm/annual-plans/2027/approve', { approvedOn: '2026-13-45', decisionRef: 'X' }, officer), 400, 'approvedOn');
    expect((await t.get('/api/cbm/annual-plans/2027', officer)).body).toMatchObject({ status: 'draft', can: { approve: true } });
    const approved = await t.post('/api/cbm/annual-plans/2027/approve', { approvedOn: '2026-12-10', decisionRef: 'CICA/SOC/DEC/2026/9' }, officer);
    expect(approved.body.can).toMatchObject({ approve: false, edit: true });
  });

  it('says edit exactly when the policy lets the caller add an event, and names the hosts and areas it may use', async () => {
    const sec = (await t.get('/api/cbm/annual-plans/2027', officer)).body.can;
    expect(sec.eventHosts).toEqual(expect.arrayContaining(['IN', 'KZ', 'CN', 'TR', 'AZ', 'UZ', 'RU']));
    expect(sec.eventHosts).not.toContain('JP'); // an observer state hosts no CBM event
    expect(sec.eventAreas).toEqual(expect.arrayContaining(['NCT.1', 'MP.1', 'ECO.5']));
    const ev = (o: Record<string, unknown> = {}) => ({ kind: 'workshop', title: { en: 'Probe' }, area: 'MP.1', host: 'IN', startsOn: '2027-05-01', endsOn: '2027-05-02', place: 'Delhi', ...o });
    const events = await count('cbm_events');
    // A delegate of another state: what `can` says is what the API does.
    const cnCan = (await t.get('/api/cbm/annual-plans/2027', cn)).body.can;
    expect(cnCan.eventHosts).toEqual([]); // a delegate is not its state's focal point or head
    expect(cnCan.edit).toBe(cnCan.eventAreas.length > 0);
    expect(cnCan.eventAreas).not.toContain('MP.1');
    expectProblem(await t.post('/api/cbm/events', ev({ host: 'CN' }), cn), 403);
    // India may not add an MP.1 event hosted by another state; anonymous and observers are refused; nothing stored.
    expectProblem(await t.post('/api/cbm/events', ev({ host: 'KZ' }), india), 403);
    expectProblem(await t.post('/api/cbm/events', ev()), 401);
    expectProblem(await t.post('/api/cbm/events', ev({ host: 'JP' }), observer), 422, 'host');
    expectProblem(await t.post('/api/cbm/events', ev(), observer), 403);
    // Bad input is named: an end before the start.
    expectProblem(await t.post('/api/cbm/events', ev({ endsOn: '2027-04-01' }), india), 400, 'endsOn');
    expect(await count('cbm_events')).toBe(events);
    // Positive controls: its own state's event in any area; any host in its coordinated area; the Secretariat anything.
    expect((await t.post('/api/cbm/events', ev(), india)).status).toBe(201);
    expect((await t.post('/api/cbm/events', ev({ area: 'NCT.1', host: 'KZ' }), india)).status).toBe(201);
    expect((await t.post('/api/cbm/events', ev({ host: 'UZ', area: 'ECO.5' }), officer)).status).toBe(201);
    expect(await count('cbm_events')).toBe(events + 3);
    // Observers and the public still do not read the plan (so no `can` at all).
    expectProblem(await t.get('/api/cbm/annual-plans/2027', observer), 404);
    expectProblem(await t.get('/api/cbm/annual-plans/2027'), 401);
  });
});

describe('implementation reports: can { edit, submit, compile } and the areas one may draft for', () => {
  it('follows a report from draft to compiled, for the coordinator, another state and the Secretariat', async () => {
    const mine = await t.get('/api/cbm/reports?year=2025', india);
    expect(mine.status, mine.text).toBe(200);
    // India coordinates NCT.1 and co-coordinates others (ECO.5, the human dimension); not the military-political areas.
    expect(mine.body.can.draftAreas).toEqual(expect.arrayContaining(['NCT.1', 'ECO.5']));
    expect(mine.body.can.draftAreas).not.toContain('MP.1');
    // China co-coordinates other areas, not India's.
    expect((await t.get('/api/cbm/reports', cn)).body.can.draftAreas).not.toContain('NCT.1');
    const all = (await t.get('/api/cbm/reports', officer)).body.can.draftAreas;
    expect(all).toHaveLength(await count('cbm_areas'));
    expectProblem(await t.get('/api/cbm/reports'), 401);
    expectProblem(await t.get('/api/cbm/reports', observer), 403);
    expectProblem(await t.get('/api/cbm/reports?year=abc', india), 400, 'year');

    const before = await count('cbm_reports');
    expectProblem(await t.post('/api/cbm/reports', { area: 'NCT.1', year: 2025, text: { en: '' } }, india), 400, 'text');
    expectProblem(await t.post('/api/cbm/reports', { area: 'NCT.1', year: 2025, text: { en: 'x' } }, cn), 403);
    expect(await count('cbm_reports')).toBe(before);

    const r = await t.post('/api/cbm/reports', { area: 'NCT.1', year: 2025, text: { en: 'Three events held.' } }, india);
    expect(r.status, r.text).toBe(201);
    expect(r.body.can).toEqual({ edit: true, submit: true, compile: false });
    expect((await t.get(`/api/cbm/reports/${r.body.id}`, cn)).body.can).toEqual({ edit: false, submit: false, compile: false });
    expect((await t.get(`/api/cbm/reports/${r.body.id}`, officer)).body.can).toEqual({ edit: true, submit: true, compile: false });
    expectProblem(await t.get(`/api/cbm/reports/${r.body.id}`, observer), 404);
    expectProblem(await t.get(`/api/cbm/reports/${r.body.id}`), 401);

    const submitted = await t.post(`/api/cbm/reports/${r.body.id}/submit`, {}, india);
    expect(submitted.body.can).toEqual({ edit: false, submit: false, compile: false });
    expect((await t.get(`/api/cbm/reports/${r.body.id}`, officer)).body.can).toEqual({ edit: true, submit: false, compile: true });
    const compiled = await t.post(`/api/cbm/reports/${r.body.id}/compile`, {}, officer);
    expect(compiled.body.can).toEqual({ edit: false, submit: false, compile: false });
    const listed = (await t.get('/api/cbm/reports?year=2025', india)).body.items.find((x: any) => x.id === r.body.id);
    expect(listed.status).toBe('compiled');
    expect(listed.can.compile).toBe(false);
  });
});

describe('reviews: can { record }', () => {
  it('says the Secretariat records reviews and nobody else; bad input names the field and stores nothing', async () => {
    expect((await t.get('/api/cbm/reviews', officer)).body.can).toEqual({ record: true });
    expect((await t.get('/api/cbm/reviews', india)).body.can).toEqual({ record: false });
    expect((await t.get('/api/cbm/reviews', cn)).body.can).toEqual({ record: false });
    expectProblem(await t.get('/api/cbm/reviews', observer), 403);
    expectProblem(await t.get('/api/cbm/reviews'), 401);
    const before = await count('cbm_reviews');
    expectProblem(await t.post('/api/cbm/reviews', { year: 2025, dimension: 'HUM', record: {} }, officer), 400, 'record');
    expectProblem(await t.post('/api/cbm/reviews', { year: 'next', dimension: 'HUM', record: { en: 'x' } }, officer), 400, 'year');
    expectProblem(await t.post('/api/cbm/reviews', { year: 2025, dimension: 'HUM', record: { en: 'x' } }, cn), 403);
    expectProblem(await t.post('/api/cbm/reviews', { year: 2025, dimension: 'HUM', record: { en: 'x' } }, observer), 403);
    expect(await count('cbm_reviews')).toBe(before);
  });
});

describe('offers: can { forward, decide } and the area’s can.recordTerms', () => {
  it('offers the Secretariat the next step only, and nobody else any', async () => {
    const made = await t.post('/api/cbm/offers', { area: 'ENV.2', role: 'co-coordinator' }, az);
    expect(made.status, made.text).toBe(201);
    expect(made.body.can).toEqual({ forward: false, decide: false });
    const asSec = (await t.get('/api/cbm/offers?area=ENV.2', officer)).body.items[0];
    expect(asSec.can).toEqual({ forward: true, decide: false });
    expect((await t.get('/api/cbm/offers?area=ENV.2', cn)).body.items[0].can).toEqual({ forward: false, decide: false });
    expectProblem(await t.get('/api/cbm/offers?area=ENV.2', observer), 403);
    expectProblem(await t.get('/api/cbm/offers?area=ENV.2'), 401);
    expectProblem(await t.get('/api/cbm/offers?state=pending', officer), 400, 'state');

    const fwd = await t.post(`/api/cbm/offers/${made.body.id}/forward`, {}, officer);
    expect(fwd.body.can).toEqual({ forward: false, decide: true });
    const terms = await count('cbm_terms');
    expectProblem(await t.post(`/api/cbm/offers/${made.body.id}/decide`, { outcome: 'maybe' }, officer), 400, 'outcome');
    expectProblem(await t.post(`/api/cbm/offers/${made.body.id}/decide`, { outcome: 'accepted', from: '2026-02-01', to: '2026-01-01' }, officer), 400, 'to');
    expectProblem(await t.post(`/api/cbm/offers/${made.body.id}/decide`, { outcome: 'accepted' }, az), 403);
    expect(await count('cbm_terms')).toBe(terms);
    const decided = await t.post(`/api/cbm/offers/${made.body.id}/decide`, { outcome: 'accepted', decisionRef: 'CICA/SOC/DEC/2026/3' }, officer);
    expect(decided.body.can).toEqual({ forward: false, decide: false });
    expect(await count('cbm_terms')).toBe(terms + 1);

    expect((await t.get('/api/cbm/areas/ENV.2', officer)).body.can.recordTerms).toBe(true);
    expect((await t.get('/api/cbm/areas/ENV.2', az)).body.can.recordTerms).toBe(false);
    expect((await t.get('/api/cbm/areas/ENV.2', observer)).body.can.recordTerms).toBe(false);
    expect((await t.get('/api/cbm/areas/ENV.2')).body.can.recordTerms).toBe(false);
    expectProblem(await t.get('/api/cbm/areas/ENV.2?on=someday'), 400, 'on');
  });
});
