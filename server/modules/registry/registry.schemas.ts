import { z } from 'zod';
import { partyKind } from '../identity/identity.schemas.ts';
import { languageCode } from '../profile/profile.schemas.ts';
import { earliestDay, isPartialDate, latestDay } from './membership.ts';

// ---------------------------------------------------------------------------------------------------------
// Building blocks

export const partialDate = z
  .string()
  .refine(isPartialDate, { error: 'must be a date: YYYY, YYYY-MM or YYYY-MM-DD' })
  .meta({ id: 'PartialDate', description: "A date as precise as the sources: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'." });

export const fullDate = z
  .string()
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isPartialDate(v), { error: 'must be a date YYYY-MM-DD' })
  .meta({ id: 'Day', description: "A calendar day, 'YYYY-MM-DD'." });

const names = z
  .record(languageCode, z.string().trim().min(1).max(300))
  .refine((v) => Object.keys(v).length <= 40, { error: 'at most 40 languages' })
  .meta({ id: 'Names', description: 'A name per language code.' });
const namesWithEnglish = names.refine((v) => Boolean(v.en), { error: 'needs an English name (en)' });

export const partyCode = z.string().regex(/^[A-Za-z][A-Za-z0-9-]{1,15}$/, { error: 'must be 2–16 letters, digits or dashes' });
export const bodyCode = partyCode;
const note = z.string().trim().min(1).max(1000);
const ref = z.string().trim().min(1).max(200);

// One PartyKind schema for the whole API (OpenAPI ids must be unique): the identity module's.
export { partyKind };
export const partyStatus = z.enum(['member', 'observer', 'partner']).meta({ id: 'PartyStatus' });

/** end (or to) not before start (or from), compared as the widest reading of both partial dates. */
function endNotBeforeStart(start: string, end: string) {
  return (v: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const s = v[start];
    const e = v[end];
    if (typeof s === 'string' && typeof e === 'string' && isPartialDate(s) && isPartialDate(e) && latestDay(e) < earliestDay(s)) {
      ctx.addIssue({ code: 'custom', path: [end], message: `must not be before ${start}` });
    }
  };
}

// ---------------------------------------------------------------------------------------------------------
// Parties

export const contact = z
  .strictObject({
    address: z.string().trim().min(1).max(1000).optional(),
    email: z.email({ error: 'must be an e-mail address' }).max(254).optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9 ()./-]{3,40}$/, { error: 'must be a phone number: digits, spaces, + ( ) - . /' })
      .optional(),
  })
  .meta({ id: 'DelegationContact', description: "The delegation's contact details. Members only." });

export const flag = z
  .string()
  .max(200_000)
  .regex(/^data:image\/(png|webp|svg\+xml);base64,[A-Za-z0-9+/]+=*$/, { error: 'must be a data: URL of a PNG, WebP or SVG image' })
  .meta({ description: 'Flag image as a data: URL (no external images).' });

export const agreement = z
  .strictObject({
    kind: z.enum(['memorandum', 'protocol']),
    signed: partialDate.nullable(),
    uncertain: note.nullable().optional(),
  })
  .meta({ id: 'PartyAgreement' });

export const statusPeriodView = z
  .object({
    id: z.string(),
    status: partyStatus,
    from: z.string().nullable(),
    knownBy: z.string().nullable().meta({ description: 'Start unknown: the latest date by which a source confirms the status.' }),
    to: z.string().nullable(),
    uncertain: z.string().nullable().meta({ description: 'Why the sources leave this period uncertain; null when it is established.' }),
    decisionRef: z.string().nullable(),
  })
  .meta({ id: 'StatusPeriod' });

const partyFields = {
  code: z.string(),
  kind: partyKind,
  names,
  shortNames: names,
  isoAlpha3: z.string().nullable(),
  flag: z.string().nullable(),
  status: partyStatus.nullable().meta({ description: 'Status on the requested day (`on`), else the current status.' }),
  since: z
    .object({ from: z.string().nullable(), knownBy: z.string().nullable(), uncertain: z.string().nullable() })
    .nullable()
    .meta({ description: 'Start of the period giving `status`.' }),
  history: z.array(statusPeriodView),
  agreements: z.array(agreement),
  notes: z.array(z.string()),
  uncertain: z.boolean().meta({ description: 'Some fact of this party is uncertain in the sources (see history).' }),
};

