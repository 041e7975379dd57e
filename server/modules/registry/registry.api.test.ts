import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { ManualClock } from '../../shared/clock.ts';
import { currentChairPartyId } from './registry.service.ts';

/**
 * The registry over HTTP as anyone sees it, on the CICA demo profile: counts, history on a past date,
 * the Chair on a date, bodies, and that delegation contacts never reach an anonymous caller.
 */
let t: TestApp;
const clock = new ManualClock('2026-01-15T09:00:00Z');
beforeAll(async () => {
  t = await testApp({ demo: true, clock });
  // Contacts for a member, an observer and an organisation, so that a leak would show.
  for (const code of ['KZ', 'JP', 'UN', 'SEC']) {
    await t.db
      .updateTable('parties')
      .set({ contact: JSON.stringify({ address: `Embassy street 1, ${code}`, email: `delegation-${code.toLowerCase()}@example.org`, phone: '+7 7172 000000' }) })
      .where('code', '=', code)
      .execute();
  }
});
afterAll(() => t?.close());

const FOUNDERS = ['AF', 'AZ', 'CN', 'EG', 'IN', 'IR', 'IL', 'KZ', 'KG', 'MN', 'PK', 'PS', 'RU', 'TJ', 'TR', 'UZ'];
const codes = (body: { parties: Array<{ code: string }> }) => body.parties.map((p) => p.code).sort();

