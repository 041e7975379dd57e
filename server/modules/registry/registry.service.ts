/**
 * The forum registry: parties with their status history, bodies and who sits in them, chairmanship
 * terms and bids, the heads of the Secretariat. Reads are public except delegation contacts; every
 * change is for Secretariat admins (bids also for the bidding state) and is audited with before and after
 * in the transaction that makes it.
 */
import type { DB } from '../../db/database.ts';
import type { Actor, Ctx } from '../../shared/context.ts';
import { authorize, can } from '../../shared/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { readProfile } from '../profile/profile.repository.ts';
import { namesOn, renameBody, wouldCycle } from './body.ts';
import { type BidStatus, canMoveBid, chairTermConflict, dayIn } from './chairmanship.ts';
import { chairOn, currentStatus, earliestDay, latestDay, resolveChairTerms, statusOn } from './membership.ts';
import { alpha3Of, isStateCode, isStateKind, periodProblem, planStatusChange, stateNames, statusOfKind, type StoredPeriod } from './party.ts';
import { registryErrors } from './registry.errors.ts';
import './registry.policy.ts';
import * as repo from './registry.repository.ts';
import type {
  BodyView,
  ChairBidView,
  ChairTermView,
  ChangeStatusInput,
  CreateBodyInput,
  CreateChairBidInput,
  CreateChairTermInput,
  CreatePartyInput,
  PartyForMembersView,
  PartyPublicView,
  UpdateBodyInput,
  UpdateChairBidInput,
  UpdateChairTermInput,
  UpdatePartyInput,
  UpdatePeriodInput,
} from './registry.schemas.ts';
import type { BodyFacts, ChairTerm, PartyFacts, PartyStatus, SecretariatHead, StatusPeriod } from './registry.types.ts';

// ---------------------------------------------------------------------------------------------------------
// Time: which day it is for the forum

const FALLBACK_ZONE = 'UTC';

/** Today at the forum's seat ('YYYY-MM-DD'): chair terms and statuses change at the seat's midnight. */
export async function forumDay(db: DB, now: Date): Promise<string> {
  const profile = await readProfile(db);
  const zone = typeof profile?.timeZone === 'string' ? profile.timeZone : FALLBACK_ZONE;
  return dayIn(now, zone);
}

// ---------------------------------------------------------------------------------------------------------
// Parties: presenting

function factsOf(row: repo.PartyRow, periods: readonly repo.PeriodRow[]): PartyFacts {
  return {
    code: row.code,
    kind: row.kind,
    history: periods.map(
      (p): StatusPeriod => ({
        status: p.status,
        from: p.from_date,
        ...(p.known_by === null ? {} : { knownBy: p.known_by }),
        ...(p.to_date === null ? {} : { to: p.to_date }),
        ...(p.uncertain === null ? {} : { uncertain: p.uncertain }),
      }),
    ),
  };
}

/** The period that gives the status shown: the one in force on `on`, else the open one. */
function periodGiving(periods: readonly repo.PeriodRow[], status: PartyStatus | null, on: string | null): repo.PeriodRow | null {
  if (status === null) return null;
  const candidates = periods.filter((p) => p.status === status);
  if (on === null) return [...candidates].reverse().find((p) => p.to_date === null) ?? null;
  let best: { p: repo.PeriodRow; start: string } | null = null;
  for (const p of candidates) {
    const start = p.from_date !== null ? earliestDay(p.from_date) : p.known_by !== null ? latestDay(p.known_by) : null;
    if (start === null || on < start) continue;
    if (p.to_date !== null && on > latestDay(p.to_date)) continue;
    if (best === null || start >= best.start) best = { p, start };
  }
  return best?.p ?? null;
}

function presentPublic(row: repo.PartyRow, periods: readonly repo.PeriodRow[], on: string | null): PartyPublicView {
  const facts = factsOf(row, periods);
  const status = on === null ? currentStatus(facts) : statusOn(facts, on);
  const giving = periodGiving(periods, status, on);
  const agreements = (row.agreements ?? []) as PartyPublicView['agreements'];
  return {
    code: row.code,
    kind: row.kind,
    names: row.names,
    shortNames: row.short_names,
    isoAlpha3: row.iso_alpha3,
    flag: row.flag,
    status,
    since: giving ? { from: giving.from_date, knownBy: giving.known_by, uncertain: giving.uncertain } : null,
    history: periods.map((p) => ({
      id: p.id,
      status: p.status,
      from: p.from_date,
      knownBy: p.known_by,
      to: p.to_date,
      uncertain: p.uncertain,
      decisionRef: p.decision_ref,
    })),
    agreements,
    notes: row.notes ?? [],
    uncertain: periods.some((p) => p.uncertain !== null) || agreements.some((a) => Boolean(a.uncertain)),
  };
}

