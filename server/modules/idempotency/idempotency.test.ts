import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_STALE_MS, IDEMPOTENCY_TTL_MS, judgeStoredKey, requestFingerprint, type StoredKey } from './idempotency.ts';

const now = new Date('2026-03-02T05:00:00Z');
const hash = requestFingerprint('POST', '/api/decisions/x/positions', { kind: 'joins', text: null });
const stored = (s: Partial<StoredKey> = {}): StoredKey => ({
  scope: 'POST /api/decisions/:id/positions',
  requestHash: hash,
  status: 'done',
  createdAt: new Date(now.getTime() - 1000),
  completedAt: new Date(now.getTime() - 900),
  responseStatus: 201,
  responseBody: { ok: true },
  ...s,
});

describe('Idempotency-Key rules', () => {
  it('fingerprints the method, path and body, whatever the key order', () => {
    expect(requestFingerprint('post', '/a', { b: 1, a: 2 })).toBe(requestFingerprint('POST', '/a', { a: 2, b: 1 }));
    expect(requestFingerprint('POST', '/a', { a: 1 })).not.toBe(requestFingerprint('POST', '/b', { a: 1 }));
    expect(requestFingerprint('POST', '/a', { a: 1 })).not.toBe(requestFingerprint('POST', '/a', { a: 2 }));
  });

  it('replays the stored response for the same request', () => {
    expect(judgeStoredKey(stored(), 'POST /api/decisions/:id/positions', hash, now)).toEqual({ kind: 'replay', status: 201, body: { ok: true } });
  });

  it('refuses another request under the same key', () => {
    expect(judgeStoredKey(stored(), 'POST /api/decisions/:id/positions', 'other', now)).toEqual({ kind: 'mismatch' });
    expect(judgeStoredKey(stored(), 'POST /api/decisions/:id/comments', hash, now)).toEqual({ kind: 'mismatch' });
  });

  it('answers "in flight" while the first request runs, and takes over a key whose request died', () => {
    const inFlight = stored({ status: 'in-flight', completedAt: null, responseStatus: null, responseBody: null });
    expect(judgeStoredKey(inFlight, inFlight.scope, hash, now)).toEqual({ kind: 'in-flight' });
    const stale = { ...inFlight, createdAt: new Date(now.getTime() - IDEMPOTENCY_STALE_MS) };
    expect(judgeStoredKey(stale, stale.scope, hash, now)).toEqual({ kind: 'reuse' });
  });

  it('forgets a completed key after its time to live', () => {
    const old = stored({ completedAt: new Date(now.getTime() - IDEMPOTENCY_TTL_MS) });
    expect(judgeStoredKey(old, old.scope, 'another request', now)).toEqual({ kind: 'reuse' });
  });
});
