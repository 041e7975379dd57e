import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { type DatabaseHandle, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildApp, type BuildOptions } from './http/app.ts';
import { type DemoSummary, isDatabaseEmpty, loadDemo } from './modules/demo/demo.service.ts';
import { jobHandlers, jobSchedules } from './modules/jobs/handlers.ts';
import { startJobWorker } from './modules/jobs/jobs.service.ts';
import { type Clock, systemClock } from './shared/clock.ts';

export interface Concord {
  app: FastifyInstance;
  handle: DatabaseHandle;
  url: string;
  demo: DemoSummary | null;
  close(): Promise<void>;
}

export interface StartOptions extends BuildOptions {
  clock?: Clock;
  /** Open this database handle instead of the configured one (tests). */
  handle?: DatabaseHandle;
  /** Do not listen on a port (inject-only tests). */
  listen?: boolean;
}

/** Composition root: config -> database (locked, migrated) -> demo -> http -> jobs. */
export async function startConcord(config: Config, opts: StartOptions = {}): Promise<Concord> {
  const clock = opts.clock ?? systemClock;
  const handle = opts.handle ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  let worker: ReturnType<typeof startJobWorker> | undefined;
  let app: FastifyInstance | undefined;
  try {
    await migrateToLatest(handle.db);

    // Demo data: on the embedded database when it is empty (unless CONCORD_DEMO=0);
    // on PostgreSQL only when asked with CONCORD_DEMO=1.
    let demo: DemoSummary | null = null;
    const wantDemo = handle.kind === 'pglite' ? config.demo !== false : config.demo === true;
    if (wantDemo && (await isDatabaseEmpty(handle.db))) demo = await loadDemo(handle.db, clock);

    worker = startJobWorker(handle.db, clock, jobHandlers({ config }), {
      schedules: jobSchedules({ config }),
      onError: (err) => app?.log.error({ err }, 'job worker pass failed'),
    });
    const w = worker;
    app = await buildApp({ config, db: handle.db, dbKind: handle.kind, clock, kickJobs: () => void w.kick() }, opts);
    let url = config.baseUrl;
    if (opts.listen !== false) {
      const address = await app.listen({ port: config.port, host: config.host });
      if (config.port === 0 && config.baseUrl.endsWith(':0')) {
        // An ephemeral port (tests, benchmarks): links in e-mails must point at the port actually bound.
        config.baseUrl = address;
      }
      url = config.port === 0 ? address : config.baseUrl;
    } else {
      await app.ready();
    }
    const a = app;
    let closing: Promise<void> | undefined;
    return {
      app: a,
      handle,
      url,
      demo,
      close() {
        closing ??= (async () => {
          await a.close();
          await w.stop();
          await handle.close();
        })();
        return closing;
      },
    };
  } catch (err) {
    await app?.close().catch(() => {});
    await worker?.stop().catch(() => {});
    if (!opts.handle) await handle.close().catch(() => {});
    throw err;
  }
}
