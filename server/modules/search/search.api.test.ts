import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { asRole } from '../../../test/helpers/auth.ts';
import { ManualClock } from '../../shared/clock.ts';

/**
 * Search over HTTP on the CICA demo with documents made through the documents API: every language
 * version found in its own script, Vietnamese with or without diacritics, glossary expansion across
 * languages, fuzzy party names, facets, and access: a restricted document with a canary word is never
 * found, counted or faceted by a party it is not addressed to.
 */
let t: TestApp;
let officer: string;
let kz: string; // member, addressed by the restricted document
let cn: string; // member, not addressed
let jp: string; // observer
const clock = new ManualClock('2026-03-02T08:00:00Z');
const CANARY = 'zephyrquokka';
const ids: Record<string, string> = {};

type Hit = { type: string; id: string; lang: string; dir: string; title: Array<{ text: string; match: boolean }>; snippet: Array<{ text: string; match: boolean }> };

async function makeDocument(o: { title: string; lang: string; access: string; addressed?: string[]; texts: Record<string, string[]>; titles?: Record<string, string>; circulate?: boolean; body?: string }) {
  const r = await t.post(
    '/api/documents',
    { type: 'report', bodyCode: o.body ?? 'SOC', title: o.title, originalLanguage: o.lang, accessLevel: o.access, addressedParties: o.addressed ?? [], date: '2025-11-20' },
    { cookie: officer },
  );
  if (r.status !== 201) throw new Error(`document not created: ${r.status} ${r.text}`);
  const id = r.body.id as string;
  for (const [lang, paragraphs] of Object.entries(o.texts)) {
    if (lang !== o.lang) {
      const add = await t.post(`/api/documents/${id}/languages`, { language: lang, status: 'ready', authoritative: false, title: o.titles?.[lang] ?? null }, { cookie: officer });
      if (add.status !== 200 && add.status !== 201) throw new Error(`language not added: ${add.status} ${add.text}`);
    }
    const s = await t.request('PUT', `/api/documents/${id}/languages/${lang}/text`, { body: { paragraphs: paragraphs.map((p) => `<p>${p}</p>`) }, cookie: officer });
    if (s.status !== 200) throw new Error(`text not saved: ${s.status} ${s.text}`);
  }
  if (o.circulate !== false) {
    const c = await t.post(`/api/documents/${id}/status`, { to: 'circulated' }, { cookie: officer });
    if (c.status !== 200) throw new Error(`not circulated: ${c.status} ${c.text}`);
  }
  return id;
}

const search = (q: string, cookie?: string, extra = '') => t.get(`/api/search?q=${encodeURIComponent(q)}${extra}`, cookie ? { cookie } : {});
const marked = (segments: Array<{ text: string; match: boolean }>) => segments.filter((s) => s.match).map((s) => s.text);

beforeAll(async () => {
  t = await testApp({ demo: true, clock });
  officer = (await asRole(t, 'SEC', 'officer')).cookie;
  kz = (await asRole(t, 'KZ', 'focal-point')).cookie;
  cn = (await asRole(t, 'CN', 'delegate')).cookie;
  jp = (await asRole(t, 'JP', 'focal-point')).cookie;
  ids.public = await makeDocument({
    title: 'Report on the implementation of confidence-building measures',
    lang: 'en',
    access: 'public',
    titles: { zh: '建立信任措施落实情况报告', vi: 'Báo cáo về việc thực hiện các biện pháp xây dựng lòng tin', ru: 'Доклад о реализации мер доверия' },
    texts: {
      en: ['The member states reviewed the catalogue of confidence-building measures.', 'The Senior Officials Committee reached consensus on the annual plan.'],
      zh: ['成员国审议了建立信任措施目录。', '高官委员会就年度计划达成协商一致。'],
      vi: ['Các quốc gia thành viên đã xem xét danh mục các biện pháp xây dựng lòng tin.', 'Ủy ban Quan chức Cấp cao đã đạt được đồng thuận về kế hoạch hằng năm.'],
      ru: ['Государства-члены рассмотрели каталог мер доверия.', 'Комитет старших должностных лиц достиг консенсуса по годовому плану.'],
    },
  });
  ids.restricted = await makeDocument({
    title: `Restricted note on ${CANARY} arrangements`,
    lang: 'en',
    access: 'restricted',
    addressed: ['KZ'],
    texts: { en: [`The ${CANARY} arrangements concern the annual plan and confidence-building measures.`] },
  });
  ids.members = await makeDocument({
    title: 'Members-only budget paper',
    lang: 'en',
    access: 'members',
    texts: { en: ['The budget of the Secretariat for the annual plan.'] },
  });
  ids.draft = await makeDocument({ title: 'Draft statement on the annual plan', lang: 'en', access: 'public', circulate: false, texts: { en: ['An unfinished draft about the annual plan.'] } });
}, 180_000);
afterAll(() => t?.close());

