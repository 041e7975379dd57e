import multipart from '@fastify/multipart';
import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import { type AppDeps, ctxOf } from '../../http/deps.ts';
import { problemSchema, sendProblem } from '../../http/problem.ts';
import { routeMaker, writeErrors } from '../../http/route.ts';
import type { App } from '../../http/routes.ts';
import { contentDisposition } from '../documents/files.ts';
import { onSessionsEnded, onUserSuspended } from '../identity/identity.events.ts';
import * as accreditation from './accreditation.service.ts';
import * as calendar from './calendar.service.ts';
import { MeetingHub } from './live.hub.ts';
import * as live from './live.service.ts';
import { loadVisibleMeeting, policyObject } from './meetings.access.ts';
import * as repo from './meetings.repository.ts';
import * as s from './meetings.schemas.ts';
import * as svc from './meetings.service.ts';

const tags = ['meetings'];
const errors = writeErrors;
/** Reads of a meeting's parts: besides bad input and 404, signed-in routes answer 401 and 403. */
const readErrors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const signedIn = { access: 'signed-in' as const };
const open = { access: 'public' as const };

export async function meetingsRoutes(app: App, deps: AppDeps) {
  const hub = new MeetingHub(deps.db, {
    loadAccess: async (meetingId) => {
      const row = await repo.findMeeting(deps.db, meetingId);
      if (!row) return null;
      return policyObject(row, (await repo.invitationsOf(deps.db, [meetingId])).get(meetingId) ?? []);
    },
    onError: (err) => app.log.error({ err }, 'meetings live channel failed'),
  });
  // Revocation reaches live channels at once: a suspended person's streams, an ended session's streams.
  const unsubscribe = [onUserSuspended((e) => hub.closeUser(e.userId)), onSessionsEnded((e) => hub.closeSessions(e.userId, e.sessionIds))];
  app.addHook('preClose', async () => {
    for (const u of unsubscribe) u();
    hub.close();
  });
  const kick = () => deps.kickJobs();
  const route = routeMaker(app, deps, 'meetings');
  const { db } = deps;

  // ------------------------------------------------------------------------------------------
  // Meetings

  route(
    'POST',
    '/api/meetings',
    { ...signedIn, summary: 'Plan a meeting of a body (Secretariat). Numbered per body; invites every member state unless told otherwise.', body: s.createMeetingBody, status: 201, reply: s.meetingDetail, errors },
    ({ ctx, body }) => svc.createMeeting(db, ctx, body),
  );

  route(
    'GET',
    '/api/meetings',
    { ...open, summary: 'Meetings the caller may see (closed meetings only for the invited), by start.', querystring: s.listQuery, reply: s.meetingPage, errors: { 400: problemSchema } },
    ({ ctx, query }) =>
      svc.listMeetings(db, ctx, {
        body: query.body?.toUpperCase(),
        status: query.status,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        limit: query.limit,
        offset: query.offset,
      }),
  );

  route(
    'GET',
    '/api/meetings/:id',
    { ...open, summary: 'One meeting with its notice; 404 for a meeting the caller may not see.', params: s.idParams, reply: s.meetingDetail, errors: readErrors },
    ({ ctx, params }) => svc.getMeeting(db, ctx, params.id),
  );

  route(
    'PATCH',
    '/api/meetings/:id',
    { ...signedIn, summary: 'Change a planned or convened meeting (Secretariat).', params: s.idParams, body: s.updateMeetingBody, reply: s.meetingDetail, errors },
    ({ ctx, params, body }) => svc.updateMeeting(db, ctx, hub, params.id, body),
  );

  route(
    'POST',
    '/api/meetings/:id/convene',
    {
      ...signedIn,
      summary: 'Convene: set the deadlines, generate the notice in the forum’s languages and send it to the invited delegations.',
      params: s.idParams,
      body: s.conveneBody,
      reply: s.meetingDetail,
      errors,
    },
    ({ ctx, params, body }) => svc.conveneMeeting(db, ctx, hub, params.id, body, kick),
  );

  route(
    'POST',
    '/api/meetings/:id/status',
    { ...signedIn, summary: 'Open the session or close the meeting (the Chair, or the Secretariat).', params: s.idParams, body: s.statusBody, reply: s.meetingDetail, errors },
    ({ ctx, params, body }) => svc.changeStatus(db, ctx, hub, params.id, body.to),
  );

  // ------------------------------------------------------------------------------------------
  // Agenda

  route(
    'GET',
    '/api/meetings/:id/agenda',
    { ...open, summary: 'The agenda, numbered, with its documents the caller may read and the statements handed in.', params: s.idParams, reply: s.agendaView, errors: readErrors },
    ({ ctx, params }) => svc.getAgenda(db, ctx, params.id),
  );

  route(
    'POST',
    '/api/meetings/:id/agenda/items',
    { ...signedIn, summary: 'Add an item or sub-item to the provisional agenda (the Secretariat or the Chair).', params: s.idParams, body: s.itemBody, status: 201, reply: s.agendaView, errors },
    ({ ctx, params, body }) => svc.addItem(db, ctx, hub, params.id, body),
  );

  route(
    'PATCH',
    '/api/meetings/:id/agenda/items/:itemId',
    { ...signedIn, summary: 'Rename, move (reorder) an item, or set its documents (the Secretariat or the Chair); numbers follow the order.', params: s.itemParams, body: s.itemPatch, reply: s.agendaView, errors },
    ({ ctx, params, body }) => svc.updateItem(db, ctx, hub, params.id, params.itemId, body),
  );

  route(
    'DELETE',
    '/api/meetings/:id/agenda/items/:itemId',
    { ...signedIn, summary: 'Remove an item (and its sub-items) from the provisional agenda (the Secretariat or the Chair).', params: s.itemParams, reply: s.agendaView, errors },
    ({ ctx, params }) => svc.deleteItem(db, ctx, hub, params.id, params.itemId),
  );

  route(
    'POST',
    '/api/meetings/:id/agenda/requests',
    { ...signedIn, summary: 'A delegation asks for an item on the agenda (its focal point or head).', params: s.idParams, body: s.requestBody, status: 201, reply: s.agendaView, errors },
    ({ ctx, params, body }) => svc.requestItem(db, ctx, hub, params.id, body),
  );

  route(
    'POST',
    '/api/meetings/:id/agenda/items/:itemId/decision',
    { ...signedIn, summary: 'The Chair accepts or declines a requested item.', params: s.itemParams, body: s.decideBody, reply: s.agendaView, errors },
    ({ ctx, params, body }) => svc.decideRequest(db, ctx, hub, params.id, params.itemId, body),
  );

  route(
    'POST',
    '/api/meetings/:id/agenda/adopt',
    {
      ...signedIn,
      summary: 'Adopt the agenda by consensus: on a decision of this meeting found without objection, or on the Chair’s finding in session.',
      params: s.idParams,
      body: s.adoptBody,
      reply: s.agendaView,
      errors,
    },
    ({ ctx, params, body }) => svc.adoptAgenda(db, ctx, hub, params.id, body),
  );

  // ------------------------------------------------------------------------------------------
  // Accreditation

  route(
    'GET',
    '/api/meetings/:id/registrations',
    { ...signedIn, summary: 'Registrations: all for the Secretariat, a delegation’s own for its focal point or head.', params: s.idParams, reply: s.registrationList, errors: readErrors },
    async ({ ctx, params }) => ({ items: await accreditation.listRegistrations(db, ctx, params.id) }),
  );

  route(
    'GET',
    '/api/meetings/:id/registrations/:party',
    { ...signedIn, summary: 'One delegation’s registration.', params: s.partyParams, reply: s.registrationView, errors: readErrors },
    ({ ctx, params }) => accreditation.getRegistration(db, ctx, params.id, params.party),
  );

  route(
    'PUT',
    '/api/meetings/:id/registrations/:party',
    {
      ...signedIn,
      summary: 'Register (or re-register) the delegation: only the party’s own focal point, while registration is open.',
      params: s.partyParams,
      body: s.registrationBody,
      reply: s.registrationView,
      errors,
    },
    ({ ctx, params, body }) => accreditation.registerDelegation(db, ctx, params.id, params.party, body),
  );

  route(
    'POST',
    '/api/meetings/:id/registrations/:party/decision',
    { ...signedIn, summary: 'The Secretariat accepts a registration or returns it with a reason.', params: s.partyParams, body: s.registrationDecisionBody, reply: s.registrationView, errors },
    ({ ctx, params, body }) => accreditation.decideRegistration(db, ctx, params.id, params.party, body, kick),
  );

  app.get(
    '/api/meetings/:id/registrations/:party/credentials',
    {
      config: signedIn,
      schema: { tags, summary: 'Download the credentials letter (the Secretariat, the delegation’s focal point or head).', params: s.partyParams, produces: ['application/pdf'], response: { 200: z.any().meta({ description: 'The PDF' }), ...readErrors } },
    },
    async (req, reply) => {
      const f = await accreditation.downloadCredentials(deps.db, ctxOf(req, deps), req.params.id, req.params.party);
      return reply
        .type(f.mediaType)
        .header('content-disposition', contentDisposition(f.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(f.content);
    },
  );

  await app.register(async (scoped: App) => {
    await scoped.register(multipart, { limits: { fileSize: deps.config.uploadMaxBytes, files: 1, fields: 0, parts: 2, headerPairs: 100 } });
    scoped.post(
      '/api/meetings/:id/registrations/:party/credentials',
      {
        config: signedIn,
        bodyLimit: deps.config.uploadMaxBytes + 64 * 1024,
        schema: {
          tags,
          summary: 'Upload the credentials letter as a PDF (multipart field "file"); judged by its bytes.',
          consumes: ['multipart/form-data'],
          params: s.partyParams,
          response: { 200: s.registrationView, ...errors, 413: problemSchema, 415: problemSchema },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart()) return sendProblem(reply, 415, 'meetings.upload_not_multipart', 'Send the file as multipart/form-data in a field named "file".');
        let part: Awaited<ReturnType<typeof req.file>>;
        let bytes: Buffer;
        try {
          part = await req.file();
          if (!part || part.fieldname !== 'file') return sendProblem(reply, 400, 'meetings.upload_no_file', 'Send the file in a multipart field named "file".');
          bytes = await part.toBuffer();
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendProblem(reply, 413, 'meetings.file_too_large', 'The file is too large.');
          if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return sendProblem(reply, 400, 'meetings.upload_one_file', 'Send exactly one file, in a field named "file".');
          throw err;
        }
        const hint = await fileTypeFromBuffer(bytes).catch(() => undefined);
        return accreditation.uploadCredentials(deps.db, ctxOf(req, deps), req.params.id, req.params.party, { fileName: part.filename, bytes, hint: hint ?? null });
      },
    );
  });

  route(
    'GET',
    '/api/meetings/:id/participants',
    {
      ...signedIn,
      summary: 'The list of participants (accepted delegations) in the forum’s order; for the invited and the Secretariat.',
      params: s.idParams,
      querystring: s.participantsQuery,
      reply: s.participantsView,
      errors: readErrors,
    },
    ({ ctx, params, query }) => accreditation.listParticipants(db, ctx, params.id, query.order),
  );

  // ------------------------------------------------------------------------------------------
  // The live room

  route(
    'GET',
    '/api/meetings/:id/live',
    { ...open, summary: 'The room now: current item, who speaks (with the end of their time), the queue.', params: s.idParams, reply: s.liveView, errors: readErrors },
    ({ ctx, params }) => live.getLive(db, ctx, params.id),
  );

  route(
    'POST',
    '/api/meetings/:id/live/item',
    { ...signedIn, summary: 'The Chair takes up an agenda item.', params: s.idParams, body: s.currentItemBody, reply: s.liveState, errors },
    ({ ctx, params, body }) => live.setCurrentItem(db, ctx, hub, params.id, body.itemId),
  );

  route(
    'POST',
    '/api/meetings/:id/speakers',
    { ...signedIn, summary: 'A delegation asks for the floor on the current item: regular, point of order, or right of reply.', params: s.idParams, body: s.askFloorBody, status: 201, reply: s.liveState, errors },
    ({ ctx, params, body }) => live.askForFloor(db, ctx, hub, params.id, body),
  );

  route(
    'POST',
    '/api/meetings/:id/speakers/:speakerId/withdraw',
    { ...signedIn, summary: 'Withdraw a request for the floor (the delegation, or the Chair).', params: s.speakerParams, reply: s.liveState, errors },
    ({ ctx, params }) => live.withdrawFromList(db, ctx, hub, params.id, params.speakerId),
  );

  route(
    'POST',
    '/api/meetings/:id/speakers/next',
    { ...signedIn, summary: 'The Chair gives the floor: to the head of the queue, or to the named request.', params: s.idParams, body: s.giveFloorBody, reply: s.liveState, errors },
    ({ ctx, params, body }) => live.giveFloor(db, ctx, hub, params.id, body),
  );

  route(
    'POST',
    '/api/meetings/:id/speakers/end',
    { ...signedIn, summary: 'The Chair ends the current statement.', params: s.idParams, reply: s.liveState, errors },
    ({ ctx, params }) => live.endFloor(db, ctx, hub, params.id),
  );

  route(
    'POST',
    '/api/meetings/:id/statements',
    { ...signedIn, summary: 'A delegation hands in its statement on an item.', params: s.idParams, body: s.statementBody, status: 201, reply: s.statementView, errors },
    ({ ctx, params, body }) => live.handInStatement(db, ctx, hub, params.id, body),
  );

  app.get(
    '/api/meetings/:id/events',
    {
      config: open,
      // The stream can stay open for hours: no request log line per event, and none for the stream itself.
      logLevel: 'warn',
      schema: {
        tags,
        summary:
          'Live events of the meeting (Server-Sent Events). Each event has an id; reconnect with the Last-Event-ID header (or ?lastEventId=) to receive everything missed. Event types: live, agenda, meeting, record, statement.',
        params: s.idParams,
        querystring: z.object({
          lastEventId: z.coerce.number().int().min(0).optional(),
          once: z.enum(['true', 'false']).optional().meta({ description: 'true: send what is stored after lastEventId and end the response (for proxies that buffer streams: poll instead).' }),
        }),
        produces: ['text/event-stream'],
        response: { 200: z.string().meta({ description: 'text/event-stream' }), ...readErrors },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      await loadVisibleMeeting(deps.db, ctx, req.params.id);
      const header = req.headers['last-event-id'];
      const fromHeader = typeof header === 'string' && /^\d{1,15}$/.test(header.trim()) ? Number(header.trim()) : null;
      const lastEventId = fromHeader ?? req.query.lastEventId ?? null;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-accel-buffering': 'no',
        'x-request-id': String(req.id),
        // A stream is never followed by another request on its connection: ending it ends the socket.
        connection: 'close',
      });
      req.raw.socket.setNoDelay(true);
      req.raw.socket.setTimeout(0);
      if (req.query.once === 'true') {
        res.end(await hub.replay(req.params.id, lastEventId ?? 0));
        return;
      }
      await hub.attach(req.params.id, res, ctx.actor, lastEventId);
    },
  );

  // ------------------------------------------------------------------------------------------
  // Record and outcomes

  route(
    'GET',
    '/api/meetings/:id/record',
    { ...signedIn, summary: 'The summary record (participants and the Secretariat until final), corrections, outcomes.', params: s.idParams, reply: s.recordView, errors: readErrors },
    ({ ctx, params }) => svc.getRecord(db, ctx, params.id),
  );

  route(
    'PUT',
    '/api/meetings/:id/record/items/:itemId',
    { ...signedIn, summary: 'The Secretariat drafts the summary of an item.', params: s.itemParams, body: s.recordEntryBody, reply: s.recordView, errors },
    ({ ctx, params, body }) => svc.draftRecordEntry(db, ctx, hub, params.id, params.itemId, body),
  );

  route(
    'POST',
    '/api/meetings/:id/record/circulate',
    { ...signedIn, summary: 'Circulate the draft record to the participants with a deadline for corrections.', params: s.idParams, body: s.circulateBody, reply: s.recordView, errors },
    ({ ctx, params, body }) => svc.circulateRecord(db, ctx, hub, params.id, body, kick),
  );

  route(
    'POST',
    '/api/meetings/:id/record/corrections',
    { ...signedIn, summary: 'A participating delegation proposes a correction before the deadline.', params: s.idParams, body: s.correctionBody, status: 201, reply: s.recordView, errors },
    ({ ctx, params, body }) => svc.proposeCorrection(db, ctx, hub, params.id, body),
  );

  route(
    'POST',
    '/api/meetings/:id/record/corrections/:correctionId/decision',
    { ...signedIn, summary: 'The Secretariat accepts or rejects a correction.', params: s.correctionParams, body: s.correctionDecisionBody, reply: s.recordView, errors },
    ({ ctx, params, body }) => svc.decideCorrection(db, ctx, hub, params.id, params.correctionId, body),
  );

  route(
    'POST',
    '/api/meetings/:id/record/finalize',
    { ...signedIn, summary: 'Make the record final after the deadline (the meeting becomes record-final).', params: s.idParams, reply: s.recordView, errors },
    ({ ctx, params }) => svc.finalizeRecord(db, ctx, hub, params.id),
  );

  route(
    'POST',
    '/api/meetings/:id/outcomes',
    { ...signedIn, summary: 'Link an outcome document or an adopted decision to the meeting.', params: s.idParams, body: s.outcomeBody, status: 201, reply: s.recordView, errors },
    ({ ctx, params, body }) => svc.linkOutcome(db, ctx, hub, params.id, body),
  );

  // ------------------------------------------------------------------------------------------
  // Calendars

  app.get(
    '/api/calendar.ics',
    {
      config: open,
      // The calendar token rides in the query string (calendar apps cannot send headers): keep the URL out of the logs.
      logLevel: 'warn',
      schema: {
        tags,
        summary:
          'Your calendar (RFC 5545): your meetings, their registration and document deadlines, silence deadlines and exchange due days. Signed in, or with your calendar-feed token (?token=), which reads this feed only.',
        querystring: s.calendarQuery,
        produces: ['text/calendar'],
        response: { 200: z.string().meta({ description: 'text/calendar' }), 400: problemSchema, 401: problemSchema },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      if (req.query.token !== undefined) ctx.actor = await calendar.actorFromCalendarToken(deps.db, deps.clock.now(), req.query.token);
      const text = await calendar.personalCalendar(deps.db, ctx, { baseUrl: deps.config.baseUrl });
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="concord.ics"')
        .header('referrer-policy', 'no-referrer')
        .serializer((p: unknown) => p as string)
        .send(text);
    },
  );

  app.get(
    '/api/calendar/public.ics',
    { config: open, schema: { tags, summary: 'Public meetings (RFC 5545), for anyone.', querystring: s.publicCalendarQuery, produces: ['text/calendar'], response: { 200: z.string().meta({ description: 'text/calendar' }), 400: problemSchema } } },
    async (req, reply) => {
      const text = await calendar.publicCalendar(deps.db, ctxOf(req, deps), { baseUrl: deps.config.baseUrl, language: req.query.lang });
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="concord-public.ics"')
        .serializer((p: unknown) => p as string)
        .send(text);
    },
  );

  route(
    'GET',
    '/api/calendar/token',
    { ...signedIn, summary: 'Whether you have a calendar-feed token (never the token itself).', reply: s.calendarTokenStatus, errors: { 401: problemSchema, 403: problemSchema } },
    ({ ctx }) => calendar.calendarTokenStatus(db, ctx),
  );

  route(
    'POST',
    '/api/calendar/token',
    {
      ...signedIn,
      summary: 'Create (or replace) your calendar-feed token. A bearer link: whoever holds it reads your calendar feed, and nothing else. Revoke it any time.',
      status: 201,
      reply: s.calendarTokenCreated,
      errors: { 401: problemSchema, 403: problemSchema },
    },
    ({ ctx }) => calendar.createCalendarToken(db, ctx, deps.config.baseUrl),
  );

  route(
    'DELETE',
    '/api/calendar/token',
    { ...signedIn, summary: 'Revoke your calendar-feed token.', reply: s.revoked, errors: { 401: problemSchema, 403: problemSchema } },
    ({ ctx }) => calendar.revokeCalendarToken(db, ctx),
  );
}
