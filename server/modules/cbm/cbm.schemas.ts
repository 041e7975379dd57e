import { z } from 'zod';
import { languageCode, localizedText } from '../profile/profile.schemas.ts';
import {
  accessLevels,
  activityStatuses,
  catalogueVersionCodes,
  coordinatorRoles,
  eventKinds,
  eventStatuses,
  offerStates,
  planStatuses,
  REPORT_DUE_DAY,
  reportStatuses,
} from './cbm.ts';

/**
 * The confidence-building measures API (issue #8): catalogue, coordination, action plans, annual plans
 * and events, participation, implementation reports and reviews, dashboards. Every object id is a uuid;
 * areas may also be addressed by their code ('NCT.1'), annual plans by their year.
 */

// ---------------------------------------------------------------------------------------------------------
// Building blocks

const uuid = z.uuid({ error: 'must be an id' });
export const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date YYYY-MM-DD' })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), { error: 'must be a real date' })
  .meta({ id: 'CbmDay', description: "A calendar day, 'YYYY-MM-DD'." });
const iso = z.string().meta({ description: 'An instant, ISO 8601 in UTC.' });
const partyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9-]{1,15}$/, { error: 'must be a party code such as IN' });
const year = z.coerce.number().int().min(1990).max(2100);
const decisionRef = z.string().trim().min(1).max(200).meta({ description: 'The decision as cited: a symbol such as CICA/SOC/DEC/2024/3.' });
const note = z.string().trim().min(1).max(4000);
export const longText = z
  .record(languageCode, z.string().trim().min(1).max(20_000))
  .refine((v) => Object.keys(v).length > 0, { error: 'needs at least one language' })
  .meta({ id: 'CbmLongText', description: 'Longer text per language code (measure texts, results, records).' });
const texts = z.record(z.string(), z.string());
const percent = z.number().int().min(0, { error: 'must be 0–100' }).max(100, { error: 'must be 0–100' });
export const areaKey = z
  .string()
  .trim()
  .regex(/^([0-9a-f-]{36}|[A-Za-z]{1,8}\.[0-9]{1,3})$/, { error: 'must be an area id or code such as NCT.1' })
  .meta({ description: "An area's id or code ('NCT.1')." });
const dimensionCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,8}$/, { error: 'must be a dimension code such as NCT' });

/** Refines a body with two day fields: the second not before the first. */
function notBefore(a: string, b: string) {
  return (v: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const x = v[a];
    const y = v[b];
    if (typeof x === 'string' && typeof y === 'string' && y < x) ctx.addIssue({ code: 'custom', path: [b], message: `must not be before ${a}` });
  };
}

export const decisionLink = z
  .object({
    decisionId: z.string().nullable().meta({ description: 'A decision recorded in Concord (decisions module).' }),
    decisionRef: z.string().nullable().meta({ description: 'The decision as cited (symbol), when it predates Concord.' }),
  })
  .meta({ id: 'CbmDecisionLink' });

export const partyRef = z.object({ code: z.string(), names: texts }).meta({ id: 'CbmPartyRef' });
export const userRef = z.object({ id: z.string(), name: z.string() }).nullable();

// ---------------------------------------------------------------------------------------------------------
// Params and queries

export const areaParams = z.object({ area: areaKey });
export const idParams = z.object({ id: uuid });
export const yearParams = z.object({ year });
export const eventDocumentParams = z.object({ id: uuid, documentId: uuid });
export const participationParams = z.object({ party: partyCode, measureId: uuid });
export const onQuery = z.strictObject({ on: day.optional().meta({ description: 'The day to answer for (coordinators in office); default today.' }) });

