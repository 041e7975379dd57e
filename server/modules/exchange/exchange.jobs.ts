import type { DB } from '../../db/database.ts';
import type { Clock } from '../../shared/clock.ts';
import { type Ctx, systemActor } from '../../shared/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { enqueueJob, type JobHandlers, type JobSchedule } from '../jobs/jobs.service.ts';
import { sendNotification } from '../notifications/notifications.service.ts';
import { addDays, type DeadlineStatus, localDay, startOfDayInZone } from './due-rules.ts';
import { computeDeadlines, localYear } from './exchange.deadlines.ts';
import {
  claimReminder,
  findForm,
  findLatestForm,
  findPartiesByIds,
  findVisibleSubmission,
  focalPointsOf,
  listPartiesOfKind,
  unacknowledgedDeliveries,
} from './exchange.repository.ts';
import { forumTimeZone, nameIn, submissionLink, templateOf, textIn } from './exchange.service.ts';

/**
 * Reminders of the information exchange. Whom to remind is always derived from the data at the time
 * the job runs (who has not acknowledged, what is not submitted), never from when a job was queued;
 * each reminder sent is recorded under a key (`exchange_reminders`), so a job that runs twice, or the
 * daily sweep and a per-submission job that both find the same party, send it once.
 */
export const ackRemindersJob = 'exchange.ack_reminders';
export const dailyRemindersJob = 'exchange.daily_reminders';

/** Days before a due day at which a party that has not submitted is reminded; then once when overdue. */
export const deadlineReminderDays = [30, 7, 1] as const;
/** Overdue obligations older than this are not chased by e-mail (the deadlines view still shows them). */
export const overdueReminderWindowDays = 30;

/** Which reminder applies now to one obligation, if any: the nearest step not yet passed, or 'overdue'. */
export function deadlineReminderStep(status: DeadlineStatus, daysLeft: number | null): string | null {
  if (daysLeft === null) return null;
  if (status === 'overdue') return -daysLeft <= overdueReminderWindowDays ? 'overdue' : null;
  if (status !== 'due') return null;
  const step = [...deadlineReminderDays].sort((a, b) => a - b).find((d) => daysLeft <= d);
  return step === undefined ? null : `d${step}`;
}

function systemCtx(clock: Clock, baseUrl: string): Ctx {
  return { actor: systemActor, requestId: null, clock, baseUrl };
}

function formatInstant(d: Date, language: string, timeZone: string): string {
  const tz = (() => {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
      return timeZone;
    } catch {
      return 'UTC';
    }
  })();
  return new Intl.DateTimeFormat(language || 'en', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: tz,
    timeZoneName: 'short',
  }).format(d);
}

/** Reminds recipient parties that have not acknowledged once their form's delay has passed. Returns parties reminded. */
export async function sendAckReminders(db: DB, clock: Clock, opts: { baseUrl: string; submissionId?: string }): Promise<number> {
  const ctx = systemCtx(clock, opts.baseUrl);
  return db.transaction().execute(async (trx) => {
    const pending = await unacknowledgedDeliveries(trx, clock.now(), opts.submissionId);
    let reminded = 0;
    for (const p of pending) {
      const people = await focalPointsOf(trx, [p.party_id]);
      const claimed = await claimReminder(trx, {
        key: `ack:${p.submission_id}:${p.party_id}`,
        kind: 'acknowledgement',
        partyId: p.party_id,
        submissionId: p.submission_id,
        at: clock.now(),
        recipients: people.length,
      });
      if (!claimed) continue;
      const s = (await findVisibleSubmission(trx, systemActor, p.submission_id))!;
      const form = templateOf((await findForm(trx, s.form_id))!);
      const [sender] = await findPartiesByIds(trx, [s.party_id]);
      for (const person of people) {
        await sendNotification(trx, ctx, {
          to: { userId: person.id },
          kind: 'exchange.ack_reminder',
          params: {
            senderName: nameIn(sender, person.language),
            formTitle: textIn(form.title, person.language),
            title: s.title ?? String(s.year),
            sentAt: formatInstant(new Date(p.submitted_at), person.language, person.time_zone),
          },
          link: submissionLink(s.id),
          objectType: 'exchange_submission',
          objectId: s.id,
        });
      }
      await recordAudit(trx, ctx, {
        action: 'exchange.remind_acknowledgement',
        objectType: 'exchange_submission',
        objectId: s.id,
        after: { party: p.party_id, people: people.length },
      });
      reminded++;
    }
    return reminded;
  });
}

