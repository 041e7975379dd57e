import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock.ts';
import { newTotpSecret, totpAt } from '../identity/totp.ts';
import { cicaParties } from '../registry/cica.data.ts';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { createUser, type TestUser } from '../../../test/helpers/auth.ts';
import { asMfaRole, ctxAs, seedDecisionWorld } from '../../../test/helpers/decisions.ts';
import { recordPosition } from './decisions.service.ts';

/**
 * At most one current position per member state per decision, enforced by the database: 28
 * member states each submit the same position 20 times at once (560 concurrent submissions),
 * and exactly 28 positions exist afterwards — no more current ones, and no duplicates at all.
 * 100 rounds through the service (every round a new decision) and 5 rounds over real HTTP, on
 * PGlite and, with DATABASE_URL, on PostgreSQL (where the submissions really run in parallel
 * on a pool of connections).
 */
// PGlite runs one statement at a time (about 1.5 ms a round trip), so 100 rounds of 560 take minutes
// there; the default is 10 rounds on PGlite and 100 on PostgreSQL. DECISIONS_CONCURRENCY_ROUNDS=100
// runs the full count on either.
const onPostgres = !!process.env.DATABASE_URL;
const ROUNDS = Number(process.env.DECISIONS_CONCURRENCY_ROUNDS ?? (onPostgres ? 100 : 10));
const HTTP_ROUNDS = Number(process.env.DECISIONS_CONCURRENCY_HTTP_ROUNDS ?? (onPostgres ? 5 : 2));
const PER_STATE = 20;
const memberCodes = cicaParties.filter((p) => p.kind === 'member-state').map((p) => p.code);

let t: TestApp;
let heads: TestUser[];
const secrets = new Map<string, string>();
/** Each head's step-up code at the clock's time (the clock moves 30 s a round, so every round has fresh codes). */
const codeOf = (u: TestUser) => totpAt(secrets.get(u.id)!, t.clock.now());
let manual: ManualClock;
let memberIds: string[];

/** A decision under silence, launched now, with every member state counted. */
async function openDecision(round: number): Promise<string> {
  const now = t.clock.now();
  const row = await t.db
    .insertInto('decisions')
    .values({
      body_code: 'SOC',
      title: JSON.stringify({ en: `Concurrency round ${round}` }),
      proposer_kind: 'secretariat',
      procedure: 'silence',
      definition: 'no-objection',
      outcome_access: 'members',
      created_at: now,
      launched_at: now,
      member_party_ids: memberIds,
      expires_at: new Date(now.getTime() + 14 * 86_400_000),
      expiry_zone: 'Asia/Almaty',
      expiry_local_date: '2026-03-16',
      expiry_local_time: '18:00',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function counts(id: string) {
  const r = await t.db
    .selectFrom('decision_positions')
    .select([(eb) => eb.fn.countAll<string>().as('total'), (eb) => eb.fn.count<string>('party_id').distinct().as('parties')])
    .where('decision_id', '=', id)
    .executeTakeFirstOrThrow();
  const current = await t.db.selectFrom('decision_positions').select((eb) => eb.fn.countAll<string>().as('n')).where('decision_id', '=', id).where('is_current', '=', true).executeTakeFirstOrThrow();
  return { total: Number(r.total), parties: Number(r.parties), current: Number(current.n) };
}

beforeAll(async () => {
  manual = new ManualClock('2026-03-02T05:00:00Z');
  t = await testApp({ clock: manual });
  const parties = await seedDecisionWorld(t, memberCodes);
  memberIds = memberCodes.map((c) => parties[c].id);
  heads = [];
  for (const code of memberCodes) {
    const u = await createUser(t, { partyCode: code, role: 'head-of-delegation' });
    const secret = newTotpSecret();
    await t.db.updateTable('users').set({ totp_secret: secret, totp_enabled: true }).where('id', '=', u.id).execute();
    secrets.set(u.id, secret);
    heads.push(u);
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('28 member states × 20 concurrent identical submissions', () => {
  it(`end in exactly 28 positions, ${ROUNDS} rounds through the service`, async () => {
    const started = performance.now();
    for (let round = 0; round < ROUNDS; round++) {
      manual.advance(30_000);
      const id = await openDecision(round);
      const kind = round % 2 === 0 ? 'joins' : 'no-objection';
      // All 560 at once, arriving interleaved (state 1, state 2, …, state 28, state 1, …) as real traffic would,
      // each with its state's step-up code: one records, the others find the position already there.
      const results = await Promise.all(Array.from({ length: PER_STATE }, () => heads.map((u) => recordPosition(t.db, ctxAs(t, u), id, { kind }, undefined, codeOf(u)))).flat());
      expect(results.filter((r) => r.status === 201)).toHaveLength(memberCodes.length);
      expect(results.filter((r) => r.status === 200)).toHaveLength(memberCodes.length * (PER_STATE - 1));
      expect(await counts(id)).toEqual({ total: 28, parties: 28, current: 28 });
      expect(await t.db.selectFrom('decision_tallies').select(['joined_count', 'acted_count', 'blocking_count']).where('decision_id', '=', id).executeTakeFirst()).toEqual({
        joined_count: kind === 'joins' ? 28 : 0,
        acted_count: 28,
        blocking_count: 0,
      });
    }
    console.log(`decisions concurrency: ${ROUNDS} rounds × ${memberCodes.length * PER_STATE} submissions through the service in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }, 600_000);

  it(`end in exactly 28 positions, ${HTTP_ROUNDS} rounds over HTTP`, async () => {
    const focals: Array<{ cookie: string; secret: string }> = [];
    for (const code of memberCodes) {
      const f = await asMfaRole(t, code, 'focal-point');
      const row = await t.db.selectFrom('users').select('totp_secret').where('id', '=', f.user.id).executeTakeFirstOrThrow();
      focals.push({ cookie: f.cookie, secret: row.totp_secret! });
    }
    const started = performance.now();
    for (let round = 0; round < HTTP_ROUNDS; round++) {
      manual.advance(30_000);
      const id = await openDecision(1000 + round);
      const responses = await Promise.all(
        Array.from({ length: PER_STATE }, () =>
          focals.map((f) => t.post(`/api/decisions/${id}/positions`, { kind: 'joins' }, { cookie: f.cookie, headers: { 'x-totp-code': totpAt(f.secret, t.clock.now()) } })),
        ).flat(),
      );
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(28);
      expect(statuses.filter((s) => s === 200)).toHaveLength(28 * (PER_STATE - 1));
      expect(await counts(id)).toEqual({ total: 28, parties: 28, current: 28 });
    }
    console.log(`decisions concurrency: ${HTTP_ROUNDS} rounds × ${memberCodes.length * PER_STATE} requests over HTTP in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }, 600_000);

  it('lets the database refuse a second current position even if the application did not check', async () => {
    const id = await openDecision(9999);
    const values = { decision_id: id, party_id: memberIds[0], kind: 'joins' as const, recorded_by_user_id: heads[0].id, recorded_at: t.clock.now(), mfa: true };
    await t.db.insertInto('decision_positions').values(values).execute();
    await expect(t.db.insertInto('decision_positions').values(values).execute()).rejects.toMatchObject({ code: '23505' });
    // Append-only: no edit, no delete.
    await expect(t.db.updateTable('decision_positions').set({ text: 'edited' }).where('decision_id', '=', id).execute()).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom('decision_positions').where('decision_id', '=', id).execute()).rejects.toThrow(/append-only/);
  });
});