export const areaListQuery = z.strictObject({
  dimension: dimensionCode.optional(),
  version: z.enum(catalogueVersionCodes).optional().meta({ description: 'Only areas with a measure in this Catalogue version.' }),
  on: day.optional(),
});
export const measureListQuery = z.strictObject({
  dimension: dimensionCode.optional(),
  area: areaKey.optional(),
  version: z.enum(catalogueVersionCodes).optional(),
});
export const offerListQuery = z.strictObject({ state: z.enum(offerStates).optional(), area: areaKey.optional() });
export const planListQuery = z.strictObject({ area: areaKey.optional(), status: z.enum(planStatuses).optional() });
export const eventListQuery = z.strictObject({
  year: year.optional(),
  area: areaKey.optional(),
  dimension: dimensionCode.optional(),
  status: z.enum(eventStatuses).optional(),
  host: partyCode.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const participationQuery = z.strictObject({
  party: partyCode.optional(),
  measure: uuid.optional(),
  area: areaKey.optional(),
  on: day.optional().meta({ description: 'Only declarations in force on this day (since ≤ on, not withdrawn by then).' }),
});
export const reportListQuery = z.strictObject({ year: year.optional(), area: areaKey.optional(), status: z.enum(reportStatuses).optional() });
export const reviewListQuery = z.strictObject({ year: year.optional(), dimension: dimensionCode.optional() });
export const dashboardQuery = z.strictObject({
  year: year.optional().meta({ description: 'The year the figures for action plans, reports and the heat map are for; default this year.' }),
  on: day.optional().meta({ description: 'The day for coordinators in office, declarations in force and overdue reports; default today.' }),
});

// ---------------------------------------------------------------------------------------------------------
// Catalogue

export const catalogueVersionView = z
  .object({
    code: z.enum(catalogueVersionCodes),
    title: texts,
    adoptedOn: z.string().nullable(),
    adoptedBy: texts.nullable(),
    measureCount: z.number().int(),
  })
  .meta({ id: 'CbmCatalogueVersion' });
export const catalogueVersionList = z.object({ items: z.array(catalogueVersionView) }).meta({ id: 'CbmCatalogueVersionList' });

export const dimensionView = z
  .object({
    code: z.string(),
    position: z.number().int(),
    names: texts,
    areaCount: z.number().int(),
    measureCount: z.number().int(),
  })
  .meta({ id: 'CbmDimension' });
export const dimensionList = z.object({ items: z.array(dimensionView) }).meta({ id: 'CbmDimensionList' });

export const termView = z
  .object({
    id: z.string(),
    areaCode: z.string(),
    party: partyRef,
    role: z.enum(coordinatorRoles),
    from: z.string().nullable(),
    to: z.string().nullable(),
    inOffice: z.boolean().meta({ description: 'In office on the day asked for.' }),
    ...decisionLink.shape,
    note: z.string().nullable(),
  })
  .meta({ id: 'CbmCoordinationTerm' });

export const measureView = z
  .object({
    id: z.string(),
    code: z.string().meta({ description: "The measure's number, e.g. 2.1.1." }),
    areaCode: z.string(),
    dimensionCode: z.string(),
    title: texts,
    text: texts,
    versions: z.array(z.enum(catalogueVersionCodes)).meta({ description: 'The Catalogue versions that carry the measure.' }),
    note: z.string().nullable(),
  })
  .meta({ id: 'CbmMeasure' });
export const measureList = z.object({ items: z.array(measureView) }).meta({ id: 'CbmMeasureList' });

export const areaSummary = z
  .object({
    id: z.string(),
    code: z.string(),
    dimensionCode: z.string(),
    names: texts,
    versions: z.array(z.enum(catalogueVersionCodes)),
    coordinators: z.array(termView).meta({ description: 'Coordinators and co-coordinators in office on the day asked for.' }),
    hasActiveCoordinator: z.boolean(),
    note: z.string().nullable(),
  })
  .meta({ id: 'CbmAreaSummary' });
export const areaList = z.object({ on: z.string(), items: z.array(areaSummary) }).meta({ id: 'CbmAreaList' });

export const createMeasureBody = z
  .strictObject({
    area: areaKey,
    code: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{1,8}(\.[0-9]{1,3}){1,3}$/, { error: 'must be a number such as 2.1.1' }),
    title: localizedText,
    text: longText.optional(),
    versions: z.array(z.enum(catalogueVersionCodes)).min(1, { error: 'name at least one Catalogue version' }),
    note: note.nullable().optional(),
  })
  .meta({ id: 'CbmCreateMeasure' });
export const updateMeasureBody = z
  .strictObject({
    title: localizedText.optional(),
    text: longText.optional(),
    versions: z.array(z.enum(catalogueVersionCodes)).min(1, { error: 'name at least one Catalogue version' }).optional(),
    note: note.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { error: 'give at least one field to change' })
  .meta({ id: 'CbmUpdateMeasure' });

// ---------------------------------------------------------------------------------------------------------
// Coordination

export const createTermBody = z
  .strictObject({
    area: areaKey,
    party: partyCode,
    role: z.enum(coordinatorRoles),
    from: day.nullable().optional(),
    to: day.nullable().optional(),
    decisionId: uuid.nullable().optional(),
    decisionRef: decisionRef.nullable().optional(),
    note: note.nullable().optional(),
  })
  .superRefine(notBefore('from', 'to'))
  .meta({ id: 'CbmCreateTerm' });
export const updateTermBody = z
  .strictObject({
    from: day.nullable().optional(),
    to: day.nullable().optional(),
    decisionId: uuid.nullable().optional(),
    decisionRef: decisionRef.nullable().optional(),
    note: note.nullable().optional(),
  })
  .superRefine(notBefore('from', 'to'))
  .refine((v) => Object.keys(v).length > 0, { error: 'give at least one field to change' })
  .meta({ id: 'CbmUpdateTerm' });

export const offerView = z
  .object({
    id: z.string(),
    areaCode: z.string(),
    party: partyRef,
    role: z.enum(coordinatorRoles),
    state: z.enum(offerStates),
    note: z.string().nullable(),
    offeredAt: iso,
    offeredBy: userRef,
    forwardedAt: iso.nullable(),
    forwardedBy: userRef,
    decidedAt: iso.nullable(),
    decidedBy: userRef,
    ...decisionLink.shape,
    termId: z.string().nullable().meta({ description: 'The coordination term created when the SOC accepted the offer.' }),
    can: z
      .object({
        forward: z.boolean().meta({ description: 'The caller may forward it to the SOC now (Secretariat; state offered).' }),
        decide: z.boolean().meta({ description: "The caller may record the SOC's answer now (Secretariat; state forwarded)." }),
      })
      .meta({ description: 'What the caller may do with the offer, from the policy.' }),
  })
  .meta({ id: 'CbmOffer' });
export const offerList = z.object({ items: z.array(offerView) }).meta({ id: 'CbmOfferList' });
export const createOfferBody = z
  .strictObject({ area: areaKey, party: partyCode.optional().meta({ description: "Default: the caller's state." }), role: z.enum(coordinatorRoles), note: note.nullable().optional() })
  .meta({ id: 'CbmCreateOffer' });
export const forwardOfferBody = z.strictObject({ note: note.nullable().optional() }).meta({ id: 'CbmForwardOffer' });
export const decideOfferBody = z
  .strictObject({
    outcome: z.enum(['accepted', 'declined']),
    decisionId: uuid.nullable().optional(),
    decisionRef: decisionRef.nullable().optional(),
    from: day.nullable().optional().meta({ description: 'Accepted: first day of the term (default: today).' }),
    to: day.nullable().optional(),
    note: note.nullable().optional(),
  })
  .superRefine(notBefore('from', 'to'))
  .meta({ id: 'CbmDecideOffer' });

// ---------------------------------------------------------------------------------------------------------
// Action plans and activities

export const milestone = z
  .strictObject({ title: z.string().trim().min(1).max(500), due: day.nullable().optional(), done: z.boolean().default(false) })
  .meta({ id: 'CbmMilestone' });

export const activityView = z
  .object({
    id: z.string(),
    planId: z.string(),
    position: z.number().int(),
    title: texts,
    leadParty: partyRef.nullable(),
    parties: z.array(partyRef).meta({ description: 'States taking part.' }),
    plannedFrom: z.string().nullable(),
    plannedTo: z.string().nullable(),
    status: z.enum(activityStatuses),
    percentDone: z.number().int(),
    milestones: z.array(z.object({ title: z.string(), due: z.string().nullable(), done: z.boolean() })),
    results: texts.nullable(),
    updatedAt: iso,
  })
  .meta({ id: 'CbmActivity' });

export const approvalStepView = z
  .object({
    id: z.string(),
    step: z.enum(['experts-meeting', 'swg', 'soc-approved']),
    on: z.string(),
    meetingId: z.string().nullable(),
    ...decisionLink.shape,
    note: z.string().nullable(),
    recordedAt: iso,
    recordedBy: userRef,
  })
  .meta({ id: 'CbmApprovalStep' });

export const planView = z
  .object({
    id: z.string(),
    areaCode: z.string(),
    dimensionCode: z.string(),
    title: texts,
    conceptPaper: z.object({ id: z.string(), symbol: z.string(), title: z.string() }).nullable().meta({ description: 'The concept paper (a document); null when none or the caller may not see it.' }),
    periodFrom: z.string().nullable(),
    periodTo: z.string().nullable(),
    status: z.enum(planStatuses),
    approvedAt: iso.nullable(),
    ...decisionLink.shape,
    steps: z.array(approvalStepView),
    activities: z.array(activityView),
    averagePercent: z.number().nullable(),
    createdAt: iso,
    updatedAt: iso,
    can: z.object({ edit: z.boolean(), recordStep: z.boolean(), approve: z.boolean() }),
  })
  .meta({ id: 'CbmActionPlan' });
export const planSummary = planView.omit({ steps: true, activities: true, can: true }).extend({ activityCount: z.number().int() }).meta({ id: 'CbmActionPlanSummary' });
export const planList = z.object({ items: z.array(planSummary) }).meta({ id: 'CbmActionPlanList' });

export const createPlanBody = z
  .strictObject({
    area: areaKey,
    title: localizedText,
    conceptPaperDocumentId: uuid.nullable().optional(),
    periodFrom: day.nullable().optional(),
    periodTo: day.nullable().optional(),
  })
  .superRefine(notBefore('periodFrom', 'periodTo'))
  .meta({ id: 'CbmCreateActionPlan' });
export const updatePlanBody = z
  .strictObject({
    title: localizedText.optional(),
    conceptPaperDocumentId: uuid.nullable().optional(),
    periodFrom: day.nullable().optional(),
    periodTo: day.nullable().optional(),
  })
  .superRefine(notBefore('periodFrom', 'periodTo'))
  .refine((v) => Object.keys(v).length > 0, { error: 'give at least one field to change' })
  .meta({ id: 'CbmUpdateActionPlan' });
export const stepBody = z
  .strictObject({
    step: z.enum(['experts-meeting', 'swg', 'soc-approved']).meta({ description: 'The next step: experts meeting → SWG → SOC approval; none may be skipped.' }),
    on: day,
    meetingId: uuid.nullable().optional(),
    decisionId: uuid.nullable().optional().meta({ description: 'soc-approved: the SOC decision (or give decisionRef).' }),
    decisionRef: decisionRef.nullable().optional(),
    note: note.nullable().optional(),
  })
  .meta({ id: 'CbmRecordApprovalStep' });

const activityFields = {
  title: localizedText,
  leadParty: partyCode.nullable().optional(),
  parties: z.array(partyCode).max(60).optional(),
  plannedFrom: day.nullable().optional(),
  plannedTo: day.nullable().optional(),
  status: z.enum(activityStatuses).optional(),
  percentDone: percent.optional(),
  milestones: z.array(milestone).max(50).optional(),
  results: longText.nullable().optional(),
};
export const createActivityBody = z.strictObject(activityFields).superRefine(notBefore('plannedFrom', 'plannedTo')).meta({ id: 'CbmCreateActivity' });
export const updateActivityBody = z
  .strictObject({ ...activityFields, title: localizedText.optional() })
  .superRefine(notBefore('plannedFrom', 'plannedTo'))
  .refine((v) => Object.keys(v).length > 0, { error: 'give at least one field to change' })
  .meta({ id: 'CbmUpdateActivity' });

// ---------------------------------------------------------------------------------------------------------
// Annual plans and events

export const eventView = z
  .object({
    id: z.string(),
    year: z.number().int(),
    kind: z.enum(eventKinds),
    title: texts,
    areaCode: z.string(),
    dimensionCode: z.string(),
    host: partyRef,
    startsOn: z.string(),
    endsOn: z.string(),
    place: z.string().nullable(),
    onlineUrl: z.string().nullable(),
    status: z.enum(eventStatuses),
    access: z.enum(accessLevels),
    isDemo: z.boolean().meta({ description: 'Demo data: not a real CICA event.' }),
    label: z.string().nullable().meta({ description: "A short label shown beside the title, e.g. 'demo'." }),
    hasReport: z.boolean(),
    createdAt: iso,
    updatedAt: iso,
  })
  .meta({ id: 'CbmEvent' });
export const eventList = z.object({ items: z.array(eventView), total: z.number().int(), limit: z.number().int(), offset: z.number().int() }).meta({ id: 'CbmEventList' });

export const eventReportView = z
  .object({
    results: texts,
    participants: z.array(z.object({ party: partyRef, count: z.number().int() })),
    totalParticipants: z.number().int(),
    submittedAt: iso,
    submittedBy: userRef,
  })
  .meta({ id: 'CbmEventReport' });

export const eventDetail = eventView
  .extend({
    participants: z.array(z.object({ party: partyRef, role: z.enum(['host', 'participant']) })),
    documents: z.array(z.object({ id: z.string(), symbol: z.string(), title: z.string() })).meta({ description: 'Only documents the caller may see.' }),
    report: eventReportView.nullable(),
    can: z.object({ edit: z.boolean() }),
  })
  .meta({ id: 'CbmEventDetail' });

const eventFields = {
  kind: z.enum(eventKinds),
  title: localizedText,
  area: areaKey,
  host: partyCode,
  startsOn: day,
  endsOn: day,
  place: z.string().trim().min(1).max(300).nullable().optional(),
  onlineUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) address' }).max(2000).nullable().optional(),
  status: z.enum(eventStatuses).optional(),
  access: z.enum(accessLevels).default('members'),
  isDemo: z.boolean().optional(),
  label: z.string().trim().min(1).max(40).nullable().optional(),
  changeNote: note.nullable().optional().meta({ description: 'Why, when the annual plan was already approved (kept in its history).' }),
};
export const createEventBody = z
  .strictObject(eventFields)
  .superRefine(notBefore('startsOn', 'endsOn'))
  .superRefine((v, ctx) => {
    if (!v.place && !v.onlineUrl) ctx.addIssue({ code: 'custom', path: ['place'], message: 'give a place or an online link' });
  })
  .meta({ id: 'CbmCreateEvent' });
export const updateEventBody = z
  .strictObject({
    kind: eventFields.kind.optional(),
    title: localizedText.optional(),
    area: areaKey.optional(),
    host: partyCode.optional(),
    startsOn: day.optional(),
    endsOn: day.optional(),
    place: eventFields.place,
    onlineUrl: eventFields.onlineUrl,
    status: z.enum(eventStatuses).optional(),
    access: z.enum(accessLevels).optional(),
    isDemo: z.boolean().optional(),
    label: eventFields.label,
    changeNote: eventFields.changeNote,
  })
  .superRefine(notBefore('startsOn', 'endsOn'))
  .refine((v) => Object.keys(v).filter((k) => k !== 'changeNote').length > 0, { error: 'give at least one field to change' })
  .meta({ id: 'CbmUpdateEvent' });
export const participantsBody = z
  .strictObject({ parties: z.array(partyCode).max(100) })
  .meta({ id: 'CbmEventParticipants', description: 'The parties taking part (the host is always included).' });
export const eventDocumentBody = z.strictObject({ documentId: uuid }).meta({ id: 'CbmEventDocumentLink' });
export const eventReportBody = z
  .strictObject({
    results: longText,
    participants: z
      .array(z.strictObject({ party: partyCode, count: z.number().int().min(0).max(100_000) }))
      .max(100)
      .refine((v) => new Set(v.map((p) => p.party)).size === v.length, { error: 'each party once' }),
  })
  .meta({ id: 'CbmWriteEventReport' });

export const planChangeView = z
  .object({
    id: z.string(),
    eventId: z.string().nullable(),
    change: z.enum(['added', 'changed', 'removed']),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    note: z.string().nullable(),
    at: iso,
    by: userRef,
  })
  .meta({ id: 'CbmAnnualPlanChange' });
export const annualPlanView = z
  .object({
    year: z.number().int(),
    status: z.enum(['draft', 'approved']),
    note: z.string().nullable(),
    approvedAt: iso.nullable(),
    approvedOn: z.string().nullable(),
    ...decisionLink.shape,
    eventCount: z.number().int(),
    events: z.array(eventView).meta({ description: 'The events of the year the caller may see.' }),
    changes: z.array(planChangeView).meta({ description: 'Changes after approval, oldest first (members and the Secretariat).' }),
    can: z
      .object({
        approve: z.boolean().meta({ description: "The caller may record the SOC's approval now (Secretariat; plan in draft)." }),
        edit: z.boolean().meta({ description: 'The caller may add events to the plan (policy cbm.createEvent): the Secretariat, a member state\'s focal point or head (hosted by its state), a coordinator in office (in its areas).' }),
        eventHosts: z.array(z.string()).meta({ description: 'Member states the caller may name as host of an event in any area (the Secretariat: all; a focal point or head: its own).' }),
        eventAreas: z.array(z.string()).meta({ description: 'Areas in which the caller may add an event with any host (the Secretariat: all; coordinators in office: their areas).' }),
      })
      .meta({ description: 'What the caller may do with the plan, from the policy.' }),
  })
  .meta({ id: 'CbmAnnualPlan' });
export const annualPlanSummary = annualPlanView.omit({ events: true, changes: true, can: true }).extend({ changeCount: z.number().int() }).meta({ id: 'CbmAnnualPlanSummary' });
export const annualPlanList = z.object({ items: z.array(annualPlanSummary) }).meta({ id: 'CbmAnnualPlanList' });
export const createAnnualPlanBody = z.strictObject({ year: z.number().int().min(1990).max(2100), note: note.nullable().optional() }).meta({ id: 'CbmCreateAnnualPlan' });
export const approveAnnualPlanBody = z
  .strictObject({ approvedOn: day, decisionId: uuid.nullable().optional(), decisionRef: decisionRef.nullable().optional(), note: note.nullable().optional() })
  .meta({ id: 'CbmApproveAnnualPlan' });

// ---------------------------------------------------------------------------------------------------------
// Participation

export const declarationView = z
  .object({
    id: z.string(),
    party: partyRef,
    measureId: z.string(),
    measureCode: z.string(),
    areaCode: z.string(),
    dimensionCode: z.string(),
    since: z.string(),
    withdrawn: z.string().nullable(),
    inForce: z.boolean().meta({ description: 'In force on the day asked for (or today).' }),
    declaredAt: iso,
  })
  .meta({ id: 'CbmParticipationDeclaration' });
export const declarationList = z.object({ items: z.array(declarationView) }).meta({ id: 'CbmParticipationList' });
export const declareBody = z
  .strictObject({ since: day, withdrawn: day.nullable().optional().meta({ description: 'The day the state stopped taking part; null: still does.' }) })
  .superRefine(notBefore('since', 'withdrawn'))
  .meta({ id: 'CbmDeclareParticipation' });

// ---------------------------------------------------------------------------------------------------------
// Reports and reviews

export const reportView = z
  .object({
    id: z.string(),
    areaCode: z.string(),
    dimensionCode: z.string(),
    year: z.number().int(),
    text: texts,
    status: z.enum(reportStatuses),
    dueOn: z.string().meta({ description: `Due date: ${REPORT_DUE_DAY} of the following year.` }),
    draftedBy: partyRef.nullable(),
    submittedAt: iso.nullable(),
    compiledAt: iso.nullable(),
    createdAt: iso,
    updatedAt: iso,
    can: z
      .object({
        edit: z.boolean().meta({ description: "The caller may change the text now (the area's coordinators while in draft; the Secretariat until compiled)." }),
        submit: z.boolean().meta({ description: 'The caller may submit it now (coordinators in office or the Secretariat; draft).' }),
        compile: z.boolean().meta({ description: 'The caller may mark it compiled now (Secretariat; submitted).' }),
      })
      .meta({ description: 'What the caller may do with the report, from the policy.' }),
  })
  .meta({ id: 'CbmReport' });
export const reportList = z
  .object({
    items: z.array(reportView),
    can: z
      .object({ draftAreas: z.array(z.string()).meta({ description: 'Codes of the areas the caller may draft a report for today (coordinators in office; the Secretariat: all).' }) })
      .meta({ description: 'What the caller may start, from the policy.' }),
  })
  .meta({ id: 'CbmReportList' });
export const createReportBody = z.strictObject({ area: areaKey, year: z.number().int().min(1990).max(2100), text: longText }).meta({ id: 'CbmCreateReport' });
export const updateReportBody = z.strictObject({ text: longText }).meta({ id: 'CbmUpdateReport' });
export const emptyBody = z.strictObject({}).meta({ id: 'CbmEmpty' });

export const reviewView = z
  .object({
    id: z.string(),
    year: z.number().int(),
    dimensionCode: z.string(),
    record: texts,
    ...decisionLink.shape,
    createdAt: iso,
  })
  .meta({ id: 'CbmReview' });
export const reviewList = z
  .object({ items: z.array(reviewView), can: z.object({ record: z.boolean().meta({ description: "The caller may record an SOC review (Secretariat)." }) }) })
  .meta({ id: 'CbmReviewList' });
export const createReviewBody = z
  .strictObject({
    year: z.number().int().min(1990).max(2100),
    dimension: dimensionCode,
    record: longText,
    decisionId: uuid.nullable().optional(),
    decisionRef: decisionRef.nullable().optional(),
  })
  .meta({ id: 'CbmCreateReview' });

// ---------------------------------------------------------------------------------------------------------
// Area detail (after the parts it shows)

export const areaView = areaSummary
  .extend({
    terms: z.array(termView).meta({ description: 'Every coordination term, oldest first.' }),
    measures: z.array(measureView),
    actionPlan: planSummary.nullable().meta({ description: 'The current action plan (members and the Secretariat); null when none or hidden.' }),
    can: z.object({
      editPlan: z.boolean(),
      offer: z.boolean(),
      recordTerms: z.boolean().meta({ description: 'The caller records coordination terms and the SOC’s answers to offers (Secretariat).' }),
    }),
  })
  .meta({ id: 'CbmArea' });

// ---------------------------------------------------------------------------------------------------------
// Dashboard

export const dashboardView = z
  .object({
    scope: z.enum(['public', 'forum']).meta({ description: 'public: computed only from public data (anonymous callers and observers); forum: members and the Secretariat.' }),
    year: z.number().int(),
    on: z.string(),
    eventsByYearAndDimension: z.array(z.object({ year: z.number().int(), dimensionCode: z.string(), count: z.number().int() })).meta({ description: 'Events held or planned (not cancelled) that the scope includes.' }),
    eventsByStatus: z.array(z.object({ status: z.enum(eventStatuses), count: z.number().int() })).meta({ description: 'Events of the year by status.' }),
    participantsInYear: z.number().int().meta({ description: 'Participants reported for the year’s events in scope.' }),
    participation: z
      .array(z.object({ partyCode: z.string(), dimensionCode: z.string(), measures: z.number().int() }))
      .nullable()
      .meta({ description: 'Heat map: measures each member state declares, by dimension, in force on `on`. Forum scope only.' }),
    actionPlans: z
      .array(
        z.object({
          planId: z.string(),
          areaCode: z.string(),
          status: z.enum(planStatuses),
          averagePercent: z.number().nullable(),
          activitiesByStatus: z.array(z.object({ status: z.enum(activityStatuses), count: z.number().int() })),
        }),
      )
      .nullable()
      .meta({ description: 'Forum scope only.' }),
    areasWithoutCoordinator: z.array(z.object({ areaCode: z.string(), dimensionCode: z.string(), names: texts })).meta({ description: 'Areas with no coordinator in office on `on` (co-coordinators do not count).' }),
    reportsOverdue: z
      .array(z.object({ areaCode: z.string(), year: z.number().int(), dueOn: z.string(), status: z.enum(['missing', 'draft']) }))
      .nullable()
      .meta({ description: `Areas that had a coordinator during \`year\` whose report for it was not submitted by its due date (${REPORT_DUE_DAY} of the next year) when \`on\` is past that date. Forum scope only.` }),
  })
  .meta({ id: 'CbmDashboard' });

export type DashboardView = z.infer<typeof dashboardView>;
