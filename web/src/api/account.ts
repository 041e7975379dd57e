import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { ApiError, isApiError, networkErrorCode } from './client.ts';
import type { Problem } from './types.ts';

/**
 * People, sessions and notifications as the web app reads them. Shapes follow openapi.json
 * (Me, User, Session, ApiToken, TotpSetup, Notification, NotificationPreferences, OutboxMail).
 */

export type Role = 'head-of-delegation' | 'focal-point' | 'delegate' | 'viewer' | 'admin' | 'officer';
export type UserStatus = 'active' | 'suspended';
export type PartyKind = 'member-state' | 'observer-state' | 'observer-organization' | 'partner-organization' | 'secretariat';

export const delegationRoles: readonly Role[] = ['head-of-delegation', 'focal-point', 'delegate', 'viewer'];
export const secretariatRoles: readonly Role[] = ['admin', 'officer'];
export const allRoles: readonly Role[] = [...delegationRoles, ...secretariatRoles];
export const rolesFor = (kind: PartyKind): readonly Role[] => (kind === 'secretariat' ? secretariatRoles : delegationRoles);

export interface PartyRef {
  id: string;
  code: string;
  kind: PartyKind;
  names: Record<string, string>;
}

export interface User {
  id: string;
  email: string;
  name: string;
  language: string;
  timeZone: string;
  role: Role;
  status: UserStatus;
  party: PartyRef;
  invitationPending: boolean;
  totpEnabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Me {
  user: User;
  party: PartyRef;
  session: { via: 'session' | 'token'; mfa: boolean; mfaRequired: boolean; tokenScopes: string[] | null };
  powers: { isSecretariat: boolean; isAdmin: boolean; isChair: boolean; canInvite: boolean; canManagePeople: boolean; mustEnrolMfa: boolean };
}

export interface Session {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  idleExpiresAt: string;
  mfa: boolean;
  userAgent: string | null;
  ip: string | null;
}

export type TokenScope = 'read' | 'write';

export interface ApiToken {
  id: string;
  name: string;
  scopes: TokenScope[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface TotpSetup {
  secret: string;
  otpauthUri: string;
  /** An SVG QR code as a data: URL (the CSP allows data: images). */
  qrCode: string;
}

export interface UserList {
  items: User[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Notification {
  id: string;
  kind: string;
  subject: string;
  body: string;
  params: Record<string, string | number | boolean | null>;
  link: string | null;
  objectType: string | null;
  objectId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: Notification[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

export type Channel = 'immediate' | 'digest' | 'none';
export const channels: readonly Channel[] = ['immediate', 'digest', 'none'];

export interface Preferences {
  items: Array<{ kind: string; channel: Channel; defaultChannel: Channel; configurable: boolean }>;
  lastDigestAt: string | null;
}

export type OutboxStatus = 'queued' | 'sent' | 'held' | 'failed';
export const outboxStatuses: readonly OutboxStatus[] = ['held', 'queued', 'sent', 'failed'];

export interface OutboxMail {
  id: string;
  to: string;
  toName: string | null;
  subject: string;
  text: string;
  language: string;
  kind: string;
  status: OutboxStatus;
  redacted: boolean;
  createdAt: string;
  sentAt: string | null;
  error: string | null;
  attempts: number;
}

export interface OutboxPage {
  items: OutboxMail[];
  total: number;
  page: number;
  pageSize: number;
}

// ---------------------------------------------------------------------------------------------
// Transport

/** A problem with the wait a 429 asked for (from Retry-After), when there was one. */
interface ProblemWithWait extends Problem {
  retryAfterSeconds?: number;
}

/** Seconds to wait before trying again, from the Retry-After of a 429; null otherwise. */
export function retryAfterOf(err: unknown): number | null {
  if (!isApiError(err)) return null;
  const wait = (err.problem as ProblemWithWait).retryAfterSeconds;
  return typeof wait === 'number' && wait > 0 ? wait : null;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * One call to the API (same origin, cookie session). A 2xx answer's JSON (or null for 204);
 * anything else an ApiError carrying the problem, its field errors and any Retry-After.
 */
export async function apiCall<T>(method: Method, path: string, options: { body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers: options.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: networkErrorCode });
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    const p = (parsed && typeof parsed === 'object' ? parsed : {}) as Partial<Problem>;
    const problem: ProblemWithWait = {
      type: p.type ?? 'about:blank',
      title: p.title ?? res.statusText,
      ...p,
      status: res.status,
      code: typeof p.code === 'string' ? p.code : `http_${res.status}`,
    };
    const retryAfter = Number(res.headers.get('retry-after'));
    if (Number.isFinite(retryAfter) && retryAfter > 0) problem.retryAfterSeconds = retryAfter;
    throw new ApiError(problem);
  }
  return parsed as T;
}

const query = (params: Record<string, string | number | boolean | undefined | null>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
};

// ---------------------------------------------------------------------------------------------
// Queries. Everything that depends on who is signed in sits under the 'session' key, so signing in
// or out drops it all at once.

export const sessionKey = ['session'] as const;

/** Who is signed in; `null` when nobody is (the API answers 401). */
export const meQuery = queryOptions({
  queryKey: [...sessionKey, 'me'],
  // GET /api/session answers a visitor too (signedIn: false), so the browser logs no refused request.
  queryFn: async ({ signal }) => (await apiCall<{ signedIn: boolean; me: Me | null }>('GET', '/session', { signal })).me,
  staleTime: 60_000,
});

export const unreadCountQuery = queryOptions({
  queryKey: [...sessionKey, 'unread-count'],
  queryFn: ({ signal }) => apiCall<{ unread: number }>('GET', '/notifications/unread-count', { signal }),
  staleTime: 0,
  refetchInterval: 60_000,
  refetchOnWindowFocus: 'always',
});

export const mySessionsQuery = queryOptions({
  queryKey: [...sessionKey, 'sessions'],
  queryFn: ({ signal }) => apiCall<{ items: Session[] }>('GET', '/me/sessions', { signal }),
  staleTime: 0,
});

export const myTokensQuery = queryOptions({
  queryKey: [...sessionKey, 'tokens'],
  queryFn: ({ signal }) => apiCall<{ items: ApiToken[] }>('GET', '/me/tokens', { signal }),
  staleTime: 0,
});

export interface UserFilter {
  party?: string;
  role?: Role;
  status?: UserStatus;
  q?: string;
  page?: number;
}

export const usersQuery = (filter: UserFilter) =>
  queryOptions({
    queryKey: [...sessionKey, 'users', filter],
    queryFn: ({ signal }) => apiCall<UserList>('GET', `/users${query({ ...filter, pageSize: 50 })}`, { signal }),
    staleTime: 0,
    placeholderData: keepPreviousData,
  });

export const inboxQuery = (filter: { unread: boolean; page: number }) =>
  queryOptions({
    queryKey: [...sessionKey, 'inbox', filter],
    queryFn: ({ signal }) =>
      apiCall<NotificationPage>('GET', `/notifications${query({ unread: filter.unread ? 'true' : undefined, page: filter.page, pageSize: 20 })}`, { signal }),
    staleTime: 0,
    placeholderData: keepPreviousData,
  });

export const preferencesQuery = queryOptions({
  queryKey: [...sessionKey, 'notification-preferences'],
  queryFn: ({ signal }) => apiCall<Preferences>('GET', '/notifications/preferences', { signal }),
  staleTime: 0,
});

export const outboxQuery = (filter: { status?: OutboxStatus; page: number }) =>
  queryOptions({
    queryKey: [...sessionKey, 'outbox', filter],
    queryFn: ({ signal }) => apiCall<OutboxPage>('GET', `/outbox${query({ status: filter.status, page: filter.page, pageSize: 25 })}`, { signal }),
    staleTime: 0,
    placeholderData: keepPreviousData,
  });

export const outboxMailQuery = (id: string) =>
  queryOptions({
    queryKey: [...sessionKey, 'outbox-mail', id],
    queryFn: ({ signal }) => apiCall<OutboxMail & { html: string }>('GET', `/outbox/${encodeURIComponent(id)}`, { signal }),
    staleTime: 0,
  });
