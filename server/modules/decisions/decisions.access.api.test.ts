import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { startConcord } from '../../main.ts';
import { ManualClock } from '../../shared/clock.ts';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { openTestDatabase } from '../../../test/helpers/db.ts';
import { createDraftText, People, seedDecisionWorld } from '../../../test/helpers/decisions.ts';

/** Who may do what with decisions, bad input, idempotent retries, and the lists. */
let t: TestApp;
let people: People;
let openId: string;

async function as(name: string | null) {
  return name ? { cookie: await people.cookie(name) } : {};
}
const post = async (name: string | null, path: string, body: unknown, headers: Record<string, string> = {}) =>
  t.post(path, body, { ...(await as(name)), headers: await people.headersFor(name, path, headers) });
const get = async (name: string | null, path: string) => t.get(path, await as(name));

async function draft(extra: Record<string, unknown> = {}) {
  const doc = await createDraftText(t, people.user('officer'));
  const r = await post('officer', '/api/decisions', {
    bodyCode: 'SOC',
    title: { en: 'Decision on the CICA Fund' },
    textDocumentId: doc.id,
    procedure: 'silence',
    proposerKind: 'secretariat',
    ...extra,
  });
  expect(r.status, r.text).toBe(201);
  return r.body;
}
async function launchedDecision() {
  const d = await draft();
  const r = await post('chair', `/api/decisions/${d.id}/launch`, {});
  expect(r.status, r.text).toBe(200);
  return r.body;
}
/** The denial log: every refused change by a signed-in person is an `access.denied` audit event (auth hook). */
const refusalsOf = (id: string) =>
  t.db.selectFrom('audit_events').select(['after', 'actor_user_id']).where('action', '=', 'access.denied').where('object_id', '=', `POST /api/decisions/${id}/positions`).execute();
const positionRows = (id: string) => t.db.selectFrom('decision_positions').selectAll().where('decision_id', '=', id).execute();

