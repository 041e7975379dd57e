import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock } from './lock.ts';
import type { Database } from './tables.ts';

export type DB = Kysely<Database>;

// int8 and numeric come back as strings on both backends; counts are parsed where read.
export interface DatabaseHandle {
  db: DB;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for messages (never includes a password). */
  describe: string;
  pglite?: PGlite;
  close(): Promise<void>;
}

export class DatabaseUnreachableError extends Error {
  constructor(
    readonly where: string,
    cause: unknown,
  ) {
    super(`Cannot reach PostgreSQL at ${where}: ${(cause as Error)?.message ?? cause}`);
    this.name = 'DatabaseUnreachableError';
  }
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the configured DATABASE_URL';
  }
}

export interface OpenOptions {
  databaseUrl?: string;
  /** Folder for the embedded database, or 'memory' for a throwaway in-memory one. */
  dataDir?: string;
  /** A PGlite data-folder tarball to start from (tests use a migrated template). */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    const where = redactUrl(opts.databaseUrl);
    // An idle connection that the server ends (a restart, a failover, an administrator) must not take the
    // process down: without a listener, node-postgres re-throws the error as an uncaught exception. The
    // pool drops that connection and opens a new one for the next query.
    pool.on('error', (err) => {
      process.stderr.write(`concord: an idle database connection to ${where} was closed (${err.message}); it will be replaced\n`);
    });
    try {
      const client = await pool.connect();
      client.release();
    } catch (err) {
      await pool.end().catch(() => {});
      throw new DatabaseUnreachableError(where, err);
    }
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', describe: `PostgreSQL ${where}`, close: () => db.destroy() };
  }

  const memory = !opts.dataDir || opts.dataDir === 'memory';
  let lock: DataDirLock | undefined;
  let pgdata: string | undefined;
  if (!memory) {
    lock = acquireDataDirLock(opts.dataDir!);
    pgdata = path.join(path.resolve(opts.dataDir!), 'pgdata');
    mkdirSync(pgdata, { recursive: true });
  }
  try {
    const pglite = await PGlite.create({
      dataDir: pgdata,
      extensions: { pg_trgm, unaccent },
      loadDataDir: opts.loadDataDir,
    });
    const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'pglite',
      pglite,
      describe: memory ? 'embedded PGlite (in memory)' : `embedded PGlite in ${pgdata}`,
      async close() {
        try {
          await db.destroy();
          await pglite.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}
