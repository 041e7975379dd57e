import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { asRole, createUser, sessionCookieFrom, signIn, strongPassword } from '../../../test/helpers/auth.ts';
import type { ManualClock } from '../../shared/clock.ts';
import { totpAt } from './totp.ts';

let t: TestApp;
let clock: ManualClock;
beforeAll(async () => {
  t = await testApp();
  clock = t.clock as ManualClock;
});
afterAll(() => t?.close());

const sessionIdOf = (cookie: string) => createHash('sha256').update(cookie.split('=')[1]).digest('hex');
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
const nextStep = () => clock.advance(30_000);

describe('my account', () => {
  it('GET /api/me tells person, party, role, two-factor state and powers', async () => {
    const { cookie, user } = await asRole(t, 'KZ', 'focal-point');
    const r = await t.get('/api/me', { cookie });
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ id: user.id, email: user.email, role: 'focal-point', status: 'active', totpEnabled: false });
    expect(r.body.party).toMatchObject({ code: 'KZ', kind: 'member-state' });
    expect(r.body.session).toEqual({ via: 'session', mfa: false, mfaRequired: false, tokenScopes: null });
    expect(r.body.powers).toMatchObject({ isSecretariat: false, isAdmin: false, canInvite: true, canManagePeople: true, mustEnrolMfa: false });
  });

  it("knows the Chair: Azerbaijan's focal point holds the chairmanship on the test day, Kazakhstan's does not", async () => {
    const az = await asRole(t, 'AZ', 'focal-point');
    const azDelegate = await asRole(t, 'AZ', 'delegate');
    const kz = await asRole(t, 'KZ', 'focal-point');
    await t.db.insertInto('chair_terms').values({ party_id: az.user.partyId, start_date: '2024-12-17', end_date: '2026', how_decided: 'test' }).execute();
    expect((await t.get('/api/me', { cookie: az.cookie })).body.powers.isChair).toBe(true);
    expect((await t.get('/api/me', { cookie: azDelegate.cookie })).body.powers.isChair).toBe(false);
    expect((await t.get('/api/me', { cookie: kz.cookie })).body.powers.isChair).toBe(false);
  });

  it('PATCH /api/me changes name, language and time zone, audited; bad values are 400', async () => {
    const { cookie, user } = await asRole(t, 'KZ', 'delegate');
    const r = await t.request('PATCH', '/api/me', { cookie, body: { name: 'Айгерим Садыкова', language: 'ru', timeZone: 'Asia/Almaty' } });
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ name: 'Айгерим Садыкова', language: 'ru', timeZone: 'Asia/Almaty' });
    const audit = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'identity.user_update').where('object_id', '=', user.id).executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(user.id);
    expect(audit.after).toMatchObject({ name: 'Айгерим Садыкова', language: 'ru', timeZone: 'Asia/Almaty' });
    const bad = await t.request('PATCH', '/api/me', { cookie, body: { timeZone: 'Nowhere/Land', role: 'admin' } });
    expect(bad.status).toBe(400);
    expect((await t.get('/api/me', { cookie })).body.user.role).toBe('delegate');
  });

  it('POST /api/me/password: needs the current password, refuses weak ones, ends other sessions', async () => {
    const { cookie, user } = await asRole(t, 'KZ', 'delegate');
    const other = await signIn(t, user.email, user.password);
    const wrong = await t.post('/api/me/password', { current: 'not my password at all', next: strongPassword() }, { cookie });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('identity.wrong_password');
    const weak = await t.post('/api/me/password', { current: user.password, next: 'qwertyuiop123' }, { cookie });
    expect(weak.status).toBe(422);
    expect(weak.body.code).toBe('identity.password_common');
    expect(weak.body.errors[0].field).toBe('next');
    const next = strongPassword();
    expect((await t.post('/api/me/password', { current: user.password, next }, { cookie })).status).toBe(204);
    expect((await t.get('/api/me', { cookie })).status).toBe(200);
    expect((await t.get('/api/me', { cookie: other })).status).toBe(401);
    expect((await t.post('/api/auth/login', { email: user.email, password: user.password })).status).toBe(401);
    await signIn(t, user.email, next);
    const audit = await t.db.selectFrom('audit_events').select('after').where('action', '=', 'identity.password_change').where('object_id', '=', user.id).executeTakeFirstOrThrow();
    expect(audit.after).toEqual({ otherSessionsEnded: 1 });
    clock.advance(16 * 60_000);
  });
});

