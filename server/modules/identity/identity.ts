/**
 * Identity: the pure rules about people, roles, sessions and throttling. No database here.
 * The numbers are decided in docs/decisions/0004-sessions-and-cookies.md and 0005-sign-in-throttling.md.
 */
import type { DelegationRole, PartyKind, Role, SecretariatRole } from '../../shared/context.ts';

export const delegationRoles: readonly DelegationRole[] = ['head-of-delegation', 'focal-point', 'delegate', 'viewer'];
export const secretariatRoles: readonly SecretariatRole[] = ['admin', 'officer'];
export const allRoles: readonly Role[] = [...delegationRoles, ...secretariatRoles];
export type UserStatus = 'active' | 'suspended';

export const isDelegationRole = (r: string): r is DelegationRole => (delegationRoles as readonly string[]).includes(r);
export const isSecretariatRole = (r: string): r is SecretariatRole => (secretariatRoles as readonly string[]).includes(r);
export const isRole = (r: string): r is Role => isDelegationRole(r) || isSecretariatRole(r);

/** Secretariat roles belong to the Secretariat party only, delegation roles to every other party. */
export function roleFitsParty(role: Role, partyKind: PartyKind): boolean {
  return partyKind === 'secretariat' ? isSecretariatRole(role) : isDelegationRole(role);
}

/** E-mail addresses are compared and stored lower-cased, trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Sessions (ASVS V3: idle 30 min, absolute 12 h at level 2).

export const SESSION_IDLE_TIMEOUT_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;
/** last_seen_at is written at most this often: idle time is measured to this precision. */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;
export const PASSWORD_RESET_TTL_MS = 60 * 60_000;

/** Cookie name: the `__Host-` prefix needs Secure, which browsers refuse over plain http (see ADR 0004). */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-concord_session' : 'concord_session';
}

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  idleTimeoutSeconds: number;
}

/** A session is alive until its absolute expiry and while it was used within its idle timeout. */
export function isSessionAlive(s: SessionTimes, now: Date): boolean {
  if (now.getTime() >= s.expiresAt.getTime()) return false;
  return now.getTime() < s.lastSeenAt.getTime() + s.idleTimeoutSeconds * 1000;
}

export function needsTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS;
}

// ---------------------------------------------------------------------------------------------
// Throttling (ADR 0005): failures in a sliding window, per account (the e-mail as typed) and per address.

export interface ThrottleRule {
  limit: number;
  windowMs: number;
}

export const LOGIN_PER_ACCOUNT: ThrottleRule = { limit: 5, windowMs: 15 * 60_000 };
export const LOGIN_PER_ADDRESS: ThrottleRule = { limit: 20, windowMs: 15 * 60_000 };
export const RESET_PER_ACCOUNT: ThrottleRule = { limit: 3, windowMs: 60 * 60_000 };
export const RESET_PER_ADDRESS: ThrottleRule = { limit: 10, windowMs: 60 * 60_000 };

/**
 * Given the times of the counted events in the window (oldest first), how many seconds until
 * one more is allowed; 0 when allowed now.
 */
export function retryAfterSeconds(eventTimes: readonly Date[], rule: ThrottleRule, now: Date): number {
  if (eventTimes.length < rule.limit) return 0;
  // The event whose expiry brings the count back under the limit.
  const pivot = eventTimes[eventTimes.length - rule.limit];
  const wait = pivot.getTime() + rule.windowMs - now.getTime();
  return wait > 0 ? Math.ceil(wait / 1000) : 0;
}

// ---------------------------------------------------------------------------------------------
// API tokens

export const tokenScopes = ['read', 'write'] as const;
export type TokenScope = (typeof tokenScopes)[number];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const isSafeMethod = (method: string) => SAFE_METHODS.has(method.toUpperCase());

/** `read` allows reading; `write` allows changing (a write-only token can not read). */
export function scopeAllows(scopes: readonly string[], method: string): boolean {
  return scopes.includes(isSafeMethod(method) ? 'read' : 'write');
}

// ---------------------------------------------------------------------------------------------
// CSRF: same-origin check for state-changing requests (ASVS 4.2.2 / 50.x; Fetch Metadata).

export interface OriginFacts {
  method: string;
  secFetchSite?: string;
  origin?: string;
  /** Origins accepted as our own: the configured base URL's and the request's Host. */
  ownOrigins: readonly string[];
}

/**
 * Whether a request may change state. Browsers send Sec-Fetch-Site (all current ones) or at
 * least Origin on cross-origin requests; a request with neither did not come from a browser page
 * of another site (a CLI or a server), so it is not a CSRF vector.
 */
export function isSameOriginRequest(f: OriginFacts): boolean {
  if (isSafeMethod(f.method)) return true;
  if (f.secFetchSite) return f.secFetchSite === 'same-origin' || f.secFetchSite === 'none';
  if (f.origin) return f.origin !== 'null' && f.ownOrigins.includes(f.origin);
  return true;
}
