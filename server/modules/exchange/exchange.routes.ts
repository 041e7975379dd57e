import { z } from 'zod';
import { type AppDeps, ctxOf } from '../../http/deps.ts';
import { problemSchema } from '../../http/problem.ts';
import { readErrors, routeMaker, writeErrors } from '../../http/route.ts';
import type { App } from '../../http/routes.ts';
import { deadlinesFor } from './exchange.deadlines.ts';
import {
  acknowledgeBody,
  acknowledgementView,
  compareQuery,
  comparisonView,
  correctionBody,
  createFormBody,
  createSubmissionBody,
  deadlinesQuery,
  deadlinesView,
  derestrictBody,
  exportJson,
  formList,
  formListQuery,
  formView,
  idParams,
  submissionDetail,
  submissionFilterQuery,
  submissionList,
  submissionListQuery,
  updateDraftBody,
  validateBody,
  validationResult,
} from './exchange.schemas.ts';
import * as svc from './exchange.service.ts';

const tags = ['exchange'];

export async function exchangeRoutes(app: App, deps: AppDeps) {
  const route = routeMaker(app, deps, 'exchange');
  const { db } = deps;
  const fx = { kickJobs: deps.kickJobs };

  // Forms ----------------------------------------------------------------------------------------------
  route(
    'GET',
    '/api/exchange/forms',
    {
      access: 'public',
      summary: 'Information-exchange forms: the latest version of each (or every version with all=true).',
      querystring: formListQuery,
      reply: formList,
      errors: { 400: problemSchema },
    },
    ({ query }) => svc.listForms(db, { all: query.all === 'true' }),
  );

  route(
    'GET',
    '/api/exchange/forms/:id',
    { access: 'public', summary: 'One form version: its JSON Schema, labels and help per language, and due rule.', params: idParams, reply: formView, errors: readErrors },
    ({ params }) => svc.getForm(db, params.id),
  );

  route(
    'POST',
    '/api/exchange/forms',
    {
      access: 'signed-in',
      summary: 'Add a form, or the next version of one (Secretariat admins). The schema is checked as JSON Schema 2020-12 before it is stored.',
      body: createFormBody,
      status: 201,
      reply: formView,
      errors: writeErrors,
    },
    ({ ctx, body }) => svc.createForm(db, ctx, body),
  );

  route(
    'POST',
    '/api/exchange/forms/:id/validate',
    {
      access: 'public',
      summary: 'Check answers against a form without storing anything; problems name the field and the rule (to translate).',
      params: idParams,
      body: validateBody,
      reply: validationResult,
      errors: readErrors,
    },
    ({ params, body }) => svc.validateForForm(db, params.id, body.data),
  );

  // Submissions ----------------------------------------------------------------------------------------
  route(
    'POST',
    '/api/exchange/submissions',
    {
      access: 'signed-in',
      summary: "Start a submission for one's own party (its focal point or head of delegation): a draft, or submitted at once with submit=true.",
      body: createSubmissionBody,
      status: 201,
      reply: submissionDetail,
      errors: writeErrors,
    },
    ({ ctx, body }) => svc.createSubmission(db, ctx, body, fx),
  );

  route(
    'GET',
    '/api/exchange/submissions',
    {
      access: 'public',
      summary: 'Submissions the caller may see, filtered by party, form, year, status and box (received / sent); `total` counts only those.',
      querystring: submissionListQuery,
      reply: submissionList,
      errors: { 400: problemSchema },
    },
    ({ ctx, query }) => svc.listSubmissions(db, ctx, query),
  );

  route(
    'GET',
    '/api/exchange/submissions/:id',
    { access: 'public', summary: 'One submission with its answers and its history of versions (those the caller may see).', params: idParams, reply: submissionDetail, errors: readErrors },
    ({ ctx, params }) => svc.getSubmission(db, ctx, params.id),
  );

  route(
    'PATCH',
    '/api/exchange/submissions/:id',
    {
      access: 'signed-in',
      summary: 'Save changes to a draft (its party only). A submitted submission never changes.',
      params: idParams,
      body: updateDraftBody,
      reply: submissionDetail,
      errors: writeErrors,
    },
    ({ ctx, params, body }) => svc.updateDraft(db, ctx, params.id, body),
  );

  app.delete(
    '/api/exchange/submissions/:id',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Discard a draft (its party only).', params: idParams, response: { 204: z.null().meta({ description: 'Deleted' }), ...writeErrors } },
    },
    async (req, reply) => {
      await svc.deleteDraft(deps.db, ctxOf(req, deps), req.params.id);
      return reply.code(204).send(null);
    },
  );

  route(
    'POST',
    '/api/exchange/submissions/:id/submit',
    {
      access: 'signed-in',
      summary: 'Submit a draft: validated against its form, then immutable, delivered to its recipients.',
      params: idParams,
      reply: submissionDetail,
      errors: writeErrors,
    },
    ({ ctx, params }) => svc.submitSubmission(db, ctx, params.id, fx),
  );

  route(
    'POST',
    '/api/exchange/submissions/:id/corrections',
    {
      access: 'signed-in',
      summary: 'File a correction: a new version linked to this one (the latest), as a draft or submitted at once.',
      params: idParams,
      body: correctionBody,
      status: 201,
      reply: submissionDetail,
      errors: writeErrors,
    },
    ({ ctx, params, body }) => svc.correctSubmission(db, ctx, params.id, body, fx),
  );

  route(
    'POST',
    '/api/exchange/submissions/:id/derestrict',
    {
      access: 'signed-in',
      summary: 'Widen who may see a submitted submission (to all members, or the public); on record.',
      params: idParams,
      body: derestrictBody,
      reply: submissionDetail,
      errors: writeErrors,
    },
    ({ ctx, params, body }) => svc.derestrictSubmission(db, ctx, params.id, body),
  );

  app.post(
    '/api/exchange/submissions/:id/acknowledgements',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "Acknowledge receipt for one's party (a recipient's focal point or head of delegation). Once per party; repeating answers 200 with the first.",
        params: idParams,
        body: acknowledgeBody,
        response: { 200: acknowledgementView, 201: acknowledgementView, ...writeErrors },
      },
    },
    async (req, reply) => {
      const ack = await svc.acknowledgeSubmission(deps.db, ctxOf(req, deps), req.params.id, req.body ?? {}, fx);
      return reply.code(ack.created ? 201 : 200).send(ack);
    },
  );

  // Archive, export, comparison ---------------------------------------------------------------------------
  app.get(
    '/api/exchange/export.csv',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'CSV (RFC 4180, UTF-8 with BOM) of exactly the submissions the caller may see, with the same filters as the list.',
        querystring: submissionFilterQuery,
        produces: ['text/csv'],
        response: { 200: z.string().meta({ description: 'CSV' }), 400: problemSchema },
      },
    },
    async (req, reply) => {
      const { csv, count } = await svc.exportCsv(deps.db, ctxOf(req, deps), req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="exchange-submissions.csv"')
        .header('x-content-type-options', 'nosniff')
        .header('x-total-count', String(count))
        .serializer((p: unknown) => p as string)
        .send(csv);
    },
  );

  route(
    'GET',
    '/api/exchange/export.json',
    {
      access: 'public',
      summary: 'JSON of exactly the submissions the caller may see, with their answers.',
      querystring: submissionFilterQuery,
      reply: exportJson,
      errors: { 400: problemSchema },
    },
    async ({ ctx, query, reply }) => {
      reply.header('content-disposition', 'attachment; filename="exchange-submissions.json"');
      return svc.exportJson(db, ctx, query);
    },
  );

  route(
    'GET',
    '/api/exchange/compare',
    {
      access: 'public',
      summary: "A party's answers to a form compared year over year, field by field (the latest version the caller may see each year).",
      querystring: compareQuery,
      reply: comparisonView,
      errors: readErrors,
    },
    ({ ctx, query }) => svc.compareYears(db, ctx, query),
  );

  // Deadlines -------------------------------------------------------------------------------------------
  route(
    'GET',
    '/api/exchange/deadlines',
    {
      access: 'signed-in',
      summary:
        "What is due, submitted (on time or late), overdue or not yet due, per form and year: every member state for the Secretariat, one's own otherwise. Due at the end of the due day in the forum's time zone.",
      querystring: deadlinesQuery,
      reply: deadlinesView,
      errors: { 400: problemSchema, 401: problemSchema, 403: problemSchema },
    },
    ({ ctx, query }) => deadlinesFor(db, ctx, query),
  );
}
