import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { DB } from '../../db/database.ts';
import type {
  BodiesTable,
  BodyParticipantsTable,
  ChairBidsTable,
  ChairTermsTable,
  PartiesTable,
  PartyStatusPeriodsTable,
  SecretariatHeadsTable,
} from '../../db/tables.ts';

export type PartyRow = Selectable<PartiesTable>;
export type PeriodRow = Selectable<PartyStatusPeriodsTable>;
export type BodyRow = Selectable<BodiesTable>;
export type ParticipantRow = Selectable<BodyParticipantsTable> & { party_code: string; party_names: Record<string, string>; party_short_names: Record<string, string> };
export type ChairTermRow = Selectable<ChairTermsTable> & { party_code: string; party_names: Record<string, string>; party_short_names: Record<string, string> };
export type ChairBidRow = Selectable<ChairBidsTable> & { party_code: string; party_names: Record<string, string>; party_short_names: Record<string, string> };
export type SecretariatHeadRow = Selectable<SecretariatHeadsTable>;

const json = (v: unknown) => JSON.stringify(v);

// ---------------------------------------------------------------------------------------------------------
// Parties

export async function listParties(db: DB, kind?: PartyRow['kind']): Promise<PartyRow[]> {
  let q = db.selectFrom('parties').selectAll();
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('code').execute();
}

