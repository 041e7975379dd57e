import multipart from '@fastify/multipart';
import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import { type AppDeps, ctxOf } from '../../http/deps.ts';
import { problemSchema, sendProblem } from '../../http/problem.ts';
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
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
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

  // ------------------------------------------------------------------------------------------
  // Meetings

  app.post(
    '/api/meetings',
    { config: signedIn, schema: { tags, summary: 'Plan a meeting of a body (Secretariat). Numbered per body; invites every member state unless told otherwise.', body: s.createMeetingBody, response: { 201: s.meetingDetail, ...errors } } },
    async (req, reply) => reply.code(201).send(await svc.createMeeting(deps.db, ctxOf(req, deps), req.body)),
  );

  app.get(
    '/api/meetings',
    { config: open, schema: { tags, summary: 'Meetings the caller may see (closed meetings only for the invited), by start.', querystring: s.listQuery, response: { 200: s.meetingPage, 400: problemSchema } } },
    async (req) =>
      svc.listMeetings(deps.db, ctxOf(req, deps), {
        body: req.query.body?.toUpperCase(),
        status: req.query.status,
        from: req.query.from ? new Date(req.query.from) : undefined,
        to: req.query.to ? new Date(req.query.to) : undefined,
        limit: req.query.limit,
        offset: req.query.offset,
      }),
  );

  app.get(
    '/api/meetings/:id',
    { config: open, schema: { tags, summary: 'One meeting with its notice; 404 for a meeting the caller may not see.', params: s.idParams, response: { 200: s.meetingDetail, ...readErrors } } },
    async (req) => svc.getMeeting(deps.db, ctxOf(req, deps), req.params.id),
  );

  app.patch(
    '/api/meetings/:id',
    { config: signedIn, schema: { tags, summary: 'Change a planned or convened meeting (Secretariat).', params: s.idParams, body: s.updateMeetingBody, response: { 200: s.meetingDetail, ...errors } } },
    async (req) => svc.updateMeeting(deps.db, ctxOf(req, deps), hub, req.params.id, req.body),
  );

  app.post(
    '/api/meetings/:id/convene',
    {
      config: signedIn,
      schema: { tags, summary: 'Convene: set the deadlines, generate the notice in the forum’s languages and send it to the invited delegations.', params: s.idParams, body: s.conveneBody, response: { 200: s.meetingDetail, ...errors } },
    },
    async (req) => svc.conveneMeeting(deps.db, ctxOf(req, deps), hub, req.params.id, req.body, kick),
  );

  app.post(
    '/api/meetings/:id/status',
    { config: signedIn, schema: { tags, summary: 'Open the session or close the meeting (the Chair, or the Secretariat).', params: s.idParams, body: s.statusBody, response: { 200: s.meetingDetail, ...errors } } },
    async (req) => svc.changeStatus(deps.db, ctxOf(req, deps), hub, req.params.id, req.body.to),
  );

  // ------------------------------------------------------------------------------------------
  // Agenda

  app.get(
    '/api/meetings/:id/agenda',
    { config: open, schema: { tags, summary: 'The agenda, numbered, with its documents the caller may read and the statements handed in.', params: s.idParams, response: { 200: s.agendaView, ...readErrors } } },
    async (req) => svc.getAgenda(deps.db, ctxOf(req, deps), req.params.id),
  );

  app.post(
    '/api/meetings/:id/agenda/items',
    { config: signedIn, schema: { tags, summary: 'Add an item or sub-item to the provisional agenda (Secretariat).', params: s.idParams, body: s.itemBody, response: { 201: s.agendaView, ...errors } } },
    async (req, reply) => reply.code(201).send(await svc.addItem(deps.db, ctxOf(req, deps), hub, req.params.id, req.body)),
  );

  app.patch(
    '/api/meetings/:id/agenda/items/:itemId',
    { config: signedIn, schema: { tags, summary: 'Rename, move (reorder) an item, or set its documents; numbers follow the order.', params: s.itemParams, body: s.itemPatch, response: { 200: s.agendaView, ...errors } } },
    async (req) => svc.updateItem(deps.db, ctxOf(req, deps), hub, req.params.id, req.params.itemId, req.body),
  );

  app.delete(
    '/api/meetings/:id/agenda/items/:itemId',
    { config: signedIn, schema: { tags, summary: 'Remove an item (and its sub-items) from the provisional agenda.', params: s.itemParams, response: { 200: s.agendaView, ...errors } } },
    async (req) => svc.deleteItem(deps.db, ctxOf(req, deps), hub, req.params.id, req.params.itemId),
  );

  app.post(
    '/api/meetings/:id/agenda/requests',
    { config: signedIn, schema: { tags, summary: 'A delegation asks for an item on the agenda (its focal point or head).', params: s.idParams, body: s.requestBody, response: { 201: s.agendaView, ...errors } } },
    async (req, reply) => reply.code(201).send(await svc.requestItem(deps.db, ctxOf(req, deps), hub, req.params.id, req.body)),
  );

  app.post(
    '/api/meetings/:id/agenda/items/:itemId/decision',
    { config: signedIn, schema: { tags, summary: 'The Chair accepts or declines a requested item.', params: s.itemParams, body: s.decideBody, response: { 200: s.agendaView, ...errors } } },
    async (req) => svc.decideRequest(deps.db, ctxOf(req, deps), hub, req.params.id, req.params.itemId, req.body),
  );

  app.post(
    '/api/meetings/:id/agenda/adopt',
    {
      config: signedIn,
      schema: { tags, summary: 'Adopt the agenda by consensus: on a decision of this meeting found without objection, or on the Chair’s finding in session.', params: s.idParams, body: s.adoptBody, response: { 200: s.agendaView, ...errors } },
    },
    async (req) => svc.adoptAgenda(deps.db, ctxOf(req, deps), hub, req.params.id, req.body),
  );

  // ------------------------------------------------------------------------------------------
  // Accreditation

  app.get(
    '/api/meetings/:id/registrations',
    { config: signedIn, schema: { tags, summary: 'Registrations: all for the Secretariat, a delegation’s own for its focal point or head.', params: s.idParams, response: { 200: s.registrationList, ...readErrors } } },
    async (req) => ({ items: await accreditation.listRegistrations(deps.db, ctxOf(req, deps), req.params.id) }),
  );

  app.get(
    '/api/meetings/:id/registrations/:party',
    { config: signedIn, schema: { tags, summary: 'One delegation’s registration.', params: s.partyParams, response: { 200: s.registrationView, ...readErrors } } },
    async (req) => accreditation.getRegistration(deps.db, ctxOf(req, deps), req.params.id, req.params.party),
  );

  app.put(
    '/api/meetings/:id/registrations/:party',
    {
      config: signedIn,
      schema: { tags, summary: 'Register (or re-register) the delegation: only the party’s own focal point, while registration is open.', params: s.partyParams, body: s.registrationBody, response: { 200: s.registrationView, ...errors } },
    },
    async (req) => accreditation.registerDelegation(deps.db, ctxOf(req, deps), req.params.id, req.params.party, req.body),
  );

  app.post(
    '/api/meetings/:id/registrations/:party/decision',
    { config: signedIn, schema: { tags, summary: 'The Secretariat accepts a registration or returns it with a reason.', params: s.partyParams, body: s.registrationDecisionBody, response: { 200: s.registrationView, ...errors } } },
    async (req) => accreditation.decideRegistration(deps.db, ctxOf(req, deps), req.params.id, req.params.party, req.body, kick),
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

  app.get(
    '/api/meetings/:id/participants',
    {
      config: signedIn,
      schema: { tags, summary: 'The list of participants (accepted delegations) in the forum’s order; for the invited and the Secretariat.', params: s.idParams, querystring: s.participantsQuery, response: { 200: s.participantsView, ...readErrors } },
    },
    async (req) => accreditation.listParticipants(deps.db, ctxOf(req, deps), req.params.id, req.query.order),
  );

  // ------------------------------------------------------------------------------------------
  // The live room

  app.get(
    '/api/meetings/:id/live',
    { config: open, schema: { tags, summary: 'The room now: current item, who speaks (with the end of their time), the queue.', params: s.idParams, response: { 200: s.liveView, ...readErrors } } },
    async (req) => live.getLive(deps.db, ctxOf(req, deps), req.params.id),
  );

  app.post(
    '/api/meetings/:id/live/item',
    { config: signedIn, schema: { tags, summary: 'The Chair takes up an agenda item.', params: s.idParams, body: s.currentItemBody, response: { 200: s.liveState, ...errors } } },
    async (req) => live.setCurrentItem(deps.db, ctxOf(req, deps), hub, req.params.id, req.body.itemId),
  );

  app.post(
    '/api/meetings/:id/speakers',
    { config: signedIn, schema: { tags, summary: 'A delegation asks for the floor on the current item: regular, point of order, or right of reply.', params: s.idParams, body: s.askFloorBody, response: { 201: s.liveState, ...errors } } },
    async (req, reply) => reply.code(201).send(await live.askForFloor(deps.db, ctxOf(req, deps), hub, req.params.id, req.body)),
  );

  app.post(
    '/api/meetings/:id/speakers/:speakerId/withdraw',
    { config: signedIn, schema: { tags, summary: 'Withdraw a request for the floor (the delegation, or the Chair).', params: s.speakerParams, response: { 200: s.liveState, ...errors } } },
    async (req) => live.withdrawFromList(deps.db, ctxOf(req, deps), hub, req.params.id, req.params.speakerId),
  );

  app.post(
    '/api/meetings/:id/speakers/next',
    { config: signedIn, schema: { tags, summary: 'The Chair gives the floor: to the head of the queue, or to the named request.', params: s.idParams, body: s.giveFloorBody, response: { 200: s.liveState, ...errors } } },
    async (req) => live.giveFloor(deps.db, ctxOf(req, deps), hub, req.params.id, req.body),
  );

  app.post(
    '/api/meetings/:id/speakers/end',
    { config: signedIn, schema: { tags, summary: 'The Chair ends the current statement.', params: s.idParams, response: { 200: s.liveState, ...errors } } },
    async (req) => live.endFloor(deps.db, ctxOf(req, deps), hub, req.params.id),
  );

  app.post(
    '/api/meetings/:id/statements',
    { config: signedIn, schema: { tags, summary: 'A delegation hands in its statement on an item.', params: s.idParams, body: s.statementBody, response: { 201: s.statementView, ...errors } } },
    async (req, reply) => reply.code(201).send(await live.handInStatement(deps.db, ctxOf(req, deps), hub, req.params.id, req.body)),
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

  app.get(
    '/api/meetings/:id/record',
    { config: signedIn, schema: { tags, summary: 'The summary record (participants and the Secretariat until final), corrections, outcomes.', params: s.idParams, response: { 200: s.recordView, ...readErrors } } },
    async (req) => svc.getRecord(deps.db, ctxOf(req, deps), req.params.id),
  );

  app.put(
    '/api/meetings/:id/record/items/:itemId',
    { config: signedIn, schema: { tags, summary: 'The Secretariat drafts the summary of an item.', params: s.itemParams, body: s.recordEntryBody, response: { 200: s.recordView, ...errors } } },
    async (req) => svc.draftRecordEntry(deps.db, ctxOf(req, deps), hub, req.params.id, req.params.itemId, req.body),
  );

  app.post(
    '/api/meetings/:id/record/circulate',
    { config: signedIn, schema: { tags, summary: 'Circulate the draft record to the participants with a deadline for corrections.', params: s.idParams, body: s.circulateBody, response: { 200: s.recordView, ...errors } } },
    async (req) => svc.circulateRecord(deps.db, ctxOf(req, deps), hub, req.params.id, req.body, kick),
  );

  app.post(
    '/api/meetings/:id/record/corrections',
    { config: signedIn, schema: { tags, summary: 'A participating delegation proposes a correction before the deadline.', params: s.idParams, body: s.correctionBody, response: { 201: s.recordView, ...errors } } },
    async (req, reply) => reply.code(201).send(await svc.proposeCorrection(deps.db, ctxOf(req, deps), hub, req.params.id, req.body)),
  );

  app.post(
    '/api/meetings/:id/record/corrections/:correctionId/decision',
    { config: signedIn, schema: { tags, summary: 'The Secretariat accepts or rejects a correction.', params: s.correctionParams, body: s.correctionDecisionBody, response: { 200: s.recordView, ...errors } } },
    async (req) => svc.decideCorrection(deps.db, ctxOf(req, deps), hub, req.params.id, req.params.correctionId, req.body),
  );

  app.post(
    '/api/meetings/:id/record/finalize',
    { config: signedIn, schema: { tags, summary: 'Make the record final after the deadline (the meeting becomes record-final).', params: s.idParams, response: { 200: s.recordView, ...errors } } },
    async (req) => svc.finalizeRecord(deps.db, ctxOf(req, deps), hub, req.params.id),
  );

  app.post(
    '/api/meetings/:id/outcomes',
    { config: signedIn, schema: { tags, summary: 'Link an outcome document or an adopted decision to the meeting.', params: s.idParams, body: s.outcomeBody, response: { 201: s.recordView, ...errors } } },
    async (req, reply) => reply.code(201).send(await svc.linkOutcome(deps.db, ctxOf(req, deps), hub, req.params.id, req.body)),
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

  app.get(
    '/api/calendar/token',
    { config: signedIn, schema: { tags, summary: 'Whether you have a calendar-feed token (never the token itself).', response: { 200: s.calendarTokenStatus, 401: problemSchema, 403: problemSchema } } },
    async (req) => calendar.calendarTokenStatus(deps.db, ctxOf(req, deps)),
  );

  app.post(
    '/api/calendar/token',
    {
      config: signedIn,
      schema: {
        tags,
        summary: 'Create (or replace) your calendar-feed token. A bearer link: whoever holds it reads your calendar feed, and nothing else. Revoke it any time.',
        response: { 201: s.calendarTokenCreated, 401: problemSchema, 403: problemSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await calendar.createCalendarToken(deps.db, ctxOf(req, deps), deps.config.baseUrl)),
  );

  app.delete(
    '/api/calendar/token',
    { config: signedIn, schema: { tags, summary: 'Revoke your calendar-feed token.', response: { 200: s.revoked, 401: problemSchema, 403: problemSchema } } },
    async (req) => calendar.revokeCalendarToken(deps.db, ctxOf(req, deps)),
  );
}