function presentForMembers(row: repo.PartyRow, periods: readonly repo.PeriodRow[], on: string | null): PartyForMembersView {
  return { ...presentPublic(row, periods, on), contact: (row.contact as PartyForMembersView['contact']) ?? null };
}

/**
 * What the actor may see of a party. The public view is built without the contact field at all, so a
 * caller who may not see contacts cannot receive them whatever the serializer does.
 */
function presentFor(actor: Actor, row: repo.PartyRow, periods: readonly repo.PeriodRow[], on: string | null): PartyPublicView | PartyForMembersView {
  return can(actor, 'registry.readContacts', { id: row.id }) ? presentForMembers(row, periods, on) : presentPublic(row, periods, on);
}

function groupPeriods(periods: readonly repo.PeriodRow[]): Map<string, repo.PeriodRow[]> {
  const byParty = new Map<string, repo.PeriodRow[]>();
  for (const p of periods) {
    const list = byParty.get(p.party_id) ?? [];
    list.push(p);
    byParty.set(p.party_id, list);
  }
  return byParty;
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase();
}

export interface PartyQuery {
  kind?: repo.PartyRow['kind'];
  status?: PartyStatus;
  on?: string;
  q?: string;
}

/** Parties, filtered by kind, by status (on a day, or now) and by a piece of a name or code. */
export async function listParties(db: DB, ctx: Ctx, query: PartyQuery): Promise<{ on: string | null; parties: Array<PartyPublicView | PartyForMembersView> }> {
  const rows = await repo.listParties(db, query.kind);
  const byParty = groupPeriods(await repo.listPeriods(db, query.kind ? rows.map((r) => r.id) : undefined));
  const on = query.on ?? null;
  const needle = query.q ? fold(query.q) : null;
  const parties: Array<PartyPublicView | PartyForMembersView> = [];
  for (const row of rows) {
    const view = presentFor(ctx.actor, row, byParty.get(row.id) ?? [], on);
    if (query.status && view.status !== query.status) continue;
    if (needle && !fold([row.code, ...Object.values(row.names), ...Object.values(row.short_names)].join('\u0000')).includes(needle)) continue;
    parties.push(view);
  }
  return { on, parties };
}

export async function getParty(db: DB, ctx: Ctx, code: string, on: string | null = null): Promise<PartyPublicView | PartyForMembersView> {
  const row = await repo.findPartyByCode(db, code.toUpperCase());
  if (!row) throw registryErrors.partyNotFound(code.toUpperCase());
  return presentFor(ctx.actor, row, await repo.listPeriods(db, [row.id]), on);
}

async function auditSnapshot(db: DB, row: repo.PartyRow): Promise<PartyForMembersView> {
  return presentForMembers(row, await repo.listPeriods(db, [row.id]), null);
}

// ---------------------------------------------------------------------------------------------------------
// Parties: changing

export async function createParty(db: DB, ctx: Ctx, input: CreatePartyInput): Promise<PartyForMembersView> {
  authorize(ctx.actor, 'registry.manage');
  const code = input.code.toUpperCase();
  return db.transaction().execute(async (trx) => {
    if (await repo.findPartyByCode(trx, code)) throw registryErrors.partyExists(code);
    if (input.kind === 'secretariat' && (await repo.listParties(trx, 'secretariat')).length > 0) throw registryErrors.secretariatExists();
    let names = input.names ?? {};
    let shortNames = input.shortNames ?? {};
    let isoAlpha3: string | null = null;
    if (isStateKind(input.kind)) {
      if (!isStateCode(code)) throw registryErrors.notAStateCode(code);
      const fromIso = stateNames(code);
      names = { ...fromIso.names, ...names };
      shortNames = { ...fromIso.shortNames, ...shortNames };
      isoAlpha3 = alpha3Of(code);
    } else if (!names.en) {
      throw registryErrors.namesRequired();
    }
    const now = ctx.clock.now();
    const row = await repo.insertParty(trx, {
      code,
      kind: input.kind,
      names,
      shortNames: Object.keys(shortNames).length > 0 ? shortNames : names,
      isoAlpha3,
      contact: input.contact ?? null,
      flag: input.flag ?? null,
      notes: input.notes ?? [],
      agreements: input.agreements ?? [],
      now,
    });
    const status = statusOfKind(input.kind);
    if (status !== null) {
      await repo.insertPeriod(trx, {
        partyId: row.id,
        status,
        from: input.since ?? null,
        knownBy: null,
        to: null,
        uncertain: input.sinceUncertain ?? null,
        decisionRef: input.decisionRef ?? null,
        seq: 1,
        now,
      });
    }
    const after = await auditSnapshot(trx, row);
    await recordAudit(trx, ctx, { action: 'registry.party.create', objectType: 'party', objectId: code, before: null, after });
    return after;
  });
}