export async function findPartyByCode(db: DB, code: string): Promise<PartyRow | undefined> {
  return db.selectFrom('parties').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findPartyForUpdate(db: DB, code: string): Promise<PartyRow | undefined> {
  return db.selectFrom('parties').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
}

export async function findPartiesByCodes(db: DB, codes: readonly string[]): Promise<PartyRow[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('parties').selectAll().where('code', 'in', [...codes]).execute();
}

export interface NewParty {
  code: string;
  kind: PartyRow['kind'];
  names: Record<string, string>;
  shortNames: Record<string, string>;
  isoAlpha3: string | null;
  contact: Record<string, unknown> | null;
  flag: string | null;
  notes: string[];
  agreements: unknown[];
  now: Date;
}

export async function insertParty(trx: DB, p: NewParty): Promise<PartyRow> {
  const values: Insertable<PartiesTable> = {
    code: p.code,
    kind: p.kind,
    names: json(p.names),
    short_names: json(p.shortNames),
    iso_alpha3: p.isoAlpha3,
    contact: p.contact === null ? null : json(p.contact),
    flag: p.flag,
    notes: json(p.notes),
    agreements: json(p.agreements),
    created_at: p.now,
    updated_at: p.now,
  };
  return trx.insertInto('parties').values(values).returningAll().executeTakeFirstOrThrow();
}

export interface PartyChanges {
  kind?: PartyRow['kind'];
  names?: Record<string, string>;
  shortNames?: Record<string, string>;
  contact?: Record<string, unknown> | null;
  flag?: string | null;
  notes?: string[];
  agreements?: unknown[];
}

export async function updateParty(trx: DB, id: string, c: PartyChanges, now: Date): Promise<PartyRow> {
  const values: Updateable<PartiesTable> = { updated_at: now };
  if (c.kind !== undefined) values.kind = c.kind;
  if (c.names !== undefined) values.names = json(c.names);
  if (c.shortNames !== undefined) values.short_names = json(c.shortNames);
  if (c.contact !== undefined) values.contact = c.contact === null ? null : json(c.contact);
  if (c.flag !== undefined) values.flag = c.flag;
  if (c.notes !== undefined) values.notes = json(c.notes);
  if (c.agreements !== undefined) values.agreements = json(c.agreements);
  return trx.updateTable('parties').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function listPeriods(db: DB, partyIds?: readonly string[]): Promise<PeriodRow[]> {
  if (partyIds && partyIds.length === 0) return [];
  let q = db.selectFrom('party_status_periods').selectAll();
  if (partyIds) q = q.where('party_id', 'in', [...partyIds]);
  return q.orderBy('party_id').orderBy('seq').orderBy('created_at').orderBy('id').execute();
}

export interface NewPeriod {
  partyId: string;
  status: PeriodRow['status'];
  from: string | null;
  knownBy: string | null;
  to: string | null;
  uncertain: string | null;
  decisionRef: string | null;
  seq: number;
  now: Date;
}

export async function insertPeriod(trx: DB, p: NewPeriod): Promise<PeriodRow> {
  return trx
    .insertInto('party_status_periods')
    .values({
      party_id: p.partyId,
      status: p.status,
      from_date: p.from,
      known_by: p.knownBy,
      to_date: p.to,
      uncertain: p.uncertain,
      decision_ref: p.decisionRef,
      seq: p.seq,
      created_at: p.now,
      updated_at: p.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface PeriodChanges {
  from?: string | null;
  knownBy?: string | null;
  to?: string | null;
  uncertain?: string | null;
  decisionRef?: string | null;
}

export async function updatePeriod(trx: DB, id: string, c: PeriodChanges, now: Date): Promise<PeriodRow> {
  const values: Updateable<PartyStatusPeriodsTable> = { updated_at: now };
  if (c.from !== undefined) values.from_date = c.from;
  if (c.knownBy !== undefined) values.known_by = c.knownBy;
  if (c.to !== undefined) values.to_date = c.to;
  if (c.uncertain !== undefined) values.uncertain = c.uncertain;
  if (c.decisionRef !== undefined) values.decision_ref = c.decisionRef;
  return trx.updateTable('party_status_periods').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------------------------------------------------
// Bodies

export async function listBodies(db: DB): Promise<BodyRow[]> {
  return db.selectFrom('bodies').selectAll().orderBy('seq').orderBy('code').execute();
}

export async function findBodyByCode(db: DB, code: string): Promise<BodyRow | undefined> {
  return db.selectFrom('bodies').selectAll().where('code', '=', code).executeTakeFirst();
}

export interface BodyValues {
  kind: BodyRow['kind'];
  names: Record<string, string>;
  historicNames: Array<{ names: Record<string, string>; until: string }>;
  reportsToId: string | null;
  frequency: Record<string, string>;
  meetingsPerYear: number | null;
  everyYears: number | null;
  membership: BodyRow['membership'];
  established: string | null;
  dissolved: string | null;
  uncertain: string | null;
}

export async function insertBody(trx: DB, code: string, v: BodyValues, seq: number, now: Date): Promise<BodyRow> {
  return trx
    .insertInto('bodies')
    .values({
      code,
      kind: v.kind,
      names: json(v.names),
      historic_names: json(v.historicNames),
      reports_to_id: v.reportsToId,
      frequency: json(v.frequency),
      meetings_per_year: v.meetingsPerYear,
      every_years: v.everyYears,
      membership: v.membership,
      established: v.established,
      dissolved: v.dissolved,
      uncertain: v.uncertain,
      seq,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateBody(trx: DB, id: string, v: BodyValues, now: Date): Promise<BodyRow> {
  return trx
    .updateTable('bodies')
    .set({
      kind: v.kind,
      names: json(v.names),
      historic_names: json(v.historicNames),
      reports_to_id: v.reportsToId,
      frequency: json(v.frequency),
      meetings_per_year: v.meetingsPerYear,
      every_years: v.everyYears,
      membership: v.membership,
      established: v.established,
      dissolved: v.dissolved,
      uncertain: v.uncertain,
      updated_at: now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function maxBodySeq(db: DB): Promise<number> {
  const row = await db.selectFrom('bodies').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
  return Number(row?.m ?? 0);
}

export async function listParticipants(db: DB, bodyIds?: readonly string[]): Promise<ParticipantRow[]> {
  if (bodyIds && bodyIds.length === 0) return [];
  let q = db
    .selectFrom('body_participants as bp')
    .innerJoin('parties as p', 'p.id', 'bp.party_id')
    .selectAll('bp')
    .select(['p.code as party_code', 'p.names as party_names', 'p.short_names as party_short_names']);
  if (bodyIds) q = q.where('bp.body_id', 'in', [...bodyIds]);
  return (await q.orderBy('bp.body_id').orderBy('bp.seq').execute()) as ParticipantRow[];
}

export interface NewParticipant {
  partyId: string;
  role: ParticipantRow['role'];
  scope: string | null;
  from: string | null;
  to: string | null;
  uncertain: string | null;
}

export async function replaceParticipants(trx: DB, bodyId: string, list: readonly NewParticipant[], now: Date): Promise<void> {
  await trx.deleteFrom('body_participants').where('body_id', '=', bodyId).execute();
  if (list.length === 0) return;
  await trx
    .insertInto('body_participants')
    .values(
      list.map((p, i) => ({
        body_id: bodyId,
        party_id: p.partyId,
        role: p.role,
        scope: p.scope,
        from_date: p.from,
        to_date: p.to,
        uncertain: p.uncertain,
        seq: i + 1,
        created_at: now,
      })),
    )
    .execute();
}

// ---------------------------------------------------------------------------------------------------------
// Chairmanship

function termsWithParty(db: DB) {
  return db
    .selectFrom('chair_terms as t')
    .innerJoin('parties as p', 'p.id', 't.party_id')
    .selectAll('t')
    .select(['p.code as party_code', 'p.names as party_names', 'p.short_names as party_short_names']);
}

function bidsWithParty(db: DB) {
  return db
    .selectFrom('chair_bids as t')
    .innerJoin('parties as p', 'p.id', 't.party_id')
    .selectAll('t')
    .select(['p.code as party_code', 'p.names as party_names', 'p.short_names as party_short_names']);
}

export async function listChairTerms(db: DB): Promise<ChairTermRow[]> {
  return (await termsWithParty(db).orderBy('t.start_date').execute()) as ChairTermRow[];
}

/** The dates and parties only: what `currentChairPartyId` needs, cheaply. */
export async function listChairTermDates(db: DB): Promise<Array<{ id: string; party_id: string; start_date: string; end_date: string | null }>> {
  return db.selectFrom('chair_terms').select(['id', 'party_id', 'start_date', 'end_date']).execute();
}

export async function findChairTerm(db: DB, id: string): Promise<ChairTermRow | undefined> {
  return (await termsWithParty(db).where('t.id', '=', id).executeTakeFirst()) as ChairTermRow | undefined;
}

/** Serialises writers of chair terms so two overlapping terms cannot both pass the overlap check. */
export async function lockChairTerms(trx: DB): Promise<void> {
  await sql`LOCK TABLE chair_terms IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
}

export interface ChairTermValues {
  partyId: string;
  start: string;
  end: string | null;
  howDecided: string;
  decidedOn: string | null;
  uncertain: string | null;
  decisionRef: string | null;
}

export async function insertChairTerm(trx: DB, v: ChairTermValues, now: Date): Promise<string> {
  const row = await trx
    .insertInto('chair_terms')
    .values({
      party_id: v.partyId,
      start_date: v.start,
      end_date: v.end,
      how_decided: v.howDecided,
      decided_on: v.decidedOn,
      uncertain: v.uncertain,
      decision_ref: v.decisionRef,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateChairTerm(trx: DB, id: string, v: ChairTermValues, now: Date): Promise<void> {
  await trx
    .updateTable('chair_terms')
    .set({
      party_id: v.partyId,
      start_date: v.start,
      end_date: v.end,
      how_decided: v.howDecided,
      decided_on: v.decidedOn,
      uncertain: v.uncertain,
      decision_ref: v.decisionRef,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function listChairBids(db: DB, partyId?: string): Promise<ChairBidRow[]> {
  let q = bidsWithParty(db);
  if (partyId) q = q.where('t.party_id', '=', partyId);
  return (await q.orderBy('t.submitted_at', 'desc').execute()) as ChairBidRow[];
}

export async function findChairBid(db: DB, id: string): Promise<ChairBidRow | undefined> {
  return (await bidsWithParty(db).where('t.id', '=', id).executeTakeFirst()) as ChairBidRow | undefined;
}

export interface NewChairBid {
  partyId: string;
  termStart: string;
  termEnd: string | null;
  submittedAt: Date;
  letter: string | null;
  documentRef: string | null;
  recordedByUserId: string | null;
  recordedByPartyId: string | null;
  now: Date;
}

export async function insertChairBid(trx: DB, b: NewChairBid): Promise<string> {
  const row = await trx
    .insertInto('chair_bids')
    .values({
      party_id: b.partyId,
      term_start: b.termStart,
      term_end: b.termEnd,
      submitted_at: b.submittedAt,
      letter: b.letter,
      document_ref: b.documentRef,
      recorded_by_user_id: b.recordedByUserId,
      recorded_by_party_id: b.recordedByPartyId,
      decision_ref: null,
      created_at: b.now,
      updated_at: b.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateChairBidStatus(trx: DB, id: string, status: ChairBidRow['status'], decisionRef: string | null | undefined, now: Date): Promise<void> {
  const values: Updateable<ChairBidsTable> = { status, updated_at: now };
  if (decisionRef !== undefined) values.decision_ref = decisionRef;
  await trx.updateTable('chair_bids').set(values).where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------------------
// Secretariat heads

export async function listSecretariatHeads(db: DB): Promise<SecretariatHeadRow[]> {
  return db.selectFrom('secretariat_heads').selectAll().orderBy('seq').execute();
}

export interface NewSecretariatHead {
  name: string | null;
  nationality: string | null;
  role: 'head' | 'deputy';
  title: Record<string, string>;
  start: string | null;
  end: string | null;
  uncertain: string | null;
  seq: number;
  now: Date;
}

export async function insertSecretariatHead(trx: DB, h: NewSecretariatHead): Promise<SecretariatHeadRow> {
  return trx
    .insertInto('secretariat_heads')
    .values({
      name: h.name,
      nationality: h.nationality,
      role: h.role,
      title: json(h.title),
      start_date: h.start,
      end_date: h.end,
      uncertain: h.uncertain,
      seq: h.seq,
      created_at: h.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
