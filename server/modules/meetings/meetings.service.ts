import type { DB } from '../../db/database.ts';
import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { matchMailLocale } from '../notifications/messages.ts';
import { formatInstant, noticeTemplates, renderNotice } from './notice.ts';
import { sendNotification } from '../notifications/notifications.service.ts';
import { readProfile } from '../profile/profile.repository.ts';
import { currentChairPartyId } from '../registry/registry.service.ts';
import { agendaOrder, closeRanks, numberAgenda, placeItem, subtreeIds } from './agenda.ts';
import type { LiveNotifier } from './live.hub.ts';
import { canCorrectRecord, checkFinalize, checkMove, checkTimes, checkVenue, isEditable, type MeetingFormat, type PapersAccess } from './meeting.ts';
import { allow, type LoadedMeeting, loadVisibleMeeting, type MeetingView, presentMeeting, presentMeetings, rule, withRules } from './meetings.access.ts';
import * as repo from './meetings.repository.ts';
import { meetingName } from './ordinal.ts';
import { liveSnapshot } from './live.service.ts';

/**
 * Meetings: creating and editing them, convening (the notice in the forum's languages, sent to
 * the invited delegations), the status machine, the agenda, the summary record and outcomes.
 * Each change: load → authorize → rule → save → audit → live event, in one transaction; the live
 * push happens after commit.
 */

export interface CreateMeetingInput {
  body: string;
  ordinal?: number;
  title: Record<string, string>;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  venue?: { city: string; country: string } | null;
  onlineUrl?: string | null;
  format: MeetingFormat;
  presidingParty?: string | null;
  papersAccess: PapersAccess;
  closed?: boolean;
  highLevel?: boolean;
  speakingTimeSeconds?: number;
  /** Member states invited (default: every member state). */
  members?: string[];
  /** Observers invited (default: none). */
  observers?: string[];
}

export type UpdateMeetingInput = Partial<Omit<CreateMeetingInput, 'body'>>;

async function resolveInvitations(db: DB, members: string[] | undefined, observers: string[] | undefined) {
  const list: Array<{ partyId: string; role: 'member' | 'observer' }> = [];
  if (members === undefined) {
    for (const p of await repo.partiesOfKind(db, 'member-state')) list.push({ partyId: p.id, role: 'member' });
  } else {
    const codes = [...new Set(members.map((c) => c.toUpperCase()))];
    const found = await repo.partiesByCodes(db, codes);
    const missing = codes.filter((c) => !found.some((p) => p.code === c));
    if (missing.length) throw new AppError('unprocessable', 'meetings.unknown_party', `Unknown party: ${missing.join(', ')}.`, { fields: [{ field: 'members', message: `unknown: ${missing.join(', ')}` }] });
    const notMembers = found.filter((p) => p.kind !== 'member-state');
    if (notMembers.length) {
      throw new AppError('unprocessable', 'meetings.not_a_member', `Not member states: ${notMembers.map((p) => p.code).join(', ')}; invite them as observers.`, {
        fields: [{ field: 'members', message: 'must be member states' }],
      });
    }
    for (const p of found) list.push({ partyId: p.id, role: 'member' });
  }
  const obsCodes = [...new Set((observers ?? []).map((c) => c.toUpperCase()))];
  const obs = await repo.partiesByCodes(db, obsCodes);
  const missingObs = obsCodes.filter((c) => !obs.some((p) => p.code === c));
  if (missingObs.length) throw new AppError('unprocessable', 'meetings.unknown_party', `Unknown party: ${missingObs.join(', ')}.`, { fields: [{ field: 'observers', message: `unknown: ${missingObs.join(', ')}` }] });
  const wrong = obs.filter((p) => p.kind !== 'observer-state' && p.kind !== 'observer-organization' && p.kind !== 'partner-organization');
  if (wrong.length) {
    throw new AppError('unprocessable', 'meetings.not_an_observer', `Not observers: ${wrong.map((p) => p.code).join(', ')}.`, { fields: [{ field: 'observers', message: 'must be observers or partners' }] });
  }
  for (const p of obs) if (!list.some((l) => l.partyId === p.id)) list.push({ partyId: p.id, role: 'observer' });
  return list;
}

async function resolvePresiding(db: DB, code: string | null | undefined, now: Date): Promise<string | null> {
  if (code === undefined) return currentChairPartyId(db, now);
  if (code === null) return null;
  const [p] = await repo.partiesByCodes(db, [code.toUpperCase()]);
  if (!p) throw new AppError('unprocessable', 'meetings.unknown_party', `Unknown party: ${code}.`, { fields: [{ field: 'presidingParty', message: 'unknown party' }] });
  if (p.kind !== 'member-state') throw new AppError('unprocessable', 'meetings.presiding_not_member', 'Only a member state presides.', { fields: [{ field: 'presidingParty', message: 'must be a member state' }] });
  return p.id;
}

function snapshot(row: repo.MeetingRow, inv: readonly repo.InvitationRow[]) {
  return {
    body: row.body_code,
    ordinal: row.ordinal,
    title: row.title,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    timeZone: row.time_zone,
    venue: row.venue_city ? { city: row.venue_city, country: row.venue_country } : null,
    onlineUrl: row.online_url,
    format: row.format,
    status: row.status,
    presidingPartyId: row.presiding_party_id,
    papersAccess: row.papers_access,
    closed: row.closed,
    highLevel: row.high_level,
    invited: inv.map((i) => `${i.code}:${i.role}`),
  };
}

