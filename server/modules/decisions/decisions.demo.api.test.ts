import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { signIn } from '../../../test/helpers/auth.ts';
import { ManualClock } from '../../shared/clock.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import { DEMO_PASSWORD, demoEmail } from '../identity/identity.demo.ts';

/**
 * The demo shows decisions at work to a member state that signs in: one under silence procedure
 * awaiting its action, one adopted with a reservation annexed, one where silence was broken; and
 * the draft recommendation on the Chairmanship still waits for the Chair. Every position went
 * through the policy and the rules and is on the audit trail, marked as demonstration.
 */
let t: TestApp;
let kz: string;
let az: string;
const clock = new ManualClock('2026-11-27T09:00:00Z');

beforeAll(async () => {
  t = await testApp({ demo: true, clock });
  kz = await signIn(t, demoEmail('kz.head'), DEMO_PASSWORD);
  az = await signIn(t, demoEmail('az.focal'), DEMO_PASSWORD);
});
afterAll(() => t?.close());

interface Item {
  id: string;
  title: Record<string, string>;
  state: string;
  awaitingMyState: boolean;
  myPosition: string | null;
  expiry: { at: string; date: string; time: string; zone: string } | null;
  outcomeDocument: { id: string; symbol: string } | null;
  textDocument: { id: string; symbol: string } | null;
}

const byTitle = (items: Item[], start: string) => items.find((i) => i.title.en.startsWith(start))!;

describe('the decisions demo', () => {
  it('shows Kazakhstan’s head of delegation three decisions, one awaiting its action, due ten days ahead at 18:00 Astana time', async () => {
    const list = await t.get('/api/decisions?limit=50', { cookie: kz });
    expect(list.status).toBe(200);
    const items = list.body.items as Item[];
    // The draft recommendation is the Chair's (Azerbaijan's): Kazakhstan does not see it yet.
    expect(items.map((i) => i.state).sort()).toEqual(['adopted', 'circulated', 'not-adopted']);
    for (const i of items) expect(i.title.en).toContain('(demonstration)');
    const plan = byTitle(items, 'Plan of CBM events for 2027');
    expect(plan).toMatchObject({ state: 'circulated', awaitingMyState: true, myPosition: null });
    expect(plan.expiry).toMatchObject({ date: '2026-12-07', time: '18:00', zone: 'Asia/Almaty', at: '2026-12-07T13:00:00.000Z' });

    const awaiting = await t.get('/api/decisions?awaiting=mine', { cookie: kz });
    expect((awaiting.body.items as Item[]).map((i) => i.id)).toEqual([plan.id]);

    const positions = await t.get(`/api/decisions/${plan.id}/positions`, { cookie: kz });
    expect(positions.status).toBe(200);
    const of = (code: string) => (positions.body.members as Array<{ partyCode: string; position: { kind: string; text: string | null } | null }>).find((m) => m.partyCode === code)?.position ?? null;
    expect(of('AZ')?.kind).toBe('joins');
    expect(of('TR')?.kind).toBe('no-objection');
    expect(of('IN')?.kind).toBe('interpretative-statement');
    expect(of('KZ')).toBeNull();

    const view = await t.get(`/api/decisions/${plan.id}`, { cookie: kz });
    expect(view.body.can.recordPosition).toBe(true);
    const text = await t.get(`/api/documents/${plan.textDocument!.id}`, { cookie: kz });
    expect(text.status).toBe(200);
    expect(text.body.status).toBe('circulated');
  });

  it('has an adopted statement, issued as a document with Türkiye’s reservation annexed, public', async () => {
    const items = (await t.get('/api/decisions?limit=50', { cookie: kz })).body.items as Item[];
    const statement = byTitle(items, 'Statement on the 25th anniversary of the Almaty Act');
    expect(statement.state).toBe('adopted');
    expect(statement.myPosition).toBe('joins');
    expect(new Date(statement.expiry!.at).getTime()).toBeLessThan(clock.now().getTime());
    expect(statement.outcomeDocument?.symbol).toMatch(/^CICA\/SOC\/2026\/\d+$/);
    const anonymous = await t.get(`/api/decisions/${statement.id}`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.annexes).toEqual([expect.objectContaining({ partyCode: 'TR', kind: 'reservation' })]);
    const doc = await t.get(`/api/documents/${statement.outcomeDocument!.id}`);
    expect(doc.status).toBe(200);
    expect(doc.body.status).toBe('adopted');
  });

  it('has one not adopted: silence broken by Kazakhstan’s objection', async () => {
    const items = (await t.get('/api/decisions?limit=50', { cookie: kz })).body.items as Item[];
    const venue = byTitle(items, 'Venue of the 2027 seminar');
    expect(venue).toMatchObject({ state: 'not-adopted', myPosition: 'objection' });
    expect((await t.get(`/api/decisions/${venue.id}`, { cookie: kz })).body.blockingStates).toEqual(['KZ']);
  });

  it('keeps the draft recommendation on the Chairmanship for the Chair to circulate', async () => {
    const items = (await t.get('/api/decisions?state=draft', { cookie: az })).body.items as Item[];
    expect(items.map((i) => i.title.en)).toEqual(['Recommendation on the Chairmanship of CICA']);
  });

  it('put every position and outcome on an unbroken audit trail, marked as demonstration', async () => {
    const rows = await t.db.selectFrom('audit_events').select(['action', 'after']).where('action', 'in', ['decisions.position', 'decisions.launch', 'decisions.adopt', 'decisions.not_adopt']).execute();
    const count = (a: string) => rows.filter((r) => r.action === a).length;
    expect([count('decisions.launch'), count('decisions.position'), count('decisions.adopt'), count('decisions.not_adopt')]).toEqual([3, 9, 1, 1]);
    expect(rows.every((r) => (r.after as { demo?: boolean }).demo === true)).toBe(true);
    const positions = await t.db.selectFrom('decision_positions').select(['mfa']).execute();
    expect(positions).toHaveLength(9);
    // Recorded by the demo, not confirmed with anyone's second factor: the rows say so.
    expect(positions.every((p) => p.mfa === false)).toBe(true);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });
});
