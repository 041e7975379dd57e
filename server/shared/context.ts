import type { Clock } from './clock.ts';

export type PartyKind = 'member-state' | 'observer-state' | 'observer-organization' | 'partner-organization' | 'secretariat';
export type DelegationRole = 'head-of-delegation' | 'focal-point' | 'delegate' | 'viewer';
export type SecretariatRole = 'admin' | 'officer';
export type Role = DelegationRole | SecretariatRole;

/**
 * Who is acting, on behalf of which party. A system actor is Concord itself (migrations,
 * demo load, jobs). The Chair's powers are not a role: they follow from the chairmanship
 * term in force for the actor's party (registry), checked by the policies.
 */
export interface Actor {
  kind: 'user' | 'system' | 'anonymous';
  userId: string | null;
  partyId: string | null;
  partyCode: string | null;
  partyKind: PartyKind | null;
  role: Role | null;
  /** The session was confirmed with a second factor. */
  mfa: boolean;
  sessionId: string | null;
  /** Set when the request came with a personal API token: its scopes. */
  tokenScopes: string[] | null;
}

const none = { userId: null, partyId: null, partyCode: null, partyKind: null, role: null, mfa: false, sessionId: null, tokenScopes: null } as const;
export const systemActor: Actor = { kind: 'system', ...none };
export const anonymousActor: Actor = { kind: 'anonymous', ...none };

/** Passed explicitly to every service call: who acts, for which request, at what time. */
export interface Ctx {
  actor: Actor;
  requestId: string | null;
  clock: Clock;
  /** Public address of this Concord (config.baseUrl), for absolute links in e-mails. */
  baseUrl?: string;
}
