import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { asRole, systemCtx, type TestUser } from '../../../test/helpers/auth.ts';
import { sendNotification } from './notifications.service.ts';
import { until } from './test-support.ts';

/** The inbox, preferences and outbox over real HTTP, with who may and may not. */
let t: TestApp;
let alice: { cookie: string; user: TestUser }; // Kazakhstan delegate, reads Russian
let bob: { cookie: string; user: TestUser }; // China delegate
let kzViewer: { cookie: string; user: TestUser };
let observer: { cookie: string; user: TestUser };
let officer: { cookie: string; user: TestUser };
let admin: { cookie: string; user: TestUser };
const aliceIds: string[] = [];
let bobId: string;
let outboxId: string;

const problemOf = (r: { status: number; headers: Headers; body: any }) => ({
  status: r.status,
  type: r.headers.get('content-type'),
  code: r.body?.code,
});

beforeAll(async () => {
  t = await testApp();
  alice = await asRole(t, 'KZ', 'delegate', { language: 'ru' });
  bob = await asRole(t, 'CN', 'delegate');
  kzViewer = await asRole(t, 'KZ', 'viewer');
  observer = await asRole(t, 'JP', 'viewer');
  officer = await asRole(t, 'SEC', 'officer');
  admin = await asRole(t, 'SEC', 'admin');
  await t.db.transaction().execute(async (trx) => {
    for (let i = 0; i < 3; i++) {
      const r = await sendNotification(trx, systemCtx(t), { to: { userId: alice.user.id }, kind: 'system.test', link: `/meetings/${i}`, objectType: 'meeting', objectId: String(i) });
      aliceIds.push(r.notificationId!);
    }
    const b = await sendNotification(trx, systemCtx(t), { to: { userId: bob.user.id }, kind: 'system.test' });
    bobId = b.notificationId!;
    outboxId = b.outboxId!;
  });
});
afterAll(() => t?.close());

describe('GET /api/notifications', () => {
  it('lists the caller’s own inbox, newest first, in their language', async () => {
    const r = await t.get('/api/notifications', { cookie: alice.cookie });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ total: 3, unread: 3, page: 1, pageSize: 20 });
    expect(r.body.items.map((n: any) => n.id).sort()).toEqual([...aliceIds].sort());
    expect(r.body.items[0]).toMatchObject({ kind: 'system.test', subject: 'Тестовое сообщение от Concord', objectType: 'meeting', readAt: null });
    expect(r.body.items[0].link).toMatch(/^\/meetings\/\d$/);
    expect(r.body.items.some((n: any) => n.id === bobId)).toBe(false);
  });

  it('pages and filters unread', async () => {
    const p2 = await t.get('/api/notifications?page=2&pageSize=2', { cookie: alice.cookie });
    expect(p2.status).toBe(200);
    expect(p2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(p2.body.items.length).toBe(1);
    const unread = await t.get('/api/notifications?unread=true', { cookie: alice.cookie });
    expect(unread.body.total).toBe(3);
  });

  it('never shows anyone else’s notifications', async () => {
    for (const who of [bob, kzViewer, observer, officer, admin]) {
      const r = await t.get('/api/notifications', { cookie: who.cookie });
      expect(r.status).toBe(200);
      expect(r.body.items.some((n: any) => aliceIds.includes(n.id))).toBe(false);
    }
  });

  it('refuses an anonymous caller (401) and bad paging (400 naming the field)', async () => {
    expect(problemOf(await t.get('/api/notifications'))).toMatchObject({ status: 401, type: expect.stringContaining('application/problem+json') });
    const bad = await t.get('/api/notifications?pageSize=1000', { cookie: alice.cookie });
    expect(problemOf(bad)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(bad.body.errors[0].field).toBe('querystring.pageSize');
    const badFlag = await t.get('/api/notifications?unread=maybe', { cookie: alice.cookie });
    expect(badFlag.status).toBe(400);
  });
});

