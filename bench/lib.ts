import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarize(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1], n: s.length };
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'NaN');

/** Prints the one machine-readable line every benchmark ends with. */
export function result(name: string, fields: Record<string, number | string>) {
  console.log(`RESULT ${name} ${Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'number' ? fmt(v, 2) : v}`).join(' ')}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export const tempDir = (prefix: string) => mkdtempSync(path.join(tmpdir(), prefix));

/** Starts `concord serve` as a separate process and resolves when /api/ready answers 200. */
export async function startServerProcess(env: Record<string, string>): Promise<{ child: ChildProcess; ms: number; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = spawn(process.execPath, ['bin/concord.js', 'serve'], {
    env: { ...process.env, PORT: String(port), CONCORD_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/api/ready`);
      if (r.status === 200) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return { child, ms: performance.now() - t0, url };
}

export async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await done;
}

/**
 * The database a benchmark seeds and measures: a throwaway PostgreSQL database when DATABASE_URL is
 * set (dropped by `close`), an in-memory embedded one otherwise. Migrated to the latest schema.
 */
export async function benchDatabase(poolSize = 10) {
  const { openDatabase } = await import('../server/db/database.ts');
  const { migrateToLatest } = await import('../server/db/migrate.ts');
  const databaseUrl = process.env.DATABASE_URL;
  let url = databaseUrl;
  let drop: (() => Promise<void>) | undefined;
  if (databaseUrl) {
    const pg = (await import('pg')).default;
    const name = `concord_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(databaseUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = async () => {
      const a = new pg.Client({ connectionString: databaseUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  }
  const handle = await openDatabase(url ? { databaseUrl: url, poolSize } : { dataDir: 'memory' });
  await migrateToLatest(handle.db);
  return { handle, db: handle.db, dropDatabase: async () => drop?.() };
}

/** Signs in over HTTP and returns the session cookie pair (`concord_session=…`). */
export async function signInCookie(base: string, email: string, password: string): Promise<string> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.includes('concord_session'));
  if (login.status !== 200 || !cookie) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  return cookie;
}

/** Runs `run` three times to warm up, then `samples` times one after another; returns each duration in ms. */
export async function timeSequential(run: () => Promise<unknown>, samples: number): Promise<number[]> {
  for (let i = 0; i < 3; i++) await run();
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const s = performance.now();
    await run();
    out.push(performance.now() - s);
  }
  return out;
}
