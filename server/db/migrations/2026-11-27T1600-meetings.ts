import { type Kysely, sql } from 'kysely';

/**
 * Meetings (server/modules/meetings): the meeting and who is invited, the agenda (items and
 * sub-items, requests by delegations), accreditation (registrations, delegates, credentials
 * letters), the live room (speakers lists, statements), the live event log (what SSE clients
 * resume from), the summary record and its corrections, outcomes, and calendar-feed tokens.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meetings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('body_code', 'text', (c) => c.notNull().references('bodies.code'))
    .addColumn('ordinal', 'integer', (c) => c.notNull().check(sql`ordinal > 0`))
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('venue_city', 'text')
    .addColumn('venue_country', 'text', (c) => c.check(sql`venue_country ~ '^[A-Z]{2}$'`))
    .addColumn('online_url', 'text')
    .addColumn('format', 'text', (c) => c.notNull().check(sql`format IN ('in-person','online','hybrid')`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned').check(sql`status IN ('planned','convened','in-session','closed','record-final')`))
    .addColumn('presiding_party_id', 'uuid', (c) => c.references('parties.id'))
    .addColumn('papers_access', 'text', (c) => c.notNull().check(sql`papers_access IN ('public','members','members-and-observers','restricted')`))
    .addColumn('closed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('high_level', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('speaking_time_seconds', 'integer', (c) => c.notNull().defaultTo(300).check(sql`speaking_time_seconds BETWEEN 30 AND 3600`))
    .addColumn('registration_deadline', 'timestamptz')
    .addColumn('documents_deadline', 'timestamptz')
    .addColumn('convened_at', 'timestamptz')
    .addColumn('notice', 'jsonb')
    .addColumn('agenda_status', 'text', (c) => c.notNull().defaultTo('provisional').check(sql`agenda_status IN ('provisional','adopted')`))
    .addColumn('agenda_adopted_at', 'timestamptz')
    .addColumn('agenda_decision_id', 'uuid', (c) => c.references('decisions.id'))
    .addColumn('current_item_id', 'uuid')
    .addColumn('record_status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`record_status IN ('draft','circulated','final')`))
    .addColumn('record_circulated_at', 'timestamptz')
    .addColumn('corrections_deadline', 'timestamptz')
    .addColumn('record_final_at', 'timestamptz')
    // The last live event written for this meeting; the row lock orders events (no gaps, no reordering).
    .addColumn('event_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('meetings_body_ordinal', ['body_code', 'ordinal'])
    .addCheckConstraint('meetings_ends_after_start', sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex('meetings_starts').on('meetings').column('starts_at').execute();

  await db.schema
    .createTable('meeting_invitations')
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('member','observer')`))
    .addPrimaryKeyConstraint('meeting_invitations_pk', ['meeting_id', 'party_id'])
    .execute();
  await db.schema.createIndex('meeting_invitations_party').on('meeting_invitations').column('party_id').execute();

  await db.schema
    .createTable('agenda_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('parent_id', 'uuid', (c) => c.references('agenda_items.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('listed','requested','declined')`))
    .addColumn('requested_by_party_id', 'uuid', (c) => c.references('parties.id'))
    .addColumn('explanation', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agenda_items_meeting').on('agenda_items').column('meeting_id').execute();
  await sql`ALTER TABLE meetings ADD CONSTRAINT meetings_current_item FOREIGN KEY (current_item_id) REFERENCES agenda_items(id) ON DELETE SET NULL`.execute(db);

  await db.schema
    .createTable('agenda_item_documents')
    .addColumn('item_id', 'uuid', (c) => c.notNull().references('agenda_items.id').onDelete('cascade'))
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('documents.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('agenda_item_documents_pk', ['item_id', 'document_id'])
    .execute();

  await db.schema
    .createTable('meeting_registrations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('submitted','accepted','returned')`))
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('submitted_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('return_reason', 'text')
    .addColumn('credentials_file_name', 'text')
    .addColumn('credentials_media_type', 'text')
    .addColumn('credentials_size', 'integer')
    .addColumn('credentials_sha256', 'text')
    .addColumn('credentials_content', 'bytea')
    .addColumn('credentials_uploaded_at', 'timestamptz')
    .addUniqueConstraint('meeting_registrations_one_per_party', ['meeting_id', 'party_id'])
    .execute();

  await db.schema
    .createTable('meeting_delegates')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('registration_id', 'uuid', (c) => c.notNull().references('meeting_registrations.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('function', 'text', (c) => c.notNull().check(sql`function IN ('head','alternate','adviser')`))
    .addColumn('title', 'text')
    .addColumn('email', 'text')
    .execute();
  await db.schema.createIndex('meeting_delegates_registration').on('meeting_delegates').column('registration_id').execute();

  await db.schema
    .createTable('meeting_speakers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('item_id', 'uuid', (c) => c.notNull().references('agenda_items.id').onDelete('cascade'))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('regular','point-of-order','reply')`))
    .addColumn('replies_to_id', 'uuid', (c) => c.references('meeting_speakers.id'))
    .addColumn('seq', 'bigserial', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('waiting','speaking','done','withdrawn')`))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('limit_seconds', 'integer')
    .execute();
  await db.schema.createIndex('meeting_speakers_item').on('meeting_speakers').columns(['item_id', 'seq']).execute();
  // One speaker at a time in a meeting.
  await sql`CREATE UNIQUE INDEX meeting_speakers_one_speaking ON meeting_speakers (meeting_id) WHERE status = 'speaking'`.execute(db);

  await db.schema
    .createTable('meeting_statements')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('item_id', 'uuid', (c) => c.notNull().references('agenda_items.id').onDelete('cascade'))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('document_id', 'uuid', (c) => c.references('documents.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_statements_item').on('meeting_statements').column('item_id').execute();

  await db.schema
    .createTable('meeting_events')
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_events_pk', ['meeting_id', 'seq'])
    .execute();

  await db.schema
    .createTable('meeting_record_entries')
    .addColumn('item_id', 'uuid', (c) => c.primaryKey().references('agenda_items.id').onDelete('cascade'))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('meeting_record_corrections')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('item_id', 'uuid', (c) => c.notNull().references('agenda_items.id').onDelete('cascade'))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('pending','accepted','rejected')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('decision_note', 'text')
    .execute();
  await db.schema.createIndex('meeting_record_corrections_meeting').on('meeting_record_corrections').column('meeting_id').execute();

  await db.schema
    .createTable('meeting_outcomes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('document_id', 'uuid', (c) => c.references('documents.id'))
    .addColumn('decision_id', 'uuid', (c) => c.references('decisions.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('meeting_outcomes_one_ref', sql`(document_id IS NULL) <> (decision_id IS NULL)`)
    .execute();
  await sql`CREATE UNIQUE INDEX meeting_outcomes_document ON meeting_outcomes (meeting_id, document_id) WHERE document_id IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX meeting_outcomes_decision ON meeting_outcomes (meeting_id, decision_id) WHERE decision_id IS NOT NULL`.execute(db);

  // Calendar-feed tokens: a bearer link for calendar apps that cannot sign in. Read-only, the
  // calendar only, one live token per person, stored as a hash, revocable.
  await db.schema
    .createTable('calendar_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await sql`CREATE UNIQUE INDEX calendar_tokens_one_live ON calendar_tokens (user_id) WHERE revoked_at IS NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE meetings DROP CONSTRAINT meetings_current_item`.execute(db);
  for (const t of [
    'calendar_tokens',
    'meeting_outcomes',
    'meeting_record_corrections',
    'meeting_record_entries',
    'meeting_events',
    'meeting_statements',
    'meeting_speakers',
    'meeting_delegates',
    'meeting_registrations',
    'agenda_item_documents',
    'agenda_items',
    'meeting_invitations',
    'meetings',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