describe('sessions', () => {
  it('lists my sessions, marks the current one, and ends another', async () => {
    const { cookie, user } = await asRole(t, 'KZ', 'delegate');
    const laptop = await signIn(t, user.email, user.password);
    const list = await t.get('/api/me/sessions', { cookie });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    const current = list.body.items.find((s: { current: boolean }) => s.current);
    expect(current.id).toBe(sessionIdOf(cookie));
    expect(new Date(current.idleExpiresAt).getTime() - new Date(current.lastSeenAt).getTime()).toBe(30 * 60_000);
    expect(new Date(current.expiresAt).getTime() - new Date(current.createdAt).getTime()).toBe(12 * 3600_000);
    expect((await t.request('DELETE', `/api/me/sessions/${sessionIdOf(laptop)}`, { cookie })).status).toBe(204);
    expect((await t.get('/api/me', { cookie: laptop })).status).toBe(401);
    expect((await t.get('/api/me', { cookie })).status).toBe(200);
  });

  it("cannot end someone else's session (404), and ending the current one signs out", async () => {
    const a = await asRole(t, 'KZ', 'delegate');
    const b = await asRole(t, 'CN', 'delegate');
    const r = await t.request('DELETE', `/api/me/sessions/${sessionIdOf(b.cookie)}`, { cookie: a.cookie });
    expect(r.status).toBe(404);
    expect((await t.get('/api/me', { cookie: b.cookie })).status).toBe(200);
    const self = await t.request('DELETE', `/api/me/sessions/${sessionIdOf(a.cookie)}`, { cookie: a.cookie });
    expect(self.status).toBe(204);
    expect(self.headers.getSetCookie().join()).toMatch(/concord_session=;/);
    expect((await t.get('/api/me', { cookie: a.cookie })).status).toBe(401);
  });
});