/** What anyone may see. It has no contact field at all, so contacts cannot leak through it. */
export const partyPublic = z.object(partyFields).meta({ id: 'PartyPublic' });
/** What signed-in users of member states and the Secretariat see (and a party about itself). */
export const partyForMembers = z.object({ ...partyFields, contact: contact.nullable() }).meta({ id: 'PartyForMembers' });
export type PartyPublicView = z.infer<typeof partyPublic>;
export type PartyForMembersView = z.infer<typeof partyForMembers>;

// Order matters: a view without `contact` fails the first and is serialized by the public schema.
export const partyView = z.union([partyForMembers, partyPublic]);
export const partyList = z
  .object({ on: z.string().nullable(), parties: z.union([z.array(partyForMembers), z.array(partyPublic)]) })
  .meta({ id: 'PartyList' });

export const partyListQuery = z.strictObject({
  kind: partyKind.optional(),
  status: partyStatus.optional(),
  on: fullDate.optional(),
  q: z.string().trim().min(1).max(100).optional(),
});

export const partyCodeParams = z.object({ code: partyCode });
export const periodParams = z.object({ code: partyCode, id: z.uuid() });

export const createPartyBody = z
  .strictObject({
    code: partyCode,
    kind: partyKind,
    names: names.optional().meta({ description: 'Required for organisations (with English); states default to i18n-iso-countries.' }),
    shortNames: names.optional(),
    since: partialDate.nullable().optional().meta({ description: 'Start of the status its kind implies.' }),
    sinceUncertain: note.nullable().optional(),
    decisionRef: ref.nullable().optional(),
    contact: contact.nullable().optional(),
    flag: flag.nullable().optional(),
    notes: z.array(note).max(50).optional(),
    agreements: z.array(agreement).max(20).optional(),
  })
  .meta({ id: 'CreateParty' });
export type CreatePartyInput = z.infer<typeof createPartyBody>;