describe('finding things in every language', () => {
  it('finds a Chinese phrase in the Chinese version and the key concept, and searches its terms in the other languages', async () => {
    const r = await search('建立信任措施');
    expect(r.status).toBe(200);
    const hits: Hit[] = r.body.hits;
    const zhDoc = hits.find((h) => h.type === 'document' && h.id === ids.public && h.lang === 'zh');
    expect(zhDoc).toBeDefined();
    expect(marked(zhDoc!.snippet).join('')).toContain('建立信任措施');
    expect(hits.some((h) => h.type === 'glossary' && h.lang === 'zh')).toBe(true);
    // "also searched": the concept's terms in the other languages, and hits in them.
    expect(r.body.alsoSearched).toEqual(expect.arrayContaining(['confidence-building measures', 'меры доверия', 'biện pháp xây dựng lòng tin']));
    // Hits in the typed language rank first; the others are found through the concept's terms.
    expect(hits[0]!.lang).toBe('zh');
    const docs: Hit[] = (await search('建立信任措施', undefined, '&type=document')).body.hits;
    for (const lang of ['zh', 'en', 'ru', 'vi']) expect(docs.some((h) => h.id === ids.public && h.lang === lang), lang).toBe(true);
    expect(r.body.facets.lang.map((f: { value: string }) => f.value)).toEqual(expect.arrayContaining(['zh', 'en', 'ru', 'vi']));
  });

  it('says what else it searched for CICA: СВМДА, 亚信会议', async () => {
    const r = await search('CICA');
    expect(r.body.alsoSearched).toEqual(expect.arrayContaining(['СВМДА', '亚信会议']));
    expect(r.body.hits.some((h: Hit) => h.type === 'glossary' && h.lang === 'ru')).toBe(true);
  });

  it('finds Vietnamese with or without diacritics, the exact spelling ranked first', async () => {
    for (const q of ['dong thuan', 'đồng thuận']) {
      const r = await search(q, undefined, '&lang=vi');
      const hit = r.body.hits.find((h: Hit) => h.id === ids.public && h.lang === 'vi');
      expect(hit, q).toBeDefined();
      expect(marked(hit.snippet), q).toContain('đồng thuận');
    }
    const exact = await search('đồng thuận', undefined, '&lang=vi&type=glossary');
    expect(exact.body.hits[0].title.map((s: { text: string }) => s.text).join('')).toBe('đồng thuận');
  });

  it('stems Russian and English and marks the inflected words', async () => {
    const ru = await search('мера доверия', undefined, '&lang=ru&type=document');
    const hit = ru.body.hits.find((h: Hit) => h.id === ids.public);
    expect(marked(hit.snippet).join(' ')).toMatch(/мер доверия/);
    const en = await search('measure catalogue', undefined, '&lang=en&type=document');
    expect(en.body.hits.map((h: Hit) => h.id)).toContain(ids.public);
  });

  it('finds parties and bodies by approximate names: Kazakstan, Turkiye', async () => {
    const kzHit = await search('Kazakstan', undefined, '&type=party');
    expect(kzHit.body.hits.some((h: Hit & { ref: { code: string } }) => h.ref.code === 'KZ')).toBe(true);
    const tr = await search('Turkiye', undefined, '&type=party');
    expect(tr.body.hits.some((h: Hit & { ref: { code: string } }) => h.ref.code === 'TR')).toBe(true);
    const body = await search('Senior Oficials Comittee', undefined, '&type=body');
    expect(body.body.hits.some((h: Hit & { ref: { code: string } }) => h.ref.code === 'SOC')).toBe(true);
  });

  it('returns snippets as text segments (never HTML), with the language and direction of each hit', async () => {
    const r = await search('<script>alert(1)</script> تدابير');
    expect(r.status).toBe(200);
    const ar = await search('تدابير بناء الثقة');
    const hit = ar.body.hits.find((h: Hit) => h.lang === 'ar');
    expect(hit.dir).toBe('rtl');
    for (const h of ar.body.hits as Hit[]) for (const s of [...h.title, ...h.snippet]) expect(Object.keys(s).sort()).toEqual(['match', 'text']);
  });

  it('finds a document as soon as its text is saved, and forgets the old text (the outbox is drained before searching)', async () => {
    const id = await makeDocument({ title: 'Note on hydrography', lang: 'en', access: 'public', texts: { en: ['Bathymetric surveys of the Caspian.'] } });
    expect((await search('bathymetric')).body.hits.map((h: Hit) => h.id)).toContain(id);
    const s = await t.request('PUT', `/api/documents/${id}/languages/en/text`, { body: { paragraphs: ['<p>Oceanographic campaigns.</p>'] }, cookie: officer });
    expect(s.status).toBe(200);
    expect((await search('bathymetric')).body.hits.map((h: Hit) => h.id)).not.toContain(id);
    expect((await search('oceanographic')).body.hits.map((h: Hit) => h.id)).toContain(id);
  });
});

