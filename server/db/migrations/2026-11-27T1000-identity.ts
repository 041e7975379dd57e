import { type Kysely, sql } from 'kysely';

/**
 * Identity: people, their sessions, sign-in attempts (throttling), one-time tokens (invitation,
 * password reset), personal API tokens, TOTP recovery codes and the forum's security settings.
 * Secrets are stored only as hashes (sessions, tokens, recovery codes) or Argon2id (passwords).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Stored lower-cased; the check keeps every writer honest, the unique index makes it case-insensitive.
    .addColumn('email', 'text', (c) => c.notNull().check(sql`email = lower(email) AND length(email) BETWEEN 3 AND 254`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('party_id', 'uuid', (c) => c.notNull().references('parties.id'))
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role IN ('head-of-delegation','focal-point','delegate','viewer','admin','officer')`),
    )
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status IN ('active','suspended')`))
    // NULL while invited and the password is not yet set.
    .addColumn('password_hash', 'text')
    .addColumn('password_changed_at', 'timestamptz')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    // The last TOTP time step accepted: a code is never accepted twice.
    .addColumn('totp_last_step', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE UNIQUE INDEX users_email_unique ON users (lower(email))`.execute(db);
  await db.schema.createIndex('users_party').on('users').column('party_id').execute();

  await db.schema
    .createTable('user_recovery_codes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_recovery_codes_user').on('user_recovery_codes').column('user_id').execute();

  await db.schema
    .createTable('sessions')
    // SHA-256 (hex) of the random 256-bit token in the cookie; the token itself is never stored.
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id ~ '^[0-9a-f]{64}$'`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('idle_timeout_seconds', 'integer', (c) => c.notNull())
    .addColumn('mfa', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('user_agent', 'text')
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('login','password-reset')`))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    // The e-mail as typed (lower-cased), known user or not: throttling must not reveal which exist.
    .addColumn('email', 'text')
    .addColumn('ip', 'text')
    .addColumn('success', 'boolean', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempts_email').on('login_attempts').columns(['kind', 'email', 'at']).execute();
  await db.schema.createIndex('login_attempts_ip').on('login_attempts').columns(['kind', 'ip', 'at']).execute();

  await db.schema
    .createTable('one_time_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id ~ '^[0-9a-f]{64}$'`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('invitation','password-reset')`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('one_time_tokens_user').on('one_time_tokens').columns(['user_id', 'kind']).execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique().check(sql`token_hash ~ '^[0-9a-f]{64}$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('scopes', sql`text[]`, (c) => c.notNull().check(sql`scopes <@ ARRAY['read','write']::text[] AND cardinality(scopes) > 0`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();

  // The forum's security settings (one row). Kept out of forum_profile, whose schema is the forum's public face.
  await db.schema
    .createTable('identity_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('require_mfa_roles', sql`text[]`, (c) =>
      c
        .notNull()
        .defaultTo(sql`'{}'::text[]`)
        .check(sql`require_mfa_roles <@ ARRAY['head-of-delegation','focal-point','delegate','viewer','admin','officer']::text[]`),
    )
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`INSERT INTO identity_settings (id) VALUES (1)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['identity_settings', 'api_tokens', 'one_time_tokens', 'login_attempts', 'sessions', 'user_recovery_codes', 'users']) {
    await db.schema.dropTable(t).execute();
  }
}
