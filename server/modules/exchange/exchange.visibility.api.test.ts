import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { asRole } from '../../../test/helpers/auth.ts';
import { annualData, exerciseData, seedExchange } from '../../../test/helpers/exchange.ts';

/**
 * The visibility matrix: public / all members / named parties (and a draft) × anonymous, an observer,
 * a member state not addressed, an addressed member state, the Secretariat and the filing party. Each
 * caller must find exactly what it may see — and nothing else — in a single read, the list, its count,
 * the received box, both exports and the year-over-year comparison.
 */
let t: TestApp;
const ids: Record<'pub' | 'mem' | 'named' | 'draft', string> = { pub: '', mem: '', named: '', draft: '' };
const cookie: Record<string, string | undefined> = { anonymous: undefined };

type Persona = 'anonymous' | 'observer' | 'memberNotAddressed' | 'addressedMember' | 'namedNotRecipient' | 'secretariat' | 'ownViewer';
const expected: Record<Persona, Array<keyof typeof ids>> = {
  anonymous: ['pub'],
  observer: ['pub'],
  memberNotAddressed: ['pub', 'mem'],
  addressedMember: ['pub', 'mem', 'named'],
  namedNotRecipient: ['pub', 'mem', 'named'],
  secretariat: ['pub', 'mem', 'named'],
  ownViewer: ['pub', 'mem', 'named', 'draft'],
};
const personas = Object.keys(expected) as Persona[];
const all = ['pub', 'mem', 'named', 'draft'] as const;

beforeAll(async () => {
  t = await testApp();
  await seedExchange(t);
  const kz = await asRole(t, 'KZ', 'focal-point');
  cookie.ownViewer = (await asRole(t, 'KZ', 'viewer')).cookie;
  cookie.observer = (await asRole(t, 'JP', 'focal-point')).cookie;
  cookie.memberNotAddressed = (await asRole(t, 'CN', 'focal-point')).cookie;
  cookie.addressedMember = (await asRole(t, 'KG', 'focal-point')).cookie;
  cookie.namedNotRecipient = (await asRole(t, 'UZ', 'viewer')).cookie;
  cookie.secretariat = (await asRole(t, 'SEC', 'officer')).cookie;
  const file = async (body: Record<string, unknown>) => {
    const r = await t.post('/api/exchange/submissions', body, { cookie: kz.cookie });
    expect(r.status, r.text).toBe(201);
    return r.body.id as string;
  };
  ids.pub = await file({ form: 'national-report', year: 2025, visibility: 'public', data: { summary: 'Public report, "quoted", with a comma' }, submit: true });
  ids.mem = await file({ form: 'annual-forces-budget', year: 2025, visibility: 'members', data: annualData(39_000), submit: true });
  ids.named = await file({
    form: 'exercise-notice',
    visibility: 'parties',
    visibleTo: ['UZ'],
    recipients: ['KG'],
    data: exerciseData('=HYPERLINK("http://evil.example")', '2026-06-01', '2026-06-03'),
    submit: true,
  });
  ids.draft = await file({ form: 'annual-forces-budget', year: 2026, visibility: 'members', data: annualData(41_000) });
}, 120_000);
afterAll(() => t?.close());

const sorted = (xs: string[]) => [...xs].sort();
const expectedIds = (p: Persona) => sorted(expected[p].map((k) => ids[k]));