export async function updatePartyDetails(db: DB, ctx: Ctx, rawCode: string, input: UpdatePartyInput): Promise<PartyForMembersView> {
  authorize(ctx.actor, 'registry.manage');
  const code = rawCode.toUpperCase();
  return db.transaction().execute(async (trx) => {
    const row = await repo.findPartyForUpdate(trx, code);
    if (!row) throw registryErrors.partyNotFound(code);
    if (input.names !== undefined && !input.names.en) throw registryErrors.namesRequired();
    const before = await auditSnapshot(trx, row);
    const updated = await repo.updateParty(trx, row.id, input, ctx.clock.now());
    const after = await auditSnapshot(trx, updated);
    await recordAudit(trx, ctx, { action: 'registry.party.update', objectType: 'party', objectId: code, before, after });
    return after;
  });
}

const stored = (p: repo.PeriodRow): StoredPeriod => ({ id: p.id, status: p.status, from: p.from_date, knownBy: p.known_by, to: p.to_date });

/** A new status from a date: the current period ends that day and the new one starts (or none, to end the status). */
export async function changePartyStatus(db: DB, ctx: Ctx, rawCode: string, input: ChangeStatusInput): Promise<PartyForMembersView> {
  authorize(ctx.actor, 'registry.manage');
  const code = rawCode.toUpperCase();
  return db.transaction().execute(async (trx) => {
    const row = await repo.findPartyForUpdate(trx, code);
    if (!row) throw registryErrors.partyNotFound(code);
    const periods = await repo.listPeriods(trx, [row.id]);
    const plan = planStatusChange(row.kind, periods.map(stored), input.status, input.from);
    if (!plan.ok) throw registryErrors.rule(plan.problem);
    const before = presentForMembers(row, periods, null);
    const now = ctx.clock.now();
    if (plan.close) await repo.updatePeriod(trx, plan.close.id, { to: plan.close.to }, now);
    if (input.status !== 'none') {
      await repo.insertPeriod(trx, {
        partyId: row.id,
        status: input.status,
        from: input.from,
        knownBy: null,
        to: null,
        uncertain: input.uncertain ?? null,
        decisionRef: input.decisionRef ?? null,
        seq: Math.max(0, ...periods.map((p) => p.seq)) + 1,
        now,
      });
    }
    const updated = plan.kind && plan.kind !== row.kind ? await repo.updateParty(trx, row.id, { kind: plan.kind }, now) : row;
    const after = await auditSnapshot(trx, updated);
    await recordAudit(trx, ctx, { action: 'registry.party.status', objectType: 'party', objectId: code, before, after });
    return after;
  });
}

