import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { apiCall, sessionKey } from './account.ts';

/**
 * Confidence-building measures as the web app reads them. Shapes follow openapi.json (CbmDimension,
 * CbmAreaSummary, CbmArea, CbmActionPlan, CbmEvent, CbmEventDetail, CbmAnnualPlan, CbmDashboard, …),
 * which server/modules/cbm/cbm.schemas.ts defines.
 */

export const catalogueVersionCodes = ['2004', '2021'] as const;
export type CatalogueVersionCode = (typeof catalogueVersionCodes)[number];
export const coordinatorRoles = ['coordinator', 'co-coordinator'] as const;
export type CoordinatorRole = (typeof coordinatorRoles)[number];
export const planStatuses = ['draft', 'experts-meeting', 'swg', 'soc-approved'] as const;
export type PlanStatus = (typeof planStatuses)[number];
export type ApprovalStep = Exclude<PlanStatus, 'draft'>;
export const approvalSteps: readonly ApprovalStep[] = ['experts-meeting', 'swg', 'soc-approved'];
export const activityStatuses = ['planned', 'in-progress', 'completed', 'postponed', 'cancelled'] as const;
export type ActivityStatus = (typeof activityStatuses)[number];
export const eventKinds = ['workshop', 'seminar', 'training', 'forum', 'exercise'] as const;
export type EventKind = (typeof eventKinds)[number];
export const eventStatuses = ['planned', 'held', 'cancelled', 'postponed'] as const;
export type EventStatus = (typeof eventStatuses)[number];
export type AccessLevel = 'public' | 'members';

type Texts = Record<string, string>;

export interface CbmPartyRef {
  code: string;
  names: Texts;
}
export type UserRef = { id: string; name: string } | null;
interface DecisionLink {
  decisionId: string | null;
  decisionRef: string | null;
}

export interface CatalogueVersion {
  code: CatalogueVersionCode;
  title: Texts;
  adoptedOn: string | null;
  adoptedBy: Texts | null;
  measureCount: number;
}

export interface Dimension {
  code: string;
  position: number;
  names: Texts;
  areaCount: number;
  measureCount: number;
}

export interface Term extends DecisionLink {
  id: string;
  areaCode: string;
  party: CbmPartyRef;
  role: CoordinatorRole;
  from: string | null;
  to: string | null;
  inOffice: boolean;
  note: string | null;
}

export interface Measure {
  id: string;
  code: string;
  areaCode: string;
  dimensionCode: string;
  title: Texts;
  text: Texts;
  versions: CatalogueVersionCode[];
  note: string | null;
}

export interface AreaSummary {
  id: string;
  code: string;
  dimensionCode: string;
  names: Texts;
  versions: CatalogueVersionCode[];
  coordinators: Term[];
  hasActiveCoordinator: boolean;
  note: string | null;
}

export interface PlanSummary extends DecisionLink {
  id: string;
  areaCode: string;
  dimensionCode: string;
  title: Texts;
  conceptPaper: { id: string; symbol: string; title: string } | null;
  periodFrom: string | null;
  periodTo: string | null;
  status: PlanStatus;
  approvedAt: string | null;
  averagePercent: number | null;
  createdAt: string;
  updatedAt: string;
  activityCount: number;
}

export interface Area extends AreaSummary {
  terms: Term[];
  measures: Measure[];
  actionPlan: PlanSummary | null;
  can: { editPlan: boolean; offer: boolean; recordTerms: boolean };
}

export interface Milestone {
  title: string;
  due: string | null;
  done: boolean;
}

export interface Activity {
  id: string;
  planId: string;
  position: number;
  title: Texts;
  leadParty: CbmPartyRef | null;
  parties: CbmPartyRef[];
  plannedFrom: string | null;
  plannedTo: string | null;
  status: ActivityStatus;
  percentDone: number;
  milestones: Milestone[];
  results: Texts | null;
  updatedAt: string;
}

export interface ApprovalStepRecord extends DecisionLink {
  id: string;
  step: ApprovalStep;
  on: string;
  meetingId: string | null;
  note: string | null;
  recordedAt: string;
  recordedBy: UserRef;
}

