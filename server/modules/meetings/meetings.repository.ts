/**
 * The only SQL of the meetings module. Lists of meetings go through `meetingVisibleTo(actor)`, the
 * SQL twin of `canSeeMeeting` (a test checks them against each other), so a closed meeting can
 * never slip into a list or a calendar.
 */
import { type Insertable, type RawBuilder, type Selectable, type SqlBool, sql, type Updateable } from 'kysely';
import type { DB } from '../../db/database.ts';
import type {
  AgendaItemsTable,
  MeetingDelegatesTable,
  MeetingRegistrationsTable,
  MeetingSpeakersTable,
  MeetingsTable,
  MeetingStatementsTable,
} from '../../db/tables.ts';
import type { Actor } from '../../shared/context.ts';
import { visibleTo as documentVisibleTo } from '../documents/documents.repository.ts';

export type MeetingRow = Selectable<MeetingsTable>;
/** An agenda item row, with `parentId` for the pure agenda rules. */
export type ItemRow = Selectable<AgendaItemsTable> & { parentId: string | null };
export type RegistrationRow = Omit<Selectable<MeetingRegistrationsTable>, 'credentials_content'>;
export type DelegateRow = Selectable<MeetingDelegatesTable>;
export type SpeakerRow = Selectable<MeetingSpeakersTable>;
export type StatementRow = Selectable<MeetingStatementsTable>;

export function meetingVisibleTo(actor: Actor): RawBuilder<SqlBool> {
  const partyId = actor.kind === 'user' ? actor.partyId : null;
  if (partyId && actor.partyKind === 'secretariat') return sql<SqlBool>`true`;
  const levels = [sql<SqlBool>`meetings.papers_access = 'public'`];
  if (partyId && actor.partyKind === 'member-state') levels.push(sql<SqlBool>`meetings.papers_access IN ('members', 'members-and-observers')`);
  if (partyId && (actor.partyKind === 'observer-state' || actor.partyKind === 'observer-organization')) {
    levels.push(sql<SqlBool>`meetings.papers_access = 'members-and-observers'`);
  }
  const open = sql<SqlBool>`(NOT meetings.closed AND (${sql.join(levels, sql` OR `)}))`;
  if (!partyId) return open;
  return sql<SqlBool>`(${open} OR EXISTS (SELECT 1 FROM meeting_invitations mi WHERE mi.meeting_id = meetings.id AND mi.party_id = ${partyId}))`;
}

// ---------------------------------------------------------------------------------------------
// Meetings

