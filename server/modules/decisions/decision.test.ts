import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock.ts';
import {
  awaitingParties,
  type CurrentPosition,
  checkExtension,
  checkFinding,
  checkLaunch,
  checkPosition,
  checkWithdrawal,
  type DecisionRecord,
  DeadlineError,
  defaultSilenceExpiry,
  deriveState,
  instantToLocal,
  localToInstant,
  type PositionKind,
  reminderSchedule,
  resolveSilenceExpiry,
  RuleError,
  summarizePositions,
} from './decision.ts';

const iso = (d: Date) => d.toISOString();
const SEC = 1000;
const DAY = 86_400_000;

describe('silence expiry', () => {
  it('counts 14 calendar days and closes at 18:00 Astana time (Asia/Almaty, UTC+5 since 2024-03)', () => {
    // 15:00 local on 27 November 2026.
    const r = defaultSilenceExpiry(new Date('2026-11-27T10:00:00Z'), { days: 14, closingHour: '18:00', zone: 'Asia/Almaty' });
    expect(r.local).toEqual({ date: '2026-12-11', time: '18:00', zone: 'Asia/Almaty' });
    expect(iso(r.instant)).toBe('2026-12-11T13:00:00.000Z');
  });

  it('uses the zone offset in force on the day (Asia/Almaty was UTC+6 before March 2024)', () => {
    const r = defaultSilenceExpiry(new Date('2024-01-10T04:00:00Z'), { days: 14, closingHour: '18:00', zone: 'Asia/Almaty' });
    expect(iso(r.instant)).toBe('2024-01-24T12:00:00.000Z');
  });

  it('counts days from the local date of the launch, not the UTC date', () => {
    // 23:30 local on 27 Nov: day 0 is 27 Nov. 00:30 local on 28 Nov: day 0 is 28 Nov (same UTC date).
    const late = defaultSilenceExpiry(new Date('2026-11-27T18:30:00Z'), { days: 14, closingHour: '18:00', zone: 'Asia/Almaty' });
    const early = defaultSilenceExpiry(new Date('2026-11-27T19:30:00Z'), { days: 14, closingHour: '18:00', zone: 'Asia/Almaty' });
    expect(late.local.date).toBe('2026-12-11');
    expect(early.local.date).toBe('2026-12-12');
  });

  it('keeps the closing hour across a spring-forward change (Europe/Vienna, 29 March 2026)', () => {
    // Launched 10:00 CET (UTC+1); the expiry falls in summer time (UTC+2): 18:00 CEST = 16:00Z.
    const launch = new Date('2026-03-20T09:00:00Z');
    const r = defaultSilenceExpiry(launch, { days: 14, closingHour: '18:00', zone: 'Europe/Vienna' });
    expect(r.local.date).toBe('2026-04-03');
    expect(iso(r.instant)).toBe('2026-04-03T16:00:00.000Z');
    // Not simply 14 × 24 hours from 18:00 on the launch day.
    expect(r.instant.getTime() - localToInstant({ date: '2026-03-20', time: '18:00', zone: 'Europe/Vienna' }).getTime()).toBe(14 * DAY - 3600 * SEC);
  });

  it('keeps the closing hour across a fall-back change (America/New_York, 1 November 2026)', () => {
    const r = defaultSilenceExpiry(new Date('2026-10-25T14:00:00Z'), { days: 14, closingHour: '18:00', zone: 'America/New_York' });
    expect(r.local.date).toBe('2026-11-08');
    expect(iso(r.instant)).toBe('2026-11-08T23:00:00.000Z'); // 18:00 EST (UTC-5)
  });

  it('moves a default closing hour that the clocks skip to the first minute that exists', () => {
    const r = defaultSilenceExpiry(new Date('2026-02-22T15:00:00Z'), { days: 14, closingHour: '02:30', zone: 'America/New_York' });
    expect(r.local).toEqual({ date: '2026-03-08', time: '03:30', zone: 'America/New_York' });
    expect(iso(r.instant)).toBe('2026-03-08T07:30:00.000Z');
  });

  it('lets an explicit expiry (date, time, zone) override the default', () => {
    const launch = new Date('2026-11-27T10:00:00Z');
    const r = resolveSilenceExpiry(launch, { days: 14, closingHour: '18:00', zone: 'Asia/Almaty' }, { date: '2026-12-01', time: '12:00', zone: 'Europe/Vienna' });
    expect(iso(r.instant)).toBe('2026-12-01T11:00:00.000Z');
    expect(r.local.zone).toBe('Europe/Vienna');
  });

  it('refuses an explicit expiry that is not after the launch', () => {
    const launch = new Date('2026-11-27T10:00:00Z');
    expect(() => resolveSilenceExpiry(launch, { days: 14, closingHour: '18:00', zone: 'Asia/Almaty' }, { date: '2026-11-27', time: '15:00', zone: 'Asia/Almaty' })).toThrow(
      expect.objectContaining({ code: 'not_after_launch' }),
    );
  });

  it('refuses a local time that does not exist and reads a repeated one at its first occurrence', () => {
    expect(() => localToInstant({ date: '2026-03-29', time: '02:30', zone: 'Europe/Vienna' })).toThrow(DeadlineError);
    expect(iso(localToInstant({ date: '2026-10-25', time: '02:30', zone: 'Europe/Vienna' }))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(localToInstant({ date: '2026-11-01', time: '01:30', zone: 'America/New_York' }))).toBe('2026-11-01T05:30:00.000Z');
  });

  it('refuses unknown zones and impossible dates', () => {
    expect(() => localToInstant({ date: '2026-02-30', time: '18:00', zone: 'Asia/Almaty' })).toThrow(expect.objectContaining({ code: 'invalid_date' }));
    expect(() => localToInstant({ date: '2026-02-01', time: '24:00', zone: 'Asia/Almaty' })).toThrow(expect.objectContaining({ code: 'invalid_date' }));
    expect(() => localToInstant({ date: '2026-02-01', time: '18:00', zone: 'Mars/Olympus' })).toThrow(expect.objectContaining({ code: 'invalid_zone' }));
  });

  it('round-trips an instant to its local date and time', () => {
    expect(instantToLocal(new Date('2026-12-11T13:00:00Z'), 'Asia/Almaty')).toEqual({ date: '2026-12-11', time: '18:00', zone: 'Asia/Almaty' });
  });
});

