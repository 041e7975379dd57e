import type { DB } from '../../db/database.ts';
import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { numberAgenda } from './agenda.ts';
import type { LiveNotifier } from './live.hub.ts';
import { isLive } from './meeting.ts';
import { allow, type LoadedMeeting, loadVisibleMeeting, rule, withRules } from './meetings.access.ts';
import * as repo from './meetings.repository.ts';
import { checkFloorRequest, currentSpeaker, limitFor, nextSpeaker, type SpeakerEntry, type SpeakerKind, speakersQueue, speakingClock } from './speakers.ts';

/**
 * The live room: the current agenda item, its speakers list, statements handed in. Every change
 * writes a `live` event carrying the whole state of the room (small: one item and its list), so
 * a screen can redraw from any single event; the countdown is sent as an end instant and each
 * screen counts down to it.
 */

export interface SpeakerView {
  id: string;
  party: { code: string; names: Record<string, string> };
  kind: SpeakerKind;
  repliesTo: string | null;
  status: SpeakerEntry['status'];
  requestedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  limitSeconds: number | null;
  endsAt: string | null;
}

export interface LiveState {
  meetingId: string;
  status: string;
  currentItem: { id: string; number: string | null; title: Record<string, string> } | null;
  speaking: SpeakerView | null;
  queue: SpeakerView[];
  /** The last few who spoke on the item (the full list is in the record), newest last. */
  spoken: SpeakerView[];
  spokenCount: number;
}

/** How many past speakers a live event carries: events go to every screen, so they stay small. */
export const SPOKEN_IN_EVENT = 5;

function entryOf(r: repo.SpeakerRow): SpeakerEntry {
  return {
    id: r.id,
    partyId: r.party_id,
    kind: r.kind,
    seq: Number(r.seq),
    status: r.status,
    repliesToId: r.replies_to_id,
    startedAt: r.started_at ? new Date(r.started_at) : null,
    endedAt: r.ended_at ? new Date(r.ended_at) : null,
    limitSeconds: r.limit_seconds,
  };
}

/** The state of the room now (inside a change's transaction, or for a read). */
export async function liveSnapshot(db: DB, meetingId: string, now: Date): Promise<LiveState> {
  const m = await repo.findMeeting(db, meetingId);
  if (!m) throw new AppError('not_found', 'not_found', 'The meeting was not found.');
  const items = await repo.itemsOf(db, meetingId);
  const numbers = numberAgenda(items);
  const item = m.current_item_id ? items.find((i) => i.id === m.current_item_id) : undefined;
  const rows = item ? await repo.speakersOf(db, item.id) : [];
  const entries = rows.map(entryOf);
  const parties = new Map((await repo.partiesByIds(db, [...new Set(rows.map((r) => r.party_id))])).map((p) => [p.id, p]));
  const view = (e: SpeakerEntry, r: repo.SpeakerRow): SpeakerView => {
    const p = parties.get(e.partyId);
    const clock = e.status === 'speaking' ? speakingClock(e, now) : null;
    return {
      id: e.id,
      party: { code: p?.code ?? '', names: (p?.names as Record<string, string>) ?? {} },
      kind: e.kind,
      repliesTo: e.repliesToId,
      status: e.status,
      requestedAt: new Date(r.requested_at).toISOString(),
      startedAt: e.startedAt?.toISOString() ?? null,
      endedAt: e.endedAt?.toISOString() ?? null,
      limitSeconds: e.limitSeconds,
      endsAt: clock ? clock.endsAt.toISOString() : null,
    };
  };
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const speaking = currentSpeaker(entries);
  const done = entries.filter((e) => e.status === 'done').sort((a, b) => (a.startedAt?.getTime() ?? 0) - (b.startedAt?.getTime() ?? 0));
  return {
    meetingId,
    status: m.status,
    currentItem: item ? { id: item.id, number: numbers.get(item.id) ?? null, title: item.title as Record<string, string> } : null,
    speaking: speaking ? view(speaking, rowById.get(speaking.id)!) : null,
    queue: speakersQueue(entries).map((e) => view(e, rowById.get(e.id)!)),
    spoken: done.slice(-SPOKEN_IN_EVENT).map((e) => view(e, rowById.get(e.id)!)),
    spokenCount: done.length,
  };
}

export async function getLive(db: DB, ctx: Ctx, id: string): Promise<LiveState & { eventSeq: number; serverTime: string }> {
  const m = await loadVisibleMeeting(db, ctx, id);
  const state = await liveSnapshot(db, id, ctx.clock.now());
  return { ...state, eventSeq: Number(m.row.event_seq), serverTime: ctx.clock.now().toISOString() };
}

