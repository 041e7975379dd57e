import type { z } from 'zod';
import { ctxOf, type AppDeps } from '../../http/deps.ts';
import { problemSchema } from '../../http/problem.ts';
import type { App } from '../../http/routes.ts';
import { requestFingerprint } from '../idempotency/idempotency.ts';
import {
  commentBody,
  commentList,
  commentView,
  createDecisionBody,
  decisionList,
  decisionView,
  extendBody,
  findingBody,
  idempotencyHeaders,
  idParams,
  launchBody,
  listQuery,
  positionBody,
  positionsView,
  recordPositionResult,
  withdrawBody,
} from './decisions.schemas.ts';
import * as service from './decisions.service.ts';

const tags = ['decisions'];
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

export async function decisionsRoutes(app: App, deps: AppDeps) {
  app.post(
    '/api/decisions',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Create a draft decision (the Secretariat, the Chair, or a member state proposing it).',
        body: createDecisionBody,
        response: { 201: decisionView, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createDecision(deps.db, ctxOf(req, deps), req.body)),
  );

  app.get(
    '/api/decisions',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Decisions the caller may see, newest first, each with its state computed now. `awaiting=mine`: those awaiting the caller’s state.',
        querystring: listQuery,
        response: { 200: decisionList, 400: problemSchema },
      },
    },
    async (req) => service.listDecisions(deps.db, ctxOf(req, deps), req.query),
  );

  app.get(
    '/api/decisions/:id',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'One decision: its state, deadline, outcome and what the caller may do.', params: idParams, response: { 200: decisionView, 400: problemSchema, 404: problemSchema } },
    },
    async (req) => service.getDecision(deps.db, ctxOf(req, deps), req.params.id),
  );

  const chairAction = <B extends z.ZodType>(path: string, summary: string, body: B, run: (ctx: ReturnType<typeof ctxOf>, id: string, input: z.infer<B>) => Promise<unknown>) =>
    app.post(
      `/api/decisions/:id/${path}`,
      { config: { access: 'signed-in' }, schema: { tags, summary, params: idParams, body, response: { 200: decisionView, ...errors } } },
      async (req) => {
        const view = await run(ctxOf(req, deps), req.params.id, req.body as z.infer<B>);
        deps.kickJobs();
        return view as z.infer<typeof decisionView>;
      },
    );

  chairAction('launch', 'The Chair circulates the text under silence (deadline from the profile unless given) or presents it in session.', launchBody, (ctx, id, b) =>
    service.launchDecision(deps.db, ctx, id, { expiry: b.expiry ?? null }),
  );
  chairAction('extend', 'The Chair extends a running silence procedure to a later deadline; every state is told.', extendBody, (ctx, id, b) => service.extendDecision(deps.db, ctx, id, b));
  chairAction('withdraw', 'The Chair withdraws the decision before its outcome.', withdrawBody, (ctx, id, b) => service.withdrawDecision(deps.db, ctx, id, b));
  chairAction('finding', 'In session: the Chair records the finding (no objection, or objection by named states).', findingBody, (ctx, id, b) => service.recordFinding(deps.db, ctx, id, b));

  app.post(
    '/api/decisions/:id/positions',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "Record the caller's state's position (head of delegation or focal point, confirmed with two-factor). Idempotency-Key makes retries safe.",
        params: idParams,
        headers: idempotencyHeaders,
        body: positionBody,
        response: { 200: recordPositionResult, 201: recordPositionResult, ...errors },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const ctx = ctxOf(req, deps);
      const r = await service.recordPosition(
        deps.db,
        ctx,
        req.params.id,
        req.body,
        key ? { key, scope: 'POST /api/decisions/:id/positions', requestHash: requestFingerprint('POST', `/api/decisions/${req.params.id}/positions`, req.body) } : undefined,
      );
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      else deps.kickJobs();
      return reply.code(r.status).send(r.body);
    },
  );

  app.get(
    '/api/decisions/:id/positions',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Positions per member state with their history (members and the Secretariat); others see the outcome only, once it is open to them.',
        params: idParams,
        response: { 200: positionsView, 400: problemSchema, 404: problemSchema },
      },
    },
    async (req) => service.listPositions(deps.db, ctxOf(req, deps), req.params.id),
  );

  app.post(
    '/api/decisions/:id/comments',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'An observer comments on a decision under way (never blocks).', params: idParams, body: commentBody, response: { 201: commentView, ...errors } },
    },
    async (req, reply) => {
      const c = await service.addComment(deps.db, ctxOf(req, deps), req.params.id, req.body);
      deps.kickJobs();
      return reply.code(201).send(c);
    },
  );

  app.get(
    '/api/decisions/:id/comments',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Observers’ comments (members and the Secretariat see all; an observer its own).', params: idParams, response: { 200: commentList, ...errors } },
    },
    async (req) => service.listComments(deps.db, ctxOf(req, deps), req.params.id),
  );
}
