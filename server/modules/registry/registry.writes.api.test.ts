import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, type TestApp, testApp } from '../../../test/helpers/app.ts';
import { asRole } from '../../../test/helpers/auth.ts';
import { cicaProfile } from './cica.data.ts';

/**
 * Changing the registry over HTTP: only Secretariat admins (and, for chairmanship bids, the bidding
 * state's focal point or head); everyone else is refused and nothing changes; bad input is refused
 * naming the field; every change is audited with before and after; contacts reach members only.
 */
let t: TestApp;
const who: Record<'admin' | 'officer' | 'otherDelegate' | 'observer' | 'member' | 'bidder' | 'bidderDelegate', string> = {} as never;

beforeAll(async () => {
  t = await testApp({ demo: true });
  const [admin, officer, otherDelegate, observer, member, bidder, bidderDelegate] = await Promise.all([
    asRole(t, 'SEC', 'admin'),
    asRole(t, 'SEC', 'officer'),
    asRole(t, 'IN', 'head-of-delegation'),
    asRole(t, 'JP', 'focal-point'),
    asRole(t, 'KZ', 'delegate'),
    asRole(t, 'IN', 'focal-point'),
    asRole(t, 'IN', 'delegate'),
  ]);
  Object.assign(who, {
    admin: admin.cookie,
    officer: officer.cookie,
    otherDelegate: otherDelegate.cookie,
    observer: observer.cookie,
    member: member.cookie,
    bidder: bidder.cookie,
    bidderDelegate: bidderDelegate.cookie,
  });
});
afterAll(() => t?.close());

/** Everything the registry stores, plus the audit trail without the record of refused requests. */
async function snapshot() {
  const count = async (table: string) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.db)).rows[0].n);
  const rows = async (table: string) => (await sql`SELECT * FROM ${sql.table(table)} ORDER BY id`.execute(t.db)).rows;
  // The registry's own entries: the demo's job worker audits its reminders meanwhile, in the background.
  const audit = Number(
    (await sql<{ n: string }>`SELECT count(*) AS n FROM audit_events WHERE action LIKE 'registry.%' OR action LIKE 'profile.%'`.execute(t.db)).rows[0].n,
  );
  return {
    parties: await rows('parties'),
    periods: await rows('party_status_periods'),
    bodies: await rows('bodies'),
    participants: await count('body_participants'),
    terms: await rows('chair_terms'),
    bids: await rows('chair_bids'),
    profile: await rows('forum_profile'),
    audit,
  };
}

const req = (method: string, path: string, body: unknown, cookie?: string) => t.request(method, path, { body, cookie });
const fields = (r: ApiResponse) => (r.body.errors ?? []).map((e: { field: string }) => e.field);

async function idOfTerm(party: string): Promise<string> {
  const { terms } = (await t.get('/api/chairmanships')).body as { terms: Array<{ id: string; party: { code: string } }> };
  return terms.filter((x) => x.party.code === party).at(-1)!.id;
}

