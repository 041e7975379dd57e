import type { AppDeps } from '../../http/deps.ts';
import { problemSchema } from '../../http/problem.ts';
import { readErrors, routeMaker, writeErrors } from '../../http/route.ts';
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

/** The forum registry: parties, bodies, chairmanship, the Secretariat's heads. */
export async function registryRoutes(app: App, deps: AppDeps) {
  const route = routeMaker(app, deps, 'registry');
  const { db } = deps;

  // Parties ----------------------------------------------------------------------------------------------

  route(
    'GET',
    '/api/parties',
    {
      access: 'public',
      summary: 'Parties of the forum, by kind, by status (on a day, or now) and by name. Delegation contacts only for members and the Secretariat.',
      querystring: partyListQuery,
      reply: partyList,
      errors: { 400: problemSchema },
    },
    ({ ctx, query }) => registry.listParties(db, ctx, query),
  );

  route(
    'GET',
    '/api/parties/:code',
    {
      access: 'public',
      summary: 'One party with its status history. Delegation contacts only for members and the Secretariat.',
      params: partyCodeParams,
      querystring: onQuery,
      reply: partyView,
      errors: readErrors,
    },
    ({ ctx, params, query }) => registry.getParty(db, ctx, params.code, query.on ?? null),
  );

  route(
    'POST',
    '/api/parties',
    {
      access: 'signed-in',
      summary: 'Add a party (Secretariat admins). States take their names from ISO 3166 data.',
      body: createPartyBody,
      status: 201,
      reply: partyForMembers,
      errors: writeErrors,
    },
    ({ ctx, body }) => registry.createParty(db, ctx, body),
  );

  route(
    'PATCH',
    '/api/parties/:code',
    {
      access: 'signed-in',
      summary: "Correct a party's names, contacts, flag, notes or agreements (Secretariat admins). Parties are never deleted.",
      params: partyCodeParams,
      body: updatePartyBody,
      reply: partyForMembers,
      errors: writeErrors,
    },
    ({ ctx, params, body }) => registry.updatePartyDetails(db, ctx, params.code, body),
  );

  route(
    'POST',
    '/api/parties/:code/status',
    {
      access: 'signed-in',
      summary: 'Record a change of status (Secretariat admins): the current period ends on `from` and the new one starts.',
      params: partyCodeParams,
      body: changeStatusBody,
      reply: partyForMembers,
      errors: writeErrors,
    },
    ({ ctx, params, body }) => registry.changePartyStatus(db, ctx, params.code, body),
  );

  route(
    'PATCH',
    '/api/parties/:code/status/:id',
    {
      access: 'signed-in',
      summary: "Correct one period of a party's status history (Secretariat admins).",
      params: periodParams,
      body: updatePeriodBody,
      reply: partyForMembers,
      errors: writeErrors,
    },
    ({ ctx, params, body }) => registry.correctStatusPeriod(db, ctx, params.code, params.id, body),
  );

  // Bodies -----------------------------------------------------------------------------------------------

  route(
    'GET',
    '/api/bodies',
    { access: 'public', summary: 'The bodies of the forum, how they report to each other, their names over time.', reply: bodyList, errors: {} },
    async () => ({ bodies: await registry.listBodies(db) }),
  );

  route(
    'GET',
    '/api/bodies/:code',
    { access: 'public', summary: 'One body.', params: bodyCodeParams, reply: bodyView, errors: readErrors },
    ({ params }) => registry.getBody(db, params.code),
  );

  route(
    'POST',
    '/api/bodies',
    { access: 'signed-in', summary: 'Add a body (Secretariat admins).', body: createBodyBody, status: 201, reply: bodyView, errors: writeErrors },
    ({ ctx, body }) => registry.createBody(db, ctx, body),
  );

  route(
    'PATCH',
    '/api/bodies/:code',
    {
      access: 'signed-in',
      summary: 'Correct or rename a body, its reporting line, frequency or participants (Secretariat admins).',
      params: bodyCodeParams,
      body: updateBodyBody,
      reply: bodyView,
      errors: writeErrors,
    },
    ({ ctx, params, body }) => registry.updateBody(db, ctx, params.code, body),
  );

  // Chairmanship -----------------------------------------------------------------------------------------

  route(
    'GET',
    '/api/chairmanships',
    {
      access: 'public',
      summary: 'Chair terms since the founding, and the Chair in office on `on` (default: today at the seat).',
      querystring: onQuery,
      reply: chairmanships,
      errors: { 400: problemSchema },
    },
    ({ ctx, query }) => registry.getChairmanships(db, ctx, query.on),
  );

  route(
    'POST',
    '/api/chairmanships',
    { access: 'signed-in', summary: 'Record a chair term (Secretariat admins).', body: createChairTermBody, status: 201, reply: chairTermView, errors: writeErrors },
    ({ ctx, body }) => registry.createChairTerm(db, ctx, body),
  );

  route(
    'PATCH',
    '/api/chairmanships/:id',
    { access: 'signed-in', summary: 'Correct a chair term (Secretariat admins).', params: idParams, body: updateChairTermBody, reply: chairTermView, errors: writeErrors },
    ({ ctx, params, body }) => registry.updateChairTerm(db, ctx, params.id, body),
  );

  route(
    'GET',
    '/api/chairmanship-bids',
    {
      access: 'signed-in',
      summary: 'Bids to chair the forum (the Secretariat and member states).',
      reply: chairBidList,
      errors: { 401: problemSchema, 403: problemSchema },
    },
    async ({ ctx }) => ({ bids: await registry.listChairBids(db, ctx) }),
  );

  route(
    'POST',
    '/api/chairmanship-bids',
    {
      access: 'signed-in',
      summary: "Record a state's written bid to chair the forum: its focal point or head submits it, or a Secretariat admin records it for the state.",
      body: createChairBidBody,
      status: 201,
      reply: chairBidView,
      errors: writeErrors,
    },
    ({ ctx, body }) => registry.submitChairBid(db, ctx, body),
  );

  route(
    'PATCH',
    '/api/chairmanship-bids/:id',
    {
      access: 'signed-in',
      summary: 'Withdraw a bid (the bidding state or the Secretariat), or record what the SOC and the top body made of it (Secretariat admins).',
      params: idParams,
      body: updateChairBidBody,
      reply: chairBidView,
      errors: writeErrors,
    },
    ({ ctx, params, body }) => registry.updateChairBid(db, ctx, params.id, body),
  );

  route(
    'GET',
    '/api/registry/abilities',
    {
      access: 'public',
      summary: 'What the caller may do in the registry (for showing edit controls); the writes check again.',
      reply: registryAbilities,
      errors: {},
    },
    ({ ctx }) => registry.registryAbilities(ctx),
  );

  // Secretariat ------------------------------------------------------------------------------------------

  route(
    'GET',
    '/api/secretariat/heads',
    {
      access: 'public',
      summary: 'Heads of the Secretariat (Secretary General, formerly Executive Director) and deputies, over time.',
      reply: secretariatHeadList,
      errors: {},
    },
    async ({ ctx }) => ({ heads: await registry.listSecretariatHeads(db, ctx) }),
  );
}