describe('extension and reminders', () => {
  const expiry = new Date('2026-12-11T13:00:00Z');

  it('moves the expiry later while the silence runs', () => {
    const r = checkExtension(expiry, { date: '2026-12-18', time: '18:00', zone: 'Asia/Almaty' }, new Date('2026-12-10T00:00:00Z'));
    expect(iso(r.instant)).toBe('2026-12-18T13:00:00.000Z');
  });

  it('refuses to extend after expiry or to an earlier instant', () => {
    expect(() => checkExtension(expiry, { date: '2026-12-18', time: '18:00', zone: 'Asia/Almaty' }, expiry)).toThrow(DeadlineError);
    expect(() => checkExtension(expiry, { date: '2026-12-11', time: '17:59', zone: 'Asia/Almaty' }, new Date('2026-12-01T00:00:00Z'))).toThrow(DeadlineError);
  });

  it('schedules reminders n days before, at the closing time in the deadline zone, skipping past ones', () => {
    const all = reminderSchedule({ date: '2026-12-11', time: '18:00', zone: 'Asia/Almaty' }, [2, 7], new Date('2026-11-27T10:00:00Z'));
    expect(all.map((r) => [r.localDate, iso(r.at), r.daysBefore])).toEqual([
      ['2026-12-04', '2026-12-04T13:00:00.000Z', 7],
      ['2026-12-09', '2026-12-09T13:00:00.000Z', 2],
    ]);
    const late = reminderSchedule({ date: '2026-12-11', time: '18:00', zone: 'Asia/Almaty' }, [7, 2], new Date('2026-12-05T00:00:00Z'));
    expect(late.map((r) => r.localDate)).toEqual(['2026-12-09']);
  });

  it('keeps the local reminder time across a DST change', () => {
    const r = reminderSchedule({ date: '2026-04-03', time: '18:00', zone: 'Europe/Vienna' }, [7], new Date('2026-03-20T09:00:00Z'));
    expect(iso(r[0].at)).toBe('2026-03-27T17:00:00.000Z'); // 18:00 CET, before the change
  });
});

