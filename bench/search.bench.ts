/**
 * Search benchmark: a generated corpus of paragraphs in 12 languages (default 200,000; set
 * BENCH_PARAGRAPHS to scale), indexed through the real indexer, then queried through the real search
 * service (access filter, facets, snippets). Each figure is also given as a ratio to the bare
 * operation on the same table in the same run:
 * - index rate vs. inserting the same paragraphs with a bare `to_tsvector('simple', text)`;
 * - query latency p50/p95 vs. a bare `SELECT id FROM search_items WHERE tsv @@ tsquery LIMIT 20`.
 * Runs on PGlite, and on PostgreSQL too when DATABASE_URL is set (in a throwaway database).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { demoConcepts } from '../server/modules/glossary/glossary.demo.ts';
import { analyze, profileOf } from '../server/modules/search/analysis.ts';
import { fixtureDocs } from '../server/modules/search/relevance.fixture.ts';
import { clausesOf, compileFor, splitQuery } from '../server/modules/search/query.ts';
import type { IndexItem } from '../server/modules/search/search.indexer.ts';
import { indexItems } from '../server/modules/search/search.indexer.ts';
import { search } from '../server/modules/search/search.service.ts';
import { ManualClock } from '../server/shared/clock.ts';
import { anonymousActor } from '../server/shared/context.ts';
import { fmt, result, summarize } from './lib.ts';

const total = Number(process.env.BENCH_PARAGRAPHS ?? 200_000);
const perDocument = 10;
const languages = ['en', 'ru', 'zh', 'vi', 'ar', 'fa', 'th', 'km', 'tr', 'ko', 'mn', 'kk'] as const;
const unspaced = new Set(['zh', 'th', 'km']);

// A small deterministic PRNG, so every run indexes the same corpus.
let seed = 0x2f6b1d;
const rand = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x1_0000_0000;
};

/** Words of each language, most frequent first, from the relevance fixture and the demo glossary. */
function wordLists(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const lang of languages) {
    const texts = [
      ...fixtureDocs.filter((d) => d.lang === lang).flatMap((d) => [d.title, d.text]),
      ...demoConcepts.flatMap((c) => c.languages.filter((l) => l.lang === lang).flatMap((l) => [l.preferred, l.definition ?? '', l.note ?? ''])),
    ];
    const counts = new Map<string, number>();
    for (const t of texts) for (const tok of analyze(t, lang)) if (!/^\d+$/.test(tok.text)) counts.set(tok.text, (counts.get(tok.text) ?? 0) + 1);
    out[lang] = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
  }
  return out;
}

/** Picks a word with a Zipf-like bias towards the frequent ones. */
function pick(words: string[]): string {
  const i = Math.floor(words.length * rand() ** 2);
  return words[Math.min(i, words.length - 1)]!;
}

function paragraph(lang: string, words: string[]): string {
  const n = 12 + Math.floor(rand() * 18);
  const ws = Array.from({ length: n }, () => pick(words));
  return `${ws.join(unspaced.has(lang) ? '' : ' ')}${lang === 'zh' ? '。' : '.'}`;
}

function corpus(lists: Record<string, string[]>): IndexItem[] {
  const items: IndexItem[] = [];
  const docs = Math.ceil(total / perDocument);
  for (let d = 0; d < docs; d++) {
    const lang = languages[d % languages.length]!;
    const words = lists[lang]!;
    const n = Math.min(perDocument, total - d * perDocument);
    items.push({
      type: 'document',
      id: `bench-${d}`,
      guard: 'public',
      bodyCode: ['SOC', 'SWG', 'MC'][d % 3]!,
      year: 2015 + (d % 11),
      versions: [{ lang, title: `${pick(words)} ${pick(words)}`, parts: Array.from({ length: n }, () => paragraph(lang, words)) }],
    });
  }
  return items;
}

function queries(lists: Record<string, string[]>): Array<{ lang: string; q: string }> {
  const out: Array<{ lang: string; q: string }> = [];
  for (const lang of languages) {
    const w = lists[lang]!;
    out.push({ lang, q: w[1]! }, { lang, q: w[Math.min(8, w.length - 1)]! }, { lang, q: w[Math.min(25, w.length - 1)]! }, { lang, q: `${w[3]} ${w[Math.min(12, w.length - 1)]}` });
  }
  return out;
}