/** One change to the room: locked, authorized by `fn`, audited by `fn`, then a `live` event with the new state. */
async function roomChange(db: DB, ctx: Ctx, live: LiveNotifier | null, id: string, fn: (trx: DB, m: LoadedMeeting) => Promise<void>): Promise<LiveState> {
  const state = await withRules(() =>
    db.transaction().execute(async (trx) => {
      const m = await loadVisibleMeeting(trx, ctx, id, { lock: true });
      await fn(trx, m);
      const s = await liveSnapshot(trx, id, ctx.clock.now());
      await repo.appendEvent(trx, id, ctx.clock.now(), 'live', { live: s });
      return s;
    }),
  );
  live?.notify(id);
  return state;
}

function assertLive(m: LoadedMeeting): void {
  if (!isLive(m.row.status as 'in-session')) throw rule('meetings.not_live', 'The meeting is not in session.');
}

function currentItemOf(m: LoadedMeeting): string {
  if (!m.row.current_item_id) throw rule('meetings.no_current_item', 'The Chair has not opened an agenda item yet.');
  return m.row.current_item_id;
}

export async function setCurrentItem(db: DB, ctx: Ctx, live: LiveNotifier | null, id: string, itemId: string): Promise<LiveState> {
  return roomChange(db, ctx, live, id, async (trx, m) => {
    allow(ctx, 'meetings.chair', m.facts);
    assertLive(m);
    const item = (await repo.itemsOf(trx, id)).find((i) => i.id === itemId && i.status === 'listed');
    if (!item) throw new AppError('unprocessable', 'meetings.item_not_found', 'The agenda item was not found.', { fields: [{ field: 'itemId', message: 'not an item on the agenda' }] });
    const now = ctx.clock.now();
    const speaking = await repo.speakingInMeeting(trx, id);
    if (speaking) await repo.updateSpeaker(trx, speaking.id, { status: 'done', ended_at: now });
    await repo.updateMeeting(trx, id, { current_item_id: itemId, updated_at: now });
    await recordAudit(trx, ctx, { action: 'meetings.live.item', objectType: 'meeting', objectId: id, before: { currentItemId: m.row.current_item_id }, after: { currentItemId: itemId } });
  });
}

export async function askForFloor(db: DB, ctx: Ctx, live: LiveNotifier | null, id: string, input: { kind: SpeakerKind; repliesTo?: string | null }): Promise<LiveState> {
  return roomChange(db, ctx, live, id, async (trx, m) => {
    allow(ctx, 'meetings.askFloor', m.facts);
    assertLive(m);
    const itemId = currentItemOf(m);
    const entries = (await repo.speakersOf(trx, itemId)).map(entryOf);
    checkFloorRequest(entries, { partyId: ctx.actor.partyId!, kind: input.kind, repliesToId: input.repliesTo ?? null });
    const row = await repo.insertSpeaker(trx, {
      meeting_id: id,
      item_id: itemId,
      party_id: ctx.actor.partyId!,
      user_id: ctx.actor.userId,
      kind: input.kind,
      replies_to_id: input.repliesTo ?? null,
      status: 'waiting',
      requested_at: ctx.clock.now(),
    });
    await recordAudit(trx, ctx, { action: 'meetings.live.ask', objectType: 'speaker', objectId: row.id, after: { meetingId: id, itemId, kind: input.kind, repliesTo: input.repliesTo ?? null } });
  });
}

export async function withdrawFromList(db: DB, ctx: Ctx, live: LiveNotifier | null, id: string, speakerId: string): Promise<LiveState> {
  return roomChange(db, ctx, live, id, async (trx, m) => {
    const itemId = currentItemOf(m);
    const row = (await repo.speakersOf(trx, itemId)).find((s) => s.id === speakerId);
    if (!row) throw new AppError('not_found', 'not_found', 'That request for the floor was not found.');
    allow(ctx, 'meetings.withdrawFloor', { meeting: m.facts, partyId: row.party_id });
    if (row.status !== 'waiting') throw rule('meetings.speaker_not_waiting', 'Only a request still waiting can be withdrawn.');
    await repo.updateSpeaker(trx, speakerId, { status: 'withdrawn', ended_at: ctx.clock.now() });
    await recordAudit(trx, ctx, { action: 'meetings.live.withdraw', objectType: 'speaker', objectId: speakerId, before: { status: 'waiting' }, after: { status: 'withdrawn' } });
  });
}

