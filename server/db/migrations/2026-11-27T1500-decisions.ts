import { type Kysely, sql } from 'kysely';

/**
 * Decisions by consensus (server/modules/decisions): the decision record, member states'
 * positions (append-only, one current per state, enforced here), observers' comments, and the
 * idempotency keys of retried POSTs. The state of a decision is not stored: it is derived from
 * the record, the positions and the clock (docs/decisions/0010-decision-state-from-the-clock.md).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('decisions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('body_code', 'text', (c) => c.notNull().references('bodies.code'))
    // The draft text (an `L.` document) all language versions of which are circulated.
    .addColumn('text_document_id', 'uuid', (c) => c.references('documents.id'))
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('proposer_kind', 'text', (c) => c.notNull().check(sql`proposer_kind IN ('chair','secretariat','member-state')`))
    .addColumn('proposer_party_id', 'uuid', (c) => c.references('parties.id'))
    .addColumn('procedure', 'text', (c) => c.notNull().check(sql`procedure IN ('in-session','silence')`))
    // Meetings come in a later module: an id without a foreign key for now.
    .addColumn('meeting_id', 'uuid')
    // The forum's consensus definition when the decision was made: a later profile change does not rewrite it.
    .addColumn('definition', 'text', (c) => c.notNull().check(sql`definition IN ('no-objection','unanimity')`))
    // Who may see the outcome once final: the level of the adopted document.
    .addColumn('outcome_access', 'text', (c) => c.notNull().check(sql`outcome_access IN ('public','members','members-and-observers')`))
    .addColumn('created_by_user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    // Launch: circulation under silence, or presentation in session.
    .addColumn('launched_at', 'timestamptz')
    .addColumn('launched_by_user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('launched_on_behalf_of_chair', 'boolean', (c) => c.notNull().defaultTo(false))
    // Member states when launched: the states whose silence (or joining) counts.
    .addColumn('member_party_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    // Silence: the current expiry as an instant, and as it was entered (local date, time, zone).
    .addColumn('expires_at', 'timestamptz')
    .addColumn('expiry_zone', 'text')
    .addColumn('expiry_local_date', 'text', (c) => c.check(sql`expiry_local_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`))
    .addColumn('expiry_local_time', 'text', (c) => c.check(sql`expiry_local_time ~ '^[0-2][0-9]:[0-5][0-9]$'`))
    // Every extension: [{at, byUserId, onBehalfOfChair, from:{instant,date,time,zone}, to:{…}, reason}]
    .addColumn('extensions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('withdrawn_by_user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('withdrawal_reason', 'text')
    // In session: the Chair's recorded finding.
    .addColumn('finding_at', 'timestamptz')
    .addColumn('finding_outcome', 'text', (c) => c.check(sql`finding_outcome IN ('no-objection','objection')`))
    .addColumn('finding_objector_party_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('finding_by_user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('finding_on_behalf_of_chair', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('finding_note', 'text')
    // When the outcome (already true by the clock) was written down and announced, and the issued document.
    .addColumn('concluded_at', 'timestamptz')
    .addColumn('outcome_document_id', 'uuid', (c) => c.references('documents.id'))
    .addCheckConstraint('decisions_member_proposer', sql`(proposer_kind = 'member-state') = (proposer_party_id IS NOT NULL) OR proposer_kind = 'chair'`)
    .addCheckConstraint(
      'decisions_silence_expiry',
      sql`procedure <> 'silence' OR launched_at IS NULL OR (expires_at IS NOT NULL AND expiry_zone IS NOT NULL AND expiry_local_date IS NOT NULL AND expiry_local_time IS NOT NULL AND expires_at > launched_at)`,
    )
    .addCheckConstraint('decisions_finding_whole', sql`(finding_at IS NULL) = (finding_outcome IS NULL)`)
    .execute();
  await sql`CREATE INDEX decisions_created ON decisions (created_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX decisions_open_expiry ON decisions (expires_at) WHERE withdrawn_at IS NULL AND launched_at IS NOT NULL`.execute(db);
  await db.schema.createIndex('decisions_body').on('decisions').column('body_code').execute();
  await db.schema.createIndex('decisions_text_document').on('decisions').column('text_document_id').execute();

  await db.schema
    .createTable('decision_positions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('decision_id', 'uuid', (c) => c.notNull().references('decisions.id'))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind IN ('joins','no-objection','objection','amendment','reservation','interpretative-statement','withdrawn-objection')`),
    )
    .addColumn('text', 'text')
    .addColumn('recorded_by_user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    // Confirmed with a second factor when recorded.
    .addColumn('mfa', 'boolean', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('is_current', 'boolean', (c) => c.notNull().defaultTo(true))
    // The position that replaced this one (foreign key below, deferred).
    .addColumn('superseded_by', 'uuid')
    .addCheckConstraint(
      'decision_positions_text_needed',
      sql`kind NOT IN ('objection','amendment','reservation','interpretative-statement') OR length(btrim(coalesce(text, ''))) > 0`,
    )
    .addCheckConstraint('decision_positions_current_or_superseded', sql`is_current = (superseded_by IS NULL)`)
    .execute();
  // Deferred, so a change can point the old position at its successor before inserting it.
  await sql`ALTER TABLE decision_positions ADD CONSTRAINT decision_positions_superseded_by_fkey
            FOREIGN KEY (superseded_by) REFERENCES decision_positions (id) DEFERRABLE INITIALLY DEFERRED`.execute(db);
  // At most one current position per member state per decision: enforced here, not by the application.
  await sql`CREATE UNIQUE INDEX decision_positions_one_current ON decision_positions (decision_id, party_id) WHERE is_current`.execute(db);
  await sql`CREATE INDEX decision_positions_history ON decision_positions (decision_id, party_id, recorded_at)`.execute(db);

  // Append-only: a position is never edited or deleted; the only change is being superseded, once.
  await sql`
    CREATE FUNCTION decision_positions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'decision_positions is append-only: DELETE refused' USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF NEW.id IS DISTINCT FROM OLD.id OR NEW.decision_id IS DISTINCT FROM OLD.decision_id OR NEW.party_id IS DISTINCT FROM OLD.party_id
         OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.text IS DISTINCT FROM OLD.text OR NEW.recorded_by_user_id IS DISTINCT FROM OLD.recorded_by_user_id
         OR NEW.recorded_at IS DISTINCT FROM OLD.recorded_at OR NEW.mfa IS DISTINCT FROM OLD.mfa OR NEW.request_id IS DISTINCT FROM OLD.request_id
         OR NOT OLD.is_current OR NEW.is_current THEN
        RAISE EXCEPTION 'decision_positions is append-only: only superseding a current position is allowed' USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER decision_positions_append_only BEFORE UPDATE OR DELETE ON decision_positions
            FOR EACH ROW EXECUTE FUNCTION decision_positions_guard()`.execute(db);

  await db.schema
    .createTable('decision_comments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('decision_id', 'uuid', (c) => c.notNull().references('decisions.id'))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull().check(sql`length(btrim(text)) > 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('decision_comments_decision').on('decision_comments').columns(['decision_id', 'created_at']).execute();

  // Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): one row per user and key.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull().check(sql`length(key) BETWEEN 1 AND 255`))
    // What the key was used for (method and route), and a hash of the request (path and body).
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('in-flight','done')`))
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('completed_at', 'timestamptz')
    .addUniqueConstraint('idempotency_keys_user_key', ['user_id', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
  await db.schema.dropTable('decision_comments').execute();
  await db.schema.dropTable('decision_positions').execute();
  await sql`DROP FUNCTION decision_positions_guard()`.execute(db);
  await db.schema.dropTable('decisions').execute();
}
