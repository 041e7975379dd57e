import { randomUUID } from 'node:crypto';
import type { DB } from '../../db/database.ts';
import type { Ctx } from '../../shared/context.ts';
import { type AuditFields, ChainVerifier, type ChainVerdict, chainHash, toJsonValue } from './audit-chain.ts';
import { insertAuditRow, lastHash, lockChain, readChainBatch } from './audit.repository.ts';

export interface AuditEntry {
  /** `<module>.<verb>`, e.g. `decisions.adopt`. */
  action: string;
  objectType: string;
  objectId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * The one way to write the audit trail. Call it with the transaction that makes the change,
 * so the change and its record commit or fail together.
 */
export async function recordAudit(trx: DB, ctx: Ctx, entry: AuditEntry): Promise<void> {
  await lockChain(trx);
  const prevHash = await lastHash(trx);
  const fields: AuditFields = {
    id: randomUUID(),
    at: ctx.clock.now().toISOString(),
    actorUserId: ctx.actor.userId,
    actorPartyId: ctx.actor.partyId,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId ?? null,
    before: toJsonValue(entry.before),
    after: toJsonValue(entry.after),
    requestId: ctx.requestId,
  };
  await insertAuditRow(trx, { ...fields, prevHash, hash: chainHash(prevHash, fields) });
}

/** Walks the whole chain and reports the first broken link, if any. */
export async function verifyAuditChain(db: DB, onProgress?: (checked: number) => void): Promise<ChainVerdict> {
  const verifier = new ChainVerifier();
  let after = '0';
  for (;;) {
    const rows = await readChainBatch(db, after, 2000);
    if (rows.length === 0) break;
    if (!verifier.feed(rows)) break;
    after = rows[rows.length - 1].seq;
    onProgress?.(verifier.verdict().count);
  }
  return verifier.verdict();
}
