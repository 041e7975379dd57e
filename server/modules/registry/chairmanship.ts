/**
 * Pure rules about chair terms beyond membership.ts's reading of them: which terms may stand together,
 * and which calendar day "now" is for the forum.
 */
import { earliestDay, isPartialDate } from './membership.ts';
import { periodProblem, type RuleProblem } from './party.ts';

export interface TermDates {
  id?: string;
  start: string;
  end: string | null;
}

/**
 * Terms may touch and may overlap only by imprecision: a term ending '2010' and the next starting
 * '2010-06' are fine (the next takes over on its first day, membership.ts). They conflict when a term
 * starts on the same day as another, or starts before the earliest day the earlier term can have ended
 * (then the earlier term would be cut short of its stated end, or the new one sits inside it).
 */
export function chairTermConflict(existing: readonly TermDates[], candidate: TermDates): { problem: RuleProblem; with: TermDates } | null {
  const own = periodProblem(candidate.start, candidate.end, 'start', 'end');
  if (own) return { problem: own, with: candidate };
  const all = [...existing.filter((t) => t.id === undefined || t.id !== candidate.id), candidate]
    .map((t) => ({ t, first: earliestDay(t.start) }))
    .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  for (let i = 0; i + 1 < all.length; i++) {
    const a = all[i]!;
    const b = all[i + 1]!;
    if (a.t !== candidate && b.t !== candidate) continue;
    const other = a.t === candidate ? b.t : a.t;
    const clash =
      a.first === b.first ||
      // The earlier term states an end, and the later one starts before that end can have come.
      (a.t.end !== null && b.first < earliestDay(a.t.end));
    if (clash) {
      return {
        problem: {
          code: 'registry.chair_terms_overlap',
          field: 'start',
          message: `overlaps the term ${other.start}–${other.end ?? '…'}`,
        },
        with: other,
      };
    }
  }
  return null;
}

/** The calendar day ('YYYY-MM-DD') an instant falls on in a time zone (the forum's seat). */
export function dayIn(now: Date, timeZone: string): string {
  try {
    // en-CA formats as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

export function isFullDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && isPartialDate(value);
}

export type BidStatus = 'submitted' | 'withdrawn' | 'recommended' | 'not-recommended' | 'accepted' | 'rejected';

/**
 * How a bid moves: the bidder may withdraw it until it is decided; the SOC recommends it or not (by
 * silence procedure, once decisions exist), and the top body accepts or rejects it. A decided or
 * withdrawn bid does not move again; a new bid is recorded instead.
 */
const bidMoves: Record<BidStatus, readonly BidStatus[]> = {
  submitted: ['withdrawn', 'recommended', 'not-recommended'],
  recommended: ['withdrawn', 'accepted', 'rejected'],
  'not-recommended': ['withdrawn', 'accepted', 'rejected'],
  withdrawn: [],
  accepted: [],
  rejected: [],
};

export function canMoveBid(from: BidStatus, to: BidStatus): boolean {
  return bidMoves[from].includes(to);
}