export async function createMeeting(db: DB, ctx: Ctx, input: CreateMeetingInput): Promise<MeetingDetail> {
  allow(ctx, 'meetings.create', null);
  const now = ctx.clock.now();
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const venue = input.venue ?? null;
  return withRules(async () => {
    checkTimes({ startsAt, endsAt });
    checkVenue(input.format, { city: venue?.city ?? null, country: venue?.country ?? null, onlineUrl: input.onlineUrl ?? null });
    const id = await db.transaction().execute(async (trx) => {
      const body = await repo.findBody(trx, input.body.toUpperCase());
      if (!body) throw new AppError('unprocessable', 'meetings.unknown_body', `No body has the code ${input.body}.`, { fields: [{ field: 'body', message: 'unknown body' }] });
      const ordinal = input.ordinal ?? (await repo.nextOrdinal(trx, body.code));
      if (input.ordinal !== undefined && (await repo.ordinalTaken(trx, body.code, ordinal))) {
        throw new AppError('conflict', 'meetings.ordinal_taken', `The ${body.code} already has a meeting numbered ${ordinal}.`, { fields: [{ field: 'ordinal', message: 'is taken' }] });
      }
      const presiding = await resolvePresiding(trx, input.presidingParty, now);
      const invitations = await resolveInvitations(trx, input.members, input.observers);
      const row = await repo.insertMeeting(trx, {
        body_code: body.code,
        ordinal,
        title: JSON.stringify(input.title),
        starts_at: startsAt,
        ends_at: endsAt,
        time_zone: input.timeZone,
        venue_city: venue?.city ?? null,
        venue_country: venue?.country ?? null,
        online_url: input.onlineUrl ?? null,
        format: input.format,
        presiding_party_id: presiding,
        papers_access: input.papersAccess,
        closed: input.closed ?? false,
        high_level: input.highLevel ?? false,
        speaking_time_seconds: input.speakingTimeSeconds ?? 300,
        created_by: ctx.actor.userId,
        created_at: now,
        updated_at: now,
      });
      await repo.replaceInvitations(trx, row.id, invitations);
      const inv = (await repo.invitationsOf(trx, [row.id])).get(row.id) ?? [];
      await recordAudit(trx, ctx, { action: 'meetings.create', objectType: 'meeting', objectId: row.id, after: snapshot(row, inv) });
      return row.id;
    });
    return getMeeting(db, ctx, id);
  });
}

export type MeetingDetail = MeetingView & { notice: Record<string, string> | null };

export async function getMeeting(db: DB, ctx: Ctx, id: string): Promise<MeetingDetail> {
  const m = await loadVisibleMeeting(db, ctx, id);
  return { ...(await presentMeeting(db, ctx, m)), notice: (m.row.notice as Record<string, string> | null) ?? null };
}

export async function listMeetings(db: DB, ctx: Ctx, f: repo.MeetingFilters): Promise<{ items: MeetingView[]; total: number }> {
  const { rows, total } = await repo.listVisibleMeetings(db, ctx.actor, f);
  return { items: await presentMeetings(db, ctx, rows), total };
}

/** A change to a meeting in one transaction, with its audit row and (optionally) a live event. */
async function change<T>(
  db: DB,
  ctx: Ctx,
  id: string,
  live: LiveNotifier | null,
  fn: (trx: DB, m: LoadedMeeting) => Promise<{ result: T; event?: { type: string; data: Record<string, unknown> }; recheck?: boolean }>,
): Promise<T> {
  let recheck = false;
  let emitted = false;
  const result = await withRules(() =>
    db.transaction().execute(async (trx) => {
      const m = await loadVisibleMeeting(trx, ctx, id, { lock: true });
      const out = await fn(trx, m);
      if (out.event) {
        await repo.appendEvent(trx, id, ctx.clock.now(), out.event.type, out.event.data);
        emitted = true;
      }
      recheck = !!out.recheck;
      return out.result;
    }),
  );
  if (emitted) live?.notify(id);
  if (recheck) live?.recheck(id);
  return result;
}

export async function updateMeeting(db: DB, ctx: Ctx, live: LiveNotifier | null, id: string, input: UpdateMeetingInput): Promise<MeetingDetail> {
  await change(db, ctx, id, live, async (trx, m) => {
    allow(ctx, 'meetings.manage', m.facts);
    if (!isEditable(m.row.status as 'planned')) throw rule('meetings.not_editable', `A meeting that is ${m.row.status} can no longer be changed.`);
    const now = ctx.clock.now();
    const startsAt = input.startsAt ? new Date(input.startsAt) : m.row.starts_at;
    const endsAt = input.endsAt ? new Date(input.endsAt) : m.row.ends_at;
    const venue = input.venue === undefined ? (m.row.venue_city ? { city: m.row.venue_city, country: m.row.venue_country! } : null) : input.venue;
    const format = input.format ?? m.row.format;
    const onlineUrl = input.onlineUrl === undefined ? m.row.online_url : input.onlineUrl;
    checkTimes({ startsAt, endsAt, registrationDeadline: m.row.registration_deadline, documentsDeadline: m.row.documents_deadline });
    checkVenue(format, { city: venue?.city ?? null, country: venue?.country ?? null, onlineUrl });
    if (input.ordinal !== undefined && (await repo.ordinalTaken(trx, m.row.body_code, input.ordinal, id))) {
      throw new AppError('conflict', 'meetings.ordinal_taken', `The ${m.row.body_code} already has a meeting numbered ${input.ordinal}.`, { fields: [{ field: 'ordinal', message: 'is taken' }] });
    }
    const presiding = input.presidingParty === undefined ? m.row.presiding_party_id : await resolvePresiding(trx, input.presidingParty, now);
    const row = await repo.updateMeeting(trx, id, {
      ordinal: input.ordinal ?? m.row.ordinal,
      title: input.title ? JSON.stringify(input.title) : undefined,
      starts_at: startsAt,
      ends_at: endsAt,
      time_zone: input.timeZone ?? m.row.time_zone,
      venue_city: venue?.city ?? null,
      venue_country: venue?.country ?? null,
      online_url: onlineUrl,
      format,
      presiding_party_id: presiding,
      papers_access: input.papersAccess ?? m.row.papers_access,
      closed: input.closed ?? m.row.closed,
      high_level: input.highLevel ?? m.row.high_level,
      speaking_time_seconds: input.speakingTimeSeconds ?? m.row.speaking_time_seconds,
      updated_at: now,
    });
    let inv = m.invitations;
    const invitesChanged = input.members !== undefined || input.observers !== undefined;
    if (invitesChanged) {
      const members = input.members ?? m.invitations.filter((i) => i.role === 'member').map((i) => i.code);
      const observers = input.observers ?? m.invitations.filter((i) => i.role === 'observer').map((i) => i.code);
      await repo.replaceInvitations(trx, id, await resolveInvitations(trx, members, observers));
      inv = (await repo.invitationsOf(trx, [id])).get(id) ?? [];
    }
    await recordAudit(trx, ctx, { action: 'meetings.update', objectType: 'meeting', objectId: id, before: snapshot(m.row, m.invitations), after: snapshot(row, inv) });
    return { result: null, event: { type: 'meeting', data: { change: 'details' } }, recheck: true };
  });
  return getMeeting(db, ctx, id);
}

