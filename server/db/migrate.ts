import { Migrator, sql } from 'kysely';
import type { DB } from './database.ts';
import { migrations } from './migrations/index.ts';

export class MigrationError extends Error {
  constructor(
    readonly migration: string | undefined,
    cause: unknown,
  ) {
    super(`Migration ${migration ?? '(unknown)'} failed: ${(cause as Error)?.message ?? cause}. Nothing of it was applied.`);
    this.name = 'MigrationError';
  }
}

function migrator(db: DB): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
}

/**
 * Applies pending migrations. Kysely runs them in one transaction under an advisory lock on
 * PostgreSQL, so concurrent starters wait and a failure leaves nothing half-applied.
 */
export async function migrateToLatest(db: DB): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new MigrationError(failed?.migrationName, error);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function pendingMigrations(db: DB): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}

/** Drops every table, function and type we own, then migrates again. */
export async function resetDatabase(db: DB): Promise<void> {
  await sql`DROP SCHEMA public CASCADE`.execute(db);
  await sql`CREATE SCHEMA public`.execute(db);
  await migrateToLatest(db);
}