describe('the silence procedure on a controlled clock', () => {
  const members = ['AZ', 'KZ', 'TR', 'CN', 'IN'];
  const clock = new ManualClock('2026-11-27T10:00:00Z');
  const launch = clock.now();
  const { instant: expiresAt } = defaultSilenceExpiry(launch, { days: 14, closingHour: '18:00', zone: 'Asia/Almaty' });
  const base: DecisionRecord = { procedure: 'silence', launchedAt: launch, expiresAt, withdrawnAt: null, finding: null };
  const pos = (partyId: string, kind: PositionKind, at: Date = launch): CurrentPosition => ({ partyId, kind, at });
  const state = (rec: DecisionRecord, positions: CurrentPosition[], now: Date, def: 'no-objection' | 'unanimity' = 'no-objection') =>
    deriveState(rec, summarizePositions(positions, members, rec.expiresAt), def, now);

  it('is a draft before launch', () => {
    const s = state({ ...base, launchedAt: null, expiresAt: null }, [], launch);
    expect(s.state).toBe('draft');
    expect(s.acceptsPositions).toBe(false);
  });

  it('adopts exactly at the expiry instant when silence holds', () => {
    const positions = [pos('TR', 'reservation'), pos('KZ', 'joins')];
    expect(state(base, positions, new Date(expiresAt.getTime() - 1)).state).toBe('circulated');
    const s = state(base, positions, expiresAt);
    expect(s.state).toBe('adopted');
    expect(s.decidedAt).toEqual(expiresAt);
    expect(s.acceptsPositions).toBe(false);
  });

  it('refuses a position one second late, and one exactly at the expiry', () => {
    const atExpiry = state(base, [], expiresAt);
    expect(() => checkPosition(base, atExpiry, null, { kind: 'objection', text: 'No.' }, expiresAt)).toThrow(expect.objectContaining({ code: 'decisions.silence_expired' }));
    const late = new Date(expiresAt.getTime() + SEC);
    expect(() => checkPosition(base, state(base, [], late), null, { kind: 'no-objection' }, late)).toThrow(RuleError);
    const justInTime = new Date(expiresAt.getTime() - SEC);
    expect(checkPosition(base, state(base, [], justInTime), null, { kind: 'objection', text: 'No.' }, justInTime)).toBe('record');
  });

  it('is broken by an objection, and not adopted at expiry', () => {
    const positions = [pos('IN', 'objection')];
    const during = state(base, positions, new Date(launch.getTime() + DAY));
    expect(during.state).toBe('silence-broken');
    expect(during.blockingPartyIds).toEqual(['IN']);
    expect(during.acceptsPositions).toBe(true);
    const after = state(base, positions, expiresAt);
    expect(after.state).toBe('not-adopted');
    expect(after.blockingPartyIds).toEqual(['IN']);
    expect(after.decidedAt).toEqual(expiresAt);
  });

  it('is broken by a proposed amendment', () => {
    expect(state(base, [pos('CN', 'amendment')], expiresAt).state).toBe('not-adopted');
  });

  it('holds again once the objection is withdrawn before expiry', () => {
    const current: CurrentPosition & { text: string } = { ...pos('IN', 'objection'), text: 'No.' };
    const now = new Date(expiresAt.getTime() - 60 * SEC);
    expect(checkPosition(base, state(base, [current], now), current, { kind: 'withdrawn-objection' }, now)).toBe('record');
    const positions = [pos('IN', 'withdrawn-objection', now)];
    expect(state(base, positions, now).state).toBe('circulated');
    expect(state(base, positions, expiresAt).state).toBe('adopted');
  });

  it('never lets reservations, interpretative statements or non-members block', () => {
    const positions = [pos('TR', 'reservation'), pos('KZ', 'interpretative-statement'), pos('OBSERVER', 'objection')];
    expect(state(base, positions, expiresAt).state).toBe('adopted');
  });

  it('ignores a position dated at or after the expiry (the service refuses them; the rule does not depend on it)', () => {
    expect(state(base, [pos('IN', 'objection', expiresAt)], expiresAt).state).toBe('adopted');
  });

  it('moves the outcome to the new expiry when extended', () => {
    const next = checkExtension(expiresAt, { date: '2026-12-18', time: '18:00', zone: 'Asia/Almaty' }, new Date(expiresAt.getTime() - DAY));
    const extended = { ...base, expiresAt: next.instant };
    expect(state(extended, [], expiresAt).state).toBe('circulated');
    expect(state(extended, [], new Date(next.instant.getTime() - 1)).state).toBe('circulated');
    expect(state(extended, [], next.instant).state).toBe('adopted');
    const s = state(extended, [], next.instant);
    expect(s.decidedAt).toEqual(next.instant);
  });

  it('is withdrawn by the Chair before expiry; a withdrawal after expiry does not change the outcome', () => {
    const withdrawn = { ...base, withdrawnAt: new Date(launch.getTime() + DAY) };
    expect(state(withdrawn, [], expiresAt).state).toBe('withdrawn');
    expect(() => checkPosition(withdrawn, state(withdrawn, [], expiresAt), null, { kind: 'joins' }, new Date(launch.getTime() + 2 * DAY))).toThrow(RuleError);
    const late = { ...base, withdrawnAt: new Date(expiresAt.getTime() + 1) };
    expect(state(late, [], expiresAt).state).toBe('adopted');
    expect(() => checkWithdrawal(state(base, [], expiresAt))).toThrow(expect.objectContaining({ code: 'decisions.closed' }));
    expect(() => checkWithdrawal(state(base, [], launch))).not.toThrow();
  });

  it('under unanimity needs every member state to join', () => {
    const some = members.slice(1).map((m) => pos(m, 'joins'));
    expect(state(base, some, expiresAt, 'unanimity').state).toBe('not-adopted');
    expect(state(base, [...some, pos('AZ', 'no-objection')], expiresAt, 'unanimity').state).toBe('not-adopted');
    expect(state(base, [...some, pos('AZ', 'joins')], expiresAt, 'unanimity').state).toBe('adopted');
  });

  it('is launched only once', () => {
    expect(() => checkLaunch(base, state(base, [], launch))).toThrow(expect.objectContaining({ code: 'decisions.already_launched' }));
    const draft = { ...base, launchedAt: null, expiresAt: null };
    expect(() => checkLaunch(draft, state(draft, [], launch))).not.toThrow();
  });

  it('follows the clock as it moves across time zones and a DST change (Vienna deadline, Almaty seat)', () => {
    const c = new ManualClock('2026-03-20T09:00:00Z');
    const exp = resolveSilenceExpiry(c.now(), { days: 14, closingHour: '18:00', zone: 'Asia/Almaty' }, { date: '2026-04-03', time: '18:00', zone: 'Europe/Vienna' });
    const rec: DecisionRecord = { procedure: 'silence', launchedAt: c.now(), expiresAt: exp.instant, withdrawnAt: null, finding: null };
    c.set('2026-04-03T15:59:59Z'); // 17:59:59 CEST
    expect(state(rec, [], c.now()).state).toBe('circulated');
    c.advance(SEC); // 18:00:00 CEST
    expect(state(rec, [], c.now()).state).toBe('adopted');
  });
});

