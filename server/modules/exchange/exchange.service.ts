import { randomUUID } from 'node:crypto';
import type { DB } from '../../db/database.ts';
import type { ExchangeContentKind, ExchangeVisibility } from '../../db/tables.ts';
import type { Actor, Ctx } from '../../shared/context.ts';
import { AppError, type FieldProblem } from '../../shared/errors.ts';
import { authorize, can } from '../../shared/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import { sendNotification } from '../notifications/notifications.service.ts';
import { getProfile } from '../profile/profile.service.ts';
import { toCsv } from './csv.ts';
import { activityDeadline, annualDeadline, type Deadline, type DueRule, isOnTime, localDay } from './due-rules.ts';
import { exchangeErrors } from './exchange.errors.ts';
import './exchange.policy.ts';
import {
  acknowledgementsOf,
  audienceOf,
  derestrictionsOf,
  deleteDraft as deleteDraftRow,
  type FormRow,
  findForm,
  findFormVersion,
  findLatestForm,
  findOriginalFor,
  findPartiesByCodes,
  findPartiesByIds,
  findVisibleSubmission,
  firstSubmittedAtOfChains,
  focalPointsOf,
  insertAcknowledgement,
  insertDerestriction,
  insertForm,
  insertSubmission,
  listForms as listFormRows,
  listVisibleSubmissions,
  lockFormCode,
  lockVisibleSubmission,
  markSubmitted,
  type PartyRef,
  remindersOf,
  replaceAudience,
  type SubmissionFilters,
  type SubmissionRow,
  updateDraft as updateDraftRow,
  visibleChains,
  widenVisibility,
} from './exchange.repository.ts';
import type {
  ComparisonView,
  CorrectionBody,
  CreateFormBody,
  CreateSubmissionBody,
  FormView,
  SubmissionDetail,
  SubmissionFilterQuery,
  SubmissionListQuery,
  SubmissionView,
  UpdateDraftBody,
} from './exchange.schemas.ts';
import { activityStartOf, type FieldError, type FormTemplate, flattenAnswers, summaryOf, templateProblems, validateAnswers } from './form-schema.ts';

/** Hours after delivery when recipients that have not acknowledged are reminded, unless the form says otherwise. */
export const defaultAckReminderHours = 48;
export const submissionLink = (id: string) => `/exchange/submissions/${id}`;
const visibilityRank: Record<ExchangeVisibility, number> = { parties: 0, members: 1, public: 2 };

/** The forum's time zone (profile), in which due days end; UTC until a profile is loaded. */
export async function forumTimeZone(db: DB): Promise<string> {
  const profile = await getProfile(db).catch(() => null);
  return profile?.timeZone ?? 'UTC';
}

// ---------------------------------------------------------------------------------------------------------
// Forms

interface FormOptions {
  allowsNothingToDeclare?: boolean;
  allowsNothingNew?: boolean;
  checks?: FormTemplate['checks'];
  summaryField?: string | null;
  ackReminderHours?: number;
  cbmArea?: string | null;
}

export function templateOf(row: FormRow): FormTemplate {
  const o = row.options as FormOptions;
  return {
    code: row.code,
    version: row.version,
    title: row.title as FormTemplate['title'],
    description: row.description as FormTemplate['description'],
    cbmArea: o.cbmArea ?? null,
    schema: row.schema,
    labels: row.labels as FormTemplate['labels'],
    dueRule: row.due_rule as unknown as DueRule,
    allowsNothingToDeclare: o.allowsNothingToDeclare === true,
    allowsNothingNew: o.allowsNothingNew === true,
    checks: o.checks ?? [],
    summaryField: o.summaryField ?? null,
    ackReminderHours: o.ackReminderHours ?? defaultAckReminderHours,
  };
}

