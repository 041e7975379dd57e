/**
 * Documents: (1) open a document with three language versions of 200 paragraphs each (the parallel
 * view), (2) list 10,000 documents with filters (body, year, status; sorted, paged, with the total),
 * each from BENCH_CONNECTIONS (50) concurrent readers (a member delegation, so the access predicate is at
 * work), after the search index has caught up with the seeded documents.
 * Baseline, measured in the same run on the same database: the bare SQL of the same queries
 * (the repository statements the endpoint runs), from as many concurrent callers.
 * Runs on the embedded database, or on PostgreSQL when DATABASE_URL is set.
 */
import { sql } from 'kysely';
import { loadConfig } from '../server/config.ts';
import { startConcord } from '../server/main.ts';
import * as repo from '../server/modules/documents/documents.repository.ts';
import { changeStatus, createDocument, saveText } from '../server/modules/documents/documents.service.ts';
import { createUserWithPassword } from '../server/modules/identity/users.service.ts';
import { saveProfile } from '../server/modules/profile/profile.service.ts';
import { cicaProfile } from '../server/modules/registry/cica.data.ts';
import { systemClock } from '../server/shared/clock.ts';
import { type Actor, type Ctx, systemActor } from '../server/shared/context.ts';
import { benchDatabase, fmt, result, signInCookie, summarize } from './lib.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

const { handle, db, dropDatabase } = await benchDatabase();

// --- seed -------------------------------------------------------------------------------------
const t0 = performance.now();
const sys: Ctx = { actor: systemActor, requestId: null, clock: systemClock };
await db.transaction().execute((trx) => saveProfile(trx, sys, cicaProfile as Parameters<typeof saveProfile>[2]));
for (const [code, kind] of [
  ['SEC', 'secretariat'],
  ['KZ', 'member-state'],
  ['CN', 'member-state'],
] as const) {
  await db.insertInto('parties').values({ code, kind, names: JSON.stringify({ en: code }), short_names: '{}', notes: '[]' }).onConflict((oc) => oc.column('code').doNothing()).execute();
}
for (const code of ['SOC', 'MC', 'SWG', 'EM']) {
  await sql`INSERT INTO bodies (code, kind, names, membership) VALUES (${code}, 'decision-making', ${JSON.stringify({ en: code, ru: code })}::jsonb, 'all-members') ON CONFLICT (code) DO NOTHING`.execute(db);
}
const party = async (code: string) => (await db.selectFrom('parties').select(['id', 'code', 'kind']).where('code', '=', code).executeTakeFirstOrThrow()) as { id: string; code: string; kind: Actor['partyKind'] };
const sec = await party('SEC');
const kz = await party('KZ');
const cn = await party('CN');
const password = 'Tq7-Zx9v-Lm3k-Wp8r-x';
const reader = await createUserWithPassword(db, sys, { email: 'reader@bench.example', name: 'Bench Reader', partyCode: 'KZ', role: 'delegate', password });

// 10,000 documents across bodies, years, types, statuses and access levels; en for all, ru for half, zh for a third.
await sql`
  INSERT INTO documents (symbol, prefix, body_code, year, series, number, type, title, original_language, submitting_party_id,
                         document_date, status, access_level, created_at, updated_at)
  SELECT 'CICA/' || b || '/' || y || '/' || n, 'CICA', b, y, 'general', n,
         (ARRAY['declaration','statement','decision','report','note','letter','concept-paper','information-paper'])[1 + i % 8],
         'Document ' || i || ' on confidence-building measures', 'en', CASE WHEN i % 50 = 0 THEN ${cn.id}::uuid END,
         y || '-' || lpad((1 + i % 12)::text, 2, '0') || '-' || lpad((1 + i % 28)::text, 2, '0'),
         (ARRAY['circulated','circulated','adopted','issued','draft','superseded'])[1 + i % 6],
         (ARRAY['public','members','members-and-observers','restricted'])[1 + i % 4],
         now(), now()
  FROM (SELECT i, (ARRAY['SOC','MC','SWG','EM'])[1 + i % 4] AS b, 2015 + (i / 4) % 12 AS y, i AS n FROM generate_series(1, 10000) AS i) s`.execute(db);
await sql`INSERT INTO document_access_parties (document_id, party_id)
          SELECT id, CASE WHEN number % 8 = 3 THEN ${kz.id}::uuid ELSE ${cn.id}::uuid END FROM documents WHERE access_level = 'restricted'`.execute(db);
await sql`INSERT INTO document_languages (document_id, language, role, status, authoritative, title, created_at, updated_at)
          SELECT id, 'en', 'original', 'ready', true, title, now(), now() FROM documents`.execute(db);
await sql`INSERT INTO document_languages (document_id, language, role, status, authoritative, title, created_at, updated_at)
          SELECT id, 'ru', 'translation', CASE WHEN number % 3 = 0 THEN 'awaited' ELSE 'ready' END, true, 'Документ ' || number, now(), now() FROM documents WHERE number % 2 = 0`.execute(db);
await sql`INSERT INTO document_languages (document_id, language, role, status, authoritative, title, created_at, updated_at)
          SELECT id, 'zh', 'translation', 'in-translation', false, '文件 ' || number, now(), now() FROM documents WHERE number % 3 = 0`.execute(db);
await sql`ANALYZE`.execute(db);

