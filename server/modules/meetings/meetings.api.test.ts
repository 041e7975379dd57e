import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../server/shared/clock.ts';
import { ManualClock as Clock } from '../../shared/clock.ts';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type MeetingsWorld, meetingsWorld, socMeeting } from '../../../test/helpers/meetings.ts';

let t: TestApp;
let w: MeetingsWorld;
let clock: ManualClock;

beforeAll(async () => {
  clock = new Clock('2026-01-15T09:00:00Z');
  t = await testApp({ clock });
  w = await meetingsWorld(t);
});
afterAll(() => t?.close());

const count = async (table: 'meetings' | 'agenda_items' | 'meeting_registrations' | 'meeting_speakers') =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

async function newMeeting(extra: Record<string, unknown> = {}) {
  const r = await t.post('/api/meetings', socMeeting({ ordinal: undefined, ...extra }), { cookie: w.officer.cookie });
  expect(r.status, r.text).toBe(201);
  return r.body as { id: string; ordinal: number; name: Record<string, string> };
}

describe('meetings: creating and seeing', () => {
  it('numbers meetings per body and names them per language', async () => {
    const first = await t.post('/api/meetings', socMeeting(), { cookie: w.officer.cookie });
    expect(first.status, first.text).toBe(201);
    expect(first.body.name.en).toBe('7th meeting of the Senior Officials Committee');
    expect(first.body.status).toBe('planned');
    expect(first.body.presidingParty.code).toBe('AZ');
    expect(first.body.invited.map((i: { code: string; role: string }) => `${i.code}:${i.role}`).sort()).toEqual(['AZ:member', 'CN:member', 'IN:member', 'JP:observer', 'KZ:member', 'TR:member']);
    const next = await newMeeting();
    expect(next.ordinal).toBe(8);
    const dup = await t.post('/api/meetings', socMeeting(), { cookie: w.officer.cookie });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('meetings.ordinal_taken');
  });

  it('refuses bad input cleanly, naming the field, storing nothing', async () => {
    const before = await count('meetings');
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [socMeeting({ ordinal: 50, timeZone: 'Mars/Olympus' }), 400, 'timeZone'],
      [socMeeting({ ordinal: 51, startsAt: 'tomorrow' }), 400, 'startsAt'],
      [socMeeting({ ordinal: 52, format: 'telepathy' }), 400, 'format'],
      [socMeeting({ ordinal: 53, onlineUrl: 'javascript:alert(1)' }), 400, 'onlineUrl'],
      [socMeeting({ ordinal: 54, endsAt: '2026-03-09T10:00:00+05:00' }), 422, 'endsAt'],
      [socMeeting({ ordinal: 55, onlineUrl: null }), 422, 'onlineUrl'],
      [socMeeting({ ordinal: 56, body: 'NOPE' }), 422, 'body'],
      [socMeeting({ ordinal: 57, members: ['JP'] }), 422, 'members'],
      [{ ...socMeeting({ ordinal: 58 }), status: 'closed' }, 400, ''],
    ];
    for (const [body, status, field] of cases) {
      const r = await t.post('/api/meetings', body, { cookie: w.officer.cookie });
      expect(r.status, `${field}: ${r.text}`).toBe(status);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      if (field) expect(JSON.stringify(r.body.errors ?? []), r.text).toContain(field);
    }
    expect(await count('meetings')).toBe(before);
  });

  it('only the Secretariat plans meetings', async () => {
    const before = await count('meetings');
    expect((await t.post('/api/meetings', socMeeting({ ordinal: 90 }))).status).toBe(401);
    for (const who of [w.kzFocal, w.cnDelegate, w.jpFocal, w.azFocal]) {
      expect((await t.post('/api/meetings', socMeeting({ ordinal: 90 }), { cookie: who.cookie })).status).toBe(403);
    }
    expect(await count('meetings')).toBe(before);
  });

  it('a closed meeting is invisible to the uninvited: 404, absent from lists and calendars', async () => {
    const closed = await newMeeting({ closed: true, papersAccess: 'members', members: ['KZ', 'AZ'], observers: [] });
    const open = await newMeeting({ papersAccess: 'public', members: ['KZ', 'AZ'], observers: [] });
    // Invited KZ and the Secretariat see it.
    expect((await t.get(`/api/meetings/${closed.id}`, { cookie: w.kzFocal.cookie })).status).toBe(200);
    expect((await t.get(`/api/meetings/${closed.id}`, { cookie: w.officer.cookie })).status).toBe(200);
    for (const cookie of [undefined, w.cnDelegate.cookie, w.jpFocal.cookie]) {
      const r = await t.get(`/api/meetings/${closed.id}`, { cookie });
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('not_found');
      for (const sub of ['agenda', 'live', 'events']) expect((await t.get(`/api/meetings/${closed.id}/${sub}`, { cookie })).status).toBe(404);
      const list = await t.get('/api/meetings?limit=200', { cookie });
      expect(list.body.items.map((m: { id: string }) => m.id)).not.toContain(closed.id);
      const pub = await t.get('/api/calendar/public.ics', { cookie });
      expect(pub.text).not.toContain(closed.id);
      expect(pub.text).toContain(open.id);
    }
    const cnCal = await t.get('/api/calendar.ics', { cookie: w.cnDelegate.cookie });
    expect(cnCal.status).toBe(200);
    expect(cnCal.text).not.toContain(closed.id);
    const kzCal = await t.get('/api/calendar.ics', { cookie: w.kzFocal.cookie });
    expect(kzCal.text).toContain(`meeting-${closed.id}@concord`);
    // Uninvited writes answer 404 too (no existence leak).
    const req = await t.post(`/api/meetings/${closed.id}/agenda/requests`, { title: { en: 'Leak?' } }, { cookie: w.cnDelegate.cookie });
    expect(req.status).toBe(404);
    // Observers see open meetings only at their papers' level: a members-only meeting they are not invited to is hidden.
    const membersOnly = await newMeeting({ papersAccess: 'members', members: ['KZ'], observers: [] });
    expect((await t.get(`/api/meetings/${membersOnly.id}`, { cookie: w.jpFocal.cookie })).status).toBe(404);
    expect((await t.get(`/api/meetings/${membersOnly.id}`, { cookie: w.cnDelegate.cookie })).status).toBe(200);
    // The online link is for the invited only.
    expect((await t.get(`/api/meetings/${membersOnly.id}`, { cookie: w.cnDelegate.cookie })).body.onlineUrl).toBeNull();
    expect((await t.get(`/api/meetings/${membersOnly.id}`, { cookie: w.kzFocal.cookie })).body.onlineUrl).toBe('https://meet.example.org/soc-7');
  });
});

