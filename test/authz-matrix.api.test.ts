import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrix, type MatrixEntry, type MatrixRequest, type Persona, probePersonas } from './authz/matrix.ts';
import type { MatrixWorld } from './authz/types.ts';
import { buildWorld } from './authz/world.ts';
import { type ApiResponse, type TestApp, testApp } from './helpers/app.ts';

/**
 * The authorization matrix, generated from the route table: a route without an entry fails; every
 * entry is tried by the five probe personas and by its positive control.
 */
let t: TestApp;
let w: MatrixWorld;
beforeAll(async () => {
  t = await testApp();
  w = await buildWorld(t);
}, 120_000);
afterAll(() => t?.close());

const key = (method: string, route: string) => `${method} ${route}`;

/** Every change is audited in its own transaction (house rule), so "nothing changed" = no new audit event but refusals. */
async function changeCount(): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM audit_events WHERE action <> 'access.denied'`.execute(t.db);
  return Number(rows[0].n);
}

function send(entry: MatrixEntry, as: Persona, req: MatrixRequest): Promise<ApiResponse> {
  const cookie = req.cookie === null ? undefined : (req.cookie ?? w.cookie(as));
  return t.request(entry.method, req.path, { cookie, body: req.body, headers: req.headers });
}

function expectAllowed(entry: MatrixEntry, as: Persona, res: ApiResponse) {
  const what = `${as}: ${entry.method} ${entry.route} → ${res.status} ${res.text.slice(0, 300)}`;
  if (entry.status) expect(res.status, what).toBe(entry.status);
  else expect(res.status >= 200 && res.status < 300, what).toBe(true);
}

describe('the route table', () => {
  it('has a matrix entry for every /api route, and no entry for a route that does not exist', () => {
    const routes = t.concord.app.routeTable.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && r.method !== 'OPTIONS');
    expect(routes.length).toBeGreaterThan(10);
    const entries = new Set(matrix.map((e) => key(e.method, e.route)));
    const missing = routes.map((r) => key(r.method, r.url)).filter((k) => !entries.has(k));
    expect(missing, 'routes without an entry in test/authz/matrix.ts').toEqual([]);
    const registered = new Set(routes.map((r) => key(r.method, r.url)));
    const stale = matrix.map((e) => key(e.method, e.route)).filter((k) => !registered.has(k));
    expect(stale, 'matrix entries for routes that do not exist').toEqual([]);
    const counts = new Map<string, number>();
    for (const e of matrix) counts.set(key(e.method, e.route), (counts.get(key(e.method, e.route)) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 1).map(([k]) => k), 'duplicate entries').toEqual([]);
  });
});

for (const entry of matrix) {
  describe(key(entry.method, entry.route), () => {
    for (const as of probePersonas) {
      const allowed = entry.allow.includes(as);
      it(allowed ? `${as} may` : `${as} is refused and nothing changes`, async () => {
        const req = await entry.request(w, as);
        const before = await changeCount();
        const res = await send(entry, as, req);
        if (allowed) {
          expectAllowed(entry, as, res);
          return;
        }
        expect([401, 403, 404], `${as}: ${entry.method} ${req.path} → ${res.status} ${res.text.slice(0, 300)}`).toContain(res.status);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        if (as === 'anonymous') expect(res.status).toBe(401);
        expect(await changeCount(), 'a refused request changed something').toBe(before);
      });
    }
    it(`positive control: ${entry.positive} succeeds`, async () => {
      const req = await entry.request(w, entry.positive);
      expectAllowed(entry, entry.positive, await send(entry, entry.positive, req));
    });
  });
}
