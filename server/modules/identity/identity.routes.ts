import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type AppDeps, ctxOf } from '../../http/deps.ts';
import { problemSchema } from '../../http/problem.ts';
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

/** Sign-in, accounts, people and invitations. (The authentication hook is installed by routes.ts, before every module.) */
export async function identityRoutes(app: App, deps: AppDeps) {
  // ------------------------------------------------------------------ sign-in
  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password (and a second factor when enabled). Sets the session cookie.',
        description:
          'An unknown e-mail and a wrong password get the same 401 `auth.invalid_credentials`. With two-factor on and no code given: 401 `auth.totp_required` (only after the password is right). Too many failures: 429 with Retry-After.',
        body: loginBody,
        response: { 200: me, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const signed = await signIn(deps.db, ctx, req.body, client(req), req.actor.sessionId);
      setSessionCookie(reply, deps, signed.token);
      return getMe(deps.db, { ...ctx, actor: actorOfUser(signed.user, { id: signed.sessionId, mfa: signed.mfa }) });
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'public', duringMfaEnrolment: true },
      schema: { tags: ['auth'], summary: 'Sign out: ends the session on the server and clears the cookie.', response: { 204: z.null(), 403: problemSchema } },
    },
    async (req, reply) => {
      await signOut(deps.db, ctxOf(req, deps));
      clearSessionCookie(reply, deps);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/accept-invitation',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Accept an invitation: set the first password and sign in.',
        body: acceptInvitationBody,
        response: { 200: me, ...errors },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const signed = await acceptInvitation(deps.db, ctx, req.body.token, req.body.password, client(req));
      setSessionCookie(reply, deps, signed.token);
      return getMe(deps.db, { ...ctx, actor: actorOfUser(signed.user, { id: signed.sessionId, mfa: false }) });
    },
  );

  app.post(
    '/api/auth/password-reset',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Ask for a password-reset link by e-mail. The same answer whether or not the address has an account.',
        body: resetRequestBody,
        response: { 202: accepted, 400: problemSchema, 403: problemSchema, 429: problemSchema },
      },
    },
    async (req, reply) => {
      await requestPasswordReset(deps.db, ctxOf(req, deps), req.body.email, client(req), deps.config.baseUrl);
      deps.kickJobs();
      return reply.code(202).send({ status: 'accepted' as const });
    },
  );

  app.post(
    '/api/auth/password-reset/complete',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with the single-use link (valid 1 hour). Ends every session; sign in again.',
        body: resetCompleteBody,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await completePasswordReset(deps.db, ctxOf(req, deps), req.body.token, req.body.password);
      return reply.code(204).send(null);
    },
  );

  // ------------------------------------------------------------------ own account
  app.get(
    '/api/me',
    {
      config: { access: 'signed-in', duringMfaEnrolment: true },
      schema: { tags: ['account'], summary: 'Who am I: person, party, role, two-factor state and powers.', response: { 200: me, 401: problemSchema } },
    },
    async (req) => getMe(deps.db, ctxOf(req, deps)),
  );

  app.patch(
    '/api/me',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['account'], summary: 'Change my name, language or time zone.', body: mePatch, response: { 200: me, ...errors } },
    },
    async (req) => updateMe(deps.db, ctxOf(req, deps), req.body),
  );

  app.post(
    '/api/me/password',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['account'],
        summary: 'Change my password (needs the current one). My other sessions end.',
        body: passwordChangeBody,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await changePassword(deps.db, ctxOf(req, deps), req.body, req.ip ?? null);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me/sessions',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['account'], summary: 'My open sessions (devices).', response: { 200: sessionList, 401: problemSchema, 403: problemSchema } },
    },
    async (req) => listMySessions(deps.db, ctxOf(req, deps)),
  );

  app.delete(
    '/api/me/sessions/:id',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['account'], summary: 'End one of my sessions.', params: sessionIdParam, response: { 204: z.null(), ...errors } },
    },
    async (req, reply) => {
      const { current } = await revokeMySession(deps.db, ctxOf(req, deps), req.params.id);
      if (current) clearSessionCookie(reply, deps);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me/tokens',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['account'], summary: 'My personal API tokens (never their secrets).', response: { 200: apiTokenList, 401: problemSchema, 403: problemSchema } },
    },
    async (req) => listMyTokens(deps.db, ctxOf(req, deps)),
  );

  app.post(
    '/api/me/tokens',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['account'],
        summary: 'Create a personal API token. The secret is shown once.',
        body: apiTokenCreate,
        response: { 201: apiTokenCreated, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await createMyToken(deps.db, ctxOf(req, deps), req.body)),
  );

  app.delete(
    '/api/me/tokens/:id',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['account'], summary: 'Revoke one of my API tokens.', params: idParam, response: { 204: z.null(), ...errors } },
    },
    async (req, reply) => {
      await revokeMyToken(deps.db, ctxOf(req, deps), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/me/totp/setup',
    {
      config: { access: 'signed-in', duringMfaEnrolment: true },
      schema: {
        tags: ['account'],
        summary: 'Start two-factor enrolment: a secret and its QR code. Not in force until enabled with a code.',
        response: { 200: totpSetup, ...errors },
      },
    },
    async (req) => startTotpSetup(deps.db, ctxOf(req, deps)),
  );

  app.post(
    '/api/me/totp/enable',
    {
      config: { access: 'signed-in', duringMfaEnrolment: true },
      schema: {
        tags: ['account'],
        summary: 'Confirm enrolment with a code: two-factor is on. Returns ten recovery codes, once.',
        body: totpEnableBody,
        response: { 200: recoveryCodes, ...errors },
      },
    },
    async (req) => enableTotp(deps.db, ctxOf(req, deps), req.body.code),
  );

  app.post(
    '/api/me/totp/disable',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['account'],
        summary: 'Turn two-factor off (password and a code needed; refused when the forum requires it for my role).',
        body: totpDisableBody,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await disableTotp(deps.db, ctxOf(req, deps), req.body);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/me/totp/recovery-codes',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['account'],
        summary: 'Replace my recovery codes (needs a current code). The old ones stop working.',
        body: totpEnableBody,
        response: { 200: recoveryCodes, ...errors },
      },
    },
    async (req) => regenerateRecoveryCodes(deps.db, ctxOf(req, deps), req.body.code),
  );

  // ------------------------------------------------------------------ people and invitations
  app.get(
    '/api/users',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['people'],
        summary: 'People: every party for the Secretariat, its own delegation for a focal point or head.',
        querystring: userListQuery,
        response: { 200: userList, 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (req) => listUsers(deps.db, ctxOf(req, deps), req.query),
  );

  app.get(
    '/api/users/:id',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['people'], summary: 'One person (404 when not visible to the caller).', params: idParam, response: { 200: userView, ...errors } },
    },
    async (req) => getUser(deps.db, ctxOf(req, deps), req.params.id),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['people'],
        summary: "Change a person's name, language, time zone, role or status. Suspending ends their sessions and tokens at once.",
        params: idParam,
        body: userPatch,
        response: { 200: userView, ...errors },
      },
    },
    async (req) => {
      const body = req.body as { name?: string; language?: string; timeZone?: string; role?: Role; status?: 'active' | 'suspended' };
      return updateUser(deps.db, ctxOf(req, deps), req.params.id, body);
    },
  );

  app.post(
    '/api/users/:id/invitation',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['people'],
        summary: 'Send a fresh invitation to someone who has not set a password yet (earlier links stop working).',
        params: idParam,
        response: { 201: invitationResult, ...errors },
      },
    },
    async (req, reply) => {
      const { link: _link, ...out } = await reinviteUser(deps.db, ctxOf(req, deps), req.params.id, deps.config.baseUrl);
      deps.kickJobs();
      return reply.code(201).send(out);
    },
  );

  app.post(
    '/api/invitations',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['people'],
        summary: 'Invite a person: a Secretariat admin anyone, a focal point or head their own delegation. The link is e-mailed.',
        body: invitationBody,
        response: { 201: invitationResult, ...errors },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const { link: _link, ...out } = await inviteUser(
        deps.db,
        ctxOf(req, deps),
        { email: body.email, name: body.name, partyCode: body.partyCode, role: body.role as Role, language: body.language, timeZone: body.timeZone },
        deps.config.baseUrl,
      );
      deps.kickJobs();
      return reply.code(201).send(out);
    },
  );

  // ------------------------------------------------------------------ forum security settings
  app.get(
    '/api/security-settings',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['people'], summary: 'Which roles must use two-factor (Secretariat admins).', response: { 200: securitySettings, 401: problemSchema, 403: problemSchema } },
    },
    async (req) => getSecuritySettings(deps.db, ctxOf(req, deps)),
  );

  app.put(
    '/api/security-settings',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['people'],
        summary: 'Set which roles must use two-factor (Secretariat admins).',
        body: securitySettings,
        response: { 200: securitySettings, ...errors },
      },
    },
    async (req) => updateSecuritySettings(deps.db, ctxOf(req, deps), req.body as { requireMfaForRoles: Role[] }),
  );
}
