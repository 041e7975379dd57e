import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { cbmRoutes } from '../modules/cbm/cbm.routes.ts';
import { decisionsRoutes } from '../modules/decisions/decisions.routes.ts';
import { documentsRoutes } from '../modules/documents/documents.routes.ts';
import { exchangeRoutes } from '../modules/exchange/exchange.routes.ts';
import { glossaryRoutes } from '../modules/glossary/glossary.routes.ts';
import { installAuth } from '../modules/identity/auth.hook.ts';
import { identityRoutes } from '../modules/identity/identity.routes.ts';
import { meetingsRoutes } from '../modules/meetings/meetings.routes.ts';
import { notificationsRoutes } from '../modules/notifications/notifications.routes.ts';
import { profileRoutes } from '../modules/profile/profile.routes.ts';
import { registryRoutes } from '../modules/registry/registry.routes.ts';
import { searchRoutes } from '../modules/search/search.routes.ts';
import { systemRoutes } from '../modules/system/system.routes.ts';
import type { AppDeps } from './deps.ts';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** The route table: every module's routes, registered in one place. */
export async function registerModules(app: App, deps: AppDeps): Promise<void> {
  // Who is calling (session cookie or API token), CSRF and route access, for every route below.
  installAuth(app, deps);
  await systemRoutes(app, deps);
  await profileRoutes(app, deps);
  await identityRoutes(app, deps);
  await registryRoutes(app, deps);
  await notificationsRoutes(app, deps);
  await documentsRoutes(app, deps);
  await decisionsRoutes(app, deps);
  await exchangeRoutes(app, deps);
  await meetingsRoutes(app, deps);
  await glossaryRoutes(app, deps);
  await searchRoutes(app, deps);
  await cbmRoutes(app, deps);
}
