import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock.ts';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { asRole } from '../../../test/helpers/auth.ts';
import { type MeetingsWorld, meetingsWorld, socMeeting } from '../../../test/helpers/meetings.ts';

/**
 * What the web pages of a meeting rely on beyond the original API: the Chair of the meeting draws up
 * the provisional agenda with the Secretariat, and the forum's profile says in which language's
 * alphabetical order the list of participants runs (`participantsOrder`).
 */
let t: TestApp;
let w: MeetingsWorld;
let admin: { cookie: string };
let cnFocal: { cookie: string };
let inFocal: { cookie: string };

beforeAll(async () => {
  t = await testApp({ clock: new ManualClock('2026-01-15T09:00:00Z') });
  w = await meetingsWorld(t);
  admin = await asRole(t, 'SEC', 'admin');
  cnFocal = await asRole(t, 'CN', 'focal-point');
  inFocal = await asRole(t, 'IN', 'focal-point');
});
afterAll(() => t?.close());

const items = async () => Number((await t.db.selectFrom('agenda_items').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const numbered = (body: { items: Array<{ number: string; title: { en: string } }> }) => body.items.map((i) => `${i.number} ${i.title.en}`);

async function newMeeting(extra: Record<string, unknown> = {}) {
  const r = await t.post('/api/meetings', socMeeting({ ordinal: undefined, ...extra }), { cookie: w.officer.cookie });
  expect(r.status, r.text).toBe(201);
  return r.body as { id: string; can: { chair: boolean } };
}

describe('the Chair draws up the provisional agenda', () => {
  it('adds items and sub-items, reorders and removes them, with the numbers kept right', async () => {
    const m = await newMeeting();
    const add = (title: Record<string, string>, extra: Record<string, unknown> = {}) => t.post(`/api/meetings/${m.id}/agenda/items`, { title, ...extra }, { cookie: w.azFocal.cookie });
    expect((await t.get(`/api/meetings/${m.id}`, { cookie: w.azFocal.cookie })).body.can.chair).toBe(true);
    const first = await add({ en: 'Opening of the meeting', ru: 'Открытие заседания', ar: 'افتتاح الاجتماع' });
    expect(first.status, first.text).toBe(201);
    expect(first.body.items[0].title.ar).toBe('افتتاح الاجتماع');
    await add({ en: 'Adoption of the agenda' });
    const reports = (await add({ en: 'Reports' })).body.items.at(-1);
    await add({ en: 'Report of the Secretariat' }, { parentId: reports.id });
    const last = await add({ en: 'Closing' });
    expect(numbered(last.body)).toEqual(['1 Opening of the meeting', '2 Adoption of the agenda', '3 Reports', '3.1 Report of the Secretariat', '4 Closing']);
    // Move "Reports" up one place: it becomes item 2 and its sub-item follows it.
    const moved = await t.request('PATCH', `/api/meetings/${m.id}/agenda/items/${reports.id}`, { body: { index: 1 }, cookie: w.azFocal.cookie });
    expect(moved.status, moved.text).toBe(200);
    expect(numbered(moved.body)).toEqual(['1 Opening of the meeting', '2 Reports', '2.1 Report of the Secretariat', '3 Adoption of the agenda', '4 Closing']);
    const opening = moved.body.items[0];
    const renamed = await t.request('PATCH', `/api/meetings/${m.id}/agenda/items/${opening.id}`, { body: { title: { en: 'Opening', fa: 'افتتاح' } }, cookie: w.azFocal.cookie });
    expect(renamed.body.items[0].title).toEqual({ en: 'Opening', fa: 'افتتاح' });
    const del = await t.request('DELETE', `/api/meetings/${m.id}/agenda/items/${opening.id}`, { cookie: w.azFocal.cookie });
    expect(del.status, del.text).toBe(200);
    expect(numbered(del.body)).toEqual(['1 Reports', '1.1 Report of the Secretariat', '2 Adoption of the agenda', '3 Closing']);
    // The changes are audited with the Chair as the actor.
    const audit = await t.db.selectFrom('audit_events').select(['action']).where('object_type', '=', 'agenda_item').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['meetings.agenda.add', 'meetings.agenda.update', 'meetings.agenda.delete']));
  });

  it('refuses everyone else, storing nothing', async () => {
    const m = await newMeeting();
    const listed = (await t.post(`/api/meetings/${m.id}/agenda/items`, { title: { en: 'Opening' } }, { cookie: w.officer.cookie })).body.items[0];
    const before = await items();
    expect((await t.post(`/api/meetings/${m.id}/agenda/items`, { title: { en: 'x' } })).status).toBe(401);
    // Another party's focal point, a delegate, an observer's focal point.
    for (const who of [w.kzFocal, w.cnDelegate, w.jpFocal]) {
      const add = await t.post(`/api/meetings/${m.id}/agenda/items`, { title: { en: 'x' } }, { cookie: who.cookie });
      expect(add.status, add.text).toBe(403);
      expect((await t.request('PATCH', `/api/meetings/${m.id}/agenda/items/${listed.id}`, { body: { index: 0, title: { en: 'Hijacked' } }, cookie: who.cookie })).status).toBe(403);
      expect((await t.request('DELETE', `/api/meetings/${m.id}/agenda/items/${listed.id}`, { cookie: who.cookie })).status).toBe(403);
    }
    expect(await items()).toBe(before);
    expect((await t.get(`/api/meetings/${m.id}/agenda`, { cookie: w.officer.cookie })).body.items[0].title).toEqual({ en: 'Opening' });
    // The Chair of another meeting is not the Chair of this one.
    const other = await newMeeting({ presidingParty: 'KZ' });
    expect((await t.post(`/api/meetings/${other.id}/agenda/items`, { title: { en: 'x' } }, { cookie: w.azFocal.cookie })).status).toBe(403);
    expect(await items()).toBe(before);
  });

  it('rejects bad input with 400 naming the field, storing nothing', async () => {
    const m = await newMeeting();
    const before = await items();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: {} }, 'title'],
      [{ title: { en: '' } }, 'title'],
      [{ title: { 'not a language': 'x' } }, 'title'],
      [{ title: { en: 'x' }, parentId: 'nope' }, 'parentId'],
      [{ title: { en: 'x' }, index: -1 }, 'index'],
      [{ title: { en: 'x' }, documentIds: ['nope'] }, 'documentIds'],
    ];
    for (const [body, field] of cases) {
      const r = await t.post(`/api/meetings/${m.id}/agenda/items`, body, { cookie: w.azFocal.cookie });
      expect(r.status, r.text).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(r.body.errors ?? []), r.text).toContain(field);
    }
    expect(await items()).toBe(before);
  });
});

