import { seedDocumentBasics } from '../helpers/documents.ts';
import type { MatrixEntry, MatrixWorld } from './types.ts';

/**
 * Meetings. Fixtures are made over HTTP by the Secretariat (officer) and the Chair in office (AZ),
 * so every meeting is real. Unless said otherwise a meeting invites Kazakhstan ("own") and Azerbaijan
 * (the Chair) only, its papers at the members level: China ("other") sees it but is not invited,
 * Japan (observer) does not see it at all (404).
 *
 * Reads of public meetings are for everyone (the entries say so); the hiding of closed and
 * members-only meetings from the uninvited (404, absent from lists and calendars) is tested in
 * server/modules/meetings/meetings.api.test.ts, as anonymous refusals there are 404, not 401.
 */

const allSignedIn = ['otherDelegate', 'observer', 'ownViewer', 'officer'] as const;
const everyone = ['anonymous', ...allSignedIn] as const;

type Stage = 'planned' | 'convened' | 'live' | 'speaking' | 'closed' | 'circulated' | 'past-deadline';

interface Fixture {
  id: string;
  itemId: string;
}

let seq = 0;

async function ok(res: Promise<{ status: number; text: string; body: any }>, what: string) {
  const r = await res;
  if (r.status < 200 || r.status > 299) throw new Error(`matrix fixture (${what}) failed: ${r.status} ${r.text.slice(0, 300)}`);
  return r.body;
}

/** A meeting at `stage`, with one agenda item. */
async function meeting(w: MatrixWorld, stage: Stage, opts: { papersAccess?: string; observers?: string[]; members?: string[]; highLevel?: boolean } = {}): Promise<Fixture> {
  await seedDocumentBasics(w.t);
  const t = w.t;
  const officer = w.cookie('officer');
  const chair = w.cookie('chairFocalPoint');
  seq++;
  const m = await ok(
    t.post(
      '/api/meetings',
      {
        body: 'SOC',
        title: { en: `Matrix meeting ${seq}` },
        startsAt: '2026-06-10T10:00:00+05:00',
        endsAt: '2026-06-11T18:00:00+05:00',
        timeZone: 'Asia/Almaty',
        venue: { city: 'Astana', country: 'KZ' },
        onlineUrl: 'https://meet.example.org/matrix',
        format: 'hybrid',
        presidingParty: 'AZ',
        papersAccess: opts.papersAccess ?? 'members',
        highLevel: opts.highLevel ?? false,
        members: opts.members ?? ['KZ', 'AZ'],
        observers: opts.observers ?? [],
      },
      { cookie: officer },
    ),
    'create',
  );
  const agenda = await ok(t.post(`/api/meetings/${m.id}/agenda/items`, { title: { en: 'General debate' } }, { cookie: officer }), 'item');
  const f = { id: m.id as string, itemId: agenda.items[0].id as string };
  if (stage === 'planned') return f;
  await ok(t.post(`/api/meetings/${f.id}/convene`, { registrationDeadline: '2026-06-01T18:00:00+05:00', documentsDeadline: '2026-05-20T18:00:00+05:00' }, { cookie: officer }), 'convene');
  if (stage === 'convened') return f;
  await ok(t.post(`/api/meetings/${f.id}/status`, { to: 'in-session' }, { cookie: chair }), 'open');
  await ok(t.post(`/api/meetings/${f.id}/live/item`, { itemId: f.itemId }, { cookie: chair }), 'current item');
  if (stage === 'live') return f;
  if (stage === 'speaking') {
    await ok(t.post(`/api/meetings/${f.id}/speakers`, { kind: 'regular' }, { cookie: w.cookie('ownDelegate') }), 'ask');
    await ok(t.post(`/api/meetings/${f.id}/speakers/next`, {}, { cookie: chair }), 'give');
    return f;
  }
  await ok(t.request('PUT', `/api/meetings/${f.id}/record/items/${f.itemId}`, { body: { language: 'en', text: 'The Committee met.' }, cookie: officer }), 'draft');
  await ok(t.post(`/api/meetings/${f.id}/status`, { to: 'closed' }, { cookie: chair }), 'close');
  if (stage === 'closed') return f;
  await ok(t.post(`/api/meetings/${f.id}/record/circulate`, { correctionsDeadline: '2027-01-01T00:00:00Z' }, { cookie: officer }), 'circulate');
  if (stage === 'circulated') return f;
  // The deadline passes (as the clock would have it).
  await w.t.db.updateTable('meetings').set({ corrections_deadline: new Date(w.t.clock.now().getTime() - 1000) }).where('id', '=', f.id).execute();
  return f;
}