describe('the list predicate agrees with the rule', () => {
  it('lists exactly the meetings each caller may open (meetingVisibleTo = canSeeMeeting)', async () => {
    const made: string[] = [];
    let n = 200;
    for (const closed of [false, true]) {
      for (const papersAccess of ['public', 'members', 'members-and-observers', 'restricted']) {
        for (const observers of [[], ['JP']]) {
          const r = await t.post('/api/meetings', socMeeting({ ordinal: n++, closed, papersAccess, members: ['KZ'], observers }), { cookie: w.officer.cookie });
          expect(r.status, r.text).toBe(201);
          made.push(r.body.id);
        }
      }
    }
    for (const cookie of [undefined, w.kzViewer.cookie, w.cnDelegate.cookie, w.jpFocal.cookie, w.officer.cookie]) {
      const listed = new Set((await t.get('/api/meetings?limit=200', { cookie })).body.items.map((m: { id: string }) => m.id));
      for (const id of made) {
        const one = await t.get(`/api/meetings/${id}`, { cookie });
        expect([200, 404]).toContain(one.status);
        expect(listed.has(id), `${id} listed vs readable (${one.status})`).toBe(one.status === 200);
      }
    }
  }, 120_000);
});

describe('agenda numbering over the API', () => {
  it('stays right after insertion, reorder, sub-items and deletion', async () => {
    const m = await newMeeting();
    const add = (title: string, extra: Record<string, unknown> = {}) => t.post(`/api/meetings/${m.id}/agenda/items`, { title: { en: title }, ...extra }, { cookie: w.officer.cookie });
    await add('Opening');
    await add('Adoption of the agenda');
    const third = await add('Reports');
    const reports = third.body.items.find((i: { title: { en: string } }) => i.title.en === 'Reports');
    await add('Report of the Secretariat', { parentId: reports.id });
    await add('Report of the SWG', { parentId: reports.id });
    const withClosing = await add('Closing');
    const numbered = (body: { items: Array<{ number: string; title: { en: string } }> }) => body.items.map((i) => `${i.number} ${i.title.en}`);
    expect(numbered(withClosing.body)).toEqual(['1 Opening', '2 Adoption of the agenda', '3 Reports', '3.1 Report of the Secretariat', '3.2 Report of the SWG', '4 Closing']);
    // Insert at the top, move a sub-item first, delete an item.
    const top = await add('Election of officers', { index: 0 });
    expect(numbered(top.body).slice(0, 2)).toEqual(['1 Election of officers', '2 Opening']);
    const swg = top.body.items.find((i: { title: { en: string } }) => i.title.en === 'Report of the SWG');
    const moved = await t.request('PATCH', `/api/meetings/${m.id}/agenda/items/${swg.id}`, { body: { index: 0 }, cookie: w.officer.cookie });
    expect(moved.status, moved.text).toBe(200);
    expect(numbered(moved.body)).toContain('4.1 Report of the SWG');
    const opening = moved.body.items.find((i: { title: { en: string } }) => i.title.en === 'Opening');
    const del = await t.request('DELETE', `/api/meetings/${m.id}/agenda/items/${opening.id}`, { cookie: w.officer.cookie });
    expect(numbered(del.body)).toEqual(['1 Election of officers', '2 Adoption of the agenda', '3 Reports', '3.1 Report of the SWG', '3.2 Report of the Secretariat', '4 Closing']);
    // A delegation asks for an item; the Chair (AZ) accepts it at position 3; the numbers follow.
    const asked = await t.post(`/api/meetings/${m.id}/agenda/requests`, { title: { en: 'Confidence-building in the Aral Sea basin' }, explanation: 'Urgent' }, { cookie: w.kzFocal.cookie });
    expect(asked.status, asked.text).toBe(201);
    expect(asked.body.requests).toHaveLength(1);
    expect(asked.body.requests[0].number).toBeNull();
    // Other delegations do not see KZ's request; the observer cannot ask.
    expect((await t.get(`/api/meetings/${m.id}/agenda`, { cookie: w.cnDelegate.cookie })).body.requests).toHaveLength(0);
    expect((await t.post(`/api/meetings/${m.id}/agenda/requests`, { title: { en: 'x' } }, { cookie: w.kzDelegate.cookie })).status).toBe(403);
    const reqId = asked.body.requests[0].id;
    expect((await t.post(`/api/meetings/${m.id}/agenda/items/${reqId}/decision`, { accept: true }, { cookie: w.kzFocal.cookie })).status).toBe(403);
    const accepted = await t.post(`/api/meetings/${m.id}/agenda/items/${reqId}/decision`, { accept: true, index: 2 }, { cookie: w.azFocal.cookie });
    expect(accepted.status, accepted.text).toBe(200);
    expect(numbered(accepted.body)[2]).toBe('3 Confidence-building in the Aral Sea basin');
    expect(numbered(accepted.body)[3]).toBe('4 Reports');
    // Bad moves are refused and change nothing.
    const bad = await t.request('PATCH', `/api/meetings/${m.id}/agenda/items/${reports.id}`, { body: { parentId: reqId }, cookie: w.officer.cookie });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('meetings.agenda_too_deep');
    expect(numbered((await t.get(`/api/meetings/${m.id}/agenda`, { cookie: w.officer.cookie })).body)).toEqual(numbered(accepted.body));
  });
});

