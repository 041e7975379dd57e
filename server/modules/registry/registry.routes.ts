import type { AppDeps } from '../../http/deps.ts';
import { ctxOf } from '../../http/deps.ts';
import { problemSchema } from '../../http/problem.ts';
import type { App } from '../../http/routes.ts';
import {
  bodyCodeParams,
  bodyList,
  bodyView,
  changeStatusBody,
  chairBidList,
  chairBidView,
  chairmanships,
  chairTermView,
  createBodyBody,
  createChairBidBody,
  createChairTermBody,
  createPartyBody,
  idParams,
  onQuery,
  partyCodeParams,
  partyForMembers,
  partyList,
  partyListQuery,
  partyView,
  registryAbilities,
  periodParams,
  secretariatHeadList,
  updateBodyBody,
  updateChairBidBody,
  updateChairTermBody,
  updatePartyBody,
  updatePeriodBody,
} from './registry.schemas.ts';
import * as registry from './registry.service.ts';

const readErrors = { 400: problemSchema, 404: problemSchema };
const writeErrors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

/** The forum registry: parties, bodies, chairmanship, the Secretariat's heads. */
export async function registryRoutes(app: App, deps: AppDeps) {
  // Parties ----------------------------------------------------------------------------------------------

  app.get(
    '/api/parties',
    {
      config: { access: 'public' },
      schema: {
        tags: ['registry'],
        summary: 'Parties of the forum, by kind, by status (on a day, or now) and by name. Delegation contacts only for members and the Secretariat.',
        querystring: partyListQuery,
        response: { 200: partyList, 400: problemSchema },
      },
    },
    async (req) => registry.listParties(deps.db, ctxOf(req, deps), req.query),
  );

  app.get(
    '/api/parties/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['registry'],
        summary: 'One party with its status history. Delegation contacts only for members and the Secretariat.',
        params: partyCodeParams,
        querystring: onQuery,
        response: { 200: partyView, ...readErrors },
      },
    },
    async (req) => registry.getParty(deps.db, ctxOf(req, deps), req.params.code, req.query.on ?? null),
  );

  app.post(
    '/api/parties',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['registry'],
        summary: 'Add a party (Secretariat admins). States take their names from ISO 3166 data.',
        body: createPartyBody,
        response: { 201: partyForMembers, ...writeErrors },
      },
    },
    async (req, reply) => reply.code(201).send(await registry.createParty(deps.db, ctxOf(req, deps), req.body)),
  );

  app.patch(
    '/api/parties/:code',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['registry'],
        summary: "Correct a party's names, contacts, flag, notes or agreements (Secretariat admins). Parties are never deleted.",
        params: partyCodeParams,
        body: updatePartyBody,
        response: { 200: partyForMembers, ...writeErrors },
      },
    },
    async (req) => registry.updatePartyDetails(deps.db, ctxOf(req, deps), req.params.code, req.body),
  );

  app.post(
    '/api/parties/:code/status',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['registry'],
        summary: "Record a change of status (Secretariat admins): the current period ends on `from` and the new one starts.",
        params: partyCodeParams,
        body: changeStatusBody,
        response: { 200: partyForMembers, ...writeErrors },
      },
    },
    async (req) => registry.changePartyStatus(deps.db, ctxOf(req, deps), req.params.code, req.body),
  );

  app.patch(
    '/api/parties/:code/status/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['registry'],
        summary: "Correct one period of a party's status history (Secretariat admins).",
        params: periodParams,
        body: updatePeriodBody,
        response: { 200: partyForMembers, ...writeErrors },
      },
    },
    async (req) => registry.correctStatusPeriod(deps.db, ctxOf(req, deps), req.params.code, req.params.id, req.body),
  );

  // Bodies -----------------------------------------------------------------------------------------------

  app.get(
    '/api/bodies',
    {
      config: { access: 'public' },
      schema: { tags: ['registry'], summary: 'The bodies of the forum, how they report to each other, their names over time.', response: { 200: bodyList } },
    },
    async () => ({ bodies: await registry.listBodies(deps.db) }),
  );

  app.get(
    '/api/bodies/:code',
    {
      config: { access: 'public' },
      schema: { tags: ['registry'], summary: 'One body.', params: bodyCodeParams, response: { 200: bodyView, ...readErrors } },
    },
    async (req) => registry.getBody(deps.db, req.params.code),
  );

  app.post(
    '/api/bodies',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['registry'], summary: 'Add a body (Secretariat admins).', body: createBodyBody, response: { 201: bodyView, ...writeErrors } },
    },
    async (req, reply) => reply.code(201).send(await registry.createBody(deps.db, ctxOf(req, deps), req.body)),
  );

  app.patch(
    '/api/bodies/:code',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['registry'],
        summary: 'Correct or rename a body, its reporting line, frequency or participants (Secretariat admins).',
        params: bodyCodeParams,
        body: updateBodyBody,
        response: { 200: bodyView, ...writeErrors },
      },
    },
    async (req) => registry.updateBody(deps.db, ctxOf(req, deps), req.params.code, req.body),
  );

  // Chairmanship -----------------------------------------------------------------------------------------

  app.get(
    '/api/chairmanships',
    {
      config: { access: 'public' },
      schema: {
        tags: ['registry'],
        summary: 'Chair terms since the founding, and the Chair in office on `on` (default: today at the seat).',
        querystring: onQuery,
        response: { 200: chairmanships, 400: problemSchema },
      },
    },
    async (req) => registry.getChairmanships(deps.db, ctxOf(req, deps), req.query.on),
  );

  app.post(
    '/api/chairmanships',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['registry'], summary: 'Record a chair term (Secretariat admins).', body: createChairTermBody, response: { 201: chairTermView, ...writeErrors } },
    },
    async (req, reply) => reply.code(201).send(await registry.createChairTerm(deps.db, ctxOf(req, deps), req.body)),
  );

  app.patch(
    '/api/chairmanships/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['registry'],
        summary: 'Correct a chair term (Secretariat admins).',
        params: idParams,
        body: updateChairTermBody,
        response: { 200: chairTermView, ...writeErrors },
      },
    },
    async (req) => registry.updateChairTerm(deps.db, ctxOf(req, deps), req.params.id, req.body),
  );

  app.get(
    '/api/chairmanship-bids',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['registry'],
        summary: 'Bids to chair the forum (the Secretariat and member states).',
        response: { 200: chairBidList, 401: problemSchema, 403: problemSchema },
      },
    },
    async (req) => ({ bids: await registry.listChairBids(deps.db, ctxOf(req, deps)) }),
  );

  app.post(
    '/api/chairmanship-bids',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['registry'],
        summary: "Record a state's written bid to chair the forum: its focal point or head submits it, or a Secretariat admin records it for the state.",
        body: createChairBidBody,
        response: { 201: chairBidView, ...writeErrors },
      },
    },
    async (req, reply) => reply.code(201).send(await registry.submitChairBid(deps.db, ctxOf(req, deps), req.body)),
  );

  app.patch(
    '/api/chairmanship-bids/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['registry'],
        summary: 'Withdraw a bid (the bidding state or the Secretariat), or record what the SOC and the top body made of it (Secretariat admins).',
        params: idParams,
        body: updateChairBidBody,
        response: { 200: chairBidView, ...writeErrors },
      },
    },
    async (req) => registry.updateChairBid(deps.db, ctxOf(req, deps), req.params.id, req.body),
  );

  app.get(
    '/api/registry/abilities',
    {
      config: { access: 'public' },
      schema: {
        tags: ['registry'],
        summary: 'What the caller may do in the registry (for showing edit controls); the writes check again.',
        response: { 200: registryAbilities },
      },
    },
    async (req) => registry.registryAbilities(ctxOf(req, deps)),
  );

  // Secretariat ------------------------------------------------------------------------------------------

  app.get(
    '/api/secretariat/heads',
    {
      config: { access: 'public' },
      schema: {
        tags: ['registry'],
        summary: 'Heads of the Secretariat (Secretary General, formerly Executive Director) and deputies, over time.',
        response: { 200: secretariatHeadList },
      },
    },
    async (req) => ({ heads: await registry.listSecretariatHeads(deps.db, ctxOf(req, deps)) }),
  );
}
