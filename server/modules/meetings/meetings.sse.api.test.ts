import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type MeetingsWorld, meetingsWorld, socMeeting } from '../../../test/helpers/meetings.ts';
import { openSse } from '../../../test/helpers/sse.ts';
import * as repo from './meetings.repository.ts';

let t: TestApp;
let w: MeetingsWorld;
let id: string;
let itemId: string;

beforeAll(async () => {
  t = await testApp();
  w = await meetingsWorld(t);
  const m = await t.post('/api/meetings', socMeeting({ ordinal: 1 }), { cookie: w.officer.cookie });
  id = m.body.id;
  const a = await t.post(`/api/meetings/${id}/agenda/items`, { title: { en: 'General debate' } }, { cookie: w.officer.cookie });
  itemId = a.body.items[0].id;
  await t.post(`/api/meetings/${id}/convene`, { registrationDeadline: '2026-03-01T18:00:00+05:00', documentsDeadline: '2026-02-20T18:00:00+05:00' }, { cookie: w.officer.cookie });
  await t.post(`/api/meetings/${id}/status`, { to: 'in-session' }, { cookie: w.azFocal.cookie });
  await t.post(`/api/meetings/${id}/live/item`, { itemId }, { cookie: w.azFocal.cookie });
});
afterAll(() => t?.close());

const sse = (cookie?: string, headers: Record<string, string> = {}) => openSse(`${t.url}/api/meetings/${id}/events`, { ...(cookie ? { cookie } : {}), ...headers });
const asks = [() => w.kzDelegate, () => w.trFocal, () => w.cnDelegate, () => w.jpFocal];