describe('admin-only writes', () => {
  interface Case {
    name: string;
    method: string;
    path: string | (() => Promise<string>);
    body: unknown;
    ok: number;
    audit: string;
  }
  const cases: Case[] = [
    { name: 'add a party', method: 'POST', path: '/api/parties', body: { code: 'SG', kind: 'observer-state', since: '2025-06' }, ok: 201, audit: 'registry.party.create' },
    {
      name: "correct a party's contacts",
      method: 'PATCH',
      path: '/api/parties/KZ',
      body: { contact: { address: 'Mangilik El 10, Astana', email: 'cica@mfa.example', phone: '+7 7172 720000' } },
      ok: 200,
      audit: 'registry.party.update',
    },
    {
      name: 'change a status',
      method: 'POST',
      path: '/api/parties/TM/status',
      body: { status: 'member', from: '2025-10-01', decisionRef: 'CICA/MC/2025/1' },
      ok: 200,
      audit: 'registry.party.status',
    },
    {
      name: 'correct a status period',
      method: 'PATCH',
      path: async () => {
        const lk = (await t.get('/api/parties/LK')).body;
        return `/api/parties/LK/status/${lk.history[0].id}`;
      },
      body: { decisionRef: 'CICA/SUMMIT/2018/1' },
      ok: 200,
      audit: 'registry.party.history',
    },
    { name: 'add a body', method: 'POST', path: '/api/bodies', body: { code: 'WGX', kind: 'subsidiary', names: { en: 'Working Group X', ru: 'Рабочая группа X' }, membership: 'all-members', reportsTo: 'SOC' }, ok: 201, audit: 'registry.body.create' },
    { name: 'correct a body', method: 'PATCH', path: '/api/bodies/YC', body: { frequency: { en: 'Once a year' }, meetingsPerYear: 1 }, ok: 200, audit: 'registry.body.update' },
    { name: 'add a chair term', method: 'POST', path: '/api/chairmanships', body: { party: 'IN', start: '2026-10', end: '2028', howDecided: 'Host of the 7th Ministerial Council' }, ok: 201, audit: 'registry.chair_term.create' },
    { name: 'correct a chair term', method: 'PATCH', path: () => idOfTerm('AZ').then((id) => `/api/chairmanships/${id}`), body: { decisionRef: 'CICA/MC/2024/3' }, ok: 200, audit: 'registry.chair_term.update' },
    { name: 'replace the forum profile', method: 'PUT', path: '/api/profile', body: { ...cicaProfile, symbolPrefix: 'CICA2' }, ok: 200, audit: 'profile.update' },
  ];

  for (const c of cases) {
    it(`${c.name}: refused to anonymous, another state's delegate, an observer and a Secretariat officer; allowed to a Secretariat admin`, async () => {
      const path = typeof c.path === 'string' ? c.path : await c.path();
      const before = await snapshot();
      const anonymous = await req(c.method, path, c.body);
      expect(anonymous.status, 'anonymous').toBe(401);
      for (const role of ['otherDelegate', 'observer', 'officer', 'member'] as const) {
        const r = await req(c.method, path, c.body, who[role]);
        expect(r.status, role).toBe(403);
        expect(r.headers.get('content-type')).toContain('application/problem+json');
      }
      expect(await snapshot(), 'nothing changed').toEqual(before);

      const ok = await req(c.method, path, c.body, who.admin);
      expect(ok.status, ok.text).toBe(c.ok);
      const row = await t.db
        .selectFrom('audit_events')
        .select(['action', 'before', 'after'])
        .where((eb) => eb.or([eb('action', 'like', 'registry.%'), eb('action', 'like', 'profile.%')]))
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      expect(row.action).toBe(c.audit);
      expect(row.after).not.toBeNull();
      if (c.ok === 200) expect(row.before).not.toBeNull();
    });
  }

  it('records before and after of a change', async () => {
    const row = await t.db
      .selectFrom('audit_events')
      .select(['before', 'after', 'actor_user_id'])
      .where('action', '=', 'registry.party.update')
      .where('object_id', '=', 'KZ')
      .executeTakeFirstOrThrow();
    expect((row.before as { contact: unknown }).contact).toBeNull();
    expect((row.after as { contact: { email: string } }).contact.email).toBe('cica@mfa.example');
    expect(row.actor_user_id).not.toBeNull();
  });

  it('the change of status shows in the history, the kind and the counts', async () => {
    const tm = (await t.get('/api/parties/TM')).body;
    expect(tm.kind).toBe('member-state');
    expect(tm.history.map((h: { status: string; to: string | null }) => [h.status, h.to])).toEqual([
      ['observer', '2025-10-01'],
      ['member', null],
    ]);
    expect(tm.history[1].decisionRef).toBe('CICA/MC/2025/1');
    expect((await t.get('/api/parties?status=member&on=2025-09-30')).body.parties).toHaveLength(28);
    expect((await t.get('/api/parties?status=member&on=2025-10-01')).body.parties).toHaveLength(29);
    const sg = (await t.get('/api/parties/SG')).body;
    expect(sg).toMatchObject({ kind: 'observer-state', status: 'observer', since: { from: '2025-06' }, names: { en: 'Singapore', zh: '新加坡' } });
  });

  it('offers no way to delete a party', async () => {
    const r = await req('DELETE', '/api/parties/KZ', undefined, who.admin);
    expect([404, 405]).toContain(r.status);
    expect((await t.get('/api/parties/KZ')).status).toBe(200);
  });
});