export async function insertMeeting(trx: DB, v: Insertable<MeetingsTable>): Promise<MeetingRow> {
  return trx.insertInto('meetings').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function updateMeeting(trx: DB, id: string, patch: Updateable<MeetingsTable>): Promise<MeetingRow> {
  return trx.updateTable('meetings').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function findMeeting(db: DB, id: string): Promise<MeetingRow | undefined> {
  return db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the meeting row for the rest of the transaction: changes to one meeting queue up. */
export async function lockMeeting(trx: DB, id: string): Promise<MeetingRow | undefined> {
  return trx.selectFrom('meetings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function nextOrdinal(trx: DB, bodyCode: string): Promise<number> {
  // Serialise numbering per body: the advisory lock is held to the end of the transaction.
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`meetings.ordinal.${bodyCode}`}))`.execute(trx);
  const row = await trx.selectFrom('meetings').select(sql<number>`coalesce(max(ordinal), 0)`.as('n')).where('body_code', '=', bodyCode).executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

export async function ordinalTaken(trx: DB, bodyCode: string, ordinal: number, exceptId?: string): Promise<boolean> {
  let q = trx.selectFrom('meetings').select('id').where('body_code', '=', bodyCode).where('ordinal', '=', ordinal);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}

export interface MeetingFilters {
  body?: string;
  status?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

export async function listVisibleMeetings(db: DB, actor: Actor, f: MeetingFilters): Promise<{ rows: MeetingRow[]; total: number }> {
  let q = db.selectFrom('meetings').where(meetingVisibleTo(actor));
  if (f.body) q = q.where('body_code', '=', f.body);
  if (f.status) q = q.where('status', '=', f.status as MeetingRow['status']);
  if (f.from) q = q.where('ends_at', '>=', f.from);
  if (f.to) q = q.where('starts_at', '<', f.to);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('starts_at', 'asc').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    q.select(sql<string>`count(*)`.as('n')).executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** Meetings for a calendar: those visible to `actor` (null: the public ones) overlapping [from, to). */
export async function calendarMeetings(db: DB, actor: Actor | null, range: { from: Date; to: Date }, onlyInvitedPartyId?: string | null): Promise<MeetingRow[]> {
  let q = db.selectFrom('meetings').selectAll().where('ends_at', '>=', range.from).where('starts_at', '<', range.to);
  if (actor) q = q.where(meetingVisibleTo(actor));
  else q = q.where('closed', '=', false).where('papers_access', '=', 'public');
  if (onlyInvitedPartyId) {
    q = q.where(sql<SqlBool>`EXISTS (SELECT 1 FROM meeting_invitations mi WHERE mi.meeting_id = meetings.id AND mi.party_id = ${onlyInvitedPartyId})`);
  }
  return q.orderBy('starts_at').limit(2000).execute();
}

// ---------------------------------------------------------------------------------------------
// Invitations and parties

export interface InvitationRow {
  party_id: string;
  role: 'member' | 'observer';
  code: string;
  kind: string;
  names: Record<string, string>;
}

export async function invitationsOf(db: DB, meetingIds: readonly string[]): Promise<Map<string, InvitationRow[]>> {
  const out = new Map<string, InvitationRow[]>();
  if (meetingIds.length === 0) return out;
  const rows = await db
    .selectFrom('meeting_invitations as mi')
    .innerJoin('parties as p', 'p.id', 'mi.party_id')
    .select(['mi.meeting_id', 'mi.party_id', 'mi.role', 'p.code', 'p.kind', 'p.names'])
    .where('mi.meeting_id', 'in', meetingIds)
    .orderBy('p.code')
    .execute();
  for (const r of rows) {
    const list = out.get(r.meeting_id) ?? [];
    list.push({ party_id: r.party_id, role: r.role, code: r.code, kind: r.kind, names: r.names as Record<string, string> });
    out.set(r.meeting_id, list);
  }
  return out;
}

export async function replaceInvitations(trx: DB, meetingId: string, list: ReadonlyArray<{ partyId: string; role: 'member' | 'observer' }>): Promise<void> {
  await trx.deleteFrom('meeting_invitations').where('meeting_id', '=', meetingId).execute();
  if (list.length) {
    await trx
      .insertInto('meeting_invitations')
      .values(list.map((p) => ({ meeting_id: meetingId, party_id: p.partyId, role: p.role })))
      .execute();
  }
}

export async function partiesByCodes(db: DB, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('parties').select(['id', 'code', 'kind', 'names']).where('code', 'in', codes).execute();
}

export async function partiesOfKind(db: DB, kind: 'member-state') {
  return db.selectFrom('parties').select(['id', 'code', 'kind', 'names']).where('kind', '=', kind).execute();
}

export async function partyById(db: DB, id: string) {
  return db.selectFrom('parties').select(['id', 'code', 'kind', 'names']).where('id', '=', id).executeTakeFirst();
}

export async function partiesByIds(db: DB, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('parties').select(['id', 'code', 'kind', 'names']).where('id', 'in', ids).execute();
}

export async function findBody(db: DB, code: string) {
  return db.selectFrom('bodies').select(['code', 'names']).where('code', '=', code).executeTakeFirst();
}

export async function bodiesByCodes(db: DB, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('bodies').select(['code', 'names']).where('code', 'in', codes).execute();
}

/** Active people of the invited parties who should hear about the meeting (delegations' focal points and heads). */
export async function noticeRecipients(db: DB, partyIds: readonly string[]) {
  if (partyIds.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'language', 'time_zone', 'party_id'])
    .where('party_id', 'in', partyIds)
    .where('status', '=', 'active')
    .where('role', 'in', ['focal-point', 'head-of-delegation'])
    .execute();
}

export async function activeUsersOfParties(db: DB, partyIds: readonly string[]) {
  if (partyIds.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'language', 'time_zone', 'party_id'])
    .where('party_id', 'in', partyIds)
    .where('status', '=', 'active')
    .where('role', 'in', ['focal-point', 'head-of-delegation', 'delegate'])
    .execute();
}

export async function userNames(db: DB, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---------------------------------------------------------------------------------------------
// Agenda

export async function itemsOf(db: DB, meetingId: string): Promise<ItemRow[]> {
  const rows = await db.selectFrom('agenda_items').selectAll().where('meeting_id', '=', meetingId).orderBy('position').orderBy('id').execute();
  return rows.map((r) => ({ ...r, parentId: r.parent_id }));
}

export async function insertItem(trx: DB, v: Insertable<AgendaItemsTable>): Promise<ItemRow> {
  const r = await trx.insertInto('agenda_items').values(v).returningAll().executeTakeFirstOrThrow();
  return { ...r, parentId: r.parent_id };
}

export async function updateItem(trx: DB, id: string, patch: Updateable<AgendaItemsTable>): Promise<void> {
  await trx.updateTable('agenda_items').set(patch).where('id', '=', id).execute();
}

export async function setPositions(trx: DB, changes: ReadonlyArray<{ id: string; parentId: string | null; position: number }>): Promise<void> {
  for (const c of changes) await trx.updateTable('agenda_items').set({ parent_id: c.parentId, position: c.position }).where('id', '=', c.id).execute();
}

export async function deleteItems(trx: DB, ids: readonly string[]): Promise<void> {
  if (ids.length) await trx.deleteFrom('agenda_items').where('id', 'in', ids).execute();
}

/** Documents linked to agenda items that `actor` may read (the documents module's own predicate). */
export async function visibleItemDocuments(db: DB, actor: Actor, now: Date, itemIds: readonly string[]) {
  if (itemIds.length === 0) return [];
  return db
    .selectFrom('agenda_item_documents as aid')
    .innerJoin('documents', 'documents.id', 'aid.document_id')
    .select(['aid.item_id', 'aid.seq', 'documents.id', 'documents.symbol', 'documents.title'])
    .where('aid.item_id', 'in', itemIds)
    .where(documentVisibleTo(actor, now))
    .orderBy('aid.seq')
    .execute();
}

export async function replaceItemDocuments(trx: DB, itemId: string, documentIds: readonly string[]): Promise<void> {
  await trx.deleteFrom('agenda_item_documents').where('item_id', '=', itemId).execute();
  if (documentIds.length) {
    await trx
      .insertInto('agenda_item_documents')
      .values(documentIds.map((d, i) => ({ item_id: itemId, document_id: d, seq: i })))
      .execute();
  }
}

export async function existingDocumentIds(db: DB, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('documents').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

// ---------------------------------------------------------------------------------------------
// Registrations

const registrationColumns = [
  'id',
  'meeting_id',
  'party_id',
  'status',
  'submitted_at',
  'submitted_by',
  'decided_at',
  'decided_by',
  'return_reason',
  'credentials_file_name',
  'credentials_media_type',
  'credentials_size',
  'credentials_sha256',
  'credentials_uploaded_at',
] as const;

export async function registrationsOf(db: DB, meetingId: string, partyId?: string): Promise<RegistrationRow[]> {
  let q = db.selectFrom('meeting_registrations').select(registrationColumns).where('meeting_id', '=', meetingId);
  if (partyId) q = q.where('party_id', '=', partyId);
  return q.execute();
}

export async function findRegistration(db: DB, meetingId: string, partyId: string): Promise<RegistrationRow | undefined> {
  return db.selectFrom('meeting_registrations').select(registrationColumns).where('meeting_id', '=', meetingId).where('party_id', '=', partyId).executeTakeFirst();
}

export async function upsertRegistration(trx: DB, v: { meetingId: string; partyId: string; userId: string | null; now: Date }): Promise<RegistrationRow> {
  return trx
    .insertInto('meeting_registrations')
    .values({ meeting_id: v.meetingId, party_id: v.partyId, status: 'submitted', submitted_at: v.now, submitted_by: v.userId })
    .onConflict((oc) =>
      oc.columns(['meeting_id', 'party_id']).doUpdateSet({ status: 'submitted', submitted_at: v.now, submitted_by: v.userId, decided_at: null, decided_by: null, return_reason: null }),
    )
    .returning(registrationColumns)
    .executeTakeFirstOrThrow();
}

export async function updateRegistration(trx: DB, id: string, patch: Updateable<MeetingRegistrationsTable>): Promise<RegistrationRow> {
  return trx.updateTable('meeting_registrations').set(patch).where('id', '=', id).returning(registrationColumns).executeTakeFirstOrThrow();
}

export async function credentialsContent(db: DB, id: string) {
  return db
    .selectFrom('meeting_registrations')
    .select(['credentials_content', 'credentials_file_name', 'credentials_media_type', 'credentials_sha256'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function delegatesOf(db: DB, registrationIds: readonly string[]): Promise<DelegateRow[]> {
  if (registrationIds.length === 0) return [];
  return db.selectFrom('meeting_delegates').selectAll().where('registration_id', 'in', registrationIds).orderBy('seq').execute();
}

export async function replaceDelegates(trx: DB, registrationId: string, list: ReadonlyArray<{ name: string; function: DelegateRow['function']; title: string | null; email: string | null }>) {
  await trx.deleteFrom('meeting_delegates').where('registration_id', '=', registrationId).execute();
  if (list.length) {
    await trx
      .insertInto('meeting_delegates')
      .values(list.map((d, i) => ({ registration_id: registrationId, seq: i, ...d })))
      .execute();
  }
}

// ---------------------------------------------------------------------------------------------
// Live room

export async function speakersOf(db: DB, itemId: string): Promise<SpeakerRow[]> {
  return db.selectFrom('meeting_speakers').selectAll().where('item_id', '=', itemId).orderBy('seq').execute();
}

export async function insertSpeaker(trx: DB, v: Insertable<MeetingSpeakersTable>): Promise<SpeakerRow> {
  return trx.insertInto('meeting_speakers').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function updateSpeaker(trx: DB, id: string, patch: Updateable<MeetingSpeakersTable>): Promise<void> {
  await trx.updateTable('meeting_speakers').set(patch).where('id', '=', id).execute();
}

export async function speakingInMeeting(trx: DB, meetingId: string): Promise<SpeakerRow | undefined> {
  return trx.selectFrom('meeting_speakers').selectAll().where('meeting_id', '=', meetingId).where('status', '=', 'speaking').executeTakeFirst();
}

export async function insertStatement(trx: DB, v: Insertable<MeetingStatementsTable>): Promise<StatementRow> {
  return trx.insertInto('meeting_statements').values(v).returningAll().executeTakeFirstOrThrow();
}

export async function statementsOf(db: DB, meetingId: string): Promise<StatementRow[]> {
  return db.selectFrom('meeting_statements').selectAll().where('meeting_id', '=', meetingId).orderBy('created_at').execute();
}

// ---------------------------------------------------------------------------------------------
// Live events: numbered per meeting under the meeting's row lock, so they commit in order.

export interface EventRow {
  seq: number;
  type: string;
  data: Record<string, unknown>;
  at: Date;
}

export async function appendEvent(trx: DB, meetingId: string, at: Date, type: string, data: Record<string, unknown>): Promise<number> {
  const row = await trx
    .updateTable('meetings')
    .set({ event_seq: sql`event_seq + 1` })
    .where('id', '=', meetingId)
    .returning('event_seq')
    .executeTakeFirstOrThrow();
  const seq = Number(row.event_seq);
  await trx.insertInto('meeting_events').values({ meeting_id: meetingId, seq, at, type, data: JSON.stringify(data) }).execute();
  return seq;
}

export async function eventsAfter(db: DB, meetingId: string, afterSeq: number, limit = 10_000): Promise<EventRow[]> {
  const rows = await db
    .selectFrom('meeting_events')
    .select(['seq', 'type', 'data', 'at'])
    .where('meeting_id', '=', meetingId)
    .where('seq', '>', String(afterSeq))
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), type: r.type, data: r.data as Record<string, unknown>, at: r.at }));
}

export async function lastEventSeq(db: DB, meetingId: string): Promise<number> {
  const row = await db.selectFrom('meetings').select('event_seq').where('id', '=', meetingId).executeTakeFirst();
  return Number(row?.event_seq ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Record

export async function recordEntries(db: DB, meetingId: string) {
  return db.selectFrom('meeting_record_entries').selectAll().where('meeting_id', '=', meetingId).execute();
}

export async function upsertRecordEntry(trx: DB, v: { itemId: string; meetingId: string; language: string; text: string; now: Date; userId: string | null }) {
  await trx
    .insertInto('meeting_record_entries')
    .values({ item_id: v.itemId, meeting_id: v.meetingId, language: v.language, text: v.text, updated_at: v.now, updated_by: v.userId })
    .onConflict((oc) => oc.column('item_id').doUpdateSet({ language: v.language, text: v.text, updated_at: v.now, updated_by: v.userId }))
    .execute();
}

export async function correctionsOf(db: DB, meetingId: string, partyId?: string) {
  let q = db.selectFrom('meeting_record_corrections').selectAll().where('meeting_id', '=', meetingId);
  if (partyId) q = q.where('party_id', '=', partyId);
  return q.orderBy('created_at').execute();
}

export async function insertCorrection(trx: DB, v: { meetingId: string; itemId: string; partyId: string; userId: string | null; text: string; now: Date }) {
  return trx
    .insertInto('meeting_record_corrections')
    .values({ meeting_id: v.meetingId, item_id: v.itemId, party_id: v.partyId, user_id: v.userId, text: v.text, status: 'pending', created_at: v.now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findCorrection(trx: DB, meetingId: string, id: string) {
  return trx.selectFrom('meeting_record_corrections').selectAll().where('meeting_id', '=', meetingId).where('id', '=', id).executeTakeFirst();
}

export async function decideCorrection(trx: DB, id: string, v: { status: 'accepted' | 'rejected'; now: Date; userId: string | null; note: string | null }) {
  return trx
    .updateTable('meeting_record_corrections')
    .set({ status: v.status, decided_at: v.now, decided_by: v.userId, decision_note: v.note })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function pendingCorrections(trx: DB, meetingId: string): Promise<number> {
  const row = await trx
    .selectFrom('meeting_record_corrections')
    .select(sql<string>`count(*)`.as('n'))
    .where('meeting_id', '=', meetingId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Outcomes of a meeting the actor may see: documents by the documents module's predicate,
 * decisions by the access level of their outcome.
 */
export async function visibleOutcomes(db: DB, actor: Actor, now: Date, meetingId: string) {
  const docs = await db
    .selectFrom('meeting_outcomes as o')
    .innerJoin('documents', 'documents.id', 'o.document_id')
    .select(['o.id', 'o.document_id', 'o.created_at', 'documents.symbol', 'documents.title'])
    .where('o.meeting_id', '=', meetingId)
    .where(documentVisibleTo(actor, now))
    .execute();
  const levels: Array<'public' | 'members' | 'members-and-observers'> = ['public'];
  if (actor.kind === 'user' && actor.partyKind === 'member-state') levels.push('members', 'members-and-observers');
  if (actor.kind === 'user' && (actor.partyKind === 'observer-state' || actor.partyKind === 'observer-organization')) levels.push('members-and-observers');
  let dq = db
    .selectFrom('meeting_outcomes as o')
    .innerJoin('decisions as x', 'x.id', 'o.decision_id')
    .select(['o.id', 'o.decision_id', 'o.created_at', 'x.title'])
    .where('o.meeting_id', '=', meetingId);
  if (!(actor.kind === 'user' && actor.partyKind === 'secretariat')) dq = dq.where('x.outcome_access', 'in', levels);
  const decisions = await dq.execute();
  return [
    ...docs.map((d) => ({ id: d.id, documentId: d.document_id, symbol: d.symbol, title: d.title, decisionId: null, decisionTitle: null, at: d.created_at })),
    ...decisions.map((d) => ({ id: d.id, documentId: null, symbol: null, title: null, decisionId: d.decision_id, decisionTitle: d.title as Record<string, string>, at: d.created_at })),
  ]
    .sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())
    .map(({ at: _at, ...rest }) => rest);
}

export async function insertOutcome(trx: DB, v: { meetingId: string; documentId: string | null; decisionId: string | null; now: Date }) {
  return trx
    .insertInto('meeting_outcomes')
    .values({ meeting_id: v.meetingId, document_id: v.documentId, decision_id: v.decisionId, created_at: v.now })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function findDecisionRef(db: DB, id: string) {
  return db.selectFrom('decisions').select(['id', 'meeting_id', 'title', 'finding_outcome', 'procedure', 'withdrawn_at']).where('id', '=', id).executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// Calendar tokens

export async function liveCalendarToken(db: DB, userId: string) {
  return db.selectFrom('calendar_tokens').select(['id', 'created_at', 'last_used_at']).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
}

export async function revokeCalendarTokens(trx: DB, userId: string, now: Date): Promise<number> {
  const r = await trx.updateTable('calendar_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertCalendarToken(trx: DB, userId: string, tokenHash: string, now: Date) {
  return trx.insertInto('calendar_tokens').values({ user_id: userId, token_hash: tokenHash, created_at: now }).returning(['id', 'created_at']).executeTakeFirstOrThrow();
}

/** The person behind a live calendar token, with what the actor needs; null when unknown, revoked or suspended. */
export async function calendarTokenOwner(db: DB, tokenHash: string) {
  return db
    .selectFrom('calendar_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .innerJoin('parties as p', 'p.id', 'u.party_id')
    .select(['t.id as token_id', 't.last_used_at', 'u.id as user_id', 'u.status', 'u.role', 'u.party_id', 'p.code as party_code', 'p.kind as party_kind', 'u.language', 'u.time_zone'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchCalendarToken(db: DB, id: string, now: Date): Promise<void> {
  await db.updateTable('calendar_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

export async function userLanguage(db: DB, userId: string) {
  return db.selectFrom('users').select(['language', 'time_zone']).where('id', '=', userId).executeTakeFirst();
}

/** The language the forum orders its lists of participants in (`participantsOrder` in the profile), if set. */
export async function participantsOrderLanguage(db: DB): Promise<string | null> {
  const row = await db.selectFrom('forum_profile').select('data').where('id', '=', 1).executeTakeFirst();
  const v = (row?.data as { participantsOrder?: unknown } | undefined)?.participantsOrder;
  return typeof v === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(v) ? v : null;
}
