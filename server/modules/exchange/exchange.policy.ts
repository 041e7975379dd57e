import type { Actor } from '../../shared/context.ts';
import { actsFor, definePolicy, isFocalPointOrHead, isMemberDelegation, isSecretariat, isSecretariatAdmin, isUser } from '../../shared/policy.ts';

/**
 * Who may do what in the information exchange. Reading is not here: whether a submission can be seen
 * is one SQL predicate (`visibleSubmission` in exchange.repository.ts) used by every read, list,
 * count and export, so the rule cannot drift between them.
 */

/** Only a member state's own focal point or head of delegation files for it (observers do not file). */
const filesFor = (a: Actor, o: { partyId: string }) => isMemberDelegation(a) && actsFor(a, o.partyId) && isFocalPointOrHead(a);

export const exchangePolicy = definePolicy('exchange', {
  /** Add a form template or a new version of one: Secretariat administrators, and Concord itself (demo, CLI). */
  createForm: (a: Actor) => a.kind === 'system' || isSecretariatAdmin(a),
  /** Start or edit a draft for a party. */
  draft: filesFor,
  submit: filesFor,
  correct: filesFor,
  derestrict: filesFor,
  /** Acknowledge receipt: a focal point or head of delegation of a party the submission was delivered to. */
  acknowledge: (a: Actor, o: { recipientPartyIds: string[] }) => isUser(a) && isFocalPointOrHead(a) && !!a.partyId && o.recipientPartyIds.includes(a.partyId),
  /** See the full audience of a submission (named parties, recipients, every acknowledgement). */
  seeAudience: (a: Actor, o: { partyId: string }) => isSecretariat(a) || actsFor(a, o.partyId),
  /** The deadlines view: the Secretariat for every party, a member state's people for their own. */
  deadlines: (a: Actor, o: { partyId: string | null }) => isSecretariat(a) || (isMemberDelegation(a) && o.partyId !== null && actsFor(a, o.partyId)),
});