describe('bad input is refused, naming the field, and nothing is stored', () => {
  const refusals: Array<{ name: string; method: string; path: string | (() => Promise<string>); body: unknown; status: number; field: string; code?: string }> = [
    { name: 'unknown kind', method: 'POST', path: '/api/parties', body: { code: 'ZZ', kind: 'empire' }, status: 400, field: 'body.kind' },
    { name: 'malformed date', method: 'POST', path: '/api/parties', body: { code: 'NP', kind: 'observer-state', since: '2025-02-30' }, status: 400, field: 'body.since' },
    { name: 'not a country code', method: 'POST', path: '/api/parties', body: { code: 'QZ', kind: 'member-state' }, status: 422, field: 'code', code: 'registry.not_a_state_code' },
    { name: 'organisation without a name', method: 'POST', path: '/api/parties', body: { code: 'ASEAN', kind: 'observer-organization' }, status: 422, field: 'names.en' },
    { name: 'existing code', method: 'POST', path: '/api/parties', body: { code: 'KZ', kind: 'member-state' }, status: 409, field: 'code', code: 'registry.party_exists' },
    { name: 'bad e-mail in contacts', method: 'PATCH', path: '/api/parties/KZ', body: { contact: { email: 'not-an-address' } }, status: 400, field: 'body.contact.email' },
    { name: 'external flag image', method: 'PATCH', path: '/api/parties/KZ', body: { flag: 'https://example.org/kz.png' }, status: 400, field: 'body.flag' },
    { name: 'status before the current one', method: 'POST', path: '/api/parties/LK/status', body: { status: 'observer', from: '2010' }, status: 422, field: 'from', code: 'registry.status_before_current' },
    { name: 'a state as partner', method: 'POST', path: '/api/parties/JP/status', body: { status: 'partner', from: '2026' }, status: 422, field: 'status' },
    { name: 'end before start', method: 'POST', path: '/api/chairmanships', body: { party: 'IN', start: '2030', end: '2029', howDecided: 'x' }, status: 400, field: 'body.end' },
    { name: 'malformed start', method: 'POST', path: '/api/chairmanships', body: { party: 'IN', start: '2030-13', howDecided: 'x' }, status: 400, field: 'body.start' },
    {
      name: 'overlapping chair terms',
      method: 'POST',
      path: '/api/chairmanships',
      body: { party: 'CN', start: '2025-03-01', end: '2025-12-31', howDecided: 'x' },
      status: 422,
      field: 'start',
      code: 'registry.chair_terms_overlap',
    },
    {
      name: 'a correction that makes terms overlap',
      method: 'PATCH',
      path: () => idOfTerm('TJ').then((id) => `/api/chairmanships/${id}`),
      body: { end: '2021' },
      status: 422,
      field: 'start',
      code: 'registry.chair_terms_overlap',
    },
    { name: 'an observer as Chair', method: 'POST', path: '/api/chairmanships', body: { party: 'JP', start: '2040', howDecided: 'x' }, status: 422, field: 'party', code: 'registry.chair_not_member' },
    { name: 'an unknown party as Chair', method: 'POST', path: '/api/chairmanships', body: { party: 'XX', start: '2040', howDecided: 'x' }, status: 422, field: 'party', code: 'registry.unknown_party' },
    { name: 'a malformed term id', method: 'PATCH', path: '/api/chairmanships/nope', body: { end: '2021' }, status: 400, field: 'params.id' },
    { name: 'a reporting loop', method: 'PATCH', path: '/api/bodies/MC', body: { reportsTo: 'SWG' }, status: 422, field: 'reportsTo', code: 'registry.body_cycle' },
    { name: 'reporting to an unknown body', method: 'PATCH', path: '/api/bodies/YC', body: { reportsTo: 'NOPE' }, status: 422, field: 'reportsTo' },
    { name: 'dissolved before established', method: 'PATCH', path: '/api/bodies/YC', body: { dissolved: '2010' }, status: 422, field: 'dissolved' },
    { name: 'a rename without new names', method: 'PATCH', path: '/api/bodies/SOC', body: { renamedOn: '2030-01-01' }, status: 400, field: 'body.renamedOn' },
    { name: 'an unknown participant', method: 'PATCH', path: '/api/bodies/EM', body: { participants: [{ party: 'XX', role: 'participant' }] }, status: 422, field: 'participants.0.party' },
    { name: 'an unknown field', method: 'PATCH', path: '/api/bodies/SOC', body: { colour: 'blue' }, status: 400, field: 'body' },
    { name: 'a bad time zone in the profile', method: 'PUT', path: '/api/profile', body: { ...cicaProfile, timeZone: 'Mars/Olympus' }, status: 400, field: 'body.timeZone' },
  ];

  for (const c of refusals) {
    it(c.name, async () => {
      const path = typeof c.path === 'string' ? c.path : await c.path();
      const before = await snapshot();
      const r = await req(c.method, path, c.body, who.admin);
      expect(r.status, r.text).toBe(c.status);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(fields(r)).toContain(c.field);
      if (c.code) expect(r.body.code).toBe(c.code);
      expect(await snapshot()).toEqual(before);
    });
  }

  it('renames a body and keeps the old name with the date it changed', async () => {
    const r = await req('PATCH', '/api/bodies/SWG', { names: { en: 'Special Working Group on Transformation', ru: 'Специальная рабочая группа по трансформации' }, renamedOn: '2026-06-01' }, who.admin);
    expect(r.status, r.text).toBe(200);
    // The old name is kept in every language it had.
    expect(r.body.historicNames).toEqual([{ names: expect.objectContaining({ en: 'Special Working Group', ru: 'Специальная рабочая группа', zh: '特别工作组', tr: 'Özel Çalışma Grubu' }), until: '2026-06-01' }]);
    const again = await req('PATCH', '/api/bodies/SWG', { names: { en: 'Older' }, renamedOn: '2026-01-01' }, who.admin);
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('registry.rename_before_last');
  });
});

