import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock.ts';
import type { Actor } from '../../shared/context.ts';
import { can } from '../../shared/policy.ts';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { createUser, type TestUser } from '../../../test/helpers/auth.ts';
import { actorOf, seedDecisionWorld } from '../../../test/helpers/decisions.ts';
import { deriveState, type PositionKind } from './decision.ts';
import { type ListWhere, listDecisionRows } from './decisions.repository.ts';
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

const all = (now: Date, visibility: ListWhere['visibility'] = { kind: 'all' }, state?: string) =>
  listDecisionRows(t.db, { visibility, now, myPartyId: null, state }, { limit: 200, offset: 0 });

describe('the state in SQL and the pure rule', () => {
  for (const h of [0, 30, 99.999, 100, 101, 200]) {
    it(`agree on every kind of decision ${h} hours after the launch`, async () => {
      const now = at(h);
      const rows = await all(now);
      expect(rows).toHaveLength(specs.length);
      for (const row of rows) expect(row.state, `${row.title.en} at +${h} h`).toBe(deriveState(recordOf(row), summaryFromList(row), row.definition, now).state);
      // Filtering by state gives exactly the rows in that state.
      for (const state of new Set(rows.map((r) => r.state))) {
        expect((await all(now, { kind: 'all' }, state)).map((r) => r.id).sort()).toEqual(rows.filter((r) => r.state === state).map((r) => r.id).sort());
      }
    });
  }
});

describe('visibility in SQL and the read policy', () => {
  const cases: Array<[string, () => Actor, () => ListWhere['visibility'], boolean]> = [
    ['a member state', () => actorOf(kz, false), () => ({ kind: 'member', partyId: parties.KZ.id, isChair: false }), true],
    ['the Chair', () => actorOf(az, false), () => ({ kind: 'member', partyId: parties.AZ.id, isChair: true }), true],
    ['an observer (may comment)', () => actorOf(jp, false), () => ({ kind: 'observer', observersMayComment: true }), true],
    ['an observer (may not comment)', () => actorOf(jp, false), () => ({ kind: 'observer', observersMayComment: false }), false],
    ['the public', () => ({ kind: 'anonymous', userId: null, partyId: null, partyCode: null, partyKind: null, role: null, mfa: false, sessionId: null, tokenScopes: null }), () => ({ kind: 'public' }), true],
  ];
  for (const [who, actor, visibility, mayComment] of cases) {
    it(`agree for ${who}`, async () => {
      for (const h of [30, 150]) {
        const now = at(h);
        const facts = { now, chairPartyId: parties.AZ.id, observersMayComment: mayComment };
        const expected = (await all(now))
          .filter((row) => can(actor(), 'decisions.read', accessOf(row, deriveState(recordOf(row), summaryFromList(row), row.definition, now)), facts))
          .map((r) => r.id)
          .sort();
        expect((await all(now, visibility())).map((r) => r.id).sort(), `${who} at +${h} h`).toEqual(expected);
      }
    });
  }
});