const delegation = { delegates: [{ name: 'Aigerim Sadykova', function: 'head' }] };

async function registered(w: MatrixWorld, withCredentials = false): Promise<Fixture> {
  const f = await meeting(w, 'convened', { observers: ['JP'] });
  await ok(w.t.request('PUT', `/api/meetings/${f.id}/registrations/KZ`, { body: delegation, cookie: w.cookie('ownFocalPoint') }), 'register');
  if (withCredentials) {
    const req = credentialsUpload();
    await ok(w.t.request('POST', `/api/meetings/${f.id}/registrations/KZ/credentials`, { body: req.body, headers: req.headers, cookie: w.cookie('ownFocalPoint') }), 'credentials');
  }
  return f;
}

function credentialsUpload() {
  const boundary = 'concordmatrixboundary';
  const body = [`--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="credentials.pdf"', 'Content-Type: application/pdf', '', '%PDF-1.4', '1 0 obj<<>>endobj', '%%EOF', `--${boundary}--`, ''].join('\r\n');
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const publicMeeting = (w: MatrixWorld) => meeting(w, 'live', { papersAccess: 'public' });

export const meetingsMatrix: MatrixEntry[] = [
  {
    method: 'POST',
    route: '/api/meetings',
    allow: ['officer'],
    positive: 'admin',
    status: 201,
    async request(w) {
      await seedDocumentBasics(w.t);
      return {
        path: '/api/meetings',
        body: { body: 'EM', title: { en: 'Experts' }, startsAt: '2026-07-01T09:00:00Z', endsAt: '2026-07-01T17:00:00Z', timeZone: 'Europe/Vienna', onlineUrl: 'https://meet.example.org/em', format: 'online', papersAccess: 'members' },
      };
    },
  },
  { method: 'GET', route: '/api/meetings', allow: everyone, positive: 'anonymous', status: 200, request: () => ({ path: '/api/meetings' }) },
  {
    method: 'GET',
    route: '/api/meetings/:id',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    note: 'A public meeting; hidden ones answer 404 (meetings.api.test.ts).',
    request: async (w) => ({ path: `/api/meetings/${(await publicMeeting(w)).id}` }),
  },
  {
    method: 'PATCH',
    route: '/api/meetings/:id',
    allow: ['officer'],
    positive: 'admin',
    status: 200,
    request: async (w) => ({ path: `/api/meetings/${(await meeting(w, 'planned')).id}`, body: { title: { en: 'Renamed' } } }),
  },
  {
    method: 'POST',
    route: '/api/meetings/:id/convene',
    allow: ['officer'],
    positive: 'admin',
    status: 200,
    request: async (w) => ({ path: `/api/meetings/${(await meeting(w, 'planned')).id}/convene`, body: { registrationDeadline: '2026-06-01T18:00:00Z', documentsDeadline: '2026-05-20T18:00:00Z' } }),
  },
  {
    method: 'POST',
    route: '/api/meetings/:id/status',
    allow: ['officer'],
    positive: 'chairFocalPoint',
    status: 200,
    note: 'The Chair of the meeting, or the Secretariat on its behalf.',
    request: async (w) => ({ path: `/api/meetings/${(await meeting(w, 'convened')).id}/status`, body: { to: 'in-session' } }),
  },
  {
    method: 'GET',
    route: '/api/meetings/:id/agenda',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    request: async (w) => ({ path: `/api/meetings/${(await publicMeeting(w)).id}/agenda` }),
  },
  {
    method: 'POST',
    route: '/api/meetings/:id/agenda/items',
    allow: ['officer'],
    positive: 'admin',
    status: 201,
    request: async (w) => ({ path: `/api/meetings/${(await meeting(w, 'planned')).id}/agenda/items`, body: { title: { en: 'Any other business' } } }),
  },
  {
    method: 'PATCH',
    route: '/api/meetings/:id/agenda/items/:itemId',
    allow: ['officer'],
    positive: 'admin',
    status: 200,
    async request(w) {
      const f = await meeting(w, 'planned');
      return { path: `/api/meetings/${f.id}/agenda/items/${f.itemId}`, body: { title: { en: 'General exchange of views' } } };
    },
  },
  {
    method: 'DELETE',
    route: '/api/meetings/:id/agenda/items/:itemId',
    allow: ['officer'],
    positive: 'admin',
    status: 200,
    async request(w) {
      const f = await meeting(w, 'planned');
      return { path: `/api/meetings/${f.id}/agenda/items/${f.itemId}` };
    },
  },
  {
    method: 'POST',
    route: '/api/meetings/:id/agenda/requests',
    allow: [],
    positive: 'ownFocalPoint',
    status: 201,
    note: 'Focal points and heads of invited member states; an invited observer may not set the agenda.',
    request: async (w) => ({ path: `/api/meetings/${(await meeting(w, 'planned', { observers: ['JP'] })).id}/agenda/requests`, body: { title: { en: 'Water security' } } }),
  },
  {
    method: 'POST',
    route: '/api/meetings/:id/agenda/items/:itemId/decision',
    allow: ['officer'],
    positive: 'chairFocalPoint',
    status: 200,
    async request(w) {
      const f = await meeting(w, 'planned');
      const asked = await ok(w.t.post(`/api/meetings/${f.id}/agenda/requests`, { title: { en: 'Water security' } }, { cookie: w.cookie('ownFocalPoint') }), 'request');
      return { path: `/api/meetings/${f.id}/agenda/items/${asked.requests[0].id}/decision`, body: { accept: true } };
    },
  },
  {
    method: 'POST',
    route: '/api/meetings/:id/agenda/adopt',
    allow: ['officer'],
    positive: 'chairFocalPoint',
    status: 200,
    request: async (w) => ({ path: `/api/meetings/${(await meeting(w, 'live')).id}/agenda/adopt`, body: {} }),
  },
  {
    method: 'GET',
    route: '/api/meetings/:id/registrations',
    allow: ['observer', 'officer'],
    positive: 'ownFocalPoint',
    status: 200,
    note: 'Each invited party’s focal point or head sees its own (Japan is invited here); the Secretariat sees all.',
    request: async (w) => ({ path: `/api/meetings/${(await registered(w)).id}/registrations` }),
  },
  {
    method: 'GET',
    route: '/api/meetings/:id/registrations/:party',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 200,
    request: async (w) => ({ path: `/api/meetings/${(await registered(w)).id}/registrations/KZ` }),
  },
  {
    method: 'PUT',
    route: '/api/meetings/:id/registrations/:party',
    allow: [],
    positive: 'ownFocalPoint',
    status: 200,
    note: 'Only the party’s own focal point: not its viewer, not the Secretariat, not another party.',
    request: async (w) => ({ path: `/api/meetings/${(await meeting(w, 'convened', { observers: ['JP'] })).id}/registrations/KZ`, body: delegation }),
  },
  {
    method: 'POST',
    route: '/api/meetings/:id/registrations/:party/decision',
    allow: ['officer'],
    positive: 'admin',
    status: 200,
    request: async (w) => ({ path: `/api/meetings/${(await registered(w)).id}/registrations/KZ/decision`, body: { accept: true } }),
  },
  {
    method: 'GET',
    route: '/api/meetings/:id/registrations/:party/credentials',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 200,
    request: async (w) => ({ path: `/api/meetings/${(await registered(w, true)).id}/registrations/KZ/credentials` }),
  },
  {
    method: 'POST',
    route: '/api/meetings/:id/registrations/:party/credentials',
    allow: [],
    positive: 'ownFocalPoint',
    status: 200,
    async request(w) {
      const f = await registered(w);
      return { path: `/api/meetings/${f.id}/registrations/KZ/credentials`, ...credentialsUpload() };
    },
  },
  {
    method: 'GET',
    route: '/api/meetings/:id/participants',
    allow: ['ownViewer', 'officer'],
    positive: 'ownFocalPoint',
    status: 200,
    note: 'The invited parties and the Secretariat; China sees the meeting but is not invited (403), Japan does not see it (404).',
    request: async (w) => ({ path: `/api/meetings/${(await meeting(w, 'convened')).id}/participants` }),
  },
  {
    method: 'GET',
    route: '/api/meetings/:id/live',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    request: async (w) => ({ path: `/api/meetings/${(await publicMeeting(w)).id}/live` }),
  },
  {
    method: 'POST',
    route: '/api/meetings/:id/live/item',
    allow: ['officer'],
    positive: 'chairFocalPoint',
    status: 200,
    async request(w) {
      const f = await meeting(w, 'live');
      return { path: `/api/meetings/${f.id}/live/item`, body: { itemId: f.itemId } };
    },
  },
  {
    method: 'POST',
    route: '/api/meetings/:id/speakers',
    allow: [],
    positive: 'ownDelegate',
    status: 201,
    note: 'Delegates of invited parties; a viewer, the Secretariat and the uninvited may not ask for the floor.',
    request: async (w) => ({ path: `/api/meetings/${(await meeting(w, 'live')).id}/speakers`, body: { kind: 'regular' } }),
  },
  {
    method: 'POST',
    route: '/api/meetings/:id/speakers/:speakerId/withdraw',
    allow: ['officer'],
    positive: 'ownDelegate',
    status: 200,
    async request(w) {
      const f = await meeting(w, 'live');
      const asked = await ok(w.t.post(`/api/meetings/${f.id}/speakers`, { kind: 'regular' }, { cookie: w.cookie('ownDelegate') }), 'ask');
      return { path: `/api/meetings/${f.id}/speakers/${asked.queue[0].id}/withdraw` };
    },
  },
  {
    method: 'POST',
    route: '/api/meetings/:id/speakers/next',
    allow: ['officer'],
    positive: 'chairFocalPoint',
    status: 200,
    async request(w) {
      const f = await meeting(w, 'live');
      await ok(w.t.post(`/api/meetings/${f.id}/speakers`, { kind: 'regular' }, { cookie: w.cookie('ownDelegate') }), 'ask');
      return { path: `/api/meetings/${f.id}/speakers/next`, body: {} };
    },
  },
  {
    method: 'POST',
    route: '/api/meetings/:id/speakers/end',
    allow: ['officer'],
    positive: 'chairFocalPoint',
    status: 200,
    request: async (w) => ({ path: `/api/meetings/${(await meeting(w, 'speaking')).id}/speakers/end` }),
  },
  {
    method: 'POST',
    route: '/api/meetings/:id/statements',
    allow: [],
    positive: 'ownDelegate',
    status: 201,
    async request(w) {
      const f = await meeting(w, 'live');
      return { path: `/api/meetings/${f.id}/statements`, body: { itemId: f.itemId, language: 'en', text: 'Our statement.' } };
    },
  },
  {
    method: 'GET',
    route: '/api/meetings/:id/events',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    note: 'A public meeting, polled with once=true so the response ends; streams of hidden meetings answer 404 (meetings.sse.api.test.ts).',
    request: async (w) => ({ path: `/api/meetings/${(await publicMeeting(w)).id}/events?once=true&lastEventId=0` }),
  },
  {
    method: 'GET',
    route: '/api/meetings/:id/record',
    allow: ['ownViewer', 'officer'],
    positive: 'ownFocalPoint',
    status: 200,
    request: async (w) => ({ path: `/api/meetings/${(await meeting(w, 'closed')).id}/record` }),
  },
  {
    method: 'PUT',
    route: '/api/meetings/:id/record/items/:itemId',
    allow: ['officer'],
    positive: 'admin',
    status: 200,
    async request(w) {
      const f = await meeting(w, 'closed');
      return { path: `/api/meetings/${f.id}/record/items/${f.itemId}`, body: { language: 'en', text: 'Revised summary.' } };
    },
  },
  {
    method: 'POST',
    route: '/api/meetings/:id/record/circulate',
    allow: ['officer'],
    positive: 'admin',
    status: 200,
    request: async (w) => ({ path: `/api/meetings/${(await meeting(w, 'closed')).id}/record/circulate`, body: { correctionsDeadline: '2027-01-01T00:00:00Z' } }),
  },
  {
    method: 'POST',
    route: '/api/meetings/:id/record/corrections',
    allow: [],
    positive: 'ownFocalPoint',
    status: 201,
    note: 'Delegations of invited parties; a viewer and the Secretariat do not correct the record.',
    async request(w) {
      const f = await meeting(w, 'circulated');
      return { path: `/api/meetings/${f.id}/record/corrections`, body: { itemId: f.itemId, text: 'Please add our remark.' } };
    },
  },
  {
    method: 'POST',
    route: '/api/meetings/:id/record/corrections/:correctionId/decision',
    allow: ['officer'],
    positive: 'admin',
    status: 200,
    async request(w) {
      const f = await meeting(w, 'circulated');
      const r = await ok(w.t.post(`/api/meetings/${f.id}/record/corrections`, { itemId: f.itemId, text: 'Please add our remark.' }, { cookie: w.cookie('ownFocalPoint') }), 'correct');
      return { path: `/api/meetings/${f.id}/record/corrections/${r.corrections[0].id}/decision`, body: { accept: true } };
    },
  },
  {
    method: 'POST',
    route: '/api/meetings/:id/record/finalize',
    allow: ['officer'],
    positive: 'admin',
    status: 200,
    request: async (w) => ({ path: `/api/meetings/${(await meeting(w, 'past-deadline')).id}/record/finalize` }),
  },
  {
    method: 'POST',
    route: '/api/meetings/:id/outcomes',
    allow: ['officer'],
    positive: 'admin',
    status: 201,
    async request(w) {
      const f = await meeting(w, 'closed');
      const doc = await ok(
        w.t.post('/api/documents', { type: 'report', bodyCode: 'SOC', title: 'Outcome', originalLanguage: 'en', accessLevel: 'members' }, { cookie: w.cookie('officer') }),
        'document',
      );
      return { path: `/api/meetings/${f.id}/outcomes`, body: { documentId: doc.id } };
    },
  },
  { method: 'GET', route: '/api/calendar.ics', allow: allSignedIn, positive: 'ownDelegate', status: 200, request: () => ({ path: '/api/calendar.ics' }) },
  { method: 'GET', route: '/api/calendar/public.ics', allow: everyone, positive: 'anonymous', status: 200, request: () => ({ path: '/api/calendar/public.ics' }) },
  { method: 'GET', route: '/api/calendar/token', allow: allSignedIn, positive: 'ownDelegate', status: 200, request: () => ({ path: '/api/calendar/token' }) },
  { method: 'POST', route: '/api/calendar/token', allow: allSignedIn, positive: 'ownDelegate', status: 201, note: 'Each person their own token.', request: () => ({ path: '/api/calendar/token' }) },
  { method: 'DELETE', route: '/api/calendar/token', allow: allSignedIn, positive: 'ownDelegate', status: 200, request: () => ({ path: '/api/calendar/token' }) },
];
