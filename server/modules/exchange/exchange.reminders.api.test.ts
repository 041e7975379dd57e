import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { asRole, signIn, type TestUser } from '../../../test/helpers/auth.ts';
import { annualData, exerciseData, seedExchange } from '../../../test/helpers/exchange.ts';
import { startSmtp, type TestSmtp } from '../../../test/helpers/smtp.ts';
import { loadConfig } from '../../config.ts';
import { ManualClock } from '../../shared/clock.ts';
import { jobHandlers } from '../jobs/handlers.ts';
import { runDueJobs } from '../jobs/jobs.service.ts';
import { deadlineReminderStep, sendAckReminders, sendDeadlineReminders } from './exchange.jobs.ts';

/**
 * Delivery, acknowledgement and reminders end to end, with a real SMTP server: Kazakhstan notifies an
 * exercise to Kyrgyzstan and Uzbekistan; their focal points are told (in the app and by e-mail);
 * Kyrgyzstan acknowledges; a day later only Uzbekistan is reminded, once, however often the job runs.
 * Deadline reminders follow the due rules on the clock.
 */
let smtp: TestSmtp;
let t: TestApp;
let run: () => Promise<number>;
const clock = new ManualClock('2026-03-05T04:00:00Z'); // 09:00 in Astana; nothing is near a due day
const u: Record<string, { cookie: string; user: TestUser }> = {};

beforeAll(async () => {
  smtp = await startSmtp();
  t = await testApp({ env: smtp.env, clock });
  await seedExchange(t);
  u.kz = await asRole(t, 'KZ', 'focal-point');
  u.kg = await asRole(t, 'KG', 'focal-point', { language: 'ru', timeZone: 'Asia/Bishkek' });
  u.kgHead = await asRole(t, 'KG', 'head-of-delegation');
  u.uz = await asRole(t, 'UZ', 'focal-point', { timeZone: 'Asia/Tashkent' });
  u.cn = await asRole(t, 'CN', 'focal-point');
  const handlers = jobHandlers({ config: loadConfig({ ...smtp.env, CONCORD_BASE_URL: t.url }) });
  run = () => runDueJobs(t.db, t.clock, handlers);
}, 120_000);
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const to = (user: TestUser) => (m: { to?: unknown }) => JSON.stringify(m.to).includes(user.email);
const mailsTo = (user: TestUser) => smtp.messages.filter(to(user));
/**
 * Lets queued mail go out before the clock jumps: a job in flight when the test clock leaps days
 * ahead would look abandoned (its lease passed) and be sent twice, which real time never does.
 */
