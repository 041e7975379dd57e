import { sql } from 'kysely';
import type { DB } from '../../db/database.ts';
import { type ChainRow, GENESIS_HASH } from './audit-chain.ts';

// Any constant works; all writers of the chain take the same transaction-scoped lock.
const CHAIN_LOCK_KEY = 7_262_001;

export async function lockChain(trx: DB): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`.execute(trx);
}

export async function lastHash(trx: DB): Promise<string> {
  const row = await trx.selectFrom('audit_events').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row?.hash ?? GENESIS_HASH;
}

export async function insertAuditRow(trx: DB, row: Omit<ChainRow, 'seq'>): Promise<void> {
  await trx
    .insertInto('audit_events')
    .values({
      id: row.id,
      at: row.at,
      actor_user_id: row.actorUserId,
      actor_party_id: row.actorPartyId,
      action: row.action,
      object_type: row.objectType,
      object_id: row.objectId,
      before: JSON.stringify(row.before),
      after: JSON.stringify(row.after),
      request_id: row.requestId,
      prev_hash: row.prevHash,
      hash: row.hash,
    })
    .execute();
}

export async function readChainBatch(db: DB, afterSeq: string, limit: number): Promise<ChainRow[]> {
  const rows = await db
    .selectFrom('audit_events')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: String(r.seq),
    id: r.id,
    at: new Date(r.at).toISOString(),
    actorUserId: r.actor_user_id,
    actorPartyId: r.actor_party_id,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    before: r.before,
    after: r.after,
    requestId: r.request_id,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

export interface AuditListFilter {
  objectType?: string;
  objectId?: string;
  actorUserId?: string;
  limit: number;
}

export async function listAuditEvents(db: DB, f: AuditListFilter) {
  let q = db.selectFrom('audit_events').selectAll().orderBy('seq', 'desc').limit(f.limit);
  if (f.objectType) q = q.where('object_type', '=', f.objectType);
  if (f.objectId) q = q.where('object_id', '=', f.objectId);
  if (f.actorUserId) q = q.where('actor_user_id', '=', f.actorUserId);
  return q.execute();
}
