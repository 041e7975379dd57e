import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { profileRoutes } from '../modules/profile/profile.routes.ts';
import { systemRoutes } from '../modules/system/system.routes.ts';
import type { AppDeps } from './deps.ts';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** The route table: every module's routes, registered in one place. */
export async function registerModules(app: App, deps: AppDeps): Promise<void> {
  await systemRoutes(app, deps);
  await profileRoutes(app, deps);
}
