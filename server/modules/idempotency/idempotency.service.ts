import type { DB } from '../../db/database.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import { IDEMPOTENCY_TTL_MS, judgeStoredKey } from './idempotency.ts';
import { claimKey, completeKey, deleteKeysOlderThan, findKey, type KeyRef, releaseKey, retakeKey } from './idempotency.repository.ts';

export interface IdempotentRequest {
  /** The client's Idempotency-Key. */
  key: string;
  /** Method and route the key was used for. */
  scope: string;
  /** requestFingerprint(method, path, body). */
  requestHash: string;
}

export type IdempotentResult<T> = { status: number; body: T; replayed: boolean };

/**
 * Runs `work` once per (user, key). `work` gets a `complete(trx, status, body)` to call inside
 * its own transaction, so the stored response commits with the change it describes. A failed
 * request releases its key, so the client may retry it with the same key.
 */
export async function runIdempotent<T>(
  db: DB,
  ctx: Ctx,
  req: IdempotentRequest,
  work: (complete: (trx: DB, status: number, body: T) => Promise<void>) => Promise<{ status: number; body: T }>,
): Promise<IdempotentResult<T>> {
  const userId = ctx.actor.userId;
  if (!userId) throw new AppError('unauthenticated', 'auth.required', 'Sign in to do this.');
  const ref: KeyRef = { userId, key: req.key };
  const now = ctx.clock.now();
  if (!(await claimKey(db, ref, req.scope, req.requestHash, now))) {
    const stored = await findKey(db, ref);
    if (!stored) throw idempotencyErrors.inFlight();
    const verdict = judgeStoredKey(
      {
        scope: stored.scope,
        requestHash: stored.request_hash,
        status: stored.status,
        createdAt: new Date(stored.created_at),
        completedAt: stored.completed_at ? new Date(stored.completed_at) : null,
        responseStatus: stored.response_status,
        responseBody: stored.response_body,
      },
      req.scope,
      req.requestHash,
      now,
    );
    if (verdict.kind === 'mismatch') throw idempotencyErrors.mismatch();
    if (verdict.kind === 'in-flight') throw idempotencyErrors.inFlight();
    if (verdict.kind === 'replay') return { status: verdict.status, body: verdict.body as T, replayed: true };
    if (!(await retakeKey(db, stored.id, new Date(stored.created_at), req.scope, req.requestHash, now))) throw idempotencyErrors.inFlight();
  }
  try {
    const r = await work((trx, status, body) => completeKey(trx, ref, status, body, ctx.clock.now()));
    return { ...r, replayed: false };
  } catch (err) {
    await releaseKey(db, ref).catch(() => {});
    throw err;
  }
}

export const idempotencyErrors = {
  mismatch: () =>
    new AppError('unprocessable', 'idempotency.key_reused', 'This Idempotency-Key was already used with a different request.', {
      fields: [{ field: 'Idempotency-Key', message: 'was used for another request' }],
    }),
  inFlight: () => new AppError('conflict', 'idempotency.in_flight', 'A request with this Idempotency-Key is still being processed; retry in a moment.', { retryAfterSeconds: 1 }),
  badKey: () =>
    new AppError('bad_input', 'idempotency.bad_key', 'An Idempotency-Key is 1 to 255 visible ASCII characters.', { fields: [{ field: 'Idempotency-Key', message: 'is malformed' }] }),
};

export const cleanupJobKind = 'idempotency.cleanup';

/** Once a day (UTC), a job forgets completed keys older than their time to live. */
export function idempotencyCleanupScheduler(): (db: DB, clock: Clock) => Promise<void> {
  let scheduledFor: string | null = null;
  return async (db, clock) => {
    const day = clock.now().toISOString().slice(0, 10);
    if (scheduledFor === day) return;
    await db.transaction().execute((trx) => enqueueJob(trx, clock, cleanupJobKind, {}, { dedupeKey: `${cleanupJobKind}:${day}` }));
    scheduledFor = day;
  };
}

export async function cleanupIdempotencyKeys(db: DB, clock: Clock): Promise<number> {
  return deleteKeysOlderThan(db, new Date(clock.now().getTime() - IDEMPOTENCY_TTL_MS));
}
