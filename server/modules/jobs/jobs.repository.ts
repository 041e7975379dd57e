import { sql } from 'kysely';
import type { DB } from '../../db/database.ts';

export interface JobRow {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

export async function insertJob(
  trx: DB,
  job: { kind: string; payload: Record<string, unknown>; runAt: Date; maxAttempts?: number; dedupeKey?: string },
): Promise<void> {
  await trx
    .insertInto('jobs')
    .values({
      kind: job.kind,
      payload: JSON.stringify(job.payload),
      run_at: job.runAt,
      max_attempts: job.maxAttempts ?? 10,
      dedupe_key: job.dedupeKey ?? null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/**
 * Claims due jobs for `leaseMs`. SKIP LOCKED lets several server instances share the table;
 * a claimed job whose worker dies becomes due again when its lease runs out.
 */
export async function claimDueJobs(db: DB, now: Date, limit: number, leaseMs: number, kinds?: readonly string[]): Promise<JobRow[]> {
  const lease = new Date(now.getTime() + leaseMs);
  if (kinds && kinds.length === 0) return [];
  // Only kinds this worker can run: another instance (or a newer version) may know more.
  const ofKinds = kinds ? sql`AND kind IN (${sql.join(kinds)})` : sql``;
  const result = await sql<JobRow>`
    UPDATE jobs SET locked_until = ${lease}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM jobs
      WHERE status = 'pending' AND run_at <= ${now} AND (locked_until IS NULL OR locked_until <= ${now}) ${ofKinds}
      ORDER BY run_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, kind, payload, attempts, max_attempts`.execute(db);
  return result.rows;
}

export async function markJobDone(db: DB, id: string, now: Date): Promise<void> {
  await db.updateTable('jobs').set({ status: 'done', done_at: now, locked_until: null, last_error: null }).where('id', '=', id).execute();
}

export async function markJobFailed(db: DB, id: string, error: string, retryAt: Date | null): Promise<void> {
  await db
    .updateTable('jobs')
    .set(
      retryAt
        ? { run_at: retryAt, locked_until: null, last_error: error.slice(0, 2000) }
        : { status: 'dead', locked_until: null, last_error: error.slice(0, 2000) },
    )
    .where('id', '=', id)
    .execute();
}

export async function countJobs(db: DB) {
  return db.selectFrom('jobs').select(['status', sql<string>`count(*)`.as('n')]).groupBy('status').execute();
}
