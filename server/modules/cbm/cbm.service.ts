/**
 * Confidence-building measures: use cases. Each write is load → authorize → rule → save → audit in one
 * transaction; who coordinates an area is read from the terms on the clock's day, never cached.
 */
import type { z } from 'zod';
import type { DB } from '../../db/database.ts';
import type { Ctx } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { authorize, can } from '../../shared/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  type ActivityStatus,
  type ApprovalStep,
  activityStatuses,
  averagePercent,
  checkApprovalStep,
  dayOf,
  declarationInForce,
  type EventStatus,
  inOffice,
  inOfficeDuringYear,
  reportDueOn,
  yearOf,
} from './cbm.ts';
import type { AreaFacts, EventFacts } from './cbm.policy.ts';
import './cbm.policy.ts';
import * as repo from './cbm.repository.ts';
import type {
  approveAnnualPlanBody,
  createActivityBody,
  createEventBody,
  createMeasureBody,
  createOfferBody,
  createPlanBody,
  createReportBody,
  createReviewBody,
  createTermBody,
  DashboardView,
  decideOfferBody,
  declareBody,
  eventReportBody,
  stepBody,
  updateActivityBody,
  updateEventBody,
  updateMeasureBody,
  updatePlanBody,
  updateTermBody,
} from './cbm.schemas.ts';

type In<S extends z.ZodType> = z.output<S>;
type Names = Record<string, string>;
type PartyMap = Awaited<ReturnType<typeof repo.partiesByIds>>;

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d ? iso(d) : null);
const today = (ctx: Ctx) => dayOf(ctx.clock.now());
const forum = (ctx: Ctx) => can(ctx.actor, 'cbm.readForum');
const refOf = (parties: PartyMap, id: string) => {
  const p = parties.get(id);
  return { code: p?.code ?? '?', names: p?.names ?? {} };
};
const userOf = (users: Map<string, string>, id: string | null) => (id && users.has(id) ? { id, name: users.get(id)! } : null);

function unprocessable(code: string, message: string, field: string): AppError {
  return new AppError('unprocessable', code, message, { fields: [{ field, message }] });
}
const conflict = (code: string, message: string) => new AppError('conflict', code, message);

async function requireArea(db: DB, key: string, field?: string) {
  const area = await repo.findArea(db, key);
  if (!area) throw field ? unprocessable('cbm.unknown_area', 'unknown area', field) : notFound('area');
  return area;
}

/** The parties coordinating (either role) an area on a day. */
async function areaFacts(db: DB, areaId: string, day: string): Promise<AreaFacts> {
  const terms = await repo.termsOf(db, { areaIds: [areaId] });
  return { coordinatorPartyIds: terms.filter((t) => inOffice({ from: t.from_date, to: t.to_date }, day)).map((t) => t.party_id) };
}

async function partyByCode(db: DB, code: string, field: string, kinds: readonly string[] = ['member-state']) {
  const [p] = await repo.partiesByCodes(db, [code]);
  if (!p || !kinds.includes(p.kind)) throw unprocessable('cbm.unknown_party', kinds.length === 1 ? 'not a member state' : 'unknown party', field);
  return p;
}

async function partiesByCodes(db: DB, codes: readonly string[], field: string) {
  const rows = await repo.partiesByCodes(db, codes);
  const missing = codes.filter((c) => !rows.some((r) => r.code === c));
  if (missing.length) throw unprocessable('cbm.unknown_party', `unknown party: ${missing.join(', ')}`, field);
  return rows;
}

async function checkDecision(db: DB, input: { decisionId?: string | null }, field = 'decisionId') {
  if (input.decisionId && !(await repo.decisionExists(db, input.decisionId))) throw unprocessable('cbm.unknown_decision', 'unknown decision', field);
}

// ---------------------------------------------------------------------------------------------------------
// Catalogue

export async function listCatalogueVersions(db: DB, ctx: Ctx) {
  authorize(ctx.actor, 'cbm.readCatalogue');
  const rows = await repo.listVersions(db);
  return {
    items: rows.map((r) => ({
      code: r.code as '2004' | '2021',
      title: r.title as Names,
      adoptedOn: r.adopted_on,
      adoptedBy: (r.adopted_by as Names | null) ?? null,
      measureCount: Number(r.measure_count ?? 0),
    })),
  };
}

export async function listDimensions(db: DB, ctx: Ctx) {
  authorize(ctx.actor, 'cbm.readCatalogue');
  const rows = await repo.listDimensions(db);
  return {
    items: rows.map((r) => ({ code: r.code, position: r.position, names: r.names as Names, areaCount: Number(r.area_count ?? 0), measureCount: Number(r.measure_count ?? 0) })),
  };
}

function termView(t: repo.TermRow, parties: PartyMap, day: string) {
  return {
    id: t.id,
    areaCode: t.area_code,
    party: refOf(parties, t.party_id),
    role: t.role,
    from: t.from_date,
    to: t.to_date,
    inOffice: inOffice({ from: t.from_date, to: t.to_date }, day),
    decisionId: t.decision_id,
    decisionRef: t.decision_ref,
    note: t.note,
  };
}

function measureView(m: repo.MeasureRow) {
  return {
    id: m.id,
    code: m.code,
    areaCode: m.area_code,
    dimensionCode: m.dimension_code,
    title: m.title as Names,
    text: m.text as Names,
    versions: m.versions as Array<'2004' | '2021'>,
    note: m.note,
  };
}

async function areaSummaries(db: DB, areas: repo.AreaRow[], day: string) {
  const ids = areas.map((a) => a.id);
  const [terms, versions] = await Promise.all([repo.termsOf(db, { areaIds: ids }), repo.areaVersions(db, ids)]);
  const parties = await repo.partiesByIds(
    db,
    terms.map((t) => t.party_id),
  );
  return areas.map((a) => {
    const mine = terms.filter((t) => t.area_id === a.id);
    const current = mine.filter((t) => inOffice({ from: t.from_date, to: t.to_date }, day));
    return {
      summary: {
        id: a.id,
        code: a.code,
        dimensionCode: a.dimension_code,
        names: a.names as Names,
        versions: (versions.get(a.id) ?? []) as Array<'2004' | '2021'>,
        coordinators: current.map((t) => termView(t, parties, day)),
        hasActiveCoordinator: current.some((t) => t.role === 'coordinator'),
        note: a.note,
      },
      terms: mine.map((t) => termView(t, parties, day)),
      coordinatorPartyIds: current.map((t) => t.party_id),
    };
  });
}

export async function listAreas(db: DB, ctx: Ctx, q: { dimension?: string; version?: string; on?: string }) {
  authorize(ctx.actor, 'cbm.readCatalogue');
  const on = q.on ?? today(ctx);
  const areas = await repo.listAreas(db, q);
  return { on, items: (await areaSummaries(db, areas, on)).map((s) => s.summary) };
}

export async function getArea(db: DB, ctx: Ctx, key: string, on: string | null) {
  authorize(ctx.actor, 'cbm.readCatalogue');
  const day = on ?? today(ctx);
  const area = await requireArea(db, key);
  const [s] = await areaSummaries(db, [area], day);
  const measures = await repo.listMeasures(db, { areaId: area.id });
  let actionPlan = null;
  if (forum(ctx)) {
    const [plan] = await repo.listPlans(db, { areaId: area.id });
    if (plan) actionPlan = (await planSummaries(db, ctx, [plan]))[0];
  }
  const facts = await areaFacts(db, area.id, today(ctx));
  return {
    ...s.summary,
    terms: s.terms,
    measures: measures.map(measureView),
    actionPlan,
    can: {
      editPlan: can(ctx.actor, 'cbm.editArea', facts),
      offer: !!ctx.actor.partyId && can(ctx.actor, 'cbm.offer', { partyId: ctx.actor.partyId }),
      recordTerms: can(ctx.actor, 'cbm.recordSoc'),
    },
  };
}

export async function listMeasures(db: DB, ctx: Ctx, q: { dimension?: string; area?: string; version?: string }) {
  authorize(ctx.actor, 'cbm.readCatalogue');
  const areaId = q.area ? (await requireArea(db, q.area, 'area')).id : undefined;
  return { items: (await repo.listMeasures(db, { areaId, dimension: q.dimension, version: q.version })).map(measureView) };
}