describe('live events (SSE)', () => {
  it('streams every change with ids, once per change', async () => {
    const c = await sse(w.cnDelegate.cookie);
    expect(c.status).toBe(200);
    const r = await t.post(`/api/meetings/${id}/speakers`, { kind: 'regular' }, { cookie: w.kzDelegate.cookie });
    expect(r.status).toBe(201);
    const [e] = await c.waitFor(1);
    expect(e!.event).toBe('live');
    const data = JSON.parse(e!.data);
    expect(data.seq).toBe(e!.id);
    expect(data.live.queue.map((q: { party: { code: string } }) => q.party.code)).toEqual(['KZ']);
    c.close();
  });

  it('a client that drops and reconnects with Last-Event-ID misses nothing, even past the ring buffer', async () => {
    const keep = await sse(w.officer.cookie); // keeps the channel (and its ring buffer) alive
    const a = await sse(w.cnDelegate.cookie);
    await t.post(`/api/meetings/${id}/speakers/next`, {}, { cookie: w.azFocal.cookie });
    const [first] = await a.waitFor(1);
    a.close();
    // While it is away: real changes by several people, and more events than the ring buffer keeps (512),
    // written as the services write them (numbered under the meeting's lock), then one more real change.
    for (let i = 0; i < 8; i++) {
      const who = asks[i % asks.length]!();
      expect((await t.post(`/api/meetings/${id}/speakers`, { kind: 'point-of-order' }, { cookie: who.cookie })).status).toBe(201);
      expect((await t.post(`/api/meetings/${id}/speakers/next`, {}, { cookie: w.azFocal.cookie })).status).toBe(200);
    }
    await t.db.transaction().execute(async (trx) => {
      await repo.lockMeeting(trx, id);
      for (let i = 0; i < 600; i++) await repo.appendEvent(trx, id, t.clock.now(), 'record', { change: 'bulk', i });
    });
    expect((await t.post(`/api/meetings/${id}/speakers/end`, {}, { cookie: w.azFocal.cookie })).status).toBe(200);
    const last = (await t.get(`/api/meetings/${id}/live`, { cookie: w.cnDelegate.cookie })).body.eventSeq as number;
    const expected: number[] = [];
    for (let s = first!.id! + 1; s <= last; s++) expected.push(s);
    expect(expected.length).toBe(8 * 2 + 600 + 1);
    await keep.waitFor(1 + expected.length);
    const b = await sse(w.cnDelegate.cookie, { 'last-event-id': String(first!.id) });
    const got = await b.waitFor(expected.length);
    expect(got.map((e) => e.id)).toEqual(expected);
    // And then it keeps receiving live, in order, without duplicates.
    await t.post(`/api/meetings/${id}/speakers`, { kind: 'regular' }, { cookie: w.kzDelegate.cookie });
    const more = await b.waitFor(expected.length + 1);
    expect(more.at(-1)!.id).toBe(last + 1);
    expect(new Set(more.map((e) => e.id)).size).toBe(more.length);
    // A client with no Last-Event-ID starts from now.
    const fresh = await sse(w.kzDelegate.cookie);
    await t.post(`/api/meetings/${id}/speakers`, { kind: 'regular' }, { cookie: w.trFocal.cookie });
    const [only] = await fresh.waitFor(1);
    expect(only!.id).toBe(last + 2);
    for (const c of [b, keep, fresh]) c.close();
  }, 60_000);

  it('resumes from the ring buffer when it reaches back far enough', async () => {
    const keep = await sse(w.officer.cookie); // keeps the channel and its ring alive
    const a = await sse(w.kzDelegate.cookie);
    expect((await t.post(`/api/meetings/${id}/speakers`, { kind: 'point-of-order' }, { cookie: w.trFocal.cookie })).status).toBe(201);
    const [e1] = await a.waitFor(1);
    a.close();
    expect((await t.post(`/api/meetings/${id}/speakers`, { kind: 'regular' }, { cookie: w.cnDelegate.cookie })).status).toBe(201);
    expect((await t.post(`/api/meetings/${id}/speakers/next`, {}, { cookie: w.azFocal.cookie })).status).toBe(200);
    await keep.waitFor(3);
    const b = await sse(w.kzDelegate.cookie, { 'last-event-id': String(e1!.id) });
    const got = await b.waitFor(2);
    expect(got.map((e) => e.id)).toEqual([e1!.id! + 1, e1!.id! + 2]);
    b.close();
    keep.close();
  });

  it('checks access at connect, and closes the stream at once when the person is suspended', async () => {
    const closed = (await t.post('/api/meetings', socMeeting({ ordinal: 2, closed: true, members: ['KZ'], observers: [] }), { cookie: w.officer.cookie })).body.id;
    const refused = await openSse(`${t.url}/api/meetings/${closed}/events`, { cookie: w.cnDelegate.cookie });
    expect(refused.status).toBe(404);
    expect((await openSse(`${t.url}/api/meetings/${closed}/events`)).status).toBe(404);
    // An admin suspends the Chinese delegate: the open stream ends at once.
    const admin = await import('../../../test/helpers/auth.ts').then((h) => h.asRole(t, 'SEC', 'admin'));
    const c = await sse(w.cnDelegate.cookie);
    expect(c.status).toBe(200);
    const started = Date.now();
    const r = await t.request('PATCH', `/api/users/${w.cnDelegate.user.id}`, { body: { status: 'suspended' }, cookie: admin.cookie });
    expect(r.status, r.text).toBe(200);
    await c.closed;
    expect(Date.now() - started).toBeLessThan(5000);
    // The suspended person's cookie no longer signs anyone in: the members' meeting is hidden again.
    expect((await sse(w.cnDelegate.cookie)).status).toBe(404);
  });

  it('closes the streams of people who lose sight of the meeting', async () => {
    const closed = (await t.post('/api/meetings', socMeeting({ ordinal: 3, closed: true, members: ['KZ'], observers: ['JP'] }), { cookie: w.officer.cookie })).body.id;
    const jp = await openSse(`${t.url}/api/meetings/${closed}/events`, { cookie: w.jpFocal.cookie });
    const kz = await openSse(`${t.url}/api/meetings/${closed}/events`, { cookie: w.kzFocal.cookie });
    expect(jp.status).toBe(200);
    const r = await t.request('PATCH', `/api/meetings/${closed}`, { body: { observers: [] }, cookie: w.officer.cookie });
    expect(r.status, r.text).toBe(200);
    await jp.closed;
    // Kazakhstan, still invited, stays connected and hears of the change.
    const [e] = await kz.waitFor(1);
    expect(e!.event).toBe('meeting');
    kz.close();
  });
});