function presentForm(row: FormRow, isLatest: boolean): FormView {
  const t = templateOf(row);
  return {
    id: row.id,
    code: t.code,
    version: t.version,
    isLatest,
    title: t.title as Record<string, string>,
    description: t.description as Record<string, string>,
    cbmArea: t.cbmArea ?? null,
    schema: t.schema,
    labels: t.labels as Record<string, unknown>,
    dueRule: t.dueRule,
    allowsNothingToDeclare: t.allowsNothingToDeclare,
    allowsNothingNew: t.allowsNothingNew,
    checks: t.checks ?? [],
    summaryField: t.summaryField ?? null,
    ackReminderHours: t.ackReminderHours ?? defaultAckReminderHours,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

const toProblems = (errors: FieldError[], prefix = ''): FieldProblem[] => errors.map((e) => ({ field: prefix ? `${prefix}.${e.field}` : e.field, message: e.message }));

/**
 * Adds a form version inside the caller's transaction: the next version of `code` (or exactly
 * `template.version` when given, for seeding; then an existing identical version is left alone).
 */
export async function addFormVersion(trx: DB, ctx: Ctx, input: Omit<FormTemplate, 'version'> & { version?: number }): Promise<FormRow> {
  authorize(ctx.actor, 'exchange.createForm');
  await lockFormCode(trx, input.code);
  const latest = await findLatestForm(trx, input.code);
  if (input.version !== undefined) {
    const existing = await findFormVersion(trx, input.code, input.version);
    if (existing) return existing;
  }
  const version = input.version ?? (latest ? latest.version + 1 : 1);
  const template: FormTemplate = { ...input, version };
  const problems = templateProblems(template);
  if (problems.length) throw exchangeErrors.invalidTemplate(toProblems(problems));
  const options: FormOptions = {
    allowsNothingToDeclare: template.allowsNothingToDeclare,
    allowsNothingNew: template.allowsNothingNew,
    checks: template.checks ?? [],
    summaryField: template.summaryField ?? null,
    ackReminderHours: template.ackReminderHours ?? defaultAckReminderHours,
    cbmArea: template.cbmArea ?? null,
  };
  const row = await insertForm(trx, {
    code: template.code,
    version,
    title: template.title,
    description: template.description,
    schema: template.schema,
    labels: template.labels,
    dueRule: template.dueRule,
    options,
    createdAt: ctx.clock.now(),
    createdBy: ctx.actor.userId,
  });
  await recordAudit(trx, ctx, { action: 'exchange.form_create', objectType: 'exchange_form', objectId: row.id, after: { code: row.code, version, dueRule: template.dueRule } });
  return row;
}

/** Loads templates that are not there yet (by code and version): the demo and the CLI use it. */
export async function ensureFormTemplates(trx: DB, ctx: Ctx, templates: readonly FormTemplate[]): Promise<number> {
  let added = 0;
  for (const t of templates) {
    if (await findFormVersion(trx, t.code, t.version)) continue;
    await addFormVersion(trx, ctx, t);
    added++;
  }
  return added;
}

export async function createForm(db: DB, ctx: Ctx, body: CreateFormBody): Promise<FormView> {
  authorize(ctx.actor, 'exchange.createForm');
  const row = await db.transaction().execute((trx) =>
    addFormVersion(trx, ctx, {
      code: body.code,
      title: body.title as FormTemplate['title'],
      description: body.description as FormTemplate['description'],
      cbmArea: body.cbmArea ?? null,
      schema: body.schema,
      labels: body.labels as FormTemplate['labels'],
      dueRule: body.dueRule,
      allowsNothingToDeclare: body.allowsNothingToDeclare,
      allowsNothingNew: body.allowsNothingNew,
      checks: body.checks ?? [],
      summaryField: body.summaryField ?? null,
      ackReminderHours: body.ackReminderHours,
    }),
  );
  return presentForm(row, true);
}

export async function listForms(db: DB, opts: { all: boolean }): Promise<{ items: FormView[] }> {
  const rows = await listFormRows(db, { latestOnly: !opts.all });
  const latest = new Map<string, number>();
  for (const r of rows) latest.set(r.code, Math.max(latest.get(r.code) ?? 0, r.version));
  if (opts.all) {
    // The latest version of each code is among the rows when all are listed.
    return { items: rows.map((r) => presentForm(r, latest.get(r.code) === r.version)) };
  }
  return { items: rows.map((r) => presentForm(r, true)) };
}

export async function getForm(db: DB, id: string): Promise<FormView> {
  const row = await findForm(db, id);
  if (!row) throw exchangeErrors.formNotFound();
  const latest = await findLatestForm(db, row.code);
  return presentForm(row, latest?.id === row.id);
}

/** Checks answers against a form without storing anything (the web form calls it before submitting). */
export async function validateForForm(db: DB, formId: string, data: unknown): Promise<{ valid: boolean; errors: FieldError[] }> {
  const row = await findForm(db, formId);
  if (!row) throw exchangeErrors.formNotFound();
  const errors = validateAnswers(row.id, templateOf(row), data);
  return { valid: errors.length === 0, errors };
}

// ---------------------------------------------------------------------------------------------------------
// Submissions: content rules

interface ContentInput {
  kind: ExchangeContentKind;
  nothingNewSince: number | null;
  data: Record<string, unknown> | null;
}

/** Checks the kind of content against the form, before anything is stored. */
function checkContent(template: FormTemplate, c: ContentInput, year: number): void {
  if (c.kind === 'nothing-to-declare' && !template.allowsNothingToDeclare) throw exchangeErrors.kindNotAllowed(c.kind);
  if (c.kind === 'nothing-new' && !template.allowsNothingNew) throw exchangeErrors.kindNotAllowed(c.kind);
  if (c.kind !== 'data' && c.data !== null) throw exchangeErrors.badContent('data', `must be empty when declaring "${c.kind}"`);
  if (c.kind === 'nothing-new') {
    if (c.nothingNewSince === null) throw exchangeErrors.badContent('nothingNewSince', 'is required when declaring nothing new');
    if (c.nothingNewSince >= year) throw exchangeErrors.badContent('nothingNewSince', `must be a year before ${year}`);
  } else if (c.nothingNewSince !== null) {
    throw exchangeErrors.badContent('nothingNewSince', 'is only for "nothing-new"');
  }
}

/** Problems that stop a submission: answers that do not fit the form (only for `data`). */
function submitProblems(form: FormRow, c: ContentInput): FieldProblem[] {
  if (c.kind !== 'data') return [];
  if (c.data === null) return [{ field: 'data', message: 'is required' }];
  return toProblems(validateAnswers(form.id, templateOf(form), c.data), 'data');
}

/** Year and activity start: a notice takes the year its activity starts; an annual form the year given or this one. */
function placeInTime(template: FormTemplate, c: ContentInput, givenYear: number | undefined, currentYear: number): { year: number; activityStart: string | null } {
  const activityStart = activityStartOf(template.dueRule, c.data);
  if (activityStart) return { year: Number(activityStart.slice(0, 4)), activityStart };
  return { year: givenYear ?? currentYear, activityStart: null };
}

interface AudienceInput {
  visibility: ExchangeVisibility;
  visibleTo: string[];
  recipients: string[];
}

/** Parties named and recipients, by code → rows; refuses unknown parties, the filer itself and the Secretariat. */
async function resolveAudience(trx: DB, ownPartyId: string, a: AudienceInput): Promise<Array<{ partyId: string; isRecipient: boolean }>> {
  if (a.visibility !== 'parties' && a.visibleTo.length > 0) throw exchangeErrors.badContent('visibleTo', "names parties only with visibility 'parties'");
  const codes = [...new Set([...a.visibleTo, ...a.recipients])];
  const parties = new Map((await findPartiesByCodes(trx, codes)).map((p) => [p.code, p]));
  const problems: FieldProblem[] = [];
  const check = (list: string[], field: string) =>
    list.forEach((code, i) => {
      const p = parties.get(code);
      if (!p) problems.push({ field: `${field}.${i}`, message: `${code} is not a party of the forum` });
      else if (p.id === ownPartyId) problems.push({ field: `${field}.${i}`, message: `${code} is the filing party itself` });
      else if (p.kind === 'secretariat') problems.push({ field: `${field}.${i}`, message: 'the Secretariat always sees submissions; it is not named' });
    });
  check(a.visibleTo, 'visibleTo');
  check(a.recipients, 'recipients');
  if (problems.length) throw exchangeErrors.unknownParties(problems);
  const rows = new Map<string, { partyId: string; isRecipient: boolean }>();
  for (const code of a.visibleTo) rows.set(code, { partyId: parties.get(code)!.id, isRecipient: false });
  for (const code of a.recipients) rows.set(code, { partyId: parties.get(code)!.id, isRecipient: true });
  return [...rows.values()];
}

// ---------------------------------------------------------------------------------------------------------
// Submissions: writes

async function requireFormFor(trx: DB, body: { formId?: string; form?: string }): Promise<FormRow> {
  const row = body.formId ? await findForm(trx, body.formId) : body.form ? await findLatestForm(trx, body.form) : undefined;
  if (!row) throw exchangeErrors.unknownForm();
  return row;
}

async function requireFilingParty(trx: DB, ctx: Ctx, code: string | undefined, submit: boolean): Promise<string> {
  // An unknown party and someone else's party answer alike: the caller may not file for it.
  const partyId = code ? ((await findPartiesByCodes(trx, [code]))[0]?.id ?? '') : (ctx.actor.partyId ?? '');
  authorize(ctx.actor, 'exchange.draft', { partyId });
  if (submit) authorize(ctx.actor, 'exchange.submit', { partyId });
  return partyId;
}

export interface ExchangeEffects {
  /** Ask the job worker to run now (notifications, e-mail) after the commit. */
  kickJobs?: () => void;
}

export async function createSubmission(db: DB, ctx: Ctx, body: CreateSubmissionBody, fx: ExchangeEffects = {}): Promise<SubmissionDetail> {
  const tz = await forumTimeZone(db);
  const id = await db.transaction().execute((trx) => createSubmissionIn(trx, ctx, body, tz));
  if (body.submit) fx.kickJobs?.();
  return getSubmission(db, ctx, id);
}

/** Creates (and with `submit`, submits) a submission inside the caller's transaction; returns its id. */
export async function createSubmissionIn(trx: DB, ctx: Ctx, body: CreateSubmissionBody, tz: string): Promise<string> {
  const partyId = await requireFilingParty(trx, ctx, body.party, body.submit);
  const form = await requireFormFor(trx, body);
  const template = templateOf(form);
  const content: ContentInput = { kind: body.kind, nothingNewSince: body.nothingNewSince ?? null, data: body.data ?? null };
  const currentYear = Number(localDay(ctx.clock.now(), tz).slice(0, 4));
  const { year, activityStart } = placeInTime(template, content, body.year, currentYear);
  checkContent(template, content, year);
  const audience = await resolveAudience(trx, partyId, { visibility: body.visibility, visibleTo: body.visibleTo ?? [], recipients: body.recipients ?? [] });
  if (body.submit) {
    const problems = submitProblems(form, content);
    if (problems.length) throw exchangeErrors.invalidAnswers(problems, false);
  }
  const periodic = template.dueRule.kind === 'annual';
  if (periodic) {
    const existing = await findOriginalFor(trx, partyId, form.code, year);
    if (existing) throw exchangeErrors.alreadyFiled(existing.id);
  }
  const newId = randomUUID();
  await insertSubmission(trx, {
    id: newId,
    formId: form.id,
    formCode: form.code,
    periodic,
    partyId,
    year,
    activityStart,
    contentKind: content.kind,
    nothingNewSince: content.nothingNewSince,
    data: content.data,
    title: summaryOf(template, content.data),
    visibility: body.visibility,
    version: 1,
    rootId: newId,
    previousId: null,
    createdBy: ctx.actor.userId,
    now: ctx.clock.now(),
  }).catch((err: { code?: string }) => {
    // Two first filings for one year at once: the partial unique index lets only one through.
    if (err?.code === '23505') throw exchangeErrors.alreadyFiled('filed meanwhile');
    throw err;
  });
  await replaceAudience(trx, newId, audience);
  await recordAudit(trx, ctx, {
    action: 'exchange.draft_create',
    objectType: 'exchange_submission',
    objectId: newId,
    after: { form: form.code, formVersion: form.version, year, kind: content.kind, visibility: body.visibility, visibleTo: body.visibleTo ?? [], recipients: body.recipients ?? [] },
  });
  if (body.submit) await submitInTransaction(trx, ctx, newId, form);
  return newId;
}

export async function updateDraft(db: DB, ctx: Ctx, id: string, body: UpdateDraftBody): Promise<SubmissionDetail> {
  const tz = await forumTimeZone(db);
  await db.transaction().execute(async (trx) => {
    const row = await lockVisibleSubmission(trx, ctx.actor, id);
    if (!row) throw exchangeErrors.submissionNotFound();
    authorize(ctx.actor, 'exchange.draft', { partyId: row.party_id });
    if (row.status !== 'draft') throw exchangeErrors.notDraft();
    const form = (await findForm(trx, row.form_id))!;
    const template = templateOf(form);
    const content: ContentInput = {
      kind: body.kind ?? row.content_kind,
      nothingNewSince: body.nothingNewSince !== undefined ? body.nothingNewSince : row.nothing_new_since,
      data: body.data !== undefined ? body.data : (row.data as Record<string, unknown> | null),
    };
    if (body.kind && body.kind !== 'data' && body.data === undefined) content.data = null;
    if (body.kind && body.kind !== 'nothing-new' && body.nothingNewSince === undefined) content.nothingNewSince = null;
    const currentYear = Number(localDay(ctx.clock.now(), tz).slice(0, 4));
    const { year, activityStart } = placeInTime(template, content, body.year ?? row.year, currentYear);
    checkContent(template, content, year);
    const current = await audienceOf(trx, [id]);
    const visibility = body.visibility ?? row.visibility;
    const audienceInput: AudienceInput = {
      visibility,
      visibleTo: body.visibleTo ?? (visibility === 'parties' ? current.filter((a) => !a.is_recipient).map((a) => a.party_code) : []),
      recipients: body.recipients ?? current.filter((a) => a.is_recipient).map((a) => a.party_code),
    };
    const audience = await resolveAudience(trx, row.party_id, audienceInput);
    if (row.periodic && year !== row.year && row.version === 1) {
      const existing = await findOriginalFor(trx, row.party_id, row.form_code, year);
      if (existing && existing.id !== id) throw exchangeErrors.alreadyFiled(existing.id);
    }
    await updateDraftRow(trx, id, {
      formId: row.form_id,
      year: row.version > 1 ? row.year : year,
      activityStart,
      contentKind: content.kind,
      nothingNewSince: content.nothingNewSince,
      data: content.data,
      title: summaryOf(template, content.data),
      visibility,
      now: ctx.clock.now(),
    });
    await replaceAudience(trx, id, audience);
    await recordAudit(trx, ctx, {
      action: 'exchange.draft_update',
      objectType: 'exchange_submission',
      objectId: id,
      after: { year, kind: content.kind, visibility, visibleTo: audienceInput.visibleTo, recipients: audienceInput.recipients },
    });
  });
  return getSubmission(db, ctx, id);
}

export async function deleteDraft(db: DB, ctx: Ctx, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await lockVisibleSubmission(trx, ctx.actor, id);
    if (!row) throw exchangeErrors.submissionNotFound();
    authorize(ctx.actor, 'exchange.draft', { partyId: row.party_id });
    if (row.status !== 'draft') throw exchangeErrors.notDraft();
    await deleteDraftRow(trx, id);
    await recordAudit(trx, ctx, { action: 'exchange.draft_delete', objectType: 'exchange_submission', objectId: id, before: { form: row.form_code, year: row.year, version: row.version } });
  });
}

