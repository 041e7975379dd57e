/**
 * Decisions: load → authorize → rule → save → audit, one transaction per change. The state of a
 * decision is never stored: every read derives it from the record, the positions and the clock
 * (decision.ts). Jobs only announce what the clock has already made true.
 */
import { randomUUID } from 'node:crypto';
import type { DB } from '../../db/database.ts';
import type { Actor, Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { authorize, can } from '../../shared/policy.ts';
import { type AuditEntry, recordAudit } from '../audit/audit.service.ts';
import { requireSession } from '../identity/actor.ts';
import { totpStepOf } from '../identity/totp.ts';
import '../documents/documents.policy.ts';
import { accessFactsOf, addressedPartyIds } from '../documents/documents.repository.ts';
import { runIdempotent, type IdempotentRequest, type IdempotentResult } from '../idempotency/idempotency.service.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import { getProfile } from '../profile/profile.service.ts';
import { currentChairPartyId } from '../registry/registry.service.ts';
import {
  awaitingParties,
  type CurrentPosition,
  checkExtension,
  checkFinding,
  checkLaunch,
  checkPosition,
  checkWithdrawal,
  type ConsensusDefinition,
  type DecisionRecord,
  type DerivedState,
  deriveState,
  instantToLocal,
  isAnnexed,
  isBlocking,
  isFinal,
  type LocalDeadline,
  type PositionSummary,
  reminderSchedule,
  resolveSilenceExpiry,
  summarizePositions,
} from './decision.ts';
import { type Annex, circulateText, issueAdoptedDecision } from './decisions.documents.ts';
import { decisionErrors, fromRule } from './decisions.errors.ts';
import { noticeCirculated, noticeExtended, noticeOutcome, noticeReminder, noticeSilenceBroken } from './decisions.notices.ts';
import { type DecisionAccess, type DecisionFacts, isOnBehalfOfChair } from './decisions.policy.ts';
import * as repo from './decisions.repository.ts';
import type { DecisionListRow, DecisionRow, PositionRow, PositionWithParty } from './decisions.repository.ts';
import type { CreateDecisionInput, DecisionView, PositionInputBody, RecordPositionResult } from './decisions.schemas.ts';
import './decisions.policy.ts';

export const concludeJobKind = 'decisions.conclude';
export const reminderJobKind = 'decisions.reminder';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const toDate = (d: Date | string | null | undefined) => (d ? new Date(d) : null);

// ---------------------------------------------------------------------------------------------
// Settings and facts

interface Settings {
  definition: ConsensusDefinition;
  silenceDays: number;
  closingHour: string;
  zone: string;
  reminderDaysBefore: number[];
  requireWorkingLanguagesReady: boolean;
  workingLanguages: string[];
  observersMayComment: boolean;
  symbolPrefix: string;
}

async function settingsOf(db: DB): Promise<Settings> {
  const p = await getProfile(db);
  if (!p) throw decisionErrors.noProfile();
  return {
    definition: p.consensus.definition,
    silenceDays: p.consensus.silenceDays,
    closingHour: p.consensus.silenceClosingHour,
    zone: p.timeZone,
    reminderDaysBefore: p.consensus.reminderDaysBefore,
    requireWorkingLanguagesReady: p.consensus.requireWorkingLanguagesReady,
    workingLanguages: p.workingLanguages,
    observersMayComment: p.consensus.observersMayComment,
    symbolPrefix: p.symbolPrefix,
  };
}

/**
 * Facts the policies need. Looking up the Chair and the profile costs queries, so a caller that
 * knows it needs neither (recording a position on a launched decision) asks for less.
 */
async function factsFor(db: DB, ctx: Ctx, need: { chair: boolean; profile: boolean } = { chair: true, profile: true }, settings?: Settings): Promise<DecisionFacts> {
  const now = ctx.clock.now();
  const s = need.profile ? (settings ?? (await settingsOf(db).catch(() => null))) : null;
  return { now, chairPartyId: need.chair ? await currentChairPartyId(db, now) : null, observersMayComment: s?.observersMayComment ?? false };
}

export function recordOf(row: DecisionRow): DecisionRecord {
  return {
    procedure: row.procedure,
    launchedAt: toDate(row.launched_at),
    expiresAt: toDate(row.expires_at),
    withdrawnAt: toDate(row.withdrawn_at),
    finding: row.finding_at
      ? { at: new Date(row.finding_at), outcome: row.finding_outcome!, objectorPartyIds: row.finding_objector_party_ids ?? [] }
      : null,
  };
}

function currentOf(rows: readonly PositionRow[]): CurrentPosition[] {
  return rows.filter((r) => r.is_current).map((r) => ({ partyId: r.party_id, kind: r.kind, at: new Date(r.recorded_at) }));
}

function summaryFromRows(row: DecisionRow, positions: readonly PositionRow[]): PositionSummary {
  return summarizePositions(currentOf(positions), row.member_party_ids ?? [], toDate(row.expires_at));
}

export function summaryFromList(row: DecisionListRow): PositionSummary {
  return { blockingPartyIds: row.blocking_party_ids ?? [], joinedCount: Number(row.joined_count), memberCount: (row.member_party_ids ?? []).length };
}

export function accessOf(row: DecisionRow, d: DerivedState): DecisionAccess {
  return {
    state: d.state,
    isLaunched: row.launched_at !== null,
    isFinal: isFinal(d.state),
    outcomeAccess: row.outcome_access,
    proposerPartyId: row.proposer_party_id,
    memberPartyIds: row.member_party_ids ?? [],
  };
}

function localOf(row: DecisionRow): LocalDeadline | null {
  return row.expires_at && row.expiry_zone ? { date: row.expiry_local_date!, time: row.expiry_local_time!, zone: row.expiry_zone } : null;
}

function expiryView(row: DecisionRow) {
  const l = localOf(row);
  return l ? { at: iso(row.expires_at)!, ...l } : null;
}

/**
 * Writes a transaction's audit entries, in order, as its last step. The audit chain's lock is taken
 * last: sign-in holds a person's row and then waits for that lock, so a transaction that took the
 * lock first and then touched the person's row (a notification, a position) could deadlock with it.
 */
async function writeAudits(trx: DB, ctx: Ctx, audits: readonly AuditEntry[]): Promise<void> {
  for (const a of audits) await recordAudit(trx, ctx, a);
}

/** Runs a pure rule and turns its errors into AppErrors. */
function rule<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    throw fromRule(err);
  }
}

