import type { DB } from '../../db/database.ts';
import type { Actor, Ctx, PartyKind, Role } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { authorize } from '../../shared/policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { decisionDeadlinesFor } from '../decisions/decisions.service.ts';
import { exchangeDeadlinesFor } from '../exchange/exchange.deadlines.ts';
import { requireSession } from '../identity/actor.ts';
import { randomToken, sha256Hex } from '../identity/secrets.ts';
import { matchMailLocale } from '../notifications/messages.ts';
import { type IcsEvent, renderCalendar } from './ics.ts';
import * as repo from './meetings.repository.ts';
import { meetingName } from './ordinal.ts';
import './meetings.policy.ts';

/**
 * Calendar feeds (RFC 5545). The personal feed has the person's meetings (their party's, or every
 * meeting for the Secretariat), the registration and document deadlines of those meetings, silence
 * deadlines (decisions) and information-exchange due days, each as the person may see them now.
 * The public feed has public meetings only.
 *
 * Calendar apps cannot sign in, so a person may create a calendar-feed token: a bearer link that
 * reads this feed and nothing else (never another route), revocable at any time, one live token
 * per person, stored only as a hash, and refused at once when its owner is suspended. Anyone who
 * holds the link reads the feed (loomio/loomio#11218): it is offered, never required.
 */

const CALENDAR_TOKEN_PREFIX = 'concord_cal_';
const DAY = 24 * 3600_000;

export interface FeedOptions {
  baseUrl: string;
  /** How far back and ahead the feed reaches. */
  pastDays?: number;
  futureDays?: number;
}

function rangeAround(now: Date, o: FeedOptions) {
  return { from: new Date(now.getTime() - (o.pastDays ?? 180) * DAY), to: new Date(now.getTime() + (o.futureDays ?? 730) * DAY) };
}

function localized(text: Record<string, string> | null | undefined, lang: string): string {
  if (!text) return '';
  return text[lang] ?? text.en ?? Object.values(text)[0] ?? '';
}

async function meetingEvents(db: DB, rows: readonly repo.MeetingRow[], lang: string, baseUrl: string, withDeadlines: boolean): Promise<IcsEvent[]> {
  const bodies = new Map((await repo.bodiesByCodes(db, [...new Set(rows.map((r) => r.body_code))])).map((b) => [b.code, b.names as Record<string, string>]));
  const out: IcsEvent[] = [];
  for (const r of rows) {
    const names = bodies.get(r.body_code) ?? { en: r.body_code };
    const name = meetingName(lang, r.ordinal, localized(names, lang) || r.body_code);
    const title = localized(r.title as Record<string, string>, lang);
    const url = `${baseUrl}/meetings/${r.id}`;
    const place = r.venue_city && r.venue_country ? `${r.venue_city}, ${r.venue_country}` : null;
    const location = [place, r.format !== 'in-person' && withDeadlines ? r.online_url : null].filter(Boolean).join(' · ') || null;
    out.push({
      uid: `meeting-${r.id}@concord`,
      start: new Date(r.starts_at),
      end: new Date(r.ends_at),
      zone: r.time_zone,
      summary: name,
      description: [title, url].filter(Boolean).join('\n'),
      location,
      url,
      status: r.status === 'planned' ? 'TENTATIVE' : 'CONFIRMED',
      categories: ['meeting', r.body_code],
      lastModified: new Date(r.updated_at),
    });
    if (!withDeadlines) continue;
    if (r.registration_deadline) {
      out.push({
        uid: `meeting-${r.id}-registration@concord`,
        start: new Date(r.registration_deadline),
        zone: r.time_zone,
        summary: `${name}: registration deadline`,
        url,
        description: url,
        categories: ['deadline'],
        transparent: true,
      });
    }
    if (r.documents_deadline) {
      out.push({
        uid: `meeting-${r.id}-documents@concord`,
        start: new Date(r.documents_deadline),
        zone: r.time_zone,
        summary: `${name}: documents deadline`,
        url,
        description: url,
        categories: ['deadline'],
        transparent: true,
      });
    }
  }
  return out;
}

