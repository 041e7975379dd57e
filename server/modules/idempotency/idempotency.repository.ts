/** The only SQL of idempotency keys. */
import type { DB } from '../../db/database.ts';

export interface KeyRef {
  userId: string;
  key: string;
}

/** Claims the key for a new request; false when it is already stored. */
export async function claimKey(db: DB, ref: KeyRef, scope: string, requestHash: string, now: Date): Promise<boolean> {
  const r = await db
    .insertInto('idempotency_keys')
    .values({ user_id: ref.userId, key: ref.key, scope, request_hash: requestHash, status: 'in-flight', created_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function findKey(db: DB, ref: KeyRef) {
  return db.selectFrom('idempotency_keys').selectAll().where('user_id', '=', ref.userId).where('key', '=', ref.key).executeTakeFirst();
}

/** Takes over a stored key (expired, or its request died), if nobody else did in between. */
export async function retakeKey(db: DB, id: string, seenCreatedAt: Date, scope: string, requestHash: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('idempotency_keys')
    .set({ scope, request_hash: requestHash, status: 'in-flight', created_at: now, completed_at: null, response_status: null, response_body: null })
    .where('id', '=', id)
    .where('created_at', '=', seenCreatedAt)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function completeKey(trx: DB, ref: KeyRef, status: number, body: unknown, now: Date): Promise<void> {
  await trx
    .updateTable('idempotency_keys')
    .set({ status: 'done', response_status: status, response_body: JSON.stringify(body), completed_at: now })
    .where('user_id', '=', ref.userId)
    .where('key', '=', ref.key)
    .execute();
}

export async function releaseKey(db: DB, ref: KeyRef): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('user_id', '=', ref.userId).where('key', '=', ref.key).where('status', '=', 'in-flight').execute();
}

export async function deleteKeysOlderThan(db: DB, before: Date): Promise<number> {
  const r = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).where('status', '=', 'done').executeTakeFirst();
  return Number(r.numDeletedRows);
}
