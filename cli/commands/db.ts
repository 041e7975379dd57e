import type { Command } from 'commander';
import { migrateToLatest, resetDatabase } from '../../server/db/migrate.ts';
import { exitWith, withDatabase } from '../run.ts';

export function dbCommands(program: Command) {
  const db = program.command('db').description('Database maintenance.');
  db.command('migrate')
    .description('Apply pending migrations (they also run at every start).')
    .action(async () => {
      try {
        const applied = await withDatabase((h) => migrateToLatest(h.db), { migrate: false });
        console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
      } catch (err) {
        exitWith(err);
      }
    });
  db.command('reset')
    .description('Delete ALL data and recreate an empty database. Asks for --yes.')
    .option('--yes', 'confirm that every record, including the audit trail, is deleted')
    .action(async (opts: { yes?: boolean }) => {
      if (!opts.yes) {
        console.error('concord db reset deletes every record, including the audit trail. Run it again with --yes to confirm.');
        process.exit(2);
      }
      try {
        await withDatabase((h) => resetDatabase(h.db), { migrate: false });
        console.log('The database was reset and migrated; it is empty.');
      } catch (err) {
        exitWith(err);
      }
    });
}
