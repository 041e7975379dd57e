import { MeetingRuleError } from './meeting.ts';

/**
 * The speakers list of one agenda item, as pure rules.
 *
 * Order of the queue (those waiting for the floor):
 *   1. points of order, first come first served, before everything;
 *   2. rights of reply, after the current speaker and before the next regular speaker: in the
 *      order the speakers they answer took the floor, then first come first served;
 *   3. regular speakers, first come first served.
 * Speaking time is not ticked by a timer: the end is `startedAt + limit`, and what is left
 * follows from the clock.
 */

export const speakerKinds = ['regular', 'point-of-order', 'reply'] as const;
export type SpeakerKind = (typeof speakerKinds)[number];
export type SpeakerStatus = 'waiting' | 'speaking' | 'done' | 'withdrawn';

export interface SpeakerEntry {
  id: string;
  partyId: string;
  kind: SpeakerKind;
  /** Order of asking (a sequence; larger is later). */
  seq: number;
  status: SpeakerStatus;
  repliesToId: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  limitSeconds: number | null;
}

const rank: Record<SpeakerKind, number> = { 'point-of-order': 0, reply: 1, regular: 2 };

/** Those waiting for the floor, in the order they will get it. */
export function speakersQueue<T extends SpeakerEntry>(entries: readonly T[]): T[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const spokeAt = (e: SpeakerEntry) => {
    const target = e.repliesToId ? byId.get(e.repliesToId) : undefined;
    return target?.startedAt ? target.startedAt.getTime() : Number.POSITIVE_INFINITY;
  };
  return entries
    .filter((e) => e.status === 'waiting')
    .sort((a, b) => {
      if (rank[a.kind] !== rank[b.kind]) return rank[a.kind] - rank[b.kind];
      if (a.kind === 'reply') {
        const d = spokeAt(a) - spokeAt(b);
        if (d !== 0) return d;
      }
      return a.seq - b.seq;
    });
}

/** The one speaking now, if any. */
export function currentSpeaker<T extends SpeakerEntry>(entries: readonly T[]): T | null {
  return entries.find((e) => e.status === 'speaking') ?? null;
}

export interface FloorRequest {
  partyId: string;
  kind: SpeakerKind;
  repliesToId?: string | null;
}

/**
 * Whether a delegation may ask for the floor: once per kind while waiting (a reply once per
 * speaker answered), and a reply only to another delegation that has taken the floor.
 */
export function checkFloorRequest(entries: readonly SpeakerEntry[], req: FloorRequest): void {
  const waiting = entries.filter((e) => e.status === 'waiting' && e.partyId === req.partyId);
  if (req.kind === 'reply') {
    if (!req.repliesToId) throw new MeetingRuleError('meetings.reply_needs_speaker', 'Say which statement the right of reply answers.', 'repliesTo');
    const target = entries.find((e) => e.id === req.repliesToId);
    if (!target || (target.status !== 'speaking' && target.status !== 'done')) {
      throw new MeetingRuleError('meetings.reply_to_unknown', 'A right of reply answers a delegation that has taken the floor on this item.', 'repliesTo');
    }
    if (target.partyId === req.partyId) throw new MeetingRuleError('meetings.reply_to_self', 'A delegation does not reply to itself.', 'repliesTo');
    if (waiting.some((e) => e.kind === 'reply' && e.repliesToId === req.repliesToId)) {
      throw new MeetingRuleError('meetings.already_waiting', 'Your delegation already asked to reply to this statement.');
    }
    return;
  }
  if (req.repliesToId) throw new MeetingRuleError('meetings.reply_only', 'Only a right of reply answers a statement.', 'repliesTo');
  if (waiting.some((e) => e.kind === req.kind)) {
    throw new MeetingRuleError('meetings.already_waiting', req.kind === 'regular' ? 'Your delegation is already on the speakers list.' : 'Your delegation already raised a point of order.');
  }
}

/** Default speaking time per kind, from the meeting's time for a statement. */
export function limitFor(kind: SpeakerKind, statementSeconds: number): number {
  if (kind === 'point-of-order') return Math.min(60, statementSeconds);
  if (kind === 'reply') return Math.min(180, statementSeconds);
  return statementSeconds;
}

export interface SpeakingClock {
  endsAt: Date;
  remainingMs: number;
  overtimeMs: number;
}

/** The countdown of the one speaking: derived from when they started, their limit and now. */
export function speakingClock(e: Pick<SpeakerEntry, 'startedAt' | 'limitSeconds'>, now: Date): SpeakingClock | null {
  if (!e.startedAt || e.limitSeconds === null) return null;
  const endsAt = new Date(e.startedAt.getTime() + e.limitSeconds * 1000);
  const left = endsAt.getTime() - now.getTime();
  return { endsAt, remainingMs: Math.max(0, left), overtimeMs: Math.max(0, -left) };
}

/**
 * Who gets the floor when the Chair gives it: a named waiting entry, or the head of the queue.
 * Returns null when nobody is waiting.
 */
export function nextSpeaker<T extends SpeakerEntry>(entries: readonly T[], chosenId?: string | null): T | null {
  if (chosenId) {
    const e = entries.find((x) => x.id === chosenId);
    if (!e || e.status !== 'waiting') throw new MeetingRuleError('meetings.speaker_not_waiting', 'That delegation is not waiting for the floor.', 'speakerId');
    return e;
  }
  return speakersQueue(entries)[0] ?? null;
}