/** E-mails member states whose annual submissions are coming due or overdue. Returns parties reminded. */
export async function sendDeadlineReminders(db: DB, clock: Clock, opts: { baseUrl: string }): Promise<number> {
  const ctx = systemCtx(clock, opts.baseUrl);
  const timeZone = await forumTimeZone(db);
  const now = clock.now();
  const year = localYear(now, timeZone);
  return db.transaction().execute(async (trx) => {
    const parties = await listPartiesOfKind(trx, 'member-state');
    if (parties.length === 0) return 0;
    let reminded = 0;
    // Last year's too: an obligation due late in December is overdue in January.
    for (const y of [year - 1, year]) {
      const rows = await computeDeadlines(trx, systemActor, { year: y, timeZone, now, parties, showDrafts: false });
      for (const r of rows) {
        if (r.activityStart) continue; // notices are not chased: their activity is known only once notified
        const step = deadlineReminderStep(r.status, r.daysLeft);
        if (!step) continue;
        const party = parties.find((p) => p.code === r.party)!;
        const people = await focalPointsOf(trx, [party.id]);
        if (people.length === 0) continue;
        const claimed = await claimReminder(trx, {
          key: `deadline:${party.id}:${r.form}:${r.year}:${step}`,
          kind: 'deadline',
          partyId: party.id,
          formCode: r.form,
          year: r.year,
          at: now,
          recipients: people.length,
        });
        if (!claimed) continue;
        const form = templateOf((await findLatestForm(trx, r.form))!);
        for (const person of people) {
          const common = { formTitle: textIn(form.title, person.language), year: String(r.year), dueDay: r.dueDay, timeZone };
          await sendNotification(trx, ctx, {
            to: { userId: person.id },
            ...(step === 'overdue'
              ? { kind: 'exchange.deadline_overdue' as const, params: common }
              : { kind: 'exchange.deadline_reminder' as const, params: { ...common, count: r.daysLeft ?? 0 } }),
            link: '/exchange/deadlines',
            objectType: 'exchange_form',
            objectId: r.form,
          });
        }
        await recordAudit(trx, ctx, { action: 'exchange.remind_deadline', objectType: 'exchange_form', objectId: r.form, after: { party: r.party, year: r.year, step } });
        reminded++;
      }
    }
    return reminded;
  });
}

export function exchangeJobHandlers(deps: { baseUrl: string }): JobHandlers {
  return {
    [ackRemindersJob]: async (payload, { db, clock }) => {
      await sendAckReminders(db, clock, { baseUrl: deps.baseUrl, submissionId: String(payload.submissionId) });
    },
    [dailyRemindersJob]: async (_payload, { db, clock }) => {
      await sendDeadlineReminders(db, clock, { baseUrl: deps.baseUrl });
      // Sweep: any acknowledgement reminder a per-submission job has not sent (it failed for good, say).
      await sendAckReminders(db, clock, { baseUrl: deps.baseUrl });
    },
  };
}

/**
 * Keeps one daily reminders job queued per day of the forum's calendar, at 09:00 local time (or at
 * once when the server starts later in the day). The dedupe key makes it idempotent across passes
 * and server instances.
 */
export function exchangeScheduler(): JobSchedule {
  let scheduledFor: string | null = null;
  let zone: { tz: string; readAt: number } | null = null;
  return async (db, clock) => {
    const now = clock.now();
    // The profile's zone, re-read every ten minutes (this runs at every worker pass).
    if (!zone || Math.abs(now.getTime() - zone.readAt) > 600_000) zone = { tz: await forumTimeZone(db), readAt: now.getTime() };
    const timeZone = zone.tz;
    const day = localDay(now, timeZone);
    if (scheduledFor === day) return;
    const nine = new Date(startOfDayInZone(day, timeZone).getTime() + 9 * 3_600_000);
    await enqueueJob(db, clock, dailyRemindersJob, { day }, { runAt: nine > now ? nine : now, dedupeKey: `${dailyRemindersJob}:${day}` });
    // And tomorrow's, so a server that stays up across midnight has it waiting.
    const next = addDays(day, 1);
    await enqueueJob(db, clock, dailyRemindersJob, { day: next }, {
      runAt: new Date(startOfDayInZone(next, timeZone).getTime() + 9 * 3_600_000),
      dedupeKey: `${dailyRemindersJob}:${next}`,
    });
    scheduledFor = day;
  };
}
