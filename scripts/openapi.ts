/**
 * Writes (--write) or checks (--check) the committed openapi.json against the routes' schemas.
 * CI runs --check: the API description may never drift from the code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { buildApp } from '../server/http/app.ts';
import { systemClock } from '../server/shared/clock.ts';

const mode = process.argv.includes('--write') ? 'write' : 'check';
const handle = await openDatabase({ dataDir: 'memory' });
const app = await buildApp(
  { config: loadConfig({ CONCORD_LOG_LEVEL: 'silent' }), db: handle.db, dbKind: handle.kind, clock: systemClock, kickJobs: () => {} },
  { logger: false, serveWeb: false },
);
await app.ready();
const doc = `${JSON.stringify(app.swagger(), null, 2)}\n`;
await app.close();
await handle.close();

if (mode === 'write') {
  writeFileSync('openapi.json', doc);
  console.log('openapi.json written.');
} else {
  let committed = '';
  try {
    committed = readFileSync('openapi.json', 'utf8');
  } catch {
    /* missing */
  }
  if (committed !== doc) {
    console.error('openapi.json is out of date with the route schemas. Run `npm run openapi` and commit the result.');
    process.exit(1);
  }
  console.log('openapi.json matches the code.');
}
