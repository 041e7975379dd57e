import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock.ts';
import type { Actor } from '../../shared/context.ts';
import { can } from '../../shared/policy.ts';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { createUser, type TestUser } from '../../../test/helpers/auth.ts';
import { actorOf, seedDecisionWorld } from '../../../test/helpers/decisions.ts';
import { deriveState, type PositionKind } from './decision.ts';
import { decisionVisibleTo, type ListWhere, listDecisionRows } from './decisions.repository.ts';
import { accessOf, recordOf, summaryFromList } from './decisions.service.ts';

/**
 * The list filters and pages by state and visibility in SQL; everything else derives the state
 * with the pure rule (decision.ts) and checks the policy. The two must agree: here on every kind
 * of decision, at instants before, at and after its deadline.
 */
let t: TestApp;
const H = 3_600_000;
const base = new Date('2026-03-02T05:00:00Z');
const at = (h: number) => new Date(base.getTime() + h * H);
let parties: Record<string, { id: string }>;
let members: string[];
let officer: TestUser;
let kz: TestUser;
let az: TestUser;
let jp: TestUser;

type Spec = {
  procedure?: 'silence' | 'in-session';
  launched?: boolean;
  expires?: number;
  withdrawn?: number;
  finding?: { h: number; outcome: 'no-objection' | 'objection' };
  definition?: 'no-objection' | 'unanimity';
  access?: 'public' | 'members' | 'members-and-observers';
  proposer?: string;
  positions?: Array<[string, PositionKind, number]>;
};

const specs: Spec[] = [
  { launched: false },
  { launched: false, withdrawn: 1 },
  { launched: false, proposer: 'KZ' },
  { expires: 100 },
  { expires: 100, positions: [['KZ', 'joins', 1], ['TR', 'reservation', 2]] },
  { expires: 100, positions: [['IN', 'objection', 5]], access: 'members-and-observers' },
  { expires: 100, positions: [['CN', 'amendment', 5]], access: 'public' },
  { expires: 100, positions: [['IN', 'withdrawn-objection', 7]] },
  { expires: 100, positions: [['IN', 'objection', 100]] }, // at the deadline: does not count
  { expires: 100, withdrawn: 50, access: 'public' },
  { expires: 100, withdrawn: 150, access: 'public' },
  { expires: 100, definition: 'unanimity', positions: [['KZ', 'joins', 1]] },
  { expires: 100, definition: 'unanimity', positions: ['AZ', 'KZ', 'TR', 'CN', 'IN', 'RU'].map((c) => [c, 'joins', 3] as [string, PositionKind, number]) },
  { procedure: 'in-session', launched: false },
  { procedure: 'in-session' },
  { procedure: 'in-session', withdrawn: 10 },
  { procedure: 'in-session', finding: { h: 20, outcome: 'no-objection' }, access: 'public' },
  { procedure: 'in-session', finding: { h: 20, outcome: 'objection' }, access: 'members-and-observers' },
  { procedure: 'in-session', finding: { h: 20, outcome: 'no-objection' }, withdrawn: 10 },
  { procedure: 'in-session', definition: 'unanimity', finding: { h: 20, outcome: 'no-objection' }, positions: [['KZ', 'joins', 1]] },
];

