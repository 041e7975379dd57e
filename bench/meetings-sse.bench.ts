/**
 * Live fan-out of a meeting's events to 1,000 and 5,000 SSE clients on loopback: the time from the
 * Chair's action (the HTTP request that gives the floor) to the last client receiving its event
 * (p50, p95, max over ~20 actions), and the server's memory per client (RSS delta / clients).
 * Baseline, in the same run: a bare node:http SSE server in its own process that serialises one frame
 * of the same shape and size as Concord's live events and writes it to every client when told to.
 *
 * Concord runs as `concord serve` in its own process (embedded database, demo data); the clients are
 * raw TCP sockets in this process, reading the stream and noting when each event id arrives.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fmt, freePort, result, startServerProcess, stop, summarize, tempDir } from './lib.ts';

const SIZES = (process.env.BENCH_SSE_CLIENTS ?? '1000,5000').split(',').map(Number);
const ACTIONS = Number(process.env.BENCH_SSE_ACTIONS ?? 20);
const PASSWORD = 'Silk-Road-Dialogue-1992';

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : Number.NaN;
}

/** RSS settled: the median of five samples over two seconds (RSS moves with the garbage collector). */
async function settledRssKb(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    await sleep(400);
    samples.push(rssKb(pid));
  }
  return summarize(samples).p50;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Per event id: how many clients have it, and when the latest of them got it. */
const arrivals = new Map<number, { count: number; last: number; waiter?: { n: number; resolve: (t: number) => void } }>();

function noteArrival(id: number, at: number): void {
  let a = arrivals.get(id);
  if (!a) {
    a = { count: 0, last: 0 };
    arrivals.set(id, a);
  }
  a.count++;
  a.last = Math.max(a.last, at);
  if (a.waiter && a.count >= a.waiter.n) a.waiter.resolve(a.last);
}

/** One SSE client on a raw socket: counts the arrival of every `id: N` line (once per client). */
class Client {
  seen = new Set<number>();
  private tail = '';
  ready: Promise<void>;
  socket: net.Socket;
  constructor(port: number, pathAndQuery: string, headers: Record<string, string> = {}) {
    this.socket = net.connect(port, '127.0.0.1');
    this.socket.setNoDelay(true);
    let resolveReady!: () => void;
    let rejectReady!: (e: Error) => void;
    this.ready = new Promise((res, rej) => {
      resolveReady = res;
      rejectReady = rej;
    });
    const extra = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    this.socket.on('connect', () => this.socket.write(`GET ${pathAndQuery} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n${extra}\r\n`));
    let headersDone = false;
    this.socket.setEncoding('latin1');
    this.socket.on('data', (chunk: string) => {
      const now = performance.now();
      let text = this.tail + chunk;
      if (!headersDone) {
        const end = text.indexOf('\r\n\r\n');
        if (end < 0) {
          this.tail = text;
          return;
        }
        if (!text.startsWith('HTTP/1.1 200')) rejectReady(new Error(`SSE refused: ${text.slice(0, 80)}`));
        headersDone = true;
        text = text.slice(end + 4);
        resolveReady();
      }
      let i = text.indexOf('id: ');
      while (i >= 0) {
        const nl = text.indexOf('\n', i);
        if (nl < 0) break;
        const id = Number(text.slice(i + 4, nl));
        if (!this.seen.has(id)) {
          this.seen.add(id);
          noteArrival(id, now);
        }
        i = text.indexOf('id: ', nl);
      }
      // Keep the unfinished end (an id line cut in two).
      const cut = text.lastIndexOf('\n');
      this.tail = cut >= 0 ? text.slice(cut + 1) : text;
    });
    this.socket.on('error', (e) => rejectReady(e));
  }
  close() {
    this.socket.destroy();
  }
}

async function connectAll(n: number, port: number, pathAndQuery: string, headers: Record<string, string> = {}): Promise<Client[]> {
  const clients: Client[] = [];
  for (let i = 0; i < n; i += 250) {
    const batch = Array.from({ length: Math.min(250, n - i) }, () => new Client(port, pathAndQuery, headers));
    await Promise.all(batch.map((c) => c.ready));
    clients.push(...batch);
  }
  return clients;
}