// ---------------------------------------------------------------------------------------------
// Loading a decision for the actor

interface Loaded {
  row: DecisionRow;
  positions: PositionWithParty[];
  derived: DerivedState;
  access: DecisionAccess;
  facts: DecisionFacts;
}

/**
 * Loads a decision with its current positions and derives its state now; 404 unless the actor may
 * read it. `share`: the row share-locked, with positions in one round trip (`read`: the same, no
 * lock); `update`: for the Chair's actions. `facts: 'lean'` skips the Chair and profile lookups when the policy cannot need them.
 */
async function load(db: DB, ctx: Ctx, id: string, lock: 'share' | 'read' | 'update' | null, opts: { facts?: 'full' | 'lean' } = {}): Promise<Loaded> {
  let row: DecisionRow | undefined;
  let positions: PositionWithParty[] = [];
  if (lock === 'share' || lock === 'read') {
    const r = await repo.decisionWithPositions(db, id, lock === 'share' ? 'share' : null);
    row = r?.row;
    positions = r?.positions ?? [];
  } else {
    row = lock ? await repo.lockDecision(db, id, lock) : await repo.findDecision(db, id);
    if (row) positions = await repo.currentPositions(db, id);
  }
  if (!row) throw decisionErrors.notFound();
  const derived = deriveState(recordOf(row), summaryFromRows(row, positions), row.definition, ctx.clock.now());
  const access = accessOf(row, derived);
  const lean = opts.facts === 'lean';
  const facts = await factsFor(db, ctx, lean ? { chair: !row.launched_at, profile: isObserverActor(ctx.actor) } : { chair: true, profile: true });
  authorize(ctx.actor, 'decisions.read', access, facts, { hide: true, what: 'decision' });
  return { row, positions, derived, access, facts };
}

const isObserverActor = (a: Actor) => a.kind === 'user' && (a.partyKind === 'observer-state' || a.partyKind === 'observer-organization');

// ---------------------------------------------------------------------------------------------
// Views

async function partyCodes(db: DB, ids: readonly string[]): Promise<Map<string, string>> {
  const parties = await repo.partiesByIds(db, [...new Set(ids)]);
  return new Map(parties.map((p) => [p.id, p.code]));
}

function positionView(p: PositionWithParty) {
  return {
    id: p.id,
    partyCode: p.party_code,
    kind: p.kind,
    text: p.text,
    recordedAt: iso(p.recorded_at)!,
    isCurrent: p.is_current,
    supersededBy: p.superseded_by,
  };
}

function annexesOf(positions: readonly PositionWithParty[], row: DecisionRow) {
  const cutoff = toDate(row.expires_at);
  return positions
    .filter((p) => p.is_current && isAnnexed(p.kind) && (row.member_party_ids ?? []).includes(p.party_id) && (!cutoff || new Date(p.recorded_at) < cutoff))
    .map((p) => ({ partyCode: p.party_code, kind: p.kind as 'reservation' | 'interpretative-statement', text: p.text ?? '', recordedAt: iso(p.recorded_at)! }));
}

async function viewOf(db: DB, ctx: Ctx, l: Loaded): Promise<DecisionView> {
  const { row, positions, derived, access, facts } = l;
  const actor = ctx.actor;
  const membersView = can(actor, 'decisions.readPositions', access, facts);
  const codes = await partyCodes(db, [...derived.blockingPartyIds, ...(row.finding_objector_party_ids ?? []), ...(row.proposer_party_id ? [row.proposer_party_id] : [])]);
  const symbols = await repo.documentSymbols(db, [row.text_document_id, row.outcome_document_id].filter((x): x is string => !!x));
  const mine = actor.partyId ? positions.find((p) => p.party_id === actor.partyId) : undefined;
  const annexes = annexesOf(positions, row);
  const showAnnexes = membersView || derived.state === 'adopted';
  return {
    ...summaryView(row, derived, {
      textSymbol: row.text_document_id ? (symbols.get(row.text_document_id) ?? null) : null,
      outcomeSymbol: row.outcome_document_id ? (symbols.get(row.outcome_document_id) ?? null) : null,
      acted: positions.filter((p) => (row.member_party_ids ?? []).includes(p.party_id)).length,
      membersView,
      myPosition: mine?.kind ?? null,
      actor,
    }),
    proposer: { kind: row.proposer_kind, partyCode: row.proposer_party_id ? (codes.get(row.proposer_party_id) ?? null) : null },
    meetingId: row.meeting_id,
    definition: row.definition,
    outcomeAccess: row.outcome_access,
    launchedOnBehalfOfChair: row.launched_on_behalf_of_chair,
    extensions: (row.extensions ?? []).map((e) => ({
      at: e.at,
      from: { at: e.from.instant, date: e.from.date, time: e.from.time, zone: e.from.zone },
      to: { at: e.to.instant, date: e.to.date, time: e.to.time, zone: e.to.zone },
      onBehalfOfChair: e.onBehalfOfChair,
      reason: e.reason,
    })),
    withdrawnAt: iso(row.withdrawn_at),
    withdrawalReason: row.withdrawal_reason,
    finding: row.finding_at
      ? {
          at: iso(row.finding_at)!,
          outcome: row.finding_outcome!,
          objectors: membersView ? (row.finding_objector_party_ids ?? []).map((id) => codes.get(id) ?? id) : [],
          note: membersView ? row.finding_note : null,
          onBehalfOfChair: row.finding_on_behalf_of_chair,
        }
      : null,
    blockingStates: membersView ? derived.blockingPartyIds.map((id) => codes.get(id) ?? id).sort() : null,
    annexes: showAnnexes ? annexes : [],
    acceptsPositions: derived.acceptsPositions,
    concludedAt: iso(row.concluded_at),
    now: ctx.clock.now().toISOString(),
    can: {
      recordPosition: derived.acceptsPositions && can(actor, 'decisions.recordPosition', access, facts),
      launch: derived.state === 'draft' && can(actor, 'decisions.launch', access, facts),
      extend: row.procedure === 'silence' && (derived.state === 'circulated' || derived.state === 'silence-broken') && can(actor, 'decisions.extend', access, facts),
      withdraw: !isFinal(derived.state) && can(actor, 'decisions.withdraw', access, facts),
      recordFinding: row.procedure === 'in-session' && !isFinal(derived.state) && can(actor, 'decisions.recordFinding', access, facts),
      comment: can(actor, 'decisions.comment', access, facts),
    },
  };
}