describe('from planned to record final', () => {
  it('runs the whole life of a meeting', async () => {
    const m = await newMeeting({ highLevel: true });
    const id = m.id;
    const item = async (title: string) =>
      (await t.post(`/api/meetings/${id}/agenda/items`, { title: { en: title, ru: title } }, { cookie: w.officer.cookie })).body.items.at(-1) as { id: string };
    const opening = await item('Opening of the meeting');
    const cbm = await item('Confidence-building measures');

    // Registration is not open before convening.
    const delegation = { delegates: [{ name: 'Aigerim Sadykova', function: 'head', title: 'Ambassador' }, { name: 'Nurlan Abenov', function: 'adviser' }] };
    expect((await t.request('PUT', `/api/meetings/${id}/registrations/KZ`, { body: delegation, cookie: w.kzFocal.cookie })).body.code).toBe('meetings.registration_closed');

    // Convening: notice in the forum's languages, notifications to invited focal points.
    const convened = await t.post(`/api/meetings/${id}/convene`, { registrationDeadline: '2026-03-01T18:00:00+05:00', documentsDeadline: '2026-02-20T18:00:00+05:00' }, { cookie: w.officer.cookie });
    expect(convened.status, convened.text).toBe(200);
    expect(convened.body.status).toBe('convened');
    expect(convened.body.notice.en).toContain(m.name.en);
    expect(m.name.en).toMatch(/^\d+(st|nd|rd|th) meeting of the Senior Officials Committee$/);
    expect(convened.body.notice.en).toContain('Astana, Kazakhstan');
    expect(convened.body.notice.en).toContain('1. Opening of the meeting');
    expect(convened.body.notice.ru).toContain('заседание');
    const mail = await t.db.selectFrom('outbox_mail').select(['subject', 'to_address', 'language', 'text']).where('kind', '=', 'meetings.convened').execute();
    const kzMail = mail.find((x) => x.to_address === w.kzFocal.user.email);
    expect(kzMail?.language).toBe('ru');
    expect(kzMail?.subject).toContain('Уведомление о созыве');
    expect(mail.some((x) => x.to_address === w.cnDelegate.user.email)).toBe(false);
    const inbox = await t.get('/api/notifications', { cookie: w.kzFocal.cookie });
    expect(JSON.stringify(inbox.body)).toContain('meetings.convened');

    // Accreditation: only KZ's own focal point registers KZ.
    for (const who of [w.kzDelegate, w.kzViewer, w.trFocal, w.officer, w.jpFocal]) {
      const r = await t.request('PUT', `/api/meetings/${id}/registrations/KZ`, { body: delegation, cookie: who.cookie });
      expect(r.status, r.text).toBe(403);
    }
    expect((await t.request('PUT', `/api/meetings/${id}/registrations/KZ`, { body: delegation })).status).toBe(401);
    expect(await count('meeting_registrations')).toBe(0);
    const twoHeads = await t.request('PUT', `/api/meetings/${id}/registrations/KZ`, { body: { delegates: [{ name: 'A', function: 'head' }, { name: 'B', function: 'head' }] }, cookie: w.kzFocal.cookie });
    expect(twoHeads.status).toBe(422);
    expect(twoHeads.body.code).toBe('meetings.one_head');
    const reg = await t.request('PUT', `/api/meetings/${id}/registrations/KZ`, { body: delegation, cookie: w.kzFocal.cookie });
    expect(reg.status, reg.text).toBe(200);
    expect(reg.body.status).toBe('submitted');
    // High-level: credentials needed before acceptance; only PDFs.
    const refused = await t.post(`/api/meetings/${id}/registrations/KZ/decision`, { accept: true }, { cookie: w.officer.cookie });
    expect(refused.body.code).toBe('meetings.credentials_required');
    const upload = async (name: string, bytes: Buffer, cookie: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)]), name);
      return fetch(`${t.url}/api/meetings/${id}/registrations/KZ/credentials`, { method: 'POST', body: form, headers: { cookie, origin: t.url, 'sec-fetch-site': 'same-origin' } });
    };
    const html = await upload('credentials.pdf', Buffer.from('<html><script>alert(1)</script></html>'), w.kzFocal.cookie);
    expect(html.status).toBe(422);
    expect(((await upload('credentials.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'), w.trFocal.cookie)) as Response).status).toBe(403);
    const pdf = await upload('credentials.pdf', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n'), w.kzFocal.cookie);
    expect(pdf.status, await pdf.clone().text()).toBe(200);
    expect((await pdf.json()).credentials.fileName).toBe('credentials.pdf');
    const dl = await t.get(`/api/meetings/${id}/registrations/KZ/credentials`, { cookie: w.officer.cookie });
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('application/pdf');
    expect((await t.get(`/api/meetings/${id}/registrations/KZ/credentials`, { cookie: w.cnDelegate.cookie })).status).toBe(403);
    // TR registers too; the Secretariat returns TR's and accepts KZ's.
    await t.request('PUT', `/api/meetings/${id}/registrations/TR`, { body: { delegates: [{ name: 'Zeynep Kaya', function: 'head' }] }, cookie: w.trFocal.cookie });
    expect((await t.post(`/api/meetings/${id}/registrations/TR/decision`, { accept: false }, { cookie: w.officer.cookie })).status).toBe(400);
    expect((await t.post(`/api/meetings/${id}/registrations/TR/decision`, { accept: false, reason: 'Credentials missing' }, { cookie: w.officer.cookie })).body.status).toBe('returned');
    expect((await t.post(`/api/meetings/${id}/registrations/KZ/decision`, { accept: true }, { cookie: w.kzFocal.cookie })).status).toBe(403);
    expect((await t.post(`/api/meetings/${id}/registrations/KZ/decision`, { accept: true }, { cookie: w.officer.cookie })).body.status).toBe('accepted');
    const list = await t.get(`/api/meetings/${id}/participants`, { cookie: w.cnDelegate.cookie });
    expect(list.status).toBe(200);
    expect(list.body.groups[0].parties.map((p: { code: string }) => p.code)).toEqual(['KZ']);
    expect(list.body.groups[0].parties[0].delegates[0]).toEqual({ name: 'Aigerim Sadykova', function: 'head', title: 'Ambassador' });
    expect((await t.get(`/api/meetings/${id}/registrations`, { cookie: w.trFocal.cookie })).body.items.map((r: { party: { code: string } }) => r.party.code)).toEqual(['TR']);
    expect((await t.get(`/api/meetings/${id}/registrations`, { cookie: w.officer.cookie })).body.items).toHaveLength(2);

    // In session: the Chair (AZ) opens, adopts the agenda, takes up an item.
    expect((await t.post(`/api/meetings/${id}/status`, { to: 'in-session' }, { cookie: w.kzFocal.cookie })).status).toBe(403);
    expect((await t.post(`/api/meetings/${id}/status`, { to: 'closed' }, { cookie: w.azFocal.cookie })).body.code).toBe('meetings.bad_transition');
    expect((await t.post(`/api/meetings/${id}/status`, { to: 'in-session' }, { cookie: w.azFocal.cookie })).body.status).toBe('in-session');
    const adopted = await t.post(`/api/meetings/${id}/agenda/adopt`, {}, { cookie: w.azFocal.cookie });
    expect(adopted.status, adopted.text).toBe(200);
    expect(adopted.body.status).toBe('adopted');
    expect((await t.post(`/api/meetings/${id}/agenda/items`, { title: { en: 'Late' } }, { cookie: w.officer.cookie })).body.code).toBe('meetings.agenda_adopted');
    expect((await t.post(`/api/meetings/${id}/live/item`, { itemId: opening.id }, { cookie: w.azFocal.cookie })).status).toBe(200);
    const st = await t.post(`/api/meetings/${id}/statements`, { itemId: cbm.id, language: 'en', text: 'Kazakhstan welcomes the new CBM catalogue.' }, { cookie: w.kzDelegate.cookie });
    expect(st.status, st.text).toBe(201);
    expect((await t.post(`/api/meetings/${id}/statements`, { itemId: cbm.id, language: 'en', text: 'x' }, { cookie: w.kzViewer.cookie })).status).toBe(403);
    const agenda = await t.get(`/api/meetings/${id}/agenda`, { cookie: w.cnDelegate.cookie });
    expect(agenda.body.items[1].statements[0].party).toBe('KZ');

    // The record: drafted, circulated after closing, corrected before the deadline, then final.
    expect((await t.post(`/api/meetings/${id}/record/circulate`, { correctionsDeadline: '2026-04-01T00:00:00Z' }, { cookie: w.officer.cookie })).body.code).toBe('meetings.not_closed');
    const drafted = await t.request('PUT', `/api/meetings/${id}/record/items/${cbm.id}`, { body: { language: 'en', text: 'The Committee discussed the CBM catalogue.' }, cookie: w.officer.cookie });
    expect(drafted.status, drafted.text).toBe(200);
    expect((await t.request('PUT', `/api/meetings/${id}/record/items/${cbm.id}`, { body: { language: 'en', text: 'x' }, cookie: w.kzFocal.cookie })).status).toBe(403);
    expect((await t.post(`/api/meetings/${id}/status`, { to: 'closed' }, { cookie: w.azFocal.cookie })).body.status).toBe('closed');
    clock.set('2026-03-12T09:00:00Z');
    await w.renew();
    const circ = await t.post(`/api/meetings/${id}/record/circulate`, { correctionsDeadline: '2026-03-20T18:00:00+05:00' }, { cookie: w.officer.cookie });
    expect(circ.status, circ.text).toBe(200);
    expect(circ.body.status).toBe('circulated');
    expect(circ.body.canCorrect).toBe(false); // the Secretariat does not correct its own record
    const kzRecord = await t.get(`/api/meetings/${id}/record`, { cookie: w.kzFocal.cookie });
    expect(kzRecord.body.canCorrect).toBe(true);
    const corr = await t.post(`/api/meetings/${id}/record/corrections`, { itemId: cbm.id, text: 'Add: "and the Aral Sea initiative".' }, { cookie: w.kzFocal.cookie });
    expect(corr.status, corr.text).toBe(201);
    expect((await t.post(`/api/meetings/${id}/record/corrections`, { itemId: cbm.id, text: 'x' }, { cookie: w.jpFocal.cookie })).status).toBe(201);
    expect((await t.post(`/api/meetings/${id}/record/finalize`, {}, { cookie: w.officer.cookie })).body.code).toBe('meetings.corrections_open');
    clock.set('2026-03-21T09:00:00Z');
    await w.renew();
    expect((await t.post(`/api/meetings/${id}/record/corrections`, { itemId: cbm.id, text: 'Too late' }, { cookie: w.kzFocal.cookie })).body.code).toBe('meetings.corrections_closed');
    expect((await t.post(`/api/meetings/${id}/record/finalize`, {}, { cookie: w.officer.cookie })).body.code).toBe('meetings.corrections_pending');
    const all = await t.get(`/api/meetings/${id}/record`, { cookie: w.officer.cookie });
    expect(all.body.corrections).toHaveLength(2);
    for (const c of all.body.corrections) {
      const d = await t.post(`/api/meetings/${id}/record/corrections/${c.id}/decision`, { accept: c.party === 'KZ' }, { cookie: w.officer.cookie });
      expect(d.status, d.text).toBe(200);
    }
    await t.request('PUT', `/api/meetings/${id}/record/items/${cbm.id}`, { body: { language: 'en', text: 'The Committee discussed the CBM catalogue and the Aral Sea initiative.' }, cookie: w.officer.cookie });
    const final = await t.post(`/api/meetings/${id}/record/finalize`, {}, { cookie: w.officer.cookie });
    expect(final.status, final.text).toBe(200);
    expect(final.body.status).toBe('final');
    expect((await t.get(`/api/meetings/${id}`, { cookie: w.kzFocal.cookie })).body.status).toBe('record-final');
    expect((await t.request('PUT', `/api/meetings/${id}/record/items/${cbm.id}`, { body: { language: 'en', text: 'x' }, cookie: w.officer.cookie })).body.code).toBe('meetings.record_final');

    // Every change is in the audit trail.
    const actions = (await t.db.selectFrom('audit_events').select('action').where('action', 'like', 'meetings.%').execute()).map((a) => a.action);
    for (const a of ['meetings.create', 'meetings.agenda.add', 'meetings.convene', 'meetings.register', 'meetings.credentials', 'meetings.registration.accept', 'meetings.registration.return', 'meetings.open', 'meetings.agenda.adopt', 'meetings.live.item', 'meetings.statement', 'meetings.record.draft', 'meetings.close', 'meetings.record.circulate', 'meetings.record.correct', 'meetings.record.decide', 'meetings.record.finalize']) {
      expect(actions, a).toContain(a);
    }
    clock.set('2026-01-15T09:00:00Z');
    await w.renew();
  }, 120_000);
});

