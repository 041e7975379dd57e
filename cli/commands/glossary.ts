import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { exportGlossary, type ImportReport, importGlossary } from '../../server/modules/glossary/glossary.service.ts';
import { systemClock } from '../../server/shared/clock.ts';
import { type Ctx, systemActor } from '../../server/shared/context.ts';
import { AppError } from '../../server/shared/errors.ts';
import { exitWith, withDatabase } from '../run.ts';

const ctx = (): Ctx => ({ actor: systemActor, requestId: null, clock: systemClock });

function formatOf(file: string, given?: string): 'tbx' | 'csv' {
  if (given === 'tbx' || given === 'csv') return given;
  if (given) throw new Error(`Unknown format "${given}": use tbx or csv.`);
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.tbx' || ext === '.xml') return 'tbx';
  throw new Error(`Cannot tell the format of ${file} from its extension: pass --format tbx or --format csv.`);
}

function printReport(r: ImportReport) {
  console.log(`${r.entries} entr${r.entries === 1 ? 'y' : 'ies'} read from ${r.format.toUpperCase()}: ${r.created} new, ${r.updated} changed, ${r.unchanged} unchanged.`);
  for (const x of r.refused) console.error(`  line ${x.line}${x.code ? ` (${x.code})` : ''}${x.field ? ` ${x.field}` : ''}: ${x.reason}`);
}

export function glossaryCommands(program: Command) {
  const glossary = program.command('glossary').description('The glossary of key concepts (termbase).');
  glossary
    .command('import')
    .argument('<file>', 'a TBX-Basic (.tbx, .xml) or CSV (.csv) file')
    .option('--format <format>', 'tbx or csv (default: from the file extension)')
    .option('--dry-run', 'check and report only; store nothing')
    .description('Import key concepts. Every entry is checked first; if any is refused, nothing is imported (exit 1) and each refusal is listed with its line and reason.')
    .action(async (file: string, opts: { format?: string; dryRun?: boolean }) => {
      try {
        const format = formatOf(file, opts.format);
        const content = readFileSync(file, 'utf8');
        await withDatabase(async (h) => {
          try {
            const report = await importGlossary(h.db, ctx(), { format, content, dryRun: opts.dryRun === true });
            printReport(report);
            if (report.refused.length) {
              console.error(`${report.refused.length} problem(s): nothing would be imported.`);
              process.exitCode = 1;
            } else console.log(report.imported ? 'Imported.' : 'Dry run: nothing was stored.');
          } catch (err) {
            if (err instanceof AppError && err.code === 'glossary.import_refused') {
              const dry = await importGlossary(h.db, ctx(), { format, content, dryRun: true });
              printReport(dry);
              console.error(`${dry.refused.length} problem(s): nothing was imported.`);
              process.exitCode = 1;
              return;
            }
            throw err;
          }
        });
      } catch (err) {
        exitWith(err);
      }
    });
  glossary
    .command('export')
    .argument('<file>', 'where to write (.tbx or .csv)')
    .option('--format <format>', 'tbx or csv (default: from the file extension)')
    .description('Export every key concept, drafts included, as TBX-Basic or CSV.')
    .action(async (file: string, opts: { format?: string }) => {
      try {
        const format = formatOf(file, opts.format);
        await withDatabase(async (h) => {
          const out = await exportGlossary(h.db, ctx(), format);
          writeFileSync(file, out.body);
          console.log(`Wrote ${file}.`);
        });
      } catch (err) {
        exitWith(err);
      }
    });
}
