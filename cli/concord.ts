import { Command, CommanderError } from 'commander';
import { auditCommands } from './commands/audit.ts';
import { cbmCommands } from './commands/cbm.ts';
import { dbCommands } from './commands/db.ts';
import { demoCommand } from './commands/demo.ts';
import { documentsCommands } from './commands/documents.ts';
import { exchangeCommands } from './commands/exchange.ts';
import { glossaryCommands } from './commands/glossary.ts';
import { searchCommands } from './commands/search.ts';
import { serveCommand } from './commands/serve.ts';
import { userCommands } from './commands/user.ts';
import { exitWith } from './run.ts';

const program = new Command()
  .name('concord')
  .description('Concord: run the work of an intergovernmental forum.\nConfiguration comes from the environment: PORT, HOST, CONCORD_DATA_DIR, DATABASE_URL, CONCORD_BASE_URL, CONCORD_DEMO, SMTP_*.')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

serveCommand(program);
dbCommands(program);
demoCommand(program);
auditCommands(program);
documentsCommands(program);
exchangeCommands(program);
glossaryCommands(program);
searchCommands(program);
cbmCommands(program);
userCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  exitWith(err);
}
