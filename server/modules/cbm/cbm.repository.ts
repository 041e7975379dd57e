/**
 * The only SQL of the CBM module. Reads of events go through `eventVisible(forum)`: the public and
 * observers see public events only, so no list or count can forget access.
 */
import { type Insertable, type Selectable, type SqlBool, sql, type Updateable } from 'kysely';
import type { DB } from '../../db/database.ts';
import type {
  CbmActionPlansTable,
  CbmActivitiesTable,
  CbmAreasTable,
  CbmEventsTable,
  CbmMeasuresTable,
  CbmOffersTable,
  CbmParticipationTable,
  CbmReportsTable,
  CbmReviewsTable,
  CbmTermsTable,
} from '../../db/tables.ts';
import type { Actor } from '../../shared/context.ts';
import { visibleTo as documentVisibleTo } from '../documents/documents.repository.ts';

export type AreaRow = Selectable<CbmAreasTable>;
export type MeasureRow = Selectable<CbmMeasuresTable> & { area_code: string; dimension_code: string; versions: string[] };
export type TermRow = Selectable<CbmTermsTable> & { area_code: string };
export type OfferRow = Selectable<CbmOffersTable> & { area_code: string };
export type PlanRow = Selectable<CbmActionPlansTable> & { area_code: string; dimension_code: string };
export type ActivityRow = Selectable<CbmActivitiesTable>;
export type EventRow = Selectable<CbmEventsTable> & { area_code: string; dimension_code: string; has_report: boolean };
export type DeclarationRow = Selectable<CbmParticipationTable> & { measure_code: string; area_code: string; dimension_code: string };
export type ReportRow = Selectable<CbmReportsTable> & { area_code: string; dimension_code: string };
export type ReviewRow = Selectable<CbmReviewsTable>;

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

// ---------------------------------------------------------------------------------------------------------
// Parties, users, links to other modules

export async function partiesByIds(db: DB, ids: readonly string[]) {
  const unique = [...new Set(ids.filter(Boolean))];
  if (unique.length === 0) return new Map<string, { code: string; names: Record<string, string>; kind: string }>();
  const rows = await db.selectFrom('parties').select(['id', 'code', 'names', 'kind']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, { code: r.code, names: r.names as Record<string, string>, kind: r.kind as string }]));
}

export async function partiesByCodes(db: DB, codes: readonly string[]) {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return [];
  return db.selectFrom('parties').select(['id', 'code', 'kind', 'names']).where('code', 'in', unique).execute();
}

/** Member states (the parties that may host a CBM event), by code. */
export async function memberStates(db: DB) {
  return db.selectFrom('parties').select(['id', 'code', 'names']).where('kind', '=', 'member-state').orderBy('code').execute();
}

