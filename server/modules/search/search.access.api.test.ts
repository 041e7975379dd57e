import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { asRole } from '../../../test/helpers/auth.ts';
import { ManualClock } from '../../shared/clock.ts';

/**
 * Decisions in search follow `decisions.read` (decisions.policy.ts): drafts for the Secretariat, the
 * proposing state and the Chair's people; launched ones for member states (and observers while under
 * way, as CICA lets observers comment); a final outcome by its access level. The rows are written as
 * the decisions module stores them; the triggers queue them for the index.
 */
let t: TestApp;
const clock = new ManualClock('2026-03-02T08:00:00Z');
const who: Record<string, string | undefined> = {};

beforeAll(async () => {
  t = await testApp({ demo: true, clock });
  who.anonymous = undefined;
  who.officer = (await asRole(t, 'SEC', 'officer')).cookie;
  who.kz = (await asRole(t, 'KZ', 'focal-point')).cookie;
  who.cn = (await asRole(t, 'CN', 'delegate')).cookie;
  who.jp = (await asRole(t, 'JP', 'focal-point')).cookie;
  who.az = (await asRole(t, 'AZ', 'focal-point')).cookie;
  const kz = await t.db.selectFrom('parties').select('id').where('code', '=', 'KZ').executeTakeFirstOrThrow();
  const zone = (date: string) => ({ expiry_zone: 'UTC', expiry_local_date: date, expiry_local_time: '00:00' });
  const tr = await t.db.selectFrom('parties').select('id').where('code', '=', 'TR').executeTakeFirstOrThrow();
  const base = { body_code: 'SOC', proposer_kind: 'member-state' as const, proposer_party_id: tr.id, definition: 'no-objection' as const, created_at: new Date('2026-01-01T00:00:00Z') };
  await t.db
    .insertInto('decisions')
    .values([
      { ...base, title: JSON.stringify({ en: 'Xylodraft decision' }), proposer_party_id: kz.id, procedure: 'silence', outcome_access: 'members' },
      {
        ...base,
        title: JSON.stringify({ en: 'Xylorunning decision' }),
        procedure: 'silence',
        outcome_access: 'members',
        launched_at: new Date('2026-02-20T00:00:00Z'),
        expires_at: new Date('2026-03-10T00:00:00Z'),
        ...zone('2026-03-10'),
      },
      {
        ...base,
        title: JSON.stringify({ en: 'Xylopublic decision' }),
        procedure: 'silence',
        outcome_access: 'public',
        launched_at: new Date('2026-01-01T00:00:00Z'),
        expires_at: new Date('2026-01-15T00:00:00Z'),
        ...zone('2026-01-15'),
      },
      {
        ...base,
        title: JSON.stringify({ en: 'Xyloobserved decision' }),
        procedure: 'in-session',
        outcome_access: 'members-and-observers',
        launched_at: new Date('2026-01-20T00:00:00Z'),
        finding_at: new Date('2026-02-01T00:00:00Z'),
        finding_outcome: 'no-objection',
      },
    ])
    .execute();
}, 180_000);
afterAll(() => t?.close());

const sees = async (word: string, cookie?: string) => {
  const r = await t.get(`/api/search?q=${word}&type=decision`, cookie ? { cookie } : {});
  expect(r.status).toBe(200);
  return r.body.total > 0;
};

const expectations: Record<string, string[]> = {
  xylodraft: ['officer', 'kz', 'az'],
  xylorunning: ['officer', 'kz', 'cn', 'az', 'jp'],
  xylopublic: ['anonymous', 'officer', 'kz', 'cn', 'az', 'jp'],
  xyloobserved: ['officer', 'kz', 'cn', 'az', 'jp'],
};

describe('decisions in search', () => {
  for (const [word, allowed] of Object.entries(expectations)) {
    it(`shows ${word} to ${allowed.join(', ')} only`, async () => {
      for (const [name, cookie] of Object.entries(who)) expect(await sees(word, cookie), `${name} / ${word}`).toBe(allowed.includes(name));
    });
  }

  it('follows the clock: the running silence procedure becomes an outcome for members only', async () => {
    clock.set(new Date('2026-03-11T00:00:00Z'));
    // Sessions idle out on the test clock: sign in again at the new time.
    const jp = (await asRole(t, 'JP', 'focal-point')).cookie;
    const cn = (await asRole(t, 'CN', 'delegate')).cookie;
    expect(await sees('xylorunning', jp)).toBe(false);
    expect(await sees('xylorunning', cn)).toBe(true);
    clock.set(new Date('2026-03-02T08:00:00Z'));
  });
});