export async function submitSubmission(db: DB, ctx: Ctx, id: string, fx: ExchangeEffects = {}): Promise<SubmissionDetail> {
  await db.transaction().execute(async (trx) => {
    const row = await lockVisibleSubmission(trx, ctx.actor, id);
    if (!row) throw exchangeErrors.submissionNotFound();
    authorize(ctx.actor, 'exchange.submit', { partyId: row.party_id });
    if (row.status !== 'draft') throw exchangeErrors.notDraft();
    const form = (await findForm(trx, row.form_id))!;
    const problems = submitProblems(form, { kind: row.content_kind, nothingNewSince: row.nothing_new_since, data: row.data as Record<string, unknown> | null });
    if (problems.length) throw exchangeErrors.invalidAnswers(problems, true);
    await submitInTransaction(trx, ctx, id, form);
  });
  fx.kickJobs?.();
  return getSubmission(db, ctx, id);
}

/**
 * The moment a submission becomes immutable: marked submitted, audited, delivered to each
 * recipient's focal points, and a reminder scheduled for recipients that will not have acknowledged.
 */
async function submitInTransaction(trx: DB, ctx: Ctx, id: string, form: FormRow): Promise<void> {
  const now = ctx.clock.now();
  await markSubmitted(trx, id, ctx.actor.userId, now);
  const row = (await findVisibleSubmission(trx, ctx.actor, id))!;
  const audience = await audienceOf(trx, [id]);
  const recipients = audience.filter((a) => a.is_recipient);
  await recordAudit(trx, ctx, {
    action: row.version > 1 ? 'exchange.submit_correction' : 'exchange.submit',
    objectType: 'exchange_submission',
    objectId: id,
    after: {
      party: row.party_code,
      form: row.form_code,
      formVersion: form.version,
      year: row.year,
      version: row.version,
      previousId: row.previous_id,
      kind: row.content_kind,
      visibility: row.visibility,
      visibleTo: audience.filter((a) => !a.is_recipient).map((a) => a.party_code),
      recipients: recipients.map((a) => a.party_code),
      submittedAt: now.toISOString(),
    },
  });
  if (recipients.length === 0) return;
  const template = templateOf(form);
  const [sender] = await findPartiesByIds(trx, [row.party_id]);
  const people = await focalPointsOf(
    trx,
    recipients.map((r) => r.party_id),
  );
  for (const person of people) {
    const params = { senderName: nameIn(sender, person.language), formTitle: textIn(template.title, person.language), title: row.title ?? String(row.year) };
    await sendNotification(trx, ctx, {
      to: { userId: person.id },
      ...(row.version > 1 ? { kind: 'exchange.correction_received', params: { ...params, version: String(row.version) } } : { kind: 'exchange.received', params }),
      link: submissionLink(id),
      objectType: 'exchange_submission',
      objectId: id,
    });
  }
  const hours = template.ackReminderHours ?? defaultAckReminderHours;
  await enqueueJob(trx, ctx.clock, 'exchange.ack_reminders', { submissionId: id }, { runAt: new Date(now.getTime() + hours * 3_600_000), dedupeKey: `exchange.ack_reminders:${id}` });
}

