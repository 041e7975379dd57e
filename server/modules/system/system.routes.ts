import { sql } from 'kysely';
import { z } from 'zod';
import { pendingMigrations } from '../../db/migrate.ts';
import type { AppDeps } from '../../http/deps.ts';
import { problemSchema, sendProblem } from '../../http/problem.ts';
import type { App } from '../../http/routes.ts';
import { appVersion } from '../../shared/version.ts';

const health = z.object({ status: z.literal('ok'), version: z.string() }).meta({ id: 'Health' });
const ready = z.object({ status: z.literal('ready'), database: z.enum(['pglite', 'postgres']), version: z.string() }).meta({ id: 'Ready' });

export async function systemRoutes(app: App, deps: AppDeps) {
  // Migrations run only at start, so once none is pending that stays true for this process.
  let migrated = false;
  app.get(
    '/api/health',
    { config: { access: 'public' }, schema: { tags: ['system'], summary: 'Liveness: the process answers.', response: { 200: health } } },
    async () => ({ status: 'ok' as const, version: appVersion }),
  );

  app.get(
    '/api/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Readiness: the database is reachable and fully migrated.',
        response: { 200: ready, 503: problemSchema },
      },
    },
    async (req, reply) => {
      try {
        await sql`SELECT 1`.execute(deps.db);
        if (!migrated) {
          const pending = await pendingMigrations(deps.db);
          if (pending.length > 0) return sendProblem(reply, 503, 'not_migrated', `${pending.length} migration(s) pending.`);
          migrated = true;
        }
      } catch (err) {
        req.log.warn({ err }, 'readiness check failed');
        return sendProblem(reply, 503, 'database_unavailable', 'The database is not reachable.');
      }
      return { status: 'ready' as const, database: deps.dbKind, version: appVersion };
    },
  );
}