describe('the order of the list of participants is part of the forum profile', () => {
  it('is set by a Secretariat admin, validated, and used by the list', async () => {
    const profile = (await t.get('/api/profile')).body as Record<string, unknown> & { officialLanguages: string[] };
    expect(profile.participantsOrder).toBeUndefined();
    // Refused: anonymous, an officer, a delegation.
    expect((await t.request('PUT', '/api/profile', { body: { ...profile, participantsOrder: 'ru' } })).status).toBe(401);
    for (const who of [w.officer, w.kzFocal, w.jpFocal]) expect((await t.request('PUT', '/api/profile', { body: { ...profile, participantsOrder: 'ru' }, cookie: who.cookie })).status).toBe(403);
    // Bad input: not a language code, or not one of the forum's languages.
    for (const bad of ['Russian', 'fr', 42]) {
      const r = await t.request('PUT', '/api/profile', { body: { ...profile, participantsOrder: bad }, cookie: admin.cookie });
      expect(r.status, r.text).toBe(400);
      expect(JSON.stringify(r.body.errors), r.text).toContain('participantsOrder');
    }
    expect((await t.get('/api/profile')).body.participantsOrder).toBeUndefined();

    // Four delegations registered and accepted; names in English and Russian sort differently.
    const names: Record<string, { en: string; ru: string }> = {
      AZ: { en: 'Azerbaijan', ru: 'Азербайджан' },
      CN: { en: 'China', ru: 'Китай' },
      IN: { en: 'India', ru: 'Индия' },
      KZ: { en: 'Kazakhstan', ru: 'Казахстан' },
    };
    for (const [code, n] of Object.entries(names)) await t.db.updateTable('parties').set({ names: JSON.stringify(n) }).where('code', '=', code).execute();
    const m = await newMeeting({ members: ['AZ', 'CN', 'IN', 'KZ'], observers: [] });
    const conv = await t.post(`/api/meetings/${m.id}/convene`, { registrationDeadline: '2026-03-01T18:00:00+05:00', documentsDeadline: '2026-02-20T18:00:00+05:00' }, { cookie: w.officer.cookie });
    expect(conv.status, conv.text).toBe(200);
    for (const [code, who] of [['AZ', w.azFocal], ['CN', cnFocal], ['IN', inFocal], ['KZ', w.kzFocal]] as const) {
      const r = await t.request('PUT', `/api/meetings/${m.id}/registrations/${code}`, { body: { delegates: [{ name: `Head of ${code}`, function: 'head' }] }, cookie: who.cookie });
      expect(r.status, r.text).toBe(200);
      expect((await t.post(`/api/meetings/${m.id}/registrations/${code}/decision`, { accept: true }, { cookie: w.officer.cookie })).status).toBe(200);
    }
    const order = async (q = '') => {
      const r = await t.get(`/api/meetings/${m.id}/participants${q}`, { cookie: w.kzFocal.cookie });
      expect(r.status, r.text).toBe(200);
      return { order: r.body.order as string, codes: r.body.groups[0].parties.map((p: { code: string }) => p.code) as string[] };
    };
    expect(await order()).toEqual({ order: 'en', codes: ['AZ', 'CN', 'IN', 'KZ'] });

    const saved = await t.request('PUT', '/api/profile', { body: { ...profile, participantsOrder: 'ru' }, cookie: admin.cookie });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.participantsOrder).toBe('ru');
    expect((await t.get('/api/profile')).body.participantsOrder).toBe('ru');
    expect(await order()).toEqual({ order: 'ru', codes: ['AZ', 'IN', 'KZ', 'CN'] });
    expect(await order('?order=en')).toEqual({ order: 'en', codes: ['AZ', 'CN', 'IN', 'KZ'] });
    const audit = await t.db.selectFrom('audit_events').select(['after']).where('action', '=', 'profile.update').execute();
    expect(JSON.stringify(audit.at(-1)?.after)).toContain('"participantsOrder":"ru"');
  });
});