describe('positions', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  const rec: DecisionRecord = { procedure: 'silence', launchedAt: new Date('2026-11-27T10:00:00Z'), expiresAt: new Date('2026-12-11T13:00:00Z'), withdrawnAt: null, finding: null };
  const derived = deriveState(rec, summarizePositions([], ['AZ']), 'no-objection', now);

  it('requires a reason for an objection and a text for an amendment or a statement', () => {
    expect(() => checkPosition(rec, derived, null, { kind: 'objection', text: '  ' }, now)).toThrow(expect.objectContaining({ code: 'decisions.reason_required', field: 'text' }));
    expect(() => checkPosition(rec, derived, null, { kind: 'amendment' }, now)).toThrow(expect.objectContaining({ code: 'decisions.amendment_text_required' }));
    expect(() => checkPosition(rec, derived, null, { kind: 'reservation' }, now)).toThrow(expect.objectContaining({ code: 'decisions.statement_text_required' }));
    expect(checkPosition(rec, derived, null, { kind: 'joins' }, now)).toBe('record');
  });

  it('withdraws only an objection or amendment that stands', () => {
    expect(() => checkPosition(rec, derived, null, { kind: 'withdrawn-objection' }, now)).toThrow(expect.objectContaining({ code: 'decisions.no_objection_to_withdraw' }));
    const joined = { partyId: 'AZ', kind: 'joins' as const, at: now, text: null };
    expect(() => checkPosition(rec, derived, joined, { kind: 'withdrawn-objection' }, now)).toThrow(RuleError);
    const amended = { partyId: 'AZ', kind: 'amendment' as const, at: now, text: 'Replace para 2.' };
    expect(checkPosition(rec, derived, amended, { kind: 'withdrawn-objection' }, now)).toBe('record');
  });

  it('sees a repeat of the current position as unchanged, and a changed text as a new position', () => {
    const cur = { partyId: 'AZ', kind: 'objection' as const, at: now, text: 'No.' };
    expect(checkPosition(rec, derived, cur, { kind: 'objection', text: ' No. ' }, now)).toBe('unchanged');
    expect(checkPosition(rec, derived, cur, { kind: 'objection', text: 'No, because.' }, now)).toBe('record');
  });

  it('refuses positions on a draft', () => {
    const draft = { ...rec, launchedAt: null, expiresAt: null };
    expect(() => checkPosition(draft, deriveState(draft, summarizePositions([], []), 'no-objection', now), null, { kind: 'joins' }, now)).toThrow(
      expect.objectContaining({ code: 'decisions.not_open' }),
    );
  });

  it('lists the member states that have not acted', () => {
    expect(awaitingParties(['AZ', 'KZ', 'TR'], [{ partyId: 'KZ', kind: 'joins', at: now }])).toEqual(['AZ', 'TR']);
  });
});