// The document opened: three language versions of 200 paragraphs each.
const officer: Actor = { kind: 'user', userId: null, partyId: sec.id, partyCode: 'SEC', partyKind: 'secretariat', role: 'officer', mfa: true, sessionId: null, tokenScopes: null };
const octx: Ctx = { actor: officer, requestId: null, clock: systemClock };
const big = await createDocument(db, octx, { type: 'declaration', bodyCode: 'SOC', title: 'The long declaration', originalLanguage: 'en', date: '2026-06-01', accessLevel: 'members', addressedParties: [], translations: ['ru', 'ar'] });
const para = (lang: string, i: number) =>
  ({
    en: `<p>${i}. The Member States, <strong>reaffirming</strong> their commitment to dialogue, agree on measure ${i} and its implementation in good faith.</p>`,
    ru: `<p>${i}. Государства-члены, <strong>подтверждая</strong> свою приверженность диалогу, договариваются о мере ${i} и её добросовестном осуществлении.</p>`,
    ar: `<p>${i}. إن الدول الأعضاء، إذ <strong>تؤكد</strong> من جديد التزامها بالحوار، تتفق على التدبير ${i} وتنفيذه بحسن نية.</p>`,
  })[lang]!;
for (const lang of ['en', 'ru', 'ar']) await saveText(db, octx, big.id, lang, { paragraphs: Array.from({ length: 200 }, (_, i) => para(lang, i + 1)) });
await changeStatus(db, octx, big.id, { to: 'circulated' });
const seedMs = performance.now() - t0;

// --- server ------------------------------------------------------------------------------------
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', CONCORD_DEMO: '0', CONCORD_LOG_LEVEL: 'silent' });
const concord = await startConcord(config, { handle, logger: false, serveWeb: false });
const base = concord.url;
const cookie = await signInCookie(base, 'reader@bench.example', password);

const readerActor: Actor = { kind: 'user', userId: reader.id, partyId: kz.id, partyCode: 'KZ', partyKind: 'member-state', role: 'delegate', mfa: false, sessionId: null, tokenScopes: null };
const filters: repo.ListFilters = { body: 'SOC', year: 2024, status: 'circulated', sort: '-date', limit: 25, offset: 0 };
const listPath = '/api/documents?body=SOC&year=2024&status=circulated&sort=-date&limit=25';
const openPath = `/api/documents/${big.id}/parallel?languages=en,ru,ar`;

// The search index catches up with the 10,000 new documents in the background (on PGlite's one
// connection): wait until it has, so the figures measure the requests, not the indexing.
// BENCH_DURING_INDEXING=1 measures during the catching up instead (what a user meets after a bulk import).
for (;;) {
  if (process.env.BENCH_DURING_INDEXING === '1') break;
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM search_outbox`.execute(db);
  if (Number(rows[0].n) === 0) break;
  await new Promise((r) => setTimeout(r, 250));
}

// Sanity: the endpoint and the SQL agree.
const check = (await (await fetch(base + listPath, { headers: { cookie } })).json()) as { total: number; items: unknown[] };
const sqlCheck = await repo.listVisibleDocuments(db, readerActor, new Date(), filters);
if (check.total !== sqlCheck.total || check.total === 0) throw new Error(`list mismatch: http ${check.total}, sql ${sqlCheck.total}`);
const open = (await (await fetch(base + openPath, { headers: { cookie } })).json()) as { rows: unknown[] };
if (open.rows.length !== 200) throw new Error(`parallel view has ${open.rows.length} rows`);

/** `connections` concurrent callers running `run` in a loop for `seconds`; every duration recorded. */
async function concurrently(run: () => Promise<unknown>) {
  const samples: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const s = performance.now();
        await run();
        samples.push(performance.now() - s);
      }
    }),
  );
  return { ...summarize(samples), rps: samples.length / seconds };
}
const bareSql = concurrently;

const listSql = async () => {
  const { rows } = await repo.listVisibleDocuments(db, readerActor, new Date(), filters);
  await repo.languagesOf(
    db,
    rows.map((r) => r.id),
  );
};
const openSql = async () => {
  const now = new Date();
  const row = await repo.findVisibleDocument(db, readerActor, now, { id: big.id });
  await repo.addressedPartyIds(db, row!.id);
  const langs = await repo.languagesOf(db, [row!.id]);
  await repo.currentParagraphs(
    db,
    langs.map((l) => l.id),
  );
};

/**
 * The same callers over HTTP (fetch, in this process like the server, so both sides share one event loop
 * and one database connection pool): what the endpoint adds to its SQL — auth, rules, JSON, HTTP.
 */
async function httpLoad(path: string) {
  let non2xx = 0;
  const r = await concurrently(async () => {
    const res = await fetch(base + path, { headers: { cookie } });
    if (res.status !== 200) non2xx++;
    await res.arrayBuffer();
  });
  return { ...r, non2xx };
}

for (const [name, path, bare] of [
  ['open_3x200', openPath, openSql],
  ['list_10k', listPath, listSql],
] as const) {
  const s = await bareSql(bare);
  const h = await httpLoad(path);
  console.log(
    `${name}: HTTP p50 ${fmt(h.p50)} ms p95 ${fmt(h.p95)} ms ${fmt(h.rps, 0)} req/s (non-2xx ${h.non2xx}); bare SQL p50 ${fmt(s.p50)} ms p95 ${fmt(s.p95)} ms; ratio p50 ${fmt(h.p50 / s.p50, 2)} p95 ${fmt(h.p95 / s.p95, 2)}`,
  );
  result(`documents ${name}`, {
    db: handle.kind,
    connections,
    p50_ms: h.p50,
    p95_ms: h.p95,
    rps: h.rps,
    sql_p50_ms: s.p50,
    sql_p95_ms: s.p95,
    ratio_p50: h.p50 / s.p50,
    ratio_p95: h.p95 / s.p95,
    non2xx: h.non2xx,
  });
}
console.log(`seeded 10,000 documents and one of 3 x 200 paragraphs in ${fmt(seedMs / 1000)} s`);
await concord.close();
await dropDatabase();
