import type { AppDeps } from '../../http/deps.ts';
import { problemSchema } from '../../http/problem.ts';
import { readErrors, routeMaker, writeErrors } from '../../http/route.ts';
import type { App } from '../../http/routes.ts';
import {
  activityView,
  annualPlanList,
  annualPlanView,
  approveAnnualPlanBody,
  areaList,
  areaListQuery,
  areaParams,
  areaView,
  catalogueVersionList,
  createActivityBody,
  createAnnualPlanBody,
  createEventBody,
  createMeasureBody,
  createOfferBody,
  createPlanBody,
  createReportBody,
  createReviewBody,
  createTermBody,
  dashboardQuery,
  dashboardView,
  declarationList,
  declarationView,
  declareBody,
  decideOfferBody,
  dimensionList,
  emptyBody,
  eventDetail,
  eventDocumentBody,
  eventDocumentParams,
  eventList,
  eventListQuery,
  eventReportBody,
  forwardOfferBody,
  idParams,
  measureList,
  measureListQuery,
  measureView,
  offerList,
  offerListQuery,
  offerView,
  onQuery,
  participantsBody,
  participationParams,
  participationQuery,
  planList,
  planListQuery,
  planView,
  reportList,
  reportListQuery,
  reportView,
  reviewList,
  reviewListQuery,
  reviewView,
  stepBody,
  termView,
  updateActivityBody,
  updateEventBody,
  updateMeasureBody,
  updatePlanBody,
  updateReportBody,
  updateTermBody,
  yearParams,
} from './cbm.schemas.ts';
import * as cbm from './cbm.service.ts';

const listErrors = { 400: problemSchema, 401: problemSchema, 403: problemSchema } as const;