export async function usersByIds(db: DB, ids: ReadonlyArray<string | null>) {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (unique.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function decisionExists(db: DB, id: string): Promise<boolean> {
  return !!(await db.selectFrom('decisions').select('id').where('id', '=', id).executeTakeFirst());
}

export async function meetingExists(db: DB, id: string): Promise<boolean> {
  return !!(await db.selectFrom('meetings').select('id').where('id', '=', id).executeTakeFirst());
}

/** A document the actor may read (documents module's predicate), or undefined. */
export async function visibleDocument(db: DB, actor: Actor, now: Date, id: string) {
  return db.selectFrom('documents').select(['id', 'symbol', 'title']).where('id', '=', id).where(documentVisibleTo(actor, now)).executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------------------
// Catalogue

export async function listVersions(db: DB) {
  return db
    .selectFrom('cbm_catalogue_versions as v')
    .select(['v.code', 'v.title', 'v.adopted_on', 'v.adopted_by'])
    .select((eb) => eb.selectFrom('cbm_measure_versions as mv').whereRef('mv.version_code', '=', 'v.code').select(eb.fn.countAll<string>().as('n')).as('measure_count'))
    .orderBy('v.code')
    .execute();
}

export async function listDimensions(db: DB) {
  return db
    .selectFrom('cbm_dimensions as d')
    .selectAll('d')
    .select((eb) => eb.selectFrom('cbm_areas as a').whereRef('a.dimension_code', '=', 'd.code').select(eb.fn.countAll<string>().as('n')).as('area_count'))
    .select((eb) =>
      eb
        .selectFrom('cbm_measures as m')
        .innerJoin('cbm_areas as a', 'a.id', 'm.area_id')
        .whereRef('a.dimension_code', '=', 'd.code')
        .select(eb.fn.countAll<string>().as('n'))
        .as('measure_count'),
    )
    .orderBy('d.position')
    .execute();
}

export async function dimensionExists(db: DB, code: string): Promise<boolean> {
  return !!(await db.selectFrom('cbm_dimensions').select('code').where('code', '=', code).executeTakeFirst());
}

export async function listAreas(db: DB, f: { dimension?: string; version?: string } = {}) {
  let q = db.selectFrom('cbm_areas as a').innerJoin('cbm_dimensions as d', 'd.code', 'a.dimension_code').selectAll('a');
  if (f.dimension) q = q.where('a.dimension_code', '=', f.dimension);
  if (f.version) {
    const v = f.version;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('cbm_measures as m')
          .innerJoin('cbm_measure_versions as mv', 'mv.measure_id', 'm.id')
          .whereRef('m.area_id', '=', 'a.id')
          .where('mv.version_code', '=', v)
          .select('m.id'),
      ),
    );
  }
  return q.orderBy('d.position').orderBy('a.position').execute();
}

export async function findArea(db: DB, key: string): Promise<AreaRow | undefined> {
  const q = db.selectFrom('cbm_areas').selectAll();
  return (isUuid(key) ? q.where('id', '=', key) : q.where('code', '=', key.toUpperCase())).executeTakeFirst();
}

/** The versions carrying any measure of each area. */
export async function areaVersions(db: DB, areaIds: readonly string[]) {
  if (areaIds.length === 0) return new Map<string, string[]>();
  const rows = await db
    .selectFrom('cbm_measures as m')
    .innerJoin('cbm_measure_versions as mv', 'mv.measure_id', 'm.id')
    .select(['m.area_id', 'mv.version_code'])
    .distinct()
    .where('m.area_id', 'in', areaIds)
    .orderBy('mv.version_code')
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.area_id, [...(out.get(r.area_id) ?? []), r.version_code]);
  return out;
}

export async function listMeasures(db: DB, f: { id?: string; areaId?: string; dimension?: string; version?: string } = {}): Promise<MeasureRow[]> {
  let q = db
    .selectFrom('cbm_measures as m')
    .innerJoin('cbm_areas as a', 'a.id', 'm.area_id')
    .innerJoin('cbm_dimensions as d', 'd.code', 'a.dimension_code')
    .selectAll('m')
    .select(['a.code as area_code', 'a.dimension_code'])
    .select(sql<string[]>`COALESCE((SELECT array_agg(mv.version_code ORDER BY mv.version_code) FROM cbm_measure_versions mv WHERE mv.measure_id = m.id), '{}')`.as('versions'));
  if (f.id) q = q.where('m.id', '=', f.id);
  if (f.areaId) q = q.where('m.area_id', '=', f.areaId);
  if (f.dimension) q = q.where('a.dimension_code', '=', f.dimension);
  if (f.version) {
    const v = f.version;
    q = q.where(({ exists, selectFrom }) => exists(selectFrom('cbm_measure_versions as mv').whereRef('mv.measure_id', '=', 'm.id').where('mv.version_code', '=', v).select('mv.measure_id')));
  }
  return q.orderBy('d.position').orderBy('a.position').orderBy(sql`array_remove(string_to_array(regexp_replace(m.code, '[^0-9.]', '', 'g'), '.'), '')::int[]`).orderBy('m.code').execute() as Promise<MeasureRow[]>;
}