// ---------------------------------------------------------------------------------------------
// Convening

function placeOf(row: repo.MeetingRow, lang: string): string {
  return row.venue_city && row.venue_country ? `${row.venue_city}, ${regionName(row.venue_country, lang)}` : '';
}

function regionName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang, 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A one-line venue for e-mails: the place, and "online" for online and hybrid meetings. */
function venueLine(row: repo.MeetingRow, lang: string): string {
  const locale = matchMailLocale(lang);
  const place = placeOf(row, locale);
  if (row.format === 'online') return noticeTemplates[locale].online;
  if (row.format === 'hybrid') return `${place} + ${noticeTemplates[locale].online}`;
  return place;
}

export interface ConveneInput {
  registrationDeadline: string;
  documentsDeadline: string;
}

export async function conveneMeeting(db: DB, ctx: Ctx, live: LiveNotifier | null, id: string, input: ConveneInput, kickJobs?: () => void): Promise<MeetingDetail> {
  await change(db, ctx, id, live, async (trx, m) => {
    allow(ctx, 'meetings.manage', m.facts);
    checkMove(m.row.status as 'planned', 'convened');
    const now = ctx.clock.now();
    const registrationDeadline = new Date(input.registrationDeadline);
    const documentsDeadline = new Date(input.documentsDeadline);
    checkTimes({ startsAt: m.row.starts_at, endsAt: m.row.ends_at, registrationDeadline, documentsDeadline });
    if (registrationDeadline.getTime() <= now.getTime()) throw rule('meetings.deadline_past', 'The registration deadline has already passed.', 'registrationDeadline');
    if (documentsDeadline.getTime() <= now.getTime()) throw rule('meetings.deadline_past', 'The deadline for documents has already passed.', 'documentsDeadline');
    if (m.invitations.length === 0) throw rule('meetings.nobody_invited', 'Invite at least one party before convening.', 'members');
    const profile = (await readProfile(trx)) as { officialLanguages?: string[]; workingLanguages?: string[] } | null;
    const languages = [...new Set([...(profile?.officialLanguages ?? []), ...(profile?.workingLanguages ?? []), 'en'])];
    const body = await repo.findBody(trx, m.row.body_code);
    const bodyNames = (body?.names as Record<string, string>) ?? { en: m.row.body_code };
    const items = await repo.itemsOf(trx, id);
    const numbers = numberAgenda(items);
    const withDeadlines = m.row;
    const notice: Record<string, string> = {};
    for (const lang of languages) {
      const titles = agendaOrder(items).map((i) => `${numbers.get(i.id)}. ${localized(i.title as Record<string, string>, lang)}`);
      notice[lang] = renderNotice(lang, {
        meetingName: meetingName(lang, withDeadlines.ordinal, bodyNames[lang] ?? bodyNames.en ?? m.row.body_code),
        title: localized(m.row.title as Record<string, string>, lang),
        start: new Date(m.row.starts_at),
        end: new Date(m.row.ends_at),
        zone: m.row.time_zone,
        place: placeOf(m.row, lang),
        format: m.row.format,
        registrationDeadline,
        documentsDeadline,
        agenda: titles.length ? titles.join('\n') : '—',
      });
    }
    const row = await repo.updateMeeting(trx, id, {
      status: 'convened',
      convened_at: now,
      registration_deadline: registrationDeadline,
      documents_deadline: documentsDeadline,
      notice: JSON.stringify(notice),
      updated_at: now,
    });
    // Every invited delegation's focal points and heads hear of it, by e-mail and in the app, in their language.
    const recipients = await repo.noticeRecipients(trx, m.invitations.map((i) => i.party_id));
    for (const r of recipients) {
      const locale = matchMailLocale(r.language);
      await sendNotification(trx, ctx, {
        to: { userId: r.id },
        kind: 'meetings.convened',
        params: {
          meetingName: meetingName(locale, row.ordinal, bodyNames[locale] ?? bodyNames.en ?? row.body_code),
          venue: venueLine(row, locale) || '—',
          start: formatInstant(new Date(row.starts_at), r.language, r.time_zone),
          registrationDeadline: formatInstant(registrationDeadline, r.language, r.time_zone),
          documentsDeadline: formatInstant(documentsDeadline, r.language, r.time_zone),
        },
        link: `/meetings/${id}`,
        objectType: 'meeting',
        objectId: id,
        force: 'email',
      });
    }
    await recordAudit(trx, ctx, {
      action: 'meetings.convene',
      objectType: 'meeting',
      objectId: id,
      before: { status: m.row.status },
      after: { status: 'convened', registrationDeadline, documentsDeadline, languages, recipients: recipients.length },
    });
    return { result: null, event: { type: 'meeting', data: { change: 'status', status: 'convened' } } };
  });
  kickJobs?.();
  return getMeeting(db, ctx, id);
}