function summaryView(
  row: DecisionRow,
  derived: DerivedState,
  x: { textSymbol: string | null; outcomeSymbol: string | null; acted: number; membersView: boolean; myPosition: PositionRow['kind'] | null; actor: Actor },
) {
  const isMember = !!x.actor.partyId && (row.member_party_ids ?? []).includes(x.actor.partyId);
  return {
    id: row.id,
    bodyCode: row.body_code,
    title: row.title,
    procedure: row.procedure,
    state: derived.state,
    decidedAt: iso(derived.decidedAt),
    launchedAt: iso(row.launched_at),
    expiry: expiryView(row),
    textDocument: row.text_document_id && x.textSymbol ? { id: row.text_document_id, symbol: x.textSymbol } : null,
    outcomeDocument: row.outcome_document_id && x.outcomeSymbol ? { id: row.outcome_document_id, symbol: x.outcomeSymbol } : null,
    progress: x.membersView ? { members: (row.member_party_ids ?? []).length, acted: x.acted } : null,
    myPosition: isMember ? x.myPosition : null,
    awaitingMyState: isMember && derived.acceptsPositions && x.myPosition === null && x.actor.partyKind === 'member-state',
    createdAt: iso(row.created_at)!,
  };
}

// ---------------------------------------------------------------------------------------------
// Create, read, list

export async function createDecision(db: DB, ctx: Ctx, input: CreateDecisionInput): Promise<DecisionView> {
  const settings = await settingsOf(db);
  const id = await db.transaction().execute(async (trx) => {
    const actor = ctx.actor;
    const facts = await factsFor(trx, ctx, { chair: true, profile: true }, settings);
    let proposerPartyId: string | null = null;
    if (input.proposerKind === 'member-state') {
      const code = input.proposerPartyCode ?? (actor.partyKind === 'member-state' ? actor.partyCode : null);
      if (!code) throw decisionErrors.proposerMismatch();
      const [party] = await repo.partiesByCodes(trx, [code]);
      if (!party || party.kind !== 'member-state') throw decisionErrors.unknownParty('proposerPartyCode', code);
      proposerPartyId = party.id;
    } else if (input.proposerPartyCode) {
      throw decisionErrors.proposerMismatch();
    } else if (input.proposerKind === 'chair') {
      proposerPartyId = facts.chairPartyId ?? null;
    }
    authorize(actor, 'decisions.create', { proposerKind: input.proposerKind, proposerPartyId }, facts);
    const body = await repo.findBody(trx, input.bodyCode);
    if (!body) throw decisionErrors.unknownBody(input.bodyCode);
    if (input.textDocumentId) {
      const doc = await repo.findTextDocument(trx, input.textDocumentId);
      if (!doc || !can(actor, 'documents.read', await documentAccessFacts(trx, input.textDocumentId), { now: ctx.clock.now() })) throw decisionErrors.unknownDocument();
      if (doc.body_code !== input.bodyCode) {
        throw new AppError('unprocessable', 'decisions.document_body_mismatch', `The text ${doc.symbol} belongs to ${doc.body_code}, not ${input.bodyCode}.`, {
          fields: [{ field: 'textDocumentId', message: 'is a document of another body' }],
        });
      }
    }
    if (input.meetingId) {
      if (input.procedure !== 'in-session') throw decisionErrors.meetingNotInSession();
      const meeting = await repo.findMeetingFor(trx, input.meetingId, actor);
      if (!meeting) throw decisionErrors.unknownMeeting();
      if (meeting.body_code !== input.bodyCode) throw decisionErrors.meetingOfAnotherBody(input.bodyCode);
    }
    const now = ctx.clock.now();
    const row = await repo.insertDecision(trx, {
      body_code: input.bodyCode,
      text_document_id: input.textDocumentId ?? null,
      title: JSON.stringify(input.title),
      proposer_kind: input.proposerKind,
      proposer_party_id: proposerPartyId,
      procedure: input.procedure,
      meeting_id: input.meetingId ?? null,
      definition: settings.definition,
      outcome_access: input.outcomeAccess,
      created_by_user_id: actor.userId,
      created_at: now,
    });
    await recordAudit(trx, ctx, {
      action: 'decisions.create',
      objectType: 'decision',
      objectId: row.id,
      after: { body: row.body_code, title: input.title, procedure: row.procedure, proposer: row.proposer_kind, proposerPartyId, textDocumentId: row.text_document_id, outcomeAccess: row.outcome_access },
    });
    return row.id;
  });
  return getDecision(db, ctx, id);
}