export const updatePartyBody = z
  .strictObject({
    names: names.optional(),
    shortNames: names.optional(),
    contact: contact.nullable().optional(),
    flag: flag.nullable().optional(),
    notes: z.array(note).max(50).optional(),
    agreements: z.array(agreement).max(20).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { error: 'give at least one field to change' })
  .meta({ id: 'UpdateParty' });
export type UpdatePartyInput = z.infer<typeof updatePartyBody>;

export const changeStatusBody = z
  .strictObject({
    status: z.enum(['member', 'observer', 'partner', 'none']).meta({ description: "'none' ends the current status without a new one." }),
    from: partialDate,
    uncertain: note.nullable().optional(),
    decisionRef: ref.nullable().optional().meta({ description: 'The decision that changed the status (a reference until decisions exist).' }),
  })
  .meta({ id: 'ChangePartyStatus' });
export type ChangeStatusInput = z.infer<typeof changeStatusBody>;

export const updatePeriodBody = z
  .strictObject({
    from: partialDate.nullable().optional(),
    knownBy: partialDate.nullable().optional(),
    to: partialDate.nullable().optional(),
    uncertain: note.nullable().optional(),
    decisionRef: ref.nullable().optional(),
  })
  .superRefine(endNotBeforeStart('from', 'to'))
  .refine((v) => Object.keys(v).length > 0, { error: 'give at least one field to change' })
  .meta({ id: 'UpdateStatusPeriod' });
export type UpdatePeriodInput = z.infer<typeof updatePeriodBody>;

// ---------------------------------------------------------------------------------------------------------
// Bodies

export const bodyKind = z.enum(['decision-making', 'subsidiary', 'experts', 'secretariat', 'advisory']).meta({ id: 'BodyKind' });
export const bodyMembership = z.enum(['all-members', 'coordinator-and-participants', 'appointed']).meta({ id: 'BodyMembership' });
export const historicName = z.strictObject({ names, until: fullDate }).meta({ id: 'HistoricName', description: 'Names the body had up to (not including) `until`.' });

export const participantInput = z
  .strictObject({
    party: partyCode,
    role: z.enum(['coordinator', 'co-coordinator', 'participant']),
    scope: z.string().trim().min(1).max(40).nullable().optional().meta({ description: "What it covers, e.g. a CBM area 'NCT.1'." }),
    from: partialDate.nullable().optional(),
    to: partialDate.nullable().optional(),
    uncertain: note.nullable().optional(),
  })
  .superRefine(endNotBeforeStart('from', 'to'));

export const participantView = z
  .object({
    party: z.object({ code: z.string(), names, shortNames: names }),
    role: z.enum(['coordinator', 'co-coordinator', 'participant']),
    scope: z.string().nullable(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    uncertain: z.string().nullable(),
  })
  .meta({ id: 'BodyParticipant' });

export const bodyView = z
  .object({
    code: z.string(),
    kind: bodyKind,
    names,
    historicNames: z.array(historicName),
    reportsTo: z.string().nullable(),
    frequency: names,
    meetingsPerYear: z.number().int().nullable(),
    everyYears: z.number().int().nullable(),
    membership: bodyMembership,
    established: z.string().nullable(),
    dissolved: z.string().nullable(),
    uncertain: z.string().nullable(),
    participants: z.array(participantView),
  })
  .meta({ id: 'Body' });
export type BodyView = z.infer<typeof bodyView>;
export const bodyList = z.object({ bodies: z.array(bodyView) }).meta({ id: 'BodyList' });
export const bodyCodeParams = z.object({ code: bodyCode });

const bodyEditable = {
  kind: bodyKind,
  names: namesWithEnglish,
  historicNames: z.array(historicName).max(20),
  reportsTo: bodyCode.nullable(),
  frequency: names,
  meetingsPerYear: z.number().int().min(0).max(365).nullable(),
  everyYears: z.number().int().min(1).max(50).nullable(),
  membership: bodyMembership,
  established: partialDate.nullable(),
  dissolved: partialDate.nullable(),
  uncertain: note.nullable(),
  participants: z.array(participantInput).max(500),
};

export const createBodyBody = z
  .strictObject({
    code: bodyCode,
    kind: bodyKind,
    names: namesWithEnglish,
    membership: bodyMembership,
    historicNames: bodyEditable.historicNames.optional(),
    reportsTo: bodyEditable.reportsTo.optional(),
    frequency: bodyEditable.frequency.optional(),
    meetingsPerYear: bodyEditable.meetingsPerYear.optional(),
    everyYears: bodyEditable.everyYears.optional(),
    established: bodyEditable.established.optional(),
    dissolved: bodyEditable.dissolved.optional(),
    uncertain: bodyEditable.uncertain.optional(),
    participants: bodyEditable.participants.optional(),
  })
  .superRefine(endNotBeforeStart('established', 'dissolved'))
  .meta({ id: 'CreateBody' });
export type CreateBodyInput = z.infer<typeof createBodyBody>;

export const updateBodyBody = z
  .strictObject({
    kind: bodyEditable.kind.optional(),
    names: bodyEditable.names.optional(),
    renamedOn: fullDate.optional().meta({ description: 'With `names`: the old names become a historic name valid until this day.' }),
    historicNames: bodyEditable.historicNames.optional(),
    reportsTo: bodyEditable.reportsTo.optional(),
    frequency: bodyEditable.frequency.optional(),
    meetingsPerYear: bodyEditable.meetingsPerYear.optional(),
    everyYears: bodyEditable.everyYears.optional(),
    membership: bodyEditable.membership.optional(),
    established: bodyEditable.established.optional(),
    dissolved: bodyEditable.dissolved.optional(),
    uncertain: bodyEditable.uncertain.optional(),
    participants: bodyEditable.participants.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.renamedOn !== undefined && v.names === undefined) ctx.addIssue({ code: 'custom', path: ['renamedOn'], message: 'needs the new names' });
    if (v.renamedOn !== undefined && v.historicNames !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['renamedOn'], message: 'give either renamedOn or historicNames, not both' });
    }
  })
  .superRefine(endNotBeforeStart('established', 'dissolved'))
  .refine((v) => Object.keys(v).length > 0, { error: 'give at least one field to change' })
  .meta({ id: 'UpdateBody' });
export type UpdateBodyInput = z.infer<typeof updateBodyBody>;

// ---------------------------------------------------------------------------------------------------------
// Chairmanship

const partyRef = z.object({ code: z.string(), names, shortNames: names }).meta({ id: 'PartyName', description: 'A party by code with its names.' });

export const chairTermView = z
  .object({
    id: z.string(),
    party: partyRef,
    start: z.string(),
    end: z.string().nullable(),
    firstDay: z.string().meta({ description: 'First day in office under the reading rule of partial dates.' }),
    lastDay: z.string().nullable().meta({ description: 'Last day in office; null when open-ended.' }),
    howDecided: z.string(),
    decidedOn: z.string().nullable(),
    uncertain: z.string().nullable(),
    decisionRef: z.string().nullable(),
  })
  .meta({ id: 'ChairTerm' });
export type ChairTermView = z.infer<typeof chairTermView>;