export function localized(text: Record<string, string>, lang: string): string {
  return text[lang] ?? text.en ?? Object.values(text)[0] ?? '';
}

/** Opens the session or closes the meeting (the Chair, or the Secretariat on its behalf). */
export async function changeStatus(db: DB, ctx: Ctx, live: LiveNotifier | null, id: string, to: 'in-session' | 'closed'): Promise<MeetingDetail> {
  await change(db, ctx, id, live, async (trx, m) => {
    allow(ctx, 'meetings.chair', m.facts);
    checkMove(m.row.status as 'convened', to);
    const now = ctx.clock.now();
    if (to === 'closed') {
      const speaking = await repo.speakingInMeeting(trx, id);
      if (speaking) await repo.updateSpeaker(trx, speaking.id, { status: 'done', ended_at: now });
    }
    await repo.updateMeeting(trx, id, { status: to, updated_at: now });
    await recordAudit(trx, ctx, { action: to === 'in-session' ? 'meetings.open' : 'meetings.close', objectType: 'meeting', objectId: id, before: { status: m.row.status }, after: { status: to } });
    const liveState = await liveSnapshot(trx, id, ctx.clock.now());
    return { result: null, event: { type: 'live', data: { change: 'status', live: liveState } } };
  });
  return getMeeting(db, ctx, id);
}

// ---------------------------------------------------------------------------------------------
// Agenda

export interface AgendaDocumentView {
  id: string;
  symbol: string;
  title: string;
}

export interface AgendaItemView {
  id: string;
  number: string | null;
  parentId: string | null;
  position: number;
  title: Record<string, string>;
  status: 'listed' | 'requested' | 'declined';
  requestedBy: string | null;
  explanation: string | null;
  decisionNote: string | null;
  documents: AgendaDocumentView[];
  statements: Array<{ id: string; party: string; language: string; text: string; documentId: string | null; createdAt: string }>;
}

export interface AgendaView {
  meetingId: string;
  status: 'provisional' | 'adopted';
  adoptedAt: string | null;
  decisionId: string | null;
  currentItemId: string | null;
  items: AgendaItemView[];
  requests: AgendaItemView[];
}

export async function getAgenda(db: DB, ctx: Ctx, id: string): Promise<AgendaView> {
  const m = await loadVisibleMeeting(db, ctx, id);
  return agendaView(db, ctx, m);
}

async function agendaView(db: DB, ctx: Ctx, m: LoadedMeeting): Promise<AgendaView> {
  const items = await repo.itemsOf(db, m.row.id);
  const numbers = numberAgenda(items);
  const docs = await repo.visibleItemDocuments(db, ctx.actor, ctx.clock.now(), items.map((i) => i.id));
  const statements = await repo.statementsOf(db, m.row.id);
  const parties = new Map((await repo.partiesByIds(db, [...new Set([...items.map((i) => i.requested_by_party_id), ...statements.map((s) => s.party_id)].filter((x): x is string => !!x))])).map((p) => [p.id, p.code]));
  const present = (i: repo.ItemRow): AgendaItemView => ({
    id: i.id,
    number: numbers.get(i.id) ?? null,
    parentId: i.parent_id,
    position: i.position,
    title: i.title as Record<string, string>,
    status: i.status,
    requestedBy: i.requested_by_party_id ? (parties.get(i.requested_by_party_id) ?? null) : null,
    explanation: i.explanation,
    decisionNote: i.decision_note,
    documents: docs.filter((d) => d.item_id === i.id).map((d) => ({ id: d.id, symbol: d.symbol, title: d.title })),
    statements: statements
      .filter((s) => s.item_id === i.id)
      .map((s) => ({ id: s.id, party: parties.get(s.party_id) ?? '', language: s.language, text: s.text, documentId: s.document_id, createdAt: new Date(s.created_at).toISOString() })),
  });
  // Requests are seen by the Secretariat, the Chair and the party that asked.
  const seesAllRequests = m.facts && (ctx.actor.partyKind === 'secretariat' || (ctx.actor.partyId !== null && ctx.actor.partyId === m.row.presiding_party_id));
  return {
    meetingId: m.row.id,
    status: m.row.agenda_status,
    adoptedAt: m.row.agenda_adopted_at ? new Date(m.row.agenda_adopted_at).toISOString() : null,
    decisionId: m.row.agenda_decision_id,
    currentItemId: m.row.current_item_id,
    items: agendaOrder(items).map(present),
    requests: items.filter((i) => i.status !== 'listed' && (seesAllRequests || (!!ctx.actor.partyId && i.requested_by_party_id === ctx.actor.partyId))).map(present),
  };
}