/** The personal feed of `actor` (a signed-in person, or the owner of a calendar token). */
export async function personalCalendar(db: DB, ctx: Ctx, o: FeedOptions): Promise<string> {
  authorize(ctx.actor, 'meetings.calendar');
  const now = ctx.clock.now();
  const range = rangeAround(now, o);
  const user = await repo.userLanguage(db, ctx.actor.userId!);
  const lang = matchMailLocale(user?.language);
  const secretariat = ctx.actor.partyKind === 'secretariat';
  // "Their" meetings: those their party is invited to (all, for the Secretariat), and still visible to them.
  const rows = await repo.calendarMeetings(db, ctx.actor, range, secretariat ? null : (ctx.actor.partyId ?? '00000000-0000-0000-0000-000000000000'));
  const events = await meetingEvents(db, rows, lang, o.baseUrl, true);
  for (const d of await decisionDeadlinesFor(db, ctx.actor, range, ctx.clock)) {
    events.push({
      uid: `decision-${d.decisionId}-silence@concord`,
      start: new Date(d.at),
      zone: d.local.zone,
      summary: `${localized(d.title, lang)}: silence ends`,
      url: `${o.baseUrl}${d.link}`,
      description: `${o.baseUrl}${d.link}`,
      categories: ['deadline', 'decision', d.bodyCode],
      transparent: true,
    });
  }
  for (const x of await exchangeDeadlinesFor(db, ctx.actor, range, ctx.clock)) {
    events.push({
      uid: x.uid,
      start: new Date(x.dueAt),
      day: x.dueDay,
      zone: x.timeZone,
      summary: `${localized(x.formTitle, lang)} ${x.year} (${x.party}): due`,
      url: `${o.baseUrl}/exchange`,
      categories: ['deadline', 'exchange'],
      transparent: true,
    });
  }
  events.sort((a, b) => a.start.getTime() - b.start.getTime());
  return renderCalendar({ name: 'Concord', stamp: now, events, refreshMinutes: 60 });
}

/** Public meetings only, for anyone. */
export async function publicCalendar(db: DB, ctx: Ctx, o: FeedOptions & { language?: string }): Promise<string> {
  const now = ctx.clock.now();
  const rows = await repo.calendarMeetings(db, null, rangeAround(now, o));
  const events = await meetingEvents(db, rows, matchMailLocale(o.language), o.baseUrl, false);
  return renderCalendar({ name: 'Concord: public meetings', stamp: now, events, refreshMinutes: 360 });
}

// ---------------------------------------------------------------------------------------------
// Calendar-feed tokens

export interface CalendarTokenStatus {
  active: boolean;
  createdAt: string | null;
  lastUsedAt: string | null;
}

export async function calendarTokenStatus(db: DB, ctx: Ctx): Promise<CalendarTokenStatus> {
  authorize(ctx.actor, 'meetings.calendar');
  const t = await repo.liveCalendarToken(db, ctx.actor.userId!);
  return { active: !!t, createdAt: t ? new Date(t.created_at).toISOString() : null, lastUsedAt: t?.last_used_at ? new Date(t.last_used_at).toISOString() : null };
}

/** Creates (or replaces) the person's calendar-feed token; the link is shown once. Needs a signed-in session. */
export async function createCalendarToken(db: DB, ctx: Ctx, baseUrl: string): Promise<{ token: string; url: string; createdAt: string }> {
  authorize(ctx.actor, 'meetings.calendar');
  requireSession(ctx);
  const token = `${CALENDAR_TOKEN_PREFIX}${randomToken(32)}`;
  const now = ctx.clock.now();
  const row = await db.transaction().execute(async (trx) => {
    const revoked = await repo.revokeCalendarTokens(trx, ctx.actor.userId!, now);
    const r = await repo.insertCalendarToken(trx, ctx.actor.userId!, sha256Hex(token), now);
    await recordAudit(trx, ctx, { action: 'meetings.calendar_token.create', objectType: 'calendar_token', objectId: r.id, after: { replaced: revoked } });
    return r;
  });
  return { token, url: `${baseUrl}/api/calendar.ics?token=${token}`, createdAt: new Date(row.created_at).toISOString() };
}

export async function revokeCalendarToken(db: DB, ctx: Ctx): Promise<{ revoked: number }> {
  authorize(ctx.actor, 'meetings.calendar');
  return db.transaction().execute(async (trx) => {
    const revoked = await repo.revokeCalendarTokens(trx, ctx.actor.userId!, ctx.clock.now());
    if (revoked) await recordAudit(trx, ctx, { action: 'meetings.calendar_token.revoke', objectType: 'calendar_token', objectId: ctx.actor.userId, after: { revoked } });
    return { revoked };
  });
}

/**
 * The actor a calendar token stands for: its owner, read-only, for the calendar only. Unknown,
 * revoked, malformed, or owned by a suspended person: refused.
 */
export async function actorFromCalendarToken(db: DB, now: Date, token: string): Promise<Actor> {
  const refuse = () => new AppError('unauthenticated', 'meetings.calendar_token_invalid', 'The calendar link is unknown or has been revoked.');
  if (!token.startsWith(CALENDAR_TOKEN_PREFIX) || token.length > 200) throw refuse();
  const row = await repo.calendarTokenOwner(db, sha256Hex(token));
  if (!row || row.status !== 'active') throw refuse();
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) await repo.touchCalendarToken(db, row.token_id, now);
  return {
    kind: 'user',
    userId: row.user_id,
    partyId: row.party_id,
    partyCode: row.party_code,
    partyKind: row.party_kind as PartyKind,
    role: row.role as Role,
    mfa: false,
    sessionId: null,
    tokenScopes: ['calendar'],
  };
}

