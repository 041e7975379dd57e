import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { asRole } from '../../../test/helpers/auth.ts';
import { cbmDocument, seedCbm } from '../../../test/helpers/cbm.ts';
import { ManualClock } from '../../shared/clock.ts';

/**
 * The "done when" of issue #8 over HTTP, then the dashboard's figures checked against counts computed
 * here with SQL straight over the tables: to members in full, to the public from public data only.
 */
let t: TestApp;
type Cookie = { cookie: string };
let india: Cookie;
let kz: Cookie;
let cn: Cookie;
let observer: Cookie;
let officer: Cookie;
const clock = new ManualClock('2026-02-15T09:00:00Z');

beforeAll(async () => {
  t = await testApp({ clock });
  await seedCbm(t);
  const as = async (party: string, role: Parameters<typeof asRole>[2]) => ({ cookie: (await asRole(t, party, role)).cookie });
  india = await as('IN', 'focal-point');
  kz = await as('KZ', 'focal-point');
  cn = await as('CN', 'delegate');
  observer = await as('JP', 'focal-point');
  officer = await as('SEC', 'officer');
}, 180_000);
afterAll(() => t?.close());

const rows = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(t.db)).rows;

describe('done when: India coordinates combating terrorism through a year', () => {
  it('drafts an action plan, the SOC approves it, three events take place with reports, and the dashboard shows it', async () => {
    // India, coordinator of NCT.1, drafts the plan with its concept paper; it goes through the pipeline.
    const paper = await cbmDocument(t, 'members', 'Concept paper: combating terrorism 2025');
    const plan = await t.post('/api/cbm/action-plans', { area: 'NCT.1', title: { en: 'Action plan on combating terrorism 2025' }, conceptPaperDocumentId: paper.id }, india);
    expect(plan.status, plan.text).toBe(201);
    for (const [step, on] of [
      ['experts-meeting', '2024-10-01'],
      ['swg', '2024-11-20'],
    ] as const) {
      expect((await t.post(`/api/cbm/action-plans/${plan.body.id}/steps`, { step, on }, india)).status).toBe(201);
    }
    const approved = await t.post(`/api/cbm/action-plans/${plan.body.id}/steps`, { step: 'soc-approved', on: '2024-12-10', decisionRef: 'CICA/SOC/DEC/2024/7' }, officer);
    expect(approved.body.status).toBe('soc-approved');
    for (const [title, pct, status] of [
      ['Workshop on terrorist financing', 100, 'completed'],
      ['Online seminar on radicalisation', 100, 'completed'],
      ['Border-control training', 100, 'completed'],
      ['Focal-point network', 40, 'in-progress'],
    ] as const) {
      expect((await t.post(`/api/cbm/action-plans/${plan.body.id}/activities`, { title: { en: title }, percentDone: pct, status }, india)).status).toBe(201);
    }

    // The SOC's annual plan for 2025, then three events hosted by India, held, with reports.
    expect((await t.post('/api/cbm/annual-plans', { year: 2025 }, officer)).status).toBe(201);
    const events = [
      { kind: 'workshop', title: { en: 'Workshop on terrorist financing' }, startsOn: '2025-03-17', endsOn: '2025-03-18', place: 'New Delhi', access: 'public', counts: { IN: 12, KZ: 4, CN: 2 } },
      { kind: 'seminar', title: { en: 'Seminar on radicalisation online' }, startsOn: '2025-06-10', endsOn: '2025-06-10', onlineUrl: 'https://meet.example.org/nct', access: 'public', counts: { IN: 9, TR: 5 } },
      { kind: 'training', title: { en: 'Border-control training' }, startsOn: '2025-09-22', endsOn: '2025-09-26', place: 'Astana', access: 'members', counts: { IN: 6, KZ: 10, UZ: 5 } },
    ];
    for (const e of events) {
      const { counts, ...body } = e;
      const made = await t.post('/api/cbm/events', { ...body, area: 'NCT.1', host: 'IN' }, india);
      expect(made.status, made.text).toBe(201);
      expect((await t.request('PATCH', `/api/cbm/events/${made.body.id}`, { ...india, body: { status: 'held' } })).body.status).toBe('held');
      const report = await t.request('PUT', `/api/cbm/events/${made.body.id}/report`, {
        ...india,
        body: { results: { en: `${e.title.en}: held as planned.` }, participants: Object.entries(counts).map(([party, count]) => ({ party, count })) },
      });
      expect(report.status, report.text).toBe(200);
      expect(report.body.report.totalParticipants).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
    }
    expect((await t.post('/api/cbm/annual-plans/2025/approve', { approvedOn: '2024-12-10', decisionRef: 'CICA/SOC/DEC/2024/8' }, officer)).status).toBe(200);
    // A cancelled event does not count among events held or planned.
    const cancelled = await t.post('/api/cbm/events', { kind: 'forum', title: { en: 'Cancelled forum' }, area: 'NCT.2', host: 'TR', startsOn: '2025-05-05', endsOn: '2025-05-05', place: 'Ankara', access: 'public', status: 'cancelled' }, officer);
    expect(cancelled.status).toBe(201);
    // India's report for 2025 is submitted; the other coordinators' are not.
    const report = await t.post('/api/cbm/reports', { area: 'NCT.1', year: 2025, text: { en: 'Three events held.' } }, india);
    expect((await t.post(`/api/cbm/reports/${report.body.id}/submit`, {}, india)).status).toBe(200);
    // Participation: Kazakhstan and India declare measures.
    const m = async (code: string) => (await t.db.selectFrom('cbm_measures').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    for (const [party, who, code] of [
      ['KZ', kz, '2.1.1'],
      ['KZ', kz, '2.1.2'],
      ['KZ', kz, 'NCT.1.1'],
      ['IN', india, 'NCT.1.1'],
    ] as const) {
      expect((await t.request('PUT', `/api/cbm/participation/${party}/${await m(code)}`, { ...who, body: { since: '2020-01-01' } })).status).toBe(200);
    }

    // Members: the full dashboard.
    const full = await t.get('/api/cbm/dashboard?year=2025', cn);
    expect(full.status, full.text).toBe(200);
    expect(full.body.scope).toBe('forum');
    expect(full.body.eventsByYearAndDimension).toEqual([{ year: 2025, dimensionCode: 'NCT', count: 3 }]);
    expect(full.body.eventsByStatus).toEqual([
      { status: 'cancelled', count: 1 },
      { status: 'held', count: 3 },
    ]);
    expect(full.body.participantsInYear).toBe(53);
    const nct = full.body.actionPlans.find((p: any) => p.areaCode === 'NCT.1');
    expect(nct).toMatchObject({ status: 'soc-approved', averagePercent: 85 });
    expect(nct.activitiesByStatus).toEqual([
      { status: 'in-progress', count: 1 },
      { status: 'completed', count: 3 },
    ]);
    expect(full.body.participation).toEqual([
      { partyCode: 'IN', dimensionCode: 'NCT', measures: 1 },
      { partyCode: 'KZ', dimensionCode: 'MP', measures: 2 },
      { partyCode: 'KZ', dimensionCode: 'NCT', measures: 1 },
    ]);
    expect(full.body.reportsOverdue.map((r: any) => r.areaCode)).not.toContain('NCT.1');
    expect(full.body.reportsOverdue.map((r: any) => r.areaCode)).toContain('MP.1');
    expect(full.body.areasWithoutCoordinator.map((a: any) => a.areaCode)).not.toContain('NCT.1');

    // The public (and observers): public events only, nothing members-only.
    for (const who of [undefined, observer]) {
      const pub = await t.get('/api/cbm/dashboard?year=2025', who);
      expect(pub.body.scope).toBe('public');
      expect(pub.body.eventsByYearAndDimension).toEqual([{ year: 2025, dimensionCode: 'NCT', count: 2 }]);
      expect(pub.body.participantsInYear).toBe(32);
      expect(pub.body.participation).toBeNull();
      expect(pub.body.actionPlans).toBeNull();
      expect(pub.body.reportsOverdue).toBeNull();
      expect(pub.body.areasWithoutCoordinator).toEqual(full.body.areasWithoutCoordinator);
    }
    const pubEvents = await t.get('/api/cbm/events?year=2025&status=held');
    expect(pubEvents.body.items.map((e: any) => e.title.en)).toEqual(['Workshop on terrorist financing', 'Seminar on radicalisation online']);
  });
});

describe('dashboard figures equal counts computed independently', () => {
  it('matches SQL over the tables for events, participants, participation, plans and coordinators, in both scopes', async () => {
    // More data across dimensions and years, so the aggregates have something to get wrong.
    const more = [
      { area: 'MP.1', host: 'KZ', startsOn: '2024-04-01', access: 'members', status: 'held' },
      { area: 'MP.2', host: 'KZ', startsOn: '2025-04-01', access: 'public', status: 'postponed' },
      { area: 'HUM.1', host: 'UZ', startsOn: '2025-07-01', access: 'members', status: 'planned' },
      { area: 'ECO.5', host: 'AZ', startsOn: '2026-05-01', access: 'public', status: 'planned' },
    ];
    for (const [i, e] of more.entries()) {
      const r = await t.post('/api/cbm/events', { kind: 'seminar', title: { en: `Extra ${i}` }, endsOn: e.startsOn, place: 'Somewhere', ...e }, officer);
      expect(r.status, r.text).toBe(201);
    }
    for (const forum of [true, false]) {
      const dash = (await t.get('/api/cbm/dashboard?year=2025&on=2026-02-15', forum ? cn : undefined)).body;
      const access = forum ? sql`true` : sql`e.access = 'public'`;
      const byYear = await rows(sql<{ year: number; dimension_code: string; n: string }>`
        SELECT e.year, a.dimension_code, count(*) AS n FROM cbm_events e JOIN cbm_areas a ON a.id = e.area_id
        WHERE e.status <> 'cancelled' AND ${access} GROUP BY 1, 2 ORDER BY 1, 2`);
      expect(dash.eventsByYearAndDimension).toEqual(byYear.map((r) => ({ year: r.year, dimensionCode: r.dimension_code, count: Number(r.n) })));
      const byStatus = await rows(sql<{ status: string; n: string }>`SELECT e.status, count(*) AS n FROM cbm_events e WHERE e.year = 2025 AND ${access} GROUP BY 1 ORDER BY 1`);
      expect(dash.eventsByStatus).toEqual(byStatus.map((r) => ({ status: r.status, count: Number(r.n) })));
      const [people] = await rows(sql<{ n: string }>`
        SELECT COALESCE(SUM(c.count), 0) AS n FROM cbm_event_report_counts c JOIN cbm_events e ON e.id = c.event_id
        WHERE e.year = 2025 AND e.status = 'held' AND ${access}`);
      expect(dash.participantsInYear).toBe(Number(people.n));
      const uncoordinated = await rows(sql<{ code: string }>`
        SELECT a.code FROM cbm_areas a JOIN cbm_dimensions d ON d.code = a.dimension_code
        WHERE NOT EXISTS (SELECT 1 FROM cbm_terms t WHERE t.area_id = a.id AND t.role = 'coordinator'
          AND (t.from_date IS NULL OR t.from_date <= '2026-02-15') AND (t.to_date IS NULL OR t.to_date >= '2026-02-15'))
        ORDER BY d.position, a.position`);
      expect(dash.areasWithoutCoordinator.map((a: any) => a.areaCode)).toEqual(uncoordinated.map((r) => r.code));
      if (!forum) continue;
      const heat = await rows(sql<{ code: string; dimension_code: string; n: string }>`
        SELECT pa.code, a.dimension_code, count(*) AS n FROM cbm_participation p JOIN parties pa ON pa.id = p.party_id
        JOIN cbm_measures m ON m.id = p.measure_id JOIN cbm_areas a ON a.id = m.area_id
        WHERE p.since <= '2026-02-15' AND (p.withdrawn IS NULL OR p.withdrawn > '2026-02-15') GROUP BY 1, 2 ORDER BY 1, 2`);
      expect(dash.participation).toEqual(heat.map((r) => ({ partyCode: r.code, dimensionCode: r.dimension_code, measures: Number(r.n) })));
      const avg = await rows(sql<{ id: string; avg: string | null }>`
        SELECT p.id, ROUND(AVG(a.percent_done) FILTER (WHERE a.status <> 'cancelled'), 1) AS avg FROM cbm_action_plans p
        LEFT JOIN cbm_activities a ON a.plan_id = p.id GROUP BY p.id`);
      for (const r of avg) expect(dash.actionPlans.find((p: any) => p.planId === r.id).averagePercent).toBe(r.avg === null ? null : Number(r.avg));
      const due = await rows(sql<{ code: string }>`
        SELECT a.code FROM cbm_areas a JOIN cbm_dimensions d ON d.code = a.dimension_code
        WHERE EXISTS (SELECT 1 FROM cbm_terms t WHERE t.area_id = a.id AND t.role = 'coordinator'
            AND (t.from_date IS NULL OR t.from_date <= '2025-12-31') AND (t.to_date IS NULL OR t.to_date >= '2025-01-01'))
          AND NOT EXISTS (SELECT 1 FROM cbm_reports r WHERE r.area_id = a.id AND r.year = 2025 AND r.status <> 'draft')
        ORDER BY d.position, a.position`);
      expect(dash.reportsOverdue.map((r: any) => r.areaCode)).toEqual(due.map((r) => r.code));
    }
    // Before the due date nothing is overdue yet.
    expect((await t.get('/api/cbm/dashboard?year=2025&on=2026-01-31', cn)).body.reportsOverdue).toEqual([]);
  });
});
