import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { issueYearOverview, overviewHtml } from '../../server/modules/cbm/cbm.report.ts';
import { systemClock } from '../../server/shared/clock.ts';
import { systemActor } from '../../server/shared/context.ts';
import { exitWith, withDatabase } from '../run.ts';

export function cbmCommands(program: Command) {
  const cbm = program.command('cbm').description('Confidence-building measures.');
  cbm
    .command('report')
    .requiredOption('--year <year>', 'the year the overview covers')
    .option('--out <file>', 'also write the overview with its charts (inline SVG) to this HTML file')
    .description('Write the yearly implementation overview as a document (type report, SOC, members) with its text in numbered paragraphs.')
    .action(async (opts: { year: string; out?: string }) => {
      try {
        const year = Number(opts.year);
        if (!/^\d{4}$/.test(opts.year) || year < 1990 || year > 2100) {
          console.error(`--year must be a year such as 2025 (got "${opts.year}").`);
          process.exit(2);
        }
        await withDatabase(async (h) => {
          const { overview, symbol } = await issueYearOverview(h.db, { actor: systemActor, requestId: null, clock: systemClock }, year);
          console.log(`Created document ${symbol} (report): CBM implementation overview ${year}, ${overview.paragraphs.length} numbered paragraphs.`);
          if (opts.out) {
            const file = path.resolve(opts.out);
            writeFileSync(file, overviewHtml(overview, symbol));
            console.log(`Wrote the overview with ${overview.charts.length} charts to ${file}.`);
          }
        });
      } catch (err) {
        exitWith(err);
      }
    });
}
