import { z } from 'zod';
import { type AppDeps, ctxOf } from '../../http/deps.ts';
import { problemSchema } from '../../http/problem.ts';
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
const writeErrors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
const readErrors = { 400: problemSchema, 404: problemSchema };

export async function exchangeRoutes(app: App, deps: AppDeps) {
  const fx = { kickJobs: deps.kickJobs };

  // Forms ----------------------------------------------------------------------------------------------
  app.get(
    '/api/exchange/forms',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Information-exchange forms: the latest version of each (or every version with all=true).', querystring: formListQuery, response: { 200: formList, 400: problemSchema } },
    },
    async (req) => svc.listForms(deps.db, { all: req.query.all === 'true' }),
  );

  app.get(
    '/api/exchange/forms/:id',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'One form version: its JSON Schema, labels and help per language, and due rule.', params: idParams, response: { 200: formView, ...readErrors } },
    },
    async (req) => svc.getForm(deps.db, req.params.id),
  );

  app.post(
    '/api/exchange/forms',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Add a form, or the next version of one (Secretariat admins). The schema is checked as JSON Schema 2020-12 before it is stored.',
        body: createFormBody,
        response: { 201: formView, ...writeErrors },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.createForm(deps.db, ctxOf(req, deps), req.body)),
  );

  app.post(
    '/api/exchange/forms/:id/validate',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Check answers against a form without storing anything; problems name the field and the rule (to translate).',
        params: idParams,
        body: validateBody,
        response: { 200: validationResult, ...readErrors },
      },
    },
    async (req) => svc.validateForForm(deps.db, req.params.id, req.body.data),
  );

  // Submissions ----------------------------------------------------------------------------------------
  app.post(
    '/api/exchange/submissions',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "Start a submission for one's own party (its focal point or head of delegation): a draft, or submitted at once with submit=true.",
        body: createSubmissionBody,
        response: { 201: submissionDetail, ...writeErrors },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.createSubmission(deps.db, ctxOf(req, deps), req.body, fx)),
  );

  app.get(
    '/api/exchange/submissions',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Submissions the caller may see, filtered by party, form, year, status and box (received / sent); `total` counts only those.',
        querystring: submissionListQuery,
        response: { 200: submissionList, 400: problemSchema },
      },
    },
    async (req) => svc.listSubmissions(deps.db, ctxOf(req, deps), req.query),
  );

  app.get(
    '/api/exchange/submissions/:id',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'One submission with its answers and its history of versions (those the caller may see).', params: idParams, response: { 200: submissionDetail, ...readErrors } },
    },
    async (req) => svc.getSubmission(deps.db, ctxOf(req, deps), req.params.id),
  );

  app.patch(
    '/api/exchange/submissions/:id',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Save changes to a draft (its party only). A submitted submission never changes.', params: idParams, body: updateDraftBody, response: { 200: submissionDetail, ...writeErrors } },
    },
    async (req) => svc.updateDraft(deps.db, ctxOf(req, deps), req.params.id, req.body),
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

  app.post(
    '/api/exchange/submissions/:id/submit',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Submit a draft: validated against its form, then immutable, delivered to its recipients.',
        params: idParams,
        response: { 200: submissionDetail, ...writeErrors },
      },
    },
    async (req) => svc.submitSubmission(deps.db, ctxOf(req, deps), req.params.id, fx),
  );

  app.post(
    '/api/exchange/submissions/:id/corrections',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'File a correction: a new version linked to this one (the latest), as a draft or submitted at once.',
        params: idParams,
        body: correctionBody,
        response: { 201: submissionDetail, ...writeErrors },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.correctSubmission(deps.db, ctxOf(req, deps), req.params.id, req.body, fx)),
  );

  app.post(
    '/api/exchange/submissions/:id/derestrict',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Widen who may see a submitted submission (to all members, or the public); on record.',
        params: idParams,
        body: derestrictBody,
        response: { 200: submissionDetail, ...writeErrors },
      },
    },
    async (req) => svc.derestrictSubmission(deps.db, ctxOf(req, deps), req.params.id, req.body),
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

  app.get(
    '/api/exchange/export.json',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'JSON of exactly the submissions the caller may see, with their answers.', querystring: submissionFilterQuery, response: { 200: exportJson, 400: problemSchema } },
    },
    async (req, reply) => {
      const body = await svc.exportJson(deps.db, ctxOf(req, deps), req.query);
      return reply.header('content-disposition', 'attachment; filename="exchange-submissions.json"').send(body);
    },
  );

  app.get(
    '/api/exchange/compare',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "A party's answers to a form compared year over year, field by field (the latest version the caller may see each year).",
        querystring: compareQuery,
        response: { 200: comparisonView, ...readErrors },
      },
    },
    async (req) => svc.compareYears(deps.db, ctxOf(req, deps), req.query),
  );

  // Deadlines -------------------------------------------------------------------------------------------
  app.get(
    '/api/exchange/deadlines',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary:
          "What is due, submitted (on time or late), overdue or not yet due, per form and year: every member state for the Secretariat, one's own otherwise. Due at the end of the due day in the forum's time zone.",
        querystring: deadlinesQuery,
        response: { 200: deadlinesView, 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (req) => deadlinesFor(deps.db, ctxOf(req, deps), req.query),
  );
}
