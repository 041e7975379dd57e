import type { DB } from '../../db/database.ts';
import { type Clock, systemClock } from '../../shared/clock.ts';
import type { Actor, Ctx } from '../../shared/context.ts';
import { authorize, can } from '../../shared/policy.ts';
import {
  activityDeadline,
  annualDeadline,
  coveredPeriod,
  type Deadline,
  type DeadlineStatus,
  type DueRule,
  daysUntil,
  deadlineStatus,
  localDay,
} from './due-rules.ts';
import './exchange.policy.ts';
import { findPartiesByCodes, findPartiesByIds, listForms, listPartiesOfKind, noticeFilings, type PartyRef, periodicFilings } from './exchange.repository.ts';
import type { DeadlineRow } from './exchange.schemas.ts';
import { forumTimeZone } from './exchange.service.ts';

/**
 * What is due, by form and year, for each party: computed from the forms' due rules on the clock, in
 * the forum's time zone (see due-rules.ts for the rule of time). Nothing here is stored: the state of a
 * deadline is derived from the submissions and the time now.
 *
 * Annual forms are owed by every member state (the parties of kind 'member-state' in the registry).
 * Notices (N days before an activity) are listed as they are filed: their deadline follows from the
 * activity they notify, so an unnotified activity cannot be "overdue" here.
 */
export interface DeadlineScope {
  year: number;
  timeZone: string;
  now: Date;
  /** Parties whose deadlines are computed. */
  parties: PartyRef[];
  /** Whether drafts of these parties may be mentioned (the party itself only). */
  showDrafts: boolean;
}

export async function computeDeadlines(db: DB, actor: Actor, scope: DeadlineScope): Promise<DeadlineRow[]> {
  const forms = await listForms(db, { latestOnly: true });
  const rows: DeadlineRow[] = [];
  const partyIds = new Set(scope.parties.map((p) => p.id));
  const onlyParty = scope.parties.length === 1 ? scope.parties[0].id : undefined;
  const filings = await periodicFilings(db, [scope.year], onlyParty);
  const byKey = new Map(filings.map((f) => [`${f.party_id}|${f.form_code}|${f.year}`, f]));
  for (const form of forms) {
    const rule = form.due_rule as unknown as DueRule;
    if (rule.kind !== 'annual') continue;
    const deadline = annualDeadline(rule, scope.year, scope.timeZone);
    for (const party of scope.parties) {
      const f = byKey.get(`${party.id}|${form.code}|${scope.year}`);
      const first = f?.first_submitted_at ? new Date(f.first_submitted_at) : null;
      rows.push(row(form.code, form.title, party.code, scope, deadline, first, {
        covers: coveredPeriod(rule, scope.year),
        activityStart: null,
        title: null,
        submissionId: f && (first || scope.showDrafts) ? f.root_id : null,
        kind: first ? ((f?.content_kind as DeadlineRow['kind']) ?? null) : null,
        hasDraft: scope.showDrafts && f?.has_draft === true,
      }));
    }
  }
  const notices = await noticeFilings(db, actor, scope.year, onlyParty);
  const codes = new Map(scope.parties.map((p) => [p.id, p.code]));
  for (const n of notices) {
    if (!partyIds.has(n.party_id) || !n.activity_start) continue;
    const form = forms.find((f) => f.code === n.form_code);
    const rule = form?.due_rule as unknown as DueRule | undefined;
    if (!form || rule?.kind !== 'before-activity') continue;
    const isDraft = n.status === 'draft';
    if (isDraft && !scope.showDrafts) continue;
    const deadline = activityDeadline(rule, n.activity_start, scope.timeZone);
    const first = n.first_submitted_at ? new Date(n.first_submitted_at) : null;
    rows.push(row(form.code, form.title, codes.get(n.party_id)!, scope, deadline, first, {
      covers: null,
      activityStart: n.activity_start,
      title: n.title,
      submissionId: n.root_id,
      kind: first ? 'data' : null,
      hasDraft: isDraft,
    }));
  }
  return rows.sort((a, b) => a.dueDay.localeCompare(b.dueDay) || a.party.localeCompare(b.party) || a.form.localeCompare(b.form));
}