/** The default expiry of a silence procedure launched now, from the profile: what the form to prepare a decision proposes. */
export async function silenceDefault(db: DB, ctx: Ctx) {
  authorize(ctx.actor, 'decisions.prepare');
  const settings = await settingsOf(db);
  const d = rule(() => resolveSilenceExpiry(ctx.clock.now(), { days: settings.silenceDays, closingHour: settings.closingHour, zone: settings.zone }, null));
  return { expiry: { at: d.instant.toISOString(), ...d.local }, silenceDays: settings.silenceDays, closingHour: settings.closingHour, zone: settings.zone };
}

async function documentAccessFacts(db: DB, documentId: string) {
  const row = await db.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirstOrThrow();
  return accessFactsOf(row, await addressedPartyIds(db, documentId));
}

export async function getDecision(db: DB, ctx: Ctx, id: string): Promise<DecisionView> {
  return viewOf(db, ctx, await load(db, ctx, id, null));
}

export interface ListInput {
  state?: DerivedState['state'];
  body?: string;
  procedure?: 'in-session' | 'silence';
  awaiting?: 'mine';
  textDocumentId?: string;
  limit: number;
  offset: number;
}

/**
 * Decisions the actor may see, newest first, each with its state computed now. The database
 * filters and pages (visibility and state in SQL, the same rules as decision.ts); the state shown
 * is derived again for each row by the pure rule, and the policy is checked row by row.
 */
export async function listDecisions(db: DB, ctx: Ctx, q: ListInput) {
  const actor = ctx.actor;
  const now = ctx.clock.now();
  const facts = await factsFor(db, ctx);
  if (q.awaiting === 'mine' && !(actor.partyKind === 'member-state' && actor.partyId)) return { items: [], total: 0, limit: q.limit, offset: q.offset };
  const isMember = actor.kind === 'user' && actor.partyKind === 'member-state' && !!actor.partyId;
  const where: repo.ListWhere = {
    viewer: actor,
    facts: { now, chairPartyId: facts.chairPartyId ?? null, observersMayComment: facts.observersMayComment === true },
    bodyCode: q.body,
    procedure: q.procedure,
    awaitingPartyId: q.awaiting === 'mine' ? actor.partyId! : undefined,
    state: q.state,
    textDocumentId: q.textDocumentId,
    now,
    myPartyId: isMember ? actor.partyId : null,
  };
  const { rows, total } = await repo.withoutJit(db, async (trx) => ({
    rows: await repo.listDecisionRows(trx, where, { limit: q.limit, offset: q.offset }),
    total: await repo.countDecisionRows(trx, where),
  }));
  const items = [];
  for (const row of rows) {
    const derived = deriveState(recordOf(row), summaryFromList(row), row.definition, now);
    const access = accessOf(row, derived);
    if (!can(actor, 'decisions.read', access, facts)) continue;
    items.push(
      summaryView(row, derived, {
        textSymbol: row.text_symbol,
        outcomeSymbol: row.outcome_symbol,
        acted: Number(row.acted_count),
        membersView: can(actor, 'decisions.readPositions', access, facts),
        myPosition: row.my_position,
        actor,
      }),
    );
  }
  return { items, total, limit: q.limit, offset: q.offset };
}

// ---------------------------------------------------------------------------------------------
// Chair actions

/** Loads for a Chair action: readable (else 404), then the action checked (403). */
async function loadForChair(trx: DB, ctx: Ctx, id: string, action: 'launch' | 'extend' | 'withdraw' | 'recordFinding') {
  const l = await load(trx, ctx, id, 'update');
  authorize(ctx.actor, `decisions.${action}`, l.access, l.facts);
  return { ...l, onBehalf: isOnBehalfOfChair(ctx.actor, l.facts) };
}

async function checkText(trx: DB, row: DecisionRow, settings: Settings) {
  if (!row.text_document_id) {
    if (row.procedure === 'silence') throw decisionErrors.textRequired();
    return;
  }
  if (!settings.requireWorkingLanguagesReady) return;
  const doc = await repo.findTextDocument(trx, row.text_document_id);
  const ready = new Set((doc?.languages ?? []).filter((l) => l.status === 'ready').map((l) => l.language));
  const missing = settings.workingLanguages.filter((l) => !ready.has(l));
  if (missing.length) throw decisionErrors.languagesNotReady(missing);
}

/** Schedules what the clock will make true: the conclusion at expiry and the reminders before it. */
async function scheduleSilenceJobs(trx: DB, ctx: Ctx, row: DecisionRow, settings: Settings) {
  const at = new Date(row.expires_at!);
  await enqueueJob(trx, ctx.clock, concludeJobKind, { decisionId: row.id }, { runAt: at, dedupeKey: `${concludeJobKind}:${row.id}:${at.toISOString()}` });
  for (const r of reminderSchedule(localOf(row)!, settings.reminderDaysBefore, ctx.clock.now())) {
    await enqueueJob(trx, ctx.clock, reminderJobKind, { decisionId: row.id, localDate: r.localDate }, { runAt: r.at, dedupeKey: `${reminderJobKind}:${row.id}:${r.localDate}` });
  }
}

