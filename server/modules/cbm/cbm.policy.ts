import type { Actor } from '../../shared/context.ts';
import { actsFor, definePolicy, isFocalPointOrHead, isMemberDelegation, isSecretariat } from '../../shared/policy.ts';
import type { AccessLevel } from './cbm.ts';

/** The Secretariat's officers and admins: they keep the CBM records and may change any of them. */
export const isSecretariatStaff = (a: Actor) => isSecretariat(a) && (a.role === 'officer' || a.role === 'admin');
/** Members of the forum in the full sense: member-state delegations and the Secretariat. */
export const isForumMember = (a: Actor) => isMemberDelegation(a) || isSecretariat(a);
/** A member state's focal point or head of delegation acting for its own party. */
const speaksFor = (a: Actor, partyId: string | null | undefined) => isMemberDelegation(a) && isFocalPointOrHead(a) && actsFor(a, partyId);
/** Anyone of a member state's delegation but a viewer, acting for its own party. */
const worksFor = (a: Actor, partyId: string | null | undefined) => isMemberDelegation(a) && a.role !== 'viewer' && actsFor(a, partyId);

/** Facts the service loads for an area: the parties coordinating it (either role) on today's date. */
export interface AreaFacts {
  coordinatorPartyIds: readonly string[];
}
export interface EventFacts {
  access: AccessLevel;
  hostPartyId: string;
}

const coordinatesToday = (a: Actor, area: AreaFacts) => !!a.partyId && area.coordinatorPartyIds.includes(a.partyId) && worksFor(a, a.partyId);

/**
 * CBM access. The catalogue, the coordinators and public events are public. Everything else is read by
 * member states and the Secretariat; observers and the public read what is marked public. Coordinators and
 * co-coordinators in office on the day (facts loaded by the service from the terms and the clock) edit their
 * area's action plan and reports; an event's host (focal point or head) edits the event and its report; a
 * member state's focal point or head declares its own participation and offers to coordinate; the
 * Secretariat's staff may change everything and alone records what the SOC decided.
 */
export const cbmPolicy = definePolicy('cbm', {
  readCatalogue: () => true,
  /** Action plans, offers, participation, reports, reviews, annual plans (and Concord itself: the yearly overview). */
  readForum: (actor) => isForumMember(actor) || actor.kind === 'system',
  readEvent: (actor, event: EventFacts) => event.access === 'public' || isForumMember(actor),
  manageCatalogue: (actor) => isSecretariatStaff(actor),
  /** Terms, offers forwarded and decided, annual plans, reviews, SOC approval steps, compiling reports. */
  recordSoc: (actor) => isSecretariatStaff(actor),
  editArea: (actor, area: AreaFacts) => isSecretariatStaff(actor) || coordinatesToday(actor, area),
  offer: (actor, o: { partyId: string }) => speaksFor(actor, o.partyId),
  createEvent: (actor, o: { hostPartyId: string } & AreaFacts) => isSecretariatStaff(actor) || speaksFor(actor, o.hostPartyId) || coordinatesToday(actor, o),
  editEvent: (actor, event: EventFacts) => isSecretariatStaff(actor) || speaksFor(actor, event.hostPartyId),
  declare: (actor, o: { partyId: string }) => isSecretariatStaff(actor) || speaksFor(actor, o.partyId),
});
