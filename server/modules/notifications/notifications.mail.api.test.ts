import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { startSmtp, type TestSmtp } from '../../../test/helpers/smtp.ts';
import { loadConfig } from '../../config.ts';
import type { DB } from '../../db/database.ts';
import type { ManualClock } from '../../shared/clock.ts';
import { jobHandlers } from '../jobs/handlers.ts';
import { runDueJobs } from '../jobs/jobs.service.ts';
import { heldNoSmtp, mailMaxAttempts, redactedNote } from './mail.delivery.ts';
import { sendNotification } from './notifications.service.ts';
import { makeUser, systemCtx as ctxOf, until } from './test-support.ts';

/**
 * sendNotification and the `mail.send` job against a real SMTP server (smtp-server, parsed with
 * mailparser), and against no SMTP at all: mail then waits in the outbox, never dropped.
 */

const outboxRow = (db: DB, id: string) => db.selectFrom('outbox_mail').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const jobOf = (db: DB, outboxId: string) =>
  db
    .selectFrom('jobs')
    .selectAll()
    .where('kind', '=', 'mail.send')
    .where(sql<string>`payload->>'outboxId'`, '=', outboxId)
    .executeTakeFirstOrThrow();

describe('with an SMTP server', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let run: () => Promise<number>;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await testApp({ env: smtp.env });
    const handlers = jobHandlers({ config: loadConfig({ ...smtp.env, CONCORD_BASE_URL: t.url }) });
    run = () => runDueJobs(t.db, t.clock, handlers);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('delivers a notification to a Russian-speaking user in Russian, and shows it in the inbox', async () => {
    const user = await makeUser(t.db, { language: 'ru', name: 'Айгерим Садыкова' });
    const result = await t.db.transaction().execute((trx) =>
      sendNotification(trx, ctxOf(t), { to: { userId: user.id }, kind: 'system.test', link: '/meetings/42', objectType: 'meeting', objectId: '42' }),
    );
    expect(result.notificationId).toBeTruthy();
    expect(result.outboxId).toBeTruthy();
    await run();
    const mail = await smtp.waitFor((m) => m.to !== undefined && JSON.stringify(m.to).includes(user.email));
    expect(mail.subject).toBe('Тестовое сообщение от Concord');
    expect(mail.text).toContain('Здравствуйте, Айгерим Садыкова!');
    expect(mail.text).toContain('Это тестовое сообщение.');
    expect(mail.text).toContain(`Открыть в Concord: ${t.url}/meetings/42`);
    expect(mail.text).toContain(`${t.url}/notifications/settings`);
    expect(mail.html).toContain('<html lang="ru" dir="ltr">');
    expect(mail.headers.get('content-language')).toBe('ru');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.from?.text).toContain('concord@localhost');

    const row = await until(async () => {
      const r = await outboxRow(t.db, result.outboxId!);
      return r.status === 'sent' ? r : null;
    }, 'outbox marked sent');
    expect(row).toMatchObject({ to_address: user.email, language: 'ru', kind: 'system.test', error: null, attempts: 1, redacted: false });
    expect(row.sent_at).not.toBeNull();

    const n = await t.db.selectFrom('notifications').selectAll().where('id', '=', result.notificationId!).executeTakeFirstOrThrow();
    expect(n).toMatchObject({ user_id: user.id, kind: 'system.test', link: '/meetings/42', object_type: 'meeting', object_id: '42', read_at: null, channel: 'immediate' });
  });

  it('sends an invitation to an address before its owner can sign in, and removes the one-time link from the outbox once sent', async () => {
    const link = `${t.url}/invitation#token-${randomUUID()}`;
    const result = await t.db.transaction().execute((trx) =>
      sendNotification(trx, ctxOf(t), {
        to: { email: 'new.colleague@example.org', language: 'kk', name: 'Ерлан' },
        kind: 'identity.invitation',
        params: { inviterName: 'Айгерим', partyName: 'Қазақстан', link },
      }),
    );
    expect(result.notificationId).toBeNull();
    await run();
    const mail = await smtp.waitFor((m) => m.subject === 'Айгерим сізді Concord-қа шақырады');
    expect(mail.text).toContain(link);
    expect(mail.text).toContain('Қазақстан');
    const row = await until(async () => {
      const r = await outboxRow(t.db, result.outboxId!);
      return r.status === 'sent' ? r : null;
    }, 'outbox marked sent');
    expect(row.redacted).toBe(true);
    expect(row.text).toBe(redactedNote);
    expect(row.html).not.toContain(link);
    expect(row.subject).toBe('Айгерим сізді Concord-қа шақырады');
  });

  it('retries when the SMTP server refuses, and delivers once it accepts: nothing lost', async () => {
    const user = await makeUser(t.db);
    smtp.refuse((address) => address === user.email);
    const { outboxId } = await t.db.transaction().execute((trx) => sendNotification(trx, ctxOf(t), { to: { userId: user.id }, kind: 'system.test' }));
    await run();
    const failed = await until(async () => {
      const r = await outboxRow(t.db, outboxId!);
      return r.attempts === 1 ? r : null;
    }, 'first attempt recorded');
    expect(failed.status).toBe('queued');
    expect(failed.error).toMatch(/550|unavailable/i);
    const job = await jobOf(t.db, outboxId!);
    expect(job).toMatchObject({ status: 'pending', attempts: 1 });
    expect(job.last_error).toMatch(/550|unavailable/i);
    expect(new Date(job.run_at).getTime()).toBeGreaterThan(t.clock.now().getTime());

    smtp.refuse(null);
    (t.clock as ManualClock).advance(2 * 3_600_000);
    await run();
    await smtp.waitFor((m) => JSON.stringify(m.to).includes(user.email));
    const sent = await until(async () => {
      const r = await outboxRow(t.db, outboxId!);
      return r.status === 'sent' ? r : null;
    }, 'outbox marked sent');
    expect(sent).toMatchObject({ attempts: 2, error: null });
    expect(await jobOf(t.db, outboxId!)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('keeps a message the server refuses for good as failed, with its error, readable in the outbox', async () => {
    const user = await makeUser(t.db);
    smtp.refuse((address) => address === user.email);
    const { outboxId } = await t.db.transaction().execute((trx) => sendNotification(trx, ctxOf(t), { to: { userId: user.id }, kind: 'system.test' }));
    for (let i = 0; i < mailMaxAttempts; i++) {
      await run();
      await until(async () => (await outboxRow(t.db, outboxId!)).attempts >= i + 1, `attempt ${i + 1}`);
      (t.clock as ManualClock).advance(2 * 3_600_000);
    }
    const row = await outboxRow(t.db, outboxId!);
    expect(row).toMatchObject({ status: 'failed', attempts: mailMaxAttempts, sent_at: null });
    expect(row.text).toContain('Concord');
    expect(await jobOf(t.db, outboxId!)).toMatchObject({ status: 'dead', attempts: mailMaxAttempts });
    smtp.refuse(null);
  });

  it('enqueues nothing when the change rolls back', async () => {
    const user = await makeUser(t.db);
    const before = await t.db.selectFrom('jobs').select((eb) => eb.fn.countAll<string>().as('n')).where('kind', '=', 'mail.send').executeTakeFirstOrThrow();
    await expect(
      t.db.transaction().execute(async (trx) => {
        await sendNotification(trx, ctxOf(t), { to: { userId: user.id }, kind: 'system.test' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const after = await t.db.selectFrom('jobs').select((eb) => eb.fn.countAll<string>().as('n')).where('kind', '=', 'mail.send').executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await t.db.selectFrom('notifications').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    expect(await t.db.selectFrom('outbox_mail').select('id').where('to_address', '=', user.email).execute()).toEqual([]);
    await run();
    expect(smtp.messages.some((m) => JSON.stringify(m.to).includes(user.email))).toBe(false);
  });

  it('honours the preference: none keeps it in the inbox only; force e-mails anyway; identity kinds ignore it', async () => {
    const user = await makeUser(t.db);
    await t.db.insertInto('notification_preferences').values({ user_id: user.id, kind: 'system.test', channel: 'none', updated_at: t.clock.now() }).execute();
    await t.db.insertInto('notification_preferences').values({ user_id: user.id, kind: 'identity.suspended', channel: 'none', updated_at: t.clock.now() }).execute();
    const quiet = await t.db.transaction().execute((trx) => sendNotification(trx, ctxOf(t), { to: { userId: user.id }, kind: 'system.test' }));
    expect(quiet).toMatchObject({ channel: 'none', outboxId: null });
    expect(quiet.notificationId).toBeTruthy();
    const forced = await t.db.transaction().execute((trx) => sendNotification(trx, ctxOf(t), { to: { userId: user.id }, kind: 'system.test', force: 'email' }));
    expect(forced.outboxId).toBeTruthy();
    const account = await t.db.transaction().execute((trx) => sendNotification(trx, ctxOf(t), { to: { userId: user.id }, kind: 'identity.suspended' }));
    expect(account).toMatchObject({ channel: 'immediate', notificationId: null });
    expect(account.outboxId).toBeTruthy();
  });

  it('mails a suspended user only about their account', async () => {
    const user = await makeUser(t.db, { status: 'suspended', language: 'tr' });
    const news = await t.db.transaction().execute((trx) => sendNotification(trx, ctxOf(t), { to: { userId: user.id }, kind: 'system.test' }));
    expect(news.outboxId).toBeNull();
    const account = await t.db.transaction().execute((trx) => sendNotification(trx, ctxOf(t), { to: { userId: user.id }, kind: 'identity.suspended' }));
    expect(account.outboxId).toBeTruthy();
    await run();
    const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes(user.email));
    expect(mail.subject).toBe('Concord hesabınız askıya alındı');
  });

  it('refuses a call that lacks a parameter, an unknown kind, or a link outside Concord', async () => {
    const user = await makeUser(t.db);
    await expect(
      t.db.transaction().execute((trx) =>
        sendNotification(trx, ctxOf(t), { to: { email: 'a@example.org' }, kind: 'identity.invitation', params: { inviterName: 'X', link: 'https://x' } }),
      ),
    ).rejects.toThrow(/partyName/);
    await expect(
      t.db.transaction().execute((trx) => sendNotification(trx, ctxOf(t), { to: { userId: user.id }, kind: 'nope.kind' as 'system.test' })),
    ).rejects.toThrow(/Unknown notification kind/);
    await expect(
      t.db.transaction().execute((trx) => sendNotification(trx, ctxOf(t), { to: { userId: user.id }, kind: 'system.test', link: '//evil.example/x' })),
    ).rejects.toThrow(/path in Concord/);
    await expect(
      t.db.transaction().execute((trx) => sendNotification(trx, ctxOf(t), { to: { email: 'not an address' }, kind: 'system.test' })),
    ).rejects.toThrow(/not valid/);
    expect(await t.db.selectFrom('notifications').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
  });
});

describe('with an SMTP server that requires authentication', () => {
  const env = { SMTP_USER: 'concord', SMTP_PASSWORD: 's3cret-pass', SMTP_FROM: 'CICA Concord <noreply@cica.example>' };
  let smtp: TestSmtp;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtp({ auth: { user: 'concord', pass: 's3cret-pass' } });
    t = await testApp({ env: { ...smtp.env, ...env } });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('signs in with SMTP_USER and SMTP_PASSWORD and sends from SMTP_FROM', async () => {
    const user = await makeUser(t.db, { language: 'zh' });
    await t.db.transaction().execute((trx) => sendNotification(trx, ctxOf(t), { to: { userId: user.id }, kind: 'system.test' }));
    await runDueJobs(t.db, t.clock, jobHandlers({ config: loadConfig({ ...smtp.env, ...env }) }));
    const mail = await smtp.waitFor((m) => JSON.stringify(m.to).includes(user.email));
    expect(mail.subject).toBe('Concord 测试消息');
    expect(mail.from?.value[0]).toMatchObject({ name: 'CICA Concord', address: 'noreply@cica.example' });
  });
});

describe('without SMTP', () => {
  let t: TestApp;
  let run: () => Promise<number>;
  beforeAll(async () => {
    t = await testApp();
    const handlers = jobHandlers({ config: loadConfig({}) });
    run = () => runDueJobs(t.db, t.clock, handlers);
  });
  afterAll(() => t?.close());

  it('holds the mail in the outbox, readable, instead of dropping it', async () => {
    const user = await makeUser(t.db, { language: 'ar', name: 'ليلى' });
    const { outboxId } = await t.db.transaction().execute((trx) =>
      sendNotification(trx, ctxOf(t), { to: { userId: user.id }, kind: 'identity.password_reset', params: { link: `${t.url}/reset#abc` } }),
    );
    await run();
    const row = await until(async () => {
      const r = await outboxRow(t.db, outboxId!);
      return r.status === 'held' ? r : null;
    }, 'held');
    expect(row).toMatchObject({ to_address: user.email, language: 'ar', error: heldNoSmtp, sent_at: null, attempts: 1, redacted: false });
    expect(row.subject).toBe('إعادة تعيين كلمة المرور في Concord');
    // Held mail keeps its link: it is how an admin passes it on when there is no SMTP.
    expect(row.text).toContain(`${t.url}/reset#abc`);
    expect(row.html).toContain('dir="rtl"');
    expect(await jobOf(t.db, outboxId!)).toMatchObject({ status: 'done', attempts: 1 });
    // Running again changes nothing.
    await run();
    expect((await outboxRow(t.db, outboxId!)).attempts).toBe(1);
  });
});
