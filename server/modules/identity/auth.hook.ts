import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../http/deps.ts';
import { sendProblem } from '../../http/problem.ts';
import type { App } from '../../http/routes.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { actorFromApiToken, actorFromSession, type Resolved } from './auth.service.ts';
import { isSafeMethod, isSameOriginRequest, scopeAllows, sessionCookieName } from './identity.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Reachable while the forum requires two-factor for the person's role and this session has not
     * confirmed one yet (enrolment, who-am-I, sign-out). Every other route answers 403 then.
     */
    duringMfaEnrolment?: boolean;
  }
}

export function sessionCookieOptions(deps: AppDeps) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: deps.config.secureCookies };
}

export function setSessionCookie(reply: FastifyReply, deps: AppDeps, token: string): void {
  reply.setCookie(sessionCookieName(deps.config.secureCookies), token, sessionCookieOptions(deps));
}

export function clearSessionCookie(reply: FastifyReply, deps: AppDeps): void {
  reply.clearCookie(sessionCookieName(deps.config.secureCookies), sessionCookieOptions(deps));
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,200})$/;

/**
 * Who is calling, on every /api request, before the route runs:
 * 1. CSRF: a state-changing request from a browser must come from our own origin (Sec-Fetch-Site,
 *    else Origin). Requests with a bearer token carry no ambient credentials and are exempt.
 * 2. The caller: `Authorization: Bearer <personal API token>` or the session cookie. The user's
 *    status is read on every request, so a suspended person is refused at once.
 * 3. Route access: `signed-in` routes answer 401 to anonymous callers.
 * Then, for signed-in callers, refused changes (403/404) are written to the audit trail.
 */
export function installAuth(app: App, deps: AppDeps): void {
  const cookieName = sessionCookieName(deps.config.secureCookies);
  const baseOrigin = new URL(deps.config.baseUrl).origin;

  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    const authorization = req.headers.authorization;
    const bearer = authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];

    if (bearer === undefined) {
      const hostOrigin = req.headers.host ? `${req.protocol}://${req.headers.host}` : baseOrigin;
      const sameOrigin = isSameOriginRequest({
        method: req.method,
        secFetchSite: header(req, 'sec-fetch-site'),
        origin: header(req, 'origin'),
        ownOrigins: [baseOrigin, hostOrigin],
      });
      if (!sameOrigin) {
        req.log.warn({ origin: req.headers.origin, secFetchSite: req.headers['sec-fetch-site'] }, 'cross-site request refused');
        return sendProblem(reply, 403, 'auth.csrf', 'This request came from another site and was refused.');
      }
    }

    const now = deps.clock.now();
    let resolved: Resolved = null;
    if (authorization !== undefined) {
      resolved = bearer ? await actorFromApiToken(deps.db, now, bearer) : null;
      if (!resolved) {
        reply.header('www-authenticate', 'Bearer');
        return sendProblem(reply, 401, 'auth.invalid_token', 'The API token is malformed, unknown, expired or revoked.');
      }
      if (!scopeAllows(resolved.actor.tokenScopes ?? [], req.method)) {
        return sendProblem(reply, 403, 'auth.token_scope', `This API token lacks the ${isSafeMethod(req.method) ? 'read' : 'write'} scope.`);
      }
    } else {
      const token = req.cookies[cookieName];
      if (token) {
        resolved = await actorFromSession(deps.db, now, token);
        if (!resolved) clearSessionCookie(reply, deps);
      }
    }

    if (resolved) {
      const mustEnrolFirst = resolved.mfaRequired && !resolved.actor.mfa && req.routeOptions.config?.duringMfaEnrolment !== true;
      if (!mustEnrolFirst) {
        req.actor = resolved.actor;
      } else if (req.routeOptions.config?.access === 'signed-in') {
        return sendProblem(reply, 403, 'auth.mfa_enrolment_required', 'Your role must use two-factor authentication: set it up first.');
      }
      // Until two-factor is set up, public pages (health, the portal, the profile) still answer, as to a
      // visitor: the person's powers wait for the second factor, the public does not.
    }
    if (req.routeOptions.config?.access === 'signed-in' && req.actor.kind !== 'user') {
      return sendProblem(reply, 401, 'auth.required', 'Sign in to do this.');
    }
  });

  // A signed-in person's refused attempt to change something is kept in the audit trail, in its
  // own transaction (the refused change itself was rolled back). Anonymous refusals are only logged,
  // so nobody can flood the trail without an account.
  app.addHook('onSend', async (req, reply, payload) => {
    const status = reply.statusCode;
    if ((status !== 403 && status !== 404) || isSafeMethod(req.method) || !req.url.startsWith('/api/')) return payload;
    const actor = req.actor;
    if (actor?.kind !== 'user') return payload;
    let code: string | null = null;
    if (typeof payload === 'string') {
      try {
        code = (JSON.parse(payload) as { code?: string }).code ?? null;
      } catch {
        /* not JSON */
      }
    }
    const route = req.routeOptions.url ?? null;
    req.log.warn({ userId: actor.userId, method: req.method, route, status, code }, 'change refused');
    try {
      await deps.db.transaction().execute((trx) =>
        recordAudit(
          trx,
          { actor, requestId: String(req.id), clock: deps.clock },
          {
            action: 'access.denied',
            objectType: 'request',
            objectId: `${req.method} ${req.url.split('?')[0]}`.slice(0, 300),
            after: { method: req.method, route, status, code },
          },
        ),
      );
    } catch (err) {
      req.log.error({ err }, 'could not audit a refused request');
    }
    return payload;
  });
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