export function textIn(text: Record<string, string | undefined>, language: string | null | undefined): string {
  const lang = (language ?? 'en').toLowerCase().split(/[-_]/)[0];
  return text[lang] ?? text.en ?? Object.values(text).find(Boolean) ?? '';
}

export function nameIn(party: PartyRef | undefined, language: string | null | undefined): string {
  if (!party) return '';
  return textIn(party.names ?? {}, language) || party.code;
}

export async function correctSubmission(db: DB, ctx: Ctx, id: string, body: CorrectionBody, fx: ExchangeEffects = {}): Promise<SubmissionDetail> {
  const newId = await db.transaction().execute(async (trx) => {
    const prev = await lockVisibleSubmission(trx, ctx.actor, id);
    if (!prev) throw exchangeErrors.submissionNotFound();
    authorize(ctx.actor, 'exchange.correct', { partyId: prev.party_id });
    if (prev.status !== 'submitted') throw exchangeErrors.notSubmitted();
    if (prev.next_id) throw exchangeErrors.alreadyCorrected();
    // A correction is filed against the form version of the original; a newer version may differ.
    const form = (await findForm(trx, prev.form_id))!;
    const template = templateOf(form);
    const content: ContentInput = { kind: body.kind, nothingNewSince: body.nothingNewSince ?? null, data: body.data ?? null };
    checkContent(template, content, prev.year);
    const activityStart = activityStartOf(template.dueRule, content.data);
    const year = activityStart ? Number(activityStart.slice(0, 4)) : prev.year;
    const current = await audienceOf(trx, [id]);
    const visibility = body.visibility ?? prev.visibility;
    const audienceInput: AudienceInput = {
      visibility,
      visibleTo: body.visibleTo ?? (visibility === 'parties' ? current.filter((a) => !a.is_recipient).map((a) => a.party_code) : []),
      recipients: body.recipients ?? current.filter((a) => a.is_recipient).map((a) => a.party_code),
    };
    const audience = await resolveAudience(trx, prev.party_id, audienceInput);
    if (body.submit) {
      const problems = submitProblems(form, content);
      if (problems.length) throw exchangeErrors.invalidAnswers(problems, false);
    }
    const nid = randomUUID();
    await insertSubmission(trx, {
      id: nid,
      formId: form.id,
      formCode: form.code,
      periodic: prev.periodic,
      partyId: prev.party_id,
      year,
      activityStart,
      contentKind: content.kind,
      nothingNewSince: content.nothingNewSince,
      data: content.data,
      title: summaryOf(template, content.data),
      visibility,
      version: prev.version + 1,
      rootId: prev.root_id,
      previousId: prev.id,
      createdBy: ctx.actor.userId,
      now: ctx.clock.now(),
    }).catch((err: { code?: string }) => {
      // Two corrections of one version at once: the unique previous_id lets only one through.
      if (err?.code === '23505') throw exchangeErrors.alreadyCorrected();
      throw err;
    });
    await replaceAudience(trx, nid, audience);
    await recordAudit(trx, ctx, {
      action: 'exchange.correct',
      objectType: 'exchange_submission',
      objectId: nid,
      before: { id: prev.id, version: prev.version },
      after: { version: prev.version + 1, kind: content.kind, visibility, visibleTo: audienceInput.visibleTo, recipients: audienceInput.recipients },
    });
    if (body.submit) await submitInTransaction(trx, ctx, nid, form);
    return nid;
  });
  if (body.submit) fx.kickJobs?.();
  return getSubmission(db, ctx, newId);
}

