/**
 * Canary crawl: a restricted document addressed to one party carries a unique token in its title,
 * its paragraphs, its language titles, its file's content and its file's name. Then every GET route
 * of the app — read from the app's own route table, so routes that modules add later are crawled
 * too — is called with its path parameters filled from the canary and from every table's ids, as
 * every caller who is not addressed. The token must appear in no response body and no header.
 * Counts must not move either. Positive control: the addressed party does see it.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from './helpers/app.ts';
import { asRole } from './helpers/auth.ts';
import { makePdf } from './helpers/document-files.ts';
import { seedDocumentBasics } from './helpers/documents.ts';

type Who = { cookie: string } | null;
let t: TestApp;
const token = `CANARY${randomBytes(8).toString('hex').toUpperCase()}`;
const fragment = token.slice(6, 14); // searched for, so an echo of the query is not mistaken for a leak
let canary: { id: string; symbol: string; fileId: string; revisionSymbol: string; revisionId: string };
let roles: Record<string, Who>;
let addressed: Who;
let sec: Who;
let countsBefore: Record<string, number>;

/** GET routes from the app's route table: `printRoutes` gives a tree we flatten back into paths. */
function getRoutes(tree: string): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    stack.push(m[2]);
    const methods = (m[3] ?? '').split(',').map((s) => s.trim());
    if (methods.includes('GET')) out.push(stack.join(''));
  }
  return [...new Set(out)].filter((p) => p.startsWith('/api/'));
}

async function list(who: Who, query = '') {
  const r = await t.get(`/api/documents?limit=100${query}`, who ? { cookie: who.cookie } : {});
  return r.body.total as number;
}

beforeAll(async () => {
  t = await testApp();
  await seedDocumentBasics(t);
  sec = await asRole(t, 'SEC', 'officer');
  addressed = await asRole(t, 'KZ', 'viewer');
  roles = {
    anonymous: null,
    observerState: await asRole(t, 'JP', 'head-of-delegation', { kind: 'observer-state' }),
    observerOrganization: await asRole(t, 'OSCE', 'focal-point', { kind: 'observer-organization' }),
    otherMemberDelegate: await asRole(t, 'CN', 'delegate'),
    otherMemberFocalPoint: await asRole(t, 'IN', 'focal-point'),
    otherMemberViewer: await asRole(t, 'RU', 'viewer'),
  };
  const h = { cookie: sec!.cookie };
  // Some ordinary documents, so lists are not empty.
  const pub = await t.post('/api/documents', { type: 'report', bodyCode: 'SOC', title: 'Annual report', originalLanguage: 'en', accessLevel: 'public' }, h);
  await t.post(`/api/documents/${pub.body.id}/status`, { to: 'circulated' }, h);
  const mem = await t.post('/api/documents', { type: 'note', bodyCode: 'SOC', title: 'Members note', originalLanguage: 'en', accessLevel: 'members-and-observers' }, h);
  await t.post(`/api/documents/${mem.body.id}/status`, { to: 'circulated' }, h);

  countsBefore = {};
  for (const [name, who] of Object.entries(roles)) countsBefore[name] = await list(who);

  const c = await t.post(
    '/api/documents',
    {
      type: 'declaration',
      bodyCode: 'SOC',
      title: `Secret declaration ${token}`,
      originalLanguage: 'en',
      accessLevel: 'restricted',
      addressedParties: ['KZ'],
      translations: ['ru'],
    },
    h,
  );
  expect(c.status).toBe(201);
  const id = c.body.id as string;
  await t.request('PUT', `/api/documents/${id}/languages/en/text`, { body: { paragraphs: [`<p>First ${token}</p>`, '<p>Second</p>'] }, ...h });
  await t.request('PUT', `/api/documents/${id}/languages/en/text`, { body: { paragraphs: [`<p>First ${token} amended</p>`, '<p>Second</p>'] }, ...h });
  await t.request('PATCH', `/api/documents/${id}/languages/ru`, { body: { title: `Секрет ${token}`, status: 'in-translation' }, ...h });
  await t.request('PUT', `/api/documents/${id}/languages/ru/text`, { body: { paragraphs: [`<p>Первый ${token}</p>`] }, ...h });
  const boundary = 'canaryboundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="secret-${token}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    makePdf(`Body ${token}`),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const up = await fetch(`${t.url}/api/documents/${id}/languages/en/files`, {
    method: 'POST',
    headers: { cookie: sec!.cookie, origin: t.url, 'sec-fetch-site': 'same-origin', 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
  });
  expect(up.status).toBe(201);
  const file = (await up.json()) as { id: string };
  expect((await t.post(`/api/documents/${id}/status`, { to: 'circulated' }, h)).status).toBe(200);
  const rev = await t.post(`/api/documents/${id}/revisions`, { kind: 'revision', title: `Secret declaration ${token} Rev` }, h);
  expect(rev.status).toBe(201);
  canary = { id, symbol: c.body.symbol, fileId: file.id, revisionSymbol: rev.body.symbol, revisionId: rev.body.id };
});
afterAll(() => t?.close());

