import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Ctx } from '../shared/context.ts';
import { type AppDeps, ctxOf, type RouteAccess } from './deps.ts';
import { problemSchema } from './problem.ts';
import type { App } from './routes.ts';

/** Errors a read may answer: bad query or path, or an object the caller may not see (404). */
export const readErrors = { 400: problemSchema, 404: problemSchema } as const;
/** Errors a write may answer: bad input, not signed in, not allowed, not found, conflict, rule broken. */
export const writeErrors = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
} as const;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Schema = z.ZodType | undefined;
type Out<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

/** One route: who may call it, what it takes and returns, and the one service call it makes. */
export interface RouteSpec<P extends Schema, Q extends Schema, B extends Schema, R extends z.ZodType> {
  access: RouteAccess;
  summary: string;
  description?: string;
  params?: P;
  querystring?: Q;
  body?: B;
  /** The success status (200 unless given) and its schema; a 204 answers with no body. */
  status?: 200 | 201 | 202 | 204;
  reply: R;
  /** The error answers documented for the route: `readErrors`, `writeErrors` or a map of its own. */
  errors: Record<number, z.ZodType>;
  /** Fastify route options passed through (body limits). */
  bodyLimit?: number;
  /** Reachable before a person who must use two-factor has set it up (enrolment, who-am-I, sign-out). */
  duringMfaEnrolment?: boolean;
}

/** What a route's handler receives: the caller's context and the validated input. */
export interface RouteInput<P extends Schema, Q extends Schema, B extends Schema> {
  ctx: Ctx;
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  req: FastifyRequest;
  reply: FastifyReply;
}

/**
 * Route declarations without the boilerplate every module used to repeat: the access flag, the OpenAPI
 * tag, the success and error schemas, the caller's context and the status code. A handler is a single
 * service call; it returns the body of the success answer.
 *
 *   const route = routeMaker(app, deps, 'registry');
 *   route('POST', '/api/parties', { access: 'signed-in', summary: '…', body: createPartyBody, status: 201,
 *     reply: partyForMembers, errors: writeErrors }, ({ ctx, body }) => registry.createParty(deps.db, ctx, body));
 *
 * Routes that stream, upload or answer with something other than JSON keep using `app.route` directly.
 */
export function routeMaker(app: App, deps: AppDeps, tag: string) {
  return function route<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined, R extends z.ZodType = z.ZodType>(
    method: Method,
    url: string,
    spec: RouteSpec<P, Q, B, R>,
    handler: (input: RouteInput<P, Q, B>) => Promise<z.input<R>> | z.input<R>,
  ): void {
    const status = spec.status ?? 200;
    const schema: Record<string, unknown> = { tags: [tag], summary: spec.summary };
    if (spec.description) schema.description = spec.description;
    if (spec.params) schema.params = spec.params;
    if (spec.querystring) schema.querystring = spec.querystring;
    if (spec.body) schema.body = spec.body;
    schema.response = { [status]: spec.reply, ...spec.errors };
    app.route({
      method,
      url,
      config: spec.duringMfaEnrolment ? { access: spec.access, duringMfaEnrolment: true } : { access: spec.access },
      ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
      schema,
      handler: async (req, reply) => {
        const out = await handler({
          ctx: ctxOf(req, deps),
          params: req.params as Out<P>,
          query: req.query as Out<Q>,
          body: req.body as Out<B>,
          req,
          reply,
        });
        return reply.code(status).send(status === 204 ? null : out);
      },
    });
  };
}
