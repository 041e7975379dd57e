import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { apiCall, sessionKey } from './account.ts';
import { ApiError, networkErrorCode } from './client.ts';
import type { Problem } from './types.ts';

/** Decisions as the web app reads them; shapes follow openapi.json (Decision, DecisionSummary, …). */

export const decisionStates = ['draft', 'circulated', 'silence-broken', 'in-session', 'adopted', 'not-adopted', 'withdrawn'] as const;
export type DecisionState = (typeof decisionStates)[number];
export const positionKinds = ['joins', 'no-objection', 'objection', 'amendment', 'reservation', 'interpretative-statement', 'withdrawn-objection'] as const;
export type PositionKind = (typeof positionKinds)[number];
/** Positions that need a text: the reason, the proposed amendment, or the statement. */
export const kindsWithText: readonly PositionKind[] = ['objection', 'amendment', 'reservation', 'interpretative-statement'];
export const blockingKinds: readonly PositionKind[] = ['objection', 'amendment'];

export interface Expiry {
  at: string;
  date: string;
  time: string;
  zone: string;
}

export interface DecisionSummary {
  id: string;
  bodyCode: string;
  title: Record<string, string>;
  procedure: 'in-session' | 'silence';
  state: DecisionState;
  decidedAt: string | null;
  launchedAt: string | null;
  expiry: Expiry | null;
  textDocument: { id: string; symbol: string } | null;
  outcomeDocument: { id: string; symbol: string } | null;
  progress: { members: number; acted: number } | null;
  myPosition: PositionKind | null;
  awaitingMyState: boolean;
  createdAt: string;
}

export interface Annex {
  partyCode: string;
  kind: 'reservation' | 'interpretative-statement';
  text: string;
  recordedAt: string;
}

export interface Decision extends DecisionSummary {
  proposer: { kind: 'chair' | 'secretariat' | 'member-state'; partyCode: string | null };
  meetingId: string | null;
  definition: 'no-objection' | 'unanimity';
  outcomeAccess: 'public' | 'members' | 'members-and-observers';
  launchedOnBehalfOfChair: boolean;
  extensions: { at: string; from: Expiry; to: Expiry; onBehalfOfChair: boolean; reason: string | null }[];
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  finding: { at: string; outcome: 'no-objection' | 'objection'; objectors: string[]; note: string | null; onBehalfOfChair: boolean } | null;
  blockingStates: string[] | null;
  annexes: Annex[];
  acceptsPositions: boolean;
  concludedAt: string | null;
  now: string;
  can: { recordPosition: boolean; launch: boolean; extend: boolean; withdraw: boolean; recordFinding: boolean; comment: boolean };
}

export interface Position {
  id: string;
  partyCode: string;
  kind: PositionKind;
  text: string | null;
  recordedAt: string;
  isCurrent: boolean;
  supersededBy: string | null;
}

export interface Positions {
  decisionId: string;
  state: DecisionState;
  members: { partyCode: string; position: Position | null }[] | null;
  history: Position[] | null;
  blockingStates: string[] | null;
  annexes: Annex[];
}

export interface Comment {
  id: string;
  partyCode: string;
  author: string;
  text: string;
  createdAt: string;
}

export interface DecisionFilter {
  state?: DecisionState;
  body?: string;
  awaiting?: 'mine';
  page?: number;
}

export const pageSize = 25;
export const decisionsKey = [...sessionKey, 'decisions'] as const;

const query = (params: Record<string, string | number | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') s.set(k, String(v));
  const out = s.toString();
  return out ? `?${out}` : '';
};

export const decisionListQuery = (f: DecisionFilter) =>
  queryOptions({
    queryKey: [...decisionsKey, 'list', f],
    queryFn: ({ signal }) =>
      apiCall<{ items: DecisionSummary[]; total: number }>(
        'GET',
        `/decisions${query({ state: f.state, body: f.body, awaiting: f.awaiting, limit: pageSize, offset: ((f.page ?? 1) - 1) * pageSize })}`,
        { signal },
      ),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });

export const awaitingMineQuery = queryOptions({
  queryKey: [...decisionsKey, 'awaiting'],
  queryFn: ({ signal }) => apiCall<{ items: DecisionSummary[]; total: number }>('GET', '/decisions?awaiting=mine&limit=5', { signal }),
  staleTime: 30_000,
});

export const decisionQuery = (id: string) =>
  queryOptions({ queryKey: [...decisionsKey, 'one', id], queryFn: ({ signal }) => apiCall<Decision>('GET', `/decisions/${id}`, { signal }), staleTime: 10_000 });

