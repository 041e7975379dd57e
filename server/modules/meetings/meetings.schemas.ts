import { z } from 'zod';
import { isTimeZone, languageCode, localizedText } from '../profile/profile.schemas.ts';
import { meetingFormats, meetingStatuses, papersAccessLevels } from './meeting.ts';
import { speakerKinds } from './speakers.ts';

const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 instant such as 2026-12-01T10:00:00+05:00' });
const uuid = z.uuid({ error: 'must be a UUID' });
const partyCode = z.string().trim().regex(/^[A-Za-z][A-Za-z0-9-]{1,15}$/, { error: 'must be a party code such as KZ' });
const zone = z.string().refine(isTimeZone, { error: 'must be an IANA time zone such as Asia/Almaty' });
const names = z.record(z.string(), z.string());

export const idParams = z.object({ id: uuid });
export const itemParams = z.object({ id: uuid, itemId: uuid });
export const partyParams = z.object({ id: uuid, party: partyCode });
export const speakerParams = z.object({ id: uuid, speakerId: uuid });
export const correctionParams = z.object({ id: uuid, correctionId: uuid });

const venue = z.object({ city: z.string().trim().min(1).max(120), country: z.string().regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 code' }) }).meta({ id: 'MeetingVenue' });

export const createMeetingBody = z
  .object({
    body: z.string().trim().min(2).max(16).meta({ description: 'Code of the body that meets: SOC, MC, CHS, SWG, EM…' }),
    ordinal: z.number().int().min(1).max(100000).optional().meta({ description: 'Number of the meeting in the series of its body; the next one when omitted.' }),
    title: localizedText,
    startsAt: instant,
    endsAt: instant,
    timeZone: zone,
    venue: venue.nullable().optional(),
    onlineUrl: z.url({ protocol: /^https$/, error: 'must be an https URL' }).max(500).nullable().optional(),
    format: z.enum(meetingFormats),
    presidingParty: partyCode.nullable().optional().meta({ description: 'The presiding member state; the Chair in office when omitted.' }),
    papersAccess: z.enum(papersAccessLevels),
    closed: z.boolean().optional().meta({ description: 'A closed meeting exists only for the invited parties and the Secretariat.' }),
    highLevel: z.boolean().optional().meta({ description: 'Delegations upload a credentials letter to be accredited.' }),
    speakingTimeSeconds: z.number().int().min(30).max(3600).optional(),
    members: z.array(partyCode).max(200).optional().meta({ description: 'Member states invited (default: every member state).' }),
    observers: z.array(partyCode).max(200).optional().meta({ description: 'Observers invited (default: none).' }),
  })
  .strict()
  .meta({ id: 'MeetingCreate' });

export const updateMeetingBody = createMeetingBody.omit({ body: true }).partial().strict().meta({ id: 'MeetingUpdate' });

const partyRef = z.object({ code: z.string(), kind: z.string(), names }).meta({ id: 'MeetingPartyRef' });

export const meetingView = z
  .object({
    id: z.string(),
    body: z.object({ code: z.string(), names }),
    ordinal: z.number().int(),
    name: names.meta({ description: 'The meeting’s name per language: "7th meeting of the Senior Officials Committee".' }),
    title: names,
    startsAt: z.string(),
    endsAt: z.string(),
    timeZone: z.string(),
    venue: venue.nullable(),
    onlineUrl: z.string().nullable().meta({ description: 'Shown to the invited parties and the Secretariat only.' }),
    format: z.enum(meetingFormats),
    status: z.enum(meetingStatuses),
    presidingParty: partyRef.nullable(),
    papersAccess: z.enum(papersAccessLevels),
    closed: z.boolean(),
    highLevel: z.boolean(),
    speakingTimeSeconds: z.number().int(),
    registrationDeadline: z.string().nullable(),
    documentsDeadline: z.string().nullable(),
    convenedAt: z.string().nullable(),
    agendaStatus: z.enum(['provisional', 'adopted']),
    agendaAdoptedAt: z.string().nullable(),
    agendaDecisionId: z.string().nullable(),
    currentItemId: z.string().nullable(),
    record: z.object({ status: z.enum(['draft', 'circulated', 'final']), circulatedAt: z.string().nullable(), correctionsDeadline: z.string().nullable(), finalAt: z.string().nullable() }),
    invited: z.array(partyRef.extend({ role: z.enum(['member', 'observer']) })),
    eventSeq: z.number().int().meta({ description: 'The last live event; an SSE client resumes after it.' }),
    can: z.object({
      manage: z.boolean(),
      chair: z.boolean(),
      register: z.boolean(),
      requestItem: z.boolean(),
      askFloor: z.boolean(),
      statement: z.boolean(),
      correctRecord: z.boolean(),
      participants: z.boolean(),
    }),
  })
  .meta({ id: 'Meeting' });

export const meetingDetail = meetingView.extend({ notice: names.nullable().meta({ description: 'The convening notice per language, as sent.' }) }).meta({ id: 'MeetingDetail' });

export const listQuery = z.object({
  body: z.string().trim().min(2).max(16).optional(),
  status: z.enum(meetingStatuses).optional(),
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100000).default(0),
});

export const meetingPage = z.object({ items: z.array(meetingView), total: z.number().int() }).meta({ id: 'MeetingPage' });

export const conveneBody = z.object({ registrationDeadline: instant, documentsDeadline: instant }).strict().meta({ id: 'MeetingConvene' });
export const statusBody = z.object({ to: z.enum(['in-session', 'closed']) }).strict().meta({ id: 'MeetingStatusChange' });

// Agenda
const itemTitle = localizedText;
export const itemBody = z
  .object({
    title: itemTitle,
    parentId: uuid.nullable().optional(),
    index: z.number().int().min(0).max(1000).optional(),
    documentIds: z.array(uuid).max(50).optional(),
  })
  .strict()
  .meta({ id: 'AgendaItemCreate' });
export const itemPatch = z
  .object({
    title: itemTitle.optional(),
    parentId: uuid.nullable().optional(),
    index: z.number().int().min(0).max(1000).optional(),
    documentIds: z.array(uuid).max(50).optional(),
  })
  .strict()
  .meta({ id: 'AgendaItemUpdate' });
export const requestBody = z.object({ title: itemTitle, explanation: z.string().trim().min(1).max(2000).optional() }).strict().meta({ id: 'AgendaItemRequest' });
export const decideBody = z.object({ accept: z.boolean(), note: z.string().trim().min(1).max(2000).optional(), index: z.number().int().min(0).max(1000).optional() }).strict().meta({ id: 'AgendaRequestDecision' });
export const adoptBody = z.object({ decisionId: uuid.nullable().optional() }).strict().meta({ id: 'AgendaAdoption' });

const agendaItem = z
  .object({
    id: z.string(),
    number: z.string().nullable(),
    parentId: z.string().nullable(),
    position: z.number().int(),
    title: names,
    status: z.enum(['listed', 'requested', 'declined']),
    requestedBy: z.string().nullable(),
    explanation: z.string().nullable(),
    decisionNote: z.string().nullable(),
    documents: z.array(z.object({ id: z.string(), symbol: z.string(), title: z.string() })),
    statements: z.array(z.object({ id: z.string(), party: z.string(), language: z.string(), text: z.string(), documentId: z.string().nullable(), createdAt: z.string() })),
  })
  .meta({ id: 'AgendaItem' });

export const agendaView = z
  .object({
    meetingId: z.string(),
    status: z.enum(['provisional', 'adopted']),
    adoptedAt: z.string().nullable(),
    decisionId: z.string().nullable(),
    currentItemId: z.string().nullable(),
    items: z.array(agendaItem).meta({ description: 'The agenda in reading order, numbered 1, 2, 2.1…' }),
    requests: z.array(agendaItem).meta({ description: 'Items delegations asked for (the Secretariat and the Chair see all; a party its own).' }),
  })
  .meta({ id: 'Agenda' });

// Accreditation
const delegate = z
  .object({
    name: z.string().trim().min(1).max(200),
    function: z.enum(['head', 'alternate', 'adviser']),
    title: z.string().trim().min(1).max(200).nullable().optional(),
    email: z.email().max(254).nullable().optional(),
  })
  .strict();
export const registrationBody = z.object({ delegates: z.array(delegate).min(1).max(40) }).strict().meta({ id: 'RegistrationSubmit' });
export const registrationDecisionBody = z.object({ accept: z.boolean(), reason: z.string().trim().min(1).max(2000).nullable().optional() }).strict().meta({ id: 'RegistrationDecision' });

export const registrationView = z
  .object({
    party: partyRef,
    status: z.enum(['submitted', 'accepted', 'returned']),
    submittedAt: z.string(),
    decidedAt: z.string().nullable(),
    returnReason: z.string().nullable(),
    delegates: z.array(z.object({ name: z.string(), function: z.enum(['head', 'alternate', 'adviser']), title: z.string().nullable(), email: z.string().nullable() })),
    credentials: z.object({ fileName: z.string(), mediaType: z.string(), sizeBytes: z.number().int(), sha256: z.string(), uploadedAt: z.string() }).nullable(),
  })
  .meta({ id: 'Registration' });
export const registrationList = z.object({ items: z.array(registrationView) }).meta({ id: 'RegistrationList' });

export const participantsQuery = z.object({ order: languageCode.optional() });
export const participantsView = z
  .object({
    meetingId: z.string(),
    order: z.string(),
    groups: z.array(
      z.object({
        role: z.enum(['member', 'observer']),
        parties: z.array(z.object({ code: z.string(), kind: z.string(), name: z.string(), delegates: z.array(z.object({ name: z.string(), function: z.enum(['head', 'alternate', 'adviser']), title: z.string().nullable() })) })),
      }),
    ),
  })
  .meta({ id: 'ListOfParticipants' });

// Live room
const speaker = z
  .object({
    id: z.string(),
    party: z.object({ code: z.string(), names }),
    kind: z.enum(speakerKinds),
    repliesTo: z.string().nullable(),
    status: z.enum(['waiting', 'speaking', 'done', 'withdrawn']),
    requestedAt: z.string(),
    startedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    limitSeconds: z.number().int().nullable(),
    endsAt: z.string().nullable().meta({ description: 'When the speaking time runs out: startedAt + limit. Screens count down to it.' }),
  })
  .meta({ id: 'Speaker' });

export const liveState = z
  .object({
    meetingId: z.string(),
    status: z.string(),
    currentItem: z.object({ id: z.string(), number: z.string().nullable(), title: names }).nullable(),
    speaking: speaker.nullable(),
    queue: z.array(speaker).meta({ description: 'Waiting, in the order they get the floor: points of order, rights of reply, regular speakers.' }),
    spoken: z.array(speaker).meta({ description: 'The last five who spoke on the item, newest last.' }),
    spokenCount: z.number().int(),
  })
  .meta({ id: 'LiveState' });
export const liveView = liveState.extend({ eventSeq: z.number().int(), serverTime: z.string() }).meta({ id: 'LiveView' });

export const currentItemBody = z.object({ itemId: uuid }).strict().meta({ id: 'CurrentItem' });
export const askFloorBody = z.object({ kind: z.enum(speakerKinds).default('regular'), repliesTo: uuid.nullable().optional() }).strict().meta({ id: 'FloorRequest' });
export const giveFloorBody = z.object({ speakerId: uuid.nullable().optional(), limitSeconds: z.number().int().min(10).max(3600).optional() }).strict().meta({ id: 'GiveFloor' });
export const statementBody = z
  .object({ itemId: uuid, language: languageCode, text: z.string().trim().min(1).max(50_000), documentId: uuid.nullable().optional() })
  .strict()
  .meta({ id: 'StatementSubmit' });
export const statementView = z
  .object({ id: z.string(), itemId: z.string(), party: z.string(), language: z.string(), text: z.string(), documentId: z.string().nullable(), createdAt: z.string() })
  .meta({ id: 'Statement' });

// Record
export const recordEntryBody = z.object({ language: languageCode, text: z.string().trim().min(1).max(100_000) }).strict().meta({ id: 'RecordEntry' });
export const circulateBody = z.object({ correctionsDeadline: instant }).strict().meta({ id: 'RecordCirculation' });
export const correctionBody = z.object({ itemId: uuid, text: z.string().trim().min(1).max(20_000) }).strict().meta({ id: 'RecordCorrection' });
export const correctionDecisionBody = z.object({ accept: z.boolean(), note: z.string().trim().min(1).max(2000).optional() }).strict().meta({ id: 'RecordCorrectionDecision' });
export const outcomeBody = z.object({ documentId: uuid.nullable().optional(), decisionId: uuid.nullable().optional() }).strict().meta({ id: 'MeetingOutcomeLink' });

export const recordView = z
  .object({
    meetingId: z.string(),
    status: z.enum(['draft', 'circulated', 'final']),
    circulatedAt: z.string().nullable(),
    correctionsDeadline: z.string().nullable(),
    finalAt: z.string().nullable(),
    canCorrect: z.boolean(),
    entries: z.array(z.object({ itemId: z.string(), number: z.string().nullable(), title: names, language: z.string().nullable(), text: z.string().nullable(), updatedAt: z.string().nullable() })),
    corrections: z.array(
      z.object({
        id: z.string(),
        itemId: z.string(),
        party: z.string(),
        text: z.string(),
        status: z.enum(['pending', 'accepted', 'rejected']),
        createdAt: z.string(),
        decidedAt: z.string().nullable(),
        decisionNote: z.string().nullable(),
      }),
    ),
    outcomes: z.array(
      z.object({ id: z.string(), documentId: z.string().nullable(), symbol: z.string().nullable(), title: z.string().nullable(), decisionId: z.string().nullable(), decisionTitle: names.nullable() }),
    ),
  })
  .meta({ id: 'SummaryRecord' });

// Calendar
export const calendarQuery = z.object({ token: z.string().max(200).optional().meta({ description: 'A calendar-feed token (for calendar apps that cannot sign in).' }) });
export const publicCalendarQuery = z.object({ lang: languageCode.optional() });
export const calendarTokenStatus = z.object({ active: z.boolean(), createdAt: z.string().nullable(), lastUsedAt: z.string().nullable() }).meta({ id: 'CalendarTokenStatus' });
export const calendarTokenCreated = z
  .object({ token: z.string(), url: z.string().meta({ description: 'Subscribe to this address in a calendar app. Shown once; anyone holding it reads your calendar.' }), createdAt: z.string() })
  .meta({ id: 'CalendarTokenCreated' });
export const revoked = z.object({ revoked: z.number().int() }).meta({ id: 'CalendarTokenRevoked' });