export async function launchDecision(db: DB, ctx: Ctx, id: string, input: { expiry?: LocalDeadline | null }): Promise<DecisionView> {
  const settings = await settingsOf(db);
  await db.transaction().execute(async (trx) => {
    const { row, derived, onBehalf } = await loadForChair(trx, ctx, id, 'launch');
    rule(() => checkLaunch(recordOf(row), derived));
    await checkText(trx, row, settings);
    const now = ctx.clock.now();
    const members = await repo.memberStateIds(trx);
    let expiry: { instant: Date; local: LocalDeadline } | null = null;
    if (row.procedure === 'silence') {
      expiry = rule(() => resolveSilenceExpiry(now, { days: settings.silenceDays, closingHour: settings.closingHour, zone: settings.zone }, input.expiry ?? null));
    } else if (input.expiry) {
      throw new AppError('unprocessable', 'decisions.expiry_not_in_session', 'A decision taken in session has no silence deadline.', { fields: [{ field: 'expiry', message: 'only for a silence procedure' }] });
    }
    const updated = await repo.updateDecision(trx, id, {
      launched_at: now,
      launched_by_user_id: ctx.actor.userId,
      launched_on_behalf_of_chair: onBehalf,
      member_party_ids: members,
      expires_at: expiry?.instant ?? null,
      expiry_zone: expiry?.local.zone ?? null,
      expiry_local_date: expiry?.local.date ?? null,
      expiry_local_time: expiry?.local.time ?? null,
    });
    const audits: AuditEntry[] = [];
    audits.push({
      action: 'decisions.launch',
      objectType: 'decision',
      objectId: id,
      before: { state: derived.state },
      after: {
        procedure: row.procedure,
        launchedAt: now.toISOString(),
        onBehalfOfChair: onBehalf,
        expiry: expiry ? { at: expiry.instant.toISOString(), ...expiry.local } : null,
        members: members.length,
      },
    });
    if (row.text_document_id && row.procedure === 'silence') await circulateText(trx, ctx, row.text_document_id, id, audits);
    if (row.procedure === 'silence') {
      await scheduleSilenceJobs(trx, ctx, updated, settings);
      const body = await repo.findBody(trx, row.body_code);
      await noticeCirculated(trx, ctx, updated, body?.names ?? {});
    }
    await writeAudits(trx, ctx, audits);
  });
  return getDecision(db, ctx, id);
}

export async function extendDecision(db: DB, ctx: Ctx, id: string, input: { expiry: LocalDeadline; reason?: string | null }): Promise<DecisionView> {
  const settings = await settingsOf(db);
  await db.transaction().execute(async (trx) => {
    const { row, derived, onBehalf } = await loadForChair(trx, ctx, id, 'extend');
    if (row.procedure !== 'silence' || !row.expires_at) {
      throw new AppError('unprocessable', 'decisions.not_silence', 'Only a running silence procedure can be extended.');
    }
    if (derived.state !== 'circulated' && derived.state !== 'silence-broken') {
      throw new AppError('conflict', 'decisions.closed', 'The silence period is over or the decision was withdrawn: it can no longer be extended.');
    }
    const now = ctx.clock.now();
    const next = rule(() => checkExtension(new Date(row.expires_at!), input.expiry, now));
    const from = { instant: iso(row.expires_at)!, ...localOf(row)! };
    const to = { instant: next.instant.toISOString(), ...next.local };
    const extension = { at: now.toISOString(), byUserId: ctx.actor.userId, onBehalfOfChair: onBehalf, from, to, reason: input.reason ?? null };
    const updated = await repo.updateDecision(trx, id, {
      expires_at: next.instant,
      expiry_zone: next.local.zone,
      expiry_local_date: next.local.date,
      expiry_local_time: next.local.time,
      extensions: JSON.stringify([...(row.extensions ?? []), extension]),
    });
    await scheduleSilenceJobs(trx, ctx, updated, settings);
    await noticeExtended(trx, ctx, updated);
    await recordAudit(trx, ctx, { action: 'decisions.extend', objectType: 'decision', objectId: id, before: { expiry: from }, after: { expiry: to, onBehalfOfChair: onBehalf, reason: input.reason ?? null } });
  });
  return getDecision(db, ctx, id);
}

export async function withdrawDecision(db: DB, ctx: Ctx, id: string, input: { reason?: string | null }): Promise<DecisionView> {
  await db.transaction().execute(async (trx) => {
    const { row, derived, onBehalf } = await loadForChair(trx, ctx, id, 'withdraw');
    rule(() => checkWithdrawal(derived));
    const now = ctx.clock.now();
    const updated = await repo.updateDecision(trx, id, { withdrawn_at: now, withdrawn_by_user_id: ctx.actor.userId, withdrawal_reason: input.reason ?? null, concluded_at: now });
    if (row.launched_at) await noticeOutcome(trx, ctx, updated, { state: 'withdrawn' });
    await recordAudit(trx, ctx, {
      action: 'decisions.withdraw',
      objectType: 'decision',
      objectId: id,
      before: { state: derived.state },
      after: { state: 'withdrawn', onBehalfOfChair: onBehalf, reason: input.reason ?? null },
    });
  });
  return getDecision(db, ctx, id);
}