export async function derestrictSubmission(db: DB, ctx: Ctx, id: string, body: { to: 'members' | 'public'; reason?: string }): Promise<SubmissionDetail> {
  await db.transaction().execute(async (trx) => {
    const row = await lockVisibleSubmission(trx, ctx.actor, id);
    if (!row) throw exchangeErrors.submissionNotFound();
    authorize(ctx.actor, 'exchange.derestrict', { partyId: row.party_id });
    if (row.status !== 'submitted') throw exchangeErrors.notSubmitted();
    if (visibilityRank[body.to] <= visibilityRank[row.visibility]) throw exchangeErrors.notWider(row.visibility, body.to);
    const now = ctx.clock.now();
    await widenVisibility(trx, id, body.to, now);
    await insertDerestriction(trx, { submissionId: id, from: row.visibility, to: body.to, at: now, byUser: ctx.actor.userId, byParty: ctx.actor.partyId, reason: body.reason ?? null });
    await recordAudit(trx, ctx, {
      action: 'exchange.derestrict',
      objectType: 'exchange_submission',
      objectId: id,
      before: { visibility: row.visibility },
      after: { visibility: body.to, reason: body.reason ?? null },
    });
  });
  return getSubmission(db, ctx, id);
}

export async function acknowledgeSubmission(
  db: DB,
  ctx: Ctx,
  id: string,
  body: { note?: string },
  fx: ExchangeEffects = {},
): Promise<{ submissionId: string; party: string; acknowledgedAt: string; note: string | null; created: boolean }> {
  const result = await db.transaction().execute(async (trx) => {
    const row = await lockVisibleSubmission(trx, ctx.actor, id);
    if (!row) throw exchangeErrors.submissionNotFound();
    if (row.status !== 'submitted') throw exchangeErrors.notSubmitted();
    const recipients = (await audienceOf(trx, [id])).filter((a) => a.is_recipient);
    const recipientPartyIds = recipients.map((r) => r.party_id);
    if (ctx.actor.kind !== 'user') authorize(ctx.actor, 'exchange.acknowledge', { recipientPartyIds });
    if (!ctx.actor.partyId || !recipientPartyIds.includes(ctx.actor.partyId)) throw exchangeErrors.notRecipient();
    authorize(ctx.actor, 'exchange.acknowledge', { recipientPartyIds });
    const partyId = ctx.actor.partyId!;
    const now = ctx.clock.now();
    const inserted = await insertAcknowledgement(trx, { submissionId: id, partyId, by: ctx.actor.userId!, at: now, note: body.note ?? null });
    const [ack] = (await acknowledgementsOf(trx, [id])).filter((a) => a.party_id === partyId);
    if (inserted) {
      await recordAudit(trx, ctx, {
        action: 'exchange.acknowledge',
        objectType: 'exchange_submission',
        objectId: id,
        after: { party: ctx.actor.partyCode, acknowledgedAt: now.toISOString(), note: body.note ?? null },
      });
      // The filing party hears of it (in the app; e-mail per their settings).
      const [recipient] = await findPartiesByIds(trx, [partyId]);
      const form = (await findForm(trx, row.form_id))!;
      for (const person of await focalPointsOf(trx, [row.party_id])) {
        await sendNotification(trx, ctx, {
          to: { userId: person.id },
          kind: 'exchange.acknowledged',
          params: { partyName: nameIn(recipient, person.language), formTitle: textIn(templateOf(form).title, person.language), title: row.title ?? String(row.year) },
          link: submissionLink(id),
          objectType: 'exchange_submission',
          objectId: id,
        });
      }
    }
    return {
      submissionId: id,
      party: ack.party_code,
      acknowledgedAt: new Date(ack.acknowledged_at).toISOString(),
      note: ack.note,
      created: inserted !== undefined,
    };
  });
  if (result.created) fx.kickJobs?.();
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Reads

function iso(d: Date | string | null): string | null {
  return d === null ? null : new Date(d).toISOString();
}

/** Due date and timeliness of a submission, from its form's rule, in the forum's time zone. */
function dueOf(rule: DueRule, row: SubmissionRow, firstSubmitted: Date | undefined, tz: string) {
  let d: Deadline | null = null;
  if (rule.kind === 'annual') d = annualDeadline(rule, row.year, tz);
  else if (row.activity_start) d = activityDeadline(rule, row.activity_start, tz);
  if (!d) return null;
  return { dueDay: d.dueDay, dueAt: d.dueAt.toISOString(), timeZone: tz, onTime: firstSubmitted ? isOnTime(d, firstSubmitted) : null };
}

/** Views of rows the actor may see, with audience details only where the actor may see them. */
async function present(db: DB, actor: Actor, rows: SubmissionRow[]): Promise<SubmissionView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const tz = await forumTimeZone(db);
  const [audience, acks, reminders, derestrictions, firsts] = await Promise.all([
    audienceOf(db, ids),
    acknowledgementsOf(db, ids),
    remindersOf(db, ids),
    derestrictionsOf(db, ids),
    firstSubmittedAtOfChains(db, [...new Set(rows.map((r) => r.root_id))]),
  ]);
  const forms = new Map<string, FormRow>();
  for (const fid of new Set(rows.map((r) => r.form_id))) {
    const f = await findForm(db, fid);
    if (f) forms.set(fid, f);
  }
  return rows.map((r) => {
    const mine = audience.filter((a) => a.submission_id === r.id);
    const seeAll = can(actor, 'exchange.seeAudience', { partyId: r.party_id });
    const ackOf = (partyId: string) => acks.find((a) => a.submission_id === r.id && a.party_id === partyId);
    const remindedOf = (partyId: string) =>
      reminders
        .filter((x) => x.submission_id === r.id && x.party_id === partyId)
        .map((x) => new Date(x.sent_at))
        .sort((a, b) => b.getTime() - a.getTime())[0];
    const ownRecipient = actor.partyId ? mine.find((a) => a.is_recipient && a.party_id === actor.partyId) : undefined;
    const form = forms.get(r.form_id);
    return {
      id: r.id,
      form: { id: r.form_id, code: r.form_code, version: r.form_version },
      party: r.party_code,
      year: r.year,
      activityStart: r.activity_start,
      kind: r.content_kind,
      nothingNewSince: r.nothing_new_since,
      title: r.title,
      visibility: r.visibility,
      status: r.status,
      version: r.version,
      rootId: r.root_id,
      previousId: r.previous_id,
      nextId: r.next_id,
      createdAt: iso(r.created_at)!,
      updatedAt: iso(r.updated_at)!,
      submittedAt: iso(r.submitted_at),
      due: form ? dueOf(form.due_rule as unknown as DueRule, r, firsts.get(r.root_id), tz) : null,
      visibleTo: seeAll ? mine.filter((a) => !a.is_recipient).map((a) => a.party_code) : null,
      recipients: seeAll
        ? mine
            .filter((a) => a.is_recipient)
            .map((a) => ({ party: a.party_code, acknowledgedAt: iso(ackOf(a.party_id)?.acknowledged_at ?? null), remindedAt: iso(remindedOf(a.party_id) ?? null) }))
        : null,
      received: ownRecipient ? { acknowledgedAt: iso(ackOf(ownRecipient.party_id)?.acknowledged_at ?? null) } : null,
      derestrictions: derestrictions
        .filter((d) => d.submission_id === r.id)
        .map((d) => ({ from: d.from_visibility, to: d.to_visibility, at: iso(d.at)!, reason: seeAll ? d.reason : null })),
    };
  });
}

