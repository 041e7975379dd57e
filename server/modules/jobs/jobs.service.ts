import type { DB } from '../../db/database.ts';
import type { Clock } from '../../shared/clock.ts';
import { backoffMs } from './jobs.ts';
import { claimDueJobs, insertJob, markJobDone, markJobFailed } from './jobs.repository.ts';

export type JobHandler = (payload: Record<string, unknown>, ctx: { db: DB; clock: Clock; attempt: number }) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;
/** Runs at every worker pass to enqueue recurring jobs (idempotently, with a dedupe key). */
export type JobSchedule = (db: DB, clock: Clock) => Promise<void>;

/** Enqueue inside the transaction of the change that causes it: the job exists iff the change committed. */
export async function enqueueJob(
  trx: DB,
  clock: Clock,
  kind: string,
  payload: Record<string, unknown>,
  opts: { runAt?: Date; maxAttempts?: number; dedupeKey?: string } = {},
): Promise<void> {
  await insertJob(trx, { kind, payload, runAt: opts.runAt ?? clock.now(), maxAttempts: opts.maxAttempts, dedupeKey: opts.dedupeKey });
}

/** Runs the jobs due now. Returns how many ran. A failed job is retried with backoff, never dropped. */
export async function runDueJobs(db: DB, clock: Clock, handlers: JobHandlers, limit = 20): Promise<number> {
  const jobs = await claimDueJobs(db, clock.now(), limit, 5 * 60_000, Object.keys(handlers));
  for (const job of jobs) {
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(job.payload, { db, clock, attempt: job.attempts });
      await markJobDone(db, job.id, clock.now());
    } catch (err) {
      const retry = job.attempts < job.max_attempts ? new Date(clock.now().getTime() + backoffMs(job.attempts)) : null;
      await markJobFailed(db, job.id, (err as Error)?.message ?? String(err), retry);
    }
  }
  return jobs.length;
}

/** Polls for due jobs until stopped. */
export function startJobWorker(
  db: DB,
  clock: Clock,
  handlers: JobHandlers,
  opts: { intervalMs?: number; onError?: (e: unknown) => void; schedules?: JobSchedule[] } = {},
) {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    for (const schedule of opts.schedules ?? []) {
      try {
        await schedule(db, clock);
      } catch (err) {
        opts.onError?.(err);
      }
    }
    try {
      while (!stopped && (await runDueJobs(db, clock, handlers)) > 0) {
        /* drain */
      }
    } catch (err) {
      opts.onError?.(err);
    }
  };
  const timer = setInterval(() => {
    running = tick();
  }, opts.intervalMs ?? 2000);
  timer.unref();
  return {
    /** Runs a pass now (after a commit that enqueued mail, say). */
    kick() {
      running = running.then(tick);
      return running;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
