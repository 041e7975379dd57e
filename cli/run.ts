import { ConfigError, formatConfigError, loadConfig, type Config } from '../server/config.ts';
import { DatabaseUnreachableError, type DatabaseHandle, openDatabase } from '../server/db/database.ts';
import { DataDirLockedError } from '../server/db/lock.ts';
import { MigrationError, migrateToLatest } from '../server/db/migrate.ts';

/** Exit codes: 1 failure, 2 bad configuration or usage, 3 data folder held by another process. */
export function exitWith(err: unknown): never {
  if (err instanceof ConfigError) {
    console.error(formatConfigError(err));
    process.exit(2);
  }
  if (err instanceof DataDirLockedError) {
    console.error(
      `Concord cannot open the embedded database: the data folder ${err.dataDir} is in use by another Concord process (pid ${err.pid}).\n` +
        'Only one process may use an embedded database at a time. Stop that process first (Ctrl+C in its terminal, or kill ' +
        `${err.pid}), set CONCORD_DATA_DIR to another folder, or run against PostgreSQL with DATABASE_URL.`,
    );
    process.exit(3);
  }
  if (err instanceof DatabaseUnreachableError) {
    console.error(`Concord cannot start: ${err.message}\nCheck DATABASE_URL and that the server is running and accepts connections.`);
    process.exit(1);
  }
  if (err instanceof MigrationError) {
    console.error(`Concord cannot start: ${err.message}`);
    process.exit(1);
  }
  console.error(`concord: ${(err as Error)?.message ?? err}`);
  if (process.env.CONCORD_DEBUG) console.error(err);
  process.exit(1);
}

export function config(): Config {
  return loadConfig(process.env);
}

/** Opens the configured database, migrates it, runs `fn`, and closes it again. */
export async function withDatabase<T>(fn: (handle: DatabaseHandle, cfg: Config) => Promise<T>, opts: { migrate?: boolean } = {}): Promise<T> {
  const cfg = config();
  const handle = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
  try {
    if (opts.migrate !== false) await migrateToLatest(handle.db);
    return await fn(handle, cfg);
  } finally {
    await handle.close();
  }
}
