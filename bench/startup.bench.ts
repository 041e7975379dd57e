/**
 * Cold start to /api/ready on a fresh data folder (initdb + migrations + demo) and on an
 * existing one, and /api/ready latency under load, each against a baseline measured in the
 * same run: a bare Node HTTP server's start, and /api/health (no database) on the same server.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { fmt, freePort, result, startServerProcess, stop, summarize, tempDir } from './lib.ts';

async function bareNodeStart(): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['-e', `require('http').createServer((q,s)=>s.end('ok')).listen(${port},'127.0.0.1')`]);
  for (;;) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  const ms = performance.now() - t0;
  child.kill();
  return ms;
}

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const baseline: number[] = [];
const fresh: number[] = [];
const existing: number[] = [];
for (let i = 0; i < rounds; i++) {
  baseline.push(await bareNodeStart());
  const dir = path.join(tempDir('concord-bench-'), 'data');
  const a = await startServerProcess({ CONCORD_DATA_DIR: dir });
  fresh.push(a.ms);
  await stop(a.child);
  const b = await startServerProcess({ CONCORD_DATA_DIR: dir });
  existing.push(b.ms);
  await stop(b.child);
}
const base = summarize(baseline).p50;
const f = summarize(fresh).p50;
const e = summarize(existing).p50;
console.log(`bare node start p50 ${fmt(base)} ms; Concord fresh folder p50 ${fmt(f)} ms (${fmt(f / base)}x); existing folder p50 ${fmt(e)} ms (${fmt(e / base)}x)`);
result('startup', { fresh_ms: f, existing_ms: e, baseline_ms: base, fresh_ratio: f / base, existing_ratio: e / base, rounds });

// /api/ready latency on the embedded database, against /api/health on the same server.
const dir = path.join(tempDir('concord-bench-'), 'data');
const srv = await startServerProcess({ CONCORD_DATA_DIR: dir });
const load = (p: string) =>
  autocannon({ url: srv.url + p, connections: 10, duration: Number(process.env.BENCH_SECONDS ?? 5) }) as unknown as Promise<autocannon.Result>;
const health = await load('/api/health');
const ready = await load('/api/ready');
await stop(srv.child);
console.log(
  `/api/health mean ${fmt(health.latency.mean, 2)} ms p97.5 ${health.latency.p97_5} ms ${fmt(health.requests.average, 0)} req/s; /api/ready mean ${fmt(ready.latency.mean, 2)} ms p50 ${ready.latency.p50} ms p97.5 ${ready.latency.p97_5} ms ${fmt(ready.requests.average, 0)} req/s; non-2xx ${ready.non2xx}`,
);
result('ready_latency', {
  p50_ms: ready.latency.p50,
  p97_5_ms: ready.latency.p97_5,
  rps: ready.requests.average,
  health_p50_ms: health.latency.p50,
  mean_ms: ready.latency.mean,
  health_mean_ms: health.latency.mean,
  ratio_mean: ready.latency.mean / Math.max(health.latency.mean, 0.001),
  rps_ratio: ready.requests.average / health.requests.average,
  non2xx: ready.non2xx,
});