/** Waits until every client has event `id`; returns when the last of them got it. */
function lastArrival(clients: Client[], id: number, timeoutMs = 30_000): Promise<number> {
  const a = arrivals.get(id);
  if (a && a.count >= clients.length) return Promise.resolve(a.last);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${clients.length - (arrivals.get(id)?.count ?? 0)} of ${clients.length} clients never received event ${id}`)), timeoutMs);
    let entry = arrivals.get(id);
    if (!entry) {
      entry = { count: 0, last: 0 };
      arrivals.set(id, entry);
    }
    entry.waiter = {
      n: clients.length,
      resolve: (t) => {
        clearTimeout(timer);
        resolve(t);
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Concord

async function api(url: string, method: string, p: string, body?: unknown, cookie?: string) {
  const res = await fetch(url + p, {
    method,
    headers: { origin: url, 'sec-fetch-site': 'same-origin', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text.slice(0, 300)}`);
  return { json: text ? JSON.parse(text) : null, headers: res.headers };
}

async function signIn(url: string, local: string): Promise<string> {
  const { headers } = await api(url, 'POST', '/api/auth/login', { email: `${local}@demo.concord.example`, password: PASSWORD });
  const pair = headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => /concord_session=/.test(c));
  if (!pair) throw new Error(`no session for ${local}`);
  return pair;
}

async function concordRun(n: number): Promise<{ latencies: number[]; responses: number[]; perClientKb: number }> {
  const dir = path.join(tempDir('concord-bench-sse-'), 'data');
  const srv = await startServerProcess({ CONCORD_DATA_DIR: dir, CONCORD_LOG_LEVEL: 'warn' });
  try {
    const url = srv.url;
    const port = Number(new URL(url).port);
    const officer = await signIn(url, 'officer');
    const chair = await signIn(url, 'az.focal');
    const speakers = [await signIn(url, 'kz.delegate'), await signIn(url, 'tr.focal'), await signIn(url, 'in.focal')];
    const m = (
      await api(
        url,
        'POST',
        '/api/meetings',
        {
          body: 'SOC',
          title: { en: 'Benchmark session' },
          startsAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
          endsAt: new Date(Date.now() + 8 * 86400_000).toISOString(),
          timeZone: 'Asia/Almaty',
          venue: { city: 'Astana', country: 'KZ' },
          onlineUrl: 'https://meet.example.org/bench',
          format: 'hybrid',
          presidingParty: 'AZ',
          papersAccess: 'public',
        },
        officer,
      )
    ).json;
    const agenda = (await api(url, 'POST', `/api/meetings/${m.id}/agenda/items`, { title: { en: 'General debate' } }, officer)).json;
    await api(url, 'POST', `/api/meetings/${m.id}/convene`, { registrationDeadline: new Date(Date.now() + 3 * 86400_000).toISOString(), documentsDeadline: new Date(Date.now() + 2 * 86400_000).toISOString() }, officer);
    await api(url, 'POST', `/api/meetings/${m.id}/status`, { to: 'in-session' }, chair);
    await api(url, 'POST', `/api/meetings/${m.id}/live/item`, { itemId: agenda.items[0].id }, chair);

    // Warm the stream path up (code compiled, buffers allocated) before measuring memory.
    for (const c of await connectAll(50, port, `/api/meetings/${m.id}/events`)) c.close();
    const before = await settledRssKb(srv.child.pid!);
    const clients = await connectAll(n, port, `/api/meetings/${m.id}/events`);
    const after = await settledRssKb(srv.child.pid!);

    const latencies: number[] = [];
    const responses: number[] = [];
    for (let i = 0; i < ACTIONS; i++) {
      // A delegation asks for the floor (its event reaches everyone first), then the Chair gives it: that is timed.
      await api(url, "POST", `/api/meetings/${m.id}/speakers`, { kind: "regular" }, speakers[i % speakers.length]);
      const seqBefore = (await api(url, 'GET', `/api/meetings/${m.id}/live`)).json.eventSeq as number;
      await lastArrival(clients, seqBefore);
      const t0 = performance.now();
      await api(url, 'POST', `/api/meetings/${m.id}/speakers/next`, {}, chair);
      responses.push(performance.now() - t0);
      latencies.push((await lastArrival(clients, seqBefore + 1)) - t0);
    }
    for (const c of clients) c.close();
    return { latencies, responses, perClientKb: (after - before) / n };
  } finally {
    await stop(srv.child);
  }
}

