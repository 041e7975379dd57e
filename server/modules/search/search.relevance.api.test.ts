import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { fixtureDocs, fixtureQueries } from './relevance.fixture.ts';
import { indexItems } from './search.indexer.ts';

/**
 * Recall@10 per language on the relevance fixture, over HTTP, on the backend under test (PGlite, or
 * PostgreSQL with DATABASE_URL). Every language must find every expected document in its first ten
 * hits; the figures are printed.
 */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await t.db.transaction().execute((trx) =>
    indexItems(
      trx,
      fixtureDocs.map((d) => ({ type: 'document' as const, id: d.id, guard: 'public' as const, year: 2025, versions: [{ lang: d.lang, title: d.title, parts: [d.text] }] })),
    ),
  );
}, 180_000);
afterAll(() => t?.close());

describe('relevance fixture', () => {
  it('reaches recall@10 = 100% in every language', async () => {
    const perLang = new Map<string, { found: number; wanted: number; misses: string[] }>();
    for (const fq of fixtureQueries) {
      const r = await t.get(`/api/search?q=${encodeURIComponent(fq.q)}&pageSize=10`);
      expect(r.status).toBe(200);
      const top = (r.body.hits as Array<{ id: string }>).map((h) => h.id);
      const s = perLang.get(fq.lang) ?? { found: 0, wanted: 0, misses: [] };
      for (const id of fq.expect) {
        s.wanted++;
        if (top.includes(id)) s.found++;
        else s.misses.push(`${fq.q} → ${id} (got ${top.join(', ') || 'nothing'})`);
      }
      perLang.set(fq.lang, s);
    }
    const backend = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
    const lines = [...perLang.entries()].map(([lang, s]) => `  ${lang}  recall@10 = ${((100 * s.found) / s.wanted).toFixed(0)}%  (${s.found}/${s.wanted})${s.misses.length ? `  missed: ${s.misses.join('; ')}` : ''}`);
    console.log(`Search relevance fixture on ${backend}: ${fixtureDocs.length} documents, ${fixtureQueries.length} queries, ${perLang.size} languages\n${lines.join('\n')}`);
    expect(perLang.size).toBeGreaterThanOrEqual(12);
    for (const [lang, s] of perLang) expect(s.misses, lang).toEqual([]);
  });
});
