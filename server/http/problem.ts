import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type FieldProblem } from '../shared/errors.ts';

/** RFC 9457 problem details, as every error leaves the API. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().meta({ description: 'Stable error code; the web app translates it.' }),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof problemSchema>;

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Sign-in required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

export function sendProblem(
  reply: FastifyReply,
  status: number,
  code: string,
  detail?: string,
  extra: { errors?: FieldProblem[]; retryAfterSeconds?: number } = {},
) {
  const body: Problem = {
    type: `urn:concord:problem:${code}`,
    title: titles[status] ?? 'Error',
    status,
    code,
    detail,
    instance: reply.request.url.split('?')[0],
    requestId: String(reply.request.id),
    errors: extra.errors,
  };
  if (extra.retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(extra.retryAfterSeconds))));
  return reply.code(status).type('application/problem+json; charset=utf-8').serializer(JSON.stringify).send(body);
}

const fastifyCodes: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_body',
};

function fieldOf(context: string | undefined, instancePath: string): string {
  const p = instancePath.replace(/^\//, '').replaceAll('/', '.');
  return [context, p].filter(Boolean).join('.') || 'body';
}

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    if (err.status === 403 || err.status === 401) req.log.info({ code: err.code }, 'request refused');
    return sendProblem(reply, err.status, err.code, err.message, { errors: err.extra.fields, retryAfterSeconds: err.extra.retryAfterSeconds });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const context = (err as unknown as { validationContext?: string }).validationContext;
    const errors = err.validation.map((v) => ({ field: fieldOf(context, v.instancePath), message: v.message ?? 'is invalid' }));
    return sendProblem(reply, 400, 'validation_failed', `The request is invalid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, { errors });
  }
  if (!isResponseSerializationError(err) && err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    const code = fastifyCodes[err.code] ?? (err.statusCode === 429 ? 'rate_limited' : 'bad_request');
    return sendProblem(reply, err.statusCode, code, err.message);
  }
  req.log.error({ err }, 'unhandled error');
  return sendProblem(reply, 500, 'internal_error', `Something went wrong on our side. It was logged under request id ${req.id}.`);
}