describe('reading', () => {
  it('counts unread, marks one read (once), and answers 404 for another’s or a missing one', async () => {
    expect((await t.get('/api/notifications/unread-count', { cookie: alice.cookie })).body).toEqual({ unread: 3 });
    expect((await t.get('/api/notifications/unread-count')).status).toBe(401);

    for (const who of [bob, kzViewer, admin]) {
      const r = await t.post(`/api/notifications/${aliceIds[0]}/read`, undefined, { cookie: who.cookie });
      expect(problemOf(r)).toMatchObject({ status: 404, code: 'not_found' });
    }
    expect((await t.post(`/api/notifications/${aliceIds[0]}/read`)).status).toBe(401);
    expect((await t.get('/api/notifications/unread-count', { cookie: alice.cookie })).body).toEqual({ unread: 3 });

    const r = await t.post(`/api/notifications/${aliceIds[0]}/read`, undefined, { cookie: alice.cookie });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: aliceIds[0], readAt: t.clock.now().toISOString() });
    const firstRead = r.body.readAt;
    (t.clock as any).advance(60_000);
    const again = await t.post(`/api/notifications/${aliceIds[0]}/read`, undefined, { cookie: alice.cookie });
    expect(again.body.readAt).toBe(firstRead);
    expect((await t.get('/api/notifications/unread-count', { cookie: alice.cookie })).body).toEqual({ unread: 2 });
    expect((await t.get('/api/notifications?unread=1', { cookie: alice.cookie })).body.total).toBe(2);

    expect((await t.post(`/api/notifications/${randomUUID()}/read`, undefined, { cookie: alice.cookie })).status).toBe(404);
    const bad = await t.post('/api/notifications/not-a-uuid/read', undefined, { cookie: alice.cookie });
    expect(problemOf(bad)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(bad.body.errors[0].field).toBe('params.id');
  });

  it('refuses a cross-site request to mark read', async () => {
    const r = await t.post(`/api/notifications/${aliceIds[1]}/read`, undefined, {
      cookie: alice.cookie,
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(r.status).toBe(403);
    expect((await t.get('/api/notifications/unread-count', { cookie: alice.cookie })).body).toEqual({ unread: 2 });
  });

  it('marks all of the caller’s read, and only theirs', async () => {
    expect((await t.post('/api/notifications/read-all')).status).toBe(401);
    const r = await t.post('/api/notifications/read-all', undefined, { cookie: alice.cookie });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ updated: 2, unread: 0 });
    expect((await t.get('/api/notifications/unread-count', { cookie: bob.cookie })).body).toEqual({ unread: 1 });
  });
});

