/**
 * Due rules of information-exchange forms, as pure functions.
 *
 * The rule of time (one rule for every form):
 * - A form is due on a calendar day: a fixed day each year ('annual') or N days before the activity the
 *   submission notifies ('before-activity', e.g. 42 days before an exercise starts).
 * - It is due at the END of that day in the forum's time zone (the profile's `timeZone`, Asia/Almaty for
 *   CICA): a submission made at any instant before local midnight that closes the due day is on time, one
 *   made at or after it is late. So "due 15 April" means "before 16 April 00:00 in Astana", whatever the
 *   sender's own time zone or the server's clock zone.
 * - "Year" of an annual exchange is the year in which it falls due (the "2026 exchange", due 15 April
 *   2026). What it covers follows from the rule: `covers: 'previous-year'` → calendar year 2025.
 *   An annual exchange opens on 1 January of its year (local time): before that it is "not yet due".
 * - A due day that does not exist in a year (29 February) is the last day of that month.
 * - For a 'before-activity' form the year is the year in which the activity starts.
 * - Whether a submission was on time is judged by its FIRST submitted version; corrections do not make it late.
 */

export type AnnualCoverage = 'previous-year' | 'current-year';

export type DueRule =
  | { kind: 'annual'; month: number; day: number; covers: AnnualCoverage }
  | { kind: 'before-activity'; days: number; activityStartField: string };

export type DeadlineStatus = 'not-yet-due' | 'due' | 'overdue' | 'submitted-on-time' | 'submitted-late';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function parseDay(day: string): { y: number; m: number; d: number } {
  if (!isIsoDay(day)) throw new RangeError(`expected a day YYYY-MM-DD: ${day}`);
  const m = DAY.exec(day)!;
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

/** `day` moved by `n` calendar days (negative: earlier). */
export function addDays(day: string, n: number): string {
  const { y, m, d } = parseDay(day);
  const t = new Date(Date.UTC(y, m - 1, d));
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** Offset of `tz` from UTC at `instant`, in milliseconds (UTC+5 → +18 000 000). */
export function zoneOffsetMs(tz: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant local midnight starts `day` in `tz`. Where a zone skips midnight (a DST change at 00:00),
 * the first instant of the day that exists.
 */
export function startOfDayInZone(day: string, tz: string): Date {
  const { y, m, d } = parseDay(day);
  const wall = Date.UTC(y, m - 1, d);
  // Candidates from the offsets in force around that wall time (they differ across a DST or zone change);
  // the earliest one that falls on `day` locally is where the day starts.
  const offsets = new Set([zoneOffsetMs(tz, wall), zoneOffsetMs(tz, wall - 36 * 3_600_000), zoneOffsetMs(tz, wall + 36 * 3_600_000)]);
  const starts = [...offsets].map((o) => wall - o).filter((t) => localDay(new Date(t), tz) === day);
  if (starts.length === 0) throw new RangeError(`cannot place the start of ${day} in ${tz}`);
  return new Date(Math.min(...starts));
}

/** The calendar day of `instant` in `tz`, 'YYYY-MM-DD'. */
export function localDay(instant: Date, tz: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The first instant AFTER `day` ends in `tz`: a submission is on time iff made strictly before it. */
export function endOfDayInZone(day: string, tz: string): Date {
  return startOfDayInZone(addDays(day, 1), tz);
}

/** The due day of an annual exchange in `year`. */
export function annualDueDay(rule: Extract<DueRule, { kind: 'annual' }>, year: number): string {
  const day = Math.min(rule.day, daysInMonth(year, rule.month));
  return `${pad(year, 4)}-${pad(rule.month)}-${pad(day)}`;
}

/** The due day of a notice of an activity starting on `activityStart`. */
export function activityDueDay(rule: Extract<DueRule, { kind: 'before-activity' }>, activityStart: string): string {
  return addDays(activityStart, -rule.days);
}

/** The calendar period an annual exchange of `year` covers. */
export function coveredPeriod(rule: Extract<DueRule, { kind: 'annual' }>, year: number): { from: string; to: string } {
  const y = rule.covers === 'previous-year' ? year - 1 : year;
  return { from: `${pad(y, 4)}-01-01`, to: `${pad(y, 4)}-12-31` };
}

export interface Deadline {
  /** Due day, in the forum's time zone. */
  dueDay: string;
  /** First instant after the due day ends (exclusive bound). */
  dueAt: Date;
  /** When the obligation starts (an annual exchange opens on 1 January of its year, local). */
  opensAt: Date;
}

export function annualDeadline(rule: Extract<DueRule, { kind: 'annual' }>, year: number, tz: string): Deadline {
  const dueDay = annualDueDay(rule, year);
  return { dueDay, dueAt: endOfDayInZone(dueDay, tz), opensAt: startOfDayInZone(`${pad(year, 4)}-01-01`, tz) };
}

export function activityDeadline(rule: Extract<DueRule, { kind: 'before-activity' }>, activityStart: string, tz: string): Deadline {
  const dueDay = activityDueDay(rule, activityStart);
  // A notice can be given any time before; it "opens" when there is an activity to notify.
  return { dueDay, dueAt: endOfDayInZone(dueDay, tz), opensAt: new Date(0) };
}

/** Whether a submission made at `submittedAt` met a deadline. */
export function isOnTime(deadline: Pick<Deadline, 'dueAt'>, submittedAt: Date): boolean {
  return submittedAt.getTime() < deadline.dueAt.getTime();
}

/**
 * The state of one obligation at `now`, derived (never stored): submitted on time or late by its first
 * submission, otherwise overdue once the due day has ended, due while open, not yet due before it opens.
 */
export function deadlineStatus(deadline: Deadline, firstSubmittedAt: Date | null, now: Date): DeadlineStatus {
  if (firstSubmittedAt) return isOnTime(deadline, firstSubmittedAt) ? 'submitted-on-time' : 'submitted-late';
  if (now.getTime() >= deadline.dueAt.getTime()) return 'overdue';
  if (now.getTime() < deadline.opensAt.getTime()) return 'not-yet-due';
  return 'due';
}

/** Whole days from `now` to the deadline (negative when past), counted in the forum's calendar. */
export function daysUntil(deadline: Deadline, now: Date, tz: string): number {
  const today = parseDay(localDay(now, tz));
  const due = parseDay(deadline.dueDay);
  return Math.round((Date.UTC(due.y, due.m - 1, due.d) - Date.UTC(today.y, today.m - 1, today.d)) / 86_400_000);
}

/** Checks a rule's shape (it comes from a template the Secretariat posts). Returns problems, empty when fine. */
export function dueRuleProblems(rule: DueRule): string[] {
  if (rule.kind === 'annual') {
    const problems: string[] = [];
    if (!Number.isInteger(rule.month) || rule.month < 1 || rule.month > 12) problems.push('month must be 1–12');
    else if (!Number.isInteger(rule.day) || rule.day < 1 || rule.day > daysInMonth(2024, rule.month)) problems.push(`day must be 1–${daysInMonth(2024, rule.month)}`);
    return problems;
  }
  if (!Number.isInteger(rule.days) || rule.days < 0 || rule.days > 366) return ['days must be 0–366'];
  return [];
}
