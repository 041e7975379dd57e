import { describe, expect, it } from 'vitest';
import {
  isSameOriginRequest,
  isSessionAlive,
  LOGIN_PER_ACCOUNT,
  needsTouch,
  normalizeEmail,
  retryAfterSeconds,
  roleFitsParty,
  scopeAllows,
  sessionCookieName,
} from './identity.ts';

const at = (iso: string) => new Date(iso);

describe('roles and parties', () => {
  it('gives the Secretariat its two roles and every other party the four delegation roles', () => {
    expect(roleFitsParty('admin', 'secretariat')).toBe(true);
    expect(roleFitsParty('officer', 'secretariat')).toBe(true);
    expect(roleFitsParty('focal-point', 'secretariat')).toBe(false);
    for (const kind of ['member-state', 'observer-state', 'observer-organization', 'partner-organization'] as const) {
      expect(roleFitsParty('head-of-delegation', kind)).toBe(true);
      expect(roleFitsParty('viewer', kind)).toBe(true);
      expect(roleFitsParty('admin', kind)).toBe(false);
      expect(roleFitsParty('officer', kind)).toBe(false);
    }
  });

  it('compares e-mail addresses lower-cased and trimmed', () => {
    expect(normalizeEmail('  Focal.Point@MFA.gov.KZ ')).toBe('focal.point@mfa.gov.kz');
  });
});

describe('sessions', () => {
  const s = { createdAt: at('2026-01-15T09:00:00Z'), lastSeenAt: at('2026-01-15T09:00:00Z'), expiresAt: at('2026-01-15T21:00:00Z'), idleTimeoutSeconds: 1800 };
  it('live until 30 minutes idle', () => {
    expect(isSessionAlive(s, at('2026-01-15T09:29:59Z'))).toBe(true);
    expect(isSessionAlive(s, at('2026-01-15T09:30:00Z'))).toBe(false);
  });
  it('die at the absolute timeout however busy', () => {
    const busy = { ...s, lastSeenAt: at('2026-01-15T20:59:00Z') };
    expect(isSessionAlive(busy, at('2026-01-15T20:59:59Z'))).toBe(true);
    expect(isSessionAlive(busy, at('2026-01-15T21:00:00Z'))).toBe(false);
  });
  it('record use at most once a minute', () => {
    expect(needsTouch(at('2026-01-15T09:00:00Z'), at('2026-01-15T09:00:59Z'))).toBe(false);
    expect(needsTouch(at('2026-01-15T09:00:00Z'), at('2026-01-15T09:01:00Z'))).toBe(true);
  });
  it('use the __Host- prefix only where the cookie can be Secure', () => {
    expect(sessionCookieName(true)).toBe('__Host-concord_session');
    expect(sessionCookieName(false)).toBe('concord_session');
  });
});

describe('throttling', () => {
  const now = at('2026-01-15T09:15:00Z');
  const times = (...minutes: number[]) => minutes.map((m) => new Date(at('2026-01-15T09:00:00Z').getTime() + m * 60_000));
  it('allows up to the limit', () => {
    expect(retryAfterSeconds(times(1, 2, 3, 4), LOGIN_PER_ACCOUNT, now)).toBe(0);
  });
  it('at the limit, waits until the oldest counted failure leaves the window', () => {
    // Failures at 09:01..09:05; the one at 09:01 leaves the 15-minute window at 09:16.
    expect(retryAfterSeconds(times(1, 2, 3, 4, 5), LOGIN_PER_ACCOUNT, now)).toBe(60);
  });
  it('over the limit, waits until enough have left', () => {
    // Seven failures: three must leave to get under five; the third oldest (09:03) leaves at 09:18.
    expect(retryAfterSeconds(times(0.5, 2, 3, 4, 5, 6, 7), LOGIN_PER_ACCOUNT, now)).toBe(180);
  });
});

describe('API token scopes', () => {
  it('read allows reading only, write allows changing only', () => {
    expect(scopeAllows(['read'], 'GET')).toBe(true);
    expect(scopeAllows(['read'], 'POST')).toBe(false);
    expect(scopeAllows(['write'], 'DELETE')).toBe(true);
    expect(scopeAllows(['write'], 'GET')).toBe(false);
    expect(scopeAllows(['read', 'write'], 'PATCH')).toBe(true);
  });
});

describe('CSRF: same-origin check', () => {
  const own = ['https://concord.example.org'];
  it('lets safe methods through whatever their origin', () => {
    expect(isSameOriginRequest({ method: 'GET', secFetchSite: 'cross-site', ownOrigins: own })).toBe(true);
  });
  it('trusts Sec-Fetch-Site when the browser sends it', () => {
    expect(isSameOriginRequest({ method: 'POST', secFetchSite: 'same-origin', origin: 'https://evil.example', ownOrigins: own })).toBe(true);
    expect(isSameOriginRequest({ method: 'POST', secFetchSite: 'none', ownOrigins: own })).toBe(true);
    expect(isSameOriginRequest({ method: 'POST', secFetchSite: 'cross-site', origin: 'https://concord.example.org', ownOrigins: own })).toBe(false);
    expect(isSameOriginRequest({ method: 'DELETE', secFetchSite: 'same-site', ownOrigins: own })).toBe(false);
  });
  it('falls back to Origin', () => {
    expect(isSameOriginRequest({ method: 'POST', origin: 'https://concord.example.org', ownOrigins: own })).toBe(true);
    expect(isSameOriginRequest({ method: 'PUT', origin: 'https://evil.example', ownOrigins: own })).toBe(false);
    expect(isSameOriginRequest({ method: 'PATCH', origin: 'null', ownOrigins: own })).toBe(false);
  });
  it('lets requests that no browser page sent (no Origin, no Sec-Fetch-Site) through', () => {
    expect(isSameOriginRequest({ method: 'POST', ownOrigins: own })).toBe(true);
  });
});