function assertProvisional(row: repo.MeetingRow): void {
  if (row.agenda_status === 'adopted') throw rule('meetings.agenda_adopted', 'The agenda has been adopted; it can no longer be changed.');
  if (row.status === 'closed' || row.status === 'record-final') throw rule('meetings.meeting_closed', 'The meeting is closed.');
}

async function checkDocuments(trx: DB, ids: readonly string[]): Promise<void> {
  const found = await repo.existingDocumentIds(trx, ids);
  const missing = ids.filter((d) => !found.has(d));
  if (missing.length) throw new AppError('unprocessable', 'meetings.unknown_document', `Unknown document: ${missing.join(', ')}.`, { fields: [{ field: 'documentIds', message: 'unknown document' }] });
}

export interface ItemInput {
  title: Record<string, string>;
  parentId?: string | null;
  index?: number;
  documentIds?: string[];
}

export async function addItem(db: DB, ctx: Ctx, live: LiveNotifier | null, id: string, input: ItemInput): Promise<AgendaView> {
  await change(db, ctx, id, live, async (trx, m) => {
    allow(ctx, 'meetings.editAgenda', m.facts);
    assertProvisional(m.row);
    if (input.documentIds?.length) await checkDocuments(trx, input.documentIds);
    const items = await repo.itemsOf(trx, id);
    const item = await repo.insertItem(trx, { meeting_id: id, parent_id: null, position: 1_000_000, title: JSON.stringify(input.title), status: 'listed', created_at: ctx.clock.now() });
    const all = [...items, item];
    await repo.setPositions(trx, placeItem(all, item.id, input.parentId ?? null, input.index));
    if (input.documentIds) await repo.replaceItemDocuments(trx, item.id, input.documentIds);
    await recordAudit(trx, ctx, { action: 'meetings.agenda.add', objectType: 'agenda_item', objectId: item.id, after: { meetingId: id, title: input.title, parentId: input.parentId ?? null, index: input.index ?? null, documentIds: input.documentIds ?? [] } });
    return { result: null, event: { type: 'agenda', data: { change: 'added', itemId: item.id } } };
  });
  return getAgenda(db, ctx, id);
}

export interface ItemChange {
  title?: Record<string, string>;
  parentId?: string | null;
  index?: number;
  documentIds?: string[];
}

export async function updateItem(db: DB, ctx: Ctx, live: LiveNotifier | null, id: string, itemId: string, input: ItemChange): Promise<AgendaView> {
  await change(db, ctx, id, live, async (trx, m) => {
    allow(ctx, 'meetings.editAgenda', m.facts);
    const items = await repo.itemsOf(trx, id);
    const item = items.find((i) => i.id === itemId);
    if (!item) throw new AppError('not_found', 'not_found', 'The agenda item was not found.');
    // Documents may still be linked after adoption (papers arrive late); the agenda itself may not change.
    const structural = input.title !== undefined || input.parentId !== undefined || input.index !== undefined;
    if (structural) assertProvisional(m.row);
    if (input.documentIds?.length) await checkDocuments(trx, input.documentIds);
    if (input.title) await repo.updateItem(trx, itemId, { title: JSON.stringify(input.title) });
    if (input.parentId !== undefined || input.index !== undefined) {
      if (item.status !== 'listed') throw rule('meetings.item_not_listed', 'Only an item on the agenda can be moved.', 'itemId');
      await repo.setPositions(trx, placeItem(items, itemId, input.parentId === undefined ? item.parent_id : input.parentId, input.index));
    }
    if (input.documentIds) await repo.replaceItemDocuments(trx, itemId, input.documentIds);
    await recordAudit(trx, ctx, {
      action: 'meetings.agenda.update',
      objectType: 'agenda_item',
      objectId: itemId,
      before: { title: item.title, parentId: item.parent_id, position: item.position },
      after: input,
    });
    return { result: null, event: { type: 'agenda', data: { change: 'updated', itemId } } };
  });
  return getAgenda(db, ctx, id);
}

export async function deleteItem(db: DB, ctx: Ctx, live: LiveNotifier | null, id: string, itemId: string): Promise<AgendaView> {
  await change(db, ctx, id, live, async (trx, m) => {
    allow(ctx, 'meetings.editAgenda', m.facts);
    assertProvisional(m.row);
    const items = await repo.itemsOf(trx, id);
    const item = items.find((i) => i.id === itemId);
    if (!item) throw new AppError('not_found', 'not_found', 'The agenda item was not found.');
    const gone = subtreeIds(items, itemId);
    await repo.setPositions(trx, closeRanks(items, itemId));
    await repo.deleteItems(trx, gone);
    await recordAudit(trx, ctx, { action: 'meetings.agenda.delete', objectType: 'agenda_item', objectId: itemId, before: { title: item.title, removed: gone } });
    return { result: null, event: { type: 'agenda', data: { change: 'deleted', itemId } } };
  });
  return getAgenda(db, ctx, id);
}

export async function requestItem(db: DB, ctx: Ctx, live: LiveNotifier | null, id: string, input: { title: Record<string, string>; explanation?: string }): Promise<AgendaView> {
  await change(db, ctx, id, live, async (trx, m) => {
    allow(ctx, 'meetings.requestItem', m.facts);
    assertProvisional(m.row);
    const item = await repo.insertItem(trx, {
      meeting_id: id,
      parent_id: null,
      position: 0,
      title: JSON.stringify(input.title),
      status: 'requested',
      requested_by_party_id: ctx.actor.partyId,
      explanation: input.explanation ?? null,
      created_at: ctx.clock.now(),
    });
    await recordAudit(trx, ctx, { action: 'meetings.agenda.request', objectType: 'agenda_item', objectId: item.id, after: { meetingId: id, title: input.title, explanation: input.explanation ?? null } });
    return { result: null, event: { type: 'agenda', data: { change: 'requested', itemId: item.id } } };
  });
  return getAgenda(db, ctx, id);
}

