import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { importColumns, importDocuments } from '../../server/modules/documents/documents.import.ts';
import { systemClock } from '../../server/shared/clock.ts';
import { systemActor } from '../../server/shared/context.ts';
import { exitWith, withDatabase } from '../run.ts';

export function documentsCommands(program: Command) {
  const documents = program.command('documents').description('Documents in many languages.');
  documents
    .command('import')
    .argument('<dir>', 'folder holding documents.csv and the files it names')
    .description(
      `Import a folder of PDF, DOCX and ODT files described by documents.csv (columns: ${importColumns.join(', ')}; optional: status).\n` +
        'One row per language version; rows sharing a symbol add translations to one document. access is public, members,\n' +
        'members-and-observers or restricted:KZ|CN. Each row is imported on its own: refused rows are listed with the reason.\n' +
        'Exit 1 when any row was refused.',
    )
    .action(async (dir: string) => {
      try {
        const folder = path.resolve(dir);
        const report = await withDatabase(async (h, cfg) => {
          const bar = new cliProgress.SingleBar({ format: 'Importing [{bar}] {value}/{total} rows', hideCursor: true, noTTYOutput: true, notTTYSchedule: 2000 }, cliProgress.Presets.shades_classic);
          let started = false;
          try {
            return await importDocuments(h.db, { actor: systemActor, requestId: null, clock: systemClock }, folder, {
              maxBytes: cfg.uploadMaxBytes,
              onRow: (done, total) => {
                if (!started) {
                  bar.start(total, 0);
                  started = true;
                }
                bar.update(done);
              },
            });
          } finally {
            if (started) bar.stop();
          }
        });
        console.log(`${report.imported} of ${report.rows} row(s) imported; ${report.created} document(s) created.`);
        if (report.refused.length) {
          console.error(`${report.refused.length} row(s) refused:`);
          for (const r of report.refused) console.error(`  row ${r.row}${r.symbol ? ` (${r.symbol}${r.language ? `, ${r.language}` : ''})` : r.language ? ` (${r.language})` : ''}: ${r.reason}`);
          process.exit(1);
        }
      } catch (err) {
        exitWith(err);
      }
    });
}