export async function measureCodeTaken(db: DB, code: string): Promise<boolean> {
  return !!(await db.selectFrom('cbm_measures').select('id').where('code', '=', code).executeTakeFirst());
}

export async function insertMeasure(db: DB, v: Insertable<CbmMeasuresTable>) {
  return db.insertInto('cbm_measures').values(v).returning('id').executeTakeFirstOrThrow();
}

export async function updateMeasure(db: DB, id: string, v: Updateable<CbmMeasuresTable>) {
  await db.updateTable('cbm_measures').set(v).where('id', '=', id).execute();
}

export async function setMeasureVersions(db: DB, measureId: string, versions: readonly string[]) {
  await db.deleteFrom('cbm_measure_versions').where('measure_id', '=', measureId).execute();
  if (versions.length) await db.insertInto('cbm_measure_versions').values(versions.map((v) => ({ measure_id: measureId, version_code: v }))).execute();
}

// ---------------------------------------------------------------------------------------------------------
// Coordination

export async function termsOf(db: DB, f: { areaIds?: readonly string[]; id?: string }): Promise<TermRow[]> {
  let q = db.selectFrom('cbm_terms as t').innerJoin('cbm_areas as a', 'a.id', 't.area_id').selectAll('t').select('a.code as area_code');
  if (f.areaIds) {
    if (f.areaIds.length === 0) return [];
    q = q.where('t.area_id', 'in', f.areaIds);
  }
  if (f.id) q = q.where('t.id', '=', f.id);
  return q.orderBy(sql`t.from_date NULLS FIRST`).orderBy('t.role').orderBy('t.created_at').execute();
}

export async function insertTerm(db: DB, v: Insertable<CbmTermsTable>) {
  return db.insertInto('cbm_terms').values(v).returning('id').executeTakeFirstOrThrow();
}

export async function updateTerm(db: DB, id: string, v: Updateable<CbmTermsTable>) {
  await db.updateTable('cbm_terms').set(v).where('id', '=', id).execute();
}

export async function listOffers(db: DB, f: { id?: string; state?: string; areaId?: string }): Promise<OfferRow[]> {
  let q = db.selectFrom('cbm_offers as o').innerJoin('cbm_areas as a', 'a.id', 'o.area_id').selectAll('o').select('a.code as area_code');
  if (f.id) q = q.where('o.id', '=', f.id);
  if (f.state) q = q.where('o.state', '=', f.state as OfferRow['state']);
  if (f.areaId) q = q.where('o.area_id', '=', f.areaId);
  return q.orderBy('o.offered_at', 'desc').execute();
}

export async function openOfferExists(db: DB, areaId: string, partyId: string, role: string): Promise<boolean> {
  const r = await db
    .selectFrom('cbm_offers')
    .select('id')
    .where('area_id', '=', areaId)
    .where('party_id', '=', partyId)
    .where('role', '=', role as 'coordinator')
    .where('state', 'in', ['offered', 'forwarded'])
    .executeTakeFirst();
  return !!r;
}

export async function insertOffer(db: DB, v: Insertable<CbmOffersTable>) {
  return db.insertInto('cbm_offers').values(v).returning('id').executeTakeFirstOrThrow();
}