export async function recordFinding(
  db: DB,
  ctx: Ctx,
  id: string,
  input: { outcome: 'no-objection' | 'objection'; objectorPartyCodes: string[]; note?: string | null },
): Promise<DecisionView> {
  const settings = await settingsOf(db);
  await db.transaction().execute(async (trx) => {
    const l = await loadForChair(trx, ctx, id, 'recordFinding');
    let row = l.row;
    const now = ctx.clock.now();
    if (!row.launched_at && row.procedure === 'in-session') {
      // Presenting the text and finding on it in one step: the text is launched now.
      await checkText(trx, row, settings);
      row = await repo.updateDecision(trx, id, { launched_at: now, launched_by_user_id: ctx.actor.userId, launched_on_behalf_of_chair: l.onBehalf, member_party_ids: await repo.memberStateIds(trx) });
    }
    const objectors = await repo.partiesByCodes(trx, input.objectorPartyCodes);
    for (const code of input.objectorPartyCodes) {
      const p = objectors.find((o) => o.code === code);
      if (!p || !(row.member_party_ids ?? []).includes(p.id)) throw decisionErrors.unknownParty('objectorPartyCodes', code);
    }
    const objectorIds = input.objectorPartyCodes.map((c) => objectors.find((o) => o.code === c)!.id);
    const positions = await repo.currentPositions(trx, id);
    const summary = summaryFromRows(row, positions);
    const derived = deriveState(recordOf(row), summary, row.definition, now);
    rule(() => checkFinding(recordOf(row), derived, { outcome: input.outcome, objectorPartyIds: objectorIds }, summary, row.definition));
    const updated = await repo.updateDecision(trx, id, {
      finding_at: now,
      finding_outcome: input.outcome,
      finding_objector_party_ids: objectorIds,
      finding_by_user_id: ctx.actor.userId,
      finding_on_behalf_of_chair: l.onBehalf,
      finding_note: input.note ?? null,
    });
    const audits: AuditEntry[] = [];
    audits.push({
      action: 'decisions.finding',
      objectType: 'decision',
      objectId: id,
      before: { state: derived.state },
      after: { outcome: input.outcome, objectors: input.objectorPartyCodes, note: input.note ?? null, onBehalfOfChair: l.onBehalf, at: now.toISOString() },
    });
    await concludeIn(trx, ctx, updated, settings, audits);
    await writeAudits(trx, ctx, audits);
  });
  return getDecision(db, ctx, id);
}

// ---------------------------------------------------------------------------------------------
// Positions

const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === '23505';

async function recordPositionOnce(db: DB, ctx: Ctx, id: string, input: PositionInputBody, totp: string | null, complete?: (trx: DB, status: number, body: RecordPositionResult) => Promise<void>) {
  return db.transaction().execute(async (trx) => {
    const actor = ctx.actor;
    // Refusals (401/403/404) are written to the audit trail as `access.denied` by the auth hook, for every route.
    const l = await load(trx, ctx, id, 'read', { facts: 'lean' });
    const { access, facts } = l;
    let { row, derived, positions } = l;
    if (input.party && input.party !== actor.partyCode) {
      throw new AppError('forbidden', 'decisions.not_your_state', 'A position is recorded only for your own state.', { fields: [{ field: 'party', message: 'is not your state' }] });
    }
    authorize(actor, 'decisions.recordPosition', access, facts);
    requireSession(ctx);
    const factor = await repo.secondFactorOf(trx, actor.userId!);
    if (!factor?.enabled || !factor.secret) throw decisionErrors.totpNotEnabled();
    const now = ctx.clock.now();
    const partyId = actor.partyId!;
    const asCurrent = (p: { kind: PositionRow['kind']; recorded_at: Date | string; text: string | null } | undefined) =>
      p ? { partyId, kind: p.kind, at: new Date(p.recorded_at), text: p.text } : null;
    const check = (p: Parameters<typeof asCurrent>[0]) => rule(() => checkPosition(recordOf(row), derived, asCurrent(p), { kind: input.kind, text: input.text }, now));
    const seen = positions.find((p) => p.party_id === partyId);
    // Repeating the current position records nothing (no lock, no write): the common retry.
    let verdict = check(seen);
    let current: PositionRow | undefined;
    if (verdict === 'record') {
      // To write: hold this state's position on this decision, the decision (share) and the current
      // position row, and check again on what they say now.
      await repo.lockStatePosition(trx, id, partyId);
      const locked = await repo.decisionWithPositions(trx, id, 'share');
      if (!locked) throw decisionErrors.notFound();
      row = locked.row;
      positions = locked.positions;
      derived = deriveState(recordOf(row), summaryFromRows(row, positions), row.definition, now);
      current = await repo.lockCurrentPosition(trx, id, partyId);
      verdict = check(current);
    }
    let result: RecordPositionResult;
    let status: number;
    if (verdict === 'unchanged') {
      const same = (current ?? seen)!;
      result = { position: positionView({ ...same, party_code: actor.partyCode! }), changed: false, state: derived.state };
      status = 200;
    } else {
      await confirmStepUp(trx, ctx, factor.secret, totp);
      const newId = randomUUID();
      if (current && !(await repo.supersedePosition(trx, current.id, newId))) throw decisionErrors.busy();
      const inserted = await repo.insertPosition(trx, {
        id: newId,
        decision_id: id,
        party_id: partyId,
        kind: input.kind,
        text: input.text?.trim() || null,
        recorded_by_user_id: actor.userId!,
        recorded_at: now,
        mfa: true,
        request_id: ctx.requestId,
      });
      const after = [...positions.filter((p) => p.party_id !== partyId), { ...inserted, party_code: actor.partyCode! }];
      const nextState = deriveState(recordOf(row), summaryFromRows(row, after), row.definition, now);
      if (isBlocking(input.kind) && !(current && isBlocking(current.kind))) {
        const [party] = await repo.partiesByIds(trx, [partyId]);
        await noticeSilenceBroken(trx, ctx, row, { ...(party?.names ?? {}), ...(party?.short_names ?? {}) });
      }
      await recordAudit(trx, ctx, {
        action: 'decisions.position',
        objectType: 'decision',
        objectId: id,
        before: current ? { positionId: current.id, kind: current.kind, text: current.text } : null,
        after: { positionId: inserted.id, party: actor.partyCode, kind: inserted.kind, text: inserted.text, state: nextState.state },
      });
      result = { position: positionView({ ...inserted, party_code: actor.partyCode! }), changed: true, state: nextState.state };
      status = 201;
    }
    await complete?.(trx, status, result);
    return { status, body: result };
  });
}