describe('personal API tokens', () => {
  it('shows the secret once, keeps only its hash, and lists without it', async () => {
    const { cookie, user } = await asRole(t, 'KZ', 'delegate');
    const r = await t.post('/api/me/tokens', { name: 'Reporting script', scopes: ['read'] }, { cookie });
    expect(r.status).toBe(201);
    const secret: string = r.body.secret;
    expect(secret).toMatch(/^concord_pat_/);
    expect(r.body.token).toMatchObject({ name: 'Reporting script', scopes: ['read'], revokedAt: null, expiresAt: null });
    const list = await t.get('/api/me/tokens', { cookie });
    expect(JSON.stringify(list.body)).not.toContain(secret.slice(12));
    const row = await t.db.selectFrom('api_tokens').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM audit_events WHERE after::text LIKE ${`%${secret.slice(12, 30)}%`}`.execute(t.db);
    expect(Number(rows[0].n)).toBe(0);
  });

  it('acts as its owner within its scopes: read reads, write writes', async () => {
    const { cookie } = await asRole(t, 'KZ', 'focal-point');
    const read = (await t.post('/api/me/tokens', { name: 'r', scopes: ['read'] }, { cookie })).body.secret;
    const write = (await t.post('/api/me/tokens', { name: 'w', scopes: ['write'] }, { cookie })).body.secret;
    const me = await t.get('/api/me', { headers: bearer(read) });
    expect(me.status).toBe(200);
    expect(me.body.session).toMatchObject({ via: 'token', tokenScopes: ['read'], mfa: false });
    expect((await t.get('/api/users', { headers: bearer(read) })).status).toBe(200);
    const refused = await t.request('PATCH', '/api/me', { headers: bearer(read), body: { timeZone: 'Asia/Almaty' } });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('auth.token_scope');
    expect((await t.request('PATCH', '/api/me', { headers: bearer(write), body: { timeZone: 'Asia/Almaty' } })).status).toBe(200);
    expect((await t.get('/api/me', { headers: bearer(write) })).status).toBe(403);
    const stamped = await t.db.selectFrom('api_tokens').select('last_used_at').where('name', '=', 'r').executeTakeFirstOrThrow();
    expect(stamped.last_used_at).not.toBeNull();
  });

  it('cannot mint tokens, change the password or two-factor: those need a signed-in session', async () => {
    const { cookie, user } = await asRole(t, 'KZ', 'delegate');
    const secret = (await t.post('/api/me/tokens', { name: 'rw', scopes: ['read', 'write'] }, { cookie })).body.secret;
    for (const [path, body] of [
      ['/api/me/tokens', { name: 'more', scopes: ['read'] }],
      ['/api/me/password', { current: user.password, next: strongPassword() }],
      ['/api/me/totp/setup', undefined],
    ] as const) {
      const r = await t.post(path, body, { headers: bearer(secret) });
      expect(r.status, path).toBe(403);
      expect(r.body.code).toBe('auth.session_required');
    }
  });

  it('stops working when revoked or expired; another user cannot revoke it', async () => {
    const { cookie } = await asRole(t, 'KZ', 'delegate');
    const other = await asRole(t, 'CN', 'delegate');
    const made = await t.post('/api/me/tokens', { name: 'short', scopes: ['read'], expiresInDays: 1 }, { cookie });
    const forever = await t.post('/api/me/tokens', { name: 'long', scopes: ['read'] }, { cookie });
    expect((await t.request('DELETE', `/api/me/tokens/${forever.body.token.id}`, { cookie: other.cookie })).status).toBe(404);
    expect((await t.get('/api/me', { headers: bearer(forever.body.secret) })).status).toBe(200);
    expect((await t.request('DELETE', `/api/me/tokens/${forever.body.token.id}`, { cookie })).status).toBe(204);
    const revoked = await t.get('/api/me', { headers: bearer(forever.body.secret) });
    expect(revoked.status).toBe(401);
    expect(revoked.body.code).toBe('auth.invalid_token');
    const list = await t.get('/api/me/tokens', { cookie });
    expect(list.body.items.find((x: { id: string }) => x.id === forever.body.token.id).revokedAt).not.toBeNull();
    const audits = await t.db.selectFrom('audit_events').select('action').where('object_id', '=', forever.body.token.id).orderBy('seq').execute();
    expect(audits.map((a) => a.action)).toEqual(['identity.token_create', 'identity.token_revoke']);
    // The one-day token ends after a day (the session would have too: sign in again to check the list).
    clock.advance(24 * 3600_000 + 1000);
    expect((await t.get('/api/me', { headers: bearer(made.body.secret) })).status).toBe(401);
  });

  it('refuses bad scopes and names with 400', async () => {
    const { cookie } = await asRole(t, 'KZ', 'delegate');
    expect((await t.post('/api/me/tokens', { name: 'x', scopes: ['admin'] }, { cookie })).status).toBe(400);
    expect((await t.post('/api/me/tokens', { name: '', scopes: ['read'] }, { cookie })).status).toBe(400);
    expect((await t.post('/api/me/tokens', { name: 'x', scopes: [] }, { cookie })).status).toBe(400);
    expect((await t.get('/api/me/tokens', { cookie })).body.items).toHaveLength(0);
  });
});

describe('two-factor (TOTP)', () => {
  it('enrols with a QR code, signs in with a code, refuses a replayed code, and accepts a recovery code once', async () => {
    clock.advance(16 * 60_000);
    const { cookie, user } = await asRole(t, 'KZ', 'head-of-delegation');
    const setup = await t.post('/api/me/totp/setup', undefined, { cookie });
    expect(setup.status).toBe(200);
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Concord:.*secret=.*issuer=Concord/);
    expect(setup.body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(setup.body.qrCode.split(',')[1], 'base64').toString()).toContain('<svg');
    // Not in force until confirmed.
    expect((await t.get('/api/me', { cookie })).body.user.totpEnabled).toBe(false);
    const bad = await t.post('/api/me/totp/enable', { code: '000000' }, { cookie });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('identity.code_invalid');
    const enabled = await t.post('/api/me/totp/enable', { code: totpAt(setup.body.secret, clock.now()) }, { cookie });
    expect(enabled.status).toBe(200);
    const codes: string[] = enabled.body.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const me = await t.get('/api/me', { cookie });
    expect(me.body.user.totpEnabled).toBe(true);
    expect(me.body.session.mfa).toBe(true);
    const stored = await t.db.selectFrom('user_recovery_codes').select('code_hash').where('user_id', '=', user.id).execute();
    expect(stored).toHaveLength(10);
    expect(stored.map((s) => s.code_hash).join()).not.toContain(codes[0]);
    expect(JSON.stringify(me.body)).not.toContain(setup.body.secret);

    const needCode = await t.post('/api/auth/login', { email: user.email, password: user.password });
    expect(needCode.status).toBe(401);
    expect(needCode.body.code).toBe('auth.totp_required');
    nextStep();
    const code = totpAt(setup.body.secret, clock.now());
    const withCode = await t.post('/api/auth/login', { email: user.email, password: user.password, totp: code });
    expect(withCode.status).toBe(200);
    expect(withCode.body.session.mfa).toBe(true);
    const replay = await t.post('/api/auth/login', { email: user.email, password: user.password, totp: code });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('auth.totp_invalid');

    const viaRecovery = await t.post('/api/auth/login', { email: user.email, password: user.password, recoveryCode: codes[3].toUpperCase() });
    expect(viaRecovery.status).toBe(200);
    expect(viaRecovery.body.session.mfa).toBe(true);
    expect((await t.post('/api/auth/login', { email: user.email, password: user.password, recoveryCode: codes[3] })).body.code).toBe('auth.totp_invalid');
    const logins = await t.db.selectFrom('audit_events').select('after').where('action', '=', 'identity.login').where('object_id', '=', user.id).orderBy('seq').execute();
    expect(logins.map((l) => (l.after as { method: string }).method)).toEqual(['password', 'password+totp', 'password+recovery-code']);
    clock.advance(16 * 60_000);
  });

  it('replaces recovery codes and turns off with password and code; audited', async () => {
    const { cookie, user } = await asRole(t, 'KZ', 'delegate');
    const setup = await t.post('/api/me/totp/setup', undefined, { cookie });
    const first = (await t.post('/api/me/totp/enable', { code: totpAt(setup.body.secret, clock.now()) }, { cookie })).body.recoveryCodes;
    nextStep();
    const again = await t.post('/api/me/totp/recovery-codes', { code: totpAt(setup.body.secret, clock.now()) }, { cookie });
    expect(again.status).toBe(200);
    expect(again.body.recoveryCodes).not.toEqual(first);
    const wrongPassword = await t.post('/api/me/totp/disable', { password: 'this is not it!!', code: again.body.recoveryCodes[0] }, { cookie });
    expect(wrongPassword.status).toBe(422);
    const oldCode = await t.post('/api/me/totp/disable', { password: user.password, code: first[0] }, { cookie });
    expect(oldCode.status).toBe(422);
    nextStep();
    const off = await t.post('/api/me/totp/disable', { password: user.password, code: totpAt(setup.body.secret, clock.now()) }, { cookie });
    expect(off.status).toBe(204);
    expect((await t.get('/api/me', { cookie })).body.user.totpEnabled).toBe(false);
    await signIn(t, user.email, user.password);
    const actions = (await t.db.selectFrom('audit_events').select('action').where('object_id', '=', user.id).where('action', 'like', 'identity.%totp%').orderBy('seq').execute()).map((a) => a.action);
    expect(actions).toEqual(['identity.totp_enable', 'identity.totp_disable']);
  });

  it('when the forum requires it for a role: only enrolment works until done, and it cannot be turned off', async () => {
    const admin = await asRole(t, 'SEC', 'admin');
    const officer = await asRole(t, 'SEC', 'officer');
    expect((await t.request('PUT', '/api/security-settings', { cookie: officer.cookie, body: { requireMfaForRoles: [] } })).status).toBe(403);
    const focal = await createUser(t, { partyCode: 'KZ', role: 'focal-point' });
    const set = await t.request('PUT', '/api/security-settings', { cookie: admin.cookie, body: { requireMfaForRoles: ['focal-point', 'head-of-delegation'] } });
    expect(set.status).toBe(200);
    expect(set.body.requireMfaForRoles).toEqual(['focal-point', 'head-of-delegation']);
    try {
      const cookie = await signIn(t, focal.email, focal.password);
      const me = await t.get('/api/me', { cookie });
      expect(me.body.session.mfaRequired).toBe(true);
      expect(me.body.powers.mustEnrolMfa).toBe(true);
      const blocked = await t.get('/api/users', { cookie });
      expect(blocked.status).toBe(403);
      expect(blocked.body.code).toBe('auth.mfa_enrolment_required');
      // Public pages still answer, as to a visitor: health and the public registry.
      for (const path of ['/api/health', '/api/bodies', '/api/parties/KZ']) {
        const pub = await t.get(path, { cookie });
        expect(pub.status, path).toBe(200);
      }
      expect((await t.get('/api/parties/KZ', { cookie })).body.contact, 'members-only fields wait for the second factor').toBeUndefined();
      const setup = await t.post('/api/me/totp/setup', undefined, { cookie });
      const enabled = await t.post('/api/me/totp/enable', { code: totpAt(setup.body.secret, clock.now()) }, { cookie });
      expect(enabled.status).toBe(200);
      expect((await t.get('/api/users', { cookie })).status).toBe(200);
      nextStep();
      const off = await t.post('/api/me/totp/disable', { password: focal.password, code: totpAt(setup.body.secret, clock.now()) }, { cookie });
      expect(off.status).toBe(422);
      expect(off.body.code).toBe('identity.totp_required_by_forum');
      // Roles not named are unaffected.
      const delegate = await asRole(t, 'KZ', 'delegate');
      expect((await t.get('/api/me/sessions', { cookie: delegate.cookie })).status).toBe(200);
    } finally {
      await t.request('PUT', '/api/security-settings', { cookie: admin.cookie, body: { requireMfaForRoles: [] } });
    }
    const audit = await t.db.selectFrom('audit_events').select(['before', 'after']).where('action', '=', 'identity.settings_update').orderBy('seq').execute();
    expect(audit[0]).toEqual({ before: { requireMfaForRoles: [] }, after: { requireMfaForRoles: ['focal-point', 'head-of-delegation'] } });
  });
});

describe('password reset (no SMTP: the link waits in the outbox)', () => {
  const resetToken = async (address: string) => {
    const row = await t.db.selectFrom('outbox_mail').select('text').where('to_address', '=', address).where('kind', '=', 'identity.password_reset').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    return /reset-password#token=([A-Za-z0-9_-]+)/.exec(row.text)![1];
  };

  it('answers the same for a known and an unknown address; only the known one gets a link', async () => {
    clock.advance(61 * 60_000);
    const u = await createUser(t, { partyCode: 'KZ', role: 'delegate' });
    const known = await t.post('/api/auth/password-reset', { email: u.email });
    const unknown = await t.post('/api/auth/password-reset', { email: 'nobody.here@nowhere.example' });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    expect(await t.db.selectFrom('one_time_tokens').select('id').where('user_id', '=', u.id).where('kind', '=', 'password-reset').execute()).toHaveLength(1);
    expect(await t.db.selectFrom('outbox_mail').select('id').where('to_address', '=', 'nobody.here@nowhere.example').execute()).toHaveLength(0);
  });

  it('sets a new password once, ends every session, and expires after an hour', async () => {
    clock.advance(61 * 60_000);
    const { cookie, user } = await asRole(t, 'KZ', 'delegate');
    await t.post('/api/auth/password-reset', { email: user.email });
    const token = await resetToken(user.email);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const weak = await t.post('/api/auth/password-reset/complete', { token, password: 'short' });
    expect(weak.status).toBe(422);
    expect(weak.body.code).toBe('identity.password_too_short');
    const next = strongPassword();
    expect((await t.post('/api/auth/password-reset/complete', { token, password: next })).status).toBe(204);
    expect((await t.get('/api/me', { cookie })).status).toBe(401);
    const reuse = await t.post('/api/auth/password-reset/complete', { token, password: strongPassword() });
    expect(reuse.status).toBe(400);
    expect(reuse.body.code).toBe('auth.token_invalid');
    await signIn(t, user.email, next);

    clock.advance(1000);
    await t.post('/api/auth/password-reset', { email: user.email });
    const late = await resetToken(user.email);
    clock.advance(60 * 60_000 + 1000);
    expect((await t.post('/api/auth/password-reset/complete', { token: late, password: strongPassword() })).status).toBe(400);
    expect((await t.post('/api/auth/password-reset/complete', { token: 'x'.repeat(43), password: strongPassword() })).body.code).toBe('auth.token_invalid');
  });

  it('a newer link replaces an older one', async () => {
    clock.advance(61 * 60_000);
    const u = await createUser(t, { partyCode: 'KZ', role: 'delegate' });
    await t.post('/api/auth/password-reset', { email: u.email });
    const older = await resetToken(u.email);
    clock.advance(1000);
    await t.post('/api/auth/password-reset', { email: u.email });
    const newer = await resetToken(u.email);
    expect((await t.post('/api/auth/password-reset/complete', { token: older, password: strongPassword() })).status).toBe(400);
    expect((await t.post('/api/auth/password-reset/complete', { token: newer, password: strongPassword() })).status).toBe(204);
  });

  it('is throttled per account: 429 with Retry-After, the same for known and unknown addresses', async () => {
    clock.advance(61 * 60_000);
    const u = await createUser(t, { partyCode: 'KZ', role: 'delegate' });
    for (let i = 0; i < 3; i++) expect((await t.post('/api/auth/password-reset', { email: u.email })).status).toBe(202);
    const known = await t.post('/api/auth/password-reset', { email: u.email });
    for (let i = 0; i < 3; i++) await t.post('/api/auth/password-reset', { email: 'ghost@nowhere.example' });
    const unknown = await t.post('/api/auth/password-reset', { email: 'ghost@nowhere.example' });
    expect(known.status).toBe(429);
    expect(unknown.status).toBe(429);
    expect(Number(known.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(known.body.code).toBe(unknown.body.code);
    clock.advance(61 * 60_000);
  });

  it('does not sign in by itself', async () => {
    const u = await createUser(t, { partyCode: 'KZ', role: 'delegate' });
    await t.post('/api/auth/password-reset', { email: u.email });
    const r = await t.post('/api/auth/password-reset/complete', { token: await resetToken(u.email), password: strongPassword() });
    expect(sessionCookieFrom(r.headers)).toBeNull();
  });
});

describe('GET /api/session', () => {
  it('answers a visitor without a 401, and a signed-in person with the same view as GET /api/me', async () => {
    const visitor = await t.get('/api/session');
    expect(visitor.status).toBe(200);
    expect(visitor.body).toEqual({ signedIn: false, me: null });
    const someone = await asRole(t, 'KZ', 'delegate');
    const session = await t.get('/api/session', { cookie: someone.cookie });
    expect(session.status).toBe(200);
    expect(session.body.signedIn).toBe(true);
    expect(session.body.me).toEqual((await t.get('/api/me', { cookie: someone.cookie })).body);
    // A stale or forged cookie is a visitor, not an error.
    const stale = await t.get('/api/session', { cookie: 'concord_session=not-a-session-token-at-all' });
    expect(stale.status).toBe(200);
    expect(stale.body.signedIn).toBe(false);
  });
});
