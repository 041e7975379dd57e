import { describe, expect, it } from 'vitest';
import {
  activityDeadline,
  activityDueDay,
  addDays,
  annualDeadline,
  annualDueDay,
  coveredPeriod,
  type DueRule,
  daysUntil,
  deadlineStatus,
  dueRuleProblems,
  endOfDayInZone,
  isOnTime,
  localDay,
  startOfDayInZone,
} from './due-rules.ts';

const april15: Extract<DueRule, { kind: 'annual' }> = { kind: 'annual', month: 4, day: 15, covers: 'previous-year' };
const feb29: Extract<DueRule, { kind: 'annual' }> = { kind: 'annual', month: 2, day: 29, covers: 'current-year' };
const notice42: Extract<DueRule, { kind: 'before-activity' }> = { kind: 'before-activity', days: 42, activityStartField: 'startDate' };
const ALMATY = 'Asia/Almaty';

describe('due days', () => {
  it('puts an annual exchange on its day each year and says which year it covers', () => {
    expect(annualDueDay(april15, 2025)).toBe('2025-04-15');
    expect(annualDueDay(april15, 2026)).toBe('2026-04-15');
    expect(coveredPeriod(april15, 2026)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(coveredPeriod({ ...april15, covers: 'current-year' }, 2026)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('moves 29 February to the last day of February in a common year', () => {
    expect(annualDueDay(feb29, 2024)).toBe('2024-02-29');
    expect(annualDueDay(feb29, 2025)).toBe('2025-02-28');
    expect(annualDueDay(feb29, 2100)).toBe('2100-02-28'); // not a leap year
    expect(annualDueDay(feb29, 2000)).toBe('2000-02-29');
  });

  it('counts N days before an activity across month, year and leap-day boundaries', () => {
    expect(activityDueDay(notice42, '2026-06-01')).toBe('2026-04-20');
    expect(activityDueDay(notice42, '2027-01-10')).toBe('2026-11-29');
    expect(activityDueDay(notice42, '2024-04-11')).toBe('2024-02-29');
    expect(activityDueDay(notice42, '2025-04-11')).toBe('2025-02-28');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(activityDueDay({ ...notice42, days: 0 }, '2026-06-01')).toBe('2026-06-01');
  });
});

describe('end of the due day in the forum time zone', () => {
  it('is local midnight in Astana: UTC+5 from March 2024, UTC+6 before', () => {
    expect(endOfDayInZone('2026-04-15', ALMATY).toISOString()).toBe('2026-04-15T19:00:00.000Z');
    expect(endOfDayInZone('2023-04-15', ALMATY).toISOString()).toBe('2023-04-15T18:00:00.000Z');
    // The night Kazakhstan moved from UTC+6 to UTC+5: 29 Feb 2024 lasted 25 hours.
    expect(startOfDayInZone('2024-02-29', ALMATY).toISOString()).toBe('2024-02-28T18:00:00.000Z');
    expect(endOfDayInZone('2024-02-29', ALMATY).toISOString()).toBe('2024-02-29T19:00:00.000Z');
  });

  it('handles daylight saving time, half-hour and quarter-hour zones, and a skipped midnight', () => {
    expect(endOfDayInZone('2026-03-07', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z'); // EST
    expect(endOfDayInZone('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z'); // EDT
    expect(endOfDayInZone('2026-04-15', 'Asia/Kathmandu').toISOString()).toBe('2026-04-15T18:15:00.000Z');
    expect(endOfDayInZone('2026-04-15', 'Asia/Tehran').toISOString()).toBe('2026-04-15T20:30:00.000Z');
    expect(endOfDayInZone('2026-04-15', 'Pacific/Auckland').toISOString()).toBe('2026-04-15T12:00:00.000Z');
    // Chile moved its clocks from 00:00 to 01:00 on 3 Sep 2023: that day starts at 01:00 local.
    expect(startOfDayInZone('2023-09-03', 'America/Santiago').toISOString()).toBe('2023-09-03T04:00:00.000Z');
    expect(localDay(new Date('2023-09-03T03:59:59Z'), 'America/Santiago')).toBe('2023-09-02');
  });

  it('judges the same instant on time in Astana and late in a zone west of it', () => {
    // 16 April 01:00 in Astana is still 15 April in New York; what counts is the forum's zone.
    const sentAt = new Date('2026-04-15T20:00:00Z');
    expect(isOnTime(annualDeadline(april15, 2026, ALMATY), sentAt)).toBe(false);
    expect(isOnTime(annualDeadline(april15, 2026, 'America/New_York'), sentAt)).toBe(true);
    expect(isOnTime(annualDeadline(april15, 2026, ALMATY), new Date('2026-04-15T18:59:59.999Z'))).toBe(true);
    expect(isOnTime(annualDeadline(april15, 2026, ALMATY), new Date('2026-04-15T19:00:00.000Z'))).toBe(false);
  });
});

describe('deadline status, derived from the clock', () => {
  const d = annualDeadline(april15, 2026, ALMATY);

  it('is not yet due before the exchange year opens, due while open, overdue after the due day', () => {
    expect(deadlineStatus(d, null, new Date('2025-12-31T18:59:59Z'))).toBe('not-yet-due'); // 23:59:59 local on 31 Dec
    expect(deadlineStatus(d, null, new Date('2025-12-31T19:00:00Z'))).toBe('due'); // 1 Jan 00:00 local
    expect(deadlineStatus(d, null, new Date('2026-04-15T18:59:59Z'))).toBe('due');
    expect(deadlineStatus(d, null, new Date('2026-04-15T19:00:00Z'))).toBe('overdue');
  });

  it('is submitted on time or late by the first submission, whatever the clock says now', () => {
    expect(deadlineStatus(d, new Date('2026-04-10T00:00:00Z'), new Date('2027-01-01T00:00:00Z'))).toBe('submitted-on-time');
    expect(deadlineStatus(d, new Date('2026-04-16T00:00:00Z'), new Date('2026-04-16T00:00:01Z'))).toBe('submitted-late');
  });

  it('for a notice, counts from the activity start', () => {
    const n = activityDeadline(notice42, '2026-06-01', ALMATY);
    expect(n.dueDay).toBe('2026-04-20');
    expect(deadlineStatus(n, new Date('2026-04-20T18:00:00Z'), new Date('2026-05-01T00:00:00Z'))).toBe('submitted-on-time');
    expect(deadlineStatus(n, new Date('2026-04-20T19:00:00Z'), new Date('2026-05-01T00:00:00Z'))).toBe('submitted-late');
  });

  it('counts days left in the forum calendar', () => {
    expect(daysUntil(d, new Date('2026-04-14T19:30:00Z'), ALMATY)).toBe(0); // 15 Apr 00:30 local
    expect(daysUntil(d, new Date('2026-04-14T18:30:00Z'), ALMATY)).toBe(1); // 14 Apr 23:30 local
    expect(daysUntil(d, new Date('2026-04-20T12:00:00Z'), ALMATY)).toBe(-5);
  });
});

describe('due rule checks', () => {
  it('accepts sane rules and names what is wrong with others', () => {
    expect(dueRuleProblems(april15)).toEqual([]);
    expect(dueRuleProblems(feb29)).toEqual([]);
    expect(dueRuleProblems({ ...april15, month: 13 })).toEqual(['month must be 1–12']);
    expect(dueRuleProblems({ ...april15, month: 4, day: 31 })).toEqual(['day must be 1–30']);
    expect(dueRuleProblems({ ...notice42, days: -1 })).toEqual(['days must be 0–366']);
  });
});