describe('the speakers list', () => {
  it('puts a point of order first and a right of reply after the speaker it answers, before the next regular speaker', async () => {
    const m = await newMeeting();
    const id = m.id;
    const items = await t.post(`/api/meetings/${id}/agenda/items`, { title: { en: 'General debate' } }, { cookie: w.officer.cookie });
    const itemId = items.body.items[0].id;
    const conv = await t.post(`/api/meetings/${id}/convene`, { registrationDeadline: '2026-03-01T18:00:00+05:00', documentsDeadline: '2026-02-20T18:00:00+05:00' }, { cookie: w.officer.cookie });
    expect(conv.status, conv.text).toBe(200);
    expect((await t.post(`/api/meetings/${id}/speakers`, { kind: 'regular' }, { cookie: w.kzDelegate.cookie })).body.code).toBe('meetings.not_live');
    const opened = await t.post(`/api/meetings/${id}/status`, { to: 'in-session' }, { cookie: w.azFocal.cookie });
    expect(opened.status, opened.text).toBe(200);
    expect((await t.post(`/api/meetings/${id}/speakers`, { kind: 'regular' }, { cookie: w.kzDelegate.cookie })).body.code).toBe('meetings.no_current_item');
    await t.post(`/api/meetings/${id}/live/item`, { itemId }, { cookie: w.azFocal.cookie });

    const ask = (cookie: string, body: Record<string, unknown>) => t.post(`/api/meetings/${id}/speakers`, body, { cookie });
    expect((await ask(w.kzDelegate.cookie, { kind: 'regular' })).status).toBe(201);
    expect((await ask(w.trFocal.cookie, { kind: 'regular' })).status).toBe(201);
    expect((await ask(w.kzFocal.cookie, { kind: 'regular' })).body.code).toBe('meetings.already_waiting');
    expect((await ask(w.kzViewer.cookie, { kind: 'regular' })).status).toBe(403);
    expect((await ask(w.officer.cookie, { kind: 'regular' })).status).toBe(403);
    expect((await ask(w.jpFocal.cookie, { kind: 'regular' })).status).toBe(201); // an invited observer may speak
    // The Chair gives the floor to Kazakhstan.
    const given = await t.post(`/api/meetings/${id}/speakers/next`, {}, { cookie: w.azFocal.cookie });
    expect(given.status, given.text).toBe(200);
    expect(given.body.speaking.party.code).toBe('KZ');
    expect(given.body.speaking.endsAt).toBe(new Date(clock.now().getTime() + 300_000).toISOString());
    const kzSpeech = given.body.speaking.id;
    expect((await t.post(`/api/meetings/${id}/speakers/next`, {}, { cookie: w.kzFocal.cookie })).status).toBe(403);
    // China asks to reply to Kazakhstan; Türkiye raises a point of order.
    expect((await ask(w.cnDelegate.cookie, { kind: 'reply', repliesTo: kzSpeech })).status).toBe(201);
    const queue = await ask(w.trFocal.cookie, { kind: 'point-of-order' });
    expect(queue.body.queue.map((s: { party: { code: string }; kind: string }) => `${s.party.code}:${s.kind}`)).toEqual(['TR:point-of-order', 'CN:reply', 'TR:regular', 'JP:regular']);
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      clock.advance(60_000);
      const r = await t.post(`/api/meetings/${id}/speakers/next`, {}, { cookie: w.azFocal.cookie });
      order.push(`${r.body.speaking.party.code}:${r.body.speaking.kind}`);
    }
    expect(order).toEqual(['TR:point-of-order', 'CN:reply', 'TR:regular', 'JP:regular']);
    clock.advance(60_000);
    const end = await t.post(`/api/meetings/${id}/speakers/end`, {}, { cookie: w.azFocal.cookie });
    expect(end.body.speaking).toBeNull();
    expect(end.body.spoken.map((s: { party: { code: string } }) => s.party.code)).toEqual(['KZ', 'TR', 'CN', 'TR', 'JP']);
    expect(end.body.spokenCount).toBe(5);
    // A delegation may withdraw its own request; not another's.
    const again = await ask(w.kzDelegate.cookie, { kind: 'regular' });
    const mine = again.body.queue[0].id;
    expect((await t.post(`/api/meetings/${id}/speakers/${mine}/withdraw`, {}, { cookie: w.trFocal.cookie })).status).toBe(403);
    expect((await t.post(`/api/meetings/${id}/speakers/${mine}/withdraw`, {}, { cookie: w.kzDelegate.cookie })).body.queue).toHaveLength(0);
    // The live view, for anyone who sees the meeting.
    const liveView = await t.get(`/api/meetings/${id}/live`, { cookie: w.cnDelegate.cookie });
    expect(liveView.body.currentItem.number).toBe('1');
    expect(liveView.body.eventSeq).toBeGreaterThan(5);
    clock.set('2026-01-15T09:00:00Z');
    await w.renew();
  });
});