beforeAll(async () => {
  t = await testApp({ clock: new ManualClock(base) });
  parties = await seedDecisionWorld(t);
  members = ['AZ', 'KZ', 'TR', 'CN', 'IN', 'RU'].map((c) => parties[c].id);
  officer = await createUser(t, { partyCode: 'SEC', role: 'officer' });
  kz = await createUser(t, { partyCode: 'KZ', role: 'delegate' });
  az = await createUser(t, { partyCode: 'AZ', role: 'focal-point' });
  jp = await createUser(t, { partyCode: 'JP', role: 'focal-point', kind: 'observer-state' });
  for (const [i, s] of specs.entries()) {
    const silence = (s.procedure ?? 'silence') === 'silence';
    const launched = s.launched !== false;
    const row = await t.db
      .insertInto('decisions')
      .values({
        body_code: 'SOC',
        title: JSON.stringify({ en: `Case ${i}` }),
        proposer_kind: s.proposer ? 'member-state' : 'secretariat',
        proposer_party_id: s.proposer ? parties[s.proposer].id : null,
        procedure: silence ? 'silence' : 'in-session',
        definition: s.definition ?? 'no-objection',
        outcome_access: s.access ?? 'members',
        created_at: new Date(base.getTime() - i * 1000),
        launched_at: launched ? base : null,
        member_party_ids: launched ? members : [],
        expires_at: silence && launched ? at(s.expires ?? 100) : null,
        expiry_zone: silence && launched ? 'Asia/Almaty' : null,
        expiry_local_date: silence && launched ? '2026-03-06' : null,
        expiry_local_time: silence && launched ? '18:00' : null,
        withdrawn_at: s.withdrawn !== undefined ? at(s.withdrawn) : null,
        finding_at: s.finding ? at(s.finding.h) : null,
        finding_outcome: s.finding?.outcome ?? null,
        finding_objector_party_ids: s.finding?.outcome === 'objection' ? [parties.CN.id] : [],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [code, kind, h] of s.positions ?? []) {
      await t.db
        .insertInto('decision_positions')
        .values({ decision_id: row.id, party_id: parties[code].id, kind, text: kind === 'joins' || kind === 'withdrawn-objection' ? null : 'Text.', recorded_by_user_id: officer.id, recorded_at: at(h), mfa: true })
        .execute();
    }
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

type Facts = ListWhere['facts'];
const all = (now: Date, viewer: Actor = actorOf(officer, false), state?: string, facts: Facts = { now, chairPartyId: parties.AZ.id, observersMayComment: false }) =>
  listDecisionRows(t.db, { viewer, facts, now, myPartyId: null, state }, { limit: 200, offset: 0 });

describe('the state in SQL and the pure rule', () => {
  for (const h of [0, 30, 99.999, 100, 101, 200]) {
    it(`agree on every kind of decision ${h} hours after the launch`, async () => {
      const now = at(h);
      const rows = await all(now);
      expect(rows).toHaveLength(specs.length);
      for (const row of rows) expect(row.state, `${row.title.en} at +${h} h`).toBe(deriveState(recordOf(row), summaryFromList(row), row.definition, now).state);
      // Filtering by state gives exactly the rows in that state.
      for (const state of new Set(rows.map((r) => r.state))) {
        expect((await all(now, undefined, state)).map((r) => r.id).sort()).toEqual(rows.filter((r) => r.state === state).map((r) => r.id).sort());
      }
    });
  }
});

describe('the stored tallies', () => {
  it('equal a recount of every decision’s current positions, after positions are superseded and a deadline moves', async () => {
    const recount = async () =>
      (
        await sql<{ id: string; ok: boolean }>`SELECT d.id, (coalesce(t.blocking_count, 0), coalesce(t.joined_count, 0), coalesce(t.acted_count, 0)) = (
          SELECT (count(*) FILTER (WHERE p.kind IN ('objection', 'amendment') AND (d.expires_at IS NULL OR p.recorded_at < d.expires_at)))::int,
                 (count(*) FILTER (WHERE p.kind = 'joins' AND (d.expires_at IS NULL OR p.recorded_at < d.expires_at)))::int, count(*)::int
          FROM decision_positions p WHERE p.decision_id = d.id AND p.is_current AND p.party_id = ANY (d.member_party_ids)) AS ok
          FROM decisions d LEFT JOIN decision_tallies t ON t.decision_id = d.id`.execute(t.db)
      ).rows;
    expect((await recount()).filter((r) => !r.ok)).toEqual([]);
    // An objection superseded by its withdrawal, in one transaction as the service does it.
    const row = await t.db.selectFrom('decision_positions').select(['id', 'decision_id', 'party_id']).where('kind', '=', 'objection').where('is_current', '=', true).executeTakeFirstOrThrow();
    const before = await t.db.selectFrom('decision_tallies').selectAll().where('decision_id', '=', row.decision_id).executeTakeFirstOrThrow();
    await t.db.transaction().execute(async (trx) => {
      const next = crypto.randomUUID();
      await trx.updateTable('decision_positions').set({ is_current: false, superseded_by: next }).where('id', '=', row.id).execute();
      await trx
        .insertInto('decision_positions')
        .values({ id: next, decision_id: row.decision_id, party_id: row.party_id, kind: 'withdrawn-objection', recorded_by_user_id: officer.id, recorded_at: at(8), mfa: true })
        .execute();
    });
    const after = await t.db.selectFrom('decision_tallies').selectAll().where('decision_id', '=', row.decision_id).executeTakeFirstOrThrow();
    expect(after.blocking_count).toBe(before.blocking_count - 1);
    expect(after.acted_count).toBe(before.acted_count);
    // The deadline moved before a position recorded at +100 h: it now counts.
    const late = await t.db.selectFrom('decision_positions').select('decision_id').where('recorded_at', '=', at(100)).executeTakeFirstOrThrow();
    await t.db.updateTable('decisions').set({ expires_at: at(120) }).where('id', '=', late.decision_id).execute();
    expect((await t.db.selectFrom('decision_tallies').selectAll().where('decision_id', '=', late.decision_id).executeTakeFirstOrThrow()).blocking_count).toBe(1);
    expect((await recount()).filter((r) => !r.ok)).toEqual([]);
  });
});

describe('visibility in SQL and the read policy', () => {
  const cases: Array<[string, () => Actor, boolean]> = [
    ['the Secretariat', () => actorOf(officer, false), false],
    ['a member state', () => actorOf(kz, false), true],
    ['the Chair', () => actorOf(az, false), true],
    ['an observer (may comment)', () => actorOf(jp, false), true],
    ['an observer (may not comment)', () => actorOf(jp, false), false],
    ['the public', () => ({ kind: 'anonymous', userId: null, partyId: null, partyCode: null, partyKind: null, role: null, mfa: false, sessionId: null, tokenScopes: null }), true],
  ];
  for (const [who, actor, mayComment] of cases) {
    it(`agree for ${who}`, async () => {
      for (const h of [30, 150]) {
        const now = at(h);
        const facts = { now, chairPartyId: parties.AZ.id, observersMayComment: mayComment };
        const expected = (await all(now))
          .filter((row) => can(actor(), 'decisions.read', accessOf(row, deriveState(recordOf(row), summaryFromList(row), row.definition, now)), facts))
          .map((r) => r.id)
          .sort();
        expect((await all(now, actor(), undefined, facts)).map((r) => r.id).sort(), `${who} at +${h} h`).toEqual(expected);
        // Search applies the same predicate to its index rows.
        const viaPredicate = await t.db.selectFrom('decisions').select('id').where(decisionVisibleTo(actor(), facts)).execute();
        expect(viaPredicate.map((r) => r.id).sort(), `search's predicate for ${who} at +${h} h`).toEqual(expected);
      }
    });
  }
});
