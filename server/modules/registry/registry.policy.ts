import type { Actor } from '../../shared/context.ts';
import { actsFor, definePolicy, isFocalPointOrHead, isMemberDelegation, isSecretariat, isSecretariatAdmin } from '../../shared/policy.ts';

/**
 * Who may do what in the registry. Deny by default: anything not named is refused.
 * - Reading parties, bodies, chairs and the Secretariat's heads is public (routes say so); only the
 *   delegation contacts are members-only: users of member states and the Secretariat, and a party's own
 *   people about their own party. Observers and partners do not see other parties' contacts.
 * - Every correction of the registry is for Secretariat admins.
 * - A chairmanship bid is recorded by a Secretariat admin on behalf of the bidding state, or submitted by
 *   that state's focal point or head of delegation; either may withdraw it; the Secretariat moves it on.
 */
export const registryPolicy = definePolicy('registry', {
  readContacts: (a: Actor, party: { id: string } | null) => isSecretariat(a) || isMemberDelegation(a) || actsFor(a, party?.id),
  manage: (a: Actor) => isSecretariatAdmin(a),
  readBids: (a: Actor) => isSecretariat(a) || isMemberDelegation(a),
  submitBid: (a: Actor, bid: { partyId: string }) =>
    isSecretariatAdmin(a) || (isMemberDelegation(a) && actsFor(a, bid.partyId) && isFocalPointOrHead(a)),
  withdrawBid: (a: Actor, bid: { partyId: string }) => isSecretariatAdmin(a) || (actsFor(a, bid.partyId) && isFocalPointOrHead(a)),
  decideBid: (a: Actor) => isSecretariatAdmin(a),
});
