import { describe, expect, it } from 'vitest';
import { type ChainRow, ChainVerifier, chainHash, GENESIS_HASH } from './audit-chain.ts';

function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const fields = {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      actorUserId: null,
      actorPartyId: null,
      action: 'test.act',
      objectType: 'thing',
      objectId: String(i),
      before: null,
      after: { n: i, name: 'Ünïcode 亚信 مؤتمر' },
      requestId: null,
    };
    const hash = chainHash(prev, fields);
    rows.push({ ...fields, seq: String(i), prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('audit hash chain', () => {
  it('hashes canonical JSON: key order does not matter', () => {
    const a = chain(1)[0];
    const { seq: _s, prevHash: _p, hash, ...fields } = a;
    const reordered = Object.fromEntries(Object.entries(fields).reverse()) as typeof fields;
    expect(chainHash(GENESIS_HASH, reordered)).toBe(hash);
  });

  it('accepts an intact chain', () => {
    const v = new ChainVerifier();
    expect(v.feed(chain(50))).toBe(true);
    expect(v.verdict()).toMatchObject({ ok: true, count: 50 });
  });

  it('finds an edited row', () => {
    const rows = chain(10);
    rows[6] = { ...rows[6], after: { n: 999 } };
    const v = new ChainVerifier();
    v.feed(rows);
    expect(v.verdict()).toMatchObject({ ok: false, brokenAt: { seq: '7', reason: 'hash_mismatch' } });
  });

  it('finds a deleted row and a reordered pair', () => {
    const rows = chain(10);
    const deleted = [...rows.slice(0, 3), ...rows.slice(4)];
    const v1 = new ChainVerifier();
    v1.feed(deleted);
    expect(v1.verdict()).toMatchObject({ ok: false, brokenAt: { seq: '5', reason: 'prev_hash_mismatch' } });
    const swapped = [...rows];
    [swapped[2], swapped[3]] = [swapped[3], swapped[2]];
    const v2 = new ChainVerifier();
    v2.feed(swapped);
    expect(v2.verdict()).toMatchObject({ ok: false, brokenAt: { seq: '4' } });
  });
});
