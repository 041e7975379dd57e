import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The first link of the chain points at this. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit row that the hash covers (everything but seq and the hashes). */
export interface AuditFields {
  id: string;
  at: string;
  actorUserId: string | null;
  actorPartyId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** hash = SHA-256(previous hash || RFC 8785 canonical JSON of the row), hex. */
export function chainHash(prevHash: string, fields: AuditFields): string {
  const json = canonicalize(fields);
  if (json === undefined) throw new Error('audit row is not serialisable');
  return createHash('sha256').update(prevHash).update(json).digest('hex');
}

/** Makes a value plain JSON (dates to ISO strings, undefined dropped) so what is stored is what is hashed. */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value));
}

export interface ChainRow extends AuditFields {
  seq: string;
  prevHash: string;
  hash: string;
}

export type ChainVerdict =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; count: number; brokenAt: { seq: string; id: string; reason: 'prev_hash_mismatch' | 'hash_mismatch' } };

/** Walks rows in order; pure so it can be fed in batches. */
export class ChainVerifier {
  private prev = GENESIS_HASH;
  private n = 0;
  private broken: ChainVerdict | null = null;

  feed(rows: ChainRow[]): boolean {
    for (const row of rows) {
      if (this.broken) return false;
      this.n++;
      if (row.prevHash !== this.prev) {
        this.broken = { ok: false, count: this.n, brokenAt: { seq: row.seq, id: row.id, reason: 'prev_hash_mismatch' } };
        return false;
      }
      const { seq: _seq, prevHash: _p, hash, ...fields } = row;
      if (chainHash(this.prev, fields) !== hash) {
        this.broken = { ok: false, count: this.n, brokenAt: { seq: row.seq, id: row.id, reason: 'hash_mismatch' } };
        return false;
      }
      this.prev = hash;
    }
    return true;
  }

  verdict(): ChainVerdict {
    return this.broken ?? { ok: true, count: this.n, lastHash: this.prev };
  }
}
