/** The only SQL of the decisions module. */
import { type Insertable, type RawBuilder, type Selectable, type SqlBool, sql, type Updateable } from 'kysely';
import type { DB } from '../../db/database.ts';
import type { DecisionCommentsTable, DecisionPositionsTable, DecisionsTable } from '../../db/tables.ts';
import type { Actor } from '../../shared/context.ts';
import { isMemberDelegation, isObserver, isSecretariat } from '../../shared/policy.ts';
import { meetingVisibleTo } from '../meetings/meetings.repository.ts';
import { blockingKinds } from './decision.ts';

export type DecisionRow = Selectable<DecisionsTable>;
export type PositionRow = Selectable<DecisionPositionsTable>;
export type CommentRow = Selectable<DecisionCommentsTable>;

const blockingList = sql.join(blockingKinds.map((k) => sql.lit(k)));

export async function insertDecision(trx: DB, values: Insertable<DecisionsTable>): Promise<DecisionRow> {
  return trx.insertInto('decisions').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateDecision(trx: DB, id: string, patch: Updateable<DecisionsTable>): Promise<DecisionRow> {
  return trx.updateTable('decisions').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function findDecision(db: DB, id: string): Promise<DecisionRow | undefined> {
  return db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * A decision and its current positions in one round trip: what recording a position needs. With
 * `share`, the decision row is share-locked (many states at once; the Chair's actions and the
 * conclusion take it for update, so they wait for positions in flight). Without, nothing is
 * locked and nothing is written: a repeat of the current position costs no commit to disk.
 */
export async function decisionWithPositions(trx: DB, id: string, lock: 'share' | null): Promise<{ row: DecisionRow; positions: PositionWithParty[] } | undefined> {
  const q = trx
    .selectFrom('decisions as d')
    .selectAll('d')
    .select(
      sql<PositionJson[]>`(SELECT coalesce(json_agg(json_build_object(
          'id', p.id, 'decision_id', p.decision_id, 'party_id', p.party_id, 'party_code', pa.code, 'kind', p.kind, 'text', p.text,
          'recorded_by_user_id', p.recorded_by_user_id, 'recorded_at', p.recorded_at, 'mfa', p.mfa, 'request_id', p.request_id)
          ORDER BY pa.code), '[]'::json)
        FROM decision_positions p JOIN parties pa ON pa.id = p.party_id WHERE p.decision_id = d.id AND p.is_current)`.as('current_positions'),
    )
    .where('d.id', '=', id);
  const r = await (lock === 'share' ? q.forShare() : q).executeTakeFirst();
  if (!r) return undefined;
  const { current_positions, ...row } = r as DecisionRow & { current_positions: PositionJson[] };
  return {
    row,
    positions: current_positions.map((p) => ({ ...p, recorded_at: new Date(p.recorded_at), is_current: true, superseded_by: null })),
  };
}

interface PositionJson {
  id: string;
  decision_id: string;
  party_id: string;
  party_code: string;
  kind: PositionRow['kind'];
  text: string | null;
  recorded_by_user_id: string;
  recorded_at: string;
  mfa: boolean;
  request_id: string | null;
}

/**
 * Reads a decision under a row lock: `share` for positions (many states at once), `update` for the
 * Chair's actions and the conclusion (they wait for positions in flight and are waited for).
 */
export async function lockDecision(trx: DB, id: string, mode: 'share' | 'update'): Promise<DecisionRow | undefined> {
  const q = trx.selectFrom('decisions').selectAll().where('id', '=', id);
  return (mode === 'share' ? q.forShare() : q.forUpdate()).executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// Positions

export type PositionWithParty = PositionRow & { party_code: string };

export async function currentPositions(db: DB, decisionId: string): Promise<PositionWithParty[]> {
  return db
    .selectFrom('decision_positions as p')
    .innerJoin('parties', 'parties.id', 'p.party_id')
    .selectAll('p')
    .select('parties.code as party_code')
    .where('p.decision_id', '=', decisionId)
    .where('p.is_current', '=', true)
    .orderBy('parties.code')
    .execute();
}

export async function positionHistory(db: DB, decisionId: string): Promise<PositionWithParty[]> {
  return db
    .selectFrom('decision_positions as p')
    .innerJoin('parties', 'parties.id', 'p.party_id')
    .selectAll('p')
    .select('parties.code as party_code')
    .where('p.decision_id', '=', decisionId)
    .orderBy('p.recorded_at')
    .orderBy('parties.code')
    .execute();
}

/**
 * Serialises changes of one state's position on one decision (a transaction-scoped advisory lock):
 * a second submission waits for the first to commit and then finds its position current, instead of
 * failing on the unique index and retrying. The unique index stays the guarantee.
 */
export async function lockStatePosition(trx: DB, decisionId: string, partyId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`decision-position:${decisionId}:${partyId}`}, 0))`.execute(trx);
}

/** The state's current position, locked until the transaction ends. */
export async function lockCurrentPosition(trx: DB, decisionId: string, partyId: string): Promise<PositionRow | undefined> {
  return trx
    .selectFrom('decision_positions')
    .selectAll()
    .where('decision_id', '=', decisionId)
    .where('party_id', '=', partyId)
    .where('is_current', '=', true)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Marks `oldId` superseded by `newId` (inserted next, in the same transaction: the foreign key is
 * deferred). Returns false when another transaction superseded it first.
 */
export async function supersedePosition(trx: DB, oldId: string, newId: string): Promise<boolean> {
  const r = await trx
    .updateTable('decision_positions')
    .set({ is_current: false, superseded_by: newId })
    .where('id', '=', oldId)
    .where('is_current', '=', true)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertPosition(trx: DB, values: Insertable<DecisionPositionsTable>): Promise<PositionRow> {
  return trx.insertInto('decision_positions').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function countPositions(db: DB, decisionId: string): Promise<{ total: number; current: number }> {
  const r = await db
    .selectFrom('decision_positions')
    .select([sql<string>`count(*)`.as('total'), sql<string>`count(*) FILTER (WHERE is_current)`.as('current')])
    .where('decision_id', '=', decisionId)
    .executeTakeFirstOrThrow();
  return { total: Number(r.total), current: Number(r.current) };
}

// ---------------------------------------------------------------------------------------------
// Comments

export async function insertComment(trx: DB, values: Insertable<DecisionCommentsTable>): Promise<CommentRow> {
  return trx.insertInto('decision_comments').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function listComments(db: DB, decisionId: string, onlyPartyId: string | null): Promise<Array<CommentRow & { party_code: string; user_name: string }>> {
  let q = db
    .selectFrom('decision_comments as c')
    .innerJoin('parties', 'parties.id', 'c.party_id')
    .innerJoin('users', 'users.id', 'c.user_id')
    .selectAll('c')
    .select(['parties.code as party_code', 'users.name as user_name'])
    .where('c.decision_id', '=', decisionId);
  if (onlyPartyId) q = q.where('c.party_id', '=', onlyPartyId);
  return q.orderBy('c.created_at').execute();
}

// ---------------------------------------------------------------------------------------------
// Parties, bodies, people

export interface PartyRef {
  id: string;
  code: string;
  kind: string;
  names: Record<string, string>;
  short_names: Record<string, string>;
}

export async function memberStateIds(db: DB): Promise<string[]> {
  const rows = await db.selectFrom('parties').select('id').where('kind', '=', 'member-state').orderBy('code').execute();
  return rows.map((r) => r.id);
}

export async function partiesByIds(db: DB, ids: readonly string[]): Promise<PartyRef[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('parties').select(['id', 'code', 'kind', 'names', 'short_names']).where('id', 'in', [...ids]).orderBy('code').execute() as Promise<PartyRef[]>;
}

export async function partiesByCodes(db: DB, codes: readonly string[]): Promise<PartyRef[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('parties').select(['id', 'code', 'kind', 'names', 'short_names']).where('code', 'in', [...codes]).execute() as Promise<PartyRef[]>;
}

/** A meeting the actor may see (meetings' own visibility predicate), with its body. */
export async function findMeetingFor(db: DB, id: string, actor: Actor): Promise<{ id: string; body_code: string } | undefined> {
  return db.selectFrom('meetings').select(['id', 'body_code']).where('id', '=', id).where(meetingVisibleTo(actor)).executeTakeFirst();
}

export async function findBody(db: DB, code: string): Promise<{ code: string; names: Record<string, string> } | undefined> {
  return db.selectFrom('bodies').select(['code', 'names']).where('code', '=', code).executeTakeFirst() as Promise<{ code: string; names: Record<string, string> } | undefined>;
}

export interface Recipient {
  id: string;
  language: string;
  time_zone: string;
  party_id: string;
  party_kind: string;
  role: string;
}

/**
 * Who is told about a decision: the heads of delegation and focal points of the given member
 * states (all member states when null), and the Secretariat's officers and admins.
 */
export async function noticeRecipients(db: DB, partyIds: readonly string[] | null, opts: { secretariat: boolean }): Promise<Recipient[]> {
  if (partyIds && partyIds.length === 0 && !opts.secretariat) return [];
  const rows = await db
    .selectFrom('users')
    .innerJoin('parties', 'parties.id', 'users.party_id')
    .select(['users.id', 'users.language', 'users.time_zone', 'users.party_id', 'parties.kind as party_kind', 'users.role'])
    .where('users.status', '=', 'active')
    .where((eb) => {
      const delegations = eb.and([
        eb('parties.kind', '=', 'member-state'),
        eb('users.role', 'in', ['head-of-delegation', 'focal-point']),
        ...(partyIds ? [partyIds.length ? eb('users.party_id', 'in', [...partyIds]) : eb.val(false)] : []),
      ]);
      return opts.secretariat ? eb.or([delegations, eb.and([eb('parties.kind', '=', 'secretariat'), eb('users.role', 'in', ['officer', 'admin'])])]) : delegations;
    })
    .orderBy('users.id')
    .execute();
  return rows as Recipient[];
}

// ---------------------------------------------------------------------------------------------
// The text document

export interface TextDocument {
  id: string;
  symbol: string;
  title: string;
  status: string;
  access_level: string;
  body_code: string;
  series: string;
  languages: Array<{ language: string; status: string; role: string }>;
}

export async function findTextDocument(db: DB, id: string): Promise<TextDocument | undefined> {
  const doc = await db.selectFrom('documents').select(['id', 'symbol', 'title', 'status', 'access_level', 'body_code', 'series']).where('id', '=', id).executeTakeFirst();
  if (!doc) return undefined;
  const languages = await db.selectFrom('document_languages').select(['language', 'status', 'role']).where('document_id', '=', id).orderBy('language').execute();
  return { ...doc, languages };
}

export async function documentSymbols(db: DB, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('documents').select(['id', 'symbol']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.symbol]));
}

// ---------------------------------------------------------------------------------------------
// The list

/** A decision with what its state depends on, reduced in SQL (one row per decision), and its state. */
export interface DecisionListRow extends DecisionRow {
  blocking_party_ids: string[];
  joined_count: string | number;
  acted_count: string | number;
  text_symbol: string | null;
  outcome_symbol: string | null;
  my_position: PositionRow['kind'] | null;
  state: string;
}

/** What `decisions.read` looks at besides the decision: the clock, the Chair's party, the forum's setting for observers. */
export interface ViewerFacts {
  now: Date;
  chairPartyId: string | null;
  observersMayComment: boolean;
}

/**
 * The decisions `actor` may read, as a predicate over the stored columns of `decisions` (or the alias
 * given): the one definition of `decisions.read` (decisions.policy.ts) in SQL, for the list here and
 * for search. A test checks it against the policy on every kind of decision.
 * - the Secretariat sees everything; a member state's people what is launched, their own party's
 *   drafts, and (the Chair's party) every draft;
 * - an observer what is under way when the forum lets observers comment, and outcomes open to observers;
 * - anyone else public outcomes.
 */
export function decisionVisibleTo(actor: Actor, f: ViewerFacts, alias = 'decisions'): RawBuilder<SqlBool> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  if (isSecretariat(actor)) return sql<SqlBool>`true`;
  const launched = sql<SqlBool>`(${col('launched_at')} IS NOT NULL)`;
  if (isMemberDelegation(actor)) {
    if (actor.partyId && actor.partyId === f.chairPartyId) return sql<SqlBool>`true`;
    return sql<SqlBool>`(${launched} OR ${col('proposer_party_id')} = ${actor.partyId})`;
  }
  // Final (for a launched decision), as `deriveState` has it: in session, found on or withdrawn; under
  // silence, withdrawn before the expiry or past it.
  const final = sql<SqlBool>`coalesce(CASE WHEN ${col('procedure')} = 'in-session' THEN ${col('finding_at')} IS NOT NULL OR ${col('withdrawn_at')} IS NOT NULL
    ELSE ${col('withdrawn_at')} < ${col('expires_at')} OR ${col('expires_at')} <= ${f.now} END, false)`;
  const levels = isObserver(actor) ? sql`('public', 'members-and-observers')` : sql`('public')`;
  const outcome = sql<SqlBool>`(${launched} AND ${final} AND ${col('outcome_access')} IN ${levels})`;
  if (isObserver(actor) && f.observersMayComment) return sql<SqlBool>`((${launched} AND NOT ${final}) OR ${outcome})`;
  return outcome;
}

export interface ListWhere {
  /** Who is looking (see `decisionVisibleTo`). */
  viewer: Actor;
  facts: ViewerFacts;
  bodyCode?: string;
  procedure?: 'in-session' | 'silence';
  /** Open decisions on which this member state has no current position. */
  awaitingPartyId?: string;
  state?: string;
  textDocumentId?: string;
  now: Date;
  /** The actor's party, to show its own position. */
  myPartyId: string | null;
}

/**
 * The state of the decision in scope (`x`, with blocking_count and joined_count) at `now`, in SQL:
 * the same rules as `deriveState` in decision.ts, so a list can filter and page by state in the
 * database. A test checks the two agree on every kind of decision.
 */
export function stateSql(now: Date) {
  const unanimous = sql`(cardinality(x.member_party_ids) > 0 AND x.joined_count >= cardinality(x.member_party_ids))`;
  return sql<string>`CASE
    WHEN x.procedure = 'in-session' THEN CASE
      WHEN x.finding_at IS NOT NULL AND (x.withdrawn_at IS NULL OR x.finding_at <= x.withdrawn_at) THEN CASE
        WHEN x.finding_outcome = 'objection' THEN 'not-adopted'
        WHEN x.definition = 'unanimity' AND NOT ${unanimous} THEN 'not-adopted'
        ELSE 'adopted' END
      WHEN x.withdrawn_at IS NOT NULL THEN 'withdrawn'
      WHEN x.launched_at IS NOT NULL THEN 'in-session'
      ELSE 'draft' END
    WHEN x.launched_at IS NULL OR x.expires_at IS NULL THEN CASE WHEN x.withdrawn_at IS NOT NULL THEN 'withdrawn' ELSE 'draft' END
    WHEN x.withdrawn_at IS NOT NULL AND x.withdrawn_at < x.expires_at THEN 'withdrawn'
    WHEN ${now}::timestamptz < x.expires_at THEN CASE WHEN x.blocking_count > 0 THEN 'silence-broken' ELSE 'circulated' END
    WHEN x.blocking_count > 0 THEN 'not-adopted'
    WHEN x.definition = 'unanimity' AND NOT ${unanimous} THEN 'not-adopted'
    ELSE 'adopted' END`;
}

/** The filters that need no position counts: body, procedure, text, who may see it, awaiting. */
function whereOf(w: ListWhere) {
  const c: ReturnType<typeof sql<SqlBool>>[] = [];
  if (w.bodyCode) c.push(sql<SqlBool>`d.body_code = ${w.bodyCode}`);
  if (w.procedure) c.push(sql<SqlBool>`d.procedure = ${w.procedure}`);
  if (w.textDocumentId) c.push(sql<SqlBool>`d.text_document_id = ${w.textDocumentId}`);
  c.push(decisionVisibleTo(w.viewer, w.facts, 'd'));
  if (w.awaitingPartyId) {
    c.push(sql<SqlBool>`(d.launched_at IS NOT NULL AND d.withdrawn_at IS NULL AND ${w.awaitingPartyId}::uuid = ANY (d.member_party_ids)
      AND ((d.procedure = 'silence' AND d.expires_at > ${w.now}) OR (d.procedure = 'in-session' AND d.finding_at IS NULL))
      AND NOT EXISTS (SELECT 1 FROM decision_positions ap WHERE ap.decision_id = d.id AND ap.party_id = ${w.awaitingPartyId} AND ap.is_current))`);
  }
  return c.length ? sql<SqlBool>`${sql.join(c, sql` AND `)}` : sql<SqlBool>`true`;
}

/** Whether the list needs each decision's state in SQL (to filter by it). */
const needsState = (w: ListWhere) => !!w.state;

/**
 * Decisions with their position counts, as `deriveState` counts them: stored per decision in
 * `decision_tallies` and kept right by triggers (migration 2026-11-28T1000), so the state expression
 * reads three integers instead of aggregating every decision's positions on every request.
 */
function baseQuery(db: DB, w: ListWhere) {
  const mine = w.myPartyId;
  return db
    .selectFrom('decisions as d')
    .leftJoin('decision_tallies as t', 't.decision_id', 'd.id')
    .leftJoin('documents as td', 'td.id', 'd.text_document_id')
    .leftJoin('documents as od', 'od.id', 'd.outcome_document_id')
    .where(whereOf(w))
    .selectAll('d')
    .select([
      'td.symbol as text_symbol',
      'od.symbol as outcome_symbol',
      sql<number>`coalesce(t.blocking_count, 0)`.as('blocking_count'),
      sql<number>`coalesce(t.joined_count, 0)`.as('joined_count'),
      sql<number>`coalesce(t.acted_count, 0)`.as('acted_count'),
      mine
        ? sql<PositionRow['kind'] | null>`(SELECT p.kind FROM decision_positions p WHERE p.decision_id = d.id AND p.party_id = ${mine} AND p.is_current)`.as('my_position')
        : sql<null>`NULL`.as('my_position'),
    ]);
}

/** The list with each decision's state, filtered by state and visibility in SQL. */
function listQuery(db: DB, w: ListWhere) {
  const state = stateSql(w.now);
  let q = db.selectFrom(baseQuery(db, w).as('x')).selectAll('x').select(state.as('state'));
  if (w.state) q = q.where(state, '=', w.state);
  return q;
}

/**
 * Runs list queries with PostgreSQL's JIT off: a state filter over 10,000 decisions can cost enough for
 * the planner to JIT-compile a query (hundreds of ms) that runs in a few ms (bench/decisions.bench.ts).
 */
export async function withoutJit<T>(db: DB, run: (trx: DB) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL jit = off`.execute(trx);
    return run(trx);
  });
}

