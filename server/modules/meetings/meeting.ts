import type { Actor } from '../../shared/context.ts';

/**
 * Pure rules of meetings: the status machine, who may see a meeting, who presides, the
 * deadlines of a convened meeting. No database here; the service loads the facts.
 */

export const meetingStatuses = ['planned', 'convened', 'in-session', 'closed', 'record-final'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

export const meetingFormats = ['in-person', 'online', 'hybrid'] as const;
export type MeetingFormat = (typeof meetingFormats)[number];

export const papersAccessLevels = ['public', 'members', 'members-and-observers', 'restricted'] as const;
export type PapersAccess = (typeof papersAccessLevels)[number];

export type InvitationRole = 'member' | 'observer';

/**
 * The only moves of the status machine. `record-final` is reached by making the summary record
 * final (records), never by a plain status change.
 */
const moves: Record<MeetingStatus, readonly MeetingStatus[]> = {
  planned: ['convened'],
  convened: ['in-session'],
  'in-session': ['closed'],
  closed: ['record-final'],
  'record-final': [],
};

export function canMove(from: MeetingStatus, to: MeetingStatus): boolean {
  return moves[from].includes(to);
}

export function nextStatuses(from: MeetingStatus): readonly MeetingStatus[] {
  return moves[from];
}

export class MeetingRuleError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'MeetingRuleError';
  }
}

export function checkMove(from: MeetingStatus, to: MeetingStatus): void {
  if (!canMove(from, to)) {
    throw new MeetingRuleError('meetings.bad_transition', `A meeting that is ${from} cannot become ${to}${moves[from].length ? ` (next: ${moves[from].join(', ')})` : ''}.`);
  }
}

/** Details (dates, venue, parties) may change until the meeting opens. */
export function isEditable(status: MeetingStatus): boolean {
  return status === 'planned' || status === 'convened';
}

/** The live room runs while the meeting is in session. */
export function isLive(status: MeetingStatus): boolean {
  return status === 'in-session';
}

export interface MeetingTimes {
  startsAt: Date;
  endsAt: Date;
  registrationDeadline?: Date | null;
  documentsDeadline?: Date | null;
}

/** Checks on a meeting's instants: it ends after it starts; deadlines fall before the start. */
export function checkTimes(t: MeetingTimes): void {
  if (t.endsAt.getTime() <= t.startsAt.getTime()) throw new MeetingRuleError('meetings.ends_before_start', 'The meeting must end after it starts.', 'endsAt');
  if (t.registrationDeadline && t.registrationDeadline.getTime() > t.startsAt.getTime()) {
    throw new MeetingRuleError('meetings.deadline_after_start', 'The registration deadline must fall before the meeting starts.', 'registrationDeadline');
  }
  if (t.documentsDeadline && t.documentsDeadline.getTime() > t.startsAt.getTime()) {
    throw new MeetingRuleError('meetings.deadline_after_start', 'The deadline for documents must fall before the meeting starts.', 'documentsDeadline');
  }
}

/** Where a meeting happens must fit its format: a venue in person, a link online, both for hybrid. */
export function checkVenue(format: MeetingFormat, venue: { city: string | null; country: string | null; onlineUrl: string | null }): void {
  const hasPlace = !!venue.city && !!venue.country;
  if ((format === 'in-person' || format === 'hybrid') && !hasPlace) {
    throw new MeetingRuleError('meetings.venue_required', `A${format === 'hybrid' ? ' hybrid' : 'n in-person'} meeting needs a city and a country.`, 'venue');
  }
  if ((format === 'online' || format === 'hybrid') && !venue.onlineUrl) {
    throw new MeetingRuleError('meetings.link_required', `A${format === 'hybrid' ? ' hybrid' : 'n online'} meeting needs an online link.`, 'onlineUrl');
  }
}

export interface MeetingAccessFacts {
  /** Closed meetings exist only for the parties invited to them (and the Secretariat). */
  closed: boolean;
  papersAccess: PapersAccess;
  invitedPartyIds: readonly string[];
}

const memberKinds = new Set(['member-state']);
const observerKinds = new Set(['observer-state', 'observer-organization']);

/**
 * Who may see a meeting (its existence, notice, agenda, live room). The Secretariat sees all;
 * an invited party sees its meetings; a closed meeting nobody else. Otherwise the level of its
 * papers decides, as for documents: public for everyone, members for member states,
 * members-and-observers for them and observers, restricted for the invited only.
 */
export function canSeeMeeting(actor: Actor, m: MeetingAccessFacts): boolean {
  const user = actor.kind === 'user' && !!actor.partyId;
  if (user && actor.partyKind === 'secretariat') return true;
  if (user && m.invitedPartyIds.includes(actor.partyId!)) return true;
  if (m.closed) return false;
  if (m.papersAccess === 'public') return true;
  if (!user) return false;
  const kind = actor.partyKind ?? '';
  if (m.papersAccess === 'members') return memberKinds.has(kind);
  if (m.papersAccess === 'members-and-observers') return memberKinds.has(kind) || observerKinds.has(kind);
  return false;
}

/** A meeting anyone may see without signing in: it shows in the public calendar. */
export function isPublicMeeting(m: Pick<MeetingAccessFacts, 'closed' | 'papersAccess'>): boolean {
  return !m.closed && m.papersAccess === 'public';
}

/** Deadlines of the record: corrections are taken until the deadline, the record becomes final after it. */
export function canCorrectRecord(record: { status: 'draft' | 'circulated' | 'final'; correctionsDeadline: Date | null }, now: Date): boolean {
  return record.status === 'circulated' && !!record.correctionsDeadline && now.getTime() < record.correctionsDeadline.getTime();
}

export function checkFinalize(record: { status: 'draft' | 'circulated' | 'final'; correctionsDeadline: Date | null }, pendingCorrections: number, now: Date): void {
  if (record.status === 'final') throw new MeetingRuleError('meetings.record_final', 'The record is already final.');
  if (record.status !== 'circulated' || !record.correctionsDeadline) {
    throw new MeetingRuleError('meetings.record_not_circulated', 'Circulate the record to the participants before making it final.');
  }
  if (now.getTime() < record.correctionsDeadline.getTime()) {
    throw new MeetingRuleError('meetings.corrections_open', 'Corrections are accepted until the deadline; the record can be made final after it.');
  }
  if (pendingCorrections > 0) {
    throw new MeetingRuleError('meetings.corrections_pending', `${pendingCorrections} correction(s) still await a decision.`);
  }
}

/** Registration is open from convening until its deadline (and never after the meeting has closed). */
export function isRegistrationOpen(status: MeetingStatus, deadline: Date | null, now: Date): boolean {
  if (status !== 'convened' && status !== 'in-session') return false;
  return !deadline || now.getTime() <= deadline.getTime();
}
