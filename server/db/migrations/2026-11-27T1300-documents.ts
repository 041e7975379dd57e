import { type Kysely, sql } from 'kysely';

/**
 * Documents in many languages: the document (one symbol for all its language versions), its
 * numbering counters, access (addressed parties, history), language versions, text revisions as
 * numbered paragraphs, and uploaded files (bytea: see docs/decisions/0007-document-files-in-the-database.md).
 * Bodies are referred to by their upper-case code (`SOC`, a foreign key to bodies.code); meetings by id
 * without a foreign key (that module comes later).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const levels = sql`('public','members','members-and-observers','restricted')`;

  await db.schema
    .createTable('document_counters')
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('body_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('series', 'text', (c) => c.notNull().check(sql`series IN ('general','limited','restricted')`))
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_counters_pkey', ['prefix', 'body_code', 'year', 'series'])
    .execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('symbol', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('body_code', 'text', (c) => c.notNull().references('bodies.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('series', 'text', (c) => c.notNull().check(sql`series IN ('general','limited','restricted')`))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('rev_no', 'integer')
    .addColumn('add_no', 'integer')
    .addColumn('corr_no', 'integer')
    .addColumn('base_id', 'uuid', (c) => c.references('documents.id'))
    .addColumn('parent_id', 'uuid', (c) => c.references('documents.id'))
    .addColumn('relation', 'text', (c) => c.check(sql`relation IN ('revision','addendum','corrigendum')`))
    .addColumn('type', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`type IN ('declaration','statement','decision','action-plan','concept-paper','report','note','notification','agenda','minutes','information-paper','letter','other')`,
        ),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('original_language', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'uuid')
    .addColumn('agenda_item', 'text')
    .addColumn('submitting_party_id', 'uuid', (c) => c.references('parties.id'))
    .addColumn('document_date', 'text', (c) => c.notNull().check(sql`document_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('draft','circulated','adopted','issued','superseded','withdrawn')`))
    .addColumn('access_level', 'text', (c) => c.notNull().check(sql`access_level IN ${levels}`))
    .addColumn('derestrict_at', 'timestamptz')
    .addColumn('derestrict_to', 'text', (c) => c.check(sql`derestrict_to IN ${levels}`))
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('documents_derestriction_pair', sql`(derestrict_at IS NULL) = (derestrict_to IS NULL)`)
    .execute();
  await db.schema.createIndex('documents_body_year').on('documents').columns(['body_code', 'year', 'number']).execute();
  await db.schema.createIndex('documents_date').on('documents').columns(['document_date', 'id']).execute();
  await db.schema.createIndex('documents_status').on('documents').column('status').execute();
  await db.schema.createIndex('documents_meeting').on('documents').column('meeting_id').execute();
  await db.schema.createIndex('documents_base').on('documents').column('base_id').execute();
  await sql`CREATE INDEX documents_title_trgm ON documents USING gin (lower(title) gin_trgm_ops)`.execute(db);

  await db.schema
    .createTable('document_access_parties')
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addPrimaryKeyConstraint('document_access_parties_pkey', ['document_id', 'party_id'])
    .execute();
  await db.schema.createIndex('document_access_parties_party').on('document_access_parties').columns(['party_id', 'document_id']).execute();

  await db.schema
    .createTable('document_access_history')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('seq', 'bigserial', (c) => c.notNull())
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_user_id', 'uuid')
    .addColumn('change', 'text', (c) => c.notNull().check(sql`change IN ('set','derestricted','derestriction-scheduled','derestriction-cancelled')`))
    .addColumn('from_level', 'text', (c) => c.check(sql`from_level IN ${levels}`))
    .addColumn('to_level', 'text', (c) => c.notNull().check(sql`to_level IN ${levels}`))
    .addColumn('party_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('effective_at', 'timestamptz')
    .addColumn('decision_ref', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('document_access_history_doc').on('document_access_history').columns(['document_id', 'at']).execute();

  await db.schema
    .createTable('document_languages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$'`))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('original','translation')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('awaited','in-translation','ready')`))
    .addColumn('authoritative', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('translator', 'text')
    .addColumn('title', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('document_languages_doc_lang', ['document_id', 'language'])
    .execute();
  await sql`CREATE UNIQUE INDEX document_languages_one_original ON document_languages (document_id) WHERE role = 'original'`.execute(db);
  await sql`CREATE INDEX document_languages_pending ON document_languages (language, status) WHERE status <> 'ready'`.execute(db);
  await sql`CREATE INDEX document_languages_title_trgm ON document_languages USING gin (lower(title) gin_trgm_ops)`.execute(db);

  await db.schema
    .createTable('document_text_revisions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('language_id', 'uuid', (c) => c.notNull().references('document_languages.id').onDelete('cascade'))
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'uuid')
    .addColumn('note', 'text')
    .addColumn('paragraph_count', 'integer', (c) => c.notNull())
    .addUniqueConstraint('document_text_revisions_n', ['language_id', 'n'])
    .execute();

  await db.schema
    .createTable('document_paragraphs')
    .addColumn('revision_id', 'uuid', (c) => c.notNull().references('document_text_revisions.id').onDelete('cascade'))
    .addColumn('n', 'integer', (c) => c.notNull().check(sql`n >= 1`))
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('plain', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_paragraphs_pkey', ['revision_id', 'n'])
    .execute();

  await db.schema
    .createTable('document_files')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('language_id', 'uuid', (c) => c.notNull().references('document_languages.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`media_type IN ('application/pdf','application/vnd.openxmlformats-officedocument.wordprocessingml.document','application/vnd.oasis.opendocument.text')`,
        ),
    )
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'uuid')
    .execute();
  await db.schema.createIndex('document_files_language').on('document_files').columns(['language_id', 'created_at']).execute();
  await db.schema.createIndex('document_files_document').on('document_files').column('document_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'document_files',
    'document_paragraphs',
    'document_text_revisions',
    'document_languages',
    'document_access_history',
    'document_access_parties',
    'documents',
    'document_counters',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