// ---------------------------------------------------------------------------------------------
// Baseline: a bare node:http SSE server

const baselineSource = `
const http = require('http');
const clients = new Set();
let seq = 0;
// A frame of the same shape and size as Concord's live events (a speaker with its party's names in eight languages).
const speaker = { id: '00000000-0000-4000-8000-000000000000', party: { code: 'KZ', names: { en: 'Kazakhstan', ru: 'Казахстан', zh: '哈萨克斯坦', vi: 'Kazakhstan', ar: 'كازاخستان', fa: 'قزاقستان', kk: 'Қазақстан', tr: 'Kazakistan' } }, kind: 'regular', repliesTo: null, status: 'done', requestedAt: '2026-01-15T09:00:00.000Z', startedAt: '2026-01-15T09:00:00.000Z', endedAt: null, limitSeconds: 300, endsAt: '2026-01-15T09:05:00.000Z' };
http.createServer((req, res) => {
  if (req.url === '/fire') {
    seq++;
    const frame = 'id: ' + seq + '\\nevent: live\\ndata: ' + JSON.stringify({ seq, at: new Date().toISOString(), live: { speaking: speaker, queue: [speaker], spoken: [speaker, speaker, speaker, speaker, speaker], spokenCount: 5 } }) + '\\n\\n';
    for (const c of clients) c.write(frame);
    res.end(String(seq));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'close' });
  res.write(': connected\\n\\n');
  clients.add(res);
  res.on('close', () => clients.delete(res));
}).listen(Number(process.argv[1]), '127.0.0.1', () => process.send && process.send('ready'));
`;

async function baselineRun(n: number): Promise<{ latencies: number[]; perClientKb: number }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['-e', baselineSource, String(port)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  await new Promise<void>((resolve) => child.once('message', () => resolve()));
  try {
    for (const c of await connectAll(50, port, '/events')) c.close();
    const before = await settledRssKb(child.pid!);
    const clients = await connectAll(n, port, '/events');
    const after = await settledRssKb(child.pid!);
    const latencies: number[] = [];
    for (let i = 0; i < ACTIONS; i++) {
      const t0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/fire`);
      const id = Number(await res.text());
      latencies.push((await lastArrival(clients, id)) - t0);
    }
    for (const c of clients) c.close();
    return { latencies, perClientKb: (after - before) / n };
  } finally {
    await stop(child);
  }
}

for (const n of SIZES) {
  arrivals.clear();
  const base = await baselineRun(n);
  arrivals.clear();
  const ours = await concordRun(n);
  const b = summarize(base.latencies);
  const c = summarize(ours.latencies);
  const r = summarize(ours.responses);
  console.log(
    `${n} SSE clients: Concord action→last client p50 ${fmt(c.p50)} ms p95 ${fmt(c.p95)} ms max ${fmt(c.max)} ms (the action's own response p50 ${fmt(r.p50)} ms), ${fmt(ours.perClientKb)} KB/client; ` +
      `bare node:http p50 ${fmt(b.p50)} ms p95 ${fmt(b.p95)} ms max ${fmt(b.max)} ms, ${fmt(base.perClientKb)} KB/client`,
  );
  result('meetings_sse', {
    clients: n,
    actions: c.n,
    p50_ms: c.p50,
    p95_ms: c.p95,
    max_ms: c.max,
    action_response_p50_ms: r.p50,
    kb_per_client: ours.perClientKb,
    baseline_p50_ms: b.p50,
    baseline_p95_ms: b.p95,
    baseline_max_ms: b.max,
    baseline_kb_per_client: base.perClientKb,
    ratio_p50: c.p50 / Math.max(b.p50, 0.001),
  });
}