export async function decideRequest(db: DB, ctx: Ctx, live: LiveNotifier | null, id: string, itemId: string, input: { accept: boolean; note?: string; index?: number }): Promise<AgendaView> {
  await change(db, ctx, id, live, async (trx, m) => {
    allow(ctx, 'meetings.chair', m.facts);
    assertProvisional(m.row);
    const items = await repo.itemsOf(trx, id);
    const item = items.find((i) => i.id === itemId);
    if (!item) throw new AppError('not_found', 'not_found', 'The agenda item was not found.');
    if (item.status !== 'requested') throw rule('meetings.already_decided', 'This request has already been decided.');
    const now = ctx.clock.now();
    if (input.accept) {
      const listed = items.map((i) => (i.id === itemId ? { ...i, status: 'listed' as const } : i));
      await repo.updateItem(trx, itemId, { status: 'listed', decided_at: now, decision_note: input.note ?? null });
      await repo.setPositions(trx, placeItem(listed, itemId, null, input.index));
    } else {
      await repo.updateItem(trx, itemId, { status: 'declined', decided_at: now, decision_note: input.note ?? null });
    }
    await recordAudit(trx, ctx, { action: input.accept ? 'meetings.agenda.accept' : 'meetings.agenda.decline', objectType: 'agenda_item', objectId: itemId, before: { status: 'requested' }, after: { status: input.accept ? 'listed' : 'declined', note: input.note ?? null } });
    return { result: null, event: { type: 'agenda', data: { change: input.accept ? 'accepted' : 'declined', itemId } } };
  });
  return getAgenda(db, ctx, id);
}

/**
 * Adopts the agenda by consensus: either on a decision of the decisions module about this meeting
 * whose in-session finding was "no objection", or on the Chair's own finding in session that no
 * delegation objects (the audit trail keeps who found it and when).
 */
export async function adoptAgenda(db: DB, ctx: Ctx, live: LiveNotifier | null, id: string, input: { decisionId?: string | null }): Promise<AgendaView> {
  await change(db, ctx, id, live, async (trx, m) => {
    allow(ctx, 'meetings.chair', m.facts);
    if (m.row.agenda_status === 'adopted') throw rule('meetings.agenda_adopted', 'The agenda is already adopted.');
    const items = await repo.itemsOf(trx, id);
    if (!items.some((i) => i.status === 'listed')) throw rule('meetings.agenda_empty', 'The agenda has no items.');
    if (items.some((i) => i.status === 'requested')) throw rule('meetings.requests_pending', 'Decide every requested item before adopting the agenda.');
    let decisionId: string | null = null;
    if (input.decisionId) {
      const d = await repo.findDecisionRef(trx, input.decisionId);
      if (!d || d.meeting_id !== id) throw new AppError('unprocessable', 'meetings.decision_not_of_meeting', 'The decision is not one of this meeting.', { fields: [{ field: 'decisionId', message: 'not a decision of this meeting' }] });
      if (d.withdrawn_at || d.finding_outcome !== 'no-objection') throw rule('meetings.decision_not_adopted', 'The decision was not adopted by consensus.', 'decisionId');
      decisionId = d.id;
    } else if (m.row.status !== 'in-session') {
      throw rule('meetings.not_in_session', 'Without a decision of the decisions module, the agenda is adopted in session.');
    }
    const now = ctx.clock.now();
    await repo.updateMeeting(trx, id, { agenda_status: 'adopted', agenda_adopted_at: now, agenda_decision_id: decisionId, updated_at: now });
    await recordAudit(trx, ctx, { action: 'meetings.agenda.adopt', objectType: 'meeting', objectId: id, before: { agendaStatus: 'provisional' }, after: { agendaStatus: 'adopted', decisionId, items: agendaOrder(items).length } });
    return { result: null, event: { type: 'agenda', data: { change: 'adopted' } } };
  });
  return getAgenda(db, ctx, id);
}

// ---------------------------------------------------------------------------------------------
// The summary record

export interface RecordView {
  meetingId: string;
  status: 'draft' | 'circulated' | 'final';
  circulatedAt: string | null;
  correctionsDeadline: string | null;
  finalAt: string | null;
  canCorrect: boolean;
  entries: Array<{ itemId: string; number: string | null; title: Record<string, string>; language: string | null; text: string | null; updatedAt: string | null }>;
  corrections: Array<{ id: string; itemId: string; party: string; text: string; status: 'pending' | 'accepted' | 'rejected'; createdAt: string; decidedAt: string | null; decisionNote: string | null }>;
  outcomes: Array<{ id: string; documentId: string | null; symbol: string | null; title: string | null; decisionId: string | null; decisionTitle: Record<string, string> | null }>;
}

function assertRecordReader(ctx: Ctx, m: LoadedMeeting): void {
  // Until final, the draft record is for the participants and the Secretariat.
  if (m.row.record_status !== 'final') allow(ctx, 'meetings.participants', m.facts);
}

export async function getRecord(db: DB, ctx: Ctx, id: string): Promise<RecordView> {
  const m = await loadVisibleMeeting(db, ctx, id);
  assertRecordReader(ctx, m);
  return recordView(db, ctx, m);
}

