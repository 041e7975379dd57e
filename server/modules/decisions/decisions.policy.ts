import type { Actor } from '../../shared/context.ts';
import { actsFor, definePolicy, isChair, isFocalPointOrHead, isMemberDelegation, isObserver, isSecretariat, type PolicyFacts } from '../../shared/policy.ts';
import type { DecisionState, ProposerKind } from './decision.ts';

/** What the decision policies look at. */
export interface DecisionAccess {
  state: DecisionState;
  isLaunched: boolean;
  isFinal: boolean;
  outcomeAccess: 'public' | 'members' | 'members-and-observers';
  proposerPartyId: string | null;
  /** Member states when launched (whose positions count). */
  memberPartyIds: readonly string[];
}

export interface DecisionFacts extends PolicyFacts {
  observersMayComment?: boolean;
}

const isSecretariatStaff = (a: Actor) => isSecretariat(a) && (a.role === 'officer' || a.role === 'admin');
/** A member state's focal point or head of delegation acting for its own party. */
const speaksFor = (a: Actor, partyId: string | null | undefined) => isMemberDelegation(a) && isFocalPointOrHead(a) && actsFor(a, partyId);
/** The Chair's heads and focal points, or a Secretariat officer acting on the Chair's behalf. */
const actsForChair = (a: Actor, facts: PolicyFacts) => (isMemberDelegation(a) && isChair(a, facts)) || isSecretariatStaff(a);
/** The outcome of a launched decision, once final, by the level it was given. */
const outcomeOpenTo = (a: Actor, d: DecisionAccess) =>
  d.isLaunched && d.isFinal && (d.outcomeAccess === 'public' || (d.outcomeAccess === 'members-and-observers' && isObserver(a)));

/**
 * Decisions. Deny by default: anything not named here is refused.
 * - The Secretariat sees everything; member states see every circulated decision and the drafts
 *   their own party proposed (and the Chair's party all drafts);
 * - observers see a decision under way when the forum lets observers comment, and an outcome once
 *   it is open to them; the public sees an outcome once it is public;
 * - only a member state's head of delegation or focal point records that state's position;
 * - the Chair's powers (launch, extend, withdraw, record the finding) belong to the Chair's heads and
 *   focal points, or a Secretariat officer acting on the Chair's behalf (recorded as such).
 */
export const decisionsPolicy = definePolicy('decisions', {
  read: (a: Actor, d: DecisionAccess, facts: DecisionFacts) => {
    if (isSecretariat(a)) return true;
    if (isMemberDelegation(a)) return d.isLaunched || actsFor(a, d.proposerPartyId) || a.partyId === facts.chairPartyId;
    if (isObserver(a) && d.isLaunched && !d.isFinal && facts.observersMayComment === true) return true;
    return outcomeOpenTo(a, d);
  },
  /** Who each state's position is: members and the Secretariat only. */
  readPositions: (a: Actor, d: DecisionAccess) => isSecretariat(a) || (isMemberDelegation(a) && d.isLaunched),
  create: (a: Actor, o: { proposerKind: ProposerKind; proposerPartyId: string | null }, facts: PolicyFacts) =>
    isSecretariatStaff(a) || (o.proposerKind === 'chair' && isMemberDelegation(a) && isChair(a, facts)) || (o.proposerKind === 'member-state' && speaksFor(a, o.proposerPartyId)),
  /** Prepare a decision (the form's defaults): whoever may propose one — the Secretariat's staff, a member state's focal point or head. */
  prepare: (a: Actor) => isSecretariatStaff(a) || (isMemberDelegation(a) && isFocalPointOrHead(a)),
  /** Record this state's position: its head of delegation or focal point, a member state counted in the decision. */
  recordPosition: (a: Actor, d: DecisionAccess) => isMemberDelegation(a) && isFocalPointOrHead(a) && !!a.partyId && d.memberPartyIds.includes(a.partyId),
  launch: (a: Actor, _d: DecisionAccess, facts: PolicyFacts) => actsForChair(a, facts),
  extend: (a: Actor, _d: DecisionAccess, facts: PolicyFacts) => actsForChair(a, facts),
  withdraw: (a: Actor, _d: DecisionAccess, facts: PolicyFacts) => actsForChair(a, facts),
  recordFinding: (a: Actor, _d: DecisionAccess, facts: PolicyFacts) => actsForChair(a, facts),
  /** Observers may comment (never block) while a decision is under way, when the forum allows it. */
  comment: (a: Actor, d: DecisionAccess, facts: DecisionFacts) => isObserver(a) && a.role !== 'viewer' && d.isLaunched && !d.isFinal && facts.observersMayComment === true,
  readComments: (a: Actor) => isSecretariat(a) || isMemberDelegation(a) || isObserver(a),
});

/** Whether the actor acts as the Chair through the Secretariat (recorded as "on the Chair's behalf"). */
export const isOnBehalfOfChair = (a: Actor, facts: PolicyFacts) => isSecretariatStaff(a) && !(isMemberDelegation(a) && isChair(a, facts));
