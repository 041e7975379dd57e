/**
 * Decisions by consensus: the pure rules. No database, no clock of their own: every function
 * takes "now" as an argument, so the state of a decision is derived from its record, its
 * positions and the time (ADR 0010). Nothing here needs a scheduler to be right.
 *
 * Silence procedure: the Chair circulates a text with an exact expiry (a local date and time in
 * an IANA zone). Before the expiry any member state may break silence with an objection or a
 * proposed amendment; if, at the expiry instant, no such position stands, the text is adopted at
 * that instant exactly. A blocking position withdrawn before expiry no longer breaks silence.
 * Reservations and interpretative statements never block; they are annexed to the adopted text.
 *
 * In session: the Chair presents the text in a meeting and records a finding (no objection, or
 * objection by named states); adoption needs the finding of no objection.
 */
import { DateTime } from 'luxon';

export const procedures = ['in-session', 'silence'] as const;
export type Procedure = (typeof procedures)[number];

export const proposerKinds = ['chair', 'secretariat', 'member-state'] as const;
export type ProposerKind = (typeof proposerKinds)[number];

export const positionKinds = ['joins', 'no-objection', 'objection', 'amendment', 'reservation', 'interpretative-statement', 'withdrawn-objection'] as const;
export type PositionKind = (typeof positionKinds)[number];

/** Positions that break silence (and, in session, that a Chair's finding of objection names). */
export const blockingKinds: readonly PositionKind[] = ['objection', 'amendment'];
/** Positions attached to the adopted text without blocking it. */
export const annexedKinds: readonly PositionKind[] = ['reservation', 'interpretative-statement'];

export const isBlocking = (k: PositionKind) => blockingKinds.includes(k);
export const isAnnexed = (k: PositionKind) => annexedKinds.includes(k);

export const decisionStates = ['draft', 'circulated', 'silence-broken', 'in-session', 'adopted', 'not-adopted', 'withdrawn'] as const;
/**
 * - draft: not yet circulated (silence) or presented (in session);
 * - circulated: silence running and holding;
 * - silence-broken: silence running, and an objection or amendment stands (it may still be withdrawn);
 * - in-session: presented at a meeting, awaiting the Chair's finding;
 * - adopted / not-adopted: final; withdrawn: final, by the Chair.
 */
export type DecisionState = (typeof decisionStates)[number];
export const finalStates: readonly DecisionState[] = ['adopted', 'not-adopted', 'withdrawn'];
export const isFinal = (s: DecisionState) => finalStates.includes(s);

export type ConsensusDefinition = 'no-objection' | 'unanimity';

// ---------------------------------------------------------------------------------------------
// Deadlines

/** A deadline as people state it: a local date and time in an IANA zone. */
export interface LocalDeadline {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM (24 h) */
  time: string;
  /** IANA zone, e.g. Asia/Almaty */
  zone: string;
}