async function recordView(db: DB, ctx: Ctx, m: LoadedMeeting): Promise<RecordView> {
  const items = await repo.itemsOf(db, m.row.id);
  const numbers = numberAgenda(items);
  const entries = new Map((await repo.recordEntries(db, m.row.id)).map((e) => [e.item_id, e]));
  const isSecretariat = ctx.actor.partyKind === 'secretariat';
  const corrections = await repo.correctionsOf(db, m.row.id, isSecretariat ? undefined : (ctx.actor.partyId ?? '00000000-0000-0000-0000-000000000000'));
  const parties = new Map((await repo.partiesByIds(db, [...new Set(corrections.map((c) => c.party_id))])).map((p) => [p.id, p.code]));
  const outcomes = await repo.visibleOutcomes(db, ctx.actor, ctx.clock.now(), m.row.id);
  const now = ctx.clock.now();
  return {
    meetingId: m.row.id,
    status: m.row.record_status,
    circulatedAt: m.row.record_circulated_at ? new Date(m.row.record_circulated_at).toISOString() : null,
    correctionsDeadline: m.row.corrections_deadline ? new Date(m.row.corrections_deadline).toISOString() : null,
    finalAt: m.row.record_final_at ? new Date(m.row.record_final_at).toISOString() : null,
    canCorrect: canCorrectRecord({ status: m.row.record_status, correctionsDeadline: m.row.corrections_deadline }, now) && mayCorrect(ctx, m),
    entries: agendaOrder(items).map((i) => {
      const e = entries.get(i.id);
      return { itemId: i.id, number: numbers.get(i.id) ?? null, title: i.title as Record<string, string>, language: e?.language ?? null, text: e?.text ?? null, updatedAt: e ? new Date(e.updated_at).toISOString() : null };
    }),
    corrections: corrections.map((c) => ({
      id: c.id,
      itemId: c.item_id,
      party: parties.get(c.party_id) ?? '',
      text: c.text,
      status: c.status,
      createdAt: new Date(c.created_at).toISOString(),
      decidedAt: c.decided_at ? new Date(c.decided_at).toISOString() : null,
      decisionNote: c.decision_note,
    })),
    outcomes,
  };
}

function mayCorrect(ctx: Ctx, m: LoadedMeeting): boolean {
  try {
    allow(ctx, 'meetings.correctRecord', m.facts);
    return true;
  } catch {
    return false;
  }
}

export async function draftRecordEntry(db: DB, ctx: Ctx, live: LiveNotifier | null, id: string, itemId: string, input: { language: string; text: string }): Promise<RecordView> {
  await change(db, ctx, id, live, async (trx, m) => {
    allow(ctx, 'meetings.manage', m.facts);
    if (m.row.record_status === 'final') throw rule('meetings.record_final', 'The record is final.');
    if (m.row.status !== 'in-session' && m.row.status !== 'closed') throw rule('meetings.not_editable', 'The record is drafted during and after the meeting.');
    const item = (await repo.itemsOf(trx, id)).find((i) => i.id === itemId && i.status === 'listed');
    if (!item) throw new AppError('not_found', 'not_found', 'The agenda item was not found.');
    const before = (await repo.recordEntries(trx, id)).find((e) => e.item_id === itemId);
    await repo.upsertRecordEntry(trx, { itemId, meetingId: id, language: input.language, text: input.text, now: ctx.clock.now(), userId: ctx.actor.userId });
    await recordAudit(trx, ctx, { action: 'meetings.record.draft', objectType: 'agenda_item', objectId: itemId, before: before ? { language: before.language, text: before.text } : null, after: input });
    return { result: null, event: { type: 'record', data: { change: 'drafted', itemId } } };
  });
  return getRecord(db, ctx, id);
}

export async function circulateRecord(db: DB, ctx: Ctx, live: LiveNotifier | null, id: string, input: { correctionsDeadline: string }, kickJobs?: () => void): Promise<RecordView> {
  await change(db, ctx, id, live, async (trx, m) => {
    allow(ctx, 'meetings.manage', m.facts);
    if (m.row.status !== 'closed') throw rule('meetings.not_closed', 'The record is circulated once the meeting is closed.');
    if (m.row.record_status !== 'draft') throw rule('meetings.already_circulated', 'The record has already been circulated.');
    const now = ctx.clock.now();
    const deadline = new Date(input.correctionsDeadline);
    if (deadline.getTime() <= now.getTime()) throw rule('meetings.deadline_past', 'The deadline for corrections must be in the future.', 'correctionsDeadline');
    const entries = await repo.recordEntries(trx, id);
    if (entries.length === 0) throw rule('meetings.record_empty', 'Draft the summary of at least one item before circulating the record.');
    await repo.updateMeeting(trx, id, { record_status: 'circulated', record_circulated_at: now, corrections_deadline: deadline, updated_at: now });
    const body = await repo.findBody(trx, m.row.body_code);
    const bodyNames = (body?.names as Record<string, string>) ?? { en: m.row.body_code };
    const recipients = await repo.noticeRecipients(trx, m.invitations.map((i) => i.party_id));
    for (const r of recipients) {
      const locale = matchMailLocale(r.language);
      await sendNotification(trx, ctx, {
        to: { userId: r.id },
        kind: 'meetings.record_circulated',
        params: { meetingName: meetingName(locale, m.row.ordinal, bodyNames[locale] ?? bodyNames.en ?? m.row.body_code), deadline: formatInstant(deadline, r.language, r.time_zone) },
        link: `/meetings/${id}/record`,
        objectType: 'meeting',
        objectId: id,
      });
    }
    await recordAudit(trx, ctx, { action: 'meetings.record.circulate', objectType: 'meeting', objectId: id, before: { recordStatus: 'draft' }, after: { recordStatus: 'circulated', correctionsDeadline: deadline, recipients: recipients.length } });
    return { result: null, event: { type: 'record', data: { change: 'circulated' } } };
  });
  kickJobs?.();
  return getRecord(db, ctx, id);
}

