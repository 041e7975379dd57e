import type { Actor, PartyKind, Role } from '../../shared/context.ts';
import { definePolicy, isFocalPointOrHead, isSecretariat, isSecretariatAdmin, isUser } from '../../shared/policy.ts';
import { isDelegationRole } from './identity.ts';

/** What the identity rules look at in a person: whose party, which role. */
export interface PersonRef {
  id: string;
  partyId: string;
  partyKind: PartyKind;
  role: Role;
}

/** Whether the actor manages the delegation the person belongs to (focal point or head of the same party). */
const managesDelegationOf = (a: Actor, partyId: string) => isFocalPointOrHead(a) && a.partyKind !== 'secretariat' && a.partyId === partyId;

/**
 * Who may do what with people and accounts. Deny by default: anything not named is refused.
 * - Secretariat admins manage everyone; Secretariat officers see everyone.
 * - A focal point or head of delegation manages its own party's delegation, delegation roles only.
 * - Everyone manages their own account (/api/me).
 */
export const identityPolicy = definePolicy('identity', {
  /** List people: the Secretariat all parties, a focal point or head its own party. */
  listUsers: (a: Actor, o: { partyId: string | null }) =>
    isSecretariat(a) || (o.partyId !== null && managesDelegationOf(a, o.partyId)),

  /** See one person. */
  readUser: (a: Actor, u: PersonRef) => isSecretariat(a) || a.userId === u.id || managesDelegationOf(a, u.partyId),

  /** Invite a new person with a role into a party. The system actor is the operator's CLI. */
  invite: (a: Actor, o: { partyId: string; role: Role }) =>
    a.kind === 'system' ||
    isSecretariatAdmin(a) || (managesDelegationOf(a, o.partyId) && isDelegationRole(o.role)),

  /**
   * Change a person's name, language, time zone, role or status. `role` is the role after the
   * change (the current one when it does not change).
   */
  updateUser: (a: Actor, o: { target: PersonRef; role: Role }) =>
    isSecretariatAdmin(a) || (managesDelegationOf(a, o.target.partyId) && isDelegationRole(o.target.role) && isDelegationRole(o.role)),

  /** Send a fresh invitation to a person who has not set a password yet. */
  reinvite: (a: Actor, u: PersonRef) => isSecretariatAdmin(a) || (managesDelegationOf(a, u.partyId) && isDelegationRole(u.role)),

  /** One's own account: profile, password, sessions, tokens, two-factor. */
  manageOwnAccount: (a: Actor) => isUser(a),

  /** The forum's security settings (which roles must use two-factor). */
  readSettings: (a: Actor) => isSecretariatAdmin(a),
  updateSettings: (a: Actor) => isSecretariatAdmin(a),
});
