import type { DB } from '../../db/database.ts';
import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { authorize, can } from '../../shared/policy.ts';
import { MeetingRuleError, type MeetingStatus } from './meeting.ts';
import type { MeetingPolicyObject } from './meetings.policy.ts';
import * as repo from './meetings.repository.ts';
import { meetingNames } from './ordinal.ts';
import './meetings.policy.ts';

/** A meeting with what every rule about it needs: its invitations and its policy facts. */
export interface LoadedMeeting {
  row: repo.MeetingRow;
  invitations: repo.InvitationRow[];
  facts: MeetingPolicyObject;
}

export function policyObject(row: repo.MeetingRow, invitations: readonly repo.InvitationRow[]): MeetingPolicyObject {
  return {
    closed: row.closed,
    papersAccess: row.papers_access,
    invitedPartyIds: invitations.map((i) => i.party_id),
    presidingPartyId: row.presiding_party_id,
    status: row.status as MeetingStatus,
  };
}

/**
 * Loads a meeting the caller may see, or answers 404 as if it did not exist. With `lock`, the
 * row stays locked to the end of the transaction (changes to one meeting queue up).
 */
export async function loadVisibleMeeting(db: DB, ctx: Ctx, id: string, opts: { lock?: boolean } = {}): Promise<LoadedMeeting> {
  const row = opts.lock ? await repo.lockMeeting(db, id) : await repo.findMeeting(db, id);
  if (!row) throw new AppError('not_found', 'not_found', 'The meeting was not found.');
  const invitations = (await repo.invitationsOf(db, [id])).get(id) ?? [];
  const facts = policyObject(row, invitations);
  authorize(ctx.actor, 'meetings.read', facts, { now: ctx.clock.now() }, { hide: true, what: 'meeting' });
  return { row, invitations, facts };
}

/** Authorizes an action on a meeting the caller can see (403 when not allowed). */
export function allow(ctx: Ctx, action: string, object: unknown): void {
  authorize(ctx.actor, action, object, { now: ctx.clock.now() });
}

/** Turns a pure-rule error into the module's AppError (409 for state, 422 for content). */
export function ruleError(err: unknown): unknown {
  if (err instanceof MeetingRuleError) {
    const conflict = /transition|adopted|final|not_live|not_editable|not_held|not_in_session|not_closed|not_circulated|corrections_open|corrections_pending|already|closed|registration_closed|no_current_item|nobody_|requests_pending|register_first/.test(err.code);
    return new AppError(conflict ? 'conflict' : 'unprocessable', err.code, err.message, err.field ? { fields: [{ field: err.field, message: err.message }] } : {});
  }
  return err;
}

export async function withRules<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw ruleError(err);
  }
}

export const rule = (code: string, message: string, field?: string) => new MeetingRuleError(code, message, field);

// ---------------------------------------------------------------------------------------------
// Presenting a meeting

export interface PartyRef {
  code: string;
  kind: string;
  names: Record<string, string>;
}

