import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { asRole, signIn, systemCtx, type TestUser } from '../../../test/helpers/auth.ts';
import { annualData, exerciseData, seedExchange } from '../../../test/helpers/exchange.ts';
import { ManualClock } from '../../shared/clock.ts';
import type { Actor } from '../../shared/context.ts';
import { getProfile, saveProfile } from '../profile/profile.service.ts';
import { exchangeDeadlinesFor } from './exchange.deadlines.ts';

/**
 * The deadlines view over HTTP, computed from the due rules on the clock in the forum's time zone:
 * Kazakhstan files the 2026 annual information one second before midnight in Astana (on time),
 * Kyrgyzstan at midnight (late, though still 15 April in UTC), China declares nothing on time,
 * Uzbekistan files nothing (overdue). The Secretariat sees everyone, a party itself only.
 */
let t: TestApp;
const clock = new ManualClock('2026-04-15T12:00:00Z');
const u: Record<string, { cookie: string; user: TestUser }> = {};

const as = async (key: string) => {
  u[key].cookie = await signIn(t, u[key].user.email, u[key].user.password);
  return u[key].cookie;
};
const actorOf = (user: TestUser): Actor => ({
  kind: 'user',
  userId: user.id,
  partyId: user.partyId,
  partyCode: user.partyCode,
  partyKind: user.partyKind,
  role: user.role,
  mfa: false,
  sessionId: null,
  tokenScopes: null,
});

beforeAll(async () => {
  t = await testApp({ clock });
  await seedExchange(t);
  for (const [key, party, role] of [
    ['sec', 'SEC', 'officer'],
    ['kz', 'KZ', 'focal-point'],
    ['kzViewer', 'KZ', 'viewer'],
    ['kg', 'KG', 'focal-point'],
    ['uz', 'UZ', 'focal-point'],
    ['cn', 'CN', 'focal-point'],
    ['jp', 'JP', 'focal-point'],
  ] as const) {
    u[key] = await asRole(t, party, role);
  }
  const annual = { form: 'annual-forces-budget', year: 2026, visibility: 'members', submit: true };
  clock.set('2026-04-15T18:59:59Z'); // 23:59:59 on 15 April in Astana (UTC+5)
  expect((await t.post('/api/exchange/submissions', { ...annual, data: annualData() }, { cookie: await as('kz') })).status).toBe(201);
  expect((await t.post('/api/exchange/submissions', { ...annual, kind: 'nothing-to-declare' }, { cookie: await as('cn') })).status).toBe(201);
  clock.set('2026-04-15T19:00:00Z'); // 00:00 on 16 April in Astana, still 15 April in UTC
  expect((await t.post('/api/exchange/submissions', { ...annual, data: annualData(9_000) }, { cookie: await as('kg') })).status).toBe(201);
  // A notice filed 30 days before its exercise (due 42 days before): late. A draft notice stays KZ's own.
  expect(
    (
      await t.post(
        '/api/exchange/submissions',
        { form: 'exercise-notice', visibility: 'members', recipients: ['UZ'], data: exerciseData('Late Notice', '2026-05-16', '2026-05-18'), submit: true },
        { cookie: await as('kz') },
      )
    ).status,
  ).toBe(201);
  expect((await t.post('/api/exchange/submissions', { form: 'exercise-notice', visibility: 'members', data: exerciseData('Draft Notice', '2026-09-01') }, { cookie: u.kz.cookie })).status).toBe(201);
  clock.set('2026-04-20T06:00:00Z');
  for (const k of Object.keys(u)) await as(k);
}, 120_000);
afterAll(() => t?.close());

type Row = { party: string; form: string; status: string; title: string | null; daysLeft: number | null; hasDraft: boolean; kind: string | null };
const find = (items: Row[], party: string, form: string, title: string | null = null) => items.find((i) => i.party === party && i.form === form && i.title === title);