describe('delegation contacts', () => {
  it('are shown to member states and the Secretariat, not to observers (except their own)', async () => {
    await req('PATCH', '/api/parties/JP', { contact: { email: 'cica@mofa.example' } }, who.admin);
    const kzFor = async (cookie?: string) => (await t.get('/api/parties/KZ', { cookie })).body;
    expect((await kzFor(who.member)).contact.email).toBe('cica@mfa.example');
    expect((await kzFor(who.otherDelegate)).contact.email).toBe('cica@mfa.example');
    expect((await kzFor(who.officer)).contact.email).toBe('cica@mfa.example');
    const forObserver = await t.get('/api/parties/KZ', { cookie: who.observer });
    expect(forObserver.text).not.toContain('cica@mfa.example');
    expect(Object.keys(forObserver.body)).not.toContain('contact');
    expect((await t.get('/api/parties/JP', { cookie: who.observer })).body.contact.email).toBe('cica@mofa.example');
    const list = await t.get('/api/parties?kind=member-state', { cookie: who.observer });
    expect(list.text).not.toContain('cica@mfa.example');
    const memberList = await t.get('/api/parties?kind=member-state', { cookie: who.member });
    expect(memberList.text).toContain('cica@mfa.example');
  });
});

describe('abilities', () => {
  it('tell the web app what the caller may do, by the same policy the writes check', async () => {
    const of = async (cookie?: string) => (await t.get('/api/registry/abilities', { cookie })).body;
    expect(await of()).toEqual({ canEdit: false, canSeeContacts: false, canReadBids: false });
    expect(await of(who.admin)).toEqual({ canEdit: true, canSeeContacts: true, canReadBids: true });
    expect(await of(who.officer)).toEqual({ canEdit: false, canSeeContacts: true, canReadBids: true });
    expect(await of(who.member)).toEqual({ canEdit: false, canSeeContacts: true, canReadBids: true });
    expect(await of(who.observer)).toEqual({ canEdit: false, canSeeContacts: false, canReadBids: false });
  });
});