export async function getMeasure(db: DB, ctx: Ctx, id: string) {
  authorize(ctx.actor, 'cbm.readCatalogue');
  const [m] = await repo.listMeasures(db, { id });
  if (!m) throw notFound('measure');
  return measureView(m);
}

export async function createMeasure(db: DB, ctx: Ctx, input: In<typeof createMeasureBody>) {
  return db.transaction().execute(async (trx) => {
    authorize(ctx.actor, 'cbm.manageCatalogue');
    const area = await requireArea(trx, input.area, 'area');
    if (await repo.measureCodeTaken(trx, input.code)) throw conflict('cbm.measure_code_taken', `A measure numbered ${input.code} exists.`);
    const now = ctx.clock.now();
    const { id } = await repo.insertMeasure(trx, {
      area_id: area.id,
      code: input.code,
      title: JSON.stringify(input.title),
      text: JSON.stringify(input.text ?? {}),
      note: input.note ?? null,
      created_at: now,
      updated_at: now,
    });
    const versions = [...new Set(input.versions)];
    await repo.setMeasureVersions(trx, id, versions);
    await recordAudit(trx, ctx, { action: 'cbm.measure.create', objectType: 'cbm-measure', objectId: id, after: { code: input.code, area: area.code, versions } });
    const [m] = await repo.listMeasures(trx, { id });
    return measureView(m);
  });
}