/** Decisions with their state inputs, newest first, one page. */
export async function listDecisionRows(db: DB, w: ListWhere, page: { limit: number; offset: number }): Promise<DecisionListRow[]> {
  const rows = await listQuery(db, w).orderBy('x.created_at', 'desc').orderBy('x.id', 'desc').limit(page.limit).offset(page.offset).execute();
  if (rows.length === 0) return [];
  // Who broke silence: for the page only.
  const blocking = await db
    .selectFrom('decision_positions as p')
    .innerJoin('decisions as d', 'd.id', 'p.decision_id')
    .select(['p.decision_id', 'p.party_id'])
    .where(
      'p.decision_id',
      'in',
      rows.map((r) => r.id),
    )
    .where(sql<SqlBool>`p.is_current AND p.party_id = ANY (d.member_party_ids) AND p.kind IN (${blockingList}) AND (d.expires_at IS NULL OR p.recorded_at < d.expires_at)`)
    .orderBy('p.party_id')
    .execute();
  return rows.map((r) => ({ ...r, blocking_party_ids: blocking.filter((b) => b.decision_id === r.id).map((b) => b.party_id) })) as unknown as DecisionListRow[];
}

export async function countDecisionRows(db: DB, w: ListWhere): Promise<number> {
  // Without a state to filter by, the count needs no position summary at all.
  const q = needsState(w)
    ? db.selectFrom(listQuery(db, w).as('y')).select(sql<string>`count(*)`.as('n'))
    : db.selectFrom('decisions as d').where(whereOf(w)).select(sql<string>`count(*)`.as('n'));
  const r = await q.executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Decisions with a silence deadline in [from, to), for calendars. */
export async function decisionsExpiringBetween(db: DB, from: Date, to: Date): Promise<DecisionRow[]> {
  return db
    .selectFrom('decisions')
    .selectAll()
    .where('procedure', '=', 'silence')
    .where('launched_at', 'is not', null)
    .where('expires_at', '>=', from)
    .where('expires_at', '<', to)
    .orderBy('expires_at')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Two-factor step-up

export async function secondFactorOf(db: DB, userId: string): Promise<{ secret: string | null; enabled: boolean } | undefined> {
  const r = await db.selectFrom('users').select(['totp_secret', 'totp_enabled']).where('id', '=', userId).executeTakeFirst();
  return r ? { secret: r.totp_secret, enabled: r.totp_enabled } : undefined;
}

/** Spends a TOTP time step on a step-up: false when this person already spent it (a replayed code). */
export async function spendStepUp(trx: DB, userId: string, step: number, at: Date): Promise<boolean> {
  const r = await trx
    .insertInto('decision_step_ups')
    .values({ user_id: userId, step, used_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'step']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return r !== undefined;
}