export class DeadlineError extends Error {
  constructor(
    readonly code: 'invalid_zone' | 'invalid_date' | 'nonexistent_time' | 'not_after_launch' | 'not_after_current',
    message: string,
  ) {
    super(message);
    this.name = 'DeadlineError';
  }
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isValidZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

/**
 * The instant a local date and time in a zone names. A local time that does not exist (skipped
 * by a daylight-saving change) is refused rather than silently moved; a time that occurs twice
 * (clocks set back) is read at its first occurrence, the earlier instant, so nobody loses time.
 */
export function localToInstant(d: LocalDeadline): Date {
  if (!isValidZone(d.zone)) throw new DeadlineError('invalid_zone', `Unknown time zone: ${d.zone}`);
  const dm = DATE_RE.exec(d.date);
  const tm = TIME_RE.exec(d.time);
  if (!dm || !tm) throw new DeadlineError('invalid_date', `Expected YYYY-MM-DD and HH:MM, got ${d.date} ${d.time}`);
  const parts = { year: Number(dm[1]), month: Number(dm[2]), day: Number(dm[3]), hour: Number(tm[1]), minute: Number(tm[2]) };
  const dt = DateTime.fromObject(parts, { zone: d.zone });
  if (!dt.isValid) throw new DeadlineError('invalid_date', `Not a calendar date: ${d.date}`);
  if (dt.year !== parts.year || dt.month !== parts.month || dt.day !== parts.day || dt.hour !== parts.hour || dt.minute !== parts.minute) {
    throw new DeadlineError('nonexistent_time', `${d.date} ${d.time} does not exist in ${d.zone} (the clocks change then).`);
  }
  // Luxon reads an ambiguous local time at its later occurrence; take the earlier one if there is one.
  const local = dt.toFormat('yyyy-MM-dd HH:mm');
  for (const hours of [1, 0.5]) {
    const earlier = dt.minus({ hours }).setZone(d.zone);
    if (earlier.toFormat('yyyy-MM-dd HH:mm') === local) return earlier.toJSDate();
  }
  return dt.toJSDate();
}

/** The local date and time of an instant in a zone, to the minute. */
export function instantToLocal(instant: Date, zone: string): LocalDeadline {
  const dt = DateTime.fromJSDate(instant, { zone });
  return { date: dt.toFormat('yyyy-MM-dd'), time: dt.toFormat('HH:mm'), zone };
}

export interface SilenceDefaults {
  /** Calendar days from the launch's local date. */
  days: number;
  /** Local closing time on the last day, HH:MM. */
  closingHour: string;
  /** The zone in which days are counted and the closing hour read (the forum's seat). */
  zone: string;
}

/**
 * The default expiry: the launch's local date in the zone, plus `days` calendar days, at the
 * closing hour. Counting calendar days in the zone (not 24-hour periods) keeps the closing hour
 * right across a daylight-saving change. If the closing hour falls in a skipped hour, the first
 * minute that exists after it is taken.
 */
export function defaultSilenceExpiry(launchedAt: Date, d: SilenceDefaults): { instant: Date; local: LocalDeadline } {
  if (!isValidZone(d.zone)) throw new DeadlineError('invalid_zone', `Unknown time zone: ${d.zone}`);
  const tm = TIME_RE.exec(d.closingHour);
  if (!tm) throw new DeadlineError('invalid_date', `Expected HH:MM, got ${d.closingHour}`);
  const start = DateTime.fromJSDate(launchedAt, { zone: d.zone }).startOf('day');
  const day = start.plus({ days: d.days });
  const local: LocalDeadline = { date: day.toFormat('yyyy-MM-dd'), time: d.closingHour, zone: d.zone };
  try {
    return { instant: localToInstant(local), local };
  } catch (err) {
    if (!(err instanceof DeadlineError) || err.code !== 'nonexistent_time') throw err;
    const shifted = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour: Number(tm[1]), minute: Number(tm[2]) }, { zone: d.zone });
    return { instant: shifted.toJSDate(), local: instantToLocal(shifted.toJSDate(), d.zone) };
  }
}

/**
 * The expiry of a silence procedure launched at `launchedAt`: the explicit one when given,
 * otherwise the forum's default. It must fall after the launch.
 */
export function resolveSilenceExpiry(launchedAt: Date, defaults: SilenceDefaults, explicit?: LocalDeadline | null): { instant: Date; local: LocalDeadline } {
  const r = explicit ? { instant: localToInstant(explicit), local: explicit } : defaultSilenceExpiry(launchedAt, defaults);
  if (r.instant.getTime() <= launchedAt.getTime()) {
    throw new DeadlineError('not_after_launch', `The expiry ${r.local.date} ${r.local.time} ${r.local.zone} is not after the launch.`);
  }
  return r;
}

/**
 * Whether the Chair may move the expiry from `current` to `next` at `now`: only while the silence
 * still runs, and only to a later instant.
 */
export function checkExtension(current: Date, next: LocalDeadline, now: Date): { instant: Date; local: LocalDeadline } {
  if (now.getTime() >= current.getTime()) throw new DeadlineError('not_after_current', 'The silence period has already expired.');
  const instant = localToInstant(next);
  if (instant.getTime() <= current.getTime()) throw new DeadlineError('not_after_current', 'An extension must move the expiry later.');
  return { instant, local: next };
}

/**
 * When reminders go out: `n` days before the expiry's local date, at the expiry's local time, in
 * the expiry's zone; only those still in the future after `after` (the launch or now), latest first.
 * Each carries its local date, which names the job (one reminder per decision and day).
 */