/** Confidence-building measures (issue #8). Reads that the public may make are `public`; what they see depends on the caller. */
export async function cbmRoutes(app: App, deps: AppDeps) {
  const route = routeMaker(app, deps, 'cbm');
  const { db } = deps;

  // Catalogue -------------------------------------------------------------------------------------------

  route(
    'GET',
    '/api/cbm/catalogue-versions',
    { access: 'public', summary: 'Versions of the Catalogue of CBMs (2004 and its 2021 update) with the number of measures each carries.', reply: catalogueVersionList, errors: readErrors },
    ({ ctx }) => cbm.listCatalogueVersions(db, ctx),
  );
  route(
    'GET',
    '/api/cbm/dimensions',
    { access: 'public', summary: 'The five dimensions of the Catalogue, with their numbers of priority areas and measures.', reply: dimensionList, errors: readErrors },
    ({ ctx }) => cbm.listDimensions(db, ctx),
  );
  route(
    'GET',
    '/api/cbm/areas',
    {
      access: 'public',
      summary: 'Priority areas, with their coordinators and co-coordinators in office on a day (default today).',
      querystring: areaListQuery,
      reply: areaList,
      errors: readErrors,
    },
    ({ ctx, query }) => cbm.listAreas(db, ctx, query),
  );
  route(
    'GET',
    '/api/cbm/areas/:area',
    {
      access: 'public',
      summary: 'One priority area (by id or code such as NCT.1): coordinators on a day, every term, its measures and (for members) its action plan.',
      params: areaParams,
      querystring: onQuery,
      reply: areaView,
      errors: readErrors,
    },
    ({ ctx, params, query }) => cbm.getArea(db, ctx, params.area, query.on ?? null),
  );
  route(
    'GET',
    '/api/cbm/measures',
    { access: 'public', summary: 'Measures of the Catalogue, each with the versions that carry it.', querystring: measureListQuery, reply: measureList, errors: readErrors },
    ({ ctx, query }) => cbm.listMeasures(db, ctx, query),
  );
  route(
    'GET',
    '/api/cbm/measures/:id',
    { access: 'public', summary: 'One measure with its text per language and the Catalogue versions that carry it.', params: idParams, reply: measureView, errors: readErrors },
    ({ ctx, params }) => cbm.getMeasure(db, ctx, params.id),
  );
  route(
    'POST',
    '/api/cbm/measures',
    { access: 'signed-in', summary: 'Add a measure to an area (Secretariat).', body: createMeasureBody, status: 201, reply: measureView, errors: writeErrors },
    ({ ctx, body }) => cbm.createMeasure(db, ctx, body),
  );
  route(
    'PATCH',
    '/api/cbm/measures/:id',
    { access: 'signed-in', summary: "Correct a measure's texts or the versions that carry it (Secretariat).", params: idParams, body: updateMeasureBody, reply: measureView, errors: writeErrors },
    ({ ctx, params, body }) => cbm.updateMeasure(db, ctx, params.id, body),
  );

  // Coordination ----------------------------------------------------------------------------------------

  route(
    'POST',
    '/api/cbm/terms',
    { access: 'signed-in', summary: 'Record a coordination term assigned by the SOC (Secretariat).', body: createTermBody, status: 201, reply: termView, errors: writeErrors },
    ({ ctx, body }) => cbm.createTerm(db, ctx, body),
  );
  route(
    'PATCH',
    '/api/cbm/terms/:id',
    { access: 'signed-in', summary: 'End or correct a coordination term (Secretariat).', params: idParams, body: updateTermBody, reply: termView, errors: writeErrors },
    ({ ctx, params, body }) => cbm.updateTerm(db, ctx, params.id, body),
  );
  route(
    'GET',
    '/api/cbm/offers',
    { access: 'signed-in', summary: 'Offers to coordinate (member states and the Secretariat).', querystring: offerListQuery, reply: offerList, errors: listErrors },
    ({ ctx, query }) => cbm.listOffers(db, ctx, query),
  );
  route(
    'POST',
    '/api/cbm/offers',
    { access: 'signed-in', summary: "A member state offers to coordinate or co-coordinate an area (its focal point or head).", body: createOfferBody, status: 201, reply: offerView, errors: writeErrors },
    ({ ctx, body }) => cbm.createOffer(db, ctx, body),
  );
  route(
    'POST',
    '/api/cbm/offers/:id/forward',
    { access: 'signed-in', summary: 'Forward an offer to the SOC (Secretariat).', params: idParams, body: forwardOfferBody, reply: offerView, errors: writeErrors },
    ({ ctx, params, body }) => cbm.forwardOffer(db, ctx, params.id, body),
  );
  route(
    'POST',
    '/api/cbm/offers/:id/decide',
    {
      access: 'signed-in',
      summary: "Record the SOC's answer to a forwarded offer (Secretariat); accepted opens a coordination term.",
      params: idParams,
      body: decideOfferBody,
      reply: offerView,
      errors: writeErrors,
    },
    ({ ctx, params, body }) => cbm.decideOffer(db, ctx, params.id, body),
  );

  // Action plans ----------------------------------------------------------------------------------------

  route(
    'GET',
    '/api/cbm/action-plans',
    { access: 'signed-in', summary: 'Action plans of the priority areas (member states and the Secretariat).', querystring: planListQuery, reply: planList, errors: listErrors },
    ({ ctx, query }) => cbm.listPlans(db, ctx, query),
  );
  route(
    'GET',
    '/api/cbm/action-plans/:id',
    { access: 'signed-in', summary: 'One action plan with its approval steps and activities.', params: idParams, reply: planView, errors: { ...readErrors, 401: problemSchema } },
    ({ ctx, params }) => cbm.getPlan(db, ctx, params.id),
  );
  route(
    'POST',
    '/api/cbm/action-plans',
    {
      access: 'signed-in',
      summary: "Draft an area's action plan (its coordinators in office, or the Secretariat).",
      body: createPlanBody,
      status: 201,
      reply: planView,
      errors: writeErrors,
    },
    ({ ctx, body }) => cbm.createPlan(db, ctx, body),
  );
  route(
    'PATCH',
    '/api/cbm/action-plans/:id',
    { access: 'signed-in', summary: 'Change the title, concept paper or period of a plan not yet approved.', params: idParams, body: updatePlanBody, reply: planView, errors: writeErrors },
    ({ ctx, params, body }) => cbm.updatePlan(db, ctx, params.id, body),
  );
  route(
    'POST',
    '/api/cbm/action-plans/:id/steps',
    {
      access: 'signed-in',
      summary: 'Record the next approval step: experts meeting → SWG (coordinators or Secretariat) → SOC approval with its decision (Secretariat). No step may be skipped.',
      params: idParams,
      body: stepBody,
      status: 201,
      reply: planView,
      errors: writeErrors,
    },
    ({ ctx, params, body }) => cbm.recordStep(db, ctx, params.id, body),
  );
  route(
    'POST',
    '/api/cbm/action-plans/:id/activities',
    { access: 'signed-in', summary: 'Add an activity to an action plan.', params: idParams, body: createActivityBody, status: 201, reply: activityView, errors: writeErrors },
    ({ ctx, params, body }) => cbm.createActivity(db, ctx, params.id, body),
  );
  route(
    'PATCH',
    '/api/cbm/activities/:id',
    { access: 'signed-in', summary: "Update an activity: status, percent done, milestones, results.", params: idParams, body: updateActivityBody, reply: activityView, errors: writeErrors },
    ({ ctx, params, body }) => cbm.updateActivity(db, ctx, params.id, body),
  );

  // Annual plans and events -----------------------------------------------------------------------------

  route(
    'GET',
    '/api/cbm/annual-plans',
    { access: 'signed-in', summary: 'Annual CBM plans (member states and the Secretariat).', reply: annualPlanList, errors: listErrors },
    ({ ctx }) => cbm.listAnnualPlans(db, ctx),
  );
  route(
    'GET',
    '/api/cbm/annual-plans/:year',
    { access: 'signed-in', summary: "One year's plan: its events, approval and the changes made after approval.", params: yearParams, reply: annualPlanView, errors: { ...readErrors, 401: problemSchema } },
    ({ ctx, params }) => cbm.getAnnualPlan(db, ctx, params.year),
  );
  route(
    'POST',
    '/api/cbm/annual-plans',
    { access: 'signed-in', summary: "Open a year's CBM plan (Secretariat).", body: createAnnualPlanBody, status: 201, reply: annualPlanView, errors: writeErrors },
    ({ ctx, body }) => cbm.createAnnualPlan(db, ctx, body),
  );
  route(
    'POST',
    '/api/cbm/annual-plans/:year/approve',
    { access: 'signed-in', summary: "Record the SOC's approval of a year's plan (Secretariat); later changes go on record.", params: yearParams, body: approveAnnualPlanBody, reply: annualPlanView, errors: writeErrors },
    ({ ctx, params, body }) => cbm.approveAnnualPlan(db, ctx, params.year, body),
  );
  route(
    'GET',
    '/api/cbm/events',
    { access: 'public', summary: 'CBM events the caller may see (the public: public events only).', querystring: eventListQuery, reply: eventList, errors: readErrors },
    ({ ctx, query }) => cbm.listEvents(db, ctx, query),
  );
  route(
    'GET',
    '/api/cbm/events/:id',
    { access: 'public', summary: 'One event with its participants, documents and report.', params: idParams, reply: eventDetail, errors: readErrors },
    ({ ctx, params }) => cbm.getEvent(db, ctx, params.id),
  );
  route(
    'POST',
    '/api/cbm/events',
    {
      access: 'signed-in',
      summary: "Add an event to its year's plan (the host's focal point or head, the area's coordinators in office, or the Secretariat).",
      body: createEventBody,
      status: 201,
      reply: eventDetail,
      errors: writeErrors,
    },
    ({ ctx, body }) => cbm.createEvent(db, ctx, body),
  );
  route(
    'PATCH',
    '/api/cbm/events/:id',
    { access: 'signed-in', summary: 'Change an event (its host or the Secretariat); after the plan is approved the change goes on record.', params: idParams, body: updateEventBody, reply: eventDetail, errors: writeErrors },
    ({ ctx, params, body }) => cbm.updateEvent(db, ctx, params.id, body),
  );
  route(
    'DELETE',
    '/api/cbm/events/:id',
    { access: 'signed-in', summary: 'Remove an event from a plan not yet approved (after approval, cancel it instead).', params: idParams, status: 200, reply: emptyBody, errors: writeErrors },
    async ({ ctx, params }) => {
      await cbm.deleteEvent(db, ctx, params.id);
      return {};
    },
  );
  route(
    'PUT',
    '/api/cbm/events/:id/participants',
    { access: 'signed-in', summary: 'Set the parties taking part in an event (its host or the Secretariat).', params: idParams, body: participantsBody, reply: eventDetail, errors: writeErrors },
    ({ ctx, params, body }) => cbm.setParticipants(db, ctx, params.id, body),
  );
  route(
    'POST',
    '/api/cbm/events/:id/documents',
    { access: 'signed-in', summary: 'Attach a document to an event (its host or the Secretariat).', params: idParams, body: eventDocumentBody, status: 201, reply: eventDetail, errors: writeErrors },
    ({ ctx, params, body }) => cbm.attachDocument(db, ctx, params.id, body.documentId),
  );
  route(
    'DELETE',
    '/api/cbm/events/:id/documents/:documentId',
    { access: 'signed-in', summary: 'Detach a document from an event.', params: eventDocumentParams, reply: eventDetail, errors: writeErrors },
    ({ ctx, params }) => cbm.detachDocument(db, ctx, params.id, params.documentId),
  );
  route(
    'PUT',
    '/api/cbm/events/:id/report',
    {
      access: 'signed-in',
      summary: 'Write the report of a held event: results and participants by party (its host or the Secretariat).',
      params: idParams,
      body: eventReportBody,
      reply: eventDetail,
      errors: writeErrors,
    },
    ({ ctx, params, body }) => cbm.writeEventReport(db, ctx, params.id, body),
  );

  // Participation ---------------------------------------------------------------------------------------

  route(
    'GET',
    '/api/cbm/participation',
    { access: 'signed-in', summary: 'Which measures member states declare they take part in, and since when (member states and the Secretariat).', querystring: participationQuery, reply: declarationList, errors: listErrors },
    ({ ctx, query }) => cbm.listParticipation(db, ctx, query),
  );
  route(
    'PUT',
    '/api/cbm/participation/:party/:measureId',
    {
      access: 'signed-in',
      summary: "Declare (or withdraw from) a measure: a member state's focal point or head, for its own state only.",
      params: participationParams,
      body: declareBody,
      reply: declarationView,
      errors: writeErrors,
    },
    ({ ctx, params, body }) => cbm.declareParticipation(db, ctx, params.party, params.measureId, body),
  );

  // Reports and reviews ---------------------------------------------------------------------------------

  route(
    'GET',
    '/api/cbm/reports',
    { access: 'signed-in', summary: 'Yearly implementation reports of the areas (member states and the Secretariat).', querystring: reportListQuery, reply: reportList, errors: listErrors },
    ({ ctx, query }) => cbm.listReports(db, ctx, query),
  );
  route(
    'GET',
    '/api/cbm/reports/:id',
    { access: 'signed-in', summary: 'One implementation report.', params: idParams, reply: reportView, errors: { ...readErrors, 401: problemSchema } },
    ({ ctx, params }) => cbm.getReport(db, ctx, params.id),
  );
  route(
    'POST',
    '/api/cbm/reports',
    { access: 'signed-in', summary: "Draft an area's report for a year (its coordinators in office, or the Secretariat).", body: createReportBody, status: 201, reply: reportView, errors: writeErrors },
    ({ ctx, body }) => cbm.createReport(db, ctx, body),
  );
  route(
    'PATCH',
    '/api/cbm/reports/:id',
    { access: 'signed-in', summary: 'Change the text of a report still in draft.', params: idParams, body: updateReportBody, reply: reportView, errors: writeErrors },
    ({ ctx, params, body }) => cbm.updateReport(db, ctx, params.id, body),
  );
  route(
    'POST',
    '/api/cbm/reports/:id/submit',
    { access: 'signed-in', summary: 'Submit a draft report to the Secretariat (its coordinators).', params: idParams, body: emptyBody, reply: reportView, errors: writeErrors },
    ({ ctx, params }) => cbm.submitReport(db, ctx, params.id),
  );
  route(
    'POST',
    '/api/cbm/reports/:id/compile',
    { access: 'signed-in', summary: 'Mark a submitted report as compiled into the yearly overview (Secretariat).', params: idParams, body: emptyBody, reply: reportView, errors: writeErrors },
    ({ ctx, params }) => cbm.compileReport(db, ctx, params.id),
  );
  route(
    'GET',
    '/api/cbm/reviews',
    { access: 'signed-in', summary: "The SOC's yearly reviews of one dimension, with their records (member states and the Secretariat).", querystring: reviewListQuery, reply: reviewList, errors: listErrors },
    ({ ctx, query }) => cbm.listReviews(db, ctx, query),
  );
  route(
    'POST',
    '/api/cbm/reviews',
    { access: 'signed-in', summary: "Record the SOC's review of a dimension (Secretariat).", body: createReviewBody, status: 201, reply: reviewView, errors: writeErrors },
    ({ ctx, body }) => cbm.createReview(db, ctx, body),
  );

  // Dashboard -------------------------------------------------------------------------------------------

  route(
    'GET',
    '/api/cbm/dashboard',
    {
      access: 'public',
      summary: 'Figures for the CBM dashboard. Members and the Secretariat get the full set; the public and observers a version computed only from public data.',
      querystring: dashboardQuery,
      reply: dashboardView,
      errors: readErrors,
    },
    ({ ctx, query }) => cbm.dashboard(db, ctx, query),
  );
}