export async function updateOffer(db: DB, id: string, v: Updateable<CbmOffersTable>) {
  await db.updateTable('cbm_offers').set(v).where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------------------
// Action plans

export async function listPlans(db: DB, f: { id?: string; areaId?: string; status?: string }): Promise<PlanRow[]> {
  let q = db.selectFrom('cbm_action_plans as p').innerJoin('cbm_areas as a', 'a.id', 'p.area_id').selectAll('p').select(['a.code as area_code', 'a.dimension_code']);
  if (f.id) q = q.where('p.id', '=', f.id);
  if (f.areaId) q = q.where('p.area_id', '=', f.areaId);
  if (f.status) q = q.where('p.status', '=', f.status as PlanRow['status']);
  return q.orderBy('a.code').orderBy('p.created_at', 'desc').execute();
}

export async function insertPlan(db: DB, v: Insertable<CbmActionPlansTable>) {
  return db.insertInto('cbm_action_plans').values(v).returning('id').executeTakeFirstOrThrow();
}

export async function updatePlan(db: DB, id: string, v: Updateable<CbmActionPlansTable>) {
  await db.updateTable('cbm_action_plans').set(v).where('id', '=', id).execute();
}

/** Locks the plan row for a state change (steps are taken one at a time). */
export async function lockPlan(db: DB, id: string) {
  return db.selectFrom('cbm_action_plans').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function stepsOf(db: DB, planId: string) {
  return db.selectFrom('cbm_plan_steps').selectAll().where('plan_id', '=', planId).orderBy('recorded_at').execute();
}

export async function insertStep(db: DB, v: Insertable<import('../../db/tables.ts').CbmPlanStepsTable>) {
  await db.insertInto('cbm_plan_steps').values(v).execute();
}

export async function activitiesOf(db: DB, planIds: readonly string[]): Promise<ActivityRow[]> {
  if (planIds.length === 0) return [];
  return db.selectFrom('cbm_activities').selectAll().where('plan_id', 'in', planIds).orderBy('plan_id').orderBy('position').execute();
}

export async function activityParties(db: DB, activityIds: readonly string[]) {
  if (activityIds.length === 0) return [];
  return db.selectFrom('cbm_activity_parties').selectAll().where('activity_id', 'in', activityIds).execute();
}

export async function findActivity(db: DB, id: string) {
  return db.selectFrom('cbm_activities').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function nextActivityPosition(db: DB, planId: string): Promise<number> {
  const r = await db.selectFrom('cbm_activities').select(sql<number>`COALESCE(MAX(position), 0) + 1`.as('n')).where('plan_id', '=', planId).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertActivity(db: DB, v: Insertable<CbmActivitiesTable>) {
  return db.insertInto('cbm_activities').values(v).returning('id').executeTakeFirstOrThrow();
}

export async function updateActivity(db: DB, id: string, v: Updateable<CbmActivitiesTable>) {
  await db.updateTable('cbm_activities').set(v).where('id', '=', id).execute();
}

export async function setActivityParties(db: DB, activityId: string, partyIds: readonly string[]) {
  await db.deleteFrom('cbm_activity_parties').where('activity_id', '=', activityId).execute();
  if (partyIds.length) await db.insertInto('cbm_activity_parties').values(partyIds.map((p) => ({ activity_id: activityId, party_id: p }))).execute();
}

// ---------------------------------------------------------------------------------------------------------
// Annual plans and events

export async function listAnnualPlans(db: DB, forum: boolean) {
  return db
    .selectFrom('cbm_annual_plans as y')
    .selectAll('y')
    .select((eb) => {
      let c = eb.selectFrom('cbm_events as e').whereRef('e.year', '=', 'y.year').select(eb.fn.countAll<string>().as('n'));
      if (!forum) c = c.where('e.access', '=', 'public');
      return c.as('event_count');
    })
    .select((eb) => eb.selectFrom('cbm_annual_plan_changes as ch').whereRef('ch.year', '=', 'y.year').select(eb.fn.countAll<string>().as('n')).as('change_count'))
    .orderBy('y.year', 'desc')
    .execute();
}

export async function findAnnualPlan(db: DB, year: number, lock = false) {
  const q = db.selectFrom('cbm_annual_plans').selectAll().where('year', '=', year);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function insertAnnualPlan(db: DB, v: { year: number; note: string | null; now: Date }) {
  await db.insertInto('cbm_annual_plans').values({ year: v.year, note: v.note, created_at: v.now }).execute();
}

export async function updateAnnualPlan(db: DB, year: number, v: Updateable<import('../../db/tables.ts').CbmAnnualPlansTable>) {
  await db.updateTable('cbm_annual_plans').set(v).where('year', '=', year).execute();
}

export async function changesOf(db: DB, year: number) {
  return db.selectFrom('cbm_annual_plan_changes').selectAll().where('year', '=', year).orderBy('seq').execute();
}

export async function insertChange(db: DB, v: Insertable<import('../../db/tables.ts').CbmAnnualPlanChangesTable>) {
  await db.insertInto('cbm_annual_plan_changes').values(v).execute();
}

export interface EventFilters {
  id?: string;
  year?: number;
  areaId?: string;
  dimension?: string;
  status?: string;
  hostPartyId?: string;
}

function eventQuery(db: DB, forum: boolean, f: EventFilters) {
  let q = db.selectFrom('cbm_events as e').innerJoin('cbm_areas as a', 'a.id', 'e.area_id');
  if (!forum) q = q.where('e.access', '=', 'public');
  if (f.id) q = q.where('e.id', '=', f.id);
  if (f.year !== undefined) q = q.where('e.year', '=', f.year);
  if (f.areaId) q = q.where('e.area_id', '=', f.areaId);
  if (f.dimension) q = q.where('a.dimension_code', '=', f.dimension);
  if (f.status) q = q.where('e.status', '=', f.status as EventRow['status']);
  if (f.hostPartyId) q = q.where('e.host_party_id', '=', f.hostPartyId);
  return q;
}

export async function listEvents(db: DB, forum: boolean, f: EventFilters, page: { limit: number; offset: number } = { limit: 10_000, offset: 0 }): Promise<EventRow[]> {
  return eventQuery(db, forum, f)
    .selectAll('e')
    .select(['a.code as area_code', 'a.dimension_code'])
    .select(sql<boolean>`EXISTS (SELECT 1 FROM cbm_event_reports r WHERE r.event_id = e.id)`.as('has_report'))
    .orderBy('e.starts_on')
    .orderBy('e.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countEvents(db: DB, forum: boolean, f: EventFilters): Promise<number> {
  const r = await eventQuery(db, forum, f).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findEvent(db: DB, id: string) {
  return db.selectFrom('cbm_events').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertEvent(db: DB, v: Insertable<CbmEventsTable>) {
  return db.insertInto('cbm_events').values(v).returning('id').executeTakeFirstOrThrow();
}

export async function updateEvent(db: DB, id: string, v: Updateable<CbmEventsTable>) {
  await db.updateTable('cbm_events').set(v).where('id', '=', id).execute();
}

export async function deleteEvent(db: DB, id: string) {
  await db.deleteFrom('cbm_event_report_counts').where('event_id', '=', id).execute();
  await db.deleteFrom('cbm_event_reports').where('event_id', '=', id).execute();
  await db.deleteFrom('cbm_events').where('id', '=', id).execute();
}

export async function participantsOf(db: DB, eventId: string) {
  return db.selectFrom('cbm_event_participants').select('party_id').where('event_id', '=', eventId).execute();
}

export async function setParticipants(db: DB, eventId: string, partyIds: readonly string[]) {
  await db.deleteFrom('cbm_event_participants').where('event_id', '=', eventId).execute();
  if (partyIds.length) await db.insertInto('cbm_event_participants').values(partyIds.map((p) => ({ event_id: eventId, party_id: p }))).execute();
}

export async function eventDocuments(db: DB, actor: Actor, now: Date, eventId: string) {
  return db
    .selectFrom('cbm_event_documents as ed')
    .innerJoin('documents', 'documents.id', 'ed.document_id')
    .select(['documents.id', 'documents.symbol', 'documents.title'])
    .where('ed.event_id', '=', eventId)
    .where(documentVisibleTo(actor, now))
    .orderBy('ed.added_at')
    .execute();
}

export async function eventDocumentLinked(db: DB, eventId: string, documentId: string): Promise<boolean> {
  return !!(await db.selectFrom('cbm_event_documents').select('event_id').where('event_id', '=', eventId).where('document_id', '=', documentId).executeTakeFirst());
}

export async function linkDocument(db: DB, eventId: string, documentId: string, now: Date) {
  await db.insertInto('cbm_event_documents').values({ event_id: eventId, document_id: documentId, added_at: now }).execute();
}

export async function unlinkDocument(db: DB, eventId: string, documentId: string) {
  await db.deleteFrom('cbm_event_documents').where('event_id', '=', eventId).where('document_id', '=', documentId).execute();
}

export async function reportOf(db: DB, eventId: string) {
  const r = await db.selectFrom('cbm_event_reports').selectAll().where('event_id', '=', eventId).executeTakeFirst();
  if (!r) return null;
  const counts = await db.selectFrom('cbm_event_report_counts').select(['party_id', 'count']).where('event_id', '=', eventId).execute();
  return { ...r, counts };
}

export async function saveReport(db: DB, v: { eventId: string; results: Record<string, string>; counts: Array<{ partyId: string; count: number }>; now: Date; userId: string | null }) {
  await db
    .insertInto('cbm_event_reports')
    .values({ event_id: v.eventId, results: JSON.stringify(v.results), submitted_at: v.now, submitted_by: v.userId })
    .onConflict((oc) => oc.column('event_id').doUpdateSet({ results: JSON.stringify(v.results), submitted_at: v.now, submitted_by: v.userId }))
    .execute();
  await db.deleteFrom('cbm_event_report_counts').where('event_id', '=', v.eventId).execute();
  if (v.counts.length) await db.insertInto('cbm_event_report_counts').values(v.counts.map((c) => ({ event_id: v.eventId, party_id: c.partyId, count: c.count }))).execute();
}

// ---------------------------------------------------------------------------------------------------------
// Participation

export async function listDeclarations(db: DB, f: { partyId?: string; measureId?: string; areaId?: string; on?: string; id?: string }): Promise<DeclarationRow[]> {
  let q = db
    .selectFrom('cbm_participation as p')
    .innerJoin('cbm_measures as m', 'm.id', 'p.measure_id')
    .innerJoin('cbm_areas as a', 'a.id', 'm.area_id')
    .selectAll('p')
    .select(['m.code as measure_code', 'a.code as area_code', 'a.dimension_code']);
  if (f.id) q = q.where('p.id', '=', f.id);
  if (f.partyId) q = q.where('p.party_id', '=', f.partyId);
  if (f.measureId) q = q.where('p.measure_id', '=', f.measureId);
  if (f.areaId) q = q.where('m.area_id', '=', f.areaId);
  if (f.on) {
    const on = f.on;
    q = q.where('p.since', '<=', on).where((eb) => eb.or([eb('p.withdrawn', 'is', null), eb('p.withdrawn', '>', on)]));
  }
  return q.orderBy('p.party_id').orderBy('m.code').execute();
}

export async function findDeclaration(db: DB, partyId: string, measureId: string) {
  return db.selectFrom('cbm_participation').selectAll().where('party_id', '=', partyId).where('measure_id', '=', measureId).executeTakeFirst();
}

export async function insertDeclaration(db: DB, v: Insertable<CbmParticipationTable>) {
  return db.insertInto('cbm_participation').values(v).returning('id').executeTakeFirstOrThrow();
}

export async function updateDeclaration(db: DB, id: string, v: Updateable<CbmParticipationTable>) {
  await db.updateTable('cbm_participation').set(v).where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------------------
// Reports and reviews

export async function listReports(db: DB, f: { id?: string; year?: number; areaId?: string; status?: string }): Promise<ReportRow[]> {
  let q = db.selectFrom('cbm_reports as r').innerJoin('cbm_areas as a', 'a.id', 'r.area_id').selectAll('r').select(['a.code as area_code', 'a.dimension_code']);
  if (f.id) q = q.where('r.id', '=', f.id);
  if (f.year !== undefined) q = q.where('r.year', '=', f.year);
  if (f.areaId) q = q.where('r.area_id', '=', f.areaId);
  if (f.status) q = q.where('r.status', '=', f.status as ReportRow['status']);
  return q.orderBy('r.year', 'desc').orderBy('a.code').execute();
}

export async function insertReport(db: DB, v: Insertable<CbmReportsTable>) {
  return db.insertInto('cbm_reports').values(v).returning('id').executeTakeFirstOrThrow();
}

export async function updateReport(db: DB, id: string, v: Updateable<CbmReportsTable>) {
  await db.updateTable('cbm_reports').set(v).where('id', '=', id).execute();
}

export async function reportExists(db: DB, areaId: string, year: number): Promise<boolean> {
  return !!(await db.selectFrom('cbm_reports').select('id').where('area_id', '=', areaId).where('year', '=', year).executeTakeFirst());
}

export async function listReviews(db: DB, f: { id?: string; year?: number; dimension?: string }) {
  let q = db.selectFrom('cbm_reviews').selectAll();
  if (f.id) q = q.where('id', '=', f.id);
  if (f.year !== undefined) q = q.where('year', '=', f.year);
  if (f.dimension) q = q.where('dimension_code', '=', f.dimension);
  return q.orderBy('year', 'desc').orderBy('dimension_code').execute();
}

export async function reviewExists(db: DB, year: number, dimension: string): Promise<boolean> {
  return !!(await db.selectFrom('cbm_reviews').select('id').where('year', '=', year).where('dimension_code', '=', dimension).executeTakeFirst());
}

export async function insertReview(db: DB, v: Insertable<CbmReviewsTable>) {
  return db.insertInto('cbm_reviews').values(v).returning('id').executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------------------------------------------------
// Dashboard figures (SQL aggregates over what the scope includes)

export async function eventsByYearAndDimension(db: DB, forum: boolean) {
  let q = db
    .selectFrom('cbm_events as e')
    .innerJoin('cbm_areas as a', 'a.id', 'e.area_id')
    .select(['e.year', 'a.dimension_code'])
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('e.status', '<>', 'cancelled')
    .groupBy(['e.year', 'a.dimension_code'])
    .orderBy('e.year')
    .orderBy('a.dimension_code');
  if (!forum) q = q.where('e.access', '=', 'public');
  return q.execute();
}

export async function eventsByStatus(db: DB, forum: boolean, year: number) {
  let q = db.selectFrom('cbm_events as e').select('e.status').select((eb) => eb.fn.countAll<string>().as('n')).where('e.year', '=', year).groupBy('e.status');
  if (!forum) q = q.where('e.access', '=', 'public');
  return q.execute();
}

export async function participantsInYear(db: DB, forum: boolean, year: number): Promise<number> {
  let q = db
    .selectFrom('cbm_event_report_counts as c')
    .innerJoin('cbm_events as e', 'e.id', 'c.event_id')
    .select(sql<string>`COALESCE(SUM(c.count), 0)`.as('n'))
    .where('e.year', '=', year)
    .where('e.status', '=', 'held');
  if (!forum) q = q.where('e.access', '=', 'public');
  const r = await q.executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function participationHeat(db: DB, on: string) {
  return db
    .selectFrom('cbm_participation as p')
    .innerJoin('parties as pa', 'pa.id', 'p.party_id')
    .innerJoin('cbm_measures as m', 'm.id', 'p.measure_id')
    .innerJoin('cbm_areas as a', 'a.id', 'm.area_id')
    .select(['pa.code as party_code', 'a.dimension_code'])
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('p.since', '<=', on)
    .where((eb) => eb.or([eb('p.withdrawn', 'is', null), eb('p.withdrawn', '>', on)]))
    .groupBy(['pa.code', 'a.dimension_code'])
    .orderBy('pa.code')
    .orderBy('a.dimension_code')
    .execute();
}

export async function activityStatusCounts(db: DB) {
  return db.selectFrom('cbm_activities').select(['plan_id', 'status']).select((eb) => eb.fn.countAll<string>().as('n')).groupBy(['plan_id', 'status']).execute();
}

export async function allTerms(db: DB) {
  return db.selectFrom('cbm_terms').select(['area_id', 'party_id', 'role', 'from_date', 'to_date']).execute();
}

export const sqlTrue = sql<SqlBool>`true`;
