import { type Kysely, sql } from 'kysely';

/**
 * Confidence-building measures (server/modules/cbm): the catalogue (versions, dimensions, priority
 * areas, measures and which versions carry them), coordination terms and offers to coordinate, action
 * plans with their approval steps and activities, annual plans (with changes after approval) and their
 * events (participants, documents, reports), participation declarations, yearly implementation reports
 * and the SOC's dimension reviews. Days are 'YYYY-MM-DD' text, like the rest of Concord.
 */
const isDay = (col: string) => sql.raw(`${col} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cbm_catalogue_versions')
    .addColumn('code', 'text', (c) => c.primaryKey().check(sql`code ~ '^[0-9]{4}$'`))
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('adopted_on', 'text', (c) => c.check(isDay('adopted_on')))
    .addColumn('adopted_by', 'jsonb')
    .execute();

  await db.schema
    .createTable('cbm_dimensions')
    .addColumn('code', 'text', (c) => c.primaryKey().check(sql`code ~ '^[A-Z]{1,8}$'`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('names', 'jsonb', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();

  await db.schema
    .createTable('cbm_areas')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique().check(sql`code ~ '^[A-Z]{1,8}\\.[0-9]{1,3}$'`))
    .addColumn('dimension_code', 'text', (c) => c.notNull().references('cbm_dimensions.code'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('names', 'jsonb', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();

  await db.schema
    .createTable('cbm_measures')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('area_id', 'uuid', (c) => c.notNull().references('cbm_areas.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('text', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cbm_measures_area').on('cbm_measures').column('area_id').execute();

  await db.schema
    .createTable('cbm_measure_versions')
    .addColumn('measure_id', 'uuid', (c) => c.notNull().references('cbm_measures.id').onDelete('cascade'))
    .addColumn('version_code', 'text', (c) => c.notNull().references('cbm_catalogue_versions.code'))
    .addPrimaryKeyConstraint('cbm_measure_versions_pk', ['measure_id', 'version_code'])
    .execute();

  await db.schema
    .createTable('cbm_terms')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('area_id', 'uuid', (c) => c.notNull().references('cbm_areas.id'))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('coordinator','co-coordinator')`))
    .addColumn('from_date', 'text', (c) => c.check(isDay('from_date')))
    .addColumn('to_date', 'text', (c) => c.check(isDay('to_date')))
    .addColumn('decision_id', 'uuid', (c) => c.references('decisions.id'))
    .addColumn('decision_ref', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('cbm_terms_order', sql`from_date IS NULL OR to_date IS NULL OR to_date >= from_date`)
    .execute();
  await db.schema.createIndex('cbm_terms_area').on('cbm_terms').column('area_id').execute();
  await db.schema.createIndex('cbm_terms_party').on('cbm_terms').column('party_id').execute();

  await db.schema
    .createTable('cbm_offers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('area_id', 'uuid', (c) => c.notNull().references('cbm_areas.id'))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('coordinator','co-coordinator')`))
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state IN ('offered','forwarded','accepted','declined')`))
    .addColumn('note', 'text')
    .addColumn('offered_at', 'timestamptz', (c) => c.notNull())
    .addColumn('offered_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('forwarded_at', 'timestamptz')
    .addColumn('forwarded_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('decision_id', 'uuid', (c) => c.references('decisions.id'))
    .addColumn('decision_ref', 'text')
    .addColumn('term_id', 'uuid', (c) => c.references('cbm_terms.id'))
    .execute();

  await db.schema
    .createTable('cbm_action_plans')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('area_id', 'uuid', (c) => c.notNull().references('cbm_areas.id'))
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('concept_paper_id', 'uuid', (c) => c.references('documents.id'))
    .addColumn('period_from', 'text', (c) => c.check(isDay('period_from')))
    .addColumn('period_to', 'text', (c) => c.check(isDay('period_to')))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status IN ('draft','experts-meeting','swg','soc-approved')`))
    .addColumn('approved_at', 'timestamptz')
    .addColumn('decision_id', 'uuid', (c) => c.references('decisions.id'))
    .addColumn('decision_ref', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cbm_action_plans_area').on('cbm_action_plans').column('area_id').execute();

  await db.schema
    .createTable('cbm_plan_steps')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('cbm_action_plans.id').onDelete('cascade'))
    .addColumn('step', 'text', (c) => c.notNull().check(sql`step IN ('experts-meeting','swg','soc-approved')`))
    .addColumn('on_date', 'text', (c) => c.notNull().check(isDay('on_date')))
    .addColumn('meeting_id', 'uuid', (c) => c.references('meetings.id'))
    .addColumn('decision_id', 'uuid', (c) => c.references('decisions.id'))
    .addColumn('decision_ref', 'text')
    .addColumn('note', 'text')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_by', 'uuid', (c) => c.references('users.id'))
    .addUniqueConstraint('cbm_plan_steps_once', ['plan_id', 'step'])
    .execute();

  await db.schema
    .createTable('cbm_activities')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('cbm_action_plans.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('lead_party_id', 'uuid', (c) => c.references('parties.id'))
    .addColumn('planned_from', 'text', (c) => c.check(isDay('planned_from')))
    .addColumn('planned_to', 'text', (c) => c.check(isDay('planned_to')))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('planned','in-progress','completed','postponed','cancelled')`))
    .addColumn('percent_done', 'integer', (c) => c.notNull().defaultTo(0).check(sql`percent_done BETWEEN 0 AND 100`))
    .addColumn('milestones', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('results', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cbm_activities_plan').on('cbm_activities').column('plan_id').execute();

  await db.schema
    .createTable('cbm_activity_parties')
    .addColumn('activity_id', 'uuid', (c) => c.notNull().references('cbm_activities.id').onDelete('cascade'))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addPrimaryKeyConstraint('cbm_activity_parties_pk', ['activity_id', 'party_id'])
    .execute();

  await db.schema
    .createTable('cbm_annual_plans')
    .addColumn('year', 'integer', (c) => c.primaryKey().check(sql`year BETWEEN 1990 AND 2100`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status IN ('draft','approved')`))
    .addColumn('note', 'text')
    .addColumn('approved_at', 'timestamptz')
    .addColumn('approved_on', 'text', (c) => c.check(isDay('approved_on')))
    .addColumn('approved_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('decision_id', 'uuid', (c) => c.references('decisions.id'))
    .addColumn('decision_ref', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('cbm_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('year', 'integer', (c) => c.notNull().references('cbm_annual_plans.year'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('workshop','seminar','training','forum','exercise')`))
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('area_id', 'uuid', (c) => c.notNull().references('cbm_areas.id'))
    .addColumn('host_party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('starts_on', 'text', (c) => c.notNull().check(isDay('starts_on')))
    .addColumn('ends_on', 'text', (c) => c.notNull().check(isDay('ends_on')))
    .addColumn('place', 'text')
    .addColumn('online_url', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned').check(sql`status IN ('planned','held','cancelled','postponed')`))
    .addColumn('access', 'text', (c) => c.notNull().check(sql`access IN ('public','members')`))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('label', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('cbm_events_order', sql`ends_on >= starts_on`)
    .addCheckConstraint('cbm_events_where', sql`place IS NOT NULL OR online_url IS NOT NULL`)
    .execute();
  await db.schema.createIndex('cbm_events_year').on('cbm_events').column('year').execute();
  await db.schema.createIndex('cbm_events_area').on('cbm_events').column('area_id').execute();

  await db.schema
    .createTable('cbm_annual_plan_changes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Order of the record: changes made in the same instant keep the order they were made in.
    .addColumn('seq', 'bigserial', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull().references('cbm_annual_plans.year'))
    .addColumn('event_id', 'uuid', (c) => c.references('cbm_events.id').onDelete('set null'))
    .addColumn('change', 'text', (c) => c.notNull().check(sql`change IN ('added','changed','removed')`))
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('note', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('by_user_id', 'uuid', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('cbm_annual_plan_changes_year').on('cbm_annual_plan_changes').column('year').execute();

  await db.schema
    .createTable('cbm_event_participants')
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('cbm_events.id').onDelete('cascade'))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addPrimaryKeyConstraint('cbm_event_participants_pk', ['event_id', 'party_id'])
    .execute();

  await db.schema
    .createTable('cbm_event_documents')
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('cbm_events.id').onDelete('cascade'))
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('documents.id'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('cbm_event_documents_pk', ['event_id', 'document_id'])
    .execute();

  await db.schema
    .createTable('cbm_event_reports')
    .addColumn('event_id', 'uuid', (c) => c.primaryKey().references('cbm_events.id').onDelete('cascade'))
    .addColumn('results', 'jsonb', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('submitted_by', 'uuid', (c) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('cbm_event_report_counts')
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('cbm_event_reports.event_id').onDelete('cascade'))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('count', 'integer', (c) => c.notNull().check(sql`count >= 0`))
    .addPrimaryKeyConstraint('cbm_event_report_counts_pk', ['event_id', 'party_id'])
    .execute();

  await db.schema
    .createTable('cbm_participation')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('measure_id', 'uuid', (c) => c.notNull().references('cbm_measures.id'))
    .addColumn('since', 'text', (c) => c.notNull().check(isDay('since')))
    .addColumn('withdrawn', 'text', (c) => c.check(isDay('withdrawn')))
    .addColumn('declared_at', 'timestamptz', (c) => c.notNull())
    .addColumn('declared_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('cbm_participation_once', ['party_id', 'measure_id'])
    .addCheckConstraint('cbm_participation_order', sql`withdrawn IS NULL OR withdrawn >= since`)
    .execute();

  await db.schema
    .createTable('cbm_reports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('area_id', 'uuid', (c) => c.notNull().references('cbm_areas.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('text', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status IN ('draft','submitted','compiled')`))
    .addColumn('drafted_by_party_id', 'uuid', (c) => c.references('parties.id'))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('submitted_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('compiled_at', 'timestamptz')
    .addColumn('compiled_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('cbm_reports_area_year', ['area_id', 'year'])
    .execute();

  await db.schema
    .createTable('cbm_reviews')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('dimension_code', 'text', (c) => c.notNull().references('cbm_dimensions.code'))
    .addColumn('record', 'jsonb', (c) => c.notNull())
    .addColumn('decision_id', 'uuid', (c) => c.references('decisions.id'))
    .addColumn('decision_ref', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('cbm_reviews_year_dimension', ['year', 'dimension_code'])
    .execute();

  // Search: areas, measures and events join the one index; events carry their own guard (access level).
  await sql`ALTER TABLE search_items DROP CONSTRAINT IF EXISTS search_items_item_type_check`.execute(db);
  await sql`ALTER TABLE search_items ADD CONSTRAINT search_items_item_type_check
    CHECK (item_type IN ('document','meeting','decision','glossary','party','body','cbm','cbm-area','cbm-measure','cbm-event'))`.execute(db);
  await sql`ALTER TABLE search_items DROP CONSTRAINT IF EXISTS search_items_guard_check`.execute(db);
  await sql`ALTER TABLE search_items ADD CONSTRAINT search_items_guard_check
    CHECK (guard IN ('public','secretariat','document','meeting','decision','submission','cbm-event'))`.execute(db);
  const watch = async (table: string, type: string, column: string) => {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_search`)} AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION search_enqueue(${sql.lit(type)}, ${sql.lit(column)})`.execute(db);
  };
  await watch('cbm_areas', 'cbm-area', 'id');
  await watch('cbm_measures', 'cbm-measure', 'id');
  await watch('cbm_events', 'cbm-event', 'id');
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['cbm_areas', 'cbm_measures', 'cbm_events']) {
    await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${t}_search`)} ON ${sql.table(t)}`.execute(db);
  }
  await sql`DELETE FROM search_items WHERE item_type IN ('cbm-area','cbm-measure','cbm-event')`.execute(db);
  await sql`ALTER TABLE search_items DROP CONSTRAINT IF EXISTS search_items_item_type_check`.execute(db);
  await sql`ALTER TABLE search_items ADD CONSTRAINT search_items_item_type_check
    CHECK (item_type IN ('document','meeting','decision','glossary','party','body','cbm'))`.execute(db);
  await sql`ALTER TABLE search_items DROP CONSTRAINT IF EXISTS search_items_guard_check`.execute(db);
  await sql`ALTER TABLE search_items ADD CONSTRAINT search_items_guard_check
    CHECK (guard IN ('public','secretariat','document','meeting','decision','submission'))`.execute(db);
  for (const t of [
    'cbm_reviews',
    'cbm_reports',
    'cbm_participation',
    'cbm_event_report_counts',
    'cbm_event_reports',
    'cbm_event_documents',
    'cbm_event_participants',
    'cbm_annual_plan_changes',
    'cbm_events',
    'cbm_annual_plans',
    'cbm_activity_parties',
    'cbm_activities',
    'cbm_plan_steps',
    'cbm_action_plans',
    'cbm_offers',
    'cbm_terms',
    'cbm_measure_versions',
    'cbm_measures',
    'cbm_areas',
    'cbm_dimensions',
    'cbm_catalogue_versions',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
