import { queryOptions } from '@tanstack/react-query';
import { ApiError, apiGet, isApiError, networkErrorCode } from './client.ts';
import type { LocalizedText, Problem } from './types.ts';

/**
 * The forum registry as the web app reads it: parties, bodies, chair terms, the Secretariat's heads.
 * Shapes follow openapi.json (PartyPublic / PartyForMembers, Body, Chairmanships, SecretariatHead).
 */

export type PartyKind = 'member-state' | 'observer-state' | 'observer-organization' | 'partner-organization' | 'secretariat';
export type PartyStatus = 'member' | 'observer' | 'partner';

export interface StatusPeriod {
  id: string;
  status: PartyStatus;
  from: string | null;
  knownBy: string | null;
  to: string | null;
  uncertain: string | null;
  decisionRef: string | null;
}

export interface DelegationContact {
  address?: string;
  email?: string;
  phone?: string;
}

export interface Party {
  code: string;
  kind: PartyKind;
  names: LocalizedText;
  shortNames: LocalizedText;
  isoAlpha3: string | null;
  flag: string | null;
  status: PartyStatus | null;
  since: { from: string | null; knownBy: string | null; uncertain: string | null } | null;
  history: StatusPeriod[];
  agreements: Array<{ kind: 'memorandum' | 'protocol'; signed: string | null; uncertain?: string | null }>;
  notes: string[];
  uncertain: boolean;
  /** Present only for members and the Secretariat (and a party's own people). */
  contact?: DelegationContact | null;
}

export interface PartyName {
  code: string;
  names: LocalizedText;
  shortNames: LocalizedText;
}

export type BodyKind = 'decision-making' | 'subsidiary' | 'experts' | 'secretariat' | 'advisory';
export type BodyMembership = 'all-members' | 'coordinator-and-participants' | 'appointed';

export interface Body {
  code: string;
  kind: BodyKind;
  names: LocalizedText;
  historicNames: Array<{ names: LocalizedText; until: string }>;
  reportsTo: string | null;
  frequency: LocalizedText;
  meetingsPerYear: number | null;
  everyYears: number | null;
  membership: BodyMembership;
  established: string | null;
  dissolved: string | null;
  uncertain: string | null;
  participants: Array<{
    party: PartyName;
    role: 'coordinator' | 'co-coordinator' | 'participant';
    scope: string | null;
    from: string | null;
    to: string | null;
    uncertain: string | null;
  }>;
}

export interface ChairTerm {
  id: string;
  party: PartyName;
  start: string;
  end: string | null;
  firstDay: string;
  lastDay: string | null;
  howDecided: string;
  decidedOn: string | null;
  uncertain: string | null;
  decisionRef: string | null;
}

export interface Chairmanships {
  on: string;
  current: ChairTerm | null;
  terms: ChairTerm[];
}

export interface SecretariatHead {
  name: string | null;
  nationality: string | null;
  role: 'head' | 'deputy';
  title: LocalizedText;
  start: string | null;
  end: string | null;
  uncertain: string | null;
  current: boolean;
}

export interface FullProfile {
  code: string;
  name: LocalizedText;
  abbreviation: LocalizedText;
  officialLanguages: string[];
  workingLanguages: string[];
  symbolPrefix: string;
  /** Language whose alphabetical order the list of participants follows (English when absent). */
  participantsOrder?: string;
  seat: { city: string; country: string };
  timeZone: string;
  consensus: {
    definition: 'no-objection' | 'unanimity';
    observersMayComment: boolean;
    silenceDays: number;
    silenceClosingHour: string;
    reminderDaysBefore: number[];
    requireWorkingLanguagesReady: boolean;
  };
  foundedYear?: number;
  uncertain: string[];
}

/** What the caller may do in the registry (the API checks every write again). */
export interface RegistryAbilities {
  canEdit: boolean;
  canSeeContacts: boolean;
  canReadBids: boolean;
}

const FIVE_MINUTES = 5 * 60_000;

export const partiesQuery = queryOptions({
  queryKey: ['registry', 'parties'],
  queryFn: ({ signal }) => apiGet<{ on: string | null; parties: Party[] }>('/parties', { signal }),
  staleTime: FIVE_MINUTES,
});

export const partyQuery = (code: string) =>
  queryOptions({
    queryKey: ['registry', 'party', code],
    queryFn: ({ signal }) => apiGet<Party>(`/parties/${encodeURIComponent(code)}`, { signal }),
    staleTime: FIVE_MINUTES,
  });

export const bodiesQuery = queryOptions({
  queryKey: ['registry', 'bodies'],
  queryFn: ({ signal }) => apiGet<{ bodies: Body[] }>('/bodies', { signal }),
  staleTime: FIVE_MINUTES,
});

export const chairmanshipsQuery = queryOptions({
  queryKey: ['registry', 'chairmanships'],
  queryFn: ({ signal }) => apiGet<Chairmanships>('/chairmanships', { signal }),
  staleTime: FIVE_MINUTES,
});

export const secretariatHeadsQuery = queryOptions({
  queryKey: ['registry', 'secretariat-heads'],
  queryFn: ({ signal }) => apiGet<{ heads: SecretariatHead[] }>('/secretariat/heads', { signal }),
  staleTime: FIVE_MINUTES,
});

export const fullProfileQuery = queryOptions({
  queryKey: ['profile'],
  queryFn: ({ signal }) => apiGet<FullProfile>('/profile', { signal }),
  staleTime: FIVE_MINUTES,
});

/** Asked of the API rather than derived from the session: a visitor gets `false`s, not a 401. */
export const abilitiesQuery = queryOptions({
  queryKey: ['registry', 'abilities'],
  queryFn: ({ signal }) => apiGet<RegistryAbilities>('/registry/abilities', { signal }),
  staleTime: 60_000,
});

/** Sends a change (POST, PATCH, PUT) as JSON; failures become ApiError with the problem's field errors. */
export async function apiSend<T>(method: 'POST' | 'PATCH' | 'PUT', path: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    });
  } catch {
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
    const p = (parsed ?? {}) as Partial<Problem>;
    throw new ApiError({ type: p.type ?? 'about:blank', title: p.title ?? res.statusText, ...p, status: res.status, code: p.code ?? `http_${res.status}` });
  }
  return parsed as T;
}

/**
 * Field errors of a problem keyed by the form field they concern: `body.names.en` and `names.en`
 * both become `names.en`.
 */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isApiError(err)) return out;
  for (const e of err.problem.errors ?? []) {
    const field = e.field.replace(/^body\.?/, '') || 'form';
    out[field] ??= e.message;
  }
  return out;
}
