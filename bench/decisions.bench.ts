/**
 * Decisions: the list with states computed now, over 10,000 decisions of every kind (drafts,
 * silence procedures running, broken and expired, withdrawn, in session) with ~80,000 positions.
 * Three requests by a member state's head of delegation, over HTTP, one after another:
 *   page      GET /api/decisions?limit=50            (SQL pages; 50 states derived)
 *   adopted   GET /api/decisions?state=adopted&limit=50  (every final candidate derived, then paged)
 *   awaiting  GET /api/decisions?awaiting=mine&limit=50  ("awaiting my state's action")
 * Baseline, in the same run on the same database: the bare SQL of the same rows (the page of
 * decisions each request shows, by id, without the position summaries, the state, the count or
 * HTTP). For comparison, the time to read every final candidate row, which deriving each state in
 * the application instead of in SQL would cost.
 * Runs on the embedded database, or on PostgreSQL when DATABASE_URL is set.
 */
import { sql } from 'kysely';
import { loadConfig } from '../server/config.ts';
import { startConcord } from '../server/main.ts';
import { createUserWithPassword } from '../server/modules/identity/users.service.ts';
import { saveProfile } from '../server/modules/profile/profile.service.ts';
import { cicaParties, cicaProfile } from '../server/modules/registry/cica.data.ts';
import { systemClock } from '../server/shared/clock.ts';
import { type Ctx, systemActor } from '../server/shared/context.ts';
import { benchDatabase, fmt, result, signInCookie, summarize, timeSequential } from './lib.ts';

const N = Number(process.env.BENCH_DECISIONS ?? 10_000);
const samples = Number(process.env.BENCH_SAMPLES ?? 60);

const { handle, db, dropDatabase } = await benchDatabase();

// --- seed -------------------------------------------------------------------------------------
const t0 = performance.now();
const sys: Ctx = { actor: systemActor, requestId: null, clock: systemClock };
await db.transaction().execute((trx) => saveProfile(trx, sys, cicaProfile as Parameters<typeof saveProfile>[2]));
const members = cicaParties.filter((p) => p.kind === 'member-state').map((p) => p.code);
for (const code of [...members, 'SEC']) {
  await db
    .insertInto('parties')
    .values({ code, kind: code === 'SEC' ? 'secretariat' : 'member-state', names: JSON.stringify({ en: code }), short_names: '{}', notes: '[]' })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}
await sql`INSERT INTO bodies (code, kind, names, membership) VALUES ('SOC', 'decision-making', '{"en":"SOC","ru":"КСДЛ"}'::jsonb, 'all-members') ON CONFLICT (code) DO NOTHING`.execute(db);
const memberIds = (await db.selectFrom('parties').select('id').where('kind', '=', 'member-state').orderBy('code').execute()).map((r) => r.id);
const kz = await db.selectFrom('parties').select('id').where('code', '=', 'KZ').executeTakeFirstOrThrow();
const password = 'Tq7-Zx9v-Lm3k-Wp8r-x';
const head = await createUserWithPassword(db, sys, { email: 'head@bench.example', name: 'Bench Head', partyCode: 'KZ', role: 'head-of-delegation', password });

// Ten kinds of decision in turn (i % 10): draft; silence running (3); silence expired (3); withdrawn; in session; found in session.
await sql`
  INSERT INTO decisions (body_code, title, proposer_kind, procedure, definition, outcome_access, created_at, launched_at,
                         member_party_ids, expires_at, expiry_zone, expiry_local_date, expiry_local_time, withdrawn_at,
                         finding_at, finding_outcome)
  SELECT 'SOC', jsonb_build_object('en', 'Decision ' || i, 'ru', 'Решение ' || i), 'secretariat',
         CASE WHEN i % 10 IN (8, 9) THEN 'in-session' ELSE 'silence' END, 'no-objection', 'members',
         now() - make_interval(days => 40) + make_interval(secs => i),
         CASE WHEN i % 10 = 0 THEN NULL
              WHEN i % 10 IN (1, 2, 3) THEN now() - make_interval(days => 3)
              ELSE now() - make_interval(days => 30) END,
         CASE WHEN i % 10 = 0 THEN '{}'::uuid[] ELSE ${memberIds}::uuid[] END,
         CASE WHEN i % 10 IN (1, 2, 3) THEN now() + make_interval(days => 11)
              WHEN i % 10 IN (4, 5, 6, 7) THEN now() - make_interval(days => 16) END,
         CASE WHEN i % 10 BETWEEN 1 AND 7 THEN 'Asia/Almaty' END,
         CASE WHEN i % 10 BETWEEN 1 AND 7 THEN '2026-01-01' END,
         CASE WHEN i % 10 BETWEEN 1 AND 7 THEN '18:00' END,
         CASE WHEN i % 10 = 7 THEN now() - make_interval(days => 20) END,
         CASE WHEN i % 10 = 9 THEN now() - make_interval(days => 29) END,
         CASE WHEN i % 10 = 9 THEN 'no-objection' END
  FROM generate_series(1, ${N}) AS i`.execute(db);
