import type { DB } from '../../db/database.ts';
import type { Clock } from '../../shared/clock.ts';
import { type Ctx, systemActor } from '../../shared/context.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import { matchMailLocale } from './messages.ts';
import { absoluteUrl, composeDigestMail, digestDay, digestRunAt, inboxPath, nextDay, settingsPath } from './notification.ts';
import { findRecipient, lockDigestItems, markDigested, recordDigestSent, usersWithDigestDue } from './notifications.repository.ts';
import { queueMail } from './notifications.service.ts';

export const digestJobKind = 'notifications.digest';

/**
 * The daily digest: one e-mail per user carrying every notification that waits for a digest
 * (made while the user's channel for its kind was `digest`, still unread, not yet in a digest).
 * What went out is marked on each notification, so a digest that runs late, twice, or after a
 * day with no run at all still carries everything exactly once; `last_digest_at` records when.
 * Each user is one transaction: a crash half-way loses nothing and repeats nothing.
 */
export async function runDigest(db: DB, clock: Clock, opts: { baseUrl: string }): Promise<{ users: number; notifications: number }> {
  const until = clock.now();
  const ctx: Ctx = { actor: systemActor, requestId: null, clock, baseUrl: opts.baseUrl };
  let users = 0;
  let notifications = 0;
  for (const userId of await usersWithDigestDue(db, until)) {
    const sent = await db.transaction().execute(async (trx) => {
      const user = await findRecipient(trx, userId);
      if (user?.status !== 'active') return 0;
      const items = await lockDigestItems(trx, userId, until);
      if (items.length === 0) return 0;
      const locale = matchMailLocale(user.language);
      const mail = composeDigestMail({
        locale,
        timeZone: user.time_zone,
        name: user.name,
        items: items.map((i) => ({ kind: i.kind, params: i.params ?? {}, url: i.link ? absoluteUrl(opts.baseUrl, i.link) : null })),
        settingsUrl: absoluteUrl(opts.baseUrl, settingsPath),
        inboxUrl: absoluteUrl(opts.baseUrl, inboxPath),
      });
      await queueMail(trx, ctx, { to: user.email, toName: user.name, userId, kind: digestJobKind, locale, mail });
      await markDigested(
        trx,
        items.map((i) => i.id),
        until,
      );
      await recordDigestSent(trx, userId, until);
      return items.length;
    });
    if (sent > 0) {
      users++;
      notifications += sent;
    }
  }
  return { users, notifications };
}

/** Enqueues the digest jobs of `day` and the day after; the dedupe key makes it once per day. */
export async function scheduleDigests(db: DB, clock: Clock): Promise<string> {
  const today = digestDay(clock.now());
  for (const day of [today, nextDay(today)]) {
    await enqueueJob(db, clock, digestJobKind, { day }, { runAt: digestRunAt(day), dedupeKey: `digest:${day}` });
  }
  return today;
}

/** For the job worker: schedules at most once per day per process (the database dedupes across processes). */
export function digestScheduler(): (db: DB, clock: Clock) => Promise<void> {
  let scheduledFor: string | null = null;
  return async (db, clock) => {
    if (scheduledFor === digestDay(clock.now())) return;
    scheduledFor = await scheduleDigests(db, clock);
  };
}
