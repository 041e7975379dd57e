import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../../server/db/database.ts';

export const templatePath = path.resolve('.tmp/pglite-template.tar.gz');

/**
 * A fresh database for one test file: an in-memory PGlite started from a migrated template,
 * or, when DATABASE_URL is set, a new PostgreSQL database created for the file and dropped after.
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `concord_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: u.toString(), poolSize: 10 });
    const close = handle.close;
    return {
      ...handle,
      async close() {
        await close();
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const loadDataDir = existsSync(templatePath) ? new Blob([readFileSync(templatePath)]) : undefined;
  return openDatabase({ dataDir: 'memory', loadDataDir });
}