export interface ActionPlan extends Omit<PlanSummary, 'activityCount'> {
  steps: ApprovalStepRecord[];
  activities: Activity[];
  can: { edit: boolean; recordStep: boolean; approve: boolean };
}

export interface CbmEvent {
  id: string;
  year: number;
  kind: EventKind;
  title: Texts;
  areaCode: string;
  dimensionCode: string;
  host: CbmPartyRef;
  startsOn: string;
  endsOn: string;
  place: string | null;
  onlineUrl: string | null;
  status: EventStatus;
  access: AccessLevel;
  isDemo: boolean;
  label: string | null;
  hasReport: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface EventReport {
  results: Texts;
  participants: { party: CbmPartyRef; count: number }[];
  totalParticipants: number;
  submittedAt: string;
  submittedBy: UserRef;
}

export interface EventDetail extends CbmEvent {
  participants: { party: CbmPartyRef; role: 'host' | 'participant' }[];
  documents: { id: string; symbol: string; title: string }[];
  report: EventReport | null;
  can: { edit: boolean };
}

export interface PlanChange {
  id: string;
  eventId: string | null;
  change: 'added' | 'changed' | 'removed';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  note: string | null;
  at: string;
  by: UserRef;
}

export interface AnnualPlan extends DecisionLink {
  year: number;
  status: 'draft' | 'approved';
  note: string | null;
  approvedAt: string | null;
  approvedOn: string | null;
  eventCount: number;
  events: CbmEvent[];
  changes: PlanChange[];
  /**
   * From the policy on the server: record the SOC's approval now; add events to the plan (`edit`), naming as
   * host any of `eventHosts` in any area, or any member state in one of `eventAreas`.
   */
  can: { approve: boolean; edit: boolean; eventHosts: string[]; eventAreas: string[] };
}

export const offerStates = ['offered', 'forwarded', 'accepted', 'declined'] as const;
export type OfferState = (typeof offerStates)[number];

export interface Offer extends DecisionLink {
  id: string;
  areaCode: string;
  party: CbmPartyRef;
  role: CoordinatorRole;
  state: OfferState;
  note: string | null;
  offeredAt: string;
  offeredBy: UserRef;
  forwardedAt: string | null;
  forwardedBy: UserRef;
  decidedAt: string | null;
  decidedBy: UserRef;
  termId: string | null;
  can: { forward: boolean; decide: boolean };
}

export const reportStatuses = ['draft', 'submitted', 'compiled'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

export interface Report {
  id: string;
  areaCode: string;
  dimensionCode: string;
  year: number;
  text: Texts;
  status: ReportStatus;
  dueOn: string;
  draftedBy: CbmPartyRef | null;
  submittedAt: string | null;
  compiledAt: string | null;
  createdAt: string;
  updatedAt: string;
  can: { edit: boolean; submit: boolean; compile: boolean };
}

export interface Review extends DecisionLink {
  id: string;
  year: number;
  dimensionCode: string;
  record: Texts;
  createdAt: string;
}

export interface Declaration {
  id: string;
  party: CbmPartyRef;
  measureId: string;
  measureCode: string;
  areaCode: string;
  dimensionCode: string;
  since: string;
  withdrawn: string | null;
  inForce: boolean;
  declaredAt: string;
}

export interface Dashboard {
  scope: 'public' | 'forum';
  year: number;
  on: string;
  eventsByYearAndDimension: { year: number; dimensionCode: string; count: number }[];
  eventsByStatus: { status: EventStatus; count: number }[];
  participantsInYear: number;
  participation: { partyCode: string; dimensionCode: string; measures: number }[] | null;
  actionPlans: { planId: string; areaCode: string; status: PlanStatus; averagePercent: number | null; activitiesByStatus: { status: ActivityStatus; count: number }[] }[] | null;
  areasWithoutCoordinator: { areaCode: string; dimensionCode: string; names: Texts }[];
  reportsOverdue: { areaCode: string; year: number; dueOn: string; status: 'missing' | 'draft' }[] | null;
}

// ---------------------------------------------------------------------------------------------
// Queries. Public reads sit under the session key too: what they answer depends on who asks.

export const cbmKey = [...sessionKey, 'cbm'] as const;

const qs = (params: Record<string, string | number | undefined | null>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const out = s.toString();
  return out ? `?${out}` : '';
};

const get = <T>(key: readonly unknown[], path: string, staleTime = 30_000) =>
  queryOptions({ queryKey: [...cbmKey, ...key], queryFn: ({ signal }) => apiCall<T>('GET', path, { signal }), staleTime });

export const catalogueVersionsQuery = get<{ items: CatalogueVersion[] }>(['versions'], '/cbm/catalogue-versions', 5 * 60_000);
export const dimensionsQuery = get<{ items: Dimension[] }>(['dimensions'], '/cbm/dimensions', 5 * 60_000);
export const areasQuery = (f: { dimension?: string; version?: CatalogueVersionCode } = {}) => get<{ on: string; items: AreaSummary[] }>(['areas', f], `/cbm/areas${qs(f)}`);
export const measuresQuery = (f: { dimension?: string; area?: string; version?: CatalogueVersionCode } = {}) => get<{ items: Measure[] }>(['measures', f], `/cbm/measures${qs(f)}`);
export const areaQuery = (area: string) => get<Area>(['area', area], `/cbm/areas/${encodeURIComponent(area)}`, 10_000);
export const actionPlanQuery = (id: string) => get<ActionPlan>(['plan', id], `/cbm/action-plans/${encodeURIComponent(id)}`, 5_000);
export const annualPlansQuery = get<{ items: (Omit<AnnualPlan, 'events' | 'changes'> & { changeCount: number })[] }>(['annual-plans'], '/cbm/annual-plans');
export const annualPlanQuery = (year: number) => get<AnnualPlan>(['annual-plan', year], `/cbm/annual-plans/${year}`, 10_000);
export interface EventFilter {
  year?: number;
  area?: string;
  dimension?: string;
  status?: EventStatus;
  host?: string;
}
export const eventsQuery = (f: EventFilter) =>
  queryOptions({
    queryKey: [...cbmKey, 'events', f],
    queryFn: ({ signal }) => apiCall<{ items: CbmEvent[]; total: number; limit: number; offset: number }>('GET', `/cbm/events${qs({ ...f, limit: 500 })}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
export const eventQuery = (id: string) => get<EventDetail>(['event', id], `/cbm/events/${encodeURIComponent(id)}`, 5_000);
export const participationQuery = (f: { party?: string; area?: string; measure?: string }) => get<{ items: Declaration[] }>(['participation', f], `/cbm/participation${qs(f)}`, 5_000);
export const reportsQuery = (f: { year?: number; area?: string }) =>
  get<{ items: Report[]; can: { draftAreas: string[] } }>(['reports', f], `/cbm/reports${qs(f)}`, 5_000);
export const reportQuery = (id: string) => get<Report>(['report', id], `/cbm/reports/${encodeURIComponent(id)}`, 5_000);
export const reviewsQuery = (f: { year?: number }) => get<{ items: Review[]; can: { record: boolean } }>(['reviews', f], `/cbm/reviews${qs(f)}`, 5_000);
export const offersQuery = (f: { area?: string }) => get<{ items: Offer[] }>(['offers', f], `/cbm/offers${qs(f)}`, 5_000);
export const dashboardQuery = (year?: number) => get<Dashboard>(['dashboard', year ?? 'now'], `/cbm/dashboard${qs({ year })}`, 10_000);

// ---------------------------------------------------------------------------------------------
// Changes

export interface ActivityInput {
  title?: Texts;
  leadParty?: string | null;
  parties?: string[];
  plannedFrom?: string | null;
  plannedTo?: string | null;
  status?: ActivityStatus;
  percentDone?: number;
  milestones?: Milestone[];
  results?: Texts | null;
}

export interface EventInput {
  kind?: EventKind;
  title?: Texts;
  area?: string;
  host?: string;
  startsOn?: string;
  endsOn?: string;
  place?: string | null;
  onlineUrl?: string | null;
  status?: EventStatus;
  access?: AccessLevel;
  changeNote?: string | null;
}

export const cbmApi = {
  createPlan: (body: { area: string; title: Texts; periodFrom?: string | null; periodTo?: string | null }) => apiCall<ActionPlan>('POST', '/cbm/action-plans', { body }),
  updatePlan: (id: string, body: { title?: Texts; periodFrom?: string | null; periodTo?: string | null }) => apiCall<ActionPlan>('PATCH', `/cbm/action-plans/${id}`, { body }),
  recordStep: (id: string, body: { step: ApprovalStep; on: string; decisionRef?: string | null; note?: string | null }) => apiCall<ActionPlan>('POST', `/cbm/action-plans/${id}/steps`, { body }),
  createActivity: (planId: string, body: ActivityInput & { title: Texts }) => apiCall<Activity>('POST', `/cbm/action-plans/${planId}/activities`, { body }),
  updateActivity: (id: string, body: ActivityInput) => apiCall<Activity>('PATCH', `/cbm/activities/${id}`, { body }),
  offer: (body: { area: string; role: CoordinatorRole; note?: string | null }) => apiCall<unknown>('POST', '/cbm/offers', { body }),
  approveAnnualPlan: (year: number, body: { approvedOn: string; decisionRef?: string | null; note?: string | null }) => apiCall<AnnualPlan>('POST', `/cbm/annual-plans/${year}/approve`, { body }),
  createEvent: (body: EventInput & Required<Pick<EventInput, 'kind' | 'title' | 'area' | 'host' | 'startsOn' | 'endsOn'>>) => apiCall<EventDetail>('POST', '/cbm/events', { body }),
  updateEvent: (id: string, body: EventInput) => apiCall<EventDetail>('PATCH', `/cbm/events/${id}`, { body }),
  setParticipants: (id: string, parties: string[]) => apiCall<EventDetail>('PUT', `/cbm/events/${id}/participants`, { body: { parties } }),
  writeReport: (id: string, body: { results: Texts; participants: { party: string; count: number }[] }) => apiCall<EventDetail>('PUT', `/cbm/events/${id}/report`, { body }),
  forwardOffer: (id: string, body: { note?: string | null }) => apiCall<Offer>('POST', `/cbm/offers/${id}/forward`, { body }),
  decideOffer: (id: string, body: { outcome: 'accepted' | 'declined'; decisionRef?: string | null; from?: string | null; to?: string | null; note?: string | null }) =>
    apiCall<Offer>('POST', `/cbm/offers/${id}/decide`, { body }),
  createTerm: (body: { area: string; party: string; role: CoordinatorRole; from?: string | null; to?: string | null; decisionRef?: string | null; note?: string | null }) =>
    apiCall<Term>('POST', '/cbm/terms', { body }),
  updateTerm: (id: string, body: { to?: string | null }) => apiCall<Term>('PATCH', `/cbm/terms/${id}`, { body }),
  attachDocument: (eventId: string, documentId: string) => apiCall<EventDetail>('POST', `/cbm/events/${eventId}/documents`, { body: { documentId } }),
  detachDocument: (eventId: string, documentId: string) => apiCall<EventDetail>('DELETE', `/cbm/events/${eventId}/documents/${documentId}`),
  createReport: (body: { area: string; year: number; text: Texts }) => apiCall<Report>('POST', '/cbm/reports', { body }),
  updateReport: (id: string, body: { text: Texts }) => apiCall<Report>('PATCH', `/cbm/reports/${id}`, { body }),
  submitReport: (id: string) => apiCall<Report>('POST', `/cbm/reports/${id}/submit`, { body: {} }),
  compileReport: (id: string) => apiCall<Report>('POST', `/cbm/reports/${id}/compile`, { body: {} }),
  createReview: (body: { year: number; dimension: string; record: Texts; decisionRef?: string | null }) => apiCall<Review>('POST', '/cbm/reviews', { body }),
  declare: (party: string, measureId: string, body: { since: string; withdrawn?: string | null }) =>
    apiCall<Declaration>('PUT', `/cbm/participation/${encodeURIComponent(party)}/${measureId}`, { body }),
};

/** Text in the reader's language, else English, else any; with the language it is in. */
export function textIn(texts: Texts | null | undefined, locale: string): { text: string; lang: string } {
  if (!texts) return { text: '', lang: '' };
  const primary = locale.split('-')[0];
  for (const l of [locale, primary, 'en']) if (texts[l]) return { text: texts[l], lang: l };
  const [lang, text] = Object.entries(texts)[0] ?? ['', ''];
  return { text, lang };
}