function row(
  form: string,
  title: Record<string, string>,
  party: string,
  scope: DeadlineScope,
  deadline: Deadline,
  first: Date | null,
  extra: Pick<DeadlineRow, 'covers' | 'activityStart' | 'title' | 'submissionId' | 'kind' | 'hasDraft'>,
): DeadlineRow {
  const status = deadlineStatus(deadline, first, scope.now);
  return {
    party,
    form,
    formTitle: title,
    year: scope.year,
    dueDay: deadline.dueDay,
    dueAt: deadline.dueAt.toISOString(),
    status,
    daysLeft: first ? null : daysUntil(deadline, scope.now, scope.timeZone),
    firstSubmittedAt: first ? first.toISOString() : null,
    ...extra,
  };
}

export function localYear(now: Date, timeZone: string): number {
  return Number(localDay(now, timeZone).slice(0, 4));
}

/** `GET /api/exchange/deadlines`: the Secretariat sees every member state (or one), a member state its own. */
export async function deadlinesFor(db: DB, ctx: Ctx, q: { year?: number; party?: string }) {
  const actor = ctx.actor;
  const timeZone = await forumTimeZone(db);
  const now = ctx.clock.now();
  const year = q.year ?? localYear(now, timeZone);
  let parties: PartyRef[];
  if (actor.kind === 'user' && actor.partyKind === 'secretariat') {
    authorize(actor, 'exchange.deadlines', { partyId: null });
    parties = q.party ? await findPartiesByCodes(db, [q.party]) : await listPartiesOfKind(db, 'member-state');
    parties = parties.filter((p) => p.kind === 'member-state');
  } else {
    const own = actor.partyId ? await findPartiesByIds(db, [actor.partyId]) : [];
    authorize(actor, 'exchange.deadlines', { partyId: actor.partyId });
    // A party sees its own deadlines only; asking for another's is refused like any other party's data.
    if (q.party && q.party !== actor.partyCode) authorize(actor, 'exchange.deadlines', { partyId: '' });
    parties = own;
  }
  const showDrafts = parties.length === 1 && parties[0].id === actor.partyId;
  const items = await computeDeadlines(db, actor, { year, timeZone, now, parties, showDrafts });
  const summary: Record<DeadlineStatus, number> = { 'not-yet-due': 0, due: 0, overdue: 0, 'submitted-on-time': 0, 'submitted-late': 0 };
  for (const i of items) summary[i.status]++;
  return { year, timeZone, now: now.toISOString(), items, summary };
}

export interface CalendarDeadline {
  /** Stable id for calendar feeds (UID). */
  uid: string;
  party: string;
  form: string;
  formTitle: Record<string, string>;
  title: string | null;
  year: number;
  /** Due day in the forum's time zone (an all-day event), and the instant it ends. */
  dueDay: string;
  dueAt: string;
  timeZone: string;
  status: DeadlineStatus;
}

/**
 * Due dates for a calendar feed (the meetings module's): the deadlines the actor may see whose due day
 * falls in [from, to). Actors who have no deadlines view (observers, the public) get none.
 */
export async function exchangeDeadlinesFor(db: DB, actor: Actor, range: { from: Date; to: Date }, clock: Clock = systemClock): Promise<CalendarDeadline[]> {
  const isSecretariat = actor.kind === 'user' && actor.partyKind === 'secretariat';
  if (!can(actor, 'exchange.deadlines', { partyId: isSecretariat ? null : actor.partyId })) return [];
  const timeZone = await forumTimeZone(db);
  const fromDay = localDay(range.from, timeZone);
  const toDay = localDay(range.to, timeZone);
  const out: CalendarDeadline[] = [];
  const ctx: Ctx = { actor, requestId: null, clock };
  for (let y = Number(fromDay.slice(0, 4)); y <= Number(toDay.slice(0, 4)); y++) {
    const { items } = await deadlinesFor(db, ctx, { year: y });
    for (const i of items) {
      if (i.dueDay < fromDay || i.dueDay >= toDay) continue;
      out.push({
        uid: `exchange-${i.form}-${i.party}-${i.year}${i.submissionId && i.activityStart ? `-${i.submissionId}` : ''}@concord`,
        party: i.party,
        form: i.form,
        formTitle: i.formTitle,
        title: i.title,
        year: i.year,
        dueDay: i.dueDay,
        dueAt: i.dueAt,
        timeZone,
        status: i.status,
      });
    }
  }
  return out;
}
