import { sql } from 'kysely';
import type { DB } from '../../db/database.ts';
import type { NotificationChannel } from '../../db/tables.ts';
import type { NotificationParams } from './notification.ts';

/** The only SQL of the notifications module. */

export interface Recipient {
  id: string;
  email: string;
  name: string;
  language: string;
  time_zone: string;
  status: 'active' | 'suspended';
}

export async function findRecipient(db: DB, userId: string): Promise<Recipient | undefined> {
  return db.selectFrom('users').select(['id', 'email', 'name', 'language', 'time_zone', 'status']).where('id', '=', userId).executeTakeFirst();
}

export async function findPreference(db: DB, userId: string, kind: string): Promise<NotificationChannel | null> {
  const row = await db.selectFrom('notification_preferences').select('channel').where('user_id', '=', userId).where('kind', '=', kind).executeTakeFirst();
  return row?.channel ?? null;
}

export async function insertNotification(
  trx: DB,
  n: {
    userId: string;
    kind: string;
    params: NotificationParams;
    objectType: string | null;
    objectId: string | null;
    link: string | null;
    channel: NotificationChannel;
    createdAt: Date;
  },
): Promise<string> {
  const row = await trx
    .insertInto('notifications')
    .values({
      user_id: n.userId,
      kind: n.kind,
      params: JSON.stringify(n.params),
      object_type: n.objectType,
      object_id: n.objectId,
      link: n.link,
      channel: n.channel,
      created_at: n.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const notificationColumns = ['id', 'kind', 'params', 'object_type', 'object_id', 'link', 'channel', 'created_at', 'read_at'] as const;
export type NotificationRow = {
  id: string;
  kind: string;
  params: NotificationParams;
  object_type: string | null;
  object_id: string | null;
  link: string | null;
  channel: NotificationChannel;
  created_at: Date;
  read_at: Date | null;
};

export async function listNotifications(
  db: DB,
  userId: string,
  q: { unreadOnly: boolean; limit: number; offset: number },
): Promise<{ rows: NotificationRow[]; total: number }> {
  let base = db.selectFrom('notifications').where('user_id', '=', userId);
  if (q.unreadOnly) base = base.where('read_at', 'is', null);
  const [rows, count] = await Promise.all([
    base.select(notificationColumns).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as NotificationRow[], total: Number(count.n) };
}

export async function countUnread(db: DB, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select(sql<string>`count(*)`.as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findNotification(db: DB, id: string): Promise<(NotificationRow & { user_id: string }) | undefined> {
  return (await db
    .selectFrom('notifications')
    .select([...notificationColumns, 'user_id'])
    .where('id', '=', id)
    .executeTakeFirst()) as (NotificationRow & { user_id: string }) | undefined;
}

/** Marks one notification read (keeps the first read time). */
export async function markNotificationRead(trx: DB, id: string, now: Date): Promise<NotificationRow> {
  await trx.updateTable('notifications').set({ read_at: now }).where('id', '=', id).where('read_at', 'is', null).execute();
  return (await trx.selectFrom('notifications').select(notificationColumns).where('id', '=', id).executeTakeFirstOrThrow()) as NotificationRow;
}

export async function markAllNotificationsRead(trx: DB, userId: string, now: Date): Promise<number> {
  const result = await trx.updateTable('notifications').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listPreferences(db: DB, userId: string): Promise<Map<string, NotificationChannel>> {
  const rows = await db.selectFrom('notification_preferences').select(['kind', 'channel']).where('user_id', '=', userId).execute();
  return new Map(rows.map((r) => [r.kind, r.channel]));
}

export async function upsertPreference(trx: DB, userId: string, kind: string, channel: NotificationChannel, now: Date): Promise<void> {
  await trx
    .insertInto('notification_preferences')
    .values({ user_id: userId, kind, channel, updated_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ channel, updated_at: now }))
    .execute();
}

export async function findLastDigestAt(db: DB, userId: string): Promise<Date | null> {
  const row = await db.selectFrom('notification_digests').select('last_digest_at').where('user_id', '=', userId).executeTakeFirst();
  return row ? new Date(row.last_digest_at) : null;
}

export async function recordDigestSent(trx: DB, userId: string, at: Date): Promise<void> {
  await trx
    .insertInto('notification_digests')
    .values({ user_id: userId, last_digest_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ last_digest_at: at }))
    .execute();
}

/** Users with notifications waiting for a digest: unread, not yet digested, and not since silenced. */
export async function usersWithDigestDue(db: DB, until: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .leftJoin('notification_preferences as p', (j) => j.onRef('p.user_id', '=', 'n.user_id').onRef('p.kind', '=', 'n.kind'))
    .select('n.user_id')
    .distinct()
    .where('n.channel', '=', 'digest')
    .where('n.digested_at', 'is', null)
    .where('n.read_at', 'is', null)
    .where('n.created_at', '<=', until)
    .where('u.status', '=', 'active')
    .where((eb) => eb.or([eb('p.channel', 'is', null), eb('p.channel', '!=', 'none')]))
    .execute();
  return rows.map((r) => r.user_id);
}

/** The notifications one user's digest will carry, locked so two digest runs cannot both send them. */
export async function lockDigestItems(trx: DB, userId: string, until: Date): Promise<Pick<NotificationRow, 'id' | 'kind' | 'params' | 'link' | 'created_at'>[]> {
  const { rows } = await sql<Pick<NotificationRow, 'id' | 'kind' | 'params' | 'link' | 'created_at'>>`
    SELECT n.id, n.kind, n.params, n.link, n.created_at
    FROM notifications n
    LEFT JOIN notification_preferences p ON p.user_id = n.user_id AND p.kind = n.kind
    WHERE n.user_id = ${userId} AND n.channel = 'digest' AND n.digested_at IS NULL AND n.read_at IS NULL
      AND n.created_at <= ${until} AND (p.channel IS NULL OR p.channel <> 'none')
    ORDER BY n.created_at, n.id
    FOR UPDATE OF n`.execute(trx);
  return rows;
}

export async function markDigested(trx: DB, ids: string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable('notifications').set({ digested_at: at }).where('id', 'in', ids).execute();
}

// Outbox

export type NewOutboxMail = {
  toAddress: string;
  toName: string | null;
  userId: string | null;
  subject: string;
  text: string;
  html: string;
  language: string;
  kind: string;
  createdAt: Date;
};

export async function insertOutboxMail(trx: DB, m: NewOutboxMail): Promise<string> {
  const row = await trx
    .insertInto('outbox_mail')
    .values({
      to_address: m.toAddress,
      to_name: m.toName,
      user_id: m.userId,
      subject: m.subject,
      text: m.text,
      html: m.html,
      language: m.language,
      kind: m.kind,
      created_at: m.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findOutboxMail(db: DB, id: string) {
  return db.selectFrom('outbox_mail').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listOutboxMail(db: DB, q: { status?: string; limit: number; offset: number }) {
  let base = db.selectFrom('outbox_mail');
  if (q.status) base = base.where('status', '=', q.status as 'queued');
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute(),
    base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Records the outcome of one delivery attempt (counts it). */
export async function recordDeliveryAttempt(
  db: DB,
  id: string,
  patch: Partial<{
    status: 'queued' | 'sent' | 'held' | 'failed';
    sent_at: Date | null;
    message_id: string | null;
    error: string | null;
    text: string;
    html: string;
    redacted: boolean;
  }>,
): Promise<void> {
  await db
    .updateTable('outbox_mail')
    .set({ ...patch, attempts: sql`attempts + 1` })
    .where('id', '=', id)
    .execute();
}