/** The Chair gives the floor: whoever speaks stops, and the next in the queue (or the one named) starts. */
export async function giveFloor(db: DB, ctx: Ctx, live: LiveNotifier | null, id: string, input: { speakerId?: string | null; limitSeconds?: number }): Promise<LiveState> {
  return roomChange(db, ctx, live, id, async (trx, m) => {
    allow(ctx, 'meetings.chair', m.facts);
    assertLive(m);
    const itemId = currentItemOf(m);
    const now = ctx.clock.now();
    const entries = (await repo.speakersOf(trx, itemId)).map(entryOf);
    const next = nextSpeaker(entries, input.speakerId);
    const speaking = await repo.speakingInMeeting(trx, id);
    if (speaking) await repo.updateSpeaker(trx, speaking.id, { status: 'done', ended_at: now });
    if (!next) {
      if (!speaking) throw rule('meetings.nobody_waiting', 'Nobody is waiting for the floor.');
    } else {
      const limit = input.limitSeconds ?? limitFor(next.kind, m.row.speaking_time_seconds);
      await repo.updateSpeaker(trx, next.id, { status: 'speaking', started_at: now, limit_seconds: limit });
    }
    await recordAudit(trx, ctx, { action: 'meetings.live.give', objectType: 'meeting', objectId: id, before: { speaking: speaking?.id ?? null }, after: { speaking: next?.id ?? null, itemId } });
  });
}

/** The Chair ends the current statement without giving the floor to anyone. */
export async function endFloor(db: DB, ctx: Ctx, live: LiveNotifier | null, id: string): Promise<LiveState> {
  return roomChange(db, ctx, live, id, async (trx, m) => {
    allow(ctx, 'meetings.chair', m.facts);
    assertLive(m);
    const speaking = await repo.speakingInMeeting(trx, id);
    if (!speaking) throw rule('meetings.nobody_speaking', 'Nobody has the floor.');
    await repo.updateSpeaker(trx, speaking.id, { status: 'done', ended_at: ctx.clock.now() });
    await recordAudit(trx, ctx, { action: 'meetings.live.end', objectType: 'speaker', objectId: speaking.id, before: { status: 'speaking' }, after: { status: 'done' } });
  });
}

/** A delegation hands in its statement on an item (text, and optionally the registered document). */
export async function handInStatement(
  db: DB,
  ctx: Ctx,
  live: LiveNotifier | null,
  id: string,
  input: { itemId: string; language: string; text: string; documentId?: string | null },
): Promise<{ id: string; itemId: string; party: string; language: string; text: string; documentId: string | null; createdAt: string }> {
  const out = await withRules(() =>
    db.transaction().execute(async (trx) => {
      const m = await loadVisibleMeeting(trx, ctx, id, { lock: true });
      allow(ctx, 'meetings.statement', m.facts);
      if (m.row.status !== 'in-session' && m.row.status !== 'closed') throw rule('meetings.not_live', 'Statements are handed in during the meeting or just after it.');
      const item = (await repo.itemsOf(trx, id)).find((i) => i.id === input.itemId && i.status === 'listed');
      if (!item) throw new AppError('unprocessable', 'meetings.item_not_found', 'The agenda item was not found.', { fields: [{ field: 'itemId', message: 'not an item on the agenda' }] });
      if (input.documentId && (await repo.existingDocumentIds(trx, [input.documentId])).size === 0) {
        throw new AppError('unprocessable', 'meetings.unknown_document', 'Unknown document.', { fields: [{ field: 'documentId', message: 'unknown document' }] });
      }
      const row = await repo.insertStatement(trx, {
        meeting_id: id,
        item_id: input.itemId,
        party_id: ctx.actor.partyId!,
        user_id: ctx.actor.userId,
        language: input.language,
        text: input.text,
        document_id: input.documentId ?? null,
        created_at: ctx.clock.now(),
      });
      await recordAudit(trx, ctx, { action: 'meetings.statement', objectType: 'statement', objectId: row.id, after: { meetingId: id, itemId: input.itemId, language: input.language, documentId: input.documentId ?? null } });
      await repo.appendEvent(trx, id, ctx.clock.now(), 'statement', { itemId: input.itemId, party: ctx.actor.partyCode });
      return {
        id: row.id,
        itemId: row.item_id,
        party: ctx.actor.partyCode ?? '',
        language: row.language,
        text: row.text,
        documentId: row.document_id,
        createdAt: new Date(row.created_at).toISOString(),
      };
    }),
  );
  live?.notify(id);
  return out;
}