/**
 * The two-factor step-up of a position: a TOTP code valid now (one step of drift either way), from
 * the person's authenticator, not spent on another step-up before. Asked only when something is to be
 * recorded: repeating the current position records nothing and needs no code.
 */
async function confirmStepUp(trx: DB, ctx: Ctx, secret: string, code: string | null): Promise<void> {
  if (!code) throw decisionErrors.totpRequired();
  const now = ctx.clock.now();
  const step = totpStepOf(secret, code, now);
  if (step === null || !(await repo.spendStepUp(trx, ctx.actor.userId!, step, now))) throw decisionErrors.totpInvalid();
}

/**
 * Records the caller's state's position, confirmed with a TOTP code (`totp`). Concurrent identical submissions end in one position:
 * the unique index on (decision, state) WHERE current refuses a second current row, and the loser
 * retries, finds the same position current, and answers "unchanged".
 */
export async function recordPosition(
  db: DB,
  ctx: Ctx,
  id: string,
  input: PositionInputBody,
  idempotency?: IdempotentRequest,
  totp: string | null = null,
): Promise<IdempotentResult<RecordPositionResult>> {
  const attempt = async (complete?: (trx: DB, status: number, body: RecordPositionResult) => Promise<void>) => {
    for (let i = 0; ; i++) {
      try {
        return await recordPositionOnce(db, ctx, id, input, totp, complete);
      } catch (err) {
        const retriable = isUniqueViolation(err) || (err instanceof AppError && err.code === 'decisions.busy');
        if (!retriable || i >= 8) throw err;
      }
    }
  };
  if (idempotency) return runIdempotent(db, ctx, idempotency, (complete) => attempt(complete));
  return { ...(await attempt()), replayed: false };
}

export async function listPositions(db: DB, ctx: Ctx, id: string) {
  const l = await load(db, ctx, id, null);
  const { row, derived, access, facts, positions } = l;
  const membersView = can(ctx.actor, 'decisions.readPositions', access, facts);
  const annexes = membersView || derived.state === 'adopted' ? annexesOf(positions, row) : [];
  if (!membersView) return { decisionId: id, state: derived.state, members: null, history: null, blockingStates: null, annexes };
  const memberIds = row.member_party_ids?.length ? row.member_party_ids : await repo.memberStateIds(db);
  const parties = await repo.partiesByIds(db, memberIds);
  const history = await repo.positionHistory(db, id);
  const codes = new Map(parties.map((p) => [p.id, p.code]));
  return {
    decisionId: id,
    state: derived.state,
    members: parties.map((p) => {
      const cur = positions.find((x) => x.party_id === p.id);
      return { partyCode: p.code, position: cur ? positionView(cur) : null };
    }),
    history: history.map(positionView),
    blockingStates: derived.blockingPartyIds.map((pid) => codes.get(pid) ?? pid).sort(),
    annexes,
  };
}

// ---------------------------------------------------------------------------------------------
// Observers' comments

export async function addComment(db: DB, ctx: Ctx, id: string, input: { text: string }) {
  return db.transaction().execute(async (trx) => {
    const { access, facts } = await load(trx, ctx, id, 'share');
    authorize(ctx.actor, 'decisions.comment', access, facts);
    const row = await repo.insertComment(trx, { decision_id: id, party_id: ctx.actor.partyId!, user_id: ctx.actor.userId!, text: input.text, created_at: ctx.clock.now() });
    await recordAudit(trx, ctx, { action: 'decisions.comment', objectType: 'decision', objectId: id, after: { commentId: row.id, party: ctx.actor.partyCode, text: input.text } });
    const [c] = (await repo.listComments(trx, id, null)).filter((x) => x.id === row.id);
    return { id: c.id, partyCode: c.party_code, author: c.user_name, text: c.text, createdAt: iso(c.created_at)! };
  });
}

export async function listComments(db: DB, ctx: Ctx, id: string) {
  const { access, facts } = await load(db, ctx, id, null);
  authorize(ctx.actor, 'decisions.readComments', access, facts);
  // Observers see their own party's comments; members and the Secretariat see all.
  const own = ctx.actor.partyKind === 'observer-state' || ctx.actor.partyKind === 'observer-organization' ? ctx.actor.partyId : null;
  const rows = await repo.listComments(db, id, own);
  return { items: rows.map((c) => ({ id: c.id, partyCode: c.party_code, author: c.user_name, text: c.text, createdAt: iso(c.created_at)! })) };
}

// ---------------------------------------------------------------------------------------------
// Conclusion and reminders (jobs): they announce what the clock already made true.

/**
 * Writes down and announces a final outcome once: issues the adopted decision as a document,
 * annexes included, or tells the states it was not adopted. Does nothing while the decision is
 * open or when it was already concluded, so a late or repeated job changes nothing.
 */
