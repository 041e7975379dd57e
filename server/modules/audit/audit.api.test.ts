import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Ctx, systemActor } from '../../shared/context.ts';
import { recordAudit, verifyAuditChain } from './audit.service.ts';

let t: TestApp;
let ctx: Ctx;
beforeAll(async () => {
  t = await testApp();
  ctx = { actor: systemActor, requestId: 'req-1', clock: t.clock };
  for (let i = 0; i < 5; i++) {
    await t.db.transaction().execute((trx) => recordAudit(trx, ctx, { action: 'test.write', objectType: 'thing', objectId: String(i), before: null, after: { i, text: '亚信 СВМДА' } }));
  }
});
afterAll(() => t?.close());

describe('audit trail in the database', () => {
  it('verifies an intact chain', async () => {
    const v = await verifyAuditChain(t.db);
    expect(v).toMatchObject({ ok: true, count: 5 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    await expect(sql`UPDATE audit_events SET action = 'x'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_events`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_events`.execute(t.db)).rejects.toThrow(/append-only/);
    const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM audit_events`.execute(t.db);
    expect(Number(rows[0].n)).toBe(5);
  });

  it('is written in the same transaction: a rolled-back change leaves no audit row', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await recordAudit(trx, ctx, { action: 'test.write', objectType: 'thing', objectId: 'rolled-back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const row = await t.db.selectFrom('audit_events').select('id').where('object_id', '=', 'rolled-back').executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('keeps one chain under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.db.transaction().execute((trx) => recordAudit(trx, ctx, { action: 'test.concurrent', objectType: 'thing', objectId: `c${i}` })),
      ),
    );
    const v = await verifyAuditChain(t.db);
    expect(v).toMatchObject({ ok: true, count: 25 });
  });

  it('detects a row edited behind its back (trigger disabled by the database owner)', async () => {
    await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`.execute(t.db);
    await sql`UPDATE audit_events SET after = '{"i": 99}'::jsonb WHERE object_id = '2'`.execute(t.db);
    await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete`.execute(t.db);
    const v = await verifyAuditChain(t.db);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.brokenAt.reason).toBe('hash_mismatch');
      const edited = await t.db.selectFrom('audit_events').select('seq').where('object_id', '=', '2').executeTakeFirstOrThrow();
      expect(v.brokenAt.seq).toBe(String(edited.seq));
    }
  });
});
