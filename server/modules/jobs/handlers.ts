import type { Config } from '../../config.ts';
import { systemActor } from '../../shared/context.ts';
import { concludeDecision, concludeJobKind, remindDecision, reminderJobKind } from '../decisions/decisions.service.ts';
import { cleanupIdempotencyKeys, cleanupJobKind, idempotencyCleanupScheduler } from '../idempotency/idempotency.service.ts';
import { exchangeJobHandlers, exchangeScheduler } from '../exchange/exchange.jobs.ts';
import { digestJobKind, digestScheduler, runDigest } from '../notifications/digest.service.ts';
import { deliverOutboxMail, smtpSender } from '../notifications/mail.delivery.ts';
import { searchOutboxSchedule } from '../search/search.service.ts';
import type { JobHandlers, JobSchedule } from './jobs.service.ts';

/** Every kind of job the server runs. Modules add their handlers here. */
export function jobHandlers(deps: { config: Config }): JobHandlers {
  // One SMTP transport for the process; without SMTP, mail is held in the outbox.
  const mailSender = deps.config.smtp ? smtpSender(deps.config.smtp) : null;
  return {
    // A job the CLI and tests use to check the queue end to end.
    'system.noop': async () => {},
    'mail.send': async (payload, { db, clock, attempt }) =>
      deliverOutboxMail(db, clock, String(payload.outboxId), { sender: mailSender, from: deps.config.mailFrom, attempt }),
    [digestJobKind]: async (_payload, { db, clock }) => {
      await runDigest(db, clock, { baseUrl: deps.config.baseUrl });
    },
    // Decisions: announce what the clock already made true (the state is derived, never set by a job).
    [concludeJobKind]: async (payload, { db, clock }) => {
      await concludeDecision(db, { actor: systemActor, requestId: null, clock, baseUrl: deps.config.baseUrl }, String(payload.decisionId));
    },
    [reminderJobKind]: async (payload, { db, clock }) => {
      await remindDecision(db, { actor: systemActor, requestId: null, clock, baseUrl: deps.config.baseUrl }, String(payload.decisionId), String(payload.localDate));
    },
    [cleanupJobKind]: async (_payload, { db, clock }) => {
      await cleanupIdempotencyKeys(db, clock);
    },
    // Information exchange: acknowledgement and deadline reminders (whom to remind is read from the data).
    ...exchangeJobHandlers({ baseUrl: deps.config.baseUrl }),
  };
}

/** Recurring jobs the worker keeps scheduled. */
export function jobSchedules(_deps: { config: Config }): JobSchedule[] {
  return [digestScheduler(), exchangeScheduler(), searchOutboxSchedule(), idempotencyCleanupScheduler()];
}
