import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, offsetChanges, renderCalendar } from './ics.ts';

/** Parses with ical.js, registering the feed's own VTIMEZONEs (as a calendar client does). */
function parse(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  for (const tz of comp.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  return comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

const stamp = new Date('2026-10-01T00:00:00Z');

describe('ICS writer', () => {
  it('escapes text and folds long lines at 75 octets without splitting characters', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const long = `SUMMARY:${'Совещание старших должностных лиц '.repeat(5)}`;
    const folded = foldLine(long);
    for (const piece of folded.split('\r\n')) expect(Buffer.byteLength(piece, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(long);
    expect(folded).not.toContain('\uFFFD');
  });

  it('puts events at the right instant in three zones', () => {
    const events = [
      { uid: 'astana', zone: 'Asia/Almaty', start: new Date('2026-12-01T05:00:00Z'), end: new Date('2026-12-01T12:00:00Z'), summary: 'SOC, Astana' },
      { uid: 'vienna', zone: 'Europe/Vienna', start: new Date('2026-12-02T09:00:00Z'), end: new Date('2026-12-02T11:00:00Z'), summary: 'Experts, Vienna' },
      { uid: 'newyork', zone: 'America/New_York', start: new Date('2026-12-03T15:00:00Z'), end: new Date('2026-12-03T17:00:00Z'), summary: 'Side event; New York, UN' },
    ];
    const text = renderCalendar({ name: 'Test', stamp, events });
    expect(text).toContain('DTSTART;TZID=Asia/Almaty:20261201T100000');
    expect(text).toContain('DTSTART;TZID=Europe/Vienna:20261202T100000');
    expect(text).toContain('DTSTART;TZID=America/New_York:20261203T100000');
    expect(text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    const parsed = parse(text);
    expect(parsed.map((e) => e.uid)).toEqual(['astana', 'vienna', 'newyork']);
    for (const [i, e] of parsed.entries()) {
      expect(e.startDate.toJSDate().toISOString()).toBe(events[i]!.start.toISOString());
      expect(e.endDate.toJSDate().toISOString()).toBe(events[i]!.end.toISOString());
    }
    expect(parsed[2]!.summary).toBe('Side event; New York, UN');
  });

  it('keeps the instant across a daylight-saving change', () => {
    // Vienna leaves summer time on 25 Oct 2026 (03:00 CEST -> 02:00 CET); New York on 1 Nov 2026.
    expect(offsetChanges('Europe/Vienna', Date.parse('2026-10-01T00:00:00Z'), Date.parse('2026-11-30T00:00:00Z'))).toEqual([
      { at: Date.parse('2026-10-25T01:00:00Z'), from: 120, to: 60 },
    ]);
    const events = [
      { uid: 'before', zone: 'Europe/Vienna', start: new Date('2026-10-24T08:00:00Z'), summary: 'Before (10:00 CEST)' },
      { uid: 'after', zone: 'Europe/Vienna', start: new Date('2026-10-26T09:00:00Z'), summary: 'After (10:00 CET)' },
      { uid: 'ny-after', zone: 'America/New_York', start: new Date('2026-11-02T15:00:00Z'), summary: 'NY after (10:00 EST)' },
      { uid: 'ny-before', zone: 'America/New_York', start: new Date('2026-10-30T14:00:00Z'), summary: 'NY before (10:00 EDT)' },
    ];
    const text = renderCalendar({ name: 'DST', stamp, events });
    expect(text).toContain('DTSTART;TZID=Europe/Vienna:20261024T100000');
    expect(text).toContain('DTSTART;TZID=Europe/Vienna:20261026T100000');
    expect(text).toMatch(/BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:\+0200\r\nTZOFFSETTO:\+0100/);
    const parsed = parse(text);
    for (const [i, e] of parsed.entries()) expect(e.startDate.toJSDate().toISOString()).toBe(events[i]!.start.toISOString());
  });

  it('writes a deadline as a point in time that does not block the day', () => {
    const text = renderCalendar({ name: 'D', stamp, events: [{ uid: 'd', zone: 'UTC', start: new Date('2026-11-20T12:00:00Z'), summary: 'Deadline', transparent: true }] });
    expect(text).toContain('DTSTART:20261120T120000Z');
    expect(text).toContain('TRANSP:TRANSPARENT');
    expect(parse(text)[0]!.startDate.toJSDate().toISOString()).toBe('2026-11-20T12:00:00.000Z');
  });
});

describe('all-day events', () => {
  it('writes a due day as a DATE event', () => {
    const text = renderCalendar({ name: 'D', stamp, events: [{ uid: 'x', zone: 'Asia/Almaty', start: new Date('2026-04-15T00:00:00Z'), day: '2026-04-15', summary: 'Due' }] });
    expect(text).toContain('DTSTART;VALUE=DATE:20260415');
    expect(text).toContain('DTEND;VALUE=DATE:20260416');
    expect(text).not.toContain('BEGIN:VTIMEZONE');
    const [e] = parse(text);
    expect(e!.startDate.isDate).toBe(true);
    expect(e!.startDate.toString()).toBe('2026-04-15');
  });
});
