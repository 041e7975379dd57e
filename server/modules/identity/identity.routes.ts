import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../http/deps.ts';
import { problemSchema } from '../../http/problem.ts';
import { routeMaker } from '../../http/route.ts';
import type { App } from '../../http/routes.ts';
import type { Role } from '../../shared/context.ts';
import {
  changePassword,
  createMyToken,
  disableTotp,
  enableTotp,
  getMe,
  getSecuritySettings,
  listMySessions,
  listMyTokens,
  regenerateRecoveryCodes,
  revokeMySession,
  revokeMyToken,
  startTotpSetup,
  updateMe,
  updateSecuritySettings,
} from './account.service.ts';
import { clearSessionCookie, setSessionCookie } from './auth.hook.ts';
import { acceptInvitation, type ClientInfo, completePasswordReset, requestPasswordReset, signIn, signOut } from './auth.service.ts';
import { actorOfUser } from './actor.ts';
import {
  acceptInvitationBody,
  accepted,
  apiTokenCreate,
  apiTokenCreated,
  apiTokenList,
  idParam,
  invitationBody,
  invitationResult,
  loginBody,
  me,
  mePatch,
  passwordChangeBody,
  recoveryCodes,
  resetCompleteBody,
  resetRequestBody,
  securitySettings,
  sessionIdParam,
  sessionList,
  sessionState,
  totpDisableBody,
  totpEnableBody,
  totpSetup,
  userList,
  userListQuery,
  userPatch,
  userView,
} from './identity.schemas.ts';
import { getUser, inviteUser, listUsers, reinviteUser, updateUser } from './users.service.ts';

const client = (req: FastifyRequest): ClientInfo => ({ ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null });
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema, 429: problemSchema };
const signedInReadErrors = { 401: problemSchema, 403: problemSchema };
const none = z.null();

