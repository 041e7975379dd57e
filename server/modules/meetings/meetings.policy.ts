import type { Actor } from '../../shared/context.ts';
import { actsFor, definePolicy, isFocalPointOrHead, isSecretariat, isUser } from '../../shared/policy.ts';
import { canSeeMeeting, type MeetingAccessFacts, type MeetingStatus } from './meeting.ts';

export interface MeetingPolicyObject extends MeetingAccessFacts {
  presidingPartyId: string | null;
  status: MeetingStatus;
}

const isStaff = (a: Actor) => isSecretariat(a) && (a.role === 'officer' || a.role === 'admin');
const isInvited = (a: Actor, m: MeetingPolicyObject) => a.kind === 'user' && !!a.partyId && m.invitedPartyIds.includes(a.partyId);
/** The presiding party's focal point or head of delegation: the Chair of this meeting. */
const presides = (a: Actor, m: MeetingPolicyObject) => actsFor(a, m.presidingPartyId) && isFocalPointOrHead(a);
const isDelegate = (a: Actor) => a.kind === 'user' && a.partyKind !== 'secretariat' && (a.role === 'head-of-delegation' || a.role === 'focal-point' || a.role === 'delegate');

/**
 * Meetings: the Secretariat's officers and admins organise (create, convene, edit the agenda,
 * accredit, draft the record); the Chair of the meeting (the presiding party's focal point or
 * head of delegation, or the Secretariat on its behalf) runs the room; invited delegations ask
 * for items and for the floor, hand in statements and correct the record; each party's focal
 * point registers its own delegation. Seeing a meeting follows `canSeeMeeting`.
 */
export const meetingsPolicy = definePolicy('meetings', {
  read: (a, m: MeetingPolicyObject) => canSeeMeeting(a, m),
  create: (a) => isStaff(a),
  manage: (a) => isStaff(a),
  chair: (a, m: MeetingPolicyObject) => isStaff(a) || presides(a, m),
  /** The provisional agenda is drawn up by the Secretariat and the Chair of the meeting. */
  editAgenda: (a, m: MeetingPolicyObject) => isStaff(a) || presides(a, m),
  /** Member states propose agenda items; observers take part but do not set the agenda. */
  requestItem: (a, m: MeetingPolicyObject) => isInvited(a, m) && a.partyKind === 'member-state' && isFocalPointOrHead(a),
  register: (a, o: { meeting: MeetingPolicyObject; partyId: string }) => a.role === 'focal-point' && actsFor(a, o.partyId) && isInvited(a, o.meeting),
  viewRegistration: (a, o: { meeting: MeetingPolicyObject; partyId: string }) => isSecretariat(a) || (actsFor(a, o.partyId) && isFocalPointOrHead(a) && isInvited(a, o.meeting)),
  participants: (a, m: MeetingPolicyObject) => isSecretariat(a) || isInvited(a, m),
  askFloor: (a, m: MeetingPolicyObject) => isInvited(a, m) && isDelegate(a),
  withdrawFloor: (a, o: { meeting: MeetingPolicyObject; partyId: string }) => isStaff(a) || presides(a, o.meeting) || (actsFor(a, o.partyId) && isDelegate(a)),
  statement: (a, m: MeetingPolicyObject) => isInvited(a, m) && isDelegate(a),
  correctRecord: (a, m: MeetingPolicyObject) => isInvited(a, m) && isDelegate(a),
  calendar: (a) => isUser(a),
});
