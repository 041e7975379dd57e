import { seedCbm, cbmDocument } from '../helpers/cbm.ts';
import type { MatrixEntry, MatrixWorld } from './types.ts';

/**
 * CBM. The world's own party, Kazakhstan, coordinates the military-political areas (CICA facts, no end
 * date), so its focal point edits MP.1's plan and reports; China (another member state) coordinates none
 * of them; Japan is an observer. The catalogue, events marked public and the dashboard are public; plans,
 * offers, annual plans, participation, reports and reviews are for member states and the Secretariat.
 */
const everyone = ['anonymous', 'otherDelegate', 'observer', 'ownViewer', 'officer'] as const;
const forumReaders = ['otherDelegate', 'ownViewer', 'officer'] as const;

const seeded = new WeakSet<object>();
async function ready(w: MatrixWorld) {
  if (seeded.has(w.t)) return;
  await seedCbm(w.t, ['KZ', 'CN', 'JP', 'AZ', 'TR']);
  seeded.add(w.t);
}

const idOf = async (w: MatrixWorld, table: 'cbm_areas' | 'cbm_measures', code: string) =>
  (await w.t.db.selectFrom(table).select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

/** Years used once each: annual plans, reviews and reports are one per year (and area). */
let nextYear = 2000;
const EVENT_YEAR = 2098;

async function plan(w: MatrixWorld) {
  await ready(w);
  const now = w.t.clock.now();
  return w.t.db
    .insertInto('cbm_action_plans')
    .values({ area_id: await idOf(w, 'cbm_areas', 'MP.1'), title: JSON.stringify({ en: 'Matrix plan' }), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
}

async function activity(w: MatrixWorld) {
  const p = await plan(w);
  const now = w.t.clock.now();
  return w.t.db
    .insertInto('cbm_activities')
    .values({ plan_id: p.id, position: 1, title: JSON.stringify({ en: 'Matrix activity' }), status: 'planned', milestones: JSON.stringify([]), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
}

async function offer(w: MatrixWorld, state: 'offered' | 'forwarded') {
  await ready(w);
  const now = w.t.clock.now();
  return w.t.db
    .insertInto('cbm_offers')
    .values({ area_id: await idOf(w, 'cbm_areas', 'MP.2'), party_id: w.parties.own.id, role: 'co-coordinator', state, offered_at: now, forwarded_at: state === 'forwarded' ? now : null })
    .returning('id')
    .executeTakeFirstOrThrow();
}

async function annualPlan(w: MatrixWorld, year: number) {
  await ready(w);
  await w.t.db
    .insertInto('cbm_annual_plans')
    .values({ year, created_at: w.t.clock.now() })
    .onConflict((oc) => oc.column('year').doNothing())
    .execute();
  return year;
}

async function event(w: MatrixWorld, o: { access?: 'public' | 'members'; status?: 'planned' | 'held' } = {}) {
  await annualPlan(w, EVENT_YEAR);
  const now = w.t.clock.now();
  return w.t.db
    .insertInto('cbm_events')
    .values({
      year: EVENT_YEAR,
      kind: 'workshop',
      title: JSON.stringify({ en: 'Matrix workshop' }),
      area_id: await idOf(w, 'cbm_areas', 'MP.1'),
      host_party_id: w.parties.own.id,
      starts_on: `${EVENT_YEAR}-05-01`,
      ends_on: `${EVENT_YEAR}-05-02`,
      place: 'Astana',
      status: o.status ?? 'planned',
      access: o.access ?? 'members',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

async function report(w: MatrixWorld, status: 'draft' | 'submitted') {
  await ready(w);
  const now = w.t.clock.now();
  return w.t.db
    .insertInto('cbm_reports')
    .values({ area_id: await idOf(w, 'cbm_areas', 'MP.1'), year: nextYear++, text: JSON.stringify({ en: 'Matrix report' }), status, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
}

async function term(w: MatrixWorld) {
  await ready(w);
  const now = w.t.clock.now();
  return w.t.db
    .insertInto('cbm_terms')
    .values({ area_id: await idOf(w, 'cbm_areas', 'MP.3'), party_id: w.parties.own.id, role: 'co-coordinator', from_date: '2020-01-01', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
}

let measureNo = 1;

export const cbmMatrix: MatrixEntry[] = [
  // Catalogue, public reads ---------------------------------------------------------------------------
  ...(['/api/cbm/catalogue-versions', '/api/cbm/dimensions', '/api/cbm/areas', '/api/cbm/measures', '/api/cbm/events', '/api/cbm/dashboard'] as const).map(
    (route): MatrixEntry => ({
      method: 'GET',
      route,
      allow: everyone,
      positive: 'anonymous',
      status: 200,
      async request(w) {
        await ready(w);
        return { path: route };
      },
    }),
  ),
  {
    method: 'GET',
    route: '/api/cbm/areas/:area',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    async request(w) {
      await ready(w);
      return { path: '/api/cbm/areas/MP.1' };
    },
  },
  {
    method: 'GET',
    route: '/api/cbm/measures/:id',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    async request(w) {
      await ready(w);
      return { path: `/api/cbm/measures/${await idOf(w, 'cbm_measures', '2.1.1')}` };
    },
  },
  {
    method: 'POST',
    route: '/api/cbm/measures',
    allow: ['officer'],
    positive: 'admin',
    status: 201,
    async request(w) {
      await ready(w);
      return { path: '/api/cbm/measures', body: { area: 'MP.1', code: `9.9.${measureNo++}`, title: { en: 'Matrix measure' }, versions: ['2021'] } };
    },
  },
  {
    method: 'PATCH',
    route: '/api/cbm/measures/:id',
    allow: ['officer'],
    positive: 'admin',
    status: 200,
    async request(w) {
      await ready(w);
      return { path: `/api/cbm/measures/${await idOf(w, 'cbm_measures', '2.1.1')}`, body: { note: 'Checked by the authorization matrix.' } };
    },
  },

  // Coordination -------------------------------------------------------------------------------------
  {
    method: 'POST',
    route: '/api/cbm/terms',
    allow: ['officer'],
    positive: 'admin',
    status: 201,
    async request(w) {
      await ready(w);
      return { path: '/api/cbm/terms', body: { area: 'MP.4', party: 'KZ', role: 'co-coordinator', from: '2024-01-01', decisionRef: 'MATRIX/1' } };
    },
  },
  {
    method: 'PATCH',
    route: '/api/cbm/terms/:id',
    allow: ['officer'],
    positive: 'admin',
    status: 200,
    async request(w) {
      return { path: `/api/cbm/terms/${(await term(w)).id}`, body: { to: '2030-12-31' } };
    },
  },
  { method: 'GET', route: '/api/cbm/offers', allow: forumReaders, positive: 'ownFocalPoint', status: 200, request: () => ({ path: '/api/cbm/offers' }) },
  {
    method: 'POST',
    route: '/api/cbm/offers',
    allow: [],
    positive: 'ownFocalPoint',
    status: 201,
    note: 'A state offers for itself only: the Secretariat records the SOC’s answer, it does not offer.',
    async request(w) {
      await ready(w);
      return { path: '/api/cbm/offers', body: { area: 'ENV.3', role: 'coordinator' } };
    },
  },
  {
    method: 'POST',
    route: '/api/cbm/offers/:id/forward',
    allow: ['officer'],
    positive: 'admin',
    status: 200,
    async request(w) {
      return { path: `/api/cbm/offers/${(await offer(w, 'offered')).id}/forward`, body: {} };
    },
  },
  {
    method: 'POST',
    route: '/api/cbm/offers/:id/decide',
    allow: ['officer'],
    positive: 'admin',
    status: 200,
    async request(w) {
      return { path: `/api/cbm/offers/${(await offer(w, 'forwarded')).id}/decide`, body: { outcome: 'declined', decisionRef: 'MATRIX/2' } };
    },
  },

  // Action plans --------------------------------------------------------------------------------------
  { method: 'GET', route: '/api/cbm/action-plans', allow: forumReaders, positive: 'ownFocalPoint', status: 200, request: () => ({ path: '/api/cbm/action-plans' }) },
  {
    method: 'GET',
    route: '/api/cbm/action-plans/:id',
    allow: forumReaders,
    positive: 'ownFocalPoint',
    status: 200,
    async request(w) {
      return { path: `/api/cbm/action-plans/${(await plan(w)).id}` };
    },
  },
  {
    method: 'POST',
    route: '/api/cbm/action-plans',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 201,
    note: 'Kazakhstan coordinates MP.1; the own viewer may read but not draft.',
    async request(w) {
      await ready(w);
      return { path: '/api/cbm/action-plans', body: { area: 'MP.1', title: { en: 'Matrix action plan' } } };
    },
  },
  {
    method: 'PATCH',
    route: '/api/cbm/action-plans/:id',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 200,
    async request(w) {
      return { path: `/api/cbm/action-plans/${(await plan(w)).id}`, body: { periodFrom: '2026-01-01' } };
    },
  },
  {
    method: 'POST',
    route: '/api/cbm/action-plans/:id/steps',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 201,
    async request(w) {
      return { path: `/api/cbm/action-plans/${(await plan(w)).id}/steps`, body: { step: 'experts-meeting', on: '2026-01-10' } };
    },
  },
  {
    method: 'POST',
    route: '/api/cbm/action-plans/:id/activities',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 201,
    async request(w) {
      return { path: `/api/cbm/action-plans/${(await plan(w)).id}/activities`, body: { title: { en: 'Matrix activity' } } };
    },
  },
  {
    method: 'PATCH',
    route: '/api/cbm/activities/:id',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 200,
    async request(w) {
      return { path: `/api/cbm/activities/${(await activity(w)).id}`, body: { percentDone: 50, status: 'in-progress' } };
    },
  },

  // Annual plans and events --------------------------------------------------------------------------
  { method: 'GET', route: '/api/cbm/annual-plans', allow: forumReaders, positive: 'ownFocalPoint', status: 200, request: () => ({ path: '/api/cbm/annual-plans' }) },
  {
    method: 'GET',
    route: '/api/cbm/annual-plans/:year',
    allow: forumReaders,
    positive: 'ownFocalPoint',
    status: 200,
    async request(w) {
      return { path: `/api/cbm/annual-plans/${await annualPlan(w, EVENT_YEAR)}` };
    },
  },
  {
    method: 'POST',
    route: '/api/cbm/annual-plans',
    allow: ['officer'],
    positive: 'admin',
    status: 201,
    async request(w) {
      await ready(w);
      return { path: '/api/cbm/annual-plans', body: { year: nextYear++ } };
    },
  },
  {
    method: 'POST',
    route: '/api/cbm/annual-plans/:year/approve',
    allow: ['officer'],
    positive: 'admin',
    status: 200,
    async request(w) {
      const year = await annualPlan(w, nextYear++);
      return { path: `/api/cbm/annual-plans/${year}/approve`, body: { approvedOn: '2025-12-10', decisionRef: 'MATRIX/3' } };
    },
  },
  {
    method: 'GET',
    route: '/api/cbm/events/:id',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    note: 'A public event; members-only events answer 404 to the public and observers (cbm.api.test.ts).',
    async request(w) {
      return { path: `/api/cbm/events/${(await event(w, { access: 'public' })).id}` };
    },
  },
  {
    method: 'POST',
    route: '/api/cbm/events',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 201,
    async request(w) {
      await ready(w);
      return {
        path: '/api/cbm/events',
        body: { kind: 'seminar', title: { en: 'Matrix seminar' }, area: 'MP.1', host: 'KZ', startsOn: `${EVENT_YEAR}-06-01`, endsOn: `${EVENT_YEAR}-06-01`, place: 'Astana', access: 'members' },
      };
    },
  },
  {
    method: 'PATCH',
    route: '/api/cbm/events/:id',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 200,
    async request(w) {
      return { path: `/api/cbm/events/${(await event(w)).id}`, body: { place: 'Almaty' } };
    },
  },
  {
    method: 'DELETE',
    route: '/api/cbm/events/:id',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 200,
    async request(w) {
      return { path: `/api/cbm/events/${(await event(w)).id}` };
    },
  },
  {
    method: 'PUT',
    route: '/api/cbm/events/:id/participants',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 200,
    async request(w) {
      return { path: `/api/cbm/events/${(await event(w)).id}/participants`, body: { parties: ['CN'] } };
    },
  },
  {
    method: 'POST',
    route: '/api/cbm/events/:id/documents',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 201,
    async request(w) {
      const e = await event(w);
      const doc = await cbmDocument(w.t, 'public', 'Matrix programme');
      return { path: `/api/cbm/events/${e.id}/documents`, body: { documentId: doc.id } };
    },
  },
  {
    method: 'DELETE',
    route: '/api/cbm/events/:id/documents/:documentId',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 200,
    async request(w) {
      const e = await event(w);
      const doc = await cbmDocument(w.t, 'public', 'Matrix programme');
      await w.t.db.insertInto('cbm_event_documents').values({ event_id: e.id, document_id: doc.id, added_at: w.t.clock.now() }).execute();
      return { path: `/api/cbm/events/${e.id}/documents/${doc.id}` };
    },
  },
  {
    method: 'PUT',
    route: '/api/cbm/events/:id/report',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 200,
    async request(w) {
      return { path: `/api/cbm/events/${(await event(w, { status: 'held' })).id}/report`, body: { results: { en: 'Held.' }, participants: [{ party: 'KZ', count: 5 }] } };
    },
  },

  // Participation -------------------------------------------------------------------------------------
  { method: 'GET', route: '/api/cbm/participation', allow: forumReaders, positive: 'ownFocalPoint', status: 200, request: () => ({ path: '/api/cbm/participation' }) },
  {
    method: 'PUT',
    route: '/api/cbm/participation/:party/:measureId',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 200,
    note: "Kazakhstan's declaration: another state's delegate, an observer and Kazakhstan's viewer may not make it.",
    async request(w) {
      await ready(w);
      return { path: `/api/cbm/participation/KZ/${await idOf(w, 'cbm_measures', '2.1.1')}`, body: { since: '2010-01-01' } };
    },
  },

  // Reports and reviews -------------------------------------------------------------------------------
  { method: 'GET', route: '/api/cbm/reports', allow: forumReaders, positive: 'ownFocalPoint', status: 200, request: () => ({ path: '/api/cbm/reports' }) },
  {
    method: 'GET',
    route: '/api/cbm/reports/:id',
    allow: forumReaders,
    positive: 'ownFocalPoint',
    status: 200,
    async request(w) {
      return { path: `/api/cbm/reports/${(await report(w, 'draft')).id}` };
    },
  },
  {
    method: 'POST',
    route: '/api/cbm/reports',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 201,
    async request(w) {
      await ready(w);
      return { path: '/api/cbm/reports', body: { area: 'MP.1', year: nextYear++, text: { en: 'Matrix report' } } };
    },
  },
  {
    method: 'PATCH',
    route: '/api/cbm/reports/:id',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 200,
    async request(w) {
      return { path: `/api/cbm/reports/${(await report(w, 'draft')).id}`, body: { text: { en: 'Revised' } } };
    },
  },
  {
    method: 'POST',
    route: '/api/cbm/reports/:id/submit',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 200,
    async request(w) {
      return { path: `/api/cbm/reports/${(await report(w, 'draft')).id}/submit`, body: {} };
    },
  },
  {
    method: 'POST',
    route: '/api/cbm/reports/:id/compile',
    allow: ['officer'],
    positive: 'admin',
    status: 200,
    async request(w) {
      return { path: `/api/cbm/reports/${(await report(w, 'submitted')).id}/compile`, body: {} };
    },
  },
  { method: 'GET', route: '/api/cbm/reviews', allow: forumReaders, positive: 'ownFocalPoint', status: 200, request: () => ({ path: '/api/cbm/reviews' }) },
  {
    method: 'POST',
    route: '/api/cbm/reviews',
    allow: ['officer'],
    positive: 'admin',
    status: 201,
    async request(w) {
      await ready(w);
      return { path: '/api/cbm/reviews', body: { year: nextYear++, dimension: 'MP', record: { en: 'Reviewed.' }, decisionRef: 'MATRIX/4' } };
    },
  },
];
