import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { DB } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import { type Actor, anonymousActor, type Ctx } from '../shared/context.ts';

/** What route plugins receive from the composition root. No globals. */
export interface AppDeps {
  config: Config;
  db: DB;
  dbKind: 'pglite' | 'postgres';
  clock: Clock;
  /** Ask the job worker to run a pass now (after a commit that enqueued work). */
  kickJobs(): void;
}

/**
 * Every /api route declares who may reach it; a route without `access` fails at boot.
 * - `public`: anyone, signed in or not (the service may still filter what it returns);
 * - `signed-in`: any active signed-in user; the service checks the object-level policy.
 */
export type RouteAccess = 'public' | 'signed-in';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor;
  }
}

export function ctxOf(req: FastifyRequest, deps: AppDeps): Ctx {
  return { actor: req.actor ?? anonymousActor, requestId: String(req.id), clock: deps.clock, baseUrl: deps.config.baseUrl };
}
