import { createHash, randomBytes } from 'node:crypto';
import { issuePasswordReset } from '../../server/modules/identity/auth.service.ts';
import { totpAt } from '../../server/modules/identity/totp.ts';
import { inviteUser } from '../../server/modules/identity/users.service.ts';
import { strongPassword, systemCtx } from '../helpers/auth.ts';
import type { MatrixEntry, MatrixWorld, Persona } from './types.ts';

const allSignedIn = ['otherDelegate', 'observer', 'ownViewer', 'officer'] as const;
const everyone = ['anonymous', ...allSignedIn] as const;

const tokenOf = (link: string) => link.split('#token=')[1];
const sessionIdOf = (cookie: string) => createHash('sha256').update(cookie.split('=')[1]).digest('hex');
const uniqueEmail = (tag: string) => `${tag}.${randomBytes(4).toString('hex')}@matrix.example`;

async function invited(w: MatrixWorld) {
  return inviteUser(w.t.db, systemCtx(w.t), { email: uniqueEmail('invitee'), name: 'Invited Person', partyCode: 'KZ', role: 'delegate' }, w.t.url);
}

/** A fresh account of the persona's kind with two-factor on (anonymous: of an own delegate, sent without a cookie). */
async function withTotp(w: MatrixWorld, as: Persona) {
  const f = await w.fresh(as === 'anonymous' ? 'ownDelegate' : as);
  const setup = await w.t.post('/api/me/totp/setup', undefined, { cookie: f.cookie });
  const enabled = await w.t.post('/api/me/totp/enable', { code: totpAt(setup.body.secret, w.t.clock.now()) }, { cookie: f.cookie });
  if (enabled.status !== 200) throw new Error(`TOTP enrolment for the matrix failed: ${enabled.text}`);
  return { ...f, secret: setup.body.secret as string, recoveryCodes: enabled.body.recoveryCodes as string[] };
}

/** Requests that act on one's own account: every signed-in persona may, anonymous may not. */
function ownAccount(entry: Omit<MatrixEntry, 'allow'>): MatrixEntry {
  return { allow: allSignedIn, ...entry };
}