/** Sign-in, accounts, people and invitations. (The authentication hook is installed by routes.ts, before every module.) */
export async function identityRoutes(app: App, deps: AppDeps) {
  const { db } = deps;
  const auth = routeMaker(app, deps, 'auth');
  const account = routeMaker(app, deps, 'account');
  const people = routeMaker(app, deps, 'people');

  // ------------------------------------------------------------------ sign-in
  auth(
    'POST',
    '/api/auth/login',
    {
      access: 'public',
      summary: 'Sign in with e-mail and password (and a second factor when enabled). Sets the session cookie.',
      description:
        'An unknown e-mail and a wrong password get the same 401 `auth.invalid_credentials`. With two-factor on and no code given: 401 `auth.totp_required` (only after the password is right). Too many failures: 429 with Retry-After.',
      body: loginBody,
      reply: me,
      errors,
    },
    async ({ ctx, body, req, reply }) => {
      const signed = await signIn(db, ctx, body, client(req), req.actor.sessionId);
      setSessionCookie(reply, deps, signed.token);
      return getMe(db, { ...ctx, actor: actorOfUser(signed.user, { id: signed.sessionId, mfa: signed.mfa }) });
    },
  );

  auth(
    'POST',
    '/api/auth/logout',
    {
      access: 'public',
      duringMfaEnrolment: true,
      summary: 'Sign out: ends the session on the server and clears the cookie.',
      status: 204,
      reply: none,
      errors: { 403: problemSchema },
    },
    async ({ ctx, reply }) => {
      await signOut(db, ctx);
      clearSessionCookie(reply, deps);
      return null;
    },
  );

  auth(
    'POST',
    '/api/auth/accept-invitation',
    { access: 'public', summary: 'Accept an invitation: set the first password and sign in.', body: acceptInvitationBody, reply: me, errors },
    async ({ ctx, body, req, reply }) => {
      const signed = await acceptInvitation(db, ctx, body.token, body.password, client(req));
      setSessionCookie(reply, deps, signed.token);
      return getMe(db, { ...ctx, actor: actorOfUser(signed.user, { id: signed.sessionId, mfa: false }) });
    },
  );

  auth(
    'POST',
    '/api/auth/password-reset',
    {
      access: 'public',
      summary: 'Ask for a password-reset link by e-mail. The same answer whether or not the address has an account.',
      body: resetRequestBody,
      status: 202,
      reply: accepted,
      errors: { 400: problemSchema, 403: problemSchema, 429: problemSchema },
    },
    async ({ ctx, body, req }) => {
      await requestPasswordReset(db, ctx, body.email, client(req), deps.config.baseUrl);
      deps.kickJobs();
      return { status: 'accepted' as const };
    },
  );

  auth(
    'POST',
    '/api/auth/password-reset/complete',
    {
      access: 'public',
      summary: 'Set a new password with the single-use link (valid 1 hour). Ends every session; sign in again.',
      body: resetCompleteBody,
      status: 204,
      reply: none,
      errors,
    },
    async ({ ctx, body }) => {
      await completePasswordReset(db, ctx, body.token, body.password);
      return null;
    },
  );

  // ------------------------------------------------------------------ own account
  account(
    'GET',
    '/api/session',
    {
      access: 'public',
      duringMfaEnrolment: true,
      summary: 'Whether anyone is signed in, and who: the web app asks this first, so a visitor gets an answer, not a 401.',
      reply: sessionState,
      errors: {},
    },
    async ({ ctx }) => (ctx.actor.kind === 'user' ? { signedIn: true, me: await getMe(db, ctx) } : { signedIn: false, me: null }),
  );

  account(
    'GET',
    '/api/me',
    {
      access: 'signed-in',
      duringMfaEnrolment: true,
      summary: 'Who am I: person, party, role, two-factor state and powers.',
      reply: me,
      errors: { 401: problemSchema },
    },
    ({ ctx }) => getMe(db, ctx),
  );

  account(
    'PATCH',
    '/api/me',
    { access: 'signed-in', summary: 'Change my name, language or time zone.', body: mePatch, reply: me, errors },
    ({ ctx, body }) => updateMe(db, ctx, body),
  );

  account(
    'POST',
    '/api/me/password',
    {
      access: 'signed-in',
      summary: 'Change my password (needs the current one). My other sessions end.',
      body: passwordChangeBody,
      status: 204,
      reply: none,
      errors,
    },
    async ({ ctx, body, req }) => {
      await changePassword(db, ctx, body, req.ip ?? null);
      return null;
    },
  );

  account('GET', '/api/me/sessions', { access: 'signed-in', summary: 'My open sessions (devices).', reply: sessionList, errors: signedInReadErrors }, ({ ctx }) =>
    listMySessions(db, ctx),
  );

  account(
    'DELETE',
    '/api/me/sessions/:id',
    { access: 'signed-in', summary: 'End one of my sessions.', params: sessionIdParam, status: 204, reply: none, errors },
    async ({ ctx, params, reply }) => {
      const { current } = await revokeMySession(db, ctx, params.id);
      if (current) clearSessionCookie(reply, deps);
      return null;
    },
  );

  account(
    'GET',
    '/api/me/tokens',
    { access: 'signed-in', summary: 'My personal API tokens (never their secrets).', reply: apiTokenList, errors: signedInReadErrors },
    ({ ctx }) => listMyTokens(db, ctx),
  );

  account(
    'POST',
    '/api/me/tokens',
    { access: 'signed-in', summary: 'Create a personal API token. The secret is shown once.', body: apiTokenCreate, status: 201, reply: apiTokenCreated, errors },
    ({ ctx, body }) => createMyToken(db, ctx, body),
  );

  account(
    'DELETE',
    '/api/me/tokens/:id',
    { access: 'signed-in', summary: 'Revoke one of my API tokens.', params: idParam, status: 204, reply: none, errors },
    async ({ ctx, params }) => {
      await revokeMyToken(db, ctx, params.id);
      return null;
    },
  );

  account(
    'POST',
    '/api/me/totp/setup',
    {
      access: 'signed-in',
      duringMfaEnrolment: true,
      summary: 'Start two-factor enrolment: a secret and its QR code. Not in force until enabled with a code.',
      reply: totpSetup,
      errors,
    },
    ({ ctx }) => startTotpSetup(db, ctx),
  );

  account(
    'POST',
    '/api/me/totp/enable',
    {
      access: 'signed-in',
      duringMfaEnrolment: true,
      summary: 'Confirm enrolment with a code: two-factor is on. Returns ten recovery codes, once.',
      body: totpEnableBody,
      reply: recoveryCodes,
      errors,
    },
    ({ ctx, body }) => enableTotp(db, ctx, body.code),
  );

  account(
    'POST',
    '/api/me/totp/disable',
    {
      access: 'signed-in',
      summary: 'Turn two-factor off (password and a code needed; refused when the forum requires it for my role).',
      body: totpDisableBody,
      status: 204,
      reply: none,
      errors,
    },
    async ({ ctx, body }) => {
      await disableTotp(db, ctx, body);
      return null;
    },
  );

  account(
    'POST',
    '/api/me/totp/recovery-codes',
    {
      access: 'signed-in',
      summary: 'Replace my recovery codes (needs a current code). The old ones stop working.',
      body: totpEnableBody,
      reply: recoveryCodes,
      errors,
    },
    ({ ctx, body }) => regenerateRecoveryCodes(db, ctx, body.code),
  );

  // ------------------------------------------------------------------ people and invitations
  people(
    'GET',
    '/api/users',
    {
      access: 'signed-in',
      summary: 'People: every party for the Secretariat, its own delegation for a focal point or head.',
      querystring: userListQuery,
      reply: userList,
      errors: { 400: problemSchema, ...signedInReadErrors },
    },
    ({ ctx, query }) => listUsers(db, ctx, query),
  );

  people(
    'GET',
    '/api/users/:id',
    { access: 'signed-in', summary: 'One person (404 when not visible to the caller).', params: idParam, reply: userView, errors },
    ({ ctx, params }) => getUser(db, ctx, params.id),
  );

  people(
    'PATCH',
    '/api/users/:id',
    {
      access: 'signed-in',
      summary: "Change a person's name, language, time zone, role or status. Suspending ends their sessions and tokens at once.",
      params: idParam,
      body: userPatch,
      reply: userView,
      errors,
    },
    ({ ctx, params, body }) =>
      updateUser(db, ctx, params.id, body as { name?: string; language?: string; timeZone?: string; role?: Role; status?: 'active' | 'suspended' }),
  );

  people(
    'POST',
    '/api/users/:id/invitation',
    {
      access: 'signed-in',
      summary: 'Send a fresh invitation to someone who has not set a password yet (earlier links stop working).',
      params: idParam,
      status: 201,
      reply: invitationResult,
      errors,
    },
    async ({ ctx, params }) => {
      const { link: _link, ...out } = await reinviteUser(db, ctx, params.id, deps.config.baseUrl);
      deps.kickJobs();
      return out;
    },
  );

  people(
    'POST',
    '/api/invitations',
    {
      access: 'signed-in',
      summary: 'Invite a person: a Secretariat admin anyone, a focal point or head their own delegation. The link is e-mailed.',
      body: invitationBody,
      status: 201,
      reply: invitationResult,
      errors,
    },
    async ({ ctx, body }) => {
      const { link: _link, ...out } = await inviteUser(
        db,
        ctx,
        { email: body.email, name: body.name, partyCode: body.partyCode, role: body.role as Role, language: body.language, timeZone: body.timeZone },
        deps.config.baseUrl,
      );
      deps.kickJobs();
      return out;
    },
  );

  // ------------------------------------------------------------------ forum security settings
  people(
    'GET',
    '/api/security-settings',
    { access: 'signed-in', summary: 'Which roles must use two-factor (Secretariat admins).', reply: securitySettings, errors: signedInReadErrors },
    ({ ctx }) => getSecuritySettings(db, ctx),
  );

  people(
    'PUT',
    '/api/security-settings',
    { access: 'signed-in', summary: 'Set which roles must use two-factor (Secretariat admins).', body: securitySettings, reply: securitySettings, errors },
    ({ ctx, body }) => updateSecuritySettings(db, ctx, body as { requireMfaForRoles: Role[] }),
  );
}