async function detailed(db: DB, actor: Actor, rows: SubmissionRow[]): Promise<SubmissionDetail[]> {
  const views = await present(db, actor, rows);
  const byRoot = new Map<string, SubmissionDetail['history']>();
  for (const c of await visibleChains(db, actor, [...new Set(rows.map((r) => r.root_id))])) {
    const list = byRoot.get(c.root_id) ?? [];
    list.push({ id: c.id, version: c.version, status: c.status, submittedAt: iso(c.submitted_at) });
    byRoot.set(c.root_id, list);
  }
  return views.map((v, i) => ({ ...v, data: (rows[i].data as Record<string, unknown> | null) ?? null, history: byRoot.get(rows[i].root_id) ?? [] }));
}

export async function getSubmission(db: DB, ctx: Ctx, id: string): Promise<SubmissionDetail> {
  const row = await findVisibleSubmission(db, ctx.actor, id);
  // Anonymous callers are asked to sign in for anything not public (existing or not: nothing leaks);
  // signed-in callers get 404 for what they may not see.
  if (!row && ctx.actor.kind === 'anonymous') throw new AppError('unauthenticated', 'auth.required', 'Sign in to see this submission, if you may.');
  if (!row) throw exchangeErrors.submissionNotFound();
  const [view] = await detailed(db, ctx.actor, [row]);
  return view;
}

