import { type Kysely, sql } from 'kysely';

/**
 * Notifications: the in-app inbox, per-user delivery preferences per kind, the digest watermark,
 * and the mail outbox (every e-mail Concord queues, sends or holds for want of SMTP).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind ~ '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$'`))
    .addColumn('params', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('object_type', 'text')
    .addColumn('object_id', 'text')
    .addColumn('link', 'text', (c) => c.check(sql`link IS NULL OR link ~ '^/'`))
    // How it was to be delivered by e-mail when it was made: the preference in force then.
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel IN ('immediate','digest','none')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('read_at', 'timestamptz')
    // Set when the notification went out in a daily digest (channel 'digest' only).
    .addColumn('digested_at', 'timestamptz')
    .execute();
  await sql`CREATE INDEX notifications_inbox ON notifications (user_id, created_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL`.execute(db);
  await sql`CREATE INDEX notifications_digest_due ON notifications (user_id)
            WHERE channel = 'digest' AND digested_at IS NULL AND read_at IS NULL`.execute(db);

  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel IN ('immediate','digest','none')`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pkey', ['user_id', 'kind'])
    .execute();

  await db.schema
    .createTable('notification_digests')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('last_digest_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outbox_mail')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('to_name', 'text')
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // queued: waiting for (another) attempt; sent: accepted by the SMTP server; held: kept here
    // because no SMTP server is configured; failed: gave up after the last attempt.
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued').check(sql`status IN ('queued','sent','held','failed')`))
    // The body carried a one-time secret (a sign-in link) and was removed once the mail was sent.
    .addColumn('redacted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .addColumn('message_id', 'text')
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`CREATE INDEX outbox_mail_recent ON outbox_mail (created_at DESC, id DESC)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox_mail').execute();
  await db.schema.dropTable('notification_digests').execute();
  await db.schema.dropTable('notification_preferences').execute();
  await db.schema.dropTable('notifications').execute();
}