export const positionsQuery = (id: string) =>
  queryOptions({ queryKey: [...decisionsKey, 'positions', id], queryFn: ({ signal }) => apiCall<Positions>('GET', `/decisions/${id}/positions`, { signal }), staleTime: 10_000 });

export const commentsQuery = (id: string) =>
  queryOptions({ queryKey: [...decisionsKey, 'comments', id], queryFn: ({ signal }) => apiCall<{ items: Comment[] }>('GET', `/decisions/${id}/comments`, { signal }) });

export interface LocalDeadline {
  date: string;
  time: string;
  zone: string;
}

/** The default silence deadline of a decision launched now (the profile's period, closing hour and zone). */
export interface SilenceDefault {
  expiry: Expiry;
  silenceDays: number;
  closingHour: string;
  zone: string;
}

export const silenceDefaultQuery = queryOptions({
  queryKey: [...decisionsKey, 'silence-default'],
  queryFn: ({ signal }) => apiCall<SilenceDefault>('GET', '/decisions/silence-default', { signal }),
  staleTime: 60_000,
});

export interface CreateDecision {
  bodyCode: string;
  title: Record<string, string>;
  textDocumentId: string | null;
  procedure: 'in-session' | 'silence';
  meetingId: string | null;
  proposerKind: 'chair' | 'secretariat' | 'member-state';
  proposerPartyCode: string | null;
  outcomeAccess: 'public' | 'members' | 'members-and-observers';
}

/** The problem codes of the two-factor step-up: the page asks for the code, or says it was wrong. */
export const stepUpCodes = { required: 'decisions.totp_required', invalid: 'decisions.totp_invalid', notEnabled: 'decisions.totp_not_enabled' } as const;

/**
 * Records a position; `code` is the step-up code from the authenticator app (sent as X-TOTP-Code).
 * Without one, a change answers `decisions.totp_required` and the page asks for it, then sends again.
 */
async function sendPosition(id: string, kind: PositionKind, text: string, code: string | null) {
  let res: Response;
  try {
    res = await fetch(`/api/decisions/${id}/positions`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json', ...(code ? { 'x-totp-code': code } : {}) },
      credentials: 'same-origin',
      body: JSON.stringify({ kind, text: text || null }),
    });
  } catch {
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: networkErrorCode });
  }
  const body = (await res.json().catch(() => null)) as Partial<Problem> | null;
  if (!res.ok) {
    throw new ApiError({ type: 'about:blank', title: res.statusText, ...(body ?? {}), status: res.status, code: typeof body?.code === 'string' ? body.code : `http_${res.status}` });
  }
  return body as unknown as { position: Position; changed: boolean; state: DecisionState };
}

export const decisionsApi = {
  create: (body: CreateDecision) => apiCall<Decision>('POST', '/decisions', { body }),
  launch: (id: string, expiry: LocalDeadline | null) => apiCall<Decision>('POST', `/decisions/${id}/launch`, { body: expiry ? { expiry } : {} }),
  extend: (id: string, expiry: LocalDeadline, reason: string) => apiCall<Decision>('POST', `/decisions/${id}/extend`, { body: { expiry, reason: reason || null } }),
  withdraw: (id: string, reason: string) => apiCall<Decision>('POST', `/decisions/${id}/withdraw`, { body: { reason: reason || null } }),
  finding: (id: string, outcome: 'no-objection' | 'objection', objectorPartyCodes: string[], note: string) =>
    apiCall<Decision>('POST', `/decisions/${id}/finding`, { body: { outcome, objectorPartyCodes, note: note || null } }),
  position: sendPosition,
  comment: (id: string, text: string) => apiCall<Comment>('POST', `/decisions/${id}/comments`, { body: { text } }),
};

/** The title in the reader's language, else English, else any; with the language it is in. */
export function titleIn(title: Record<string, string>, locale: string): { text: string; lang: string } {
  const primary = locale.split('-')[0];
  for (const l of [locale, primary, 'en']) if (title[l]) return { text: title[l], lang: l };
  const [lang, text] = Object.entries(title)[0] ?? ['', ''];
  return { text, lang };
}

/** Time left to an instant, split for display; zero and below means the deadline has passed. */
export function timeLeft(ms: number): { days: number; hours: number; minutes: number; seconds: number } {
  const s = Math.max(0, Math.floor(ms / 1000));
  return { days: Math.floor(s / 86_400), hours: Math.floor((s % 86_400) / 3600), minutes: Math.floor((s % 3600) / 60), seconds: s % 60 };
}
