import { z } from 'zod';
import { localizedText, timeZone } from '../profile/profile.schemas.ts';
import { decisionStates, positionKinds, procedures, proposerKinds } from './decision.ts';

const uuid = z.uuid();
const partyCode = z.string().trim().toUpperCase().regex(/^[A-Z][A-Z0-9-]{1,15}$/, { error: 'must be a party code such as KZ' });
const bodyCode = z.string().trim().toUpperCase().regex(/^[A-Z][A-Z0-9-]{1,15}$/, { error: 'must be a body code such as SOC' });
const iso = z.string().meta({ description: 'An instant, ISO 8601 in UTC.' });

export const localDeadline = z
  .object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be YYYY-MM-DD' }),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be HH:MM (24 h)' }),
    zone: timeZone,
  })
  .meta({ id: 'LocalDeadline', description: 'A deadline as people state it: local date and time in an IANA time zone.' });

export const outcomeAccess = z.enum(['public', 'members', 'members-and-observers']);

export const createDecisionBody = z
  .object({
    bodyCode,
    title: localizedText,
    textDocumentId: uuid.nullish().meta({ description: 'The draft text: a document (usually an L. symbol) of the same body.' }),
    procedure: z.enum(procedures),
    meetingId: uuid.nullish(),
    proposerKind: z.enum(proposerKinds),
    proposerPartyCode: partyCode.nullish().meta({ description: 'The proposing member state (proposerKind member-state).' }),
    outcomeAccess: outcomeAccess.default('members').meta({ description: 'Who may see the outcome once final (and the level of the adopted document).' }),
  })
  .meta({ id: 'CreateDecision' });
export type CreateDecisionInput = z.infer<typeof createDecisionBody>;

export const launchBody = z
  .object({ expiry: localDeadline.nullish().meta({ description: 'Silence procedure: an explicit expiry; default from the forum profile.' }) })
  .meta({ id: 'LaunchDecision' });
export const extendBody = z.object({ expiry: localDeadline, reason: z.string().trim().max(2000).nullish() }).meta({ id: 'ExtendDecision' });
export const withdrawBody = z.object({ reason: z.string().trim().max(2000).nullish() }).meta({ id: 'WithdrawDecision' });
export const findingBody = z
  .object({
    outcome: z.enum(['no-objection', 'objection']),
    objectorPartyCodes: z.array(partyCode).max(100).default([]),
    note: z.string().trim().max(4000).nullish(),
  })
  .meta({ id: 'RecordFinding' });

export const positionBody = z
  .object({
    kind: z.enum(positionKinds),
    text: z.string().max(20_000).nullish().meta({ description: 'Reason (objection), proposed text (amendment), or the statement (reservation, interpretative statement).' }),
    party: partyCode.nullish().meta({ description: 'The state the position is for; it must be the caller’s own (default).' }),
  })
  .meta({ id: 'RecordPosition' });
export type PositionInputBody = z.infer<typeof positionBody>;

export const commentBody = z.object({ text: z.string().trim().min(1).max(10_000) }).meta({ id: 'DecisionComment' });

export const listQuery = z.object({
  state: z.enum(decisionStates).optional(),
  body: bodyCode.optional(),
  procedure: z.enum(procedures).optional(),
  awaiting: z.enum(['mine']).optional().meta({ description: 'mine: open decisions on which the caller’s state has not acted.' }),
  textDocumentId: uuid.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const idParams = z.object({ id: uuid });

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, { error: 'must be 1–255 visible ASCII characters' })
    .optional()
    .meta({ description: 'Retry safely: the same key and body return the first result; another body 422; still in flight 409.' }),
});

export const positionHeaders = idempotencyHeaders.extend({
  'x-totp-code': z
    .string()
    .trim()
    .regex(/^\d{3} ?\d{3}$/, { error: 'must be the 6-digit code from the authenticator app' })
    .optional()
    .meta({ description: 'Two-factor step-up: the current code from the authenticator app, needed whenever a position is recorded (not for repeating the current one).' }),
});

// ---------------------------------------------------------------------------------------------
// Responses

export const expiryView = z.object({ at: iso, date: z.string(), time: z.string(), zone: z.string() }).meta({ id: 'DecisionExpiry' });
const docRef = z.object({ id: z.string(), symbol: z.string() });