describe('chairmanship bids', () => {
  let bidId = '';

  it("are submitted by the bidding state's focal point, not by its delegate nor for another state", async () => {
    const body = { party: 'IN', termStart: '2028', termEnd: '2030', letter: 'India has the honour to submit its candidature for the chairmanship 2028–2030.' };
    const before = await snapshot();
    expect((await req('POST', '/api/chairmanship-bids', body)).status).toBe(401);
    expect((await req('POST', '/api/chairmanship-bids', body, who.bidderDelegate)).status).toBe(403);
    expect((await req('POST', '/api/chairmanship-bids', { ...body, party: 'KZ' }, who.bidder)).status).toBe(403);
    expect((await req('POST', '/api/chairmanship-bids', { ...body, party: 'JP' }, who.observer)).status).toBe(403);
    expect((await req('POST', '/api/chairmanship-bids', body, who.officer)).status).toBe(403);
    expect(await snapshot()).toEqual(before);

    const r = await req('POST', '/api/chairmanship-bids', body, who.bidder);
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ party: { code: 'IN' }, termStart: '2028', status: 'submitted', recordedBySecretariat: false });
    bidId = r.body.id;
  });

  it('are recorded by a Secretariat admin for a state, with the date the letter arrived', async () => {
    const r = await req('POST', '/api/chairmanship-bids', { party: 'KZ', termStart: '2028', documentRef: 'Note verbale 12/2025', submittedAt: '2025-11-03T10:00:00+05:00' }, who.admin);
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ submittedAt: '2025-11-03T05:00:00.000Z', recordedBySecretariat: true });
    const future = await req('POST', '/api/chairmanship-bids', { party: 'KZ', termStart: '2028', letter: 'x', submittedAt: '2099-01-01T00:00:00Z' }, who.admin);
    expect(future.status).toBe(422);
    expect(fields(future)).toEqual(['submittedAt']);
    const observer = await req('POST', '/api/chairmanship-bids', { party: 'JP', termStart: '2028', letter: 'x' }, who.admin);
    expect(observer.status).toBe(422);
    expect(observer.body.code).toBe('registry.bid_not_member');
    const empty = await req('POST', '/api/chairmanship-bids', { party: 'KZ', termStart: '2028' }, who.admin);
    expect(empty.status).toBe(400);
    expect(fields(empty)).toEqual(['body.letter']);
  });

  it('are read by member states and the Secretariat only', async () => {
    expect((await t.get('/api/chairmanship-bids')).status).toBe(401);
    expect((await t.get('/api/chairmanship-bids', { cookie: who.observer })).status).toBe(403);
    const list = await t.get('/api/chairmanship-bids', { cookie: who.member });
    expect(list.status).toBe(200);
    expect(list.body.bids.map((b: { party: { code: string } }) => b.party.code).sort()).toEqual(['IN', 'KZ']);
    expect((await t.get('/api/chairmanship-bids', { cookie: who.officer })).status).toBe(200);
  });

  it('are withdrawn by the bidder or moved on by the Secretariat, forward only', async () => {
    expect((await req('PATCH', `/api/chairmanship-bids/${bidId}`, { status: 'withdrawn' }, who.member)).status).toBe(403);
    expect((await req('PATCH', `/api/chairmanship-bids/${bidId}`, { status: 'recommended' }, who.bidder)).status).toBe(403);
    expect((await req('PATCH', `/api/chairmanship-bids/${bidId}`, { status: 'withdrawn' }, who.observer)).status).toBe(404);
    const recommended = await req('PATCH', `/api/chairmanship-bids/${bidId}`, { status: 'recommended', decisionRef: 'CICA/SOC/2026/2' }, who.admin);
    expect(recommended.status, recommended.text).toBe(200);
    expect(recommended.body).toMatchObject({ status: 'recommended', decisionRef: 'CICA/SOC/2026/2' });
    const withdrawn = await req('PATCH', `/api/chairmanship-bids/${bidId}`, { status: 'withdrawn' }, who.bidder);
    expect(withdrawn.status).toBe(200);
    const back = await req('PATCH', `/api/chairmanship-bids/${bidId}`, { status: 'accepted' }, who.admin);
    expect(back.status).toBe(409);
    expect(back.body.code).toBe('registry.bid_status_change');
  });
});
