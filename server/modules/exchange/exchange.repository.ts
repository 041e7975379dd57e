import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/database.ts';
import type { ExchangeContentKind, ExchangeVisibility } from '../../db/tables.ts';
import type { Actor, PartyKind } from '../../shared/context.ts';

// ---------------------------------------------------------------------------------------------------------
// Visibility: the one predicate every read of submissions goes through.

/**
 * Whether the submission row aliased `s` may be seen by `actor`, as SQL. Used by get, lists, counts,
 * exports, comparisons and the history of versions, so a submission shown to parties A and B is
 * invisible to C everywhere at once.
 *
 * - A party sees its own submissions, drafts included (nobody else sees a draft).
 * - Submitted ones: anyone when public; any member state's people when 'members'; the parties named
 *   in its audience (shown-to and recipients) in every case; the Secretariat always.
 */
export function visibleSubmission(actor: Actor, alias: 's' | 'n' = 's'): RawBuilder<SqlBool> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const submitted = sql<SqlBool>`${col('status')} = 'submitted'`;
  if (actor.kind === 'system') return sql<SqlBool>`true`;
  if (actor.kind !== 'user' || !actor.partyId) return sql<SqlBool>`(${submitted} AND ${col('visibility')} = 'public')`;
  if (actor.partyKind === 'secretariat') return submitted;
  const members = actor.partyKind === 'member-state' ? sql`OR ${col('visibility')} = 'members'` : sql``;
  return sql<SqlBool>`(${col('party_id')} = ${actor.partyId} OR (${submitted} AND (${col('visibility')} = 'public' ${members}
    OR EXISTS (SELECT 1 FROM exchange_submission_parties sp WHERE sp.submission_id = ${col('id')} AND sp.party_id = ${actor.partyId}))))`;
}

// ---------------------------------------------------------------------------------------------------------
// Forms

export interface FormRow {
  id: string;
  code: string;
  version: number;
  title: Record<string, string>;
  description: Record<string, string>;
  schema: Record<string, unknown>;
  labels: Record<string, unknown>;
  due_rule: Record<string, unknown>;
  options: Record<string, unknown>;
  created_at: Date;
  created_by: string | null;
}