describe('parties', () => {
  it('loads the CICA profile: exactly 28 member states, 10 observer states, 5 observer organisations', async () => {
    const count = async (kind: string) => {
      const r = await t.get(`/api/parties?kind=${kind}`);
      expect(r.status).toBe(200);
      return r.body.parties.length;
    };
    expect(await count('member-state')).toBe(28);
    expect(await count('observer-state')).toBe(10);
    expect(await count('observer-organization')).toBe(5);
    expect(await count('partner-organization')).toBe(7);
    expect(await count('secretariat')).toBe(1);
    // The same by status today: members are the 28 member states.
    const members = await t.get('/api/parties?status=member');
    expect(members.body.parties).toHaveLength(28);
  });

  it('answers who was a member on 2010-01-01 from the history: the 16 founders and TH KR JO AE', async () => {
    const r = await t.get('/api/parties?status=member&on=2010-01-01');
    expect(r.status).toBe(200);
    expect(r.body.on).toBe('2010-01-01');
    expect(codes(r.body)).toEqual([...FOUNDERS, 'TH', 'KR', 'JO', 'AE'].sort());
    expect(r.body.parties).toHaveLength(20);
    // Iraq and Viet Nam joined at the Istanbul Summit (June 2010).
    const july = await t.get('/api/parties?status=member&on=2010-07-01');
    expect(july.body.parties).toHaveLength(22);
  });

  it('follows Sri Lanka from observer (2012) to member (2018-08-15)', async () => {
    const before = await t.get('/api/parties/LK?on=2015-01-01');
    expect(before.body.status).toBe('observer');
    const after = await t.get('/api/parties/lk?on=2019-01-01');
    expect(after.body).toMatchObject({ code: 'LK', kind: 'member-state', status: 'member', since: { from: '2018-08-15' } });
    expect(after.body.history.map((h: { status: string; from: string; to: string | null }) => [h.status, h.from, h.to])).toEqual([
      ['observer', '2012', '2018-08-15'],
      ['member', '2018-08-15', null],
    ]);
    const observers2015 = await t.get('/api/parties?status=observer&on=2015-01-01&kind=member-state');
    expect(codes(observers2015.body)).toEqual(['LK']);
  });

  it('names states in every UI language and keeps uncertainty flags', async () => {
    const kz = (await t.get('/api/parties/KZ')).body;
    expect(Object.keys(kz.names).sort()).toEqual(['ar', 'en', 'fa', 'kk', 'ru', 'tr', 'vi', 'zh']);
    expect(kz.names.kk).toBe('Қазақстан');
    expect(kz.isoAlpha3).toBe('KAZ');
    expect(kz.uncertain).toBe(true);
    expect(kz.history[0].uncertain).toMatch(/founders/);
    const kr = (await t.get('/api/parties/KR')).body;
    expect(kr.uncertain).toBe(false);
    const un = (await t.get('/api/parties/UN')).body;
    expect(un).toMatchObject({ kind: 'observer-organization', names: { en: 'United Nations', ru: 'Организация Объединённых Наций' }, shortNames: { en: 'UN' } });
    expect(un.history[0]).toMatchObject({ from: null, knownBy: '2022-02-09' });
  });

  it('finds parties by a piece of a name in any language', async () => {
    // The Assembly of People of Kazakhstan matches too: organisations' names are searched as well.
    expect(codes((await t.get('/api/parties?q=kazak')).body)).toEqual(['APK', 'KZ']);
    expect(codes((await t.get(`/api/parties?q=${encodeURIComponent('哈萨克')}`)).body)).toEqual(['KZ']);
    expect(codes((await t.get(`/api/parties?q=${encodeURIComponent('turkiye')}`)).body)).toEqual(['TR']);
  });

  it('answers 404 for an unknown party', async () => {
    const r = await t.get('/api/parties/XX');
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.code).toBe('registry.party_not_found');
  });

  it('rejects an unknown kind and malformed dates, naming the field', async () => {
    const kind = await t.get('/api/parties?kind=empire');
    expect(kind.status).toBe(400);
    expect(kind.body.errors.map((e: { field: string }) => e.field)).toEqual(['querystring.kind']);
    for (const bad of ['2010-13-01', '2010-02-30', '2010', 'yesterday']) {
      const r = await t.get(`/api/parties?status=member&on=${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.body.errors[0].field).toBe('querystring.on');
    }
    const chairs = await t.get('/api/chairmanships?on=2016-5-1');
    expect(chairs.status).toBe(400);
    expect(chairs.body.errors[0].field).toBe('querystring.on');
  });
});

describe('members-only fields', () => {
  it('never sends delegation contacts to an anonymous caller', async () => {
    const responses = [
      await t.get('/api/parties'),
      await t.get('/api/parties?kind=member-state'),
      await t.get('/api/parties?status=observer&on=2025-01-01'),
      await t.get('/api/parties/KZ'),
      await t.get('/api/parties/JP'),
      await t.get('/api/parties/UN'),
      await t.get('/api/parties/SEC'),
      await t.get('/api/bodies'),
      await t.get('/api/bodies/EM'),
      await t.get('/api/chairmanships'),
    ];
    for (const r of responses) {
      expect(r.status).toBe(200);
      expect(r.text).not.toMatch(/"contact"|example\.org|Embassy street|\+7 7172 000000/);
    }
    const all = responses[0].body.parties as Array<Record<string, unknown>>;
    expect(all.length).toBe(51);
    for (const p of all) expect(Object.keys(p)).not.toContain('contact');
  });

  it('publishes a public party schema that has no contact field at all', async () => {
    const res = await t.get('/api/openapi.json');
    const doc = typeof res.body === 'string' ? JSON.parse(res.body) : res.body;
    const schemas = doc.components.schemas;
    expect(Object.keys(schemas.PartyPublic.properties)).not.toContain('contact');
    expect(Object.keys(schemas.PartyForMembers.properties)).toContain('contact');
  });
});

describe('chairmanship', () => {
  const chairOn = async (on?: string) => {
    const r = await t.get(`/api/chairmanships${on ? `?on=${on}` : ''}`);
    expect(r.status).toBe(200);
    return r.body as { on: string; current: { party: { code: string } } | null; terms: unknown[] };
  };

  it('lists every term since the founding and the Chair on a given date', async () => {
    const all = await chairOn('2016-05-01');
    expect(all.terms).toHaveLength(6);
    expect(all.current?.party.code).toBe('CN');
    expect((await chairOn('2000-01-01')).current?.party.code).toBe('KZ');
    expect((await chairOn('2010-05-31')).current?.party.code).toBe('KZ');
    expect((await chairOn('2010-06-01')).current?.party.code).toBe('TR');
    expect((await chairOn('2019-06-15')).current?.party.code).toBe('TJ');
    expect((await chairOn('2024-12-16')).current?.party.code).toBe('KZ');
    expect((await chairOn('2024-12-17')).current?.party.code).toBe('AZ');
    expect((await chairOn('1998-01-01')).current).toBeNull();
  });

  it("takes today's date at the seat by default, and so does currentChairPartyId", async () => {
    clock.set('2026-01-15T09:00:00Z');
    const today = await chairOn();
    expect(today.on).toBe('2026-01-15');
    expect(today.current?.party.code).toBe('AZ');
    const az = await t.db.selectFrom('parties').select('id').where('code', '=', 'AZ').executeTakeFirstOrThrow();
    expect(await currentChairPartyId(t.db, clock.now())).toBe(az.id);
    const kz = await t.db.selectFrom('parties').select('id').where('code', '=', 'KZ').executeTakeFirstOrThrow();
    // 19:30 UTC on 2024-12-16 is already the 17th in Astana (UTC+5): Azerbaijan's first day.
    expect(await currentChairPartyId(t.db, new Date('2024-12-16T19:30:00Z'))).toBe(az.id);
    expect(await currentChairPartyId(t.db, new Date('2024-12-16T12:00:00Z'))).toBe(kz.id);
    expect(await currentChairPartyId(t.db, new Date('1990-01-01T00:00:00Z'))).toBeNull();
  });

  it('shows how each term was decided and what is uncertain', async () => {
    const { terms } = await chairOn('2026-01-15');
    const az = terms.at(-1) as Record<string, unknown>;
    expect(az).toMatchObject({ start: '2024-12-17', end: '2026', decidedOn: '2024-03-19', firstDay: '2024-12-17', lastDay: '2026-12-31' });
    expect(az.uncertain).toMatch(/Summit host/);
  });
});

describe('bodies', () => {
  it('lists the bodies with their reporting lines and historic names', async () => {
    const r = await t.get('/api/bodies');
    expect(r.status).toBe(200);
    const byCode = new Map((r.body.bodies as Array<{ code: string }>).map((b) => [b.code, b as Record<string, any>]));
    expect([...byCode.keys()]).toEqual(expect.arrayContaining(['CHS', 'MC', 'SOC', 'SWG', 'EM', 'SEC', 'TTF', 'CEP', 'BC', 'YC', 'PRC']));
    expect(byCode.get('CHS')!.historicNames).toEqual([{ names: expect.objectContaining({ en: 'Summit', ru: 'Саммит', zh: '亚信峰会', ar: 'القمة' }), until: '2022-10-13' }]);
    expect(byCode.get('SOC')!.reportsTo).toBe('MC');
    expect(byCode.get('SWG')!.reportsTo).toBe('SOC');
    expect(byCode.get('CHS')!.reportsTo).toBeNull();
  });

  it('gives an experts meeting its coordinators per CBM area', async () => {
    const em = (await t.get('/api/bodies/em')).body;
    expect(em.membership).toBe('coordinator-and-participants');
    expect(em.participants).toEqual(
      expect.arrayContaining([expect.objectContaining({ party: expect.objectContaining({ code: 'IN' }), role: 'coordinator', scope: 'NCT.1' })]),
    );
    expect((await t.get('/api/bodies/NOPE')).status).toBe(404);
  });
});

describe('the Secretariat and the record of the load', () => {
  it('names the Secretary General in office', async () => {
    const r = await t.get('/api/secretariat/heads');
    expect(r.status).toBe(200);
    const current = r.body.heads.filter((h: { current: boolean }) => h.current);
    expect(current.map((h: { name: string; role: string }) => [h.name, h.role])).toEqual([
      ['Kairat Sarybay', 'head'],
      ['Chi Fang', 'deputy'],
    ]);
    expect(current[0].title.en).toBe('Secretary General');
  });

  it('audited the demo load: one row per party, body, term and head', async () => {
    const rows = await t.db.selectFrom('audit_events').select(['action']).where('action', 'like', 'registry.%').execute();
    const n = (action: string) => rows.filter((r) => r.action === action).length;
    expect(n('registry.party.create')).toBe(51);
    expect(n('registry.body.create')).toBe(13);
    expect(n('registry.chair_term.create')).toBe(6);
    expect(n('registry.secretariat_head.create')).toBe(7);
  });
});
