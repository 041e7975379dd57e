import type { Actor } from '../../shared/context.ts';
import { actsFor, definePolicy, isChair, isFocalPointOrHead, isMemberDelegation, isSecretariat } from '../../shared/policy.ts';
import { type AccessFacts, canRead, type DocumentStatus } from './document.ts';

const isSecretariatStaff = (a: Actor) => isSecretariat(a) && (a.role === 'officer' || a.role === 'admin');
/** A member state's focal point or head of delegation acting for its own party. */
const speaksFor = (a: Actor, partyId: string | null | undefined) => isMemberDelegation(a) && isFocalPointOrHead(a) && actsFor(a, partyId);

/**
 * Documents: the Secretariat's officers and admins register and manage every document; a member
 * state's focal point or head of delegation may submit drafts for its own party and edit them
 * while they are drafts. Reading follows the access level (`canRead`).
 */
export const documentsPolicy = definePolicy('documents', {
  read: (actor, doc: AccessFacts, facts) => canRead(actor, doc, facts.now),
  create: (actor, input: { submittingPartyId: string | null }) => isSecretariatStaff(actor) || speaksFor(actor, input.submittingPartyId),
  /** Status, access, derestriction, revisions, language versions of any document. */
  manage: (actor) => isSecretariatStaff(actor),
  /** Text and files of one language version. */
  edit: (actor, doc: { status: DocumentStatus; submittingPartyId: string | null }) =>
    isSecretariatStaff(actor) || (doc.status === 'draft' && speaksFor(actor, doc.submittingPartyId)),
  /** Who may see access history and the translation dashboard. */
  oversee: (actor) => isSecretariat(actor),
  /**
   * Changes a decision makes to documents (circulating its draft, issuing the adopted text), inside the
   * decision's transaction: Concord itself (the decision's jobs), the Secretariat's staff, or the Chair's
   * heads and focal points (who launch and find; `facts.chairPartyId` is the Chair of the day).
   */
  applyDecision: (actor, _o: unknown, facts) => actor.kind === 'system' || isSecretariatStaff(actor) || isChair(actor, facts),
});