export interface MeetingView {
  id: string;
  body: { code: string; names: Record<string, string> };
  ordinal: number;
  name: Record<string, string>;
  title: Record<string, string>;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  venue: { city: string; country: string } | null;
  onlineUrl: string | null;
  format: repo.MeetingRow['format'];
  status: MeetingStatus;
  presidingParty: PartyRef | null;
  papersAccess: repo.MeetingRow['papers_access'];
  closed: boolean;
  highLevel: boolean;
  speakingTimeSeconds: number;
  registrationDeadline: string | null;
  documentsDeadline: string | null;
  convenedAt: string | null;
  agendaStatus: 'provisional' | 'adopted';
  agendaAdoptedAt: string | null;
  agendaDecisionId: string | null;
  currentItemId: string | null;
  record: { status: 'draft' | 'circulated' | 'final'; circulatedAt: string | null; correctionsDeadline: string | null; finalAt: string | null };
  invited: Array<PartyRef & { role: 'member' | 'observer' }>;
  eventSeq: number;
  can: {
    manage: boolean;
    chair: boolean;
    register: boolean;
    requestItem: boolean;
    askFloor: boolean;
    statement: boolean;
    correctRecord: boolean;
    participants: boolean;
  };
}

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export async function presentMeetings(db: DB, ctx: Ctx, rows: readonly repo.MeetingRow[], invitationsById?: Map<string, repo.InvitationRow[]>): Promise<MeetingView[]> {
  const invitations = invitationsById ?? (await repo.invitationsOf(db, rows.map((r) => r.id)));
  const bodies = new Map((await repo.bodiesByCodes(db, [...new Set(rows.map((r) => r.body_code))])).map((b) => [b.code, b.names as Record<string, string>]));
  const presiding = new Map(
    (await repo.partiesByIds(db, [...new Set(rows.map((r) => r.presiding_party_id).filter((x): x is string => !!x))])).map((p) => [p.id, p]),
  );
  const now = ctx.clock.now();
  return rows.map((row) => {
    const inv = invitations.get(row.id) ?? [];
    const facts = policyObject(row, inv);
    const bodyNames = bodies.get(row.body_code) ?? { en: row.body_code };
    const p = row.presiding_party_id ? presiding.get(row.presiding_party_id) : undefined;
    const mayDo = (action: string, object: unknown = facts) => can(ctx.actor, action, object, { now });
    const ownParty = ctx.actor.partyId ?? '';
    const insider = mayDo('meetings.participants');
    return {
      id: row.id,
      body: { code: row.body_code, names: bodyNames },
      ordinal: row.ordinal,
      name: meetingNames(row.ordinal, bodyNames),
      title: row.title as Record<string, string>,
      startsAt: iso(row.starts_at)!,
      endsAt: iso(row.ends_at)!,
      timeZone: row.time_zone,
      venue: row.venue_city && row.venue_country ? { city: row.venue_city, country: row.venue_country } : null,
      // The link to join online is for the invited and the Secretariat only.
      onlineUrl: insider ? row.online_url : null,
      format: row.format,
      status: row.status as MeetingStatus,
      presidingParty: p ? { code: p.code, kind: p.kind, names: p.names as Record<string, string> } : null,
      papersAccess: row.papers_access,
      closed: row.closed,
      highLevel: row.high_level,
      speakingTimeSeconds: row.speaking_time_seconds,
      registrationDeadline: iso(row.registration_deadline),
      documentsDeadline: iso(row.documents_deadline),
      convenedAt: iso(row.convened_at),
      agendaStatus: row.agenda_status,
      agendaAdoptedAt: iso(row.agenda_adopted_at),
      agendaDecisionId: row.agenda_decision_id,
      currentItemId: row.current_item_id,
      record: {
        status: row.record_status,
        circulatedAt: iso(row.record_circulated_at),
        correctionsDeadline: iso(row.corrections_deadline),
        finalAt: iso(row.record_final_at),
      },
      invited: inv.map((i) => ({ code: i.code, kind: i.kind, names: i.names, role: i.role })),
      eventSeq: Number(row.event_seq),
      can: {
        manage: mayDo('meetings.manage'),
        chair: mayDo('meetings.chair'),
        register: mayDo('meetings.register', { meeting: facts, partyId: ownParty }),
        requestItem: mayDo('meetings.requestItem'),
        askFloor: mayDo('meetings.askFloor'),
        statement: mayDo('meetings.statement'),
        correctRecord: mayDo('meetings.correctRecord'),
        participants: insider,
      },
    };
  });
}

export async function presentMeeting(db: DB, ctx: Ctx, m: LoadedMeeting): Promise<MeetingView> {
  const [view] = await presentMeetings(db, ctx, [m.row], new Map([[m.row.id, m.invitations]]));
  return view!;
}