async function filtersOf(db: DB, q: SubmissionFilterQuery): Promise<SubmissionFilters | null> {
  const f: SubmissionFilters = {
    formCode: q.form,
    year: q.year,
    status: q.status,
    box: q.box,
    latestOnly: q.latest === 'true',
  };
  if (q.party) {
    const [p] = await findPartiesByCodes(db, [q.party]);
    if (!p) return null; // no such party: nothing to list
    f.partyId = p.id;
  }
  return f;
}

export async function listSubmissions(db: DB, ctx: Ctx, q: SubmissionListQuery): Promise<{ items: SubmissionView[]; total: number }> {
  const f = await filtersOf(db, q);
  if (!f) return { items: [], total: 0 };
  const { rows, total } = await listVisibleSubmissions(db, ctx.actor, f, { limit: q.limit ?? 50, offset: q.offset ?? 0 });
  return { items: await present(db, ctx.actor, rows), total };
}

/** Exports are capped; a caller who needs more filters by year or form. */
export const exportLimit = 5000;

async function exportRows(db: DB, ctx: Ctx, q: SubmissionFilterQuery): Promise<SubmissionDetail[]> {
  const f = await filtersOf(db, q);
  if (!f) return [];
  const { rows } = await listVisibleSubmissions(db, ctx.actor, f, { limit: exportLimit, offset: 0 });
  return detailed(db, ctx.actor, rows);
}

