import { z } from 'zod';
import { type AppDeps, ctxOf } from '../../http/deps.ts';
import { problemSchema } from '../../http/problem.ts';
import type { App } from '../../http/routes.ts';
import { concept, conceptInput, conceptPatch, exportQuery, glossaryIndex, idParams, importBody, importReport, indexQuery } from './glossary.schemas.ts';
import * as svc from './glossary.service.ts';

const tags = ['glossary'];
const writeErrors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

export async function glossaryRoutes(app: App, deps: AppDeps) {
  app.get(
    '/api/glossary',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Key concepts in one language, grouped by letter (Chinese: by pinyin initial, or first character in stroke order).',
        querystring: indexQuery,
        response: { 200: glossaryIndex, 400: problemSchema },
      },
    },
    async (req) => svc.glossaryIndex(deps.db, ctxOf(req, deps), req.query),
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

  app.get(
    '/api/glossary/:id',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'One key concept with every language side by side.', params: idParams, response: { 200: concept, 400: problemSchema, 404: problemSchema } },
    },
    async (req) => svc.getConcept(deps.db, ctxOf(req, deps), req.params.id),
  );

  app.post(
    '/api/glossary',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Add a key concept (Secretariat officers and admins).', body: conceptInput, response: { 201: concept, ...writeErrors } },
    },
    async (req, reply) => reply.code(201).send(await svc.createConcept(deps.db, ctxOf(req, deps), req.body)),
  );

  app.patch(
    '/api/glossary/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Change a key concept: its fields, whole language sections, or remove languages (Secretariat officers and admins).',
        params: idParams,
        body: conceptPatch,
        response: { 200: concept, ...writeErrors },
      },
    },
    async (req) => svc.updateConcept(deps.db, ctxOf(req, deps), req.params.id, req.body),
  );

  app.post(
    '/api/glossary/import',
    {
      config: { access: 'signed-in' },
      bodyLimit: 10 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Import TBX-Basic or CSV (Secretariat officers and admins). Every entry is checked first; when any is refused, nothing is imported and the 422 problem lists each refusal with its line and reason. `dryRun` only reports.',
        body: importBody,
        response: { 200: importReport, ...writeErrors },
      },
    },
    async (req) => svc.importGlossary(deps.db, ctxOf(req, deps), req.body),
  );
}
