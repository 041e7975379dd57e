import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { anonymousActor } from '../shared/context.ts';
import { appVersion } from '../shared/version.ts';
import { apiDocsCss, renderApiDocs } from './api-docs.ts';
import type { AppDeps } from './deps.ts';
import { errorHandler, sendProblem } from './problem.ts';
import { registerModules } from './routes.ts';

export const webDist = path.resolve(fileURLToPath(new URL('../../web/dist', import.meta.url)));

export interface RouteEntry {
  method: string;
  url: string;
  access?: 'public' | 'signed-in';
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route as registered (method, URL pattern, access), in order. */
    routeTable: RouteEntry[];
  }
}

export interface BuildOptions {
  /** Logger: false in tests, pino options otherwise. */
  logger?: boolean | Record<string, unknown>;
  /** Serve the built web app (default: when web/dist exists). */
  serveWeb?: boolean;
}

export async function buildApp(deps: AppDeps, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      opts.logger === undefined
        ? {
            level: deps.config.logLevel,
            redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.totp'], censor: '[redacted]' },
          }
        : opts.logger,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: false,
    bodyLimit: 1_048_576,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.decorateRequest('actor', null as never);

  // Every /api route must say who may reach it; deny by default means no silent gaps.
  // The route table is kept for the authorization-matrix test (every route needs an entry).
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} declares no access rule (config.access)`);
    }
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url, access: route.config?.access });
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: deps.config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });

  app.addHook('onRequest', async (req, reply) => {
    req.actor = anonymousActor;
    reply.header('x-request-id', req.id);
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Concord',
        version: appVersion,
        description: 'The API of Concord, the platform for the work of an intergovernmental forum.',
      },
      servers: [],
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: '__Host-concord_session',
            description: 'Set by POST /api/auth/login. Named `concord_session` (without the prefix and Secure) when Concord is served over plain http.',
          },
          bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token (`concord_pat_…`) from POST /api/me/tokens.' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  await registerModules(app, deps);

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  app.get('/api/docs', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(renderApiDocs(app.swagger())),
  );
  app.get('/api/docs.css', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').send(apiDocsCss),
  );

  const serveWeb = opts.serveWeb ?? existsSync(path.join(webDist, 'index.html'));
  if (serveWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: true,
      index: ['index.html'],
      setHeaders(reply, filePath) {
        reply.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler(async (req, reply) => {
    // Client routes of the web app fall back to its index; everything else is a problem+json 404.
    const wantsHtml = (req.headers.accept ?? '').includes('text/html');
    if (serveWeb && (req.method === 'GET' || req.method === 'HEAD') && !req.url.startsWith('/api') && wantsHtml) {
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html');
    }
    return sendProblem(reply, 404, 'not_found', `No route for ${req.method} ${req.url.split('?')[0]}.`);
  });

  return app;
}
