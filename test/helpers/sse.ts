import http from 'node:http';

export interface SseEvent {
  id: number | null;
  event: string;
  data: string;
}

export interface SseClient {
  status: number;
  events: SseEvent[];
  /** Resolves when at least `n` events have arrived (rejects after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<SseEvent[]>;
  /** Resolves when the server ends the stream. */
  closed: Promise<void>;
  close(): void;
}

/** A raw Server-Sent Events client over node:http (keep-alive socket, no EventSource polyfill). */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const events: SseEvent[] = [];
      const waiters: Array<{ n: number; resolve: (e: SseEvent[]) => void }> = [];
      let buf = '';
      let closedResolve!: () => void;
      const closed = new Promise<void>((r) => {
        closedResolve = r;
      });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          let id: number | null = null;
          let event = 'message';
          const data: string[] = [];
          let any = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':') || line === '') continue;
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            if (field === 'id') id = Number(value);
            else if (field === 'event') event = value;
            else if (field === 'data') data.push(value);
            else continue;
            any = true;
          }
          if (any && data.length) events.push({ id, event, data: data.join('\n') });
        }
        for (const w of [...waiters]) {
          if (events.length >= w.n) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(events.slice());
          }
        }
      });
      res.on('end', closedResolve);
      res.on('close', closedResolve);
      resolve({
        status: res.statusCode ?? 0,
        events,
        closed,
        waitFor(n, timeoutMs = 10_000) {
          if (events.length >= n) return Promise.resolve(events.slice());
          return new Promise((ok, fail) => {
            const timer = setTimeout(() => fail(new Error(`only ${events.length} of ${n} events arrived`)), timeoutMs);
            waiters.push({
              n,
              resolve: (e) => {
                clearTimeout(timer);
                ok(e);
              },
            });
          });
        },
        close() {
          req.destroy();
        },
      });
    });
    req.on('error', reject);
    req.end();
  });
}