describe('preferences', () => {
  it('shows every kind with its channel; account messages cannot be changed', async () => {
    expect((await t.get('/api/notifications/preferences')).status).toBe(401);
    const r = await t.get('/api/notifications/preferences', { cookie: bob.cookie });
    expect(r.status).toBe(200);
    expect(r.body.lastDigestAt).toBeNull();
    expect(r.body.items).toContainEqual({ kind: 'system.test', channel: 'immediate', defaultChannel: 'immediate', configurable: true });
    expect(r.body.items).toContainEqual({ kind: 'identity.invitation', channel: 'immediate', defaultChannel: 'immediate', configurable: false });
  });

  it('sets a channel per kind for the caller only, audited', async () => {
    const r = await t.request('PUT', '/api/notifications/preferences', { cookie: bob.cookie, body: { 'system.test': 'digest' } });
    expect(r.status).toBe(200);
    expect(r.body.items).toContainEqual({ kind: 'system.test', channel: 'digest', defaultChannel: 'immediate', configurable: true });
    const mine = await t.get('/api/notifications/preferences', { cookie: alice.cookie });
    expect(mine.body.items).toContainEqual(expect.objectContaining({ kind: 'system.test', channel: 'immediate' }));
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'notifications.set_preferences')
      .where('actor_user_id', '=', bob.user.id)
      .executeTakeFirstOrThrow();
    expect(audit.after).toEqual({ 'system.test': 'digest' });
  });

  it('refuses bad input cleanly and stores nothing', async () => {
    const put = (body: unknown, cookie = alice.cookie) => t.request('PUT', '/api/notifications/preferences', { cookie, body });
    const locked = await put({ 'identity.password_reset': 'none' });
    expect(problemOf(locked)).toMatchObject({ status: 422, code: 'notifications.kind_not_configurable' });
    expect(locked.body.errors[0].field).toBe('body.identity.password_reset');
    const unknownKind = await put({ 'nope.never': 'none', 'system.test': 'none' });
    expect(problemOf(unknownKind)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(unknownKind.body.errors).toEqual([{ field: 'body.nope.never', message: 'is not a kind of notification' }]);
    const badChannel = await put({ 'system.test': 'weekly' });
    expect(problemOf(badChannel)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(badChannel.body.errors[0].field).toMatch(/^body/);
    expect(problemOf(await put({}))).toMatchObject({ status: 400 });
    expect(problemOf(await put(['system.test']))).toMatchObject({ status: 400 });
    expect((await put({ 'system.test': 'none' }, '')).status).toBe(401);
    const rows = await t.db.selectFrom('notification_preferences').selectAll().where('user_id', '=', alice.user.id).execute();
    expect(rows).toEqual([]);
  });
});

describe('GET /api/outbox', () => {
  it('lets a Secretariat admin read every e-mail with its text', async () => {
    const r = await t.get('/api/outbox', { cookie: admin.cookie });
    expect(r.status).toBe(200);
    const mail = r.body.items.find((m: any) => m.id === outboxId);
    expect(mail).toMatchObject({ to: bob.user.email, subject: 'Test message from Concord', kind: 'system.test', language: 'en' });
    expect(mail.text).toContain('This is a test message.');
    expect(mail.html).toBeUndefined();
    expect(r.body.total).toBeGreaterThanOrEqual(4);
    const paged = await t.get('/api/outbox?pageSize=1&page=2', { cookie: admin.cookie });
    expect(paged.body.items.length).toBe(1);
    const one = await t.get(`/api/outbox/${outboxId}`, { cookie: admin.cookie });
    expect(one.status).toBe(200);
    expect(one.body.html).toContain('<html lang="en" dir="ltr">');
  });

  it('filters by status (no SMTP here: mail is held once its job has run)', async () => {
    await until(async () => (await t.db.selectFrom('outbox_mail').select('status').where('id', '=', outboxId).executeTakeFirstOrThrow()).status === 'held', 'held', 15_000);
    const held = await t.get('/api/outbox?status=held', { cookie: admin.cookie });
    expect(held.status).toBe(200);
    expect(held.body.items.find((m: any) => m.id === outboxId)).toMatchObject({ status: 'held', error: 'held: no SMTP configured', sentAt: null });
    expect(held.body.items.every((m: any) => m.status === 'held')).toBe(true);
    const sent = await t.get('/api/outbox?status=sent', { cookie: admin.cookie });
    expect(sent.body).toMatchObject({ items: [], total: 0 });
    expect((await t.get('/api/outbox?status=lost', { cookie: admin.cookie })).status).toBe(400);
  });

  it('refuses everyone else: 401 anonymous, 403 for the list, 404 for one e-mail', async () => {
    expect((await t.get('/api/outbox')).status).toBe(401);
    expect((await t.get(`/api/outbox/${outboxId}`)).status).toBe(401);
    for (const who of [bob, kzViewer, observer, officer, alice]) {
      expect(problemOf(await t.get('/api/outbox', { cookie: who.cookie }))).toMatchObject({ status: 403, code: 'forbidden' });
      expect(problemOf(await t.get(`/api/outbox/${outboxId}`, { cookie: who.cookie }))).toMatchObject({ status: 404, code: 'not_found' });
    }
  });

  it('answers 404 for an unknown e-mail and 400 for a malformed id', async () => {
    expect((await t.get(`/api/outbox/${randomUUID()}`, { cookie: admin.cookie })).status).toBe(404);
    const bad = await t.get('/api/outbox/123', { cookie: admin.cookie });
    expect(problemOf(bad)).toMatchObject({ status: 400, code: 'validation_failed' });
  });
});