export const positionView = z
  .object({
    id: z.string(),
    partyCode: z.string(),
    kind: z.enum(positionKinds),
    text: z.string().nullable(),
    recordedAt: iso,
    isCurrent: z.boolean(),
    supersededBy: z.string().nullable(),
  })
  .meta({ id: 'DecisionPosition' });

export const annexView = z
  .object({ partyCode: z.string(), kind: z.enum(['reservation', 'interpretative-statement']), text: z.string(), recordedAt: iso })
  .meta({ id: 'DecisionAnnex' });

export const decisionSummary = z
  .object({
    id: z.string(),
    bodyCode: z.string(),
    title: z.record(z.string(), z.string()),
    procedure: z.enum(procedures),
    state: z.enum(decisionStates),
    decidedAt: iso.nullable(),
    launchedAt: iso.nullable(),
    expiry: expiryView.nullable(),
    textDocument: docRef.nullable(),
    outcomeDocument: docRef.nullable(),
    progress: z.object({ members: z.number().int(), acted: z.number().int() }).nullable().meta({ description: 'Members and the Secretariat only.' }),
    myPosition: z.enum(positionKinds).nullable(),
    awaitingMyState: z.boolean(),
    createdAt: iso,
  })
  .meta({ id: 'DecisionSummary' });

export const decisionList = z.object({ items: z.array(decisionSummary), total: z.number().int(), limit: z.number().int(), offset: z.number().int() }).meta({ id: 'DecisionList' });

export const decisionView = decisionSummary
  .extend({
    proposer: z.object({ kind: z.enum(proposerKinds), partyCode: z.string().nullable() }),
    meetingId: z.string().nullable(),
    definition: z.enum(['no-objection', 'unanimity']),
    outcomeAccess,
    launchedOnBehalfOfChair: z.boolean(),
    extensions: z.array(z.object({ at: iso, from: expiryView, to: expiryView, onBehalfOfChair: z.boolean(), reason: z.string().nullable() })),
    withdrawnAt: iso.nullable(),
    withdrawalReason: z.string().nullable(),
    finding: z
      .object({ at: iso, outcome: z.enum(['no-objection', 'objection']), objectors: z.array(z.string()), note: z.string().nullable(), onBehalfOfChair: z.boolean() })
      .nullable(),
    blockingStates: z.array(z.string()).nullable().meta({ description: 'States that broke silence or were found to object: members and the Secretariat only.' }),
    annexes: z.array(annexView).meta({ description: 'Reservations and interpretative statements (attached to the adopted text).' }),
    acceptsPositions: z.boolean(),
    concludedAt: iso.nullable(),
    now: iso.meta({ description: 'The server’s clock when it answered: a countdown counts from it, not from the viewer’s clock.' }),
    can: z.object({
      recordPosition: z.boolean(),
      launch: z.boolean(),
      extend: z.boolean(),
      withdraw: z.boolean(),
      recordFinding: z.boolean(),
      comment: z.boolean(),
    }),
  })
  .meta({ id: 'Decision' });
export type DecisionView = z.infer<typeof decisionView>;

export const positionsView = z
  .object({
    decisionId: z.string(),
    state: z.enum(decisionStates),
    members: z
      .array(z.object({ partyCode: z.string(), position: positionView.nullable() }))
      .nullable()
      .meta({ description: 'Each member state and its current position: members and the Secretariat only.' }),
    history: z.array(positionView).nullable(),
    blockingStates: z.array(z.string()).nullable(),
    annexes: z.array(annexView),
  })
  .meta({ id: 'DecisionPositions' });

export const recordPositionResult = z
  .object({
    position: positionView,
    changed: z.boolean().meta({ description: 'false when the position repeats the current one (nothing new recorded).' }),
    state: z.enum(decisionStates),
  })
  .meta({ id: 'RecordPositionResult' });
export type RecordPositionResult = z.infer<typeof recordPositionResult>;

export const silenceDefaultView = z
  .object({
    expiry: expiryView.meta({ description: 'The expiry a silence procedure launched now would have by default.' }),
    silenceDays: z.number().int(),
    closingHour: z.string(),
    zone: z.string().meta({ description: 'The forum’s IANA time zone (profile).' }),
  })
  .meta({ id: 'DecisionSilenceDefault' });

export const commentView = z
  .object({ id: z.string(), partyCode: z.string(), author: z.string(), text: z.string(), createdAt: iso })
  .meta({ id: 'DecisionCommentView' });
export const commentList = z.object({ items: z.array(commentView) }).meta({ id: 'DecisionComments' });
