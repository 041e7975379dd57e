import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { loadConfig } from '../../config.ts';
import type { DB } from '../../db/database.ts';
import { ManualClock } from '../../shared/clock.ts';
import { jobHandlers } from '../jobs/handlers.ts';
import { runDueJobs } from '../jobs/jobs.service.ts';
import { runDigest, scheduleDigests } from './digest.service.ts';
import { sendNotification, setPreferences } from './notifications.service.ts';
import { makeUser, systemCtx, type TestUser, until, userCtx } from './test-support.ts';

/**
 * The daily digest: one e-mail per user with every notification waiting for it, exactly once,
 * whether the job runs on time, late, twice, or skips days.
 */
let t: TestApp;
let clock: ManualClock;
let runJobs: () => Promise<number>;

const digests = (db: DB, email: string) =>
  db.selectFrom('outbox_mail').selectAll().where('kind', '=', 'notifications.digest').where('to_address', '=', email).orderBy('created_at').execute();

/** Notifications made now, or at another time `at` (leaving the server's clock, and so its job worker, where it is). */
async function notify(user: TestUser, count: number, link = '/meetings/7', at?: string) {
  const ctx = at ? { ...systemCtx(t), clock: new ManualClock(at) } : systemCtx(t);
  await t.db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i++) await sendNotification(trx, ctx, { to: { userId: user.id }, kind: 'system.test', link });
  });
}

async function digestJobsSettled() {
  // Run every due job (the server's own worker may run some of them too) until no digest is due.
  await runJobs();
  await until(async () => {
    const { rows } = await sql<{ n: string }>`
      SELECT count(*) AS n FROM jobs WHERE kind = 'notifications.digest' AND status = 'pending' AND run_at <= ${t.clock.now()}`.execute(t.db);
    if (Number(rows[0].n) > 0) await runJobs();
    return Number(rows[0].n) === 0;
  }, 'due digest jobs done');
}

beforeAll(async () => {
  t = await testApp();
  clock = t.clock as ManualClock;
  const handlers = jobHandlers({ config: loadConfig({ CONCORD_BASE_URL: t.url }) });
  runJobs = () => runDueJobs(t.db, t.clock, handlers);
  // Today's digest is due at once (the clock starts after 06:00 UTC): let it run on an empty inbox first.
  await scheduleDigests(t.db, t.clock);
  await digestJobsSettled();
});
afterAll(() => t?.close());

describe('scheduling', () => {
  it('enqueues one digest job per day however often asked (dedupe key per day)', async () => {
    for (let i = 0; i < 3; i++) await scheduleDigests(t.db, t.clock);
    const rows = await t.db.selectFrom('jobs').select(['dedupe_key', 'run_at']).where('kind', '=', 'notifications.digest').orderBy('dedupe_key').execute();
    expect(rows.map((r) => r.dedupe_key)).toEqual(['digest:2026-01-15', 'digest:2026-01-16']);
    expect(new Date(rows[1].run_at).toISOString()).toBe('2026-01-16T06:00:00.000Z');
  });
});