async function throwawayPostgres(url: string): Promise<{ handle: DatabaseHandle; drop(): Promise<void> }> {
  const name = `concord_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: u.toString() });
  return {
    handle,
    async drop() {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

async function run(backend: 'pglite' | 'postgres', handle: DatabaseHandle, items: IndexItem[], qs: Array<{ lang: string; q: string }>) {
  const db = handle.db;
  await migrateToLatest(db);
  const paragraphs = items.reduce((n, i) => n + i.versions[0]!.parts.length, 0);

  // Index through the real indexer, 200 documents per transaction.
  const t0 = performance.now();
  let rows = 0;
  for (let i = 0; i < items.length; i += 200) {
    const batch = items.slice(i, i + 200);
    rows += await db.transaction().execute((trx) => indexItems(trx, batch, { replace: false }));
    if ((i / 200) % 100 === 0) process.stdout.write(`  ${backend}: indexed ${Math.min(i + 200, items.length)}/${items.length} documents\r`);
  }
  const indexSeconds = (performance.now() - t0) / 1000;
  await sql`ANALYZE search_items`.execute(db);

  // The bare baseline: the same paragraphs, unsegmented, into a copy of the table's text-search part.
  await sql`CREATE TABLE bench_bare (id bigserial PRIMARY KEY, body text NOT NULL, tsv tsvector NOT NULL)`.execute(db);
  await sql`CREATE INDEX bench_bare_tsv ON bench_bare USING gin (tsv)`.execute(db);
  const b0 = performance.now();
  for (let i = 0; i < items.length; i += 200) {
    const texts = items.slice(i, i + 200).map((d) => d.versions[0]!.parts.join('\n'));
    await db.transaction().execute((trx) => sql`INSERT INTO bench_bare (body, tsv) SELECT t, to_tsvector('simple', t) FROM unnest(${texts}::text[]) AS u(t)`.execute(trx));
  }
  const bareSeconds = (performance.now() - b0) / 1000;
  await sql`DROP TABLE bench_bare`.execute(db);

  const rate = paragraphs / indexSeconds;
  const bareRate = paragraphs / bareSeconds;
  console.log(`\n  ${backend}: ${paragraphs} paragraphs in ${items.length} documents → ${rows} index rows in ${fmt(indexSeconds)} s: ${fmt(rate, 0)} paragraphs/s (bare to_tsvector insert: ${fmt(bareRate, 0)}/s)`);

  // Queries: the full search (access filter, facets, snippets) vs. a bare tsquery, warm, 3 rounds.
  const ctx = { actor: anonymousActor, requestId: null, clock: new ManualClock('2026-03-02T08:00:00Z') };
  const full: number[] = [];
  const bare: number[] = [];
  let hits = 0;
  for (const { q } of qs) await search(db, ctx, { q, page: 1, pageSize: 20 });
  for (let round = 0; round < 3; round++) {
    for (const { lang, q } of qs) {
      const s0 = performance.now();
      const r = await search(db, ctx, { q, page: 1, pageSize: 20 });
      full.push(performance.now() - s0);
      hits += r.total;
      const profile = profileOf(lang);
      const tq = compileFor(clausesOf(splitQuery(q)), profile)!;
      const s1 = performance.now();
      await sql`SELECT id FROM search_items WHERE tsv @@ to_tsquery(${profile.cfg}::regconfig, ${tq}) LIMIT 20`.execute(db);
      bare.push(performance.now() - s1);
    }
  }
  const f = summarize(full);
  const b = summarize(bare);
  console.log(`  ${backend}: ${qs.length} queries × 3 (mean ${fmt(hits / full.length, 0)} visible hits each): search p50 ${fmt(f.p50)} ms, p95 ${fmt(f.p95)} ms; bare tsquery p50 ${fmt(b.p50)} ms, p95 ${fmt(b.p95)} ms`);
  result(`search-${backend}`, {
    paragraphs,
    languages: languages.length,
    index_paragraphs_per_s: rate,
    index_ratio_to_bare: rate / bareRate,
    query_p50_ms: f.p50,
    query_p95_ms: f.p95,
    bare_p50_ms: b.p50,
    bare_p95_ms: b.p95,
    p50_ratio_to_bare: f.p50 / b.p50,
    p95_ratio_to_bare: f.p95 / b.p95,
  });
}

const lists = wordLists();
const items = corpus(lists);
const qs = queries(lists);
console.log(`Search benchmark: ${total} paragraphs (BENCH_PARAGRAPHS to change), ${languages.length} languages (${languages.join(', ')}), ${qs.length} queries.`);

const lite = await openDatabase({ dataDir: 'memory' });
try {
  await run('pglite', lite, items, qs);
} finally {
  await lite.close();
}

if (process.env.DATABASE_URL) {
  const p = await throwawayPostgres(process.env.DATABASE_URL);
  try {
    await run('postgres', p.handle, items, qs);
  } finally {
    await p.handle.close();
    await p.drop();
  }
} else {
  console.log('DATABASE_URL is not set: PostgreSQL was not measured (PGlite only).');
}