async function concludeIn(trx: DB, ctx: Ctx, row: DecisionRow, settings: Settings, audits: AuditEntry[]): Promise<boolean> {
  if (row.concluded_at) return false;
  const positions = await repo.currentPositions(trx, row.id);
  const derived = deriveState(recordOf(row), summaryFromRows(row, positions), row.definition, ctx.clock.now());
  if (derived.state !== 'adopted' && derived.state !== 'not-adopted') return false;
  const now = ctx.clock.now();
  if (derived.state === 'adopted') {
    const annexRows = positions.filter((p) => isAnnexed(p.kind) && (row.member_party_ids ?? []).includes(p.party_id) && (!row.expires_at || new Date(p.recorded_at) < new Date(row.expires_at)));
    const parties = await repo.partiesByIds(trx, annexRows.map((p) => p.party_id));
    const annexes: Annex[] = annexRows.map((p) => {
      const party = parties.find((x) => x.id === p.party_id);
      return { kind: p.kind as Annex['kind'], text: p.text ?? '', partyCode: p.party_code, partyNames: { ...(party?.names ?? {}), ...(party?.short_names ?? {}) } };
    });
    const adoptionDay = instantToLocal(derived.decidedAt!, settings.zone).date;
    const issued = await issueAdoptedDecision(trx, ctx, {
      decisionId: row.id,
      bodyCode: row.body_code,
      textDocumentId: row.text_document_id,
      title: row.title,
      accessLevel: row.outcome_access,
      symbolPrefix: settings.symbolPrefix,
      adoptionDay,
      annexes,
    }, audits);
    const updated = await repo.updateDecision(trx, row.id, { concluded_at: now, outcome_document_id: issued.id });
    audits.push({
      action: 'decisions.adopt',
      objectType: 'decision',
      objectId: row.id,
      after: { state: 'adopted', decidedAt: derived.decidedAt!.toISOString(), symbol: issued.symbol, documentId: issued.id, annexes: annexes.map((a) => ({ party: a.partyCode, kind: a.kind })) },
    });
    await noticeOutcome(trx, ctx, updated, { state: 'adopted', symbol: issued.symbol });
  } else {
    const updated = await repo.updateDecision(trx, row.id, { concluded_at: now });
    const codes = await partyCodes(trx, derived.blockingPartyIds);
    audits.push({
      action: 'decisions.not_adopt',
      objectType: 'decision',
      objectId: row.id,
      after: { state: 'not-adopted', decidedAt: derived.decidedAt!.toISOString(), blocking: derived.blockingPartyIds.map((id) => codes.get(id) ?? id) },
    });
    await noticeOutcome(trx, ctx, updated, { state: 'not-adopted' });
  }
  return true;
}

/** Job: conclude the decision if the clock says it is final. Safe to run late, early or twice. */
export async function concludeDecision(db: DB, ctx: Ctx, id: string): Promise<boolean> {
  const settings = await settingsOf(db);
  return db.transaction().execute(async (trx) => {
    const row = await repo.lockDecision(trx, id, 'update');
    if (!row) return false;
    const audits: AuditEntry[] = [];
    const done = await concludeIn(trx, ctx, row, settings, audits);
    await writeAudits(trx, ctx, audits);
    return done;
  });
}

/** Job: remind the states that have not acted, if the decision is still open and this reminder still belongs to its deadline. */
export async function remindDecision(db: DB, ctx: Ctx, id: string, localDate: string): Promise<number> {
  const settings = await settingsOf(db);
  return db.transaction().execute(async (trx) => {
    const row = await repo.lockDecision(trx, id, 'share');
    if (!row || row.procedure !== 'silence' || !row.expires_at) return 0;
    const positions = await repo.currentPositions(trx, id);
    const now = ctx.clock.now();
    const derived = deriveState(recordOf(row), summaryFromRows(row, positions), row.definition, now);
    if (derived.state !== 'circulated' && derived.state !== 'silence-broken') return 0;
    // After an extension the schedule moves; a reminder of the old schedule says nothing.
    const schedule = reminderSchedule(localOf(row)!, settings.reminderDaysBefore, new Date(row.launched_at!));
    if (!schedule.some((r) => r.localDate === localDate)) return 0;
    const awaiting = awaitingParties(row.member_party_ids ?? [], currentOf(positions));
    if (awaiting.length === 0) return 0;
    await noticeReminder(trx, ctx, row, awaiting);
    return awaiting.length;
  });
}

// ---------------------------------------------------------------------------------------------
// Calendar

export interface DecisionDeadline {
  decisionId: string;
  title: Record<string, string>;
  bodyCode: string;
  /** The expiry instant (UTC) and as set (local date, time, zone). */
  at: string;
  local: LocalDeadline;
  state: DerivedState['state'];
  link: string;
}

/**
 * Silence deadlines in [from, to) the actor may see, for the meetings module's ICS feed. Each is
 * a point in time with its own zone; the feed can write it as DTSTART;TZID=<zone>.
 */
export async function decisionDeadlinesFor(db: DB, actor: Actor, range: { from: Date; to: Date }, clock: { now(): Date } = { now: () => new Date() }): Promise<DecisionDeadline[]> {
  const ctx: Ctx = { actor, requestId: null, clock };
  const facts = await factsFor(db, ctx);
  const rows = await repo.decisionsExpiringBetween(db, range.from, range.to);
  const out: DecisionDeadline[] = [];
  for (const row of rows) {
    const positions = await repo.currentPositions(db, row.id);
    const derived = deriveState(recordOf(row), summaryFromRows(row, positions), row.definition, clock.now());
    if (derived.state === 'withdrawn') continue;
    if (!can(actor, 'decisions.read', accessOf(row, derived), facts)) continue;
    out.push({ decisionId: row.id, title: row.title, bodyCode: row.body_code, at: iso(row.expires_at)!, local: localOf(row)!, state: derived.state, link: `/decisions/${row.id}` });
  }
  return out;
}