export async function exportJson(db: DB, ctx: Ctx, q: SubmissionFilterQuery) {
  const items = await exportRows(db, ctx, q);
  return { exportedAt: ctx.clock.now().toISOString(), count: items.length, items };
}

export async function exportCsv(db: DB, ctx: Ctx, q: SubmissionFilterQuery): Promise<{ csv: string; count: number }> {
  const items = await exportRows(db, ctx, q);
  const flat = items.map((i) => flattenAnswers(i.data ?? {}));
  const dataColumns: string[] = [];
  const seen = new Set<string>();
  for (const f of flat) {
    for (const k of Object.keys(f)) {
      if (seen.has(k)) continue;
      seen.add(k);
      dataColumns.push(k);
    }
  }
  const header = [
    'id',
    'party',
    'form',
    'form_version',
    'year',
    'activity_start',
    'version',
    'previous_id',
    'status',
    'kind',
    'nothing_new_since',
    'visibility',
    'title',
    'submitted_at',
    'due_day',
    'on_time',
    ...dataColumns.map((c) => `data.${c}`),
  ];
  const rows = items.map((i, n) => [
    i.id,
    i.party,
    i.form.code,
    i.form.version,
    i.year,
    i.activityStart,
    i.version,
    i.previousId,
    i.status,
    i.kind,
    i.nothingNewSince,
    i.visibility,
    i.title,
    i.submittedAt,
    i.due?.dueDay ?? null,
    i.due?.onTime ?? null,
    ...dataColumns.map((c) => flat[n][c] ?? null),
  ]);
  return { csv: toCsv(header, rows), count: items.length };
}

/** Every property path of a form's schema (`a.b`, list items as `a.*.b`) with its place in the form. */
function formOrder(schema: unknown): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (node: unknown, prefix: string) => {
    if (!node || typeof node !== 'object') return;
    const n = node as { properties?: Record<string, unknown>; items?: unknown };
    for (const [key, child] of Object.entries(n.properties ?? {})) {
      const path = prefix ? `${prefix}.${key}` : key;
      out.set(path, out.size);
      walk(child, path);
    }
    if (n.items) walk(n.items, prefix ? `${prefix}.*` : '*');
  };
  walk(schema, '');
  return out;
}

/** A party's answers to one form over several years, field by field (latest visible submitted version each year). */
export async function compareYears(db: DB, ctx: Ctx, q: { party: string; form: string; years: number[] }): Promise<ComparisonView> {
  const [party] = await findPartiesByCodes(db, [q.party]);
  const latestForm = await findLatestForm(db, q.form);
  if (!latestForm) throw exchangeErrors.formNotFound();
  const perYear = await Promise.all(
    q.years.map(async (year) => {
      if (!party) return { year, row: undefined };
      const { rows } = await listVisibleSubmissions(db, ctx.actor, { partyId: party.id, formCode: q.form, year, status: 'submitted', latestOnly: true }, { limit: 1, offset: 0 });
      return { year, row: rows[0] };
    }),
  );
  const template = templateOf(latestForm);
  const flats = perYear.map((y) => (y.row?.content_kind === 'data' ? flattenAnswers(y.row.data ?? {}) : {}));
  const order: string[] = [];
  const seen = new Set<string>();
  for (const f of flats) {
    for (const k of Object.keys(f)) {
      if (seen.has(k)) continue;
      seen.add(k);
      order.push(k);
    }
  }
  // In the form's own order (stored answers come back with their keys reordered), list items by index.
  const byForm = formOrder(template.schema);
  const segmentsOf = (path: string) => path.split('.');
  order.sort((a, b) => {
    const x = segmentsOf(a);
    const y = segmentsOf(b);
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      if (x[i] === y[i]) continue;
      if (/^\d+$/.test(x[i]) && /^\d+$/.test(y[i])) return Number(x[i]) - Number(y[i]);
      const rank = (s: string[]) => byForm.get(s.slice(0, i + 1).map((p) => (/^\d+$/.test(p) ? '*' : p)).join('.')) ?? Number.MAX_SAFE_INTEGER;
      return rank(x) - rank(y) || x[i].localeCompare(y[i]);
    }
    return x.length - y.length;
  });
  const fields = order.map((path) => {
    const values = flats.map((f) => (path in f ? f[path] : null));
    const labelKey = path.replace(/\.\d+(?=\.|$)/g, '.*');
    const label = (template.labels[labelKey]?.label as Record<string, string> | undefined) ?? null;
    return { path, label, values, changed: new Set(values.map((v) => JSON.stringify(v))).size > 1 };
  });
  return {
    party: q.party,
    form: q.form,
    years: perYear.map(({ year, row }) => ({
      year,
      submissionId: row?.id ?? null,
      version: row?.version ?? null,
      kind: row?.content_kind ?? null,
      nothingNewSince: row?.nothing_new_since ?? null,
      submittedAt: iso(row?.submitted_at ?? null),
    })),
    fields,
  };
}
