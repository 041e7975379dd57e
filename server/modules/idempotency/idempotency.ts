/**
 * Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): the pure rules. A client that
 * retries a POST with the same key gets the first result again instead of a second change.
 * - same key, same request → the stored response, replayed;
 * - same key, different request → 422 (the key was reused by mistake);
 * - same key while the first request is still being processed → 409 (retry later).
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** Keys are remembered this long; after that a key may be used afresh. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;
/** An in-flight key older than this belongs to a request that died (process crash): it is taken over. */
export const IDEMPOTENCY_STALE_MS = 60_000;
/** The draft asks for a string key; Concord accepts 1–255 visible ASCII characters. */
export const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/;

/** A fingerprint of the request: method, path and body (JSON, canonical key order). */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(canonicalize({ method: method.toUpperCase(), path, body: body ?? null }) ?? '')
    .digest('hex');
}

export interface StoredKey {
  scope: string;
  requestHash: string;
  status: 'in-flight' | 'done';
  createdAt: Date;
  completedAt: Date | null;
  responseStatus: number | null;
  responseBody: unknown;
}

export type KeyVerdict =
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'mismatch' }
  | { kind: 'in-flight' }
  /** The stored key has expired or its request died: use it afresh. */
  | { kind: 'reuse' };

/** What to do with a request whose key is already stored. */
export function judgeStoredKey(stored: StoredKey, scope: string, requestHash: string, now: Date): KeyVerdict {
  const age = now.getTime() - (stored.completedAt ?? stored.createdAt).getTime();
  if (stored.status === 'done' && age >= IDEMPOTENCY_TTL_MS) return { kind: 'reuse' };
  if (stored.scope !== scope || stored.requestHash !== requestHash) return { kind: 'mismatch' };
  if (stored.status === 'done') return { kind: 'replay', status: stored.responseStatus ?? 200, body: stored.responseBody };
  if (now.getTime() - stored.createdAt.getTime() >= IDEMPOTENCY_STALE_MS) return { kind: 'reuse' };
  return { kind: 'in-flight' };
}