/** Corrects one period of a party's history (dates, uncertainty, the decision). */
export async function correctStatusPeriod(db: DB, ctx: Ctx, rawCode: string, periodId: string, input: UpdatePeriodInput): Promise<PartyForMembersView> {
  authorize(ctx.actor, 'registry.manage');
  const code = rawCode.toUpperCase();
  return db.transaction().execute(async (trx) => {
    const row = await repo.findPartyForUpdate(trx, code);
    if (!row) throw registryErrors.partyNotFound(code);
    const periods = await repo.listPeriods(trx, [row.id]);
    const period = periods.find((p) => p.id === periodId);
    if (!period) throw registryErrors.periodNotFound();
    const from = input.from !== undefined ? input.from : period.from_date;
    const to = input.to !== undefined ? input.to : period.to_date;
    const problem = periodProblem(from, to);
    if (problem) throw registryErrors.rule(problem);
    const before = presentForMembers(row, periods, null);
    await repo.updatePeriod(trx, period.id, input, ctx.clock.now());
    const after = await auditSnapshot(trx, row);
    await recordAudit(trx, ctx, { action: 'registry.party.history', objectType: 'party', objectId: code, before, after });
    return after;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Bodies

function presentBodies(rows: readonly repo.BodyRow[], participants: readonly repo.ParticipantRow[]): BodyView[] {
  const codeById = new Map(rows.map((r) => [r.id, r.code]));
  return rows.map((r) => ({
    code: r.code,
    kind: r.kind,
    names: r.names,
    historicNames: r.historic_names ?? [],
    reportsTo: r.reports_to_id ? (codeById.get(r.reports_to_id) ?? null) : null,
    frequency: r.frequency,
    meetingsPerYear: r.meetings_per_year,
    everyYears: r.every_years,
    membership: r.membership,
    established: r.established,
    dissolved: r.dissolved,
    uncertain: r.uncertain,
    participants: participants
      .filter((p) => p.body_id === r.id)
      .map((p) => ({
        party: { code: p.party_code, names: p.party_names, shortNames: p.party_short_names },
        role: p.role,
        scope: p.scope,
        from: p.from_date,
        to: p.to_date,
        uncertain: p.uncertain,
      })),
  }));
}

export async function listBodies(db: DB): Promise<BodyView[]> {
  const rows = await repo.listBodies(db);
  return presentBodies(rows, await repo.listParticipants(db));
}

export async function getBody(db: DB, rawCode: string): Promise<BodyView> {
  const code = rawCode.toUpperCase();
  const all = await listBodies(db);
  const body = all.find((b) => b.code === code);
  if (!body) throw registryErrors.bodyNotFound(code);
  return body;
}

/** The names a body had on a day (bodies are renamed: the Summit became the Council of Heads in 2022). */
export function bodyNamesOn(body: BodyView, day: string): Record<string, string> {
  return namesOn(body.names, body.historicNames, day);
}

type ParticipantInput = NonNullable<CreateBodyInput['participants']>[number];

async function resolveParticipants(trx: DB, list: readonly ParticipantInput[]): Promise<repo.NewParticipant[]> {
  const parties = await repo.findPartiesByCodes(trx, [...new Set(list.map((p) => p.party.toUpperCase()))]);
  const idByCode = new Map(parties.map((p) => [p.code, p.id]));
  return list.map((p, i) => {
    const partyId = idByCode.get(p.party.toUpperCase());
    if (!partyId) throw registryErrors.unknownParty(p.party, `participants.${i}.party`);
    return { partyId, role: p.role, scope: p.scope ?? null, from: p.from ?? null, to: p.to ?? null, uncertain: p.uncertain ?? null };
  });
}

async function reportsToId(trx: DB, code: string | null | undefined): Promise<string | null> {
  if (code === null || code === undefined) return null;
  const parent = await repo.findBodyByCode(trx, code.toUpperCase());
  if (!parent) throw registryErrors.unknownBody(code);
  return parent.id;
}

export async function createBody(db: DB, ctx: Ctx, input: CreateBodyInput): Promise<BodyView> {
  authorize(ctx.actor, 'registry.manage');
  const code = input.code.toUpperCase();
  return db.transaction().execute(async (trx) => {
    if (await repo.findBodyByCode(trx, code)) throw registryErrors.bodyExists(code);
    if (input.reportsTo && input.reportsTo.toUpperCase() === code) throw registryErrors.bodyCycle();
    const parentId = await reportsToId(trx, input.reportsTo);
    const participants = await resolveParticipants(trx, input.participants ?? []);
    const now = ctx.clock.now();
    const row = await repo.insertBody(
      trx,
      code,
      {
        kind: input.kind,
        names: input.names,
        historicNames: input.historicNames ?? [],
        reportsToId: parentId,
        frequency: input.frequency ?? {},
        meetingsPerYear: input.meetingsPerYear ?? null,
        everyYears: input.everyYears ?? null,
        membership: input.membership,
        established: input.established ?? null,
        dissolved: input.dissolved ?? null,
        uncertain: input.uncertain ?? null,
      },
      (await repo.maxBodySeq(trx)) + 1,
      now,
    );
    await repo.replaceParticipants(trx, row.id, participants, now);
    const after = await getBody(trx, code);
    await recordAudit(trx, ctx, { action: 'registry.body.create', objectType: 'body', objectId: code, before: null, after });
    return after;
  });
}

export async function updateBody(db: DB, ctx: Ctx, rawCode: string, input: UpdateBodyInput): Promise<BodyView> {
  authorize(ctx.actor, 'registry.manage');
  const code = rawCode.toUpperCase();
  return db.transaction().execute(async (trx) => {
    const row = await repo.findBodyByCode(trx, code);
    if (!row) throw registryErrors.bodyNotFound(code);
    const before = await getBody(trx, code);

    let historicNames = input.historicNames ?? before.historicNames;
    if (input.renamedOn !== undefined) {
      const last = before.historicNames.reduce<string | null>((m, h) => (m === null || h.until > m ? h.until : m), null);
      if (last !== null && input.renamedOn <= last) throw registryErrors.historicNamesOrder();
      historicNames = renameBody(before.names, before.historicNames, input.renamedOn);
    }
    let parentId = row.reports_to_id;
    if (input.reportsTo !== undefined) {
      const all = await repo.listBodies(trx);
      const codeById = new Map(all.map((b) => [b.id, b.code]));
      const links = all.map((b) => ({ code: b.code, reportsTo: b.reports_to_id ? (codeById.get(b.reports_to_id) ?? null) : null }));
      if (wouldCycle(links, code, input.reportsTo === null ? null : input.reportsTo.toUpperCase())) throw registryErrors.bodyCycle();
      parentId = await reportsToId(trx, input.reportsTo);
    }
    const established = input.established !== undefined ? input.established : row.established;
    const dissolved = input.dissolved !== undefined ? input.dissolved : row.dissolved;
    const problem = periodProblem(established, dissolved, 'established', 'dissolved');
    if (problem) throw registryErrors.rule(problem);

    const now = ctx.clock.now();
    await repo.updateBody(
      trx,
      row.id,
      {
        kind: input.kind ?? row.kind,
        names: input.names ?? row.names,
        historicNames,
        reportsToId: parentId,
        frequency: input.frequency ?? row.frequency,
        meetingsPerYear: input.meetingsPerYear !== undefined ? input.meetingsPerYear : row.meetings_per_year,
        everyYears: input.everyYears !== undefined ? input.everyYears : row.every_years,
        membership: input.membership ?? row.membership,
        established,
        dissolved,
        uncertain: input.uncertain !== undefined ? input.uncertain : row.uncertain,
      },
      now,
    );
    if (input.participants !== undefined) await repo.replaceParticipants(trx, row.id, await resolveParticipants(trx, input.participants), now);
    const after = await getBody(trx, code);
    await recordAudit(trx, ctx, { action: 'registry.body.update', objectType: 'body', objectId: code, before, after });
    return after;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Chairmanship

function presentTerms(rows: readonly repo.ChairTermRow[], on: string): { current: ChairTermView | null; terms: ChairTermView[] } {
  const byTerm = new Map<ChairTerm, repo.ChairTermRow>();
  const terms: ChairTerm[] = rows.map((r) => {
    const t: ChairTerm = { party: r.party_id, start: r.start_date, ...(r.end_date === null ? {} : { end: r.end_date }), howDecided: r.how_decided };
    byTerm.set(t, r);
    return t;
  });
  const views = new Map<ChairTerm, ChairTermView>();
  const ordered = resolveChairTerms(terms).map(({ term, firstDay, lastDay }) => {
    const r = byTerm.get(term)!;
    const view: ChairTermView = {
      id: r.id,
      party: { code: r.party_code, names: r.party_names, shortNames: r.party_short_names },
      start: r.start_date,
      end: r.end_date,
      firstDay,
      lastDay,
      howDecided: r.how_decided,
      decidedOn: r.decided_on,
      uncertain: r.uncertain,
      decisionRef: r.decision_ref,
    };
    views.set(term, view);
    return view;
  });
  const current = chairOn(terms, on);
  return { current: current ? views.get(current)! : null, terms: ordered };
}

export async function getChairmanships(db: DB, ctx: Ctx, on?: string): Promise<{ on: string; current: ChairTermView | null; terms: ChairTermView[] }> {
  const day = on ?? (await forumDay(db, ctx.clock.now()));
  return { on: day, ...presentTerms(await repo.listChairTerms(db), day) };
}

/**
 * The party whose focal points and heads of delegation hold the Chair's powers at `now`: the term in
 * force on the forum's day (membership.ts reads the partial dates), or null between terms.
 */
export async function currentChairPartyId(db: DB, now: Date): Promise<string | null> {
  const day = await forumDay(db, now);
  const terms: ChairTerm[] = (await repo.listChairTermDates(db)).map((t) => ({
    party: t.party_id,
    start: t.start_date,
    ...(t.end_date === null ? {} : { end: t.end_date }),
    howDecided: '',
  }));
  return chairOn(terms, day)?.party ?? null;
}

async function chairTermValues(trx: DB, input: { party: string; start: string; end: string | null; howDecided: string; decidedOn: string | null; uncertain: string | null; decisionRef: string | null }, id?: string) {
  const party = await repo.findPartyByCode(trx, input.party.toUpperCase());
  if (!party) throw registryErrors.unknownParty(input.party);
  if (party.kind !== 'member-state') throw registryErrors.chairNotMember(party.code);
  await repo.lockChairTerms(trx);
  const existing = (await repo.listChairTermDates(trx)).map((t) => ({ id: t.id, start: t.start_date, end: t.end_date }));
  const conflict = chairTermConflict(existing, { id, start: input.start, end: input.end });
  if (conflict) throw registryErrors.rule(conflict.problem);
  return { ...input, partyId: party.id };
}

function termSnapshot(r: repo.ChairTermRow) {
  return {
    id: r.id,
    party: r.party_code,
    start: r.start_date,
    end: r.end_date,
    howDecided: r.how_decided,
    decidedOn: r.decided_on,
    uncertain: r.uncertain,
    decisionRef: r.decision_ref,
  };
}

export async function createChairTerm(db: DB, ctx: Ctx, input: CreateChairTermInput): Promise<ChairTermView> {
  authorize(ctx.actor, 'registry.manage');
  return db.transaction().execute(async (trx) => {
    const values = await chairTermValues(trx, {
      party: input.party,
      start: input.start,
      end: input.end ?? null,
      howDecided: input.howDecided,
      decidedOn: input.decidedOn ?? null,
      uncertain: input.uncertain ?? null,
      decisionRef: input.decisionRef ?? null,
    });
    const id = await repo.insertChairTerm(trx, values, ctx.clock.now());
    const row = (await repo.findChairTerm(trx, id))!;
    await recordAudit(trx, ctx, { action: 'registry.chair_term.create', objectType: 'chair_term', objectId: id, before: null, after: termSnapshot(row) });
    return viewOfTerm(trx, ctx, id);
  });
}

export async function updateChairTerm(db: DB, ctx: Ctx, id: string, input: UpdateChairTermInput): Promise<ChairTermView> {
  authorize(ctx.actor, 'registry.manage');
  return db.transaction().execute(async (trx) => {
    const row = await repo.findChairTerm(trx, id);
    if (!row) throw registryErrors.chairTermNotFound();
    const merged = {
      party: input.party ?? row.party_code,
      start: input.start ?? row.start_date,
      end: input.end !== undefined ? input.end : row.end_date,
      howDecided: input.howDecided ?? row.how_decided,
      decidedOn: input.decidedOn !== undefined ? input.decidedOn : row.decided_on,
      uncertain: input.uncertain !== undefined ? input.uncertain : row.uncertain,
      decisionRef: input.decisionRef !== undefined ? input.decisionRef : row.decision_ref,
    };
    const values = await chairTermValues(trx, merged, id);
    await repo.updateChairTerm(trx, id, values, ctx.clock.now());
    const after = (await repo.findChairTerm(trx, id))!;
    await recordAudit(trx, ctx, { action: 'registry.chair_term.update', objectType: 'chair_term', objectId: id, before: termSnapshot(row), after: termSnapshot(after) });
    return viewOfTerm(trx, ctx, id);
  });
}

async function viewOfTerm(db: DB, ctx: Ctx, id: string): Promise<ChairTermView> {
  const { terms } = await getChairmanships(db, ctx);
  return terms.find((t) => t.id === id)!;
}

// ---------------------------------------------------------------------------------------------------------
// Chairmanship bids

function presentBid(r: repo.ChairBidRow): ChairBidView {
  return {
    id: r.id,
    party: { code: r.party_code, names: r.party_names, shortNames: r.party_short_names },
    termStart: r.term_start,
    termEnd: r.term_end,
    submittedAt: new Date(r.submitted_at).toISOString(),
    letter: r.letter,
    documentRef: r.document_ref,
    status: r.status,
    decisionRef: r.decision_ref,
    recordedBySecretariat: r.recorded_by_party_id !== null && r.recorded_by_party_id !== r.party_id,
  };
}

export async function listChairBids(db: DB, ctx: Ctx): Promise<ChairBidView[]> {
  authorize(ctx.actor, 'registry.readBids');
  return (await repo.listChairBids(db)).map(presentBid);
}

/** Records a state's written bid to chair the forum: by a Secretariat admin for it, or by its focal point or head. */
export async function submitChairBid(db: DB, ctx: Ctx, input: CreateChairBidInput): Promise<ChairBidView> {
  const code = input.party.toUpperCase();
  return db.transaction().execute(async (trx) => {
    const party = await repo.findPartyByCode(trx, code);
    if (!party) {
      // Do not tell a caller who may record no bid at all which codes exist: refuse first.
      if (!can(ctx.actor, 'registry.manage')) authorize(ctx.actor, 'registry.submitBid', { partyId: '' });
      throw registryErrors.unknownParty(code);
    }
    authorize(ctx.actor, 'registry.submitBid', { partyId: party.id });
    if (party.kind !== 'member-state') throw registryErrors.bidNotMember(code);
    const now = ctx.clock.now();
    // A letter that reached the Secretariat earlier is recorded with its date; a state submitting
    // through Concord submits now.
    const submittedAt = can(ctx.actor, 'registry.manage') && input.submittedAt ? new Date(input.submittedAt) : now;
    if (submittedAt.getTime() > now.getTime()) throw registryErrors.submittedInFuture();
    const id = await repo.insertChairBid(trx, {
      partyId: party.id,
      termStart: input.termStart,
      termEnd: input.termEnd ?? null,
      submittedAt,
      letter: input.letter ?? null,
      documentRef: input.documentRef ?? null,
      recordedByUserId: ctx.actor.userId,
      recordedByPartyId: ctx.actor.partyId,
      now,
    });
    const after = presentBid((await repo.findChairBid(trx, id))!);
    await recordAudit(trx, ctx, { action: 'registry.chair_bid.create', objectType: 'chair_bid', objectId: id, before: null, after });
    return after;
  });
}

export async function updateChairBid(db: DB, ctx: Ctx, id: string, input: UpdateChairBidInput): Promise<ChairBidView> {
  return db.transaction().execute(async (trx) => {
    const row = await repo.findChairBid(trx, id);
    // Bids are visible to the Secretariat and member states; to others an unknown id and a hidden one look alike.
    if (!row || !can(ctx.actor, 'registry.readBids')) {
      authorize(ctx.actor, 'registry.readBids', null, {}, { hide: ctx.actor.kind !== 'anonymous', what: 'bid' });
      throw registryErrors.bidNotFound();
    }
    authorize(ctx.actor, input.status === 'withdrawn' ? 'registry.withdrawBid' : 'registry.decideBid', { partyId: row.party_id });
    if (!canMoveBid(row.status as BidStatus, input.status)) throw registryErrors.bidMove(row.status, input.status);
    const before = presentBid(row);
    await repo.updateChairBidStatus(trx, id, input.status, input.decisionRef, ctx.clock.now());
    const after = presentBid((await repo.findChairBid(trx, id))!);
    await recordAudit(trx, ctx, { action: 'registry.chair_bid.update', objectType: 'chair_bid', objectId: id, before, after });
    return after;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Secretariat heads

export async function listSecretariatHeads(db: DB, ctx: Ctx) {
  const rows = await repo.listSecretariatHeads(db);
  const today = await forumDay(db, ctx.clock.now());
  // Per role, the last listed holder with no end is in office (if their start, where known, has come).
  const currentIds = new Set<string>();
  for (const role of ['head', 'deputy'] as const) {
    const last = rows.filter((r) => r.role === role).at(-1);
    if (last && last.end_date === null && (last.start_date === null || earliestDay(last.start_date) <= today)) currentIds.add(last.id);
  }
  return rows.map((r) => ({
    name: r.name,
    nationality: r.nationality,
    role: r.role,
    title: r.title,
    start: r.start_date,
    end: r.end_date,
    uncertain: r.uncertain,
    current: currentIds.has(r.id),
  }));
}

/** What the caller may do in the registry: the same policy the writes check, asked ahead. */
export function registryAbilities(ctx: Ctx) {
  return {
    canEdit: can(ctx.actor, 'registry.manage'),
    canSeeContacts: can(ctx.actor, 'registry.readContacts', null),
    canReadBids: can(ctx.actor, 'registry.readBids'),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Loading a forum's facts (the demo, or another forum's profile)

export interface ParticipantFacts {
  body: string;
  party: string;
  role: 'coordinator' | 'co-coordinator' | 'participant';
  scope?: string;
  from?: string;
  to?: string;
  uncertain?: string;
}

export interface RegistryFacts {
  parties: readonly PartyFacts[];
  bodies: readonly BodyFacts[];
  chairTerms: readonly ChairTerm[];
  secretariatHeads: readonly SecretariatHead[];
  participants?: readonly ParticipantFacts[];
}

export interface RegistryLoadSummary {
  parties: number;
  bodies: number;
  chairTerms: number;
  secretariatHeads: number;
  participants: number;
}

/**
 * Loads a forum's registry facts into an empty registry, in the caller's transaction, one audit row per
 * object (a party with its history, a body with its members, a term, a head). States take their names
 * in every UI language from i18n-iso-countries; organisations bring theirs. Facts keep their
 * `uncertain` notes.
 */
export async function loadRegistryFacts(trx: DB, ctx: Ctx, facts: RegistryFacts): Promise<RegistryLoadSummary> {
  const now = ctx.clock.now();
  const partyIds = new Map<string, string>();
  for (const p of facts.parties) {
    const isState = isStateKind(p.kind);
    const iso = isState ? stateNames(p.code) : null;
    const names = iso ? iso.names : { ...(p.names ?? {}) };
    const shortNames = iso ? iso.shortNames : { ...names, ...(p.abbreviations ?? {}) };
    const row = await repo.insertParty(trx, {
      code: p.code,
      kind: p.kind,
      names,
      shortNames,
      isoAlpha3: isState ? alpha3Of(p.code) : null,
      contact: null,
      flag: null,
      notes: [...(p.notes ?? [])],
      agreements: (p.agreements ?? []).map((a) => ({ kind: a.kind, signed: a.signed, uncertain: a.uncertain ?? null })),
      now,
    });
    partyIds.set(p.code, row.id);
    let seq = 0;
    for (const h of p.history) {
      await repo.insertPeriod(trx, {
        partyId: row.id,
        status: h.status,
        from: h.from,
        knownBy: h.knownBy ?? null,
        to: h.to ?? null,
        uncertain: h.uncertain ?? null,
        decisionRef: null,
        seq: ++seq,
        now,
      });
    }
    await recordAudit(trx, ctx, { action: 'registry.party.create', objectType: 'party', objectId: p.code, before: null, after: await auditSnapshot(trx, row) });
  }

  const bodyIds = new Map<string, string>();
  let bodySeq = 0;
  for (const b of facts.bodies) {
    const row = await repo.insertBody(
      trx,
      b.code,
      {
        kind: b.kind,
        names: { ...b.names },
        historicNames: b.historicNames.map((h) => ({ names: { ...h.names }, until: h.until })),
        reportsToId: null,
        frequency: { ...b.frequency },
        meetingsPerYear: b.meetingsPerYear ?? null,
        everyYears: b.everyYears ?? null,
        membership: b.membership,
        established: b.established ?? null,
        dissolved: b.dissolved ?? null,
        uncertain: b.uncertain ?? null,
      },
      ++bodySeq,
      now,
    );
    bodyIds.set(b.code, row.id);
  }
  // Reporting lines once every body exists (a body may be listed before the one it reports to).
  for (const b of facts.bodies) {
    if (!b.reportsTo) continue;
    const parent = bodyIds.get(b.reportsTo);
    if (!parent) throw new Error(`body ${b.code} reports to unknown body ${b.reportsTo}`);
    await trx.updateTable('bodies').set({ reports_to_id: parent }).where('id', '=', bodyIds.get(b.code)!).execute();
  }
  const participants = facts.participants ?? [];
  for (const [code, bodyId] of bodyIds) {
    const list = participants
      .filter((p) => p.body === code)
      .map((p) => {
        const partyId = partyIds.get(p.party);
        if (!partyId) throw new Error(`participant ${p.party} of ${code} is not a party`);
        return { partyId, role: p.role, scope: p.scope ?? null, from: p.from ?? null, to: p.to ?? null, uncertain: p.uncertain ?? null };
      });
    await repo.replaceParticipants(trx, bodyId, list, now);
  }
  for (const b of await listBodies(trx)) {
    await recordAudit(trx, ctx, { action: 'registry.body.create', objectType: 'body', objectId: b.code, before: null, after: b });
  }

  for (const t of facts.chairTerms) {
    const partyId = partyIds.get(t.party);
    if (!partyId) throw new Error(`chair ${t.party} is not a party`);
    const id = await repo.insertChairTerm(
      trx,
      { partyId, start: t.start, end: t.end ?? null, howDecided: t.howDecided, decidedOn: t.decidedOn ?? null, uncertain: t.uncertain ?? null, decisionRef: null },
      now,
    );
    await recordAudit(trx, ctx, { action: 'registry.chair_term.create', objectType: 'chair_term', objectId: id, before: null, after: { ...t } });
  }

  let headSeq = 0;
  for (const h of facts.secretariatHeads) {
    const row = await repo.insertSecretariatHead(trx, {
      name: h.name,
      nationality: h.nationality,
      role: h.role,
      title: { ...h.title },
      start: h.start,
      end: h.end ?? null,
      uncertain: h.uncertain ?? null,
      seq: ++headSeq,
      now,
    });
    await recordAudit(trx, ctx, { action: 'registry.secretariat_head.create', objectType: 'secretariat_head', objectId: row.id, before: null, after: h });
  }

  return {
    parties: facts.parties.length,
    bodies: facts.bodies.length,
    chairTerms: facts.chairTerms.length,
    secretariatHeads: facts.secretariatHeads.length,
    participants: participants.length,
  };
}
