import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createFormBody } from '../../server/modules/exchange/exchange.schemas.ts';
import { addFormVersion, ensureFormTemplates, listForms } from '../../server/modules/exchange/exchange.service.ts';
import { cicaExchangeTemplates } from '../../server/modules/exchange/exchange.templates.ts';
import { type FormTemplate, templateProblems } from '../../server/modules/exchange/form-schema.ts';
import { systemClock } from '../../server/shared/clock.ts';
import { type Ctx, systemActor } from '../../server/shared/context.ts';
import { AppError } from '../../server/shared/errors.ts';
import { exitWith, withDatabase } from '../run.ts';

const ctx = (): Ctx => ({ actor: systemActor, requestId: null, clock: systemClock });

/** Reads a template file (the body of POST /api/exchange/forms) and checks it; exits 1 naming each problem. */
function readTemplate(file: string): Omit<FormTemplate, 'version'> {
  const parsed = createFormBody.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`  ${issue.path.join('.') || '(file)'}: ${issue.message}`);
    console.error(`${file}: not a valid form template.`);
    process.exit(1);
  }
  const b = parsed.data;
  const template = { ...b, cbmArea: b.cbmArea ?? null, summaryField: b.summaryField ?? null } as Omit<FormTemplate, 'version'>;
  const problems = templateProblems({ ...template, version: 1 });
  if (problems.length) {
    for (const p of problems) console.error(`  ${p.field}: ${p.message}`);
    console.error(`${file}: ${problems.length} problem(s); nothing stored.`);
    process.exit(1);
  }
  return template;
}

export function exchangeCommands(program: Command) {
  const exchange = program.command('exchange').description('Information exchange between states: forms (templates as data).');
  exchange
    .command('forms')
    .description('List the forms: code, latest version, due rule.')
    .action(async () => {
      try {
        await withDatabase(async (h) => {
          const { items } = await listForms(h.db, { all: false });
          if (items.length === 0) console.log('No forms yet. `concord exchange load-cica-forms` loads the four CICA forms.');
          for (const f of items) console.log(`${f.code.padEnd(24)} v${f.version}  ${JSON.stringify(f.dueRule)}  ${f.title.en}`);
        });
      } catch (err) {
        exitWith(err);
      }
    });
  exchange
    .command('add-form')
    .argument('<file>', 'a JSON file shaped like the body of POST /api/exchange/forms')
    .option('--check', 'check the template only; store nothing')
    .description('Add a form, or the next version of an existing one (same code). The schema is checked as JSON Schema 2020-12 first.')
    .action(async (file: string, opts: { check?: boolean }) => {
      try {
        const template = readTemplate(file);
        if (opts.check) {
          console.log(`${file}: a valid template for form "${template.code}".`);
          return;
        }
        await withDatabase(async (h) => {
          const row = await h.db.transaction().execute((trx) => addFormVersion(trx, ctx(), template));
          console.log(`Added form "${row.code}" version ${row.version} (${row.id}).`);
        });
      } catch (err) {
        if (err instanceof AppError && err.extra.fields) {
          for (const f of err.extra.fields) console.error(`  ${f.field}: ${f.message}`);
          console.error(err.message);
          process.exit(1);
        }
        exitWith(err);
      }
    });
  exchange
    .command('load-cica-forms')
    .description('Load the four CICA forms (annual information on forces and budget, prior notice of an exercise, points of contact, national report) where missing.')
    .action(async () => {
      try {
        await withDatabase(async (h) => {
          const added = await h.db.transaction().execute((trx) => ensureFormTemplates(trx, ctx(), cicaExchangeTemplates));
          console.log(`${added} form(s) added; ${cicaExchangeTemplates.length - added} already there.`);
        });
      } catch (err) {
        exitWith(err);
      }
    });
}
