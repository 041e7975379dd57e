import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { asRole, createUser, signIn, strongPassword, type TestUser } from '../../../test/helpers/auth.ts';
import type { ManualClock } from '../../shared/clock.ts';
import { updateUser } from './users.service.ts';

let t: TestApp;
let admin: { cookie: string; user: TestUser };
let officer: { cookie: string; user: TestUser };
let kzFocal: { cookie: string; user: TestUser };
let kzDelegate: { cookie: string; user: TestUser };
let cnDelegate: { cookie: string; user: TestUser };
let cnFocal: { cookie: string; user: TestUser };
let jpFocal: { cookie: string; user: TestUser };

beforeAll(async () => {
  t = await testApp();
  admin = await asRole(t, 'SEC', 'admin');
  officer = await asRole(t, 'SEC', 'officer');
  kzFocal = await asRole(t, 'KZ', 'focal-point');
  kzDelegate = await asRole(t, 'KZ', 'delegate');
  cnDelegate = await asRole(t, 'CN', 'delegate');
  cnFocal = await asRole(t, 'CN', 'focal-point');
  jpFocal = await asRole(t, 'JP', 'focal-point');
});
afterAll(() => t?.close());

let n = 0;
const email = (tag: string) => `${tag}.${++n}@people.example`;
const invite = (cookie: string | undefined, body: Record<string, unknown>) => t.post('/api/invitations', body, { cookie });
const userCount = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM users`.execute(t.db)).rows[0].n);
/** The invitation link of a user, as the outbox holds it (no SMTP in this file). */
async function invitationToken(address: string): Promise<string> {
  const row = await t.db.selectFrom('outbox_mail').select(['text']).where('to_address', '=', address).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  return /accept-invitation#token=([A-Za-z0-9_-]+)/.exec(row.text)![1];
}

describe('invitations', () => {
  it('a Secretariat admin invites anyone, into any party and role', async () => {
    const a = await invite(admin.cookie, { email: email('new.officer'), name: 'New Officer', partyCode: 'SEC', role: 'officer' });
    expect(a.status).toBe(201);
    expect(a.body.user).toMatchObject({ role: 'officer', status: 'active', invitationPending: true, party: { code: 'SEC', kind: 'secretariat' } });
    expect(a.body).not.toHaveProperty('link');
    expect(JSON.stringify(a.body)).not.toContain('token=');
    const b = await invite(admin.cookie, { email: email('kz.focal'), name: 'Second Focal Point', partyCode: 'kz', role: 'focal-point', language: 'ru' });
    expect(b.status).toBe(201);
    expect(new Date(b.body.expiresAt).getTime() - t.clock.now().getTime()).toBe(7 * 24 * 3600_000);
  });

  it('refuses a role that does not fit the party, an unknown party, and an e-mail already in use (any case)', async () => {
    const before = await userCount();
    const mismatch = await invite(admin.cookie, { email: email('x'), name: 'X', partyCode: 'KZ', role: 'admin' });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.code).toBe('identity.role_party_mismatch');
    const unknown = await invite(admin.cookie, { email: email('y'), name: 'Y', partyCode: 'ZZ', role: 'delegate' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('identity.unknown_party');
    const taken = await invite(admin.cookie, { email: kzDelegate.user.email.toUpperCase(), name: 'Dup', partyCode: 'KZ', role: 'delegate' });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('identity.email_taken');
    expect(await userCount()).toBe(before);
  });

  it('a focal point invites into its own delegation, delegation roles only', async () => {
    const ok = await invite(kzFocal.cookie, { email: email('colleague'), name: 'Colleague', partyCode: 'KZ', role: 'delegate' });
    expect(ok.status).toBe(201);
    const before = await userCount();
    const otherParty = await invite(kzFocal.cookie, { email: email('intruder'), name: 'Intruder', partyCode: 'CN', role: 'delegate' });
    expect(otherParty.status).toBe(403);
    const secretariatRole = await invite(kzFocal.cookie, { email: email('fake.admin'), name: 'Fake Admin', partyCode: 'SEC', role: 'admin' });
    expect(secretariatRole.status).toBe(403);
    expect(await userCount()).toBe(before);
  });

  it('an observer state’s focal point invites into its own delegation too', async () => {
    const r = await invite(jpFocal.cookie, { email: email('jp'), name: 'Japan Viewer', partyCode: 'JP', role: 'viewer' });
    expect(r.status).toBe(201);
    expect(r.body.user.party.kind).toBe('observer-state');
  });

  it('refuses invitations by delegates, officers and anonymous callers', async () => {
    const before = await userCount();
    expect((await invite(kzDelegate.cookie, { email: email('a'), name: 'A', partyCode: 'KZ', role: 'viewer' })).status).toBe(403);
    expect((await invite(officer.cookie, { email: email('b'), name: 'B', partyCode: 'KZ', role: 'viewer' })).status).toBe(403);
    expect((await invite(undefined, { email: email('c'), name: 'C', partyCode: 'KZ', role: 'viewer' })).status).toBe(401);
    expect(await userCount()).toBe(before);
  });

  it('refuses bad input with 400 naming the field, and stores nothing', async () => {
    const before = await userCount();
    const r = await invite(admin.cookie, { email: 'not-an-address', name: '', partyCode: 'KZ', role: 'king', timeZone: 'Mars/Olympus' });
    expect(r.status).toBe(400);
    const fields = r.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.email', 'body.name', 'body.role', 'body.timeZone']));
    expect(await userCount()).toBe(before);
  });

  it('an invited person accepts once, with a strong password, and is signed in', async () => {
    const address = email('accepts');
    const r = await invite(kzFocal.cookie, { email: address, name: 'Aigerim Sadykova', partyCode: 'KZ', role: 'delegate' });
    expect(r.status).toBe(201);
    const token = await invitationToken(address);
    const weak = await t.post('/api/auth/accept-invitation', { token, password: 'aigerim-sadykova-1' });
    expect(weak.status).toBe(422);
    expect(weak.body.code).toBe('identity.password_personal');
    const common = await t.post('/api/auth/accept-invitation', { token, password: 'password1234567' });
    expect(common.body.code).toBe('identity.password_common');
    const password = strongPassword();
    const ok = await t.post('/api/auth/accept-invitation', { token, password });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ email: address, invitationPending: false, party: { code: 'KZ' } });
    const cookie = ok.headers.getSetCookie()[0].split(';')[0];
    expect((await t.get('/api/me', { cookie })).status).toBe(200);
    const again = await t.post('/api/auth/accept-invitation', { token, password: strongPassword() });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('auth.token_invalid');
    await signIn(t, address, password);
  });

  it('an invitation expires after 7 days; a fresh one replaces it', async () => {
    const address = email('late');
    const r = await invite(admin.cookie, { email: address, name: 'Late Person', partyCode: 'KZ', role: 'viewer' });
    const token = await invitationToken(address);
    // Seven days on (moved in the database: moving the clock would end everyone's sessions here).
    const row = await t.db.selectFrom('one_time_tokens').select(['expires_at', 'created_at']).where('user_id', '=', r.body.user.id).executeTakeFirstOrThrow();
    expect(row.expires_at.getTime() - row.created_at.getTime()).toBe(7 * 24 * 3600_000);
    await t.db.updateTable('one_time_tokens').set({ expires_at: t.clock.now() }).where('user_id', '=', r.body.user.id).execute();
    const late = await t.post('/api/auth/accept-invitation', { token, password: strongPassword() });
    expect(late.status).toBe(400);
    expect(late.body.code).toBe('auth.token_invalid');
    // Someone else's focal point cannot resend it; Kazakhstan's can.
    expect((await t.post(`/api/users/${r.body.user.id}/invitation`, undefined, { cookie: cnFocal.cookie })).status).toBe(404);
    (t.clock as ManualClock).advance(1000);
    const again = await t.post(`/api/users/${r.body.user.id}/invitation`, undefined, { cookie: kzFocal.cookie });
    expect(again.status).toBe(201);
    const fresh = await invitationToken(address);
    expect(fresh).not.toBe(token);
    expect((await t.post('/api/auth/accept-invitation', { token: fresh, password: strongPassword() })).status).toBe(200);
    // Once accepted, there is nothing to resend.
    expect((await t.post(`/api/users/${r.body.user.id}/invitation`, undefined, { cookie: kzFocal.cookie })).status).toBe(409);
  });
});

describe('people lists', () => {
  it('the Secretariat sees every party', async () => {
    for (const who of [admin, officer]) {
      const r = await t.get('/api/users?pageSize=200', { cookie: who.cookie });
      expect(r.status).toBe(200);
      const parties = new Set(r.body.items.map((u: { party: { code: string } }) => u.party.code));
      expect(parties).toEqual(expect.objectContaining({}));
      expect([...parties]).toEqual(expect.arrayContaining(['SEC', 'KZ', 'CN', 'JP']));
      expect(r.body.total).toBe(r.body.items.length);
    }
  });

  it('a focal point sees its own delegation only; asking for another party is refused', async () => {
    const r = await t.get('/api/users', { cookie: kzFocal.cookie });
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeGreaterThan(1);
    expect(new Set(r.body.items.map((u: { party: { code: string } }) => u.party.code))).toEqual(new Set(['KZ']));
    expect((await t.get('/api/users?party=CN', { cookie: kzFocal.cookie })).status).toBe(403);
    expect((await t.get('/api/users?party=KZ&role=delegate', { cookie: kzFocal.cookie })).body.items.every((u: { role: string }) => u.role === 'delegate')).toBe(true);
  });

  it('delegates and viewers may not list people; nobody lists anonymously', async () => {
    expect((await t.get('/api/users', { cookie: kzDelegate.cookie })).status).toBe(403);
    expect((await t.get('/api/users')).status).toBe(401);
  });

  it('one person: visible to the Secretariat, themselves and their focal point; 404 to others', async () => {
    const path = `/api/users/${kzDelegate.user.id}`;
    expect((await t.get(path, { cookie: officer.cookie })).status).toBe(200);
    expect((await t.get(path, { cookie: kzDelegate.cookie })).status).toBe(200);
    expect((await t.get(path, { cookie: kzFocal.cookie })).status).toBe(200);
    const hidden = await t.get(path, { cookie: cnFocal.cookie });
    expect(hidden.status).toBe(404);
    const missing = await t.get('/api/users/00000000-0000-4000-8000-000000000000', { cookie: cnFocal.cookie });
    expect({ ...hidden.body, instance: undefined, requestId: undefined }).toEqual({ ...missing.body, instance: undefined, requestId: undefined });
    expect((await t.get('/api/users/not-a-uuid', { cookie: officer.cookie })).status).toBe(400);
  });

  it('never shows a password hash or a TOTP secret', async () => {
    const r = await t.get('/api/users?pageSize=200', { cookie: admin.cookie });
    const text = JSON.stringify(r.body);
    expect(text).not.toContain('argon2');
    expect(text).not.toMatch(/password|totpSecret|totp_secret/i);
  });
});

describe('changing people', () => {
  it('a focal point changes a role in its delegation; the change is audited', async () => {
    const target = await createUser(t, { partyCode: 'KZ', role: 'delegate' });
    const r = await t.request('PATCH', `/api/users/${target.id}`, { cookie: kzFocal.cookie, body: { role: 'viewer' } });
    expect(r.status).toBe(200);
    expect(r.body.role).toBe('viewer');
    const audit = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'identity.role_change').where('object_id', '=', target.id).executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(kzFocal.user.id);
    expect(audit.before).toEqual({ role: 'delegate' });
    expect(audit.after).toEqual({ role: 'viewer' });
  });

  it('a focal point cannot promote into the Secretariat, nor touch the Secretariat', async () => {
    const target = await createUser(t, { partyCode: 'KZ', role: 'delegate' });
    expect((await t.request('PATCH', `/api/users/${target.id}`, { cookie: kzFocal.cookie, body: { role: 'admin' } })).status).toBe(403);
    expect((await t.request('PATCH', `/api/users/${officer.user.id}`, { cookie: kzFocal.cookie, body: { status: 'suspended' } })).status).toBe(404);
  });

  it('an admin cannot give a delegation role a Secretariat role (or the reverse)', async () => {
    const target = await createUser(t, { partyCode: 'KZ', role: 'delegate' });
    const r = await t.request('PATCH', `/api/users/${target.id}`, { cookie: admin.cookie, body: { role: 'officer' } });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('identity.role_party_mismatch');
    const r2 = await t.request('PATCH', `/api/users/${officer.user.id}`, { cookie: admin.cookie, body: { role: 'delegate' } });
    expect(r2.status).toBe(422);
  });

  it('nobody changes their own role or suspends themselves', async () => {
    const self = await t.request('PATCH', `/api/users/${kzFocal.user.id}`, { cookie: kzFocal.cookie, body: { role: 'viewer' } });
    expect(self.status).toBe(422);
    expect(self.body.code).toBe('identity.cannot_change_own_access');
    const selfSuspend = await t.request('PATCH', `/api/users/${admin.user.id}`, { cookie: admin.cookie, body: { status: 'suspended' } });
    expect(selfSuspend.status).toBe(422);
    // Name, language and time zone of oneself are fine.
    expect((await t.request('PATCH', `/api/users/${kzFocal.user.id}`, { cookie: kzFocal.cookie, body: { timeZone: 'Asia/Almaty' } })).status).toBe(200);
  });

  it('keeps at least one active administrator, even against a stale administrator acting concurrently', async () => {
    const s = await testApp();
    try {
      const a = await createUser(s, { partyCode: 'SEC', role: 'admin' });
      const b = await createUser(s, { partyCode: 'SEC', role: 'admin' });
      // a was suspended a moment ago, but its request is already past the authentication hook.
      await s.db.updateTable('users').set({ status: 'suspended' }).where('id', '=', a.id).execute();
      const staleAdmin = { kind: 'user' as const, userId: a.id, partyId: a.partyId, partyCode: 'SEC', partyKind: 'secretariat' as const, role: 'admin' as const, mfa: false, sessionId: 'x', tokenScopes: null };
      const ctx = { actor: staleAdmin, requestId: null, clock: s.clock, baseUrl: s.url };
      await expect(updateUser(s.db, ctx, b.id, { status: 'suspended' })).rejects.toMatchObject({ code: 'identity.last_admin', status: 409 });
      await expect(updateUser(s.db, ctx, b.id, { role: 'officer' })).rejects.toMatchObject({ code: 'identity.last_admin' });
      const audited = await s.db.selectFrom('audit_events').select('action').where('object_id', '=', b.id).where('action', 'in', ['identity.suspend', 'identity.role_change']).execute();
      expect(audited).toHaveLength(0);
      // With a second active admin the same change goes through.
      await s.db.updateTable('users').set({ status: 'active' }).where('id', '=', a.id).execute();
      await expect(updateUser(s.db, ctx, b.id, { role: 'officer' })).resolves.toMatchObject({ role: 'officer' });
    } finally {
      await s.close();
    }
  });

  it('suspending ends every session and API token at once; reactivating lets the person sign in again', async () => {
    const target = await asRole(t, 'KZ', 'delegate');
    const token = await t.post('/api/me/tokens', { name: 'script', scopes: ['read', 'write'] }, { cookie: target.cookie });
    const second = await signIn(t, target.user.email, target.user.password);
    const r = await t.request('PATCH', `/api/users/${target.user.id}`, { cookie: kzFocal.cookie, body: { status: 'suspended' } });
    expect(r.status).toBe(200);
    for (const cookie of [target.cookie, second]) expect((await t.get('/api/me', { cookie })).status).toBe(401);
    expect((await t.get('/api/me', { headers: { authorization: `Bearer ${token.body.secret}` } })).status).toBe(401);
    const row = await t.db.selectFrom('api_tokens').select('revoked_at').where('id', '=', token.body.token.id).executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
    const audit = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'identity.suspend').where('object_id', '=', target.user.id).executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ status: 'suspended', sessionsEnded: 2, tokensRevoked: 1 });
    // The person is told, in the outbox (no SMTP here).
    const mail = await t.db.selectFrom('outbox_mail').select(['kind']).where('to_address', '=', target.user.email).execute();
    expect(mail.map((m) => m.kind)).toContain('identity.suspended');
    expect((await t.request('PATCH', `/api/users/${target.user.id}`, { cookie: kzFocal.cookie, body: { status: 'active' } })).status).toBe(200);
    await signIn(t, target.user.email, target.user.password);
  });

  it('refuses unknown fields and empty changes with 400', async () => {
    const target = await createUser(t, { partyCode: 'KZ', role: 'delegate' });
    const extra = await t.request('PATCH', `/api/users/${target.id}`, { cookie: admin.cookie, body: { email: 'new@x.example' } });
    expect(extra.status).toBe(400);
    const empty = await t.request('PATCH', `/api/users/${target.id}`, { cookie: admin.cookie, body: {} });
    expect(empty.status).toBe(400);
    const badZone = await t.request('PATCH', `/api/users/${target.id}`, { cookie: admin.cookie, body: { timeZone: 'Asia/Atlantis' } });
    expect(badZone.status).toBe(400);
    expect(badZone.body.errors[0].field).toBe('body.timeZone');
  });
});

describe("a delegate of another state cannot change anything of Kazakhstan's", () => {
  it('every attempt is refused and logged in the audit trail', async () => {
    const target = await createUser(t, { partyCode: 'KZ', role: 'delegate' });
    const before = await t.db.selectFrom('users').selectAll().where('id', '=', target.id).executeTakeFirstOrThrow();
    const attempts: Array<[string, string, unknown]> = [
      ['PATCH', `/api/users/${target.id}`, { role: 'viewer' }],
      ['PATCH', `/api/users/${target.id}`, { status: 'suspended' }],
      ['PATCH', `/api/users/${kzFocal.user.id}`, { name: 'Hijacked' }],
      ['POST', `/api/users/${target.id}/invitation`, undefined],
      ['POST', '/api/invitations', { email: email('plant'), name: 'Planted Person', partyCode: 'KZ', role: 'focal-point' }],
    ];
    for (const who of [cnDelegate, cnFocal, jpFocal]) {
      for (const [method, path, body] of attempts) {
        const r = await t.request(method, path, { cookie: who.cookie, body });
        expect([403, 404], `${method} ${path}`).toContain(r.status);
      }
    }
    const after = await t.db.selectFrom('users').selectAll().where('id', '=', target.id).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    expect((await t.get(`/api/users/${kzFocal.user.id}`, { cookie: admin.cookie })).body.name).not.toBe('Hijacked');
    const denied = await t.db
      .selectFrom('audit_events')
      .select(['actor_user_id', 'actor_party_id', 'object_id', 'after'])
      .where('action', '=', 'access.denied')
      .where('actor_user_id', '=', cnDelegate.user.id)
      .execute();
    expect(denied).toHaveLength(attempts.length);
    expect(denied[0].actor_party_id).toBe(cnDelegate.user.partyId);
    expect(denied.map((d) => d.object_id)).toContain(`PATCH /api/users/${target.id}`);
    expect(denied.map((d) => (d.after as { status: number }).status).sort()).toEqual([403, 404, 404, 404, 404]);
  });
});
