import type { Command } from 'commander';
import { startConcord } from '../../server/main.ts';
import { config, exitWith } from '../run.ts';

export function serveCommand(program: Command) {
  program
    .command('serve')
    .description('Run the web server (embedded database in CONCORD_DATA_DIR, or PostgreSQL with DATABASE_URL).')
    .action(async () => {
      try {
        const cfg = config();
        const concord = await startConcord(cfg);
        const where = concord.handle.describe;
        console.log(`Concord is running at ${concord.url} on ${where}.`);
        if (concord.handle.kind === 'pglite') {
          console.log('The embedded database is for trying Concord and small installations; use PostgreSQL (DATABASE_URL) in production.');
        }
        for (const line of concord.demo?.lines ?? []) console.log(line);
        let stopping = false;
        const stop = async (signal: string) => {
          if (stopping) return;
          stopping = true;
          console.log(`\n${signal} received: closing Concord cleanly…`);
          try {
            await concord.close();
            process.exit(0);
          } catch (err) {
            console.error(err);
            process.exit(1);
          }
        };
        process.on('SIGINT', () => void stop('SIGINT'));
        process.on('SIGTERM', () => void stop('SIGTERM'));
      } catch (err) {
        exitWith(err);
      }
    });
}