describe('the digest', () => {
  it('sends one e-mail with every unread notification waiting for it, in the user’s language, then nothing more', async () => {
    const user = await makeUser(t.db, { language: 'ru', name: 'Олжас' });
    const other = await makeUser(t.db);
    const prefs = await setPreferences(t.db, userCtx(t, user), { 'system.test': 'digest' });
    expect(prefs.items.find((i) => i.kind === 'system.test')).toMatchObject({ channel: 'digest', defaultChannel: 'immediate', configurable: true });

    await notify(user, 3);
    await notify(other, 1);
    // Read in the app before the digest: not in it.
    const first = await t.db.selectFrom('notifications').select('id').where('user_id', '=', user.id).orderBy('id').executeTakeFirstOrThrow();
    await t.db.updateTable('notifications').set({ read_at: clock.now() }).where('id', '=', first.id).execute();
    // Nothing was e-mailed at once to the digest reader; the other person got theirs.
    expect(await t.db.selectFrom('outbox_mail').select('id').where('to_address', '=', user.email).execute()).toEqual([]);
    expect((await t.db.selectFrom('outbox_mail').select('id').where('to_address', '=', other.email).execute()).length).toBe(1);

    clock.advance(60_000);
    const result = await runDigest(t.db, t.clock, { baseUrl: t.url });
    expect(result).toEqual({ users: 1, notifications: 2 });
    const [mail] = await digests(t.db, user.email);
    expect(mail.subject).toBe('2 новых уведомления в Concord');
    expect(mail.text).toContain('Здравствуйте, Олжас!');
    expect(mail.text.match(/• Тестовое сообщение от Concord/g)?.length).toBe(2);
    expect(mail.text).toContain(`${t.url}/meetings/7`);
    expect(mail.language).toBe('ru');

    const state = await t.db.selectFrom('notification_digests').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(new Date(state.last_digest_at).toISOString()).toBe(clock.now().toISOString());
    expect(await runDigest(t.db, t.clock, { baseUrl: t.url })).toEqual({ users: 0, notifications: 0 });
    expect((await digests(t.db, user.email)).length).toBe(1);
  });

  it('runs late or skips days and still carries everything since the last one, exactly once', async () => {
    const user = await makeUser(t.db, { language: 'en' });
    await setPreferences(t.db, userCtx(t, user), { 'system.test': 'digest' });
    await notify(user, 1, '/day/1');
    await digestJobsSettled(); // nothing is due yet today (the day's digest ran in beforeAll)
    expect(await digests(t.db, user.email)).toEqual([]);

    await notify(user, 1, '/day/2', '2026-01-16T10:00:00Z');
    await notify(user, 1, '/day/4', '2026-01-18T09:00:00Z');
    // A notification made before the last digest but committed after it (a slow transaction) still goes out.
    await t.db
      .insertInto('notifications')
      .values({ user_id: user.id, kind: 'system.test', params: '{}', link: '/slow', channel: 'digest', created_at: new Date('2026-01-15T09:00:00Z') })
      .execute();
    // The worker was down for two days: the 16th's digest has not run, the 17th's was never even scheduled.
    clock.set('2026-01-18T10:00:00Z');
    await scheduleDigests(t.db, t.clock);
    await digestJobsSettled();

    const mails = await digests(t.db, user.email);
    expect(mails.length).toBe(1);
    expect(mails[0].subject).toBe('4 new notifications in Concord');
    for (const path of ['/day/1', '/day/2', '/day/4', '/slow']) expect(mails[0].text).toContain(`${t.url}${path}`);
    const state = await t.db.selectFrom('notification_digests').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(new Date(state.last_digest_at).toISOString()).toBe('2026-01-18T10:00:00.000Z');
    const left = await t.db.selectFrom('notifications').select('id').where('user_id', '=', user.id).where('digested_at', 'is', null).execute();
    expect(left).toEqual([]);

    // The 18th's digest ran; the 19th's runs next morning and finds nothing new.
    clock.set('2026-01-19T07:00:00Z');
    await scheduleDigests(t.db, t.clock);
    await digestJobsSettled();
    expect((await digests(t.db, user.email)).length).toBe(1);
  });

  it('leaves out kinds the user has since silenced, and suspended users', async () => {
    const quiet = await makeUser(t.db);
    const suspended = await makeUser(t.db);
    for (const u of [quiet, suspended]) await setPreferences(t.db, userCtx(t, u), { 'system.test': 'digest' });
    await notify(quiet, 2);
    await notify(suspended, 2);
    await setPreferences(t.db, userCtx(t, quiet), { 'system.test': 'none' });
    await t.db.updateTable('users').set({ status: 'suspended' }).where('id', '=', suspended.id).execute();
    expect(await runDigest(t.db, t.clock, { baseUrl: t.url })).toEqual({ users: 0, notifications: 0 });
    expect(await digests(t.db, quiet.email)).toEqual([]);
    expect(await digests(t.db, suspended.email)).toEqual([]);
  });

  it('sends each waiting notification once even when two digests run at the same time', async () => {
    const user = await makeUser(t.db);
    await setPreferences(t.db, userCtx(t, user), { 'system.test': 'digest' });
    await notify(user, 5);
    const results = await Promise.all([runDigest(t.db, t.clock, { baseUrl: t.url }), runDigest(t.db, t.clock, { baseUrl: t.url })]);
    expect(results.reduce((n, r) => n + r.notifications, 0)).toBe(5);
    const mails = await digests(t.db, user.email);
    expect(mails.length).toBe(1);
    expect(mails[0].subject).toBe('5 new notifications in Concord');
  });
});
