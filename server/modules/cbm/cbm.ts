/**
 * Confidence-building measures: the pure rules (no database). Terms in office on a day, the approval
 * path of an action plan, report due dates, what a caller may see of an event.
 */

export const catalogueVersionCodes = ['2004', '2021'] as const;
export type CatalogueVersionCode = (typeof catalogueVersionCodes)[number];

export const coordinatorRoles = ['coordinator', 'co-coordinator'] as const;
export type CoordinatorRole = (typeof coordinatorRoles)[number];

export const offerStates = ['offered', 'forwarded', 'accepted', 'declined'] as const;
export type OfferState = (typeof offerStates)[number];

export const planStatuses = ['draft', 'experts-meeting', 'swg', 'soc-approved'] as const;
export type PlanStatus = (typeof planStatuses)[number];
export type ApprovalStep = Exclude<PlanStatus, 'draft'>;

export const activityStatuses = ['planned', 'in-progress', 'completed', 'postponed', 'cancelled'] as const;
export type ActivityStatus = (typeof activityStatuses)[number];

export const eventKinds = ['workshop', 'seminar', 'training', 'forum', 'exercise'] as const;
export type EventKind = (typeof eventKinds)[number];

export const eventStatuses = ['planned', 'held', 'cancelled', 'postponed'] as const;
export type EventStatus = (typeof eventStatuses)[number];

export const accessLevels = ['public', 'members'] as const;
export type AccessLevel = (typeof accessLevels)[number];

export const reportStatuses = ['draft', 'submitted', 'compiled'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

/**
 * A yearly implementation report is due on this day (MM-DD) of the year after the one it covers. The
 * sources give no date; the SG reports annually, so the areas' reports are wanted by the end of January.
 */
export const REPORT_DUE_DAY = '01-31';

export function reportDueOn(year: number): string {
  return `${year + 1}-${REPORT_DUE_DAY}`;
}

/** The UTC calendar day of an instant, 'YYYY-MM-DD'. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** A term (from, to inclusive; null = open) covers a day. */
export function inOffice(term: { from: string | null; to: string | null }, day: string): boolean {
  return (term.from === null || term.from <= day) && (term.to === null || term.to >= day);
}

/** A term overlaps a year at all. */
export function inOfficeDuringYear(term: { from: string | null; to: string | null }, year: number): boolean {
  return (term.from === null || term.from <= `${year}-12-31`) && (term.to === null || term.to >= `${year}-01-01`);
}

/** A declaration (since, withdrawn: the first day it no longer applies) is in force on a day. */
export function declarationInForce(d: { since: string; withdrawn: string | null }, day: string): boolean {
  return d.since <= day && (d.withdrawn === null || d.withdrawn > day);
}

const nextStep: Record<PlanStatus, ApprovalStep | null> = {
  draft: 'experts-meeting',
  'experts-meeting': 'swg',
  swg: 'soc-approved',
  'soc-approved': null,
};

/** The only step a plan in `status` may take next: experts meeting → SWG → SOC; none is skipped. */
export function nextApprovalStep(status: PlanStatus): ApprovalStep | null {
  return nextStep[status];
}

export type StepCheck = { ok: true } | { ok: false; code: 'cbm.step_out_of_order' | 'cbm.plan_already_approved' | 'cbm.decision_required'; message: string };

export function checkApprovalStep(status: PlanStatus, step: ApprovalStep, hasDecision: boolean): StepCheck {
  const expected = nextApprovalStep(status);
  if (expected === null) return { ok: false, code: 'cbm.plan_already_approved', message: 'The action plan is already approved by the SOC.' };
  if (step !== expected) return { ok: false, code: 'cbm.step_out_of_order', message: `The next step is ${expected}; steps cannot be skipped or repeated.` };
  if (step === 'soc-approved' && !hasDecision) return { ok: false, code: 'cbm.decision_required', message: 'SOC approval needs the SOC decision (decisionId or decisionRef).' };
  return { ok: true };
}

/** Average percent done of the activities that count (cancelled ones do not); null without any. */
export function averagePercent(activities: ReadonlyArray<{ status: ActivityStatus; percent_done: number }>): number | null {
  const counted = activities.filter((a) => a.status !== 'cancelled');
  if (counted.length === 0) return null;
  return Math.round((counted.reduce((s, a) => s + a.percent_done, 0) / counted.length) * 10) / 10;
}

/** The calendar year of a day string. */
export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}
