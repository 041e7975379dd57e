/**
 * Pure rules for reading status periods and chair terms whose dates are partial.
 *
 * Reading rule (one rule for both helpers):
 * - A start ('from', 'start') is read as the first day it can mean: 'YYYY' -> 1 Jan, 'YYYY-MM' -> the 1st.
 * - An end ('to', 'end') is read as the last day it can mean: 'YYYY' -> 31 Dec, 'YYYY-MM' -> the last day
 *   of the month. A full date is the last day inclusive.
 * - Where periods read this way overlap, the one that starts later wins from its first day: a new status
 *   supersedes the old one, and a new chair takes over from the outgoing one. So a term ending '2010'
 *   lasts until the end of 2010 unless the next term starts earlier, and then ends the day before.
 * - A period whose start is unknown (`from: null`) counts from its `knownBy` date read as the last day it
 *   can mean (the latest date a source vouches for); with no `knownBy`, it counts on no date at all, and
 *   only `currentStatus` reports it.
 */
import type { ChairTerm, PartialDate, PartyFacts, PartyStatus, StatusPeriod } from './registry.types.ts';

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Upper bound for open-ended periods; compares after any real 'YYYY-MM-DD'. */
const OPEN_END = '9999-12-31';

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function isPartialDate(value: string): boolean {
  const m = PARTIAL_DATE.exec(value);
  if (!m) return false;
  const month = m[2] === undefined ? 1 : Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  return day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

function parse(value: PartialDate): { year: number; month?: number; day?: number } {
  if (!isPartialDate(value)) throw new RangeError(`not a partial date (YYYY, YYYY-MM or YYYY-MM-DD): ${value}`);
  const m = PARTIAL_DATE.exec(value)!;
  return {
    year: Number(m[1]),
    month: m[2] === undefined ? undefined : Number(m[2]),
    day: m[3] === undefined ? undefined : Number(m[3]),
  };
}

/** The first day a partial date can mean, as 'YYYY-MM-DD'. */
export function earliestDay(value: PartialDate): string {
  const { year, month = 1, day = 1 } = parse(value);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The last day a partial date can mean, as 'YYYY-MM-DD'. */
export function latestDay(value: PartialDate): string {
  const { year, month = 12, day } = parse(value);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day ?? daysInMonth(year, month), 2)}`;
}

function dayBefore(isoDay: string): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function assertDay(isoDate: string): void {
  // A timestamp would carry a time zone question (which day is it in Astana?); callers settle that first.
  if (!FULL_DATE.test(isoDate) || !isPartialDate(isoDate)) throw new RangeError(`expected YYYY-MM-DD: ${isoDate}`);
}

/** First day from which a period counts, or null when no source dates it. */
function effectiveStart(period: StatusPeriod): string | null {
  if (period.from !== null) return earliestDay(period.from);
  if (period.knownBy !== undefined) return latestDay(period.knownBy);
  return null;
}

/** The status a party held on a day ('YYYY-MM-DD'), or null when it held none or the sources cannot say. */
export function statusOn(party: PartyFacts, isoDate: string): PartyStatus | null {
  assertDay(isoDate);
  let best: { start: string; status: PartyStatus } | null = null;
  for (const period of party.history) {
    const start = effectiveStart(period);
    if (start === null || isoDate < start) continue;
    const end = period.to === undefined ? OPEN_END : latestDay(period.to);
    if (isoDate > end) continue;
    // `>=`: on equal starts the later entry in the history wins, so the data's order breaks ties.
    if (best === null || start >= best.start) best = { start, status: period.status };
  }
  return best?.status ?? null;
}

/** The status of the party's open-ended period (the latest one listed), dated or not. */
export function currentStatus(party: PartyFacts): PartyStatus | null {
  const open = party.history.filter((p) => p.to === undefined);
  return open.length === 0 ? null : open[open.length - 1]!.status;
}

/** Parties holding `status` on a day. */
export function partiesWithStatusOn<P extends PartyFacts>(
  parties: readonly P[],
  status: PartyStatus,
  isoDate: string,
): P[] {
  return parties.filter((p) => statusOn(p, isoDate) === status);
}

export interface ResolvedChairTerm {
  term: ChairTerm;
  /** First day in office, 'YYYY-MM-DD'. */
  firstDay: string;
  /** Last day in office, 'YYYY-MM-DD', or null when the term is open-ended. */
  lastDay: string | null;
}

/** Chair terms in order with concrete first and last days under the module's reading rule. */
export function resolveChairTerms(terms: readonly ChairTerm[]): ResolvedChairTerm[] {
  const ordered = terms
    .map((term) => ({ term, firstDay: earliestDay(term.start) }))
    .sort((a, b) => (a.firstDay < b.firstDay ? -1 : a.firstDay > b.firstDay ? 1 : 0));
  return ordered.map(({ term, firstDay }, i) => {
    const next = ordered[i + 1];
    let lastDay = term.end === undefined ? null : latestDay(term.end);
    if (next !== undefined) {
      const beforeNext = dayBefore(next.firstDay);
      if (lastDay === null || lastDay > beforeNext) lastDay = beforeNext;
    }
    return { term, firstDay, lastDay };
  });
}

/** The chair term in force on a day ('YYYY-MM-DD'), or null before the first or after the last. */
export function chairOn(terms: readonly ChairTerm[], isoDate: string): ChairTerm | null {
  assertDay(isoDate);
  for (const r of resolveChairTerms(terms)) {
    if (isoDate >= r.firstDay && (r.lastDay === null || isoDate <= r.lastDay)) return r.term;
  }
  return null;
}