describe('facets', () => {
  it('counts by type, body, year and language, each facet under the other filters', async () => {
    const all = await search('annual plan', officer);
    const type = Object.fromEntries(all.body.facets.type.map((f: { value: string; count: number }) => [f.value, f.count]));
    expect(type.document).toBeGreaterThanOrEqual(4);
    const docsOnly = await search('annual plan', officer, '&type=document&lang=en');
    expect(docsOnly.body.hits.every((h: Hit) => h.type === 'document' && h.lang === 'en')).toBe(true);
    // The type facet still lists the other types (computed without its own filter).
    expect(docsOnly.body.facets.type.length).toBeGreaterThanOrEqual(1);
    expect(docsOnly.body.facets.year).toEqual(expect.arrayContaining([{ value: '2025', count: expect.any(Number) }]));
    expect(docsOnly.body.facets.body).toEqual(expect.arrayContaining([{ value: 'SOC', count: expect.any(Number) }]));
    const none = await search('annual plan', officer, '&body=SWG');
    expect(none.body.total).toBe(0);
  });

  it('pages: total stays, hits move on', async () => {
    const p1 = await search('annual plan', officer, '&pageSize=2');
    const p2 = await search('annual plan', officer, '&pageSize=2&page=2');
    expect(p1.body.total).toBe(p2.body.total);
    expect(p1.body.hits.map((h: Hit) => `${h.id}/${h.lang}`)).not.toEqual(p2.body.hits.map((h: Hit) => `${h.id}/${h.lang}`));
  });
});

describe('access: results, counts and facets only over what the caller may see', () => {
  const canaryCount = async (cookie?: string) => {
    const r = await search(CANARY, cookie);
    expect(r.status).toBe(200);
    const facetTotal = Object.values(r.body.facets as Record<string, Array<{ count: number }>>).flat().reduce((n, f) => n + f.count, 0);
    return { total: r.body.total, hits: r.body.hits.length, facets: facetTotal, ids: r.body.hits.map((h: Hit) => h.id) };
  };

  it('never shows the restricted canary to the public, an observer or a member it is not addressed to, not even as a count', async () => {
    for (const [who, cookie] of [['anonymous', undefined], ['observer JP', jp], ['member CN', cn]] as const) {
      expect(await canaryCount(cookie), who).toEqual({ total: 0, hits: 0, facets: 0, ids: [] });
      // A broader query that matches it too counts only the visible documents.
      const broad = await search('annual plan', cookie);
      expect(broad.body.hits.map((h: Hit) => h.id), who).not.toContain(ids.restricted);
    }
  });

  it('shows it to the addressed party and to the Secretariat', async () => {
    expect((await canaryCount(kz)).ids).toContain(ids.restricted);
    expect((await canaryCount(officer)).ids).toContain(ids.restricted);
  });

  it('keeps members-only papers from the public and observers, and drafts with the Secretariat', async () => {
    const budget = async (cookie?: string) => (await search('budget Secretariat', cookie, '&type=document')).body.hits.map((h: Hit) => h.id);
    expect(await budget()).not.toContain(ids.members);
    expect(await budget(jp)).not.toContain(ids.members);
    expect(await budget(cn)).toContain(ids.members);
    const draft = async (cookie?: string) => (await search('unfinished draft', cookie)).body.total;
    expect(await draft()).toBe(0);
    expect(await draft(cn)).toBe(0);
    expect(await draft(officer)).toBeGreaterThan(0);
  });

  it('hides draft key concepts from everyone but the Secretariat', async () => {
    const c = await t.post(
      '/api/glossary',
      { code: 'test-unreleased', status: 'draft', languages: [{ lang: 'en', preferred: 'Quokkasphere protocol' }] },
      { cookie: officer },
    );
    expect(c.status).toBe(201);
    expect((await search('quokkasphere')).body.total).toBe(0);
    expect((await search('quokkasphere', kz)).body.total).toBe(0);
    expect((await search('quokkasphere', officer)).body.total).toBe(1);
  });
});

describe('bad input', () => {
  it('rejects a missing or oversized query and bad filters with 400 problem+json', async () => {
    for (const path of ['/api/search', '/api/search?q=', `/api/search?q=${'x'.repeat(301)}`, '/api/search?q=a&type=planet', '/api/search?q=a&pageSize=1000', '/api/search?q=a&year=abc', '/api/search?q=a&body=soc']) {
      const r = await t.get(path);
      expect(r.status, path).toBe(400);
      expect(r.headers.get('content-type'), path).toContain('application/problem+json');
    }
  });

  it('answers an empty result for a query of punctuation only', async () => {
    const r = await search('!!! ???');
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(0);
  });
});
