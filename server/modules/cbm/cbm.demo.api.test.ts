import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { asRole } from '../../../test/helpers/auth.ts';

/** The CBM demo data as the web pages see it: catalogue, India's plan, three held demo events. */
let t: TestApp;
beforeAll(async () => {
  t = await testApp({ demo: true });
}, 180_000);
afterAll(() => t?.close());

describe('CBM demo data', () => {
  it('has the five dimensions and the priority areas, with India coordinating combating terrorism', async () => {
    const dims = await t.get('/api/cbm/dimensions');
    expect(dims.status).toBe(200);
    expect(dims.body.items.map((d: { code: string }) => d.code)).toEqual(['MP', 'NCT', 'ECO', 'ENV', 'HUM']);
    const area = await t.get('/api/cbm/areas/NCT.1');
    expect(area.status, area.text).toBe(200);
    expect(area.body.coordinators.map((c: { party: { code: string }; role: string }) => `${c.party.code}:${c.role}`)).toEqual(['IN:coordinator']);
    expect(area.body.actionPlan).toBeNull();
    const versions = await t.get('/api/cbm/catalogue-versions');
    expect(versions.body.items.map((v: { code: string }) => v.code)).toEqual(['2004', '2021']);
    const only2021 = await t.get('/api/cbm/measures?version=2021');
    const only2004 = await t.get('/api/cbm/measures?version=2004');
    expect(only2021.body.items.length).toBeGreaterThan(only2004.body.items.length);
  });

  it('shows members the approved plan and the three held demo events with reports; the public two of them', async () => {
    const { cookie } = await asRole(t, 'KZ', 'delegate');
    const area = await t.get('/api/cbm/areas/NCT.1', { cookie });
    expect(area.body.actionPlan.status).toBe('soc-approved');
    expect(area.body.actionPlan.decisionRef).toMatch(/SOC/);
    const year = t.clock.now().getUTCFullYear() - 1;
    const members = await t.get(`/api/cbm/events?year=${year}`, { cookie });
    expect(members.body.total).toBe(3);
    for (const e of members.body.items) {
      expect(e.isDemo).toBe(true);
      expect(e.label).toBe('demo');
      expect(e.title.en).toContain('(demo)');
      expect(e.hasReport).toBe(true);
    }
    const pub = await t.get(`/api/cbm/events?year=${year}`);
    expect(pub.body.total).toBe(2);
    const dash = await t.get(`/api/cbm/dashboard?year=${year}`, { cookie });
    expect(dash.status, dash.text).toBe(200);
    expect(dash.body.scope).toBe('forum');
    const pubDash = await t.get(`/api/cbm/dashboard?year=${year}`);
    expect(pubDash.body.scope).toBe('public');
    expect(pubDash.body.participation).toBeNull();
  });

  it('names the dimensions, areas and measures in all eight interface languages, and search finds an area in Chinese and Russian', async () => {
    const langs = ['en', 'ru', 'zh', 'vi', 'ar', 'fa', 'kk', 'tr'];
    const dims = await t.get('/api/cbm/dimensions');
    for (const d of dims.body.items) expect(Object.keys(d.names).sort(), d.code).toEqual([...langs].sort());
    const areas = await t.get('/api/cbm/areas');
    expect(areas.body.items).toHaveLength(28);
    for (const a of areas.body.items) expect(Object.keys(a.names).sort(), a.code).toEqual([...langs].sort());
    const nct1 = areas.body.items.find((a: { code: string }) => a.code === 'NCT.1');
    expect(nct1.names).toMatchObject({ zh: '打击恐怖主义', ar: 'مكافحة الإرهاب', ru: 'Борьба с терроризмом' });
    const measures = await t.get('/api/cbm/measures');
    for (const m of measures.body.items) {
      expect(Object.keys(m.title).sort(), m.code).toEqual([...langs].sort());
      expect(Object.keys(m.text).sort(), m.code).toEqual([...langs].sort());
    }
    for (const q of ['打击恐怖主义', 'Борьба с терроризмом']) {
      const found = await t.get(`/api/search?q=${encodeURIComponent(q)}&type=cbm-area`);
      expect(found.status, found.text).toBe(200);
      const hit = found.body.hits.find((h: { ref: { code?: string } }) => h.ref.code === 'NCT.1');
      expect(hit, q).toBeTruthy();
      expect(hit.id).toBe(nct1.id);
    }
  });
});
