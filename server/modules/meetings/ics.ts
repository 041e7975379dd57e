import { DateTime } from 'luxon';

/**
 * A small iCalendar (RFC 5545) writer: text escaping (3.3.11), line folding at 75 octets without
 * splitting a UTF-8 character (3.1), CRLF line ends, and real time zones. Every event carries its
 * IANA zone as a TZID with local wall-clock times, and the calendar has one VTIMEZONE per zone
 * whose observances are the zone's actual offset changes (from the tz database, through Intl)
 * over the span of the events, so every client, with or without its own tz database, puts each
 * event at the same instant.
 */

export interface IcsEvent {
  uid: string;
  start: Date;
  /** An all-day event on this calendar day (YYYY-MM-DD); `start` is then only used for ordering. */
  day?: string | null;
  /** Omitted: a point in time (a deadline). */
  end?: Date | null;
  /** IANA zone the event is shown in. */
  zone: string;
  summary: string;
  description?: string | null;
  location?: string | null;
  url?: string | null;
  status?: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
  categories?: string[];
  lastModified?: Date | null;
  /** Deadlines do not block time in the reader's calendar. */
  transparent?: boolean;
}

export interface IcsCalendar {
  name: string;
  /** When the feed was made (DTSTAMP of every event). */
  stamp: Date;
  events: IcsEvent[];
  /** Hint to clients how often to fetch again. */
  refreshMinutes?: number;
}

/** TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11). */
export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line into pieces of at most 75 octets, each continuation starting with one
 * space (RFC 5545 3.1), never cutting inside a UTF-8 sequence.
 */
export function foldLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(bytes.length, start + limit);
    // Step back over continuation bytes (10xxxxxx) so a character is never split.
    while (end < bytes.length && end > start && (bytes[end]! & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74; // the leading space counts
  }
  return parts.join('\r\n ');
}

function utcStamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function localStamp(d: Date, zone: string): string {
  return DateTime.fromJSDate(d, { zone }).toFormat("yyyyMMdd'T'HHmmss");
}

function offsetString(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

const offsetAt = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).offset;

export interface OffsetChange {
  /** The instant the new offset takes effect. */
  at: number;
  from: number;
  to: number;
}

/** The offset changes of a zone between two instants (found weekly, then to the millisecond). */
export function offsetChanges(zone: string, fromMs: number, toMs: number): OffsetChange[] {
  const out: OffsetChange[] = [];
  const step = 7 * 24 * 3600_000;
  let t = fromMs;
  let off = offsetAt(t, zone);
  while (t < toMs) {
    const next = Math.min(t + step, toMs);
    const nextOff = offsetAt(next, zone);
    if (nextOff !== off) {
      let lo = t;
      let hi = next;
      while (hi - lo > 1) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (offsetAt(mid, zone) === off) lo = mid;
        else hi = mid;
      }
      out.push({ at: hi, from: off, to: nextOff });
      off = nextOff;
    }
    t = next;
  }
  return out;
}

/** One VTIMEZONE with the zone's observances over [fromMs, toMs]. */
export function vtimezone(zone: string, fromMs: number, toMs: number): string[] {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const initial = offsetAt(fromMs, zone);
  const changes = offsetChanges(zone, fromMs, toMs);
  const observance = (kind: 'STANDARD' | 'DAYLIGHT', atMs: number, from: number, to: number) => {
    // DTSTART of an observance is the local time of its onset, in the offset it replaces.
    const local = DateTime.fromMillis(atMs, { zone: 'UTC' }).plus({ minutes: from }).toFormat("yyyyMMdd'T'HHmmss");
    const name = DateTime.fromMillis(atMs, { zone }).offsetNameShort ?? offsetString(to);
    lines.push(`BEGIN:${kind}`, `DTSTART:${local}`, `TZOFFSETFROM:${offsetString(from)}`, `TZOFFSETTO:${offsetString(to)}`, `TZNAME:${escapeText(name)}`, `END:${kind}`);
  };
  const kindAt = (ms: number) => (DateTime.fromMillis(ms, { zone }).isInDST ? 'DAYLIGHT' : 'STANDARD');
  observance(kindAt(fromMs), fromMs, initial, initial);
  for (const c of changes) observance(kindAt(c.at), c.at, c.from, c.to);
  lines.push('END:VTIMEZONE');
  return lines;
}

const DAY = 24 * 3600_000;

/** The whole calendar as text (CRLF line ends, folded). */
export function renderCalendar(cal: IcsCalendar): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Concord//Meetings calendar//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(cal.name)}`,
  ];
  if (cal.refreshMinutes) {
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:PT${cal.refreshMinutes}M`, `X-PUBLISHED-TTL:PT${cal.refreshMinutes}M`);
  }
  const zones = new Map<string, { min: number; max: number }>();
  for (const e of cal.events) {
    if (e.day) continue;
    const s = e.start.getTime();
    const t = (e.end ?? e.start).getTime();
    const z = zones.get(e.zone);
    zones.set(e.zone, { min: Math.min(z?.min ?? s, s), max: Math.max(z?.max ?? t, t) });
  }
  for (const [zone, span] of [...zones].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (zone === 'UTC' || zone === 'Etc/UTC') continue;
    lines.push(...vtimezone(zone, span.min - 40 * DAY, span.max + 40 * DAY));
  }
  for (const e of cal.events) {
    const when = (d: Date) => (e.zone === 'UTC' || e.zone === 'Etc/UTC' ? `:${utcStamp(d)}` : `;TZID=${e.zone}:${localStamp(d, e.zone)}`);
    lines.push('BEGIN:VEVENT', `UID:${escapeText(e.uid)}`, `DTSTAMP:${utcStamp(cal.stamp)}`);
    if (e.day) {
      const next = DateTime.fromISO(e.day, { zone: 'UTC' }).plus({ days: 1 }).toFormat('yyyyMMdd');
      lines.push(`DTSTART;VALUE=DATE:${e.day.replace(/-/g, '')}`, `DTEND;VALUE=DATE:${next}`);
    } else {
      lines.push(`DTSTART${when(e.start)}`);
      if (e.end) lines.push(`DTEND${when(e.end)}`);
    }
    lines.push(`SUMMARY:${escapeText(e.summary)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    if (e.status) lines.push(`STATUS:${e.status}`);
    if (e.categories?.length) lines.push(`CATEGORIES:${e.categories.map(escapeText).join(',')}`);
    if (e.lastModified) lines.push(`LAST-MODIFIED:${utcStamp(e.lastModified)}`);
    if (e.transparent) lines.push('TRANSP:TRANSPARENT');
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