describe('the personal calendar', () => {
  it('has the meeting and its deadlines at the right instants, parsed with ical.js', async () => {
    const m = await newMeeting({ members: ['KZ', 'AZ'], observers: [] });
    const conv = await t.post(`/api/meetings/${m.id}/convene`, { registrationDeadline: '2026-03-01T18:00:00+05:00', documentsDeadline: '2026-02-20T18:00:00+05:00' }, { cookie: w.officer.cookie });
    expect(conv.status, conv.text).toBe(200);
    const feed = await t.get('/api/calendar.ics', { cookie: w.kzFocal.cookie });
    const comp = new ICAL.Component(ICAL.parse(feed.text));
    for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
    const events = new Map(comp.getAllSubcomponents('vevent').map((v) => [String(v.getFirstPropertyValue('uid')), new ICAL.Event(v)]));
    const meeting = events.get(`meeting-${m.id}@concord`)!;
    expect(meeting.startDate.toJSDate().toISOString()).toBe('2026-03-10T05:00:00.000Z');
    expect(meeting.endDate.toJSDate().toISOString()).toBe('2026-03-11T13:00:00.000Z');
    expect(meeting.summary).toBe(m.name.ru ?? m.name.en);
    expect(events.get(`meeting-${m.id}-registration@concord`)!.startDate.toJSDate().toISOString()).toBe('2026-03-01T13:00:00.000Z');
    expect(events.get(`meeting-${m.id}-documents@concord`)!.startDate.toJSDate().toISOString()).toBe('2026-02-20T13:00:00.000Z');
    // China is not invited: not in its calendar, though it may see the meeting.
    expect((await t.get('/api/calendar.ics', { cookie: w.cnDelegate.cookie })).text).not.toContain(m.id);
  });
});

