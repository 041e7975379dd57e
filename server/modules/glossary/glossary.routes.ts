import { z } from 'zod';
import { type AppDeps, ctxOf } from '../../http/deps.ts';
import { problemSchema } from '../../http/problem.ts';
import { routeMaker, writeErrors } from '../../http/route.ts';
import type { App } from '../../http/routes.ts';
import { concept, conceptInput, conceptPatch, exportQuery, glossaryIndex, idParams, importBody, importReport, indexQuery } from './glossary.schemas.ts';
import * as svc from './glossary.service.ts';

const tags = ['glossary'];

export async function glossaryRoutes(app: App, deps: AppDeps) {
  const route = routeMaker(app, deps, 'glossary');
  const { db } = deps;

  route(
    'GET',
    '/api/glossary',
    {
      access: 'public',
      summary: 'Key concepts in one language, grouped by letter (Chinese: by pinyin initial, or first character in stroke order).',
      querystring: indexQuery,
      reply: glossaryIndex,
      errors: { 400: problemSchema },
    },
    ({ ctx, query }) => svc.glossaryIndex(db, ctx, query),
  );

  app.get(
    '/api/glossary/export',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The glossary as TBX-Basic (ISO 30042) or CSV (RFC 4180; columns in the README). Drafts only for the Secretariat.',
        querystring: exportQuery,
        produces: ['application/x-tbx+xml', 'text/csv'],
        response: { 200: z.string().meta({ description: 'TBX-Basic XML or CSV' }), 400: problemSchema },
      },
    },
    async (req, reply) => {
      const out = await svc.exportGlossary(deps.db, ctxOf(req, deps), req.query.format);
      return reply
        .type(out.contentType)
        .header('content-disposition', `attachment; filename="${out.fileName}"`)
        .header('x-content-type-options', 'nosniff')
        .serializer((p: unknown) => p as string)
        .send(out.body);
    },
  );

  route(
    'GET',
    '/api/glossary/:id',
    { access: 'public', summary: 'One key concept with every language side by side.', params: idParams, reply: concept, errors: { 400: problemSchema, 404: problemSchema } },
    ({ ctx, params }) => svc.getConcept(db, ctx, params.id),
  );

  route(
    'POST',
    '/api/glossary',
    { access: 'signed-in', summary: 'Add a key concept (Secretariat officers and admins).', body: conceptInput, status: 201, reply: concept, errors: writeErrors },
    ({ ctx, body }) => svc.createConcept(db, ctx, body),
  );

  route(
    'PATCH',
    '/api/glossary/:id',
    {
      access: 'signed-in',
      summary: 'Change a key concept: its fields, whole language sections, or remove languages (Secretariat officers and admins).',
      params: idParams,
      body: conceptPatch,
      reply: concept,
      errors: writeErrors,
    },
    ({ ctx, params, body }) => svc.updateConcept(db, ctx, params.id, body),
  );

  route(
    'POST',
    '/api/glossary/import',
    {
      access: 'signed-in',
      bodyLimit: 10 * 1024 * 1024,
      summary:
        'Import TBX-Basic or CSV (Secretariat officers and admins). Every entry is checked first; when any is refused, nothing is imported and the 422 problem lists each refusal with its line and reason. `dryRun` only reports.',
      body: importBody,
      reply: importReport,
      errors: writeErrors,
    },
    ({ ctx, body }) => svc.importGlossary(db, ctx, body),
  );
}