export function reminderSchedule(expiry: LocalDeadline, daysBefore: readonly number[], after: Date): Array<{ at: Date; localDate: string; daysBefore: number }> {
  const exp = DateTime.fromMillis(localToInstant(expiry).getTime(), { zone: expiry.zone });
  const seen = new Set<string>();
  const out: Array<{ at: Date; localDate: string; daysBefore: number }> = [];
  for (const n of [...daysBefore].sort((a, b) => b - a)) {
    if (n <= 0) continue;
    const at = exp.minus({ days: n });
    const localDate = at.toFormat('yyyy-MM-dd');
    if (at.toMillis() <= after.getTime() || seen.has(localDate)) continue;
    seen.add(localDate);
    out.push({ at: at.toJSDate(), localDate, daysBefore: n });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// State

export interface ChairFinding {
  at: Date;
  outcome: 'no-objection' | 'objection';
  /** States that objected (finding of objection). */
  objectorPartyIds: readonly string[];
}

/** What the rules need to know of a decision's record. */
export interface DecisionRecord {
  procedure: Procedure;
  launchedAt: Date | null;
  /** Current expiry (after any extension), silence procedure only. */
  expiresAt: Date | null;
  withdrawnAt: Date | null;
  finding: ChairFinding | null;
}

/** A member state's current position (one per state: the database enforces it). */
export interface CurrentPosition {
  partyId: string;
  kind: PositionKind;
  at: Date;
}

/** Positions reduced to what the state depends on. The list computes it in SQL, a page from rows. */
export interface PositionSummary {
  /** States whose current position breaks silence. */
  blockingPartyIds: readonly string[];
  /** How many member states have joined consensus (unanimity). */
  joinedCount: number;
  /** How many member states there are (unanimity). */
  memberCount: number;
}

export function summarizePositions(current: readonly CurrentPosition[], memberPartyIds: readonly string[], cutoff: Date | null = null): PositionSummary {
  const members = new Set(memberPartyIds);
  // Only positions recorded before the expiry count; later ones are refused, this keeps the rule whole.
  const counted = current.filter((p) => members.has(p.partyId) && (cutoff === null || p.at.getTime() < cutoff.getTime()));
  return {
    blockingPartyIds: counted.filter((p) => isBlocking(p.kind)).map((p) => p.partyId),
    joinedCount: counted.filter((p) => p.kind === 'joins').length,
    memberCount: members.size,
  };
}

export interface DerivedState {
  state: DecisionState;
  /** When the final state took effect: the expiry, the finding or the withdrawal. */
  decidedAt: Date | null;
  /** States that broke silence or were found to object. */
  blockingPartyIds: readonly string[];
  /** Whether member states may record positions now. */
  acceptsPositions: boolean;
}

const open = (state: DecisionState, blocking: readonly string[] = []): DerivedState => ({ state, decidedAt: null, blockingPartyIds: blocking, acceptsPositions: state !== 'draft' });
const closed = (state: DecisionState, at: Date, blocking: readonly string[] = []): DerivedState => ({ state, decidedAt: at, blockingPartyIds: blocking, acceptsPositions: false });

/** The state of a decision at `now`. Pure: the same record, positions and time always give the same answer. */
export function deriveState(rec: DecisionRecord, summary: PositionSummary, definition: ConsensusDefinition, now: Date): DerivedState {
  const t = now.getTime();
  const unanimous = summary.memberCount > 0 && summary.joinedCount >= summary.memberCount;

  if (rec.procedure === 'in-session') {
    if (rec.finding && (!rec.withdrawnAt || rec.finding.at.getTime() <= rec.withdrawnAt.getTime())) {
      if (rec.finding.outcome === 'objection') return closed('not-adopted', rec.finding.at, rec.finding.objectorPartyIds);
      if (definition === 'unanimity' && !unanimous) return closed('not-adopted', rec.finding.at);
      return closed('adopted', rec.finding.at);
    }
    if (rec.withdrawnAt) return closed('withdrawn', rec.withdrawnAt);
    return rec.launchedAt ? open('in-session') : open('draft');
  }

  if (!rec.launchedAt || !rec.expiresAt) return rec.withdrawnAt ? closed('withdrawn', rec.withdrawnAt) : open('draft');
  const expiry = rec.expiresAt.getTime();
  // A withdrawal counts only if made before the expiry; the outcome at expiry is otherwise final.
  if (rec.withdrawnAt && rec.withdrawnAt.getTime() < expiry) return closed('withdrawn', rec.withdrawnAt);
  if (t < expiry) return summary.blockingPartyIds.length > 0 ? open('silence-broken', summary.blockingPartyIds) : open('circulated');
  if (summary.blockingPartyIds.length > 0) return closed('not-adopted', rec.expiresAt, summary.blockingPartyIds);
  if (definition === 'unanimity' && !unanimous) return closed('not-adopted', rec.expiresAt);
  return closed('adopted', rec.expiresAt);
}

// ---------------------------------------------------------------------------------------------
// Positions

export class RuleError extends Error {
  constructor(
    /** Dotted code, e.g. decisions.not_open. */
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'RuleError';
  }
}

export interface PositionInput {
  kind: PositionKind;
  /** Reason (objection), proposed text (amendment), or the statement (reservation, interpretative statement). */
  text?: string | null;
}

/**
 * Whether a member state may record `input` now, given its current position. Returns
 * `'unchanged'` when the input repeats the current position exactly (nothing to record).
 */
export function checkPosition(rec: DecisionRecord, derived: DerivedState, current: CurrentPosition & { text?: string | null } | null, input: PositionInput, now: Date): 'record' | 'unchanged' {
  if (rec.withdrawnAt && derived.state === 'withdrawn') throw new RuleError('decisions.withdrawn', 'The Chair has withdrawn this decision.');
  if (rec.procedure === 'silence' && rec.expiresAt && now.getTime() >= rec.expiresAt.getTime()) {
    throw new RuleError('decisions.silence_expired', 'The silence period has expired: no position can be recorded any more.');
  }
  if (!derived.acceptsPositions) {
    throw new RuleError(derived.state === 'draft' ? 'decisions.not_open' : 'decisions.closed', derived.state === 'draft' ? 'The decision has not been circulated yet.' : 'The decision is closed.');
  }
  const text = input.text?.trim() ?? '';
  if (input.kind === 'objection' && !text) throw new RuleError('decisions.reason_required', 'An objection needs its reason.', 'text');
  if (input.kind === 'amendment' && !text) throw new RuleError('decisions.amendment_text_required', 'A proposed amendment needs its text.', 'text');
  if (isAnnexed(input.kind) && !text) throw new RuleError('decisions.statement_text_required', 'A reservation or interpretative statement needs its text.', 'text');
  if (input.kind === 'withdrawn-objection' && (!current || !isBlocking(current.kind))) {
    throw new RuleError('decisions.no_objection_to_withdraw', 'There is no objection or amendment of this state to withdraw.');
  }
  if (current && current.kind === input.kind && (current.text ?? '') === text) return 'unchanged';
  return 'record';
}

/** States that have not acted: member states with no current position. */
export function awaitingParties(memberPartyIds: readonly string[], current: readonly CurrentPosition[]): string[] {
  const acted = new Set(current.map((p) => p.partyId));
  return memberPartyIds.filter((id) => !acted.has(id));
}

/**
 * The Chair's finding in session. A finding of objection names at least one objecting state;
 * under unanimity a finding of no objection needs every member state to have joined.
 */
export function checkFinding(rec: DecisionRecord, derived: DerivedState, finding: { outcome: 'no-objection' | 'objection'; objectorPartyIds: readonly string[] }, summary: PositionSummary, definition: ConsensusDefinition): void {
  if (rec.procedure !== 'in-session') throw new RuleError('decisions.not_in_session', 'Only a decision taken in session has a Chair\u2019s finding.');
  if (isFinal(derived.state)) throw new RuleError('decisions.closed', 'The decision is closed.');
  if (finding.outcome === 'objection' && finding.objectorPartyIds.length === 0) {
    throw new RuleError('decisions.objectors_required', 'A finding of objection names the objecting states.', 'objectorPartyIds');
  }
  if (finding.outcome === 'no-objection' && finding.objectorPartyIds.length > 0) {
    throw new RuleError('decisions.objectors_unexpected', 'A finding of no objection names no objecting state.', 'objectorPartyIds');
  }
  if (finding.outcome === 'no-objection' && definition === 'unanimity' && summary.joinedCount < summary.memberCount) {
    throw new RuleError('decisions.unanimity_incomplete', 'Unanimity: every member state must join before the Chair can find consensus.');
  }
}

/** Whether the Chair may withdraw the decision now (before any outcome). */
export function checkWithdrawal(derived: DerivedState): void {
  if (isFinal(derived.state)) throw new RuleError('decisions.closed', 'The decision is closed: it can no longer be withdrawn.');
}

/** Whether the Chair may launch (circulate or present) the decision now. */
export function checkLaunch(rec: DecisionRecord, derived: DerivedState): void {
  if (derived.state !== 'draft' || rec.launchedAt) throw new RuleError('decisions.already_launched', 'The decision has already been launched.');
}