/** One id of every table with a uuid `id`, by table name. */
async function sampleIds(): Promise<Map<string, string>> {
  const { rows } = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name = 'id' AND data_type = 'uuid' ORDER BY table_name`.execute(t.db);
  const ids = new Map<string, string>();
  for (const { table_name } of rows) {
    const r = await sql<{ id: string }>`SELECT id::text AS id FROM ${sql.table(table_name)} ORDER BY id LIMIT 1`.execute(t.db);
    if (r.rows[0]) ids.set(table_name, r.rows[0].id);
  }
  return ids;
}

function candidates(param: string, ids: Map<string, string>, segment: string): string[] {
  const docIds = [canary.id, canary.revisionId];
  if (param === 'symbol') return [encodeURIComponent(canary.symbol), encodeURIComponent(canary.revisionSymbol), canary.symbol.replaceAll('/', '%2f')];
  if (param === 'fileId') return [canary.fileId];
  if (param === 'lang') return ['en', 'ru'];
  if (param === 'n') return ['1', '2'];
  if (param === 'code') return ['KZ', 'SOC', 'SEC'];
  // The canary's own ids, the ids of tables named like the route's resource (meetings → meetings,
  // meeting_*), then ids of other tables, at most a dozen in all.
  if (/id$/i.test(param)) {
    const stem = segment.replace(/s$/, '').replace(/-/g, '_');
    const related = [...ids].filter(([table]) => stem && table.startsWith(stem)).map(([, id]) => id);
    return [...new Set([...docIds, canary.fileId, ...related, ...ids.values()])].slice(0, 12);
  }
  return [canary.id, 'KZ', 'en', '1', encodeURIComponent(canary.symbol)];
}

function expand(route: string, ids: Map<string, string>): string[] {
  let urls = [''];
  let previous = '';
  for (const seg of route.split(/(?=\/)/)) {
    const m = /^\/:(\w+)(.*)$/.exec(seg);
    if (!m) {
      urls = urls.map((u) => u + seg);
      previous = seg.slice(1);
      continue;
    }
    const values = candidates(m[1], ids, previous);
    urls = urls.flatMap((u) => values.map((v) => `${u}/${v}${m[2]}`));
    if (urls.length > 120) urls = urls.filter((_, i) => i % Math.ceil(urls.length / 120) === 0);
  }
  // Also ask every route as a search, as an export and in other languages.
  return urls.flatMap((u) => [u, `${u}?q=${fragment}&search=${fragment}&languages=en,ru&lang=ru&from=1&to=2&limit=100`]);
}

describe('canary crawl', () => {
  it('is seen by the addressed party (positive control)', async () => {
    const h = { cookie: addressed!.cookie };
    expect((await t.get(`/api/documents/${canary.id}`, h)).text).toContain(token);
    expect((await t.get(`/api/documents?q=${fragment}`, h)).text).toContain(token);
    expect((await t.get(`/api/documents/${canary.id}/languages/en`, h)).text).toContain(token);
    expect((await t.get(`/api/documents/${canary.id}/akn`, h)).text).toContain(token);
    expect((await t.get(`/api/documents/by-symbol/${encodeURIComponent(canary.revisionSymbol)}`, h)).text).toContain(token);
    const f = await fetch(`${t.url}/api/documents/${canary.id}/files/${canary.fileId}`, { headers: h });
    expect(f.headers.get('content-disposition')).toContain(token);
    expect(Buffer.from(await f.arrayBuffer()).toString('latin1')).toContain(token);
    expect(await list(addressed, `&q=${fragment}`)).toBe(2);
  });

  it('never shows the token to anyone not addressed, on any GET route', async () => {
    const tree = t.concord.app.printRoutes({ commonPrefix: false });
    const routes = getRoutes(tree);
    // The crawl covers this module's routes and every other module's, whatever they add later.
    for (const r of ['/api/documents', '/api/documents/:id', '/api/documents/by-symbol/:symbol', '/api/documents/:id/akn', '/api/documents/:id/files/:fileId', '/api/documents/:id/languages/:lang', '/api/documents/:id/parallel']) {
      expect(routes).toContain(r);
    }
    expect(routes.length).toBeGreaterThan(15);
    const ids = await sampleIds();
    const urls = routes.flatMap((r) => expand(r, ids));
    let requests = 0;
    const leaks: string[] = [];
    const crawl = { ...roles, addressedControl: addressed };
    const probe = async (name: string, who: Who, url: string) => {
      const res = await fetch(t.url + url, { headers: { origin: t.url, 'sec-fetch-site': 'same-origin', ...(who ? { cookie: who.cookie } : {}) } });
      const body = Buffer.from(await res.arrayBuffer());
      const headers = [...res.headers].map(([k, v]) => `${k}: ${decodeURIComponent(v.replace(/%(?![0-9a-f]{2})/gi, '%25'))}`).join('\n');
      requests++;
      if (body.includes(token) || headers.includes(token)) leaks.push(`${name} GET ${url} → ${res.status}`);
    };
    for (const [name, who] of Object.entries(crawl)) {
      for (let i = 0; i < urls.length; i += 8) await Promise.all(urls.slice(i, i + 8).map((url) => probe(name, who, url)));
    }
    // The same crawl does find the token where it may be seen: the detector works.
    const seen = leaks.filter((l) => l.startsWith('addressedControl '));
    for (const r of [`/api/documents/${canary.id} `, `/api/documents?q=`, `/api/documents/${canary.id}/files/${canary.fileId} `, `/api/documents/${canary.id}/akn`]) {
      expect(seen.some((l) => l.includes(r)), r).toBe(true);
    }
    expect(leaks.filter((l) => !l.startsWith('addressedControl '))).toEqual([]);
    expect(requests).toBeGreaterThan(Object.keys(roles).length * routes.length);
  }, 900_000);

  it('moves no count for anyone not addressed', async () => {
    for (const [name, who] of Object.entries(roles)) {
      expect(await list(who), name).toBe(countsBefore[name]);
      expect(await list(who, `&q=${fragment}`), name).toBe(0);
      expect(await list(who, '&body=SOC&type=declaration'), name).toBe(0);
    }
  });
});
