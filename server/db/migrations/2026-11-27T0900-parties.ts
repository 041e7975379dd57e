import { type Kysely, sql } from 'kysely';

/** Parties: who acts in the forum (states, organisations, the Secretariat) and their status over time. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('parties')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique().check(sql`code ~ '^[A-Z][A-Z0-9-]{1,15}$'`))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind IN ('member-state','observer-state','observer-organization','partner-organization','secretariat')`),
    )
    .addColumn('names', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('short_names', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('contact', 'jsonb')
    .addColumn('flag', 'text')
    .addColumn('notes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('party_status_periods')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('member','observer','partner')`))
    .addColumn('from_date', 'text')
    .addColumn('known_by', 'text')
    .addColumn('to_date', 'text')
    .addColumn('uncertain', 'text')
    .addColumn('decision_ref', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('party_status_periods_party').on('party_status_periods').column('party_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('party_status_periods').execute();
  await db.schema.dropTable('parties').execute();
}
