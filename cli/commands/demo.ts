import type { Command } from 'commander';
import { isDatabaseEmpty, loadDemo } from '../../server/modules/demo/demo.service.ts';
import { systemClock } from '../../server/shared/clock.ts';
import { exitWith, withDatabase } from '../run.ts';

export function demoCommand(program: Command) {
  program
    .command('demo')
    .description('Load the CICA demo profile into an empty database and print how to sign in.')
    .action(async () => {
      try {
        await withDatabase(async (h) => {
          if (!(await isDatabaseEmpty(h.db))) {
            console.error('The database already holds data; the demo loads only into an empty one. Run `concord db reset --yes` first to start over.');
            process.exit(2);
          }
          const summary = await loadDemo(h.db, systemClock);
          for (const line of summary.lines) console.log(line);
        });
      } catch (err) {
        exitWith(err);
      }
    });
}
