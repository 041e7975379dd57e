import { loadConfig } from '../../server/config.ts';
import { type Concord, startConcord } from '../../server/main.ts';
import { type Clock, ManualClock } from '../../server/shared/clock.ts';
import { openTestDatabase } from './db.ts';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  cookie?: string;
}

export interface TestApp {
  concord: Concord;
  url: string;
  clock: Clock;
  db: Concord['handle']['db'];
  request<T = any>(method: string, path: string, opts?: RequestOptions): Promise<ApiResponse<T>>;
  get<T = any>(path: string, opts?: RequestOptions): Promise<ApiResponse<T>>;
  post<T = any>(path: string, body?: unknown, opts?: RequestOptions): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

/**
 * The real server on a fresh database, listening on a random loopback port, reached over
 * real HTTP. Same-origin headers are sent by default, as the web app would.
 */
export async function testApp(opts: { demo?: boolean; clock?: Clock; env?: Record<string, string> } = {}): Promise<TestApp> {
  const handle = await openTestDatabase();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', CONCORD_DEMO: opts.demo ? '1' : '0', CONCORD_LOG_LEVEL: 'silent', ...opts.env });
  const clock = opts.clock ?? new ManualClock();
  const concord = await startConcord(config, { handle, clock, logger: false, serveWeb: false });
  const url = concord.url;
  const request = async <T>(method: string, path: string, o: RequestOptions = {}): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { origin: url, 'sec-fetch-site': 'same-origin', ...o.headers };
    if (o.cookie) headers.cookie = o.cookie;
    let body: string | undefined;
    if (o.body !== undefined) {
      body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(url + path, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  };
  return {
    concord,
    url,
    clock,
    db: handle.db,
    request,
    get: (p, o) => request('GET', p, o),
    post: (p, b, o) => request('POST', p, { ...o, body: b }),
    close: () => concord.close(),
  };
}
