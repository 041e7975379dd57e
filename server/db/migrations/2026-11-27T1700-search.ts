import { type Kysely, sql } from 'kysely';

/**
 * Search and the glossary of key concepts (server/modules/search, server/modules/glossary).
 *
 * - glossary_concepts / glossary_languages / glossary_terms: the termbase (TBX-Basic shaped).
 * - search_items: one row per item, language and part, with a tsvector the application builds from
 *   pre-segmented text (segmentation runs in JavaScript, so the column is written, not generated),
 *   the access guard the search filter applies, and the facets.
 * - search_outbox: filled by triggers on the tables other modules own, in the same transaction as
 *   their write, so an item cannot be lost between a change and its indexing; drained before every
 *   search, by the job worker and by `concord search reindex`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('glossary_concepts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique().check(sql`code ~ '^[a-z][a-z0-9-]{0,79}$'`))
    .addColumn('subject', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('draft','approved','deprecated')`))
    .addColumn('source_title', 'text')
    .addColumn('source_date', 'text', (c) => c.check(sql`source_date ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'`))
    .addColumn('source_url', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'uuid')
    .addColumn('updated_by', 'uuid')
    .execute();

  await db.schema
    .createTable('glossary_languages')
    .addColumn('concept_id', 'uuid', (c) => c.notNull().references('glossary_concepts.id').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('definition', 'text')
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('glossary_languages_pkey', ['concept_id', 'lang'])
    .execute();

  await db.schema
    .createTable('glossary_terms')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('concept_id', 'uuid', (c) => c.notNull().references('glossary_concepts.id').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('preferred','synonym','abbreviation')`))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('match_key', 'text', (c) => c.notNull())
    .addUniqueConstraint('glossary_terms_concept_lang_term', ['concept_id', 'lang', 'term'])
    .execute();
  await db.schema.createIndex('glossary_terms_match_key').on('glossary_terms').column('match_key').execute();
  await sql`CREATE UNIQUE INDEX glossary_terms_one_preferred ON glossary_terms (concept_id, lang) WHERE kind = 'preferred'`.execute(db);

  await db.schema
    .createTable('search_items')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('item_type', 'text', (c) =>
      c.notNull().check(sql`item_type IN ('document','meeting','decision','glossary','party','body','cbm')`),
    )
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('part', 'integer', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('cfg', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('title_norm', 'text', (c) => c.notNull())
    .addColumn('tsv', sql`tsvector`, (c) => c.notNull())
    .addColumn('guard', 'text', (c) => c.notNull().check(sql`guard IN ('public','secretariat','document','meeting','decision','submission')`))
    .addColumn('guard_id', 'uuid')
    .addColumn('body_code', 'text')
    .addColumn('year', 'integer')
    .addColumn('ref', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('indexed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('search_items_key', ['item_type', 'item_id', 'lang', 'part'])
    .execute();
  await sql`CREATE INDEX search_items_tsv ON search_items USING gin (tsv)`.execute(db);
  await sql`CREATE INDEX search_items_names_trgm ON search_items USING gin (title_norm gin_trgm_ops) WHERE item_type IN ('party','body')`.execute(db);
  await sql`CREATE INDEX search_items_names ON search_items (item_type) WHERE item_type IN ('party','body')`.execute(db);
  await db.schema.createIndex('search_items_guard').on('search_items').column('guard_id').execute();

  await db.schema
    .createTable('search_outbox')
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('queued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('search_outbox_pkey', ['item_type', 'item_id'])
    .execute();

  // One trigger function for "this row belongs to item X": TG_ARGV = (item type, column holding the id).
  await sql`
    CREATE FUNCTION search_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      item text;
    BEGIN
      IF TG_OP = 'DELETE' THEN item := to_jsonb(OLD) ->> TG_ARGV[1]; ELSE item := to_jsonb(NEW) ->> TG_ARGV[1]; END IF;
      IF item IS NOT NULL THEN
        INSERT INTO search_outbox (item_type, item_id) VALUES (TG_ARGV[0], item) ON CONFLICT DO NOTHING;
      END IF;
      IF TG_OP = 'UPDATE' AND (to_jsonb(OLD) ->> TG_ARGV[1]) IS DISTINCT FROM item AND (to_jsonb(OLD) ->> TG_ARGV[1]) IS NOT NULL THEN
        INSERT INTO search_outbox (item_type, item_id) VALUES (TG_ARGV[0], to_jsonb(OLD) ->> TG_ARGV[1]) ON CONFLICT DO NOTHING;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  // A new text revision belongs to the document of its language version.
  await sql`
    CREATE FUNCTION search_enqueue_revision() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO search_outbox (item_type, item_id)
        SELECT 'document', dl.document_id::text FROM document_languages dl WHERE dl.id = NEW.language_id
        ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$`.execute(db);

  const watch = async (table: string, type: string, column: string) => {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_search`)} AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION search_enqueue(${sql.lit(type)}, ${sql.lit(column)})`.execute(db);
  };
  await watch('documents', 'document', 'id');
  await watch('document_languages', 'document', 'document_id');
  await sql`CREATE TRIGGER document_text_revisions_search AFTER INSERT ON document_text_revisions
    FOR EACH ROW EXECUTE FUNCTION search_enqueue_revision()`.execute(db);
  await watch('parties', 'party', 'id');
  await watch('bodies', 'body', 'id');
  await watch('meetings', 'meeting', 'id');
  await watch('agenda_items', 'meeting', 'meeting_id');
  await watch('decisions', 'decision', 'id');
  await watch('exchange_submissions', 'cbm', 'id');
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['documents', 'document_languages', 'parties', 'bodies', 'meetings', 'agenda_items', 'decisions', 'exchange_submissions']) {
    await sql`DROP TRIGGER IF EXISTS ${sql.raw(`${t}_search`)} ON ${sql.table(t)}`.execute(db);
  }
  await sql`DROP TRIGGER IF EXISTS document_text_revisions_search ON document_text_revisions`.execute(db);
  await sql`DROP FUNCTION IF EXISTS search_enqueue_revision()`.execute(db);
  await sql`DROP FUNCTION IF EXISTS search_enqueue()`.execute(db);
  await db.schema.dropTable('search_outbox').execute();
  await db.schema.dropTable('search_items').execute();
  await db.schema.dropTable('glossary_terms').execute();
  await db.schema.dropTable('glossary_languages').execute();
  await db.schema.dropTable('glossary_concepts').execute();
}