describe('GET /api/exchange/deadlines', () => {
  it('shows the Secretariat every member state: on time, late, overdue, and not yet due', async () => {
    const r = await t.get('/api/exchange/deadlines?year=2026', { cookie: u.sec.cookie });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ year: 2026, timeZone: 'Asia/Almaty', now: '2026-04-20T06:00:00.000Z' });
    const items: Row[] = r.body.items;
    expect(find(items, 'KZ', 'annual-forces-budget')).toMatchObject({ status: 'submitted-on-time', kind: 'data', daysLeft: null });
    expect(find(items, 'CN', 'annual-forces-budget')).toMatchObject({ status: 'submitted-on-time', kind: 'nothing-to-declare' });
    expect(find(items, 'KG', 'annual-forces-budget')).toMatchObject({ status: 'submitted-late', dueDay: '2026-04-15', dueAt: '2026-04-15T19:00:00.000Z' });
    expect(find(items, 'UZ', 'annual-forces-budget')).toMatchObject({ status: 'overdue', daysLeft: -5 });
    expect(find(items, 'UZ', 'national-report')).toMatchObject({ status: 'due', dueDay: '2026-06-30', daysLeft: 71, covers: { from: '2025-01-01', to: '2025-12-31' } });
    expect(find(items, 'KZ', 'points-of-contact')).toMatchObject({ status: 'overdue', covers: { from: '2026-01-01', to: '2026-12-31' } });
    expect(find(items, 'KZ', 'exercise-notice', 'Late Notice')).toMatchObject({ status: 'submitted-late', dueDay: '2026-04-04' });
    // Drafts are the party's own business.
    expect(find(items, 'KZ', 'exercise-notice', 'Draft Notice')).toBeUndefined();
    expect(items.every((i) => !i.hasDraft)).toBe(true);
    // Observers and the Secretariat owe nothing.
    expect(items.some((i) => i.party === 'JP' || i.party === 'SEC')).toBe(false);
    expect(r.body.summary).toMatchObject({ 'submitted-on-time': 2, 'submitted-late': 2 });
    const future = await t.get('/api/exchange/deadlines?year=2027', { cookie: u.sec.cookie });
    expect(future.body.items.filter((i: Row) => i.form !== 'exercise-notice').every((i: Row) => i.status === 'not-yet-due')).toBe(true);
    const one = await t.get('/api/exchange/deadlines?year=2026&party=UZ', { cookie: u.sec.cookie });
    expect(new Set(one.body.items.map((i: Row) => i.party))).toEqual(new Set(['UZ']));
  });

  it('shows a member state its own deadlines only, drafts included', async () => {
    const r = await t.get('/api/exchange/deadlines?year=2026', { cookie: u.kzViewer.cookie });
    expect(r.status).toBe(200);
    expect(new Set(r.body.items.map((i: Row) => i.party))).toEqual(new Set(['KZ']));
    expect(find(r.body.items, 'KZ', 'exercise-notice', 'Draft Notice')).toMatchObject({ status: 'due', dueDay: '2026-07-21', daysLeft: 92, hasDraft: true });
    const other = await t.get('/api/exchange/deadlines?year=2026&party=UZ', { cookie: u.kz.cookie });
    expect(other.status).toBe(403);
  });

  it('is refused to observers and to anonymous callers, and rejects a bad year', async () => {
    expect((await t.get('/api/exchange/deadlines', { cookie: u.jp.cookie })).status).toBe(403);
    expect((await t.get('/api/exchange/deadlines')).status).toBe(401);
    const bad = await t.get('/api/exchange/deadlines?year=1200', { cookie: u.sec.cookie });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('querystring.year');
  });

  it("follows the forum's time zone: in a zone west of Astana, Kyrgyzstan's filing was on time", async () => {
    const ctx = systemCtx(t);
    const profile = (await getProfile(t.db))!;
    await t.db.transaction().execute((trx) => saveProfile(trx, ctx, { ...profile, timeZone: 'Europe/Istanbul' }));
    try {
      const r = await t.get('/api/exchange/deadlines?year=2026', { cookie: u.sec.cookie });
      expect(r.body.timeZone).toBe('Europe/Istanbul');
      expect(find(r.body.items, 'KG', 'annual-forces-budget')).toMatchObject({ status: 'submitted-on-time', dueAt: '2026-04-15T21:00:00.000Z' });
    } finally {
      await t.db.transaction().execute((trx) => saveProfile(trx, ctx, profile));
    }
  });
});

describe('exchangeDeadlinesFor (calendar feed)', () => {
  it('gives the due days in a range that the actor may see', async () => {
    const range = { from: new Date('2026-04-01T00:00:00Z'), to: new Date('2026-07-01T00:00:00Z') };
    const sec = await exchangeDeadlinesFor(t.db, actorOf(u.sec.user), range, t.clock);
    expect(sec.filter((d) => d.form === 'annual-forces-budget').map((d) => d.party).sort()).toEqual(['CN', 'KG', 'KZ', 'UZ']);
    expect(sec.every((d) => d.dueDay >= '2026-04-01' && d.dueDay < '2026-07-01')).toBe(true);
    expect(sec.find((d) => d.party === 'UZ' && d.form === 'national-report')).toMatchObject({ dueDay: '2026-06-30', timeZone: 'Asia/Almaty', status: 'due' });
    const kz = await exchangeDeadlinesFor(t.db, actorOf(u.kz.user), range, t.clock);
    expect(new Set(kz.map((d) => d.party))).toEqual(new Set(['KZ']));
    expect(new Set(kz.map((d) => d.uid)).size).toBe(kz.length);
    expect(await exchangeDeadlinesFor(t.db, actorOf(u.jp.user), range, t.clock)).toEqual([]);
  });
});
