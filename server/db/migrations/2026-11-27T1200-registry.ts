import { type Kysely, sql } from 'kysely';

/**
 * The forum registry: more about parties (ISO alpha-3, agreements, order of status periods), the bodies
 * and who sits in them, chairmanship terms and bids, and the heads of the Secretariat.
 *
 * Dates of facts are text holding a partial date ('YYYY', 'YYYY-MM' or 'YYYY-MM-DD'): the sources are
 * often only as precise as a year, and server/modules/registry/membership.ts defines how such a date
 * bounds a period. The CHECKs below keep the shape; the services check order and overlap.
 */
const PARTIAL_DATE = `'^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$'`;
const partial = (column: string) => sql.raw(`${column} IS NULL OR ${column} ~ ${PARTIAL_DATE}`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('parties')
    .addColumn('iso_alpha3', 'text', (c) => c.check(sql`iso_alpha3 IS NULL OR iso_alpha3 ~ '^[A-Z]{3}$'`))
    .addColumn('agreements', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();

  await db.schema
    .alterTable('party_status_periods')
    .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  for (const column of ['from_date', 'known_by', 'to_date']) {
    await sql`ALTER TABLE party_status_periods ADD CONSTRAINT ${sql.raw(`party_status_periods_${column}_partial`)} CHECK (${partial(column)})`.execute(db);
  }

  await db.schema
    .createTable('bodies')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique().check(sql`code ~ '^[A-Z][A-Z0-9-]{1,15}$'`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('decision-making','subsidiary','experts','secretariat','advisory')`))
    .addColumn('names', 'jsonb', (c) => c.notNull())
    // [{ names: {lang: text}, until: 'YYYY-MM-DD' }]: earlier names, each valid up to (not including) `until`.
    .addColumn('historic_names', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('reports_to_id', 'uuid', (c) => c.references('bodies.id'))
    .addColumn('frequency', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('meetings_per_year', 'integer', (c) => c.check(sql`meetings_per_year IS NULL OR meetings_per_year BETWEEN 0 AND 365`))
    .addColumn('every_years', 'integer', (c) => c.check(sql`every_years IS NULL OR every_years BETWEEN 1 AND 50`))
    .addColumn('membership', 'text', (c) => c.notNull().check(sql`membership IN ('all-members','coordinator-and-participants','appointed')`))
    .addColumn('established', 'text', (c) => c.check(partial('established')))
    .addColumn('dissolved', 'text', (c) => c.check(partial('dissolved')))
    .addColumn('uncertain', 'text')
    .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('bodies_not_own_parent', sql`reports_to_id IS NULL OR reports_to_id <> id`)
    .execute();

  // Who sits in a body beyond "all members": an experts meeting's coordinator(s) and the states taking part.
  await db.schema
    .createTable('body_participants')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('body_id', 'uuid', (c) => c.notNull().references('bodies.id'))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('coordinator','co-coordinator','participant')`))
    // What the participation covers, e.g. a CBM area ('NCT.1') or a whole dimension ('MP'); null: the body.
    .addColumn('scope', 'text')
    .addColumn('from_date', 'text', (c) => c.check(partial('from_date')))
    .addColumn('to_date', 'text', (c) => c.check(partial('to_date')))
    .addColumn('uncertain', 'text')
    .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('body_participants_body').on('body_participants').column('body_id').execute();
  await db.schema.createIndex('body_participants_party').on('body_participants').column('party_id').execute();

  await db.schema
    .createTable('chair_terms')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('start_date', 'text', (c) => c.notNull().check(partial('start_date')))
    .addColumn('end_date', 'text', (c) => c.check(partial('end_date')))
    .addColumn('how_decided', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.check(partial('decided_on')))
    .addColumn('uncertain', 'text')
    .addColumn('decision_ref', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('chair_terms_party').on('chair_terms').column('party_id').execute();

  // A state's written bid to chair the forum for a term; the SOC recommends (silence procedure) later.
  await db.schema
    .createTable('chair_bids')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('term_start', 'text', (c) => c.notNull().check(partial('term_start')))
    .addColumn('term_end', 'text', (c) => c.check(partial('term_end')))
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('letter', 'text')
    .addColumn('document_ref', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('submitted').check(sql`status IN ('submitted','withdrawn','recommended','not-recommended','accepted','rejected')`),
    )
    .addColumn('decision_ref', 'text')
    .addColumn('recorded_by_user_id', 'uuid')
    .addColumn('recorded_by_party_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('chair_bids_has_letter', sql`letter IS NOT NULL OR document_ref IS NOT NULL`)
    .execute();
  await db.schema.createIndex('chair_bids_party').on('chair_bids').column('party_id').execute();

  await db.schema
    .createTable('secretariat_heads')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text')
    .addColumn('nationality', 'text', (c) => c.check(sql`nationality IS NULL OR nationality ~ '^[A-Z]{2}$'`))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('head','deputy')`))
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.check(partial('start_date')))
    .addColumn('end_date', 'text', (c) => c.check(partial('end_date')))
    .addColumn('uncertain', 'text')
    .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('secretariat_heads').execute();
  await db.schema.dropTable('chair_bids').execute();
  await db.schema.dropTable('chair_terms').execute();
  await db.schema.dropTable('body_participants').execute();
  await db.schema.dropTable('bodies').execute();
  for (const column of ['from_date', 'known_by', 'to_date']) {
    await sql`ALTER TABLE party_status_periods DROP CONSTRAINT ${sql.raw(`party_status_periods_${column}_partial`)}`.execute(db);
  }
  await db.schema.alterTable('party_status_periods').dropColumn('seq').dropColumn('updated_at').execute();
  await db.schema.alterTable('parties').dropColumn('iso_alpha3').dropColumn('agreements').execute();
}
