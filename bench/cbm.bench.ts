/**
 * CBM dashboard: GET /api/cbm/dashboard for a year, over the CICA demo plus 20 years of annual plans
 * with BENCH_CBM_EVENTS events a year (default 400: 8,000 events), ~8 participating states each, report
 * counts for every held event and every member state declaring about a third of the measures.
 * Two callers, one request after another: a member state's focal point (the full members' version)
 * and an anonymous visitor (the public version, computed from public data only).
 * Baseline, in the same run on the same database: the bare SQL of the dashboard's first figure — events
 * per year and dimension over all years, one GROUP BY — so the ratio says what the whole dashboard
 * (heat map, progress, coordinators on the day, overdue reports, access filtering, HTTP) costs on top.
 * Runs on the embedded database, or on PostgreSQL when DATABASE_URL is set.
 */
import { sql } from 'kysely';
import { loadConfig } from '../server/config.ts';
import { startConcord } from '../server/main.ts';
import { benchDatabase, fmt, result, signInCookie, summarize, timeSequential } from './lib.ts';

const perYear = Number(process.env.BENCH_CBM_EVENTS ?? 400);
const samples = Number(process.env.BENCH_SAMPLES ?? 40);
const { handle, db, dropDatabase } = await benchDatabase();

const t0 = performance.now();
// The demo (registry, catalogue, coordinators, India's plan, demo users) through the normal start.
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', CONCORD_DEMO: '1', CONCORD_LOG_LEVEL: 'silent' });
const concord = await startConcord(config, { handle, logger: false, serveWeb: false });
const base = concord.url;
const thisYear = new Date().getUTCFullYear();
const firstYear = thisYear - 19;

await sql`
  INSERT INTO cbm_annual_plans (year, status, created_at)
  SELECT y, 'approved', now() FROM generate_series(${firstYear}::int, ${thisYear}::int) AS y
  ON CONFLICT (year) DO NOTHING`.execute(db);
await sql`
  INSERT INTO cbm_events (year, kind, title, area_id, host_party_id, starts_on, ends_on, place, status, access, is_demo, created_at, updated_at)
  SELECT y, (ARRAY['workshop','seminar','training','forum','exercise'])[1 + i % 5],
         jsonb_build_object('en', 'Bench event ' || y || '-' || i),
         a.id, m.id,
         to_char(make_date(y, 1 + i % 12, 1 + i % 28), 'YYYY-MM-DD'), to_char(make_date(y, 1 + i % 12, 1 + i % 28), 'YYYY-MM-DD'),
         'Astana', CASE WHEN y < ${thisYear} OR i % 3 = 0 THEN 'held' ELSE 'planned' END,
         CASE WHEN i % 4 = 0 THEN 'members' ELSE 'public' END, true, now(), now()
  FROM generate_series(${firstYear}::int, ${thisYear}::int) AS y
  CROSS JOIN generate_series(1, ${perYear}) AS i
  JOIN LATERAL (SELECT id FROM cbm_areas ORDER BY code OFFSET (i % (SELECT count(*) FROM cbm_areas)) LIMIT 1) a ON true
  JOIN LATERAL (SELECT id FROM parties WHERE kind = 'member-state' ORDER BY code OFFSET (i % 28) LIMIT 1) m ON true`.execute(db);
await sql`
  INSERT INTO cbm_event_participants (event_id, party_id)
  SELECT e.id, p.id FROM cbm_events e
  JOIN LATERAL (SELECT id FROM parties WHERE kind = 'member-state' ORDER BY md5(e.id::text || code) LIMIT 8) p ON true
  WHERE e.title->>'en' LIKE 'Bench event %'
  ON CONFLICT DO NOTHING`.execute(db);
await sql`
  INSERT INTO cbm_event_reports (event_id, results, submitted_at)
  SELECT id, '{"en":"Held as planned."}'::jsonb, now() FROM cbm_events WHERE status = 'held' AND title->>'en' LIKE 'Bench event %'`.execute(db);
await sql`
  INSERT INTO cbm_event_report_counts (event_id, party_id, count)
  SELECT ep.event_id, ep.party_id, 1 + (hashtext(ep.event_id::text || ep.party_id::text) & 7)
  FROM cbm_event_participants ep JOIN cbm_event_reports r ON r.event_id = ep.event_id
  ON CONFLICT DO NOTHING`.execute(db);
await sql`
  INSERT INTO cbm_participation (party_id, measure_id, since, declared_at, updated_at)
  SELECT p.id, m.id, '2015-01-01', now(), now()
  FROM parties p CROSS JOIN cbm_measures m
  WHERE p.kind = 'member-state' AND (hashtext(p.code || m.id::text) % 3) = 0
  ON CONFLICT DO NOTHING`.execute(db);
await sql`ANALYZE`.execute(db);
const counts = (
  await sql<{ e: string; p: string; r: string; d: string }>`
    SELECT (SELECT count(*) FROM cbm_events) AS e, (SELECT count(*) FROM cbm_event_participants) AS p,
           (SELECT count(*) FROM cbm_event_report_counts) AS r, (SELECT count(*) FROM cbm_participation) AS d`.execute(db)
).rows[0];
const seedMs = performance.now() - t0;

const cookie = await signInCookie(base, 'kz.focal@demo.concord.example', 'Silk-Road-Dialogue-1992');
const http = (path: string, withCookie: boolean) => async () => {
  const r = await fetch(base + path, { headers: withCookie ? { cookie } : {} });
  if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json();
};
const baseline = () =>
  sql`SELECT e.year, a.dimension_code, count(*) FROM cbm_events e JOIN cbm_areas a ON a.id = e.area_id GROUP BY e.year, a.dimension_code`.execute(db);

console.log(
  `${handle.describe}: ${counts.e} events over ${thisYear - firstYear + 1} years, ${counts.p} participations, ${counts.r} report counts, ${counts.d} declarations; seeded in ${fmt(seedMs / 1000)} s; ${samples} sequential samples each`,
);
const bare = summarize(await timeSequential(baseline, samples));
const fields: Record<string, number | string> = { backend: handle.kind, events: Number(counts.e), baseline_p50_ms: bare.p50 };
for (const [name, signedIn] of [
  ['members', true],
  ['public', false],
] as const) {
  const path = `/api/cbm/dashboard?year=${thisYear - 1}`;
  const h = summarize(await timeSequential(http(path, signedIn), samples));
  console.log(
    `${name.padEnd(8)} ${path}: HTTP p50 ${fmt(h.p50)} ms p95 ${fmt(h.p95)} ms; bare GROUP BY of events per year and dimension p50 ${fmt(bare.p50)} ms; ratio p50 ${fmt(h.p50 / bare.p50, 2)}`,
  );
  Object.assign(fields, { [`${name}_p50_ms`]: h.p50, [`${name}_p95_ms`]: h.p95, [`${name}_ratio`]: h.p50 / bare.p50 });
}
result('cbm-dashboard', fields);
await concord.close();
await dropDatabase();