describe('in session', () => {
  const members = ['AZ', 'KZ', 'TR'];
  const presented = new Date('2026-12-02T07:00:00Z');
  const rec: DecisionRecord = { procedure: 'in-session', launchedAt: presented, expiresAt: null, withdrawnAt: null, finding: null };
  const sum = (p: CurrentPosition[] = []) => summarizePositions(p, members);

  it('awaits the Chair’s finding once presented, accepting positions meanwhile', () => {
    const s = deriveState(rec, sum(), 'no-objection', new Date('2027-06-01T00:00:00Z'));
    expect(s.state).toBe('in-session');
    expect(s.acceptsPositions).toBe(true);
    expect(deriveState({ ...rec, launchedAt: null }, sum(), 'no-objection', presented).state).toBe('draft');
  });

  it('is adopted on the Chair’s recorded finding of no objection, at the time of the finding', () => {
    const at = new Date('2026-12-02T07:12:00Z');
    checkFinding(rec, deriveState(rec, sum(), 'no-objection', at), { outcome: 'no-objection', objectorPartyIds: [] }, sum(), 'no-objection');
    const s = deriveState({ ...rec, finding: { at, outcome: 'no-objection', objectorPartyIds: [] } }, sum([{ partyId: 'TR', kind: 'reservation', at }]), 'no-objection', at);
    expect(s.state).toBe('adopted');
    expect(s.decidedAt).toEqual(at);
  });

  it('is not adopted on a finding of objection, which names the objecting states', () => {
    const at = new Date('2026-12-02T07:12:00Z');
    const d = deriveState(rec, sum(), 'no-objection', at);
    expect(() => checkFinding(rec, d, { outcome: 'objection', objectorPartyIds: [] }, sum(), 'no-objection')).toThrow(expect.objectContaining({ code: 'decisions.objectors_required' }));
    expect(() => checkFinding(rec, d, { outcome: 'no-objection', objectorPartyIds: ['KZ'] }, sum(), 'no-objection')).toThrow(RuleError);
    const s = deriveState({ ...rec, finding: { at, outcome: 'objection', objectorPartyIds: ['KZ'] } }, sum(), 'no-objection', at);
    expect(s.state).toBe('not-adopted');
    expect(s.blockingPartyIds).toEqual(['KZ']);
  });

  it('under unanimity refuses a finding of consensus until every member joined', () => {
    const at = new Date('2026-12-02T07:12:00Z');
    const two = sum([
      { partyId: 'AZ', kind: 'joins', at },
      { partyId: 'KZ', kind: 'joins', at },
    ]);
    const d = deriveState(rec, two, 'unanimity', at);
    expect(() => checkFinding(rec, d, { outcome: 'no-objection', objectorPartyIds: [] }, two, 'unanimity')).toThrow(expect.objectContaining({ code: 'decisions.unanimity_incomplete' }));
    const all = sum(members.map((m) => ({ partyId: m, kind: 'joins' as const, at })));
    expect(() => checkFinding(rec, d, { outcome: 'no-objection', objectorPartyIds: [] }, all, 'unanimity')).not.toThrow();
    expect(deriveState({ ...rec, finding: { at, outcome: 'no-objection', objectorPartyIds: [] } }, all, 'unanimity', at).state).toBe('adopted');
  });

  it('refuses a finding on a silence procedure or a closed decision', () => {
    const silence: DecisionRecord = { procedure: 'silence', launchedAt: presented, expiresAt: new Date('2026-12-20T00:00:00Z'), withdrawnAt: null, finding: null };
    expect(() => checkFinding(silence, deriveState(silence, sum(), 'no-objection', presented), { outcome: 'no-objection', objectorPartyIds: [] }, sum(), 'no-objection')).toThrow(
      expect.objectContaining({ code: 'decisions.not_in_session' }),
    );
    const done = { ...rec, finding: { at: presented, outcome: 'no-objection' as const, objectorPartyIds: [] } };
    expect(() => checkFinding(done, deriveState(done, sum(), 'no-objection', presented), { outcome: 'no-objection', objectorPartyIds: [] }, sum(), 'no-objection')).toThrow(
      expect.objectContaining({ code: 'decisions.closed' }),
    );
  });

  it('is withdrawn by the Chair before a finding', () => {
    const w = { ...rec, withdrawnAt: new Date('2026-12-02T07:05:00Z') };
    expect(deriveState(w, sum(), 'no-objection', presented).state).toBe('withdrawn');
  });
});