export const chairmanships = z
  .object({ on: z.string(), current: chairTermView.nullable(), terms: z.array(chairTermView) })
  .meta({ id: 'Chairmanships' });
export const onQuery = z.strictObject({ on: fullDate.optional() });
export const idParams = z.object({ id: z.uuid({ error: 'must be an id' }) });

export const createChairTermBody = z
  .strictObject({
    party: partyCode,
    start: partialDate,
    end: partialDate.nullable().optional(),
    howDecided: z.string().trim().min(1).max(1000),
    decidedOn: partialDate.nullable().optional(),
    uncertain: note.nullable().optional(),
    decisionRef: ref.nullable().optional(),
  })
  .superRefine(endNotBeforeStart('start', 'end'))
  .meta({ id: 'CreateChairTerm' });
export type CreateChairTermInput = z.infer<typeof createChairTermBody>;

export const updateChairTermBody = z
  .strictObject({
    party: partyCode.optional(),
    start: partialDate.optional(),
    end: partialDate.nullable().optional(),
    howDecided: z.string().trim().min(1).max(1000).optional(),
    decidedOn: partialDate.nullable().optional(),
    uncertain: note.nullable().optional(),
    decisionRef: ref.nullable().optional(),
  })
  .superRefine(endNotBeforeStart('start', 'end'))
  .refine((v) => Object.keys(v).length > 0, { error: 'give at least one field to change' })
  .meta({ id: 'UpdateChairTerm' });
export type UpdateChairTermInput = z.infer<typeof updateChairTermBody>;

export const bidStatus = z.enum(['submitted', 'withdrawn', 'recommended', 'not-recommended', 'accepted', 'rejected']).meta({ id: 'ChairBidStatus' });

export const chairBidView = z
  .object({
    id: z.string(),
    party: partyRef,
    termStart: z.string(),
    termEnd: z.string().nullable(),
    submittedAt: z.string(),
    letter: z.string().nullable(),
    documentRef: z.string().nullable(),
    status: bidStatus,
    decisionRef: z.string().nullable(),
    recordedBySecretariat: z.boolean(),
  })
  .meta({ id: 'ChairBid' });
export type ChairBidView = z.infer<typeof chairBidView>;
export const chairBidList = z.object({ bids: z.array(chairBidView) }).meta({ id: 'ChairBidList' });

export const createChairBidBody = z
  .strictObject({
    party: partyCode,
    termStart: partialDate,
    termEnd: partialDate.nullable().optional(),
    submittedAt: z.iso.datetime({ offset: true, error: 'must be a date-time with a time zone' }).optional().meta({ description: 'When the letter arrived; default now.' }),
    letter: z.string().trim().min(1).max(20_000).optional(),
    documentRef: ref.optional(),
  })
  .superRefine(endNotBeforeStart('termStart', 'termEnd'))
  .superRefine((v, ctx) => {
    if (v.letter === undefined && v.documentRef === undefined) ctx.addIssue({ code: 'custom', path: ['letter'], message: 'give the letter text or a document reference' });
  })
  .meta({ id: 'CreateChairBid' });
export type CreateChairBidInput = z.infer<typeof createChairBidBody>;

export const updateChairBidBody = z
  .strictObject({
    status: bidStatus.exclude(['submitted']),
    decisionRef: ref.nullable().optional(),
  })
  .meta({ id: 'UpdateChairBid' });
export type UpdateChairBidInput = z.infer<typeof updateChairBidBody>;

// ---------------------------------------------------------------------------------------------------------
// Secretariat heads

export const secretariatHeadView = z
  .object({
    name: z.string().nullable(),
    nationality: z.string().nullable(),
    role: z.enum(['head', 'deputy']),
    title: names,
    start: z.string().nullable(),
    end: z.string().nullable(),
    uncertain: z.string().nullable(),
    current: z.boolean().meta({ description: 'In office today as far as the sources say.' }),
  })
  .meta({ id: 'SecretariatHead' });
export const secretariatHeadList = z.object({ heads: z.array(secretariatHeadView) }).meta({ id: 'SecretariatHeadList' });

// ---------------------------------------------------------------------------------------------------------
// What the caller may do here (so the web app offers the right controls without asking who is signed in)

export const registryAbilities = z
  .object({
    canEdit: z.boolean().meta({ description: 'May correct parties, bodies, chair terms and the profile (Secretariat admins).' }),
    canSeeContacts: z.boolean().meta({ description: "Sees delegation contacts (member states' users and the Secretariat)." }),
    canReadBids: z.boolean(),
  })
  .meta({ id: 'RegistryAbilities' });