export const identityMatrix: MatrixEntry[] = [
  {
    method: 'POST',
    route: '/api/auth/login',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    async request(w, as) {
      // A signed-in persona signing in again (as a fresh account of its kind): its old session is rotated away, so use a spare one.
      const spare = as === 'anonymous' ? null : await w.fresh(as);
      const u = spare?.user ?? (await w.makeUser('own', 'delegate'));
      return { path: '/api/auth/login', body: { email: u.email, password: u.password }, cookie: spare?.cookie ?? null };
    },
  },
  {
    method: 'POST',
    route: '/api/auth/logout',
    allow: everyone,
    positive: 'ownDelegate',
    status: 204,
    async request(w, as) {
      const f = await w.fresh(as);
      return { path: '/api/auth/logout', cookie: f.cookie ?? null };
    },
  },
  {
    method: 'POST',
    route: '/api/auth/accept-invitation',
    allow: everyone,
    positive: 'anonymous',
    status: 200,
    async request(w) {
      const inv = await invited(w);
      return { path: '/api/auth/accept-invitation', body: { token: tokenOf(inv.link), password: strongPassword() } };
    },
  },
  {
    method: 'POST',
    route: '/api/auth/password-reset',
    allow: everyone,
    positive: 'anonymous',
    status: 202,
    async request(w) {
      const u = await w.makeUser('own', 'delegate');
      return { path: '/api/auth/password-reset', body: { email: u.email } };
    },
  },
  {
    method: 'POST',
    route: '/api/auth/password-reset/complete',
    allow: everyone,
    positive: 'anonymous',
    status: 204,
    async request(w) {
      const u = await w.makeUser('own', 'delegate');
      const { link } = await issuePasswordReset(w.t.db, systemCtx(w.t), u.email, w.t.url);
      return { path: '/api/auth/password-reset/complete', body: { token: tokenOf(link), password: strongPassword() } };
    },
  },

  // Everyone may ask whether they are signed in; each learns only about themselves.
  { method: 'GET', route: '/api/session', allow: everyone, positive: 'anonymous', status: 200, request: () => ({ path: '/api/session' }) },
  ownAccount({ method: 'GET', route: '/api/me', positive: 'ownDelegate', status: 200, request: () => ({ path: '/api/me' }) }),
  ownAccount({
    method: 'PATCH',
    route: '/api/me',
    positive: 'ownDelegate',
    status: 200,
    request: () => ({ path: '/api/me', body: { timeZone: 'Asia/Almaty', language: 'ru' } }),
  }),
  ownAccount({
    method: 'POST',
    route: '/api/me/password',
    positive: 'ownDelegate',
    status: 204,
    async request(w, as) {
      const f = await w.fresh(as === 'anonymous' ? 'ownDelegate' : as);
      return { path: '/api/me/password', body: { current: f.user!.password, next: strongPassword() }, cookie: as === 'anonymous' ? null : f.cookie };
    },
  }),
  ownAccount({ method: 'GET', route: '/api/me/sessions', positive: 'ownDelegate', status: 200, request: () => ({ path: '/api/me/sessions' }) }),
  ownAccount({
    method: 'DELETE',
    route: '/api/me/sessions/:id',
    positive: 'ownDelegate',
    status: 204,
    async request(w, as) {
      // Ends a second session of the persona's own account (anonymous: of someone else's).
      const f = await w.fresh(as === 'anonymous' ? 'ownDelegate' : as);
      const second = await w.t.post('/api/auth/login', { email: f.user!.email, password: f.user!.password });
      const cookie = second.headers.getSetCookie()[0].split(';')[0];
      return { path: `/api/me/sessions/${sessionIdOf(cookie)}`, cookie: as === 'anonymous' ? null : f.cookie };
    },
  }),
  ownAccount({ method: 'GET', route: '/api/me/tokens', positive: 'ownDelegate', status: 200, request: () => ({ path: '/api/me/tokens' }) }),
  ownAccount({
    method: 'POST',
    route: '/api/me/tokens',
    positive: 'ownDelegate',
    status: 201,
    request: () => ({ path: '/api/me/tokens', body: { name: 'matrix', scopes: ['read'] } }),
  }),
  ownAccount({
    method: 'DELETE',
    route: '/api/me/tokens/:id',
    positive: 'ownDelegate',
    status: 204,
    async request(w, as) {
      const owner = as === 'anonymous' ? 'ownDelegate' : as;
      const made = await w.t.post('/api/me/tokens', { name: 'to revoke', scopes: ['read'] }, { cookie: w.cookie(owner) });
      return { path: `/api/me/tokens/${made.body.token.id}` };
    },
  }),
  ownAccount({
    method: 'POST',
    route: '/api/me/totp/setup',
    positive: 'ownDelegate',
    status: 200,
    async request(w, as) {
      const f = await w.fresh(as);
      return { path: '/api/me/totp/setup', cookie: f.cookie ?? null };
    },
  }),
  ownAccount({
    method: 'POST',
    route: '/api/me/totp/enable',
    positive: 'ownDelegate',
    status: 200,
    async request(w, as) {
      const f = await w.fresh(as === 'anonymous' ? 'ownDelegate' : as);
      const setup = await w.t.post('/api/me/totp/setup', undefined, { cookie: f.cookie });
      return { path: '/api/me/totp/enable', body: { code: totpAt(setup.body.secret, w.t.clock.now()) }, cookie: as === 'anonymous' ? null : f.cookie };
    },
  }),
  ownAccount({
    method: 'POST',
    route: '/api/me/totp/disable',
    positive: 'ownDelegate',
    status: 204,
    async request(w, as) {
      const f = await withTotp(w, as);
      return { path: '/api/me/totp/disable', body: { password: f.user!.password, code: f.recoveryCodes[0] }, cookie: as === 'anonymous' ? null : f.cookie };
    },
  }),
  ownAccount({
    method: 'POST',
    route: '/api/me/totp/recovery-codes',
    positive: 'ownDelegate',
    status: 200,
    async request(w, as) {
      const f = await withTotp(w, as);
      // The enrolment used the current step; the next one is within the accepted drift.
      const code = totpAt(f.secret, new Date(w.t.clock.now().getTime() + 30_000));
      return { path: '/api/me/totp/recovery-codes', body: { code }, cookie: as === 'anonymous' ? null : f.cookie };
    },
  }),

  {
    method: 'GET',
    route: '/api/users',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 200,
    note: "Asks for Kazakhstan's people: only the Secretariat and Kazakhstan's focal point or head may list them.",
    request: () => ({ path: '/api/users?party=KZ' }),
  },
  {
    method: 'GET',
    route: '/api/users/:id',
    allow: ['officer'],
    positive: 'ownFocalPoint',
    status: 200,
    request: (w) => ({ path: `/api/users/${w.users.ownDelegate.id}` }),
  },
  {
    method: 'PATCH',
    route: '/api/users/:id',
    allow: [],
    positive: 'ownFocalPoint',
    status: 200,
    async request(w) {
      const target = await w.makeUser('own', 'delegate');
      return { path: `/api/users/${target.id}`, body: { role: 'viewer', status: 'suspended' } };
    },
  },
  {
    method: 'POST',
    route: '/api/users/:id/invitation',
    allow: [],
    positive: 'ownFocalPoint',
    status: 201,
    async request(w) {
      const inv = await invited(w);
      return { path: `/api/users/${inv.user.id}/invitation` };
    },
  },
  {
    method: 'POST',
    route: '/api/invitations',
    allow: [],
    positive: 'ownFocalPoint',
    status: 201,
    request: () => ({ path: '/api/invitations', body: { email: uniqueEmail('new'), name: 'New Colleague', partyCode: 'KZ', role: 'delegate', language: 'ru' } }),
  },
  { method: 'GET', route: '/api/security-settings', allow: [], positive: 'admin', status: 200, request: () => ({ path: '/api/security-settings' }) },
  {
    method: 'PUT',
    route: '/api/security-settings',
    allow: [],
    positive: 'admin',
    status: 200,
    request: () => ({ path: '/api/security-settings', body: { requireMfaForRoles: [] } }),
  },
];
