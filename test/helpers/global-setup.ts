import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { templatePath } from './db.ts';

/** Builds one migrated PGlite data folder per run; every test file starts from a copy (initdb once, not per file). */
export default async function setup() {
  if (process.env.DATABASE_URL) return;
  const handle = await openDatabase({ dataDir: 'memory' });
  await migrateToLatest(handle.db);
  const dump = await handle.pglite!.dumpDataDir('gzip');
  mkdirSync(path.dirname(templatePath), { recursive: true });
  writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
}