export async function updateMeasure(db: DB, ctx: Ctx, id: string, input: In<typeof updateMeasureBody>) {
  return db.transaction().execute(async (trx) => {
    authorize(ctx.actor, 'cbm.manageCatalogue');
    const [before] = await repo.listMeasures(trx, { id });
    if (!before) throw notFound('measure');
    const patch: Parameters<typeof repo.updateMeasure>[2] = { updated_at: ctx.clock.now() };
    if (input.title) patch.title = JSON.stringify(input.title);
    if (input.text) patch.text = JSON.stringify(input.text);
    if (input.note !== undefined) patch.note = input.note;
    await repo.updateMeasure(trx, id, patch);
    if (input.versions) await repo.setMeasureVersions(trx, id, [...new Set(input.versions)]);
    const [after] = await repo.listMeasures(trx, { id });
    await recordAudit(trx, ctx, { action: 'cbm.measure.update', objectType: 'cbm-measure', objectId: id, before: measureView(before), after: measureView(after) });
    return measureView(after);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Coordination

async function termOut(db: DB, ctx: Ctx, id: string) {
  const [t] = await repo.termsOf(db, { id });
  const parties = await repo.partiesByIds(db, [t.party_id]);
  return termView(t, parties, today(ctx));
}

export async function createTerm(db: DB, ctx: Ctx, input: In<typeof createTermBody>) {
  return db.transaction().execute(async (trx) => {
    authorize(ctx.actor, 'cbm.recordSoc');
    const area = await requireArea(trx, input.area, 'area');
    const party = await partyByCode(trx, input.party, 'party');
    await checkDecision(trx, input);
    const now = ctx.clock.now();
    const { id } = await repo.insertTerm(trx, {
      area_id: area.id,
      party_id: party.id,
      role: input.role,
      from_date: input.from ?? null,
      to_date: input.to ?? null,
      decision_id: input.decisionId ?? null,
      decision_ref: input.decisionRef ?? null,
      note: input.note ?? null,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, ctx, {
      action: 'cbm.term.create',
      objectType: 'cbm-term',
      objectId: id,
      after: { area: area.code, party: party.code, role: input.role, from: input.from ?? null, to: input.to ?? null, decisionId: input.decisionId ?? null, decisionRef: input.decisionRef ?? null },
    });
    return termOut(trx, ctx, id);
  });
}

export async function updateTerm(db: DB, ctx: Ctx, id: string, input: In<typeof updateTermBody>) {
  return db.transaction().execute(async (trx) => {
    authorize(ctx.actor, 'cbm.recordSoc');
    const [t] = await repo.termsOf(trx, { id });
    if (!t) throw notFound('term');
    await checkDecision(trx, input);
    const from = input.from !== undefined ? input.from : t.from_date;
    const to = input.to !== undefined ? input.to : t.to_date;
    if (from && to && to < from) throw unprocessable('cbm.term_order', 'must not be before from', 'to');
    const patch: Parameters<typeof repo.updateTerm>[2] = { from_date: from, to_date: to, updated_at: ctx.clock.now() };
    if (input.decisionId !== undefined) patch.decision_id = input.decisionId;
    if (input.decisionRef !== undefined) patch.decision_ref = input.decisionRef;
    if (input.note !== undefined) patch.note = input.note;
    await repo.updateTerm(trx, id, patch);
    await recordAudit(trx, ctx, {
      action: 'cbm.term.update',
      objectType: 'cbm-term',
      objectId: id,
      before: { from: t.from_date, to: t.to_date, decisionId: t.decision_id, decisionRef: t.decision_ref, note: t.note },
      after: { from, to, decisionId: patch.decision_id ?? t.decision_id, decisionRef: patch.decision_ref ?? t.decision_ref, note: patch.note ?? t.note },
    });
    return termOut(trx, ctx, id);
  });
}

async function offerViews(db: DB, ctx: Ctx, rows: repo.OfferRow[]) {
  const soc = can(ctx.actor, 'cbm.recordSoc');
  const parties = await repo.partiesByIds(
    db,
    rows.map((r) => r.party_id),
  );
  const users = await repo.usersByIds(
    db,
    rows.flatMap((r) => [r.offered_by, r.forwarded_by, r.decided_by]),
  );
  return rows.map((o) => ({
    id: o.id,
    areaCode: o.area_code,
    party: refOf(parties, o.party_id),
    role: o.role,
    state: o.state,
    note: o.note,
    offeredAt: iso(o.offered_at),
    offeredBy: userOf(users, o.offered_by),
    forwardedAt: isoOrNull(o.forwarded_at),
    forwardedBy: userOf(users, o.forwarded_by),
    decidedAt: isoOrNull(o.decided_at),
    decidedBy: userOf(users, o.decided_by),
    decisionId: o.decision_id,
    decisionRef: o.decision_ref,
    termId: o.term_id,
    can: { forward: soc && o.state === 'offered', decide: soc && o.state === 'forwarded' },
  }));
}

async function offerOut(db: DB, ctx: Ctx, id: string) {
  const rows = await repo.listOffers(db, { id });
  return (await offerViews(db, ctx, rows))[0];
}

export async function listOffers(db: DB, ctx: Ctx, q: { state?: string; area?: string }) {
  authorize(ctx.actor, 'cbm.readForum');
  const areaId = q.area ? (await requireArea(db, q.area, 'area')).id : undefined;
  return { items: await offerViews(db, ctx, await repo.listOffers(db, { state: q.state, areaId })) };
}

export async function createOffer(db: DB, ctx: Ctx, input: In<typeof createOfferBody>) {
  return db.transaction().execute(async (trx) => {
    const code = input.party ?? ctx.actor.partyCode;
    if (!code) throw unprocessable('cbm.party_required', 'name the offering state', 'party');
    const [party] = await repo.partiesByCodes(trx, [code]);
    if (!party) throw unprocessable('cbm.unknown_party', 'unknown party', 'party');
    authorize(ctx.actor, 'cbm.offer', { partyId: party.id });
    if (party.kind !== 'member-state') throw unprocessable('cbm.unknown_party', 'not a member state', 'party');
    const area = await requireArea(trx, input.area, 'area');
    if (await repo.openOfferExists(trx, area.id, party.id, input.role)) throw conflict('cbm.offer_open', 'This state already has an open offer for this role in this area.');
    const { id } = await repo.insertOffer(trx, {
      area_id: area.id,
      party_id: party.id,
      role: input.role,
      state: 'offered',
      note: input.note ?? null,
      offered_at: ctx.clock.now(),
      offered_by: ctx.actor.userId,
    });
    await recordAudit(trx, ctx, { action: 'cbm.offer.create', objectType: 'cbm-offer', objectId: id, after: { area: area.code, party: party.code, role: input.role, state: 'offered' } });
    return offerOut(trx, ctx, id);
  });
}

async function loadOfferForSoc(trx: DB, ctx: Ctx, id: string) {
  if (!can(ctx.actor, 'cbm.readForum')) throw notFound('offer');
  const [o] = await repo.listOffers(trx, { id });
  if (!o) throw notFound('offer');
  authorize(ctx.actor, 'cbm.recordSoc');
  return o;
}

export async function forwardOffer(db: DB, ctx: Ctx, id: string, input: { note?: string | null }) {
  return db.transaction().execute(async (trx) => {
    const o = await loadOfferForSoc(trx, ctx, id);
    if (o.state !== 'offered') throw conflict('cbm.offer_state', `The offer is ${o.state}; only an offer not yet forwarded can be forwarded.`);
    await repo.updateOffer(trx, id, { state: 'forwarded', forwarded_at: ctx.clock.now(), forwarded_by: ctx.actor.userId, note: input.note ?? o.note });
    await recordAudit(trx, ctx, { action: 'cbm.offer.forward', objectType: 'cbm-offer', objectId: id, before: { state: o.state }, after: { state: 'forwarded' } });
    return offerOut(trx, ctx, id);
  });
}

export async function decideOffer(db: DB, ctx: Ctx, id: string, input: In<typeof decideOfferBody>) {
  return db.transaction().execute(async (trx) => {
    const o = await loadOfferForSoc(trx, ctx, id);
    if (o.state !== 'forwarded') throw conflict('cbm.offer_state', `The offer is ${o.state}; the SOC answers only offers forwarded to it.`);
    await checkDecision(trx, input);
    const now = ctx.clock.now();
    let termId: string | null = null;
    if (input.outcome === 'accepted') {
      const t = await repo.insertTerm(trx, {
        area_id: o.area_id,
        party_id: o.party_id,
        role: o.role,
        from_date: input.from ?? today(ctx),
        to_date: input.to ?? null,
        decision_id: input.decisionId ?? null,
        decision_ref: input.decisionRef ?? null,
        note: input.note ?? null,
        created_at: now,
        updated_at: now,
      });
      termId = t.id;
      await recordAudit(trx, ctx, { action: 'cbm.term.create', objectType: 'cbm-term', objectId: t.id, after: { offerId: id, role: o.role, from: input.from ?? today(ctx) } });
    }
    await repo.updateOffer(trx, id, {
      state: input.outcome,
      decided_at: now,
      decided_by: ctx.actor.userId,
      decision_id: input.decisionId ?? null,
      decision_ref: input.decisionRef ?? null,
      term_id: termId,
    });
    await recordAudit(trx, ctx, { action: 'cbm.offer.decide', objectType: 'cbm-offer', objectId: id, before: { state: o.state }, after: { state: input.outcome, termId } });
    return offerOut(trx, ctx, id);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Action plans

async function planSummaries(db: DB, ctx: Ctx, plans: repo.PlanRow[]) {
  const activities = await repo.activitiesOf(
    db,
    plans.map((p) => p.id),
  );
  const out = [];
  for (const p of plans) {
    const mine = activities.filter((a) => a.plan_id === p.id);
    const paper = p.concept_paper_id ? await repo.visibleDocument(db, ctx.actor, ctx.clock.now(), p.concept_paper_id) : undefined;
    out.push({
      id: p.id,
      areaCode: p.area_code,
      dimensionCode: p.dimension_code,
      title: p.title as Names,
      conceptPaper: paper ? { id: paper.id, symbol: paper.symbol, title: paper.title } : null,
      periodFrom: p.period_from,
      periodTo: p.period_to,
      status: p.status,
      approvedAt: isoOrNull(p.approved_at),
      decisionId: p.decision_id,
      decisionRef: p.decision_ref,
      averagePercent: averagePercent(mine),
      activityCount: mine.length,
      createdAt: iso(p.created_at),
      updatedAt: iso(p.updated_at),
    });
  }
  return out;
}

async function activityViews(db: DB, rows: repo.ActivityRow[]) {
  const links = await repo.activityParties(
    db,
    rows.map((r) => r.id),
  );
  const parties = await repo.partiesByIds(db, [...links.map((l) => l.party_id), ...rows.map((r) => r.lead_party_id ?? '')]);
  return rows.map((a) => ({
    id: a.id,
    planId: a.plan_id,
    position: a.position,
    title: a.title as Names,
    leadParty: a.lead_party_id ? refOf(parties, a.lead_party_id) : null,
    parties: links
      .filter((l) => l.activity_id === a.id)
      .map((l) => refOf(parties, l.party_id))
      .sort((x, y) => x.code.localeCompare(y.code)),
    plannedFrom: a.planned_from,
    plannedTo: a.planned_to,
    status: a.status,
    percentDone: a.percent_done,
    milestones: (a.milestones ?? []).map((m) => ({ title: m.title, due: m.due ?? null, done: !!m.done })),
    results: (a.results as Names | null) ?? null,
    updatedAt: iso(a.updated_at),
  }));
}

async function planOut(db: DB, ctx: Ctx, id: string) {
  const [p] = await repo.listPlans(db, { id });
  if (!p) throw notFound('action plan');
  const [summary] = await planSummaries(db, ctx, [p]);
  const steps = await repo.stepsOf(db, id);
  const users = await repo.usersByIds(
    db,
    steps.map((s) => s.recorded_by),
  );
  const activities = await activityViews(db, await repo.activitiesOf(db, [id]));
  const facts = await areaFacts(db, p.area_id, today(ctx));
  const { activityCount: _n, ...rest } = summary;
  return {
    ...rest,
    steps: steps.map((s) => ({
      id: s.id,
      step: s.step,
      on: s.on_date,
      meetingId: s.meeting_id,
      decisionId: s.decision_id,
      decisionRef: s.decision_ref,
      note: s.note,
      recordedAt: iso(s.recorded_at),
      recordedBy: userOf(users, s.recorded_by),
    })),
    activities,
    can: {
      edit: can(ctx.actor, 'cbm.editArea', facts),
      recordStep: p.status !== 'soc-approved' && (p.status === 'swg' ? can(ctx.actor, 'cbm.recordSoc') : can(ctx.actor, 'cbm.editArea', facts)),
      approve: p.status === 'swg' && can(ctx.actor, 'cbm.recordSoc'),
    },
  };
}

export async function listPlans(db: DB, ctx: Ctx, q: { area?: string; status?: string }) {
  authorize(ctx.actor, 'cbm.readForum');
  const areaId = q.area ? (await requireArea(db, q.area, 'area')).id : undefined;
  return { items: await planSummaries(db, ctx, await repo.listPlans(db, { areaId, status: q.status })) };
}

export async function getPlan(db: DB, ctx: Ctx, id: string) {
  authorize(ctx.actor, 'cbm.readForum', null, {}, { hide: true, what: 'action plan' });
  return planOut(db, ctx, id);
}

/** Loads a plan for a change: hidden from those who may not read it, refused to those who may not edit. */
async function loadPlanForEdit(trx: DB, ctx: Ctx, id: string) {
  authorize(ctx.actor, 'cbm.readForum', null, {}, { hide: true, what: 'action plan' });
  const [p] = await repo.listPlans(trx, { id });
  if (!p) throw notFound('action plan');
  const facts = await areaFacts(trx, p.area_id, today(ctx));
  return { plan: p, facts };
}

async function checkConceptPaper(trx: DB, ctx: Ctx, id: string | null | undefined) {
  if (id && !(await repo.visibleDocument(trx, ctx.actor, ctx.clock.now(), id))) throw unprocessable('cbm.unknown_document', 'unknown document', 'conceptPaperDocumentId');
}

export async function createPlan(db: DB, ctx: Ctx, input: In<typeof createPlanBody>) {
  return db.transaction().execute(async (trx) => {
    authorize(ctx.actor, 'cbm.readForum', null, {}, { what: 'area' });
    const area = await requireArea(trx, input.area, 'area');
    authorize(ctx.actor, 'cbm.editArea', await areaFacts(trx, area.id, today(ctx)));
    await checkConceptPaper(trx, ctx, input.conceptPaperDocumentId);
    const now = ctx.clock.now();
    const { id } = await repo.insertPlan(trx, {
      area_id: area.id,
      title: JSON.stringify(input.title),
      concept_paper_id: input.conceptPaperDocumentId ?? null,
      period_from: input.periodFrom ?? null,
      period_to: input.periodTo ?? null,
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, ctx, { action: 'cbm.plan.create', objectType: 'cbm-action-plan', objectId: id, after: { area: area.code, title: input.title, conceptPaperDocumentId: input.conceptPaperDocumentId ?? null } });
    return planOut(trx, ctx, id);
  });
}

export async function updatePlan(db: DB, ctx: Ctx, id: string, input: In<typeof updatePlanBody>) {
  return db.transaction().execute(async (trx) => {
    const { plan, facts } = await loadPlanForEdit(trx, ctx, id);
    authorize(ctx.actor, 'cbm.editArea', facts);
    if (plan.status === 'soc-approved') throw conflict('cbm.plan_approved', 'The SOC approved this plan; its text no longer changes (update its activities instead).');
    await checkConceptPaper(trx, ctx, input.conceptPaperDocumentId);
    const from = input.periodFrom !== undefined ? input.periodFrom : plan.period_from;
    const to = input.periodTo !== undefined ? input.periodTo : plan.period_to;
    if (from && to && to < from) throw unprocessable('cbm.period_order', 'must not be before periodFrom', 'periodTo');
    const patch: Parameters<typeof repo.updatePlan>[2] = { period_from: from, period_to: to, updated_at: ctx.clock.now() };
    if (input.title) patch.title = JSON.stringify(input.title);
    if (input.conceptPaperDocumentId !== undefined) patch.concept_paper_id = input.conceptPaperDocumentId;
    await repo.updatePlan(trx, id, patch);
    await recordAudit(trx, ctx, {
      action: 'cbm.plan.update',
      objectType: 'cbm-action-plan',
      objectId: id,
      before: { title: plan.title, conceptPaperDocumentId: plan.concept_paper_id, periodFrom: plan.period_from, periodTo: plan.period_to },
      after: input,
    });
    return planOut(trx, ctx, id);
  });
}

export async function recordStep(db: DB, ctx: Ctx, id: string, input: In<typeof stepBody>) {
  return db.transaction().execute(async (trx) => {
    const { plan, facts } = await loadPlanForEdit(trx, ctx, id);
    // The coordinators take their plan through the experts meeting and the SWG; the SOC's approval is
    // recorded by the Secretariat, with the decision.
    if (input.step === 'soc-approved') authorize(ctx.actor, 'cbm.recordSoc');
    else authorize(ctx.actor, 'cbm.editArea', facts);
    const locked = await repo.lockPlan(trx, id);
    const status = locked?.status ?? plan.status;
    const check = checkApprovalStep(status, input.step as ApprovalStep, !!(input.decisionId || input.decisionRef));
    if (!check.ok) {
      if (check.code === 'cbm.decision_required') throw unprocessable(check.code, check.message, 'decisionRef');
      throw conflict(check.code, check.message);
    }
    await checkDecision(trx, input);
    if (input.meetingId && !(await repo.meetingExists(trx, input.meetingId))) throw unprocessable('cbm.unknown_meeting', 'unknown meeting', 'meetingId');
    const now = ctx.clock.now();
    await repo.insertStep(trx, {
      plan_id: id,
      step: input.step,
      on_date: input.on,
      meeting_id: input.meetingId ?? null,
      decision_id: input.decisionId ?? null,
      decision_ref: input.decisionRef ?? null,
      note: input.note ?? null,
      recorded_at: now,
      recorded_by: ctx.actor.userId,
    });
    const patch: Parameters<typeof repo.updatePlan>[2] = { status: input.step, updated_at: now };
    if (input.step === 'soc-approved') Object.assign(patch, { approved_at: now, decision_id: input.decisionId ?? null, decision_ref: input.decisionRef ?? null });
    await repo.updatePlan(trx, id, patch);
    await recordAudit(trx, ctx, {
      action: input.step === 'soc-approved' ? 'cbm.plan.approve' : 'cbm.plan.step',
      objectType: 'cbm-action-plan',
      objectId: id,
      before: { status },
      after: { status: input.step, on: input.on, meetingId: input.meetingId ?? null, decisionId: input.decisionId ?? null, decisionRef: input.decisionRef ?? null },
    });
    return planOut(trx, ctx, id);
  });
}

async function activityOut(db: DB, id: string) {
  const a = await repo.findActivity(db, id);
  return (await activityViews(db, a ? [a] : []))[0];
}

async function checkActivityParties(trx: DB, input: { leadParty?: string | null; parties?: string[] }) {
  const lead = input.leadParty ? (await partiesByCodes(trx, [input.leadParty], 'leadParty'))[0] : null;
  const parties = input.parties ? await partiesByCodes(trx, [...new Set(input.parties)], 'parties') : null;
  return { lead, parties };
}

export async function createActivity(db: DB, ctx: Ctx, planId: string, input: In<typeof createActivityBody>) {
  return db.transaction().execute(async (trx) => {
    const { facts } = await loadPlanForEdit(trx, ctx, planId);
    authorize(ctx.actor, 'cbm.editArea', facts);
    const { lead, parties } = await checkActivityParties(trx, input);
    const now = ctx.clock.now();
    const { id } = await repo.insertActivity(trx, {
      plan_id: planId,
      position: await repo.nextActivityPosition(trx, planId),
      title: JSON.stringify(input.title),
      lead_party_id: lead?.id ?? null,
      planned_from: input.plannedFrom ?? null,
      planned_to: input.plannedTo ?? null,
      status: input.status ?? 'planned',
      percent_done: input.percentDone ?? 0,
      milestones: JSON.stringify((input.milestones ?? []).map((m) => ({ title: m.title, due: m.due ?? null, done: m.done }))),
      results: input.results ? JSON.stringify(input.results) : null,
      created_at: now,
      updated_at: now,
    });
    if (parties) await repo.setActivityParties(trx, id, parties.map((p) => p.id));
    await recordAudit(trx, ctx, { action: 'cbm.activity.create', objectType: 'cbm-activity', objectId: id, after: { planId, ...input } });
    return activityOut(trx, id);
  });
}

export async function updateActivity(db: DB, ctx: Ctx, id: string, input: In<typeof updateActivityBody>) {
  return db.transaction().execute(async (trx) => {
    authorize(ctx.actor, 'cbm.readForum', null, {}, { hide: true, what: 'activity' });
    const a = await repo.findActivity(trx, id);
    if (!a) throw notFound('activity');
    const { facts } = await loadPlanForEdit(trx, ctx, a.plan_id);
    authorize(ctx.actor, 'cbm.editArea', facts);
    const { lead, parties } = await checkActivityParties(trx, input);
    const from = input.plannedFrom !== undefined ? input.plannedFrom : a.planned_from;
    const to = input.plannedTo !== undefined ? input.plannedTo : a.planned_to;
    if (from && to && to < from) throw unprocessable('cbm.period_order', 'must not be before plannedFrom', 'plannedTo');
    const patch: Parameters<typeof repo.updateActivity>[2] = { planned_from: from, planned_to: to, updated_at: ctx.clock.now() };
    if (input.title) patch.title = JSON.stringify(input.title);
    if (input.leadParty !== undefined) patch.lead_party_id = lead?.id ?? null;
    if (input.status) patch.status = input.status;
    if (input.percentDone !== undefined) patch.percent_done = input.percentDone;
    if (input.milestones) patch.milestones = JSON.stringify(input.milestones.map((m) => ({ title: m.title, due: m.due ?? null, done: m.done })));
    if (input.results !== undefined) patch.results = input.results ? JSON.stringify(input.results) : null;
    await repo.updateActivity(trx, id, patch);
    if (parties) await repo.setActivityParties(trx, id, parties.map((p) => p.id));
    await recordAudit(trx, ctx, {
      action: 'cbm.activity.update',
      objectType: 'cbm-activity',
      objectId: id,
      before: { status: a.status, percentDone: a.percent_done, plannedFrom: a.planned_from, plannedTo: a.planned_to },
      after: input,
    });
    return activityOut(trx, id);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Annual plans and events

async function eventViews(db: DB, rows: repo.EventRow[]) {
  const parties = await repo.partiesByIds(
    db,
    rows.map((r) => r.host_party_id),
  );
  return rows.map((e) => ({
    id: e.id,
    year: e.year,
    kind: e.kind,
    title: e.title as Names,
    areaCode: e.area_code,
    dimensionCode: e.dimension_code,
    host: refOf(parties, e.host_party_id),
    startsOn: e.starts_on,
    endsOn: e.ends_on,
    place: e.place,
    onlineUrl: e.online_url,
    status: e.status,
    access: e.access,
    isDemo: e.is_demo,
    label: e.label,
    hasReport: !!e.has_report,
    createdAt: iso(e.created_at),
    updatedAt: iso(e.updated_at),
  }));
}

async function eventOut(db: DB, ctx: Ctx, id: string) {
  const [row] = await repo.listEvents(db, true, { id });
  if (!row) throw notFound('event');
  const [view] = await eventViews(db, [row]);
  const participants = await repo.participantsOf(db, id);
  const report = await repo.reportOf(db, id);
  const parties = await repo.partiesByIds(db, [...participants.map((p) => p.party_id), ...(report?.counts.map((c) => c.party_id) ?? [])]);
  const users = await repo.usersByIds(db, [report?.submitted_by ?? null]);
  const documents = await repo.eventDocuments(db, ctx.actor, ctx.clock.now(), id);
  return {
    ...view,
    participants: participants
      .map((p) => ({ party: refOf(parties, p.party_id), role: (p.party_id === row.host_party_id ? 'host' : 'participant') as 'host' | 'participant' }))
      .sort((a, b) => (a.role === b.role ? a.party.code.localeCompare(b.party.code) : a.role === 'host' ? -1 : 1)),
    documents,
    report: report
      ? {
          results: report.results as Names,
          participants: report.counts.map((c) => ({ party: refOf(parties, c.party_id), count: c.count })).sort((a, b) => a.party.code.localeCompare(b.party.code)),
          totalParticipants: report.counts.reduce((s, c) => s + c.count, 0),
          submittedAt: iso(report.submitted_at),
          submittedBy: userOf(users, report.submitted_by),
        }
      : null,
    can: { edit: can(ctx.actor, 'cbm.editEvent', { access: row.access, hostPartyId: row.host_party_id } satisfies EventFacts) },
  };
}

/** The fields of an event kept in the annual plan's history. */
function eventRecord(e: { kind: string; title: unknown; area_id: string; host_party_id: string; starts_on: string; ends_on: string; place: string | null; online_url: string | null; status: string; access: string }) {
  return { kind: e.kind, title: e.title, areaId: e.area_id, hostPartyId: e.host_party_id, startsOn: e.starts_on, endsOn: e.ends_on, place: e.place, onlineUrl: e.online_url, status: e.status, access: e.access };
}

async function annualPlanOut(db: DB, ctx: Ctx, year: number) {
  const plan = await repo.findAnnualPlan(db, year);
  if (!plan) throw notFound('annual plan');
  const isForum = forum(ctx);
  const events = await eventViews(db, await repo.listEvents(db, isForum, { year }));
  const changes = isForum ? await repo.changesOf(db, year) : [];
  const users = await repo.usersByIds(
    db,
    changes.map((c) => c.by_user_id),
  );
  return {
    year: plan.year,
    status: plan.status,
    note: plan.note,
    approvedAt: isoOrNull(plan.approved_at),
    approvedOn: plan.approved_on,
    decisionId: plan.decision_id,
    decisionRef: plan.decision_ref,
    eventCount: events.length,
    events,
    changes: changes.map((c) => ({
      id: c.id,
      eventId: c.event_id,
      change: c.change,
      before: (c.before as Record<string, unknown> | null) ?? null,
      after: (c.after as Record<string, unknown> | null) ?? null,
      note: c.note,
      at: iso(c.at),
      by: userOf(users, c.by_user_id),
    })),
    can: { approve: plan.status === 'draft' && can(ctx.actor, 'cbm.recordSoc'), ...(await addEventChoices(db, ctx)) },
  };
}

/**
 * Who may add an event to a year's plan, from `cbm.createEvent`: the hosts the caller may name for any area
 * (the Secretariat: every member state; a focal point or head: its own state) and the areas in which it may
 * name any host (the Secretariat: all; a coordinator or co-coordinator in office: its areas). `edit` is true
 * exactly when one of the two is not empty.
 */
async function addEventChoices(db: DB, ctx: Ctx) {
  if (!forum(ctx)) return { edit: false, eventHosts: [], eventAreas: [] };
  const day = today(ctx);
  const [parties, areas, terms] = await Promise.all([repo.memberStates(db), repo.listAreas(db), repo.allTerms(db)]);
  const eventHosts = parties.filter((p) => can(ctx.actor, 'cbm.createEvent', { hostPartyId: p.id, coordinatorPartyIds: [] })).map((p) => p.code);
  const eventAreas = areas
    .filter((a) =>
      can(ctx.actor, 'cbm.createEvent', {
        hostPartyId: '',
        coordinatorPartyIds: terms.filter((t) => t.area_id === a.id && inOffice({ from: t.from_date, to: t.to_date }, day)).map((t) => t.party_id),
      }),
    )
    .map((a) => a.code);
  return { edit: eventHosts.length > 0 || eventAreas.length > 0, eventHosts, eventAreas };
}

export async function listAnnualPlans(db: DB, ctx: Ctx) {
  authorize(ctx.actor, 'cbm.readForum');
  const rows = await repo.listAnnualPlans(db, true);
  return {
    items: rows.map((p) => ({
      year: p.year,
      status: p.status,
      note: p.note,
      approvedAt: isoOrNull(p.approved_at),
      approvedOn: p.approved_on,
      decisionId: p.decision_id,
      decisionRef: p.decision_ref,
      eventCount: Number(p.event_count ?? 0),
      changeCount: Number(p.change_count ?? 0),
    })),
  };
}

export async function getAnnualPlan(db: DB, ctx: Ctx, year: number) {
  authorize(ctx.actor, 'cbm.readForum', null, {}, { hide: true, what: 'annual plan' });
  return annualPlanOut(db, ctx, year);
}

export async function createAnnualPlan(db: DB, ctx: Ctx, input: { year: number; note?: string | null }) {
  return db.transaction().execute(async (trx) => {
    authorize(ctx.actor, 'cbm.recordSoc');
    if (await repo.findAnnualPlan(trx, input.year)) throw conflict('cbm.annual_plan_exists', `The ${input.year} plan exists.`);
    await repo.insertAnnualPlan(trx, { year: input.year, note: input.note ?? null, now: ctx.clock.now() });
    await recordAudit(trx, ctx, { action: 'cbm.annual_plan.create', objectType: 'cbm-annual-plan', objectId: null, after: { year: input.year } });
    return annualPlanOut(trx, ctx, input.year);
  });
}

export async function approveAnnualPlan(db: DB, ctx: Ctx, year: number, input: In<typeof approveAnnualPlanBody>) {
  return db.transaction().execute(async (trx) => {
    authorize(ctx.actor, 'cbm.readForum', null, {}, { hide: true, what: 'annual plan' });
    const plan = await repo.findAnnualPlan(trx, year, true);
    if (!plan) throw notFound('annual plan');
    authorize(ctx.actor, 'cbm.recordSoc');
    if (plan.status === 'approved') throw conflict('cbm.annual_plan_approved', `The ${year} plan is already approved.`);
    if (!input.decisionId && !input.decisionRef) throw unprocessable('cbm.decision_required', 'give the SOC decision (decisionId or decisionRef)', 'decisionRef');
    await checkDecision(trx, input);
    await repo.updateAnnualPlan(trx, year, {
      status: 'approved',
      approved_at: ctx.clock.now(),
      approved_on: input.approvedOn,
      approved_by: ctx.actor.userId,
      decision_id: input.decisionId ?? null,
      decision_ref: input.decisionRef ?? null,
      note: input.note ?? plan.note,
    });
    await recordAudit(trx, ctx, {
      action: 'cbm.annual_plan.approve',
      objectType: 'cbm-annual-plan',
      objectId: null,
      before: { year, status: plan.status },
      after: { year, status: 'approved', approvedOn: input.approvedOn, decisionId: input.decisionId ?? null, decisionRef: input.decisionRef ?? null },
    });
    return annualPlanOut(trx, ctx, year);
  });
}

/** The year's plan, opened as a draft the first time an event of that year is added. */
async function ensureAnnualPlan(trx: DB, ctx: Ctx, year: number) {
  const plan = await repo.findAnnualPlan(trx, year, true);
  if (plan) return plan;
  await repo.insertAnnualPlan(trx, { year, note: null, now: ctx.clock.now() });
  await recordAudit(trx, ctx, { action: 'cbm.annual_plan.create', objectType: 'cbm-annual-plan', objectId: null, after: { year, openedBy: 'event' } });
  return (await repo.findAnnualPlan(trx, year, true))!;
}

export async function listEvents(db: DB, ctx: Ctx, q: { year?: number; area?: string; dimension?: string; status?: string; host?: string; limit: number; offset: number }) {
  const isForum = forum(ctx);
  const areaId = q.area ? (await requireArea(db, q.area, 'area')).id : undefined;
  let hostPartyId: string | undefined;
  if (q.host) {
    const [p] = await repo.partiesByCodes(db, [q.host]);
    if (!p) return { items: [], total: 0, limit: q.limit, offset: q.offset };
    hostPartyId = p.id;
  }
  const f = { year: q.year, areaId, dimension: q.dimension, status: q.status, hostPartyId };
  const [rows, total] = await Promise.all([repo.listEvents(db, isForum, f, { limit: q.limit, offset: q.offset }), repo.countEvents(db, isForum, f)]);
  return { items: await eventViews(db, rows), total, limit: q.limit, offset: q.offset };
}

async function loadEvent(trx: DB, ctx: Ctx, id: string) {
  const e = await repo.findEvent(trx, id);
  if (!e) throw notFound('event');
  authorize(ctx.actor, 'cbm.readEvent', { access: e.access, hostPartyId: e.host_party_id } satisfies EventFacts, {}, { hide: true, what: 'event' });
  return e;
}

export async function getEvent(db: DB, ctx: Ctx, id: string) {
  await loadEvent(db, ctx, id);
  return eventOut(db, ctx, id);
}

async function loadEventForEdit(trx: DB, ctx: Ctx, id: string) {
  const e = await loadEvent(trx, ctx, id);
  authorize(ctx.actor, 'cbm.editEvent', { access: e.access, hostPartyId: e.host_party_id } satisfies EventFacts);
  return e;
}

export async function createEvent(db: DB, ctx: Ctx, input: In<typeof createEventBody>) {
  return db.transaction().execute(async (trx) => {
    const area = await requireArea(trx, input.area, 'area');
    const host = await partyByCode(trx, input.host, 'host');
    authorize(ctx.actor, 'cbm.createEvent', { hostPartyId: host.id, ...(await areaFacts(trx, area.id, today(ctx))) });
    const year = yearOf(input.startsOn);
    const plan = await ensureAnnualPlan(trx, ctx, year);
    const now = ctx.clock.now();
    const values = {
      year,
      kind: input.kind,
      title: JSON.stringify(input.title),
      area_id: area.id,
      host_party_id: host.id,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      place: input.place ?? null,
      online_url: input.onlineUrl ?? null,
      status: input.status ?? 'planned',
      access: input.access,
      is_demo: input.isDemo ?? false,
      label: input.label ?? (input.isDemo ? 'demo' : null),
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    } as const;
    const { id } = await repo.insertEvent(trx, values);
    await repo.setParticipants(trx, id, [host.id]);
    if (plan.status === 'approved') {
      await repo.insertChange(trx, {
        year,
        event_id: id,
        change: 'added',
        before: null,
        after: JSON.stringify(eventRecord({ ...values, title: input.title })),
        note: input.changeNote ?? null,
        at: now,
        by_user_id: ctx.actor.userId,
      });
    }
    await recordAudit(trx, ctx, {
      action: 'cbm.event.create',
      objectType: 'cbm-event',
      objectId: id,
      after: { ...eventRecord({ ...values, title: input.title }), year, isDemo: values.is_demo, afterApproval: plan.status === 'approved' },
    });
    return eventOut(trx, ctx, id);
  });
}

export async function updateEvent(db: DB, ctx: Ctx, id: string, input: In<typeof updateEventBody>) {
  return db.transaction().execute(async (trx) => {
    const e = await loadEventForEdit(trx, ctx, id);
    const area = input.area ? await requireArea(trx, input.area, 'area') : null;
    const host = input.host ? await partyByCode(trx, input.host, 'host') : null;
    if (host && host.id !== e.host_party_id) {
      // Handing an event to another host is the Secretariat's call (or the new host's own).
      authorize(ctx.actor, 'cbm.editEvent', { access: e.access, hostPartyId: host.id } satisfies EventFacts);
    }
    const next = {
      kind: input.kind ?? e.kind,
      title: input.title ?? (e.title as Names),
      area_id: area?.id ?? e.area_id,
      host_party_id: host?.id ?? e.host_party_id,
      starts_on: input.startsOn ?? e.starts_on,
      ends_on: input.endsOn ?? e.ends_on,
      place: input.place !== undefined ? input.place : e.place,
      online_url: input.onlineUrl !== undefined ? input.onlineUrl : e.online_url,
      status: (input.status ?? e.status) as EventStatus,
      access: input.access ?? e.access,
    };
    if (next.ends_on < next.starts_on) throw unprocessable('cbm.event_dates', 'must not be before startsOn', 'endsOn');
    if (!next.place && !next.online_url) throw unprocessable('cbm.event_where', 'give a place or an online link', 'place');
    const year = yearOf(next.starts_on);
    if (year !== e.year) throw unprocessable('cbm.event_year', 'an event stays in its year’s plan: cancel it and add a new one', 'startsOn');
    const plan = await repo.findAnnualPlan(trx, e.year, true);
    const now = ctx.clock.now();
    await repo.updateEvent(trx, id, {
      ...next,
      title: JSON.stringify(next.title),
      is_demo: input.isDemo ?? e.is_demo,
      label: input.label !== undefined ? input.label : e.label,
      updated_at: now,
    });
    if (host && host.id !== e.host_party_id) {
      const current = (await repo.participantsOf(trx, id)).map((p) => p.party_id).filter((p) => p !== e.host_party_id);
      await repo.setParticipants(trx, id, [...new Set([host.id, ...current])]);
    }
    const before = eventRecord(e);
    const after = eventRecord(next);
    if (plan?.status === 'approved' && JSON.stringify(before) !== JSON.stringify(after)) {
      await repo.insertChange(trx, {
        year: e.year,
        event_id: id,
        change: 'changed',
        before: JSON.stringify(before),
        after: JSON.stringify(after),
        note: input.changeNote ?? null,
        at: now,
        by_user_id: ctx.actor.userId,
      });
    }
    await recordAudit(trx, ctx, { action: 'cbm.event.update', objectType: 'cbm-event', objectId: id, before, after });
    return eventOut(trx, ctx, id);
  });
}

export async function deleteEvent(db: DB, ctx: Ctx, id: string) {
  await db.transaction().execute(async (trx) => {
    const e = await loadEventForEdit(trx, ctx, id);
    const plan = await repo.findAnnualPlan(trx, e.year, true);
    if (plan?.status === 'approved') throw conflict('cbm.annual_plan_approved', 'The year’s plan is approved: cancel the event (status cancelled) instead, so the change is on record.');
    await repo.setParticipants(trx, id, []);
    await trx.deleteFrom('cbm_event_documents').where('event_id', '=', id).execute();
    await repo.deleteEvent(trx, id);
    await recordAudit(trx, ctx, { action: 'cbm.event.delete', objectType: 'cbm-event', objectId: id, before: eventRecord(e) });
  });
}

export async function setParticipants(db: DB, ctx: Ctx, id: string, input: { parties: string[] }) {
  return db.transaction().execute(async (trx) => {
    const e = await loadEventForEdit(trx, ctx, id);
    const parties = await partiesByCodes(trx, [...new Set(input.parties)], 'parties');
    const before = (await repo.participantsOf(trx, id)).map((p) => p.party_id);
    const ids = [...new Set([e.host_party_id, ...parties.map((p) => p.id)])];
    await repo.setParticipants(trx, id, ids);
    await recordAudit(trx, ctx, { action: 'cbm.event.participants', objectType: 'cbm-event', objectId: id, before: { partyIds: before }, after: { parties: parties.map((p) => p.code) } });
    return eventOut(trx, ctx, id);
  });
}

export async function attachDocument(db: DB, ctx: Ctx, id: string, documentId: string) {
  return db.transaction().execute(async (trx) => {
    await loadEventForEdit(trx, ctx, id);
    if (!(await repo.visibleDocument(trx, ctx.actor, ctx.clock.now(), documentId))) throw unprocessable('cbm.unknown_document', 'unknown document', 'documentId');
    if (await repo.eventDocumentLinked(trx, id, documentId)) throw conflict('cbm.document_linked', 'The document is already attached to this event.');
    await repo.linkDocument(trx, id, documentId, ctx.clock.now());
    await recordAudit(trx, ctx, { action: 'cbm.event.document.attach', objectType: 'cbm-event', objectId: id, after: { documentId } });
    return eventOut(trx, ctx, id);
  });
}

export async function detachDocument(db: DB, ctx: Ctx, id: string, documentId: string) {
  return db.transaction().execute(async (trx) => {
    await loadEventForEdit(trx, ctx, id);
    if (!(await repo.eventDocumentLinked(trx, id, documentId))) throw notFound('document of this event');
    await repo.unlinkDocument(trx, id, documentId);
    await recordAudit(trx, ctx, { action: 'cbm.event.document.detach', objectType: 'cbm-event', objectId: id, before: { documentId } });
    return eventOut(trx, ctx, id);
  });
}

export async function writeEventReport(db: DB, ctx: Ctx, id: string, input: In<typeof eventReportBody>) {
  return db.transaction().execute(async (trx) => {
    const e = await loadEventForEdit(trx, ctx, id);
    if (e.status !== 'held') throw conflict('cbm.event_not_held', 'Only a held event has a report: record it as held first.');
    const parties = await partiesByCodes(
      trx,
      input.participants.map((p) => p.party),
      'participants',
    );
    const counts = input.participants.map((p) => ({ partyId: parties.find((x) => x.code === p.party)!.id, count: p.count }));
    const before = await repo.reportOf(trx, id);
    await repo.saveReport(trx, { eventId: id, results: input.results, counts, now: ctx.clock.now(), userId: ctx.actor.userId });
    // Those counted took part.
    const current = (await repo.participantsOf(trx, id)).map((p) => p.party_id);
    await repo.setParticipants(trx, id, [...new Set([e.host_party_id, ...current, ...counts.filter((c) => c.count > 0).map((c) => c.partyId)])]);
    await recordAudit(trx, ctx, {
      action: 'cbm.event.report',
      objectType: 'cbm-event',
      objectId: id,
      before: before ? { results: before.results, counts: before.counts } : null,
      after: { results: input.results, participants: input.participants },
    });
    return eventOut(trx, ctx, id);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Participation

async function declarationViews(db: DB, rows: repo.DeclarationRow[], day: string) {
  const parties = await repo.partiesByIds(
    db,
    rows.map((r) => r.party_id),
  );
  return rows.map((d) => ({
    id: d.id,
    party: refOf(parties, d.party_id),
    measureId: d.measure_id,
    measureCode: d.measure_code,
    areaCode: d.area_code,
    dimensionCode: d.dimension_code,
    since: d.since,
    withdrawn: d.withdrawn,
    inForce: declarationInForce(d, day),
    declaredAt: iso(d.declared_at),
  }));
}

export async function listParticipation(db: DB, ctx: Ctx, q: { party?: string; measure?: string; area?: string; on?: string }) {
  authorize(ctx.actor, 'cbm.readForum');
  let partyId: string | undefined;
  if (q.party) {
    const [p] = await repo.partiesByCodes(db, [q.party]);
    if (!p) return { items: [] };
    partyId = p.id;
  }
  const areaId = q.area ? (await requireArea(db, q.area, 'area')).id : undefined;
  const rows = await repo.listDeclarations(db, { partyId, measureId: q.measure, areaId, on: q.on });
  return { items: await declarationViews(db, rows, q.on ?? today(ctx)) };
}

export async function declareParticipation(db: DB, ctx: Ctx, partyCode: string, measureId: string, input: In<typeof declareBody>) {
  return db.transaction().execute(async (trx) => {
    const [party] = await repo.partiesByCodes(trx, [partyCode]);
    if (!party) throw notFound('party');
    authorize(ctx.actor, 'cbm.declare', { partyId: party.id });
    if (party.kind !== 'member-state') throw unprocessable('cbm.not_member_state', 'only member states declare participation', 'party');
    const [measure] = await repo.listMeasures(trx, { id: measureId });
    if (!measure) throw notFound('measure');
    const now = ctx.clock.now();
    const existing = await repo.findDeclaration(trx, party.id, measureId);
    let id: string;
    if (existing) {
      id = existing.id;
      await repo.updateDeclaration(trx, id, { since: input.since, withdrawn: input.withdrawn ?? null, updated_at: now, declared_by: ctx.actor.userId });
    } else {
      id = (
        await repo.insertDeclaration(trx, {
          party_id: party.id,
          measure_id: measureId,
          since: input.since,
          withdrawn: input.withdrawn ?? null,
          declared_at: now,
          declared_by: ctx.actor.userId,
          updated_at: now,
        })
      ).id;
    }
    await recordAudit(trx, ctx, {
      action: input.withdrawn ? 'cbm.participation.withdraw' : 'cbm.participation.declare',
      objectType: 'cbm-participation',
      objectId: id,
      before: existing ? { since: existing.since, withdrawn: existing.withdrawn } : null,
      after: { party: party.code, measure: measure.code, since: input.since, withdrawn: input.withdrawn ?? null },
    });
    const rows = await repo.listDeclarations(trx, { id });
    return (await declarationViews(trx, rows, today(ctx)))[0];
  });
}

// ---------------------------------------------------------------------------------------------------------
// Reports and reviews

async function reportViews(db: DB, ctx: Ctx, rows: repo.ReportRow[]) {
  const parties = await repo.partiesByIds(
    db,
    rows.map((r) => r.drafted_by_party_id ?? ''),
  );
  const day = today(ctx);
  const soc = can(ctx.actor, 'cbm.recordSoc');
  const facts = new Map<string, AreaFacts>();
  for (const areaId of new Set(rows.map((r) => r.area_id))) facts.set(areaId, await areaFacts(db, areaId, day));
  return rows.map((r) => {
    const mayEditArea = can(ctx.actor, 'cbm.editArea', facts.get(r.area_id)!);
    return {
    id: r.id,
    areaCode: r.area_code,
    dimensionCode: r.dimension_code,
    year: r.year,
    text: r.text as Names,
    status: r.status,
    dueOn: reportDueOn(r.year),
    draftedBy: r.drafted_by_party_id ? refOf(parties, r.drafted_by_party_id) : null,
    submittedAt: isoOrNull(r.submitted_at),
    compiledAt: isoOrNull(r.compiled_at),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    can: {
      edit: mayEditArea && (r.status === 'draft' || (r.status === 'submitted' && soc)),
      submit: mayEditArea && r.status === 'draft',
      compile: soc && r.status === 'submitted',
    },
  };
  });
}

async function reportOut(db: DB, ctx: Ctx, id: string) {
  const rows = await repo.listReports(db, { id });
  if (!rows.length) throw notFound('report');
  return (await reportViews(db, ctx, rows))[0];
}

export async function listReports(db: DB, ctx: Ctx, q: { year?: number; area?: string; status?: string }) {
  authorize(ctx.actor, 'cbm.readForum');
  const areaId = q.area ? (await requireArea(db, q.area, 'area')).id : undefined;
  const items = await reportViews(db, ctx, await repo.listReports(db, { year: q.year, areaId, status: q.status }));
  // The areas the caller may start a report for: those whose coordinators (either role) it acts for today, or all for the Secretariat.
  const day = today(ctx);
  const [areas, terms] = await Promise.all([repo.listAreas(db), repo.allTerms(db)]);
  const draftAreas = areas
    .filter((a) => can(ctx.actor, 'cbm.editArea', { coordinatorPartyIds: terms.filter((t) => t.area_id === a.id && inOffice({ from: t.from_date, to: t.to_date }, day)).map((t) => t.party_id) }))
    .map((a) => a.code);
  return { items, can: { draftAreas } };
}

export async function getReport(db: DB, ctx: Ctx, id: string) {
  authorize(ctx.actor, 'cbm.readForum', null, {}, { hide: true, what: 'report' });
  return reportOut(db, ctx, id);
}

async function loadReportForEdit(trx: DB, ctx: Ctx, id: string) {
  authorize(ctx.actor, 'cbm.readForum', null, {}, { hide: true, what: 'report' });
  const [r] = await repo.listReports(trx, { id });
  if (!r) throw notFound('report');
  return { report: r, facts: await areaFacts(trx, r.area_id, today(ctx)) };
}

export async function createReport(db: DB, ctx: Ctx, input: In<typeof createReportBody>) {
  return db.transaction().execute(async (trx) => {
    authorize(ctx.actor, 'cbm.readForum', null, {}, { what: 'area' });
    const area = await requireArea(trx, input.area, 'area');
    authorize(ctx.actor, 'cbm.editArea', await areaFacts(trx, area.id, today(ctx)));
    if (await repo.reportExists(trx, area.id, input.year)) throw conflict('cbm.report_exists', `The ${area.code} report for ${input.year} exists: edit it.`);
    const now = ctx.clock.now();
    const { id } = await repo.insertReport(trx, {
      area_id: area.id,
      year: input.year,
      text: JSON.stringify(input.text),
      drafted_by_party_id: ctx.actor.partyKind === 'member-state' ? ctx.actor.partyId : null,
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, ctx, { action: 'cbm.report.create', objectType: 'cbm-report', objectId: id, after: { area: area.code, year: input.year } });
    return reportOut(trx, ctx, id);
  });
}

export async function updateReport(db: DB, ctx: Ctx, id: string, input: { text: Names }) {
  return db.transaction().execute(async (trx) => {
    const { report, facts } = await loadReportForEdit(trx, ctx, id);
    authorize(ctx.actor, 'cbm.editArea', facts);
    if (report.status !== 'draft' && !can(ctx.actor, 'cbm.recordSoc')) throw conflict('cbm.report_submitted', 'The report is submitted; the Secretariat may still correct it.');
    if (report.status === 'compiled') throw conflict('cbm.report_compiled', 'The report is compiled into the yearly overview.');
    await repo.updateReport(trx, id, { text: JSON.stringify(input.text), updated_at: ctx.clock.now() });
    await recordAudit(trx, ctx, { action: 'cbm.report.update', objectType: 'cbm-report', objectId: id, before: { text: report.text }, after: { text: input.text } });
    return reportOut(trx, ctx, id);
  });
}

export async function submitReport(db: DB, ctx: Ctx, id: string) {
  return db.transaction().execute(async (trx) => {
    const { report, facts } = await loadReportForEdit(trx, ctx, id);
    authorize(ctx.actor, 'cbm.editArea', facts);
    if (report.status !== 'draft') throw conflict('cbm.report_state', `The report is ${report.status}.`);
    const now = ctx.clock.now();
    await repo.updateReport(trx, id, { status: 'submitted', submitted_at: now, submitted_by: ctx.actor.userId, updated_at: now });
    await recordAudit(trx, ctx, { action: 'cbm.report.submit', objectType: 'cbm-report', objectId: id, before: { status: 'draft' }, after: { status: 'submitted' } });
    return reportOut(trx, ctx, id);
  });
}

export async function compileReport(db: DB, ctx: Ctx, id: string) {
  return db.transaction().execute(async (trx) => {
    const { report } = await loadReportForEdit(trx, ctx, id);
    authorize(ctx.actor, 'cbm.recordSoc');
    if (report.status !== 'submitted') throw conflict('cbm.report_state', `The report is ${report.status}; only a submitted report is compiled.`);
    const now = ctx.clock.now();
    await repo.updateReport(trx, id, { status: 'compiled', compiled_at: now, compiled_by: ctx.actor.userId, updated_at: now });
    await recordAudit(trx, ctx, { action: 'cbm.report.compile', objectType: 'cbm-report', objectId: id, before: { status: 'submitted' }, after: { status: 'compiled' } });
    return reportOut(trx, ctx, id);
  });
}

function reviewView(r: Awaited<ReturnType<typeof repo.listReviews>>[number]) {
  return { id: r.id, year: r.year, dimensionCode: r.dimension_code, record: r.record as Names, decisionId: r.decision_id, decisionRef: r.decision_ref, createdAt: iso(r.created_at) };
}

export async function listReviews(db: DB, ctx: Ctx, q: { year?: number; dimension?: string }) {
  authorize(ctx.actor, 'cbm.readForum');
  return { items: (await repo.listReviews(db, q)).map(reviewView), can: { record: can(ctx.actor, 'cbm.recordSoc') } };
}

export async function createReview(db: DB, ctx: Ctx, input: In<typeof createReviewBody>) {
  return db.transaction().execute(async (trx) => {
    authorize(ctx.actor, 'cbm.recordSoc');
    if (!(await repo.dimensionExists(trx, input.dimension))) throw unprocessable('cbm.unknown_dimension', 'unknown dimension', 'dimension');
    if (await repo.reviewExists(trx, input.year, input.dimension)) throw conflict('cbm.review_exists', `The SOC's ${input.year} review of ${input.dimension} is on record.`);
    await checkDecision(trx, input);
    const { id } = await repo.insertReview(trx, {
      year: input.year,
      dimension_code: input.dimension,
      record: JSON.stringify(input.record),
      decision_id: input.decisionId ?? null,
      decision_ref: input.decisionRef ?? null,
      created_by: ctx.actor.userId,
      created_at: ctx.clock.now(),
    });
    await recordAudit(trx, ctx, { action: 'cbm.review.create', objectType: 'cbm-review', objectId: id, after: { year: input.year, dimension: input.dimension, decisionRef: input.decisionRef ?? null } });
    return reviewView((await repo.listReviews(trx, { id }))[0]);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Dashboard

/**
 * The dashboard's figures, computed by SQL over what the caller's scope includes: members of the forum
 * (member states, the Secretariat) get every figure; the public and observers get those computed only from
 * public data (public events, the coordinators) and null for the rest.
 */
export async function dashboard(db: DB, ctx: Ctx, q: { year?: number; on?: string }): Promise<DashboardView> {
  authorize(ctx.actor, 'cbm.readCatalogue');
  const isForum = forum(ctx);
  const on = q.on ?? today(ctx);
  const year = q.year ?? yearOf(today(ctx));
  const [byYear, byStatus, participants, areas, terms] = await Promise.all([
    repo.eventsByYearAndDimension(db, isForum),
    repo.eventsByStatus(db, isForum, year),
    repo.participantsInYear(db, isForum, year),
    repo.listAreas(db),
    repo.allTerms(db),
  ]);
  const coordinated = (areaId: string, test: (t: { from: string | null; to: string | null }) => boolean) =>
    terms.some((t) => t.area_id === areaId && t.role === 'coordinator' && test({ from: t.from_date, to: t.to_date }));
  const view: DashboardView = {
    scope: isForum ? 'forum' : 'public',
    year,
    on,
    eventsByYearAndDimension: byYear.map((r) => ({ year: r.year, dimensionCode: r.dimension_code, count: Number(r.n) })),
    eventsByStatus: byStatus.map((r) => ({ status: r.status, count: Number(r.n) })).sort((a, b) => a.status.localeCompare(b.status)),
    participantsInYear: participants,
    participation: null,
    actionPlans: null,
    areasWithoutCoordinator: areas
      .filter((a) => !coordinated(a.id, (t) => inOffice(t, on)))
      .map((a) => ({ areaCode: a.code, dimensionCode: a.dimension_code, names: a.names as Names })),
    reportsOverdue: null,
  };
  if (!isForum) return view;

  view.participation = (await repo.participationHeat(db, on)).map((r) => ({ partyCode: r.party_code, dimensionCode: r.dimension_code, measures: Number(r.n) }));
  const plans = await repo.listPlans(db, {});
  const activities = await repo.activitiesOf(
    db,
    plans.map((p) => p.id),
  );
  view.actionPlans = plans.map((p) => {
    const mine = activities.filter((a) => a.plan_id === p.id);
    return {
      planId: p.id,
      areaCode: p.area_code,
      status: p.status,
      averagePercent: averagePercent(mine),
      activitiesByStatus: activityStatuses
        .map((status: ActivityStatus) => ({ status, count: mine.filter((a) => a.status === status).length }))
        .filter((s) => s.count > 0),
    };
  });
  const due = reportDueOn(year);
  const reports = await repo.listReports(db, { year });
  view.reportsOverdue =
    on > due
      ? areas
          .filter((a) => coordinated(a.id, (t) => inOfficeDuringYear(t, year)))
          .flatMap((a) => {
            const r = reports.find((x) => x.area_id === a.id);
            if (r && r.status !== 'draft') return [];
            return [{ areaCode: a.code, year, dueOn: due, status: (r ? 'draft' : 'missing') as 'draft' | 'missing' }];
          })
      : [];
  return view;
}