// Positions on launched decisions: the first (n % 29) member states, one in seven of them objecting, one in five with a reservation.
await sql`
  INSERT INTO decision_positions (decision_id, party_id, kind, text, recorded_by_user_id, recorded_at, mfa)
  SELECT d.id, m.id,
         CASE WHEN (m.k + d.n) % 7 = 0 THEN 'objection' WHEN (m.k + d.n) % 5 = 0 THEN 'reservation' ELSE 'no-objection' END,
         CASE WHEN (m.k + d.n) % 7 = 0 OR (m.k + d.n) % 5 = 0 THEN 'Bench statement' END,
         ${head.id}::uuid, d.launched_at + interval '1 hour', true
  FROM (SELECT id, launched_at, row_number() OVER (ORDER BY created_at) AS n FROM decisions WHERE launched_at IS NOT NULL) d
  JOIN (SELECT id, row_number() OVER (ORDER BY code) AS k FROM parties WHERE kind = 'member-state') m ON m.k <= d.n % 29
  WHERE m.id <> ${kz.id}::uuid OR d.n % 3 <> 0`.execute(db);
await sql`ANALYZE`.execute(db);
const counts = await sql<{ d: string; p: string }>`SELECT (SELECT count(*) FROM decisions) AS d, (SELECT count(*) FROM decision_positions) AS p`.execute(db);
const seedMs = performance.now() - t0;

// --- server ------------------------------------------------------------------------------------
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', CONCORD_DEMO: '0', CONCORD_LOG_LEVEL: 'silent' });
const concord = await startConcord(config, { handle, logger: false, serveWeb: false });
const base = concord.url;
const cookie = await signInCookie(base, 'head@bench.example', password);
const time = (run: () => Promise<unknown>) => timeSequential(run, samples);

const http = (path: string) => async () => {
  const r = await fetch(base + path, { headers: { cookie } });
  if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json();
};

const scenarios = [
  { name: 'page', path: '/api/decisions?limit=50' },
  { name: 'adopted', path: '/api/decisions?state=adopted&limit=50' },
  { name: 'awaiting', path: '/api/decisions?awaiting=mine&limit=50' },
] as const;

console.log(`${handle.describe}: ${counts.rows[0].d} decisions, ${counts.rows[0].p} positions, seeded in ${fmt(seedMs / 1000)} s; ${samples} sequential samples each`);
const fields: Record<string, number | string> = { backend: handle.kind, decisions: Number(counts.rows[0].d), positions: Number(counts.rows[0].p) };
for (const s of scenarios) {
  const body = (await http(s.path)()) as { total: number; items: Array<{ id: string }> };
  const ids = body.items.map((i) => i.id);
  // Baseline: the bare SQL of the same rows (the page shown), in the same order.
  const bare = summarize(await time(() => sql`SELECT * FROM decisions WHERE id = ANY (${ids}::uuid[]) ORDER BY created_at DESC, id DESC`.execute(db)));
  const h = summarize(await time(http(s.path)));
  console.log(
    `${s.name.padEnd(8)} ${s.path}: ${body.total} matching, ${ids.length} shown — HTTP p50 ${fmt(h.p50)} ms p95 ${fmt(h.p95)} ms; bare SQL of the same rows p50 ${fmt(bare.p50)} ms p95 ${fmt(bare.p95)} ms; ratio p50 ${fmt(h.p50 / bare.p50, 2)}`,
  );
  Object.assign(fields, {
    [`${s.name}_p50_ms`]: h.p50,
    [`${s.name}_p95_ms`]: h.p95,
    [`${s.name}_sql_p50_ms`]: bare.p50,
    [`${s.name}_sql_p95_ms`]: bare.p95,
    [`${s.name}_total`]: body.total,
  });
}
// What deriving every state in the application would cost: reading every final candidate row.
const naive = summarize(
  await time(() => sql`SELECT * FROM decisions WHERE (procedure = 'silence' AND launched_at IS NOT NULL AND expires_at <= now()) OR finding_at IS NOT NULL`.execute(db)),
);
console.log(`(for comparison: reading every final candidate row for the state filter in the application: p50 ${fmt(naive.p50)} ms p95 ${fmt(naive.p95)} ms)`);
fields.read_all_candidates_p50_ms = naive.p50;
await concord.close();
await dropDatabase();
result('decisions', fields);