describe.each(personas)('%s', (p) => {
  it('reads exactly what it may see; anything else is 404 (401 when anonymous)', async () => {
    for (const k of all) {
      const r = await t.get(`/api/exchange/submissions/${ids[k]}`, { cookie: cookie[p] });
      const visible = expected[p].includes(k);
      expect(r.status, `${p} GET ${k}`).toBe(visible ? 200 : p === 'anonymous' ? 401 : 404);
      if (!visible) expect(r.text).not.toContain(ids[k] === ids.named ? 'HYPERLINK' : 'personnel');
    }
  });

  it('lists and counts exactly those', async () => {
    const r = await t.get('/api/exchange/submissions?limit=200', { cookie: cookie[p] });
    expect(r.status).toBe(200);
    expect(sorted(r.body.items.map((x: { id: string }) => x.id))).toEqual(expectedIds(p));
    expect(r.body.total).toBe(expected[p].length);
    // Filters never widen: KZ's filings of 2025 and the received box.
    const kz2025 = await t.get('/api/exchange/submissions?party=KZ&year=2025', { cookie: cookie[p] });
    expect(kz2025.body.total).toBe(expected[p].filter((k) => k === 'pub' || k === 'mem').length);
    const received = await t.get('/api/exchange/submissions?box=received', { cookie: cookie[p] });
    expect(received.body.items.map((x: { id: string }) => x.id)).toEqual(p === 'addressedMember' ? [ids.named] : []);
  });

  it('exports exactly those rows as JSON and as CSV', async () => {
    const json = await t.get('/api/exchange/export.json', { cookie: cookie[p] });
    expect(json.status).toBe(200);
    expect(sorted(json.body.items.map((x: { id: string }) => x.id))).toEqual(expectedIds(p));
    expect(json.body.count).toBe(expected[p].length);
    const csv = await t.get('/api/exchange/export.csv', { cookie: cookie[p] });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    // fetch's text() drops a byte-order mark: look at the bytes for it.
    const raw = new Uint8Array(await (await fetch(`${t.url}/api/exchange/export.csv`, { headers: cookie[p] ? { cookie: cookie[p]! } : {} })).arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text.startsWith('id,party,form,')).toBe(true);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(sorted(lines.slice(1).map((l) => l.split(',')[0]))).toEqual(expectedIds(p));
    expect(csv.headers.get('x-total-count')).toBe(String(expected[p].length));
    for (const k of all) if (!expected[p].includes(k)) expect(csv.text).not.toContain(ids[k]);
  });

  it('compares years only over what it may see', async () => {
    const r = await t.get('/api/exchange/compare?party=KZ&form=annual-forces-budget&years=2025,2026', { cookie: cookie[p] });
    expect(r.status).toBe(200);
    const y2025 = r.body.years.find((y: { year: number }) => y.year === 2025);
    expect(y2025.submissionId).toBe(expected[p].includes('mem') ? ids.mem : null);
    // The 2026 draft is never compared, not even for its own party (only submitted versions count).
    expect(r.body.years.find((y: { year: number }) => y.year === 2026).submissionId).toBeNull();
    const total = r.body.fields.find((f: { path: string }) => f.path === 'personnel.total');
    if (expected[p].includes('mem')) {
      expect(total).toMatchObject({ values: [39_000, null], changed: true, label: expect.objectContaining({ en: 'Total active personnel' }) });
      // In the form's order, not the order the database keeps the keys in.
      const paths: string[] = r.body.fields.map((f: { path: string }) => f.path);
      expect(paths.indexOf('currency')).toBe(0);
      expect(paths.indexOf('defenceBudget')).toBeLessThan(paths.indexOf('personnel.total'));
      expect(paths.indexOf('personnel.total')).toBeLessThan(paths.indexOf('personnel.land'));
    } else expect(total).toBeUndefined();
  });
});

describe('CSV export', () => {
  it('quotes per RFC 4180 and neutralises cells that would run as formulas', async () => {
    const csv = await t.get('/api/exchange/export.csv?form=exercise-notice', { cookie: cookie.addressedMember });
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csv.text).not.toMatch(/,=HYPERLINK/);
    const pub = await t.get('/api/exchange/export.csv?form=national-report');
    expect(pub.text).toContain('"Public report, ""quoted"", with a comma"');
    expect(pub.headers.get('content-disposition')).toContain('attachment');
  });

  it('rejects bad filters cleanly', async () => {
    const r = await t.get('/api/exchange/export.csv?year=twenty');
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    const cmp = await t.get('/api/exchange/compare?party=KZ&form=annual-forces-budget&years=2025;2026');
    expect(cmp.status).toBe(400);
    expect(cmp.body.errors[0].field).toBe('querystring.years');
  });
});

describe('derestriction widens every view at once', () => {
  it('after KZ makes the named notice public, everyone sees it everywhere', async () => {
    const kz = await asRole(t, 'KZ', 'head-of-delegation');
    const r = await t.post(`/api/exchange/submissions/${ids.named}/derestrict`, { to: 'public' }, { cookie: kz.cookie });
    expect(r.status).toBe(200);
    for (const p of ['anonymous', 'observer', 'memberNotAddressed'] as const) {
      expect((await t.get(`/api/exchange/submissions/${ids.named}`, { cookie: cookie[p] })).status).toBe(200);
      const list = await t.get('/api/exchange/submissions', { cookie: cookie[p] });
      expect(list.body.items.map((x: { id: string }) => x.id)).toContain(ids.named);
      // The audience itself stays the filing party's and the Secretariat's business.
      const one = await t.get(`/api/exchange/submissions/${ids.named}`, { cookie: cookie[p] });
      expect(one.body).toMatchObject({ visibleTo: null, recipients: null });
    }
  });
});