export async function proposeCorrection(db: DB, ctx: Ctx, live: LiveNotifier | null, id: string, input: { itemId: string; text: string }): Promise<RecordView> {
  await change(db, ctx, id, live, async (trx, m) => {
    allow(ctx, 'meetings.correctRecord', m.facts);
    if (!canCorrectRecord({ status: m.row.record_status, correctionsDeadline: m.row.corrections_deadline }, ctx.clock.now())) {
      throw rule('meetings.corrections_closed', m.row.record_status === 'circulated' ? 'The deadline for corrections has passed.' : 'The record is not open for corrections.');
    }
    const item = (await repo.itemsOf(trx, id)).find((i) => i.id === input.itemId && i.status === 'listed');
    if (!item) throw new AppError('unprocessable', 'meetings.item_not_found', 'The agenda item was not found.', { fields: [{ field: 'itemId', message: 'not an item of this meeting' }] });
    const c = await repo.insertCorrection(trx, { meetingId: id, itemId: input.itemId, partyId: ctx.actor.partyId!, userId: ctx.actor.userId, text: input.text, now: ctx.clock.now() });
    await recordAudit(trx, ctx, { action: 'meetings.record.correct', objectType: 'record_correction', objectId: c.id, after: { meetingId: id, itemId: input.itemId, text: input.text } });
    return { result: null, event: { type: 'record', data: { change: 'correction' } } };
  });
  return getRecord(db, ctx, id);
}

export async function decideCorrection(db: DB, ctx: Ctx, live: LiveNotifier | null, id: string, correctionId: string, input: { accept: boolean; note?: string }): Promise<RecordView> {
  await change(db, ctx, id, live, async (trx, m) => {
    allow(ctx, 'meetings.manage', m.facts);
    if (m.row.record_status === 'final') throw rule('meetings.record_final', 'The record is final.');
    const c = await repo.findCorrection(trx, id, correctionId);
    if (!c) throw new AppError('not_found', 'not_found', 'The correction was not found.');
    if (c.status !== 'pending') throw rule('meetings.already_decided', 'This correction has already been decided.');
    const after = await repo.decideCorrection(trx, correctionId, { status: input.accept ? 'accepted' : 'rejected', now: ctx.clock.now(), userId: ctx.actor.userId, note: input.note ?? null });
    await recordAudit(trx, ctx, { action: 'meetings.record.decide', objectType: 'record_correction', objectId: correctionId, before: { status: 'pending' }, after: { status: after.status, note: after.decision_note } });
    return { result: null, event: { type: 'record', data: { change: 'correction-decided' } } };
  });
  return getRecord(db, ctx, id);
}

export async function finalizeRecord(db: DB, ctx: Ctx, live: LiveNotifier | null, id: string): Promise<RecordView> {
  await change(db, ctx, id, live, async (trx, m) => {
    allow(ctx, 'meetings.manage', m.facts);
    const now = ctx.clock.now();
    checkFinalize({ status: m.row.record_status, correctionsDeadline: m.row.corrections_deadline }, await repo.pendingCorrections(trx, id), now);
    checkMove(m.row.status as 'closed', 'record-final');
    await repo.updateMeeting(trx, id, { record_status: 'final', record_final_at: now, status: 'record-final', updated_at: now });
    await recordAudit(trx, ctx, { action: 'meetings.record.finalize', objectType: 'meeting', objectId: id, before: { status: m.row.status, recordStatus: m.row.record_status }, after: { status: 'record-final', recordStatus: 'final' } });
    return { result: null, event: { type: 'meeting', data: { change: 'status', status: 'record-final' } } };
  });
  return getRecord(db, ctx, id);
}

export async function linkOutcome(db: DB, ctx: Ctx, live: LiveNotifier | null, id: string, input: { documentId?: string | null; decisionId?: string | null }): Promise<RecordView> {
  await change(db, ctx, id, live, async (trx, m) => {
    allow(ctx, 'meetings.manage', m.facts);
    if (m.row.status === 'planned' || m.row.status === 'convened') throw rule('meetings.not_held', 'Outcomes are linked once the meeting has met.');
    if (!!input.documentId === !!input.decisionId) throw new AppError('bad_input', 'meetings.outcome_one_ref', 'Give either a document or a decision.', { fields: [{ field: 'documentId', message: 'give a document or a decision' }] });
    if (input.documentId) await checkDocuments(trx, [input.documentId]);
    if (input.decisionId) {
      const d = await repo.findDecisionRef(trx, input.decisionId);
      if (!d) throw new AppError('unprocessable', 'meetings.unknown_decision', 'Unknown decision.', { fields: [{ field: 'decisionId', message: 'unknown decision' }] });
      if (d.meeting_id && d.meeting_id !== id) throw new AppError('unprocessable', 'meetings.decision_not_of_meeting', 'The decision belongs to another meeting.', { fields: [{ field: 'decisionId', message: 'belongs to another meeting' }] });
    }
    const row = await repo.insertOutcome(trx, { meetingId: id, documentId: input.documentId ?? null, decisionId: input.decisionId ?? null, now: ctx.clock.now() });
    if (!row) throw rule('meetings.already_linked', 'This outcome is already linked.');
    await recordAudit(trx, ctx, { action: 'meetings.outcome.link', objectType: 'meeting', objectId: id, after: input });
    return { result: null, event: { type: 'record', data: { change: 'outcome' } } };
  });
  return getRecord(db, ctx, id);
}

export { snapshot as meetingSnapshot };