beforeAll(async () => {
  t = await testApp({ clock: new ManualClock('2026-03-02T05:00:00Z') });
  await seedDecisionWorld(t);
  people = new People(t);
  await people.add('officer', 'SEC', 'officer');
  await people.add('chair', 'AZ', 'focal-point');
  await people.add('kzHead', 'KZ', 'head-of-delegation');
  await people.add('kzFocal', 'KZ', 'focal-point');
  await people.add('kzDelegate', 'KZ', 'delegate');
  await people.add('kzViewer', 'KZ', 'viewer');
  await people.add('kzNoMfa', 'KZ', 'head-of-delegation', { mfa: false });
  await people.add('cnDelegate', 'CN', 'delegate');
  await people.add('cnHead', 'CN', 'head-of-delegation');
  await people.add('trHead', 'TR', 'head-of-delegation');
  await people.add('observer', 'JP', 'focal-point', { kind: 'observer-state' });
  await people.add('observerOrg', 'OSCE', 'focal-point', { kind: 'observer-organization' });
  openId = (await launchedDecision()).id;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('recording a position: who may', () => {
  it('refuses a delegate, a viewer, an observer and a delegate of another state; each refusal is in the denial log; nothing is stored', async () => {
    const cases: Array<[string, number, string, Record<string, unknown>]> = [
      ['kzDelegate', 403, 'forbidden', { kind: 'objection', text: 'No.' }],
      ['kzViewer', 403, 'forbidden', { kind: 'joins' }],
      ['observer', 403, 'forbidden', { kind: 'objection', text: 'We object.' }],
      ['cnDelegate', 403, 'decisions.not_your_state', { kind: 'objection', text: 'For Kazakhstan.', party: 'KZ' }],
      ['cnHead', 403, 'decisions.not_your_state', { kind: 'joins', party: 'KZ' }],
      ['kzNoMfa', 403, 'decisions.totp_not_enabled', { kind: 'joins' }],
    ];
    for (const [who, status, code, body] of cases) {
      const r = await post(who, `/api/decisions/${openId}/positions`, body);
      expect(r.status, `${who}: ${r.text}`).toBe(status);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      const audited = (await refusalsOf(openId)).filter((a) => a.actor_user_id === people.user(who).id);
      expect(audited, who).toHaveLength(1);
      expect(audited[0].after).toMatchObject({ status, code, route: '/api/decisions/:id/positions' });
    }
    const mfa = await post('kzNoMfa', `/api/decisions/${openId}/positions`, { kind: 'joins' });
    expect(mfa.body.code).toBe('decisions.totp_not_enabled');
    expect(await positionRows(openId)).toHaveLength(0);
  });

  it('refuses an observer organisation (the decision is hidden from it) and an anonymous caller', async () => {
    await t.db.transaction().execute(async (trx) => {
      const { saveProfile, requireProfile } = await import('../profile/profile.service.ts');
      const p = await requireProfile(trx);
      await saveProfile(trx, { actor: { kind: 'system', userId: null, partyId: null, partyCode: null, partyKind: null, role: null, mfa: false, sessionId: null, tokenScopes: null }, requestId: null, clock: t.clock }, {
        ...p,
        consensus: { ...p.consensus, observersMayComment: false },
      });
    });
    const o = await post('observerOrg', `/api/decisions/${openId}/positions`, { kind: 'objection', text: 'No.' });
    expect(o.status).toBe(404);
    expect((await refusalsOf(openId)).some((a) => a.actor_user_id === people.user('observerOrg').id)).toBe(true);
    const anon = await post(null, `/api/decisions/${openId}/positions`, { kind: 'joins' });
    expect(anon.status).toBe(401);
    expect(anon.body.code).toBe('auth.required');
    expect(await positionRows(openId)).toHaveLength(0);
  });

  it('accepts the head of delegation and the focal point of a member state (positive control)', async () => {
    expect((await post('kzHead', `/api/decisions/${openId}/positions`, { kind: 'joins' })).status).toBe(201);
    const r = await post('kzFocal', `/api/decisions/${openId}/positions`, { kind: 'no-objection', party: 'KZ' });
    expect(r.status, r.text).toBe(201);
    const rows = await positionRows(openId);
    expect(rows).toHaveLength(2);
    expect(rows.filter((p) => p.is_current)).toHaveLength(1);
    expect(rows.every((p) => p.mfa)).toBe(true);
  });

  it('rejects bad input cleanly, naming the field, storing nothing', async () => {
    const before = (await positionRows(openId)).length;
    const cases: Array<[unknown, string]> = [
      [{ kind: 'veto' }, 'body.kind'],
      [{}, 'body.kind'],
      [{ kind: 'joins', text: 'x'.repeat(20_001) }, 'body.text'],
      [{ kind: 'joins', party: 'not a code' }, 'body.party'],
    ];
    for (const [body, field] of cases) {
      const r = await post('trHead', `/api/decisions/${openId}/positions`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.errors.map((e: any) => e.field)).toContain(field);
    }
    const reason = await post('trHead', `/api/decisions/${openId}/positions`, { kind: 'objection', text: '   ' });
    expect(reason.status).toBe(422);
    expect(reason.body).toMatchObject({ code: 'decisions.reason_required', errors: [{ field: 'text' }] });
    const badId = await post('trHead', '/api/decisions/not-a-uuid/positions', { kind: 'joins' });
    expect(badId.status).toBe(400);
    const unknown = await post('trHead', '/api/decisions/00000000-0000-4000-8000-000000000000/positions', { kind: 'joins' });
    expect(unknown.status).toBe(404);
    const notJson = await t.request('POST', `/api/decisions/${openId}/positions`, { cookie: await people.cookie('trHead'), body: '{"kind":', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect((await positionRows(openId)).length).toBe(before);
  });

  it('logs an anonymous refusal (a log line: anonymous callers cannot write the audit trail)', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const handle = await openTestDatabase();
    const app = await startConcord(loadConfig({ PORT: '0', HOST: '127.0.0.1', CONCORD_DEMO: '0' }), { handle, clock: t.clock, logger: { level: 'info', stream }, serveWeb: false });
    try {
      const url = `${app.url}/api/decisions/${openId}/positions`;
      const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', origin: app.url, 'sec-fetch-site': 'same-origin' }, body: '{"kind":"joins"}' });
      expect(r.status).toBe(401);
      const entries = lines.map((l) => JSON.parse(l));
      expect(entries.some((e) => e.res?.statusCode === 401 && e.reqId)).toBe(true);
      expect(entries.some((e) => e.req?.url === `/api/decisions/${openId}/positions`)).toBe(true);
    } finally {
      await app.close();
    }
  });
});

describe('Idempotency-Key', () => {
  it('replays the first result for the same key and body, 422 for another body, 409 while in flight', async () => {
    const d = await launchedDecision();
    const path = `/api/decisions/${d.id}/positions`;
    const first = await post('trHead', path, { kind: 'reservation', text: 'On paragraph 4.' }, { 'idempotency-key': 'tr-2026-03-02-a' });
    expect(first.status, first.text).toBe(201);
    const again = await post('trHead', path, { kind: 'reservation', text: 'On paragraph 4.' }, { 'idempotency-key': 'tr-2026-03-02-a' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await post('trHead', path, { kind: 'objection', text: 'Changed our mind.' }, { 'idempotency-key': 'tr-2026-03-02-a' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency.key_reused');
    expect((await positionRows(d.id)).length).toBe(1);

    // A request with this key still being processed (its row claimed, no response yet).
    const { requestFingerprint } = await import('../idempotency/idempotency.ts');
    const body = { kind: 'joins' };
    await t.db
      .insertInto('idempotency_keys')
      .values({ user_id: people.user('trHead').id, key: 'tr-in-flight', scope: 'POST /api/decisions/:id/positions', request_hash: requestFingerprint('POST', path, body), status: 'in-flight', created_at: t.clock.now() })
      .execute();
    const busy = await post('trHead', path, body, { 'idempotency-key': 'tr-in-flight' });
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe('idempotency.in_flight');
    expect(busy.headers.get('retry-after')).toBe('1');
    // Keys are per person: another person may use the same key.
    const cn = await post('cnHead', path, { kind: 'joins' }, { 'idempotency-key': 'tr-2026-03-02-a' });
    expect(cn.status).toBe(201);
    // A refused request releases its key, so a retry can succeed.
    const expired = await post('trHead', path, { kind: 'objection', text: '' }, { 'idempotency-key': 'tr-retry' });
    expect(expired.status).toBe(422);
    const retry = await post('trHead', path, { kind: 'objection', text: '' }, { 'idempotency-key': 'tr-retry' });
    expect(retry.status).toBe(422);
    const bad = await post('trHead', path, { kind: 'joins' }, { 'idempotency-key': 'has spaces' });
    expect(bad.status).toBe(400);
  });

  it('gives concurrent retries with one key a single position', async () => {
    const d = await launchedDecision();
    const path = `/api/decisions/${d.id}/positions`;
    const cookie = await people.cookie('cnHead');
    const code = (await people.totp('cnHead'))!;
    const rs = await Promise.all(Array.from({ length: 10 }, () => t.post(path, { kind: 'joins' }, { cookie, headers: { 'idempotency-key': 'cn-burst', 'x-totp-code': code } })));
    const statuses = rs.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(await positionRows(d.id)).toHaveLength(1);
  });
});

describe('Chair actions: who may', () => {
  it('refuses a member state that is not the Chair, an observer, a viewer and an anonymous caller', async () => {
    const d = await draft();
    // A draft is hidden from those who may not see it: 404, not 403.
    for (const [who, status] of [
      ['kzHead', 404],
      ['kzViewer', 404],
      ['observer', 404],
      [null, 401],
    ] as const) {
      const r = await post(who, `/api/decisions/${d.id}/launch`, {});
      expect(r.status, `${who} launch`).toBe(status);
    }
    expect((await get('officer', `/api/decisions/${d.id}`)).body.state).toBe('draft');
    const ok = await post('chair', `/api/decisions/${d.id}/launch`, {});
    expect(ok.status).toBe(200);
    // Circulated: members may read it, but only the Chair acts.
    const expiry = { expiry: { date: '2026-04-30', time: '18:00', zone: 'Asia/Almaty' } };
    for (const [who, action, body, status] of [
      ['kzHead', 'extend', expiry, 403],
      ['kzHead', 'withdraw', {}, 403],
      ['kzViewer', 'withdraw', {}, 403],
      ['trHead', 'finding', { outcome: 'no-objection' }, 403],
      ['observer', 'withdraw', {}, 404],
      [null, 'extend', expiry, 401],
    ] as const) {
      const r = await post(who, `/api/decisions/${d.id}/${action}`, body);
      expect(r.status, `${who} ${action}`).toBe(status);
    }
    const after = await get('officer', `/api/decisions/${d.id}`);
    expect(after.body.state).toBe('circulated');
    expect(after.body.extensions).toEqual([]);
    const chairExtends = await post('chair', `/api/decisions/${d.id}/extend`, expiry);
    expect(chairExtends.status, chairExtends.text).toBe(200);
  });

  it('lets only the Secretariat, the Chair or a member state (for itself) create a decision; bad input is rejected', async () => {
    const base = { bodyCode: 'SOC', title: { en: 'X' }, procedure: 'silence' };
    expect((await post('kzHead', '/api/decisions', { ...base, proposerKind: 'member-state' })).status).toBe(201);
    expect((await post('kzHead', '/api/decisions', { ...base, proposerKind: 'member-state', proposerPartyCode: 'CN' })).status).toBe(403);
    expect((await post('kzDelegate', '/api/decisions', { ...base, proposerKind: 'member-state' })).status).toBe(403);
    expect((await post('observer', '/api/decisions', { ...base, proposerKind: 'secretariat' })).status).toBe(403);
    expect((await post(null, '/api/decisions', { ...base, proposerKind: 'secretariat' })).status).toBe(401);
    expect((await post('chair', '/api/decisions', { ...base, proposerKind: 'chair' })).status).toBe(201);
    const count = async () => Number((await t.db.selectFrom('decisions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const n = await count();
    const bad = await post('officer', '/api/decisions', { ...base, title: {}, proposerKind: 'secretariat' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body.title');
    expect((await post('officer', '/api/decisions', { ...base, procedure: 'vote', proposerKind: 'secretariat' })).status).toBe(400);
    const unknownBody = await post('officer', '/api/decisions', { ...base, bodyCode: 'NOPE', proposerKind: 'secretariat' });
    expect(unknownBody.status).toBe(422);
    expect(unknownBody.body.code).toBe('decisions.unknown_body');
    expect(await count()).toBe(n);
  });
});

describe('lists', () => {
  it('shows a state what awaits its action, with states computed now', async () => {
    const all = await get('trHead', '/api/decisions');
    expect(all.status).toBe(200);
    expect(all.body.items.every((i: any) => typeof i.state === 'string')).toBe(true);
    const awaiting = await get('trHead', '/api/decisions?awaiting=mine');
    expect(awaiting.body.items.length).toBeGreaterThan(0);
    expect(awaiting.body.items.every((i: any) => i.awaitingMyState && i.myPosition === null && i.state === 'circulated')).toBe(true);
    const circulated = await get('trHead', '/api/decisions?state=circulated&limit=2');
    expect(circulated.body.items).toHaveLength(2);
    expect(circulated.body.total).toBeGreaterThanOrEqual(2);
    const observerView = await get('observer', '/api/decisions?awaiting=mine');
    expect(observerView.body.items).toEqual([]);
    const bad = await get('trHead', '/api/decisions?state=maybe');
    expect(bad.status).toBe(400);
  });

  it('hides drafts from other states and everything unpublished from the public', async () => {
    const d = await draft();
    expect((await get('cnHead', `/api/decisions/${d.id}`)).status).toBe(404);
    expect((await get('cnHead', '/api/decisions?state=draft')).body.items.some((i: any) => i.id === d.id)).toBe(false);
    expect((await get('chair', `/api/decisions/${d.id}`)).status).toBe(200);
    expect((await get(null, '/api/decisions')).body.items).toEqual([]);
  });
});

describe('observers’ comments', () => {
  it('lets an observer comment while the forum allows it; comments never change the state', async () => {
    const d = await launchedDecision();
    await t.db.transaction().execute(async (trx) => {
      const { saveProfile, requireProfile } = await import('../profile/profile.service.ts');
      const p = await requireProfile(trx);
      await saveProfile(trx, { actor: { kind: 'system', userId: null, partyId: null, partyCode: null, partyKind: null, role: null, mfa: false, sessionId: null, tokenScopes: null }, requestId: null, clock: t.clock }, {
        ...p,
        consensus: { ...p.consensus, observersMayComment: true },
      });
    });
    const c = await post('observer', `/api/decisions/${d.id}/comments`, { text: 'Japan welcomes the text.' });
    expect(c.status, c.text).toBe(201);
    expect((await post('kzHead', `/api/decisions/${d.id}/comments`, { text: 'Members take positions instead.' })).status).toBe(403);
    expect((await post('observer', `/api/decisions/${d.id}/comments`, { text: '' })).status).toBe(400);
    const list = await get('kzHead', `/api/decisions/${d.id}/comments`);
    expect(list.body.items.map((i: any) => i.partyCode)).toEqual(['JP']);
    expect((await get('kzHead', `/api/decisions/${d.id}`)).body.state).toBe('circulated');
  });
});
