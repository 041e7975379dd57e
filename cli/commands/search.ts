import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { reindexAll } from '../../server/modules/search/search.service.ts';
import { exitWith, withDatabase } from '../run.ts';

export function searchCommands(program: Command) {
  const search = program.command('search').description('The search index.');
  search
    .command('reindex')
    .description('Rebuild the search index from every module (documents, meetings, decisions, glossary, parties, bodies, CBM submissions).')
    .action(async () => {
      try {
        await withDatabase(async (h) => {
          const bar = new cliProgress.SingleBar(
            { format: 'Indexing {bar} {percentage}% | {value}/{total} items | {type}', hideCursor: true, noTTYOutput: !process.stdout.isTTY, notTTYSchedule: 2000 },
            cliProgress.Presets.shades_classic,
          );
          let started = false;
          const t0 = performance.now();
          const result = await reindexAll(h.db, (p) => {
            if (!started) {
              bar.start(p.total, 0, { type: p.type });
              started = true;
            }
            bar.update(p.done, { type: p.type });
          });
          if (started) bar.stop();
          const seconds = (performance.now() - t0) / 1000;
          console.log(`Indexed ${result.items} item(s) into ${result.rows} row(s) in ${seconds.toFixed(1)} s; removed ${result.removed} stale item(s).`);
        });
      } catch (err) {
        exitWith(err);
      }
    });
}