export async function insertForm(
  trx: DB,
  f: { code: string; version: number; title: unknown; description: unknown; schema: unknown; labels: unknown; dueRule: unknown; options: unknown; createdAt: Date; createdBy: string | null },
): Promise<FormRow> {
  return (await trx
    .insertInto('exchange_forms')
    .values({
      code: f.code,
      version: f.version,
      title: JSON.stringify(f.title),
      description: JSON.stringify(f.description),
      schema: JSON.stringify(f.schema),
      labels: JSON.stringify(f.labels),
      due_rule: JSON.stringify(f.dueRule),
      options: JSON.stringify(f.options),
      created_at: f.createdAt,
      created_by: f.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow()) as FormRow;
}

export async function findForm(db: DB, id: string): Promise<FormRow | undefined> {
  return (await db.selectFrom('exchange_forms').selectAll().where('id', '=', id).executeTakeFirst()) as FormRow | undefined;
}

export async function findFormVersion(db: DB, code: string, version: number): Promise<FormRow | undefined> {
  return (await db.selectFrom('exchange_forms').selectAll().where('code', '=', code).where('version', '=', version).executeTakeFirst()) as FormRow | undefined;
}

export async function findLatestForm(db: DB, code: string): Promise<FormRow | undefined> {
  return (await db.selectFrom('exchange_forms').selectAll().where('code', '=', code).orderBy('version', 'desc').limit(1).executeTakeFirst()) as FormRow | undefined;
}

/** Every form version, or only the latest version of each form. */
export async function listForms(db: DB, opts: { latestOnly: boolean }): Promise<FormRow[]> {
  let q = db.selectFrom('exchange_forms as f').selectAll('f');
  if (opts.latestOnly) q = q.where(({ not, exists, selectFrom }) => not(exists(selectFrom('exchange_forms as g').select('g.id').whereRef('g.code', '=', 'f.code').whereRef('g.version', '>', 'f.version'))));
  return (await q.orderBy('f.code').orderBy('f.version').execute()) as FormRow[];
}

/** Serialises concurrent additions of versions of one form code (the unique index is the final guard). */
export async function lockFormCode(trx: DB, code: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`exchange.form:${code}`}))`.execute(trx);
}

// ---------------------------------------------------------------------------------------------------------
// Parties and their people

export interface PartyRef {
  id: string;
  code: string;
  kind: string;
  names: Record<string, string>;
}

export async function findPartiesByCodes(db: DB, codes: string[]): Promise<PartyRef[]> {
  if (codes.length === 0) return [];
  return (await db.selectFrom('parties').select(['id', 'code', 'kind', 'names']).where('code', 'in', codes).execute()) as PartyRef[];
}

export async function findPartiesByIds(db: DB, ids: string[]): Promise<PartyRef[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('parties').select(['id', 'code', 'kind', 'names']).where('id', 'in', ids).execute()) as PartyRef[];
}

export async function listPartiesOfKind(db: DB, kind: PartyKind): Promise<PartyRef[]> {
  return (await db.selectFrom('parties').select(['id', 'code', 'kind', 'names']).where('kind', '=', kind).orderBy('code').execute()) as PartyRef[];
}

export interface ContactPerson {
  id: string;
  party_id: string;
  role: string;
  language: string;
  time_zone: string;
}

/**
 * The people who act on exchange business for these parties: active focal points, or the head of
 * delegation where a party has no active focal point.
 */
export async function focalPointsOf(db: DB, partyIds: string[]): Promise<ContactPerson[]> {
  if (partyIds.length === 0) return [];
  const rows = (await db
    .selectFrom('users')
    .select(['id', 'party_id', 'role', 'language', 'time_zone'])
    .where('party_id', 'in', partyIds)
    .where('status', '=', 'active')
    .where('role', 'in', ['focal-point', 'head-of-delegation'])
    .orderBy('created_at')
    .execute()) as ContactPerson[];
  const withFocal = new Set(rows.filter((r) => r.role === 'focal-point').map((r) => r.party_id));
  return rows.filter((r) => r.role === 'focal-point' || !withFocal.has(r.party_id));
}

// ---------------------------------------------------------------------------------------------------------
// Submissions

export interface SubmissionRow {
  id: string;
  form_id: string;
  form_code: string;
  form_version: number;
  periodic: boolean;
  party_id: string;
  party_code: string;
  year: number;
  activity_start: string | null;
  content_kind: ExchangeContentKind;
  nothing_new_since: number | null;
  data: unknown;
  title: string | null;
  visibility: ExchangeVisibility;
  status: 'draft' | 'submitted';
  version: number;
  root_id: string;
  previous_id: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  submitted_by: string | null;
  /** Id of the next version, when one exists and the caller may see it. */
  next_id: string | null;
}

export interface SubmissionFilters {
  partyId?: string;
  formCode?: string;
  year?: number;
  status?: 'draft' | 'submitted';
  /** received: delivered to the actor's party; sent: filed by it. */
  box?: 'received' | 'sent';
  /** Only versions that have no (visible) later version. */
  latestOnly?: boolean;
  ids?: string[];
}

function selectSubmissions(db: DB, actor: Actor) {
  const visible = visibleSubmission(actor);
  return db
    .selectFrom('exchange_submissions as s')
    .innerJoin('parties as p', 'p.id', 's.party_id')
    .innerJoin('exchange_forms as f', 'f.id', 's.form_id')
    .where(visible)
    .select([
      's.id',
      's.form_id',
      's.form_code',
      'f.version as form_version',
      's.periodic',
      's.party_id',
      'p.code as party_code',
      's.year',
      's.activity_start',
      's.content_kind',
      's.nothing_new_since',
      's.data',
      's.title',
      's.visibility',
      's.status',
      's.version',
      's.root_id',
      's.previous_id',
      's.created_by',
      's.created_at',
      's.updated_at',
      's.submitted_at',
      's.submitted_by',
      // The successor only when it too is visible to the caller (a later version may be narrower).
      sql<string | null>`(SELECT n.id FROM exchange_submissions n WHERE n.previous_id = s.id AND ${visibleSubmission(actor, 'n')})`.as('next_id'),
    ]);
}

function applyFilters<Q extends ReturnType<typeof selectSubmissions>>(q: Q, actor: Actor, f: SubmissionFilters): Q {
  let r = q as ReturnType<typeof selectSubmissions>;
  if (f.partyId) r = r.where('s.party_id', '=', f.partyId);
  if (f.formCode) r = r.where('s.form_code', '=', f.formCode);
  if (f.year !== undefined) r = r.where('s.year', '=', f.year);
  if (f.status) r = r.where('s.status', '=', f.status);
  if (f.ids) r = r.where('s.id', 'in', f.ids.length ? f.ids : ['00000000-0000-0000-0000-000000000000']);
  if (f.box === 'sent') r = r.where('s.party_id', '=', actor.partyId ?? '00000000-0000-0000-0000-000000000000');
  if (f.box === 'received') {
    r = r
      .where('s.status', '=', 'submitted')
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('exchange_submission_parties as r')
            .select('r.party_id')
            .whereRef('r.submission_id', '=', 's.id')
            .where('r.is_recipient', '=', true)
            .where('r.party_id', '=', actor.partyId ?? '00000000-0000-0000-0000-000000000000'),
        ),
      );
  }
  if (f.latestOnly) r = r.where(sql<SqlBool>`NOT EXISTS (SELECT 1 FROM exchange_submissions n WHERE n.previous_id = s.id AND ${visibleSubmission(actor, 'n')})`);
  return r as Q;
}

export async function findVisibleSubmission(db: DB, actor: Actor, id: string): Promise<SubmissionRow | undefined> {
  return (await selectSubmissions(db, actor).where('s.id', '=', id).executeTakeFirst()) as SubmissionRow | undefined;
}

/** For writes: the row locked for the rest of the transaction, when the actor may see it. */
export async function lockVisibleSubmission(trx: DB, actor: Actor, id: string): Promise<SubmissionRow | undefined> {
  const row = await findVisibleSubmission(trx, actor, id);
  if (!row) return undefined;
  await sql`SELECT id FROM exchange_submissions WHERE id = ${id} FOR UPDATE`.execute(trx);
  return (await findVisibleSubmission(trx, actor, id)) as SubmissionRow | undefined;
}

export async function listVisibleSubmissions(
  db: DB,
  actor: Actor,
  filters: SubmissionFilters,
  page: { limit: number; offset: number } | null,
): Promise<{ rows: SubmissionRow[]; total: number }> {
  let q = applyFilters(selectSubmissions(db, actor), actor, filters).orderBy('s.year', 'desc').orderBy(sql`coalesce(s.submitted_at, s.updated_at)`, 'desc').orderBy('s.id');
  if (page) q = q.limit(page.limit).offset(page.offset);
  const rows = (await q.execute()) as SubmissionRow[];
  const totalRow = await applyFilters(selectSubmissions(db, actor), actor, filters)
    .clearSelect()
    .select(sql<string>`count(*)`.as('n'))
    .executeTakeFirst();
  return { rows, total: Number(totalRow?.n ?? 0) };
}

/** Every version of these chains that the actor may see, oldest first. */
export async function visibleChains(db: DB, actor: Actor, rootIds: string[]): Promise<SubmissionRow[]> {
  if (rootIds.length === 0) return [];
  return (await selectSubmissions(db, actor).where('s.root_id', 'in', rootIds).orderBy('s.root_id').orderBy('s.version').execute()) as SubmissionRow[];
}

/** The first submission time of each chain (to judge lateness), whoever may see it: not for presentation. */
export async function firstSubmittedAtOfChains(db: DB, rootIds: string[]): Promise<Map<string, Date>> {
  if (rootIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('exchange_submissions')
    .select(['root_id', sql<Date>`min(submitted_at)`.as('first')])
    .where('root_id', 'in', rootIds)
    .where('status', '=', 'submitted')
    .groupBy('root_id')
    .execute();
  return new Map(rows.filter((r) => r.first).map((r) => [r.root_id, new Date(r.first)]));
}

export interface NewSubmission {
  id: string;
  formId: string;
  formCode: string;
  periodic: boolean;
  partyId: string;
  year: number;
  activityStart: string | null;
  contentKind: ExchangeContentKind;
  nothingNewSince: number | null;
  data: unknown;
  title: string | null;
  visibility: ExchangeVisibility;
  version: number;
  rootId: string;
  previousId: string | null;
  createdBy: string | null;
  now: Date;
}

export async function insertSubmission(trx: DB, s: NewSubmission): Promise<void> {
  await trx
    .insertInto('exchange_submissions')
    .values({
      id: s.id,
      form_id: s.formId,
      form_code: s.formCode,
      periodic: s.periodic,
      party_id: s.partyId,
      year: s.year,
      activity_start: s.activityStart,
      content_kind: s.contentKind,
      nothing_new_since: s.nothingNewSince,
      data: s.data === null || s.data === undefined ? null : JSON.stringify(s.data),
      title: s.title,
      visibility: s.visibility,
      status: 'draft',
      version: s.version,
      root_id: s.rootId,
      previous_id: s.previousId,
      created_by: s.createdBy,
      created_at: s.now,
      updated_at: s.now,
    })
    .execute();
}

export async function updateDraft(
  trx: DB,
  id: string,
  s: Pick<NewSubmission, 'formId' | 'year' | 'activityStart' | 'contentKind' | 'nothingNewSince' | 'data' | 'title' | 'visibility' | 'now'>,
): Promise<void> {
  await trx
    .updateTable('exchange_submissions')
    .set({
      form_id: s.formId,
      year: s.year,
      activity_start: s.activityStart,
      content_kind: s.contentKind,
      nothing_new_since: s.nothingNewSince,
      data: s.data === null || s.data === undefined ? null : JSON.stringify(s.data),
      title: s.title,
      visibility: s.visibility,
      updated_at: s.now,
    })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .execute();
}

export async function markSubmitted(trx: DB, id: string, by: string | null, at: Date): Promise<void> {
  await trx
    .updateTable('exchange_submissions')
    .set({ status: 'submitted', submitted_at: at, submitted_by: by, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .execute();
}

export async function deleteDraft(trx: DB, id: string): Promise<void> {
  await trx.deleteFrom('exchange_submission_parties').where('submission_id', '=', id).execute();
  await trx.deleteFrom('exchange_submissions').where('id', '=', id).where('status', '=', 'draft').execute();
}

export async function widenVisibility(trx: DB, id: string, to: 'members' | 'public', at: Date): Promise<void> {
  await trx.updateTable('exchange_submissions').set({ visibility: to, updated_at: at }).where('id', '=', id).execute();
}

/** A periodic original already filed (or drafted) by the party for the form and year, if any. */
export async function findOriginalFor(db: DB, partyId: string, formCode: string, year: number): Promise<{ id: string; status: string } | undefined> {
  return db
    .selectFrom('exchange_submissions')
    .select(['id', 'status'])
    .where('party_id', '=', partyId)
    .where('form_code', '=', formCode)
    .where('year', '=', year)
    .where('version', '=', 1)
    .where('periodic', '=', true)
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------------------
// Audience: parties named in 'parties' visibility, and recipients

export interface AudienceRow {
  submission_id: string;
  party_id: string;
  party_code: string;
  is_recipient: boolean;
}

export async function replaceAudience(trx: DB, submissionId: string, rows: Array<{ partyId: string; isRecipient: boolean }>): Promise<void> {
  await trx.deleteFrom('exchange_submission_parties').where('submission_id', '=', submissionId).execute();
  if (rows.length === 0) return;
  await trx
    .insertInto('exchange_submission_parties')
    .values(rows.map((r) => ({ submission_id: submissionId, party_id: r.partyId, is_recipient: r.isRecipient })))
    .execute();
}

export async function audienceOf(db: DB, submissionIds: string[]): Promise<AudienceRow[]> {
  if (submissionIds.length === 0) return [];
  return (await db
    .selectFrom('exchange_submission_parties as a')
    .innerJoin('parties as p', 'p.id', 'a.party_id')
    .select(['a.submission_id', 'a.party_id', 'p.code as party_code', 'a.is_recipient'])
    .where('a.submission_id', 'in', submissionIds)
    .orderBy('p.code')
    .execute()) as AudienceRow[];
}

// ---------------------------------------------------------------------------------------------------------
// Acknowledgements, derestrictions, reminders

export interface AcknowledgementRow {
  id: string;
  submission_id: string;
  party_id: string;
  party_code: string;
  acknowledged_by: string;
  acknowledged_at: Date;
  note: string | null;
}

export async function insertAcknowledgement(
  trx: DB,
  a: { submissionId: string; partyId: string; by: string; at: Date; note: string | null },
): Promise<{ id: string } | undefined> {
  return trx
    .insertInto('exchange_acknowledgements')
    .values({ submission_id: a.submissionId, party_id: a.partyId, acknowledged_by: a.by, acknowledged_at: a.at, note: a.note })
    .onConflict((oc) => oc.columns(['submission_id', 'party_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function acknowledgementsOf(db: DB, submissionIds: string[]): Promise<AcknowledgementRow[]> {
  if (submissionIds.length === 0) return [];
  return (await db
    .selectFrom('exchange_acknowledgements as a')
    .innerJoin('parties as p', 'p.id', 'a.party_id')
    .select(['a.id', 'a.submission_id', 'a.party_id', 'p.code as party_code', 'a.acknowledged_by', 'a.acknowledged_at', 'a.note'])
    .where('a.submission_id', 'in', submissionIds)
    .orderBy('a.acknowledged_at')
    .execute()) as AcknowledgementRow[];
}

export interface DerestrictionRow {
  id: string;
  submission_id: string;
  from_visibility: ExchangeVisibility;
  to_visibility: 'members' | 'public';
  at: Date;
  by_user: string | null;
  by_party: string | null;
  reason: string | null;
}

export async function insertDerestriction(
  trx: DB,
  d: { submissionId: string; from: ExchangeVisibility; to: 'members' | 'public'; at: Date; byUser: string | null; byParty: string | null; reason: string | null },
): Promise<void> {
  await trx
    .insertInto('exchange_derestrictions')
    .values({ submission_id: d.submissionId, from_visibility: d.from, to_visibility: d.to, at: d.at, by_user: d.byUser, by_party: d.byParty, reason: d.reason })
    .execute();
}

export async function derestrictionsOf(db: DB, submissionIds: string[]): Promise<DerestrictionRow[]> {
  if (submissionIds.length === 0) return [];
  return (await db.selectFrom('exchange_derestrictions').selectAll().where('submission_id', 'in', submissionIds).orderBy('at').execute()) as DerestrictionRow[];
}

/** Records a reminder; false when one with this key was already sent (nothing to do then). */
export async function claimReminder(
  trx: DB,
  r: { key: string; kind: 'acknowledgement' | 'deadline'; partyId: string; submissionId?: string | null; formCode?: string | null; year?: number | null; at: Date; recipients: number },
): Promise<boolean> {
  const row = await trx
    .insertInto('exchange_reminders')
    .values({
      key: r.key,
      kind: r.kind,
      party_id: r.partyId,
      submission_id: r.submissionId ?? null,
      form_code: r.formCode ?? null,
      year: r.year ?? null,
      sent_at: r.at,
      recipients: r.recipients,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

export async function remindersOf(db: DB, submissionIds: string[]): Promise<Array<{ submission_id: string | null; party_id: string; sent_at: Date }>> {
  if (submissionIds.length === 0) return [];
  return db.selectFrom('exchange_reminders').select(['submission_id', 'party_id', 'sent_at']).where('submission_id', 'in', submissionIds).execute();
}

/**
 * Submitted submissions with recipients that have not acknowledged, delivered before `deliveredBefore`
 * per their form's reminder delay: (submission, party) pairs still to remind.
 */
export async function unacknowledgedDeliveries(db: DB, now: Date, submissionId?: string): Promise<Array<{ submission_id: string; party_id: string; submitted_at: Date; hours: number }>> {
  let q = db
    .selectFrom('exchange_submission_parties as r')
    .innerJoin('exchange_submissions as s', 's.id', 'r.submission_id')
    .innerJoin('exchange_forms as f', 'f.id', 's.form_id')
    .select(['s.id as submission_id', 'r.party_id', sql<Date>`s.submitted_at`.as('submitted_at'), sql<number>`coalesce((f.options->>'ackReminderHours')::int, 48)`.as('hours')])
    .where('r.is_recipient', '=', true)
    .where('s.status', '=', 'submitted')
    .where(sql<SqlBool>`s.submitted_at + make_interval(hours => coalesce((f.options->>'ackReminderHours')::int, 48)) <= ${now}`)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('exchange_acknowledgements as a').select('a.id').whereRef('a.submission_id', '=', 's.id').whereRef('a.party_id', '=', 'r.party_id'))),
    );
  if (submissionId) q = q.where('s.id', '=', submissionId);
  return q.execute();
}

/** First submission time per (party, form code, year) of periodic forms in `years`. */
export async function periodicFilings(
  db: DB,
  years: number[],
  partyId?: string,
): Promise<Array<{ party_id: string; form_code: string; year: number; root_id: string; first_submitted_at: Date | null; content_kind: string; has_draft: boolean }>> {
  if (years.length === 0) return [];
  let q = db
    .selectFrom('exchange_submissions as s')
    .select([
      's.party_id',
      's.form_code',
      's.year',
      's.root_id',
      sql<Date | null>`min(s.submitted_at)`.as('first_submitted_at'),
      sql<string>`(array_agg(s.content_kind ORDER BY s.version DESC) FILTER (WHERE s.status = 'submitted'))[1]`.as('content_kind'),
      sql<boolean>`bool_or(s.status = 'draft')`.as('has_draft'),
    ])
    .where('s.periodic', '=', true)
    .where('s.year', 'in', years)
    .groupBy(['s.party_id', 's.form_code', 's.year', 's.root_id']);
  if (partyId) q = q.where('s.party_id', '=', partyId);
  return q.execute();
}

/** Notices (non-periodic) of activities in `year`, with their first submission time. */
export async function noticeFilings(
  db: DB,
  actor: Actor,
  year: number,
  partyId?: string,
): Promise<Array<{ root_id: string; party_id: string; form_code: string; title: string | null; activity_start: string | null; first_submitted_at: Date | null; status: string }>> {
  let q = db
    .selectFrom('exchange_submissions as s')
    .select([
      's.root_id',
      's.party_id',
      's.form_code',
      sql<string | null>`(array_agg(s.title ORDER BY s.version DESC))[1]`.as('title'),
      sql<string | null>`(array_agg(s.activity_start ORDER BY s.version DESC))[1]`.as('activity_start'),
      sql<Date | null>`min(s.submitted_at)`.as('first_submitted_at'),
      sql<string>`CASE WHEN bool_or(s.status = 'submitted') THEN 'submitted' ELSE 'draft' END`.as('status'),
    ])
    .where('s.periodic', '=', false)
    .where('s.year', '=', year)
    .where(visibleSubmission(actor))
    .groupBy(['s.root_id', 's.party_id', 's.form_code']);
  if (partyId) q = q.where('s.party_id', '=', partyId);
  return q.execute();
}
