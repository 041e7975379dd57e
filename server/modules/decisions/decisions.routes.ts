import type { z } from 'zod';
import { type AppDeps, ctxOf } from '../../http/deps.ts';
import { problemSchema } from '../../http/problem.ts';
import { readErrors, routeMaker, writeErrors } from '../../http/route.ts';
import type { App } from '../../http/routes.ts';
import type { Ctx } from '../../shared/context.ts';
import { requestFingerprint } from '../idempotency/idempotency.ts';
import {
  commentBody,
  commentList,
  commentView,
  createDecisionBody,
  decisionList,
  decisionView,
  type DecisionView,
  extendBody,
  findingBody,
  idParams,
  launchBody,
  listQuery,
  positionBody,
  positionHeaders,
  positionsView,
  recordPositionResult,
  silenceDefaultView,
  withdrawBody,
} from './decisions.schemas.ts';
import * as service from './decisions.service.ts';

export async function decisionsRoutes(app: App, deps: AppDeps) {
  const route = routeMaker(app, deps, 'decisions');
  const { db } = deps;

  route(
    'POST',
    '/api/decisions',
    {
      access: 'signed-in',
      summary: 'Create a draft decision (the Secretariat, the Chair, or a member state proposing it).',
      body: createDecisionBody,
      status: 201,
      reply: decisionView,
      errors: writeErrors,
    },
    ({ ctx, body }) => service.createDecision(db, ctx, body),
  );

  route(
    'GET',
    '/api/decisions',
    {
      access: 'public',
      summary: 'Decisions the caller may see, newest first, each with its state computed now. `awaiting=mine`: those awaiting the caller’s state.',
      querystring: listQuery,
      reply: decisionList,
      errors: { 400: problemSchema },
    },
    ({ ctx, query }) => service.listDecisions(db, ctx, query),
  );

  route(
    'GET',
    '/api/decisions/silence-default',
    {
      access: 'signed-in',
      summary: 'The default expiry of a silence procedure launched now (period and closing hour from the forum profile), for the form that prepares a decision.',
      reply: silenceDefaultView,
      errors: { 401: problemSchema, 403: problemSchema, 422: problemSchema },
    },
    ({ ctx }) => service.silenceDefault(db, ctx),
  );

  route(
    'GET',
    '/api/decisions/:id',
    { access: 'public', summary: 'One decision: its state, deadline, outcome and what the caller may do.', params: idParams, reply: decisionView, errors: readErrors },
    ({ ctx, params }) => service.getDecision(db, ctx, params.id),
  );

  // The Chair's actions: each answers the decision as it now is, and wakes the job worker (notices).
  const chairAction = <B extends typeof launchBody | typeof extendBody | typeof withdrawBody | typeof findingBody>(
    path: string,
    summary: string,
    body: B,
    run: (ctx: Ctx, id: string, input: z.output<B>) => Promise<DecisionView>,
  ) =>
    route('POST', `/api/decisions/:id/${path}`, { access: 'signed-in', summary, params: idParams, body, reply: decisionView, errors: writeErrors }, async ({ ctx, params, body: input }) => {
      const view = await run(ctx, params.id, input as z.output<B>);
      deps.kickJobs();
      return view;
    });

  chairAction('launch', 'The Chair circulates the text under silence (deadline from the profile unless given) or presents it in session.', launchBody, (ctx, id, b) =>
    service.launchDecision(db, ctx, id, { expiry: b.expiry ?? null }),
  );
  chairAction('extend', 'The Chair extends a running silence procedure to a later deadline; every state is told.', extendBody, (ctx, id, b) => service.extendDecision(db, ctx, id, b));
  chairAction('withdraw', 'The Chair withdraws the decision before its outcome.', withdrawBody, (ctx, id, b) => service.withdrawDecision(db, ctx, id, b));
  chairAction('finding', 'In session: the Chair records the finding (no objection, or objection by named states).', findingBody, (ctx, id, b) => service.recordFinding(db, ctx, id, b));

  // Answers 201 (recorded) or 200 (unchanged, or an Idempotency-Key replay) and reads request headers:
  // declared with app.post, not routeMaker (one success status per route).
  app.post(
    '/api/decisions/:id/positions',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['decisions'],
        summary:
          "Record the caller's state's position (head of delegation or focal point), confirmed with a fresh two-factor code in X-TOTP-Code. Idempotency-Key makes retries safe.",
        params: idParams,
        headers: positionHeaders,
        body: positionBody,
        response: { 200: recordPositionResult, 201: recordPositionResult, ...writeErrors },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const ctx = ctxOf(req, deps);
      const r = await service.recordPosition(
        db,
        ctx,
        req.params.id,
        req.body,
        key ? { key, scope: 'POST /api/decisions/:id/positions', requestHash: requestFingerprint('POST', `/api/decisions/${req.params.id}/positions`, req.body) } : undefined,
        req.headers['x-totp-code'] ?? null,
      );
      if (r.replayed) reply.header('idempotent-replayed', 'true');
      else deps.kickJobs();
      return reply.code(r.status as 200 | 201).send(r.body);
    },
  );

  route(
    'GET',
    '/api/decisions/:id/positions',
    {
      access: 'public',
      summary: 'Positions per member state with their history (members and the Secretariat); others see the outcome only, once it is open to them.',
      params: idParams,
      reply: positionsView,
      errors: readErrors,
    },
    ({ ctx, params }) => service.listPositions(db, ctx, params.id),
  );

  route(
    'POST',
    '/api/decisions/:id/comments',
    { access: 'signed-in', summary: 'An observer comments on a decision under way (never blocks).', params: idParams, body: commentBody, status: 201, reply: commentView, errors: writeErrors },
    async ({ ctx, params, body }) => {
      const c = await service.addComment(db, ctx, params.id, body);
      deps.kickJobs();
      return c;
    },
  );

  route(
    'GET',
    '/api/decisions/:id/comments',
    { access: 'signed-in', summary: 'Observers’ comments (members and the Secretariat see all; an observer its own).', params: idParams, reply: commentList, errors: writeErrors },
    ({ ctx, params }) => service.listComments(db, ctx, params.id),
  );
}
