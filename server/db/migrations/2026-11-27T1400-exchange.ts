import { type Kysely, sql } from 'kysely';

/**
 * Information exchange between states: form templates (JSON Schema, versioned, immutable), submissions
 * (drafts, then submitted and immutable; corrections are new versions), who may see and who receives
 * each submission, acknowledgements of receipt, derestrictions, and reminders sent (so a reminder job
 * that runs twice sends nothing twice).
 *
 * The database itself refuses to change a submitted submission's content, to narrow its visibility,
 * to delete it, to change its audience, and to change or delete an acknowledgement or a form version.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('exchange_forms')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().check(sql`code ~ '^[a-z][a-z0-9-]{1,62}$'`))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    // json, not jsonb: the order of a schema's properties is the order of the form's fields.
    .addColumn('title', 'json', (c) => c.notNull())
    .addColumn('description', 'json', (c) => c.notNull())
    .addColumn('schema', 'json', (c) => c.notNull())
    .addColumn('labels', 'json', (c) => c.notNull())
    .addColumn('due_rule', 'jsonb', (c) => c.notNull())
    // allowsNothingToDeclare, allowsNothingNew, checks, summaryField, ackReminderHours, cbmArea
    .addColumn('options', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'uuid')
    .addUniqueConstraint('exchange_forms_code_version', ['code', 'version'])
    .execute();

  await db.schema
    .createTable('exchange_submissions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('form_id', 'uuid', (c) => c.notNull().references('exchange_forms.id'))
    .addColumn('form_code', 'text', (c) => c.notNull())
    // Annual forms: one chain of versions per party, form and year (enforced below).
    .addColumn('periodic', 'boolean', (c) => c.notNull())
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('year', 'integer', (c) => c.notNull().check(sql`year BETWEEN 1990 AND 2200`))
    .addColumn('activity_start', 'text', (c) => c.check(sql`activity_start IS NULL OR activity_start ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`))
    .addColumn('content_kind', 'text', (c) => c.notNull().check(sql`content_kind IN ('data','nothing-to-declare','nothing-new')`))
    .addColumn('nothing_new_since', 'integer')
    .addColumn('data', 'jsonb')
    .addColumn('title', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility IN ('parties','members','public')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('draft','submitted')`))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('root_id', 'uuid', (c) => c.notNull().references('exchange_submissions.id'))
    // A version is corrected at most once: the chain of versions stays a line.
    .addColumn('previous_id', 'uuid', (c) => c.unique().references('exchange_submissions.id'))
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('submitted_by', 'uuid')
    .addCheckConstraint('exchange_submissions_content', sql`
      (content_kind = 'data' AND nothing_new_since IS NULL)
      OR (content_kind = 'nothing-to-declare' AND data IS NULL AND nothing_new_since IS NULL)
      OR (content_kind = 'nothing-new' AND data IS NULL AND nothing_new_since IS NOT NULL AND nothing_new_since < year)`)
    .addCheckConstraint('exchange_submissions_submitted', sql`(status = 'draft') = (submitted_at IS NULL)`)
    .addCheckConstraint('exchange_submissions_versions', sql`(version = 1) = (previous_id IS NULL) AND (version > 1 OR root_id = id)`)
    .execute();
  await sql`CREATE UNIQUE INDEX exchange_submissions_one_per_year ON exchange_submissions (party_id, form_code, year)
            WHERE periodic AND version = 1`.execute(db);
  await db.schema.createIndex('exchange_submissions_party').on('exchange_submissions').columns(['party_id', 'form_code', 'year']).execute();
  await db.schema.createIndex('exchange_submissions_root').on('exchange_submissions').column('root_id').execute();
  await db.schema.createIndex('exchange_submissions_form').on('exchange_submissions').columns(['form_code', 'year']).execute();

  // Parties a submission is shown to by name ('parties' visibility) and those it is delivered to.
  await db.schema
    .createTable('exchange_submission_parties')
    .addColumn('submission_id', 'uuid', (c) => c.notNull().references('exchange_submissions.id'))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('is_recipient', 'boolean', (c) => c.notNull())
    .addPrimaryKeyConstraint('exchange_submission_parties_pkey', ['submission_id', 'party_id'])
    .execute();
  await db.schema.createIndex('exchange_submission_parties_party').on('exchange_submission_parties').columns(['party_id', 'submission_id']).execute();

  await db.schema
    .createTable('exchange_acknowledgements')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('submission_id', 'uuid', (c) => c.notNull().references('exchange_submissions.id'))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('acknowledged_by', 'uuid', (c) => c.notNull())
    .addColumn('acknowledged_at', 'timestamptz', (c) => c.notNull())
    .addColumn('note', 'text')
    .addUniqueConstraint('exchange_acknowledgements_one_per_party', ['submission_id', 'party_id'])
    .execute();

  await db.schema
    .createTable('exchange_derestrictions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('submission_id', 'uuid', (c) => c.notNull().references('exchange_submissions.id'))
    .addColumn('from_visibility', 'text', (c) => c.notNull())
    .addColumn('to_visibility', 'text', (c) => c.notNull().check(sql`to_visibility IN ('members','public')`))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('by_user', 'uuid')
    .addColumn('by_party', 'uuid')
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('exchange_derestrictions_submission').on('exchange_derestrictions').column('submission_id').execute();

  // One row per reminder sent; the key says what it was for (so a re-run sends nothing twice).
  await db.schema
    .createTable('exchange_reminders')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('acknowledgement','deadline')`))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('submission_id', 'uuid', (c) => c.references('exchange_submissions.id'))
    .addColumn('form_code', 'text')
    .addColumn('year', 'integer')
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exchange_reminders_submission').on('exchange_reminders').column('submission_id').execute();

  // Immutability, in the database whatever the application does.
  await sql`
    CREATE FUNCTION exchange_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '%: % refused (%)', TG_TABLE_NAME, TG_OP, TG_ARGV[0] USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`CREATE TRIGGER exchange_forms_immutable BEFORE UPDATE OR DELETE ON exchange_forms
            FOR EACH ROW EXECUTE FUNCTION exchange_refuse_change('form versions are immutable')`.execute(db);
  await sql`CREATE TRIGGER exchange_acknowledgements_immutable BEFORE UPDATE OR DELETE ON exchange_acknowledgements
            FOR EACH ROW EXECUTE FUNCTION exchange_refuse_change('acknowledgements are on record')`.execute(db);
  await sql`CREATE TRIGGER exchange_derestrictions_immutable BEFORE UPDATE OR DELETE ON exchange_derestrictions
            FOR EACH ROW EXECUTE FUNCTION exchange_refuse_change('derestrictions are on record')`.execute(db);

  await sql`
    CREATE FUNCTION exchange_submissions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      rank_old integer;
      rank_new integer;
    BEGIN
      IF TG_OP = 'DELETE' THEN
        IF OLD.status = 'submitted' THEN
          RAISE EXCEPTION 'exchange_submissions: a submitted submission cannot be deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN OLD;
      END IF;
      IF OLD.status = 'submitted' THEN
        IF (NEW.id, NEW.form_id, NEW.form_code, NEW.periodic, NEW.party_id, NEW.year, NEW.activity_start, NEW.content_kind,
            NEW.nothing_new_since, NEW.data, NEW.title, NEW.status, NEW.version, NEW.root_id, NEW.previous_id,
            NEW.created_by, NEW.created_at, NEW.submitted_at, NEW.submitted_by)
           IS DISTINCT FROM
           (OLD.id, OLD.form_id, OLD.form_code, OLD.periodic, OLD.party_id, OLD.year, OLD.activity_start, OLD.content_kind,
            OLD.nothing_new_since, OLD.data, OLD.title, OLD.status, OLD.version, OLD.root_id, OLD.previous_id,
            OLD.created_by, OLD.created_at, OLD.submitted_at, OLD.submitted_by) THEN
          RAISE EXCEPTION 'exchange_submissions: a submitted submission is immutable; file a correction' USING ERRCODE = 'insufficient_privilege';
        END IF;
        rank_old := array_position(ARRAY['parties','members','public'], OLD.visibility);
        rank_new := array_position(ARRAY['parties','members','public'], NEW.visibility);
        IF rank_new < rank_old THEN
          RAISE EXCEPTION 'exchange_submissions: visibility can only be widened once submitted' USING ERRCODE = 'insufficient_privilege';
        END IF;
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER exchange_submissions_guard BEFORE UPDATE OR DELETE ON exchange_submissions
            FOR EACH ROW EXECUTE FUNCTION exchange_submissions_guard()`.execute(db);

  await sql`
    CREATE FUNCTION exchange_audience_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      sid uuid;
    BEGIN
      sid := CASE WHEN TG_OP = 'DELETE' THEN OLD.submission_id ELSE NEW.submission_id END;
      IF EXISTS (SELECT 1 FROM exchange_submissions WHERE id = sid AND status = 'submitted') THEN
        RAISE EXCEPTION 'exchange_submission_parties: the audience of a submitted submission is fixed' USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF TG_OP = 'UPDATE' AND OLD.submission_id <> NEW.submission_id
         AND EXISTS (SELECT 1 FROM exchange_submissions WHERE id = OLD.submission_id AND status = 'submitted') THEN
        RAISE EXCEPTION 'exchange_submission_parties: the audience of a submitted submission is fixed' USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END $$`.execute(db);
  await sql`CREATE TRIGGER exchange_audience_guard BEFORE INSERT OR UPDATE OR DELETE ON exchange_submission_parties
            FOR EACH ROW EXECUTE FUNCTION exchange_audience_guard()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['exchange_reminders', 'exchange_derestrictions', 'exchange_acknowledgements', 'exchange_submission_parties', 'exchange_submissions', 'exchange_forms']) {
    await db.schema.dropTable(t).execute();
  }
  await sql`DROP FUNCTION exchange_audience_guard()`.execute(db);
  await sql`DROP FUNCTION exchange_submissions_guard()`.execute(db);
  await sql`DROP FUNCTION exchange_refuse_change()`.execute(db);
}