async function settle() {
  for (let i = 0; i < 200; i++) {
    const pending = await t.db.selectFrom('jobs').select('id').where('status', '=', 'pending').where('kind', '=', 'mail.send').execute();
    if (pending.length === 0) return;
    await run();
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('mail did not settle');
}

/** Sessions end when idle: after moving the clock, sign in again. */
const again = async (key: string) => {
  u[key].cookie = await signIn(t, u[key].user.email, u[key].user.password);
  return u[key].cookie;
};
const reminders = (kind: 'acknowledgement' | 'deadline') => t.db.selectFrom('exchange_reminders').selectAll().where('kind', '=', kind).execute();

describe('delivery and acknowledgement', () => {
  let id: string;

  it("delivers a notice to each recipient's focal point, in the app and by e-mail in their language", async () => {
    const r = await t.post(
      '/api/exchange/submissions',
      { form: 'exercise-notice', visibility: 'parties', recipients: ['KG', 'UZ'], data: exerciseData('Steppe Shield 2026', '2026-05-20', '2026-05-29'), submit: true },
      { cookie: u.kz.cookie },
    );
    expect(r.status, r.text).toBe(201);
    id = r.body.id;
    const kgMail = await smtp.waitFor(to(u.kg.user));
    expect(kgMail.subject).toBe('Получено от Kazakhstan: Steppe Shield 2026 (Предварительное уведомление о военных учениях)');
    expect(kgMail.text).toContain(`/exchange/submissions/${id}`);
    const uzMail = await smtp.waitFor(to(u.uz.user));
    expect(uzMail.subject).toBe('Kazakhstan has sent you: Steppe Shield 2026 (Prior notice of a military exercise)');
    // The head of delegation is not the addressee when the party has a focal point; CN was not addressed.
    expect(mailsTo(u.kgHead.user)).toHaveLength(0);
    expect(mailsTo(u.cn.user)).toHaveLength(0);
    const inbox = await t.get('/api/notifications', { cookie: u.uz.cookie });
    expect(inbox.body.items.find((n: { kind: string }) => n.kind === 'exchange.received')).toMatchObject({ link: `/exchange/submissions/${id}` });
  });

  it('records the acknowledgement and tells the sender', async () => {
    await settle();
    clock.advance(3 * 3_600_000);
    const ack = await t.post(`/api/exchange/submissions/${id}/acknowledgements`, {}, { cookie: await again('kg') });
    expect(ack.status).toBe(201);
    const sent = await t.get(`/api/exchange/submissions/${id}`, { cookie: await again('kz') });
    expect(sent.body.recipients).toEqual([
      { party: 'KG', acknowledgedAt: '2026-03-05T07:00:00.000Z', remindedAt: null },
      { party: 'UZ', acknowledgedAt: null, remindedAt: null },
    ]);
    const inbox = await t.get('/api/notifications', { cookie: u.kz.cookie });
    expect(inbox.body.items.map((n: { kind: string }) => n.kind)).toContain('exchange.acknowledged');
  });

  it('reminds only the recipients that have not acknowledged, once the set time has passed, and only once', async () => {
    // Not yet: the notice form reminds after 24 hours.
    expect(await sendAckReminders(t.db, t.clock, { baseUrl: t.url })).toBe(0);
    await settle();
    clock.set('2026-03-06T04:00:01Z');
    await run();
    const mail = await smtp.waitFor((m) => to(u.uz.user)(m) && (m.subject ?? '').startsWith('Reminder'));
    expect(mail.subject).toBe('Reminder: please acknowledge receipt of Steppe Shield 2026');
    expect(mail.text).toMatch(/On March 5, 2026 at 9:00\sAM GMT\+5, your state received this submission/);
    // Running again (the job, the daily sweep, or both) sends nothing more: the state is in the data.
    await run();
    expect(await sendAckReminders(t.db, t.clock, { baseUrl: t.url })).toBe(0);
    await settle();
    clock.advance(3 * 86_400_000);
    expect(await sendAckReminders(t.db, t.clock, { baseUrl: t.url })).toBe(0);
    await run();
    expect(await reminders('acknowledgement')).toHaveLength(1);
    expect(mailsTo(u.kg.user).filter((m) => /Напоминание|Reminder/.test(m.subject ?? ''))).toHaveLength(0);
    expect(mailsTo(u.uz.user).filter((m) => (m.subject ?? '').startsWith('Reminder'))).toHaveLength(1);
    const sent = await t.get(`/api/exchange/submissions/${id}`, { cookie: await again('kz') });
    expect(sent.body.recipients[1]).toMatchObject({ party: 'UZ', acknowledgedAt: null, remindedAt: '2026-03-06T04:00:01.000Z' });
    // Uzbekistan acknowledges after the reminder.
    expect((await t.post(`/api/exchange/submissions/${id}/acknowledgements`, {}, { cookie: await again('uz') })).status).toBe(201);
    const done = await t.get(`/api/exchange/submissions/${id}`, { cookie: u.kz.cookie });
    expect(done.body.recipients.every((r: { acknowledgedAt: string | null }) => r.acknowledgedAt !== null)).toBe(true);
  });
});

describe('deadline reminders', () => {
  it('picks the reminder step from the days left', () => {
    expect(deadlineReminderStep('due', 45)).toBeNull();
    expect(deadlineReminderStep('due', 30)).toBe('d30');
    expect(deadlineReminderStep('due', 8)).toBe('d30');
    expect(deadlineReminderStep('due', 5)).toBe('d7');
    expect(deadlineReminderStep('due', 0)).toBe('d1');
    expect(deadlineReminderStep('overdue', -1)).toBe('overdue');
    expect(deadlineReminderStep('overdue', -31)).toBeNull();
    expect(deadlineReminderStep('submitted-on-time', null)).toBeNull();
    expect(deadlineReminderStep('not-yet-due', 200)).toBeNull();
  });

  it('e-mails the focal points of member states that have not submitted, per step, once', async () => {
    // KZ files the 2026 annual information early; the others have not.
    expect((await t.post('/api/exchange/submissions', { form: 'annual-forces-budget', year: 2026, visibility: 'members', data: annualData(), submit: true }, { cookie: await again('kz') })).status).toBe(201);
    await settle();
    clock.set('2026-04-10T04:00:00Z'); // 5 days before 15 April in Astana
    const before = smtp.messages.length;
    const n = await sendDeadlineReminders(t.db, t.clock, { baseUrl: t.url });
    expect(n).toBe(3); // KG, UZ, CN: annual-forces-budget, step d7
    expect(await sendDeadlineReminders(t.db, t.clock, { baseUrl: t.url })).toBe(0);
    await run();
    const uzMail = await smtp.waitFor((m) => to(u.uz.user)(m) && (m.subject ?? '').startsWith('Due 2026-04-15'));
    expect(uzMail.subject).toBe('Due 2026-04-15: Annual information on armed forces and defence budget (2026 exchange)');
    expect(uzMail.text).toContain('is due on 2026-04-15 (by the end of that day, Asia/Almaty time), in 5 days.');
    const kgMail = await smtp.waitFor((m) => to(u.kg.user)(m) && (m.subject ?? '').startsWith('Срок 2026-04-15'));
    expect(kgMail.text).toContain('осталось 5 дней');
    expect(smtp.messages.slice(before).filter((m) => to(u.kz.user)(m) && /^Due|^Overdue/.test(m.subject ?? ''))).toHaveLength(0);

    // The day after the due day ends in Astana, the ones still missing are overdue: one more e-mail each.
    await settle();
    clock.set('2026-04-15T19:00:00Z');
    expect(await sendDeadlineReminders(t.db, t.clock, { baseUrl: t.url })).toBe(3);
    await run();
    const overdue = await smtp.waitFor((m) => to(u.cn.user)(m) && (m.subject ?? '').startsWith('Overdue'));
    expect(overdue.subject).toBe('Overdue: Annual information on armed forces and defence budget (2026 exchange)');
    expect((await reminders('deadline')).map((r) => r.key.split(':').at(-1)).sort()).toEqual(['d7', 'd7', 'd7', 'overdue', 'overdue', 'overdue']);
  });
});