describe('calendar-feed token', () => {
  it('reads the calendar only, is revocable, and dies with a suspension', async () => {
    expect((await t.get('/api/calendar.ics')).status).toBe(401);
    const created = await t.post('/api/calendar/token', {}, { cookie: w.kzDelegate.cookie });
    expect(created.status, created.text).toBe(201);
    const { token, url } = created.body;
    expect(url).toContain('/api/calendar.ics?token=');
    const feed = await t.get(`/api/calendar.ics?token=${token}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    expect(feed.text).toContain('BEGIN:VCALENDAR');
    // The token is not an API token: no other route takes it.
    expect((await t.get('/api/meetings', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await t.get(`/api/meetings?token=${token}`)).body.items.every((m: { can: { askFloor: boolean } }) => !m.can.askFloor)).toBe(true);
    expect((await t.get('/api/calendar/token', { cookie: w.kzDelegate.cookie })).body.active).toBe(true);
    // Replaced: the old link stops working.
    const second = await t.post('/api/calendar/token', {}, { cookie: w.kzDelegate.cookie });
    expect((await t.get(`/api/calendar.ics?token=${token}`)).status).toBe(401);
    expect((await t.get(`/api/calendar.ics?token=${second.body.token}`)).status).toBe(200);
    // Revoked.
    expect((await t.request('DELETE', '/api/calendar/token', { cookie: w.kzDelegate.cookie })).body.revoked).toBe(1);
    expect((await t.get(`/api/calendar.ics?token=${second.body.token}`)).status).toBe(401);
    expect((await t.get('/api/calendar.ics?token=concord_cal_guess')).status).toBe(401);
    // Suspension: refused at once.
    const third = await t.post('/api/calendar/token', {}, { cookie: w.kzViewer.cookie });
    await t.db.updateTable('users').set({ status: 'suspended' }).where('id', '=', w.kzViewer.user.id).execute();
    expect((await t.get(`/api/calendar.ics?token=${third.body.token}`)).status).toBe(401);
    await t.db.updateTable('users').set({ status: 'active' }).where('id', '=', w.kzViewer.user.id).execute();
    // No token in the audit or the logs: the audit keeps only the token row's id.
    const audit = await t.db.selectFrom('audit_events').select(['after']).where('action', 'like', 'meetings.calendar_token.%').execute();
    expect(JSON.stringify(audit)).not.toContain('concord_cal_');
  });
});
