import { aboutRoute } from './about.tsx';
import { accountRoute } from './account.tsx';
import { adminBodyRoute } from './admin-body.tsx';
import { adminChairTermRoute } from './admin-chair-term.tsx';
import { adminPartyRoute } from './admin-party.tsx';
import { adminProfileRoute } from './admin-profile.tsx';
import { bodiesRoute } from './bodies.tsx';
import { cbmRoute } from './cbm.tsx';
import { cbmAreaRoute } from './cbm-area.tsx';
import { cbmDashboardRoute } from './cbm-dashboard.tsx';
import { cbmEventRoute } from './cbm-event.tsx';
import { cbmParticipationRoute } from './cbm-participation.tsx';
import { cbmPlanRoute } from './cbm-plan.tsx';
import { cbmReportRoute, cbmReportsRoute } from './cbm-reports.tsx';
import { chairmanshipRoute } from './chairmanship.tsx';
import { documentRoute } from './document.tsx';
import { documentCompareRoute } from './document-compare.tsx';
import { documentEditRoute } from './document-edit.tsx';
import { documentNewRoute } from './document-new.tsx';
import { documentParallelRoute } from './document-parallel.tsx';
import { documentTranslationsRoute } from './document-translations.tsx';
import { documentsRoute } from './documents.tsx';
import { decisionRoute } from './decision.tsx';
import { decisionNewRoute } from './decision-new.tsx';
import { decisionSessionRoute } from './decision-session.tsx';
import { decisionsRoute } from './decisions.tsx';
import { delegationRoute } from './delegation.tsx';
import { archiveRoute, deadlinesRoute, exchangeRoute, receivedRoute, sentRoute } from './exchange.tsx';
import { exchangeCompareRoute } from './exchange-compare.tsx';
import { fillRoute } from './exchange-fill.tsx';
import { submissionRoute } from './exchange-submission.tsx';
import { forgotPasswordRoute } from './forgot-password.tsx';
import { homeRoute } from './home.tsx';
import { inboxRoute } from './inbox.tsx';
import { keyConceptRoute, keyConceptsRoute } from './key-concepts.tsx';
import { meetingLiveRoute, meetingProjectorRoute, meetingRoute } from './meeting.tsx';
import { meetingAccreditationRoute } from './meeting-accreditation.tsx';
import { meetingAgendaRoute } from './meeting-agenda.tsx';
import { meetingEditRoute, meetingNewRoute } from './meeting-edit.tsx';
import { meetingParticipantsRoute } from './meeting-participants.tsx';
import { meetingRecordRoute } from './meeting-record.tsx';
import { meetingsRoute } from './meetings.tsx';
import { membersRoute } from './members.tsx';
import { acceptInvitationRoute, resetPasswordRoute } from './new-password.tsx';
import { outboxMailRoute, outboxRoute } from './outbox.tsx';
import { partyRoute } from './party.tsx';
import { peopleRoute } from './people.tsx';
import { rootRoute } from './root.tsx';
import { searchRoute } from './search.tsx';
import { signInRoute } from './sign-in.tsx';

/**
 * The code-based route tree. A module adds its routes (each in its own file under routes/) to this
 * list, and its navigation entry to components/layout/nav-items.ts.
 */
export const routeTree = rootRoute.addChildren([
  homeRoute,
  // Sign-in, accounts, people and notifications.
  signInRoute,
  forgotPasswordRoute,
  acceptInvitationRoute,
  resetPasswordRoute,
  accountRoute,
  delegationRoute,
  peopleRoute,
  inboxRoute,
  outboxRoute,
  outboxMailRoute,
  // The public portal (registry) and its administration pages.
  aboutRoute,
  membersRoute,
  partyRoute,
  bodiesRoute,
  chairmanshipRoute,
  adminProfileRoute,
  adminPartyRoute,
  adminBodyRoute,
  adminChairTermRoute,
  // Documents in many languages.
  documentsRoute,
  documentNewRoute,
  documentTranslationsRoute,
  documentRoute,
  documentEditRoute,
  documentParallelRoute,
  documentCompareRoute,
  // Information exchange between states.
  exchangeRoute,
  receivedRoute,
  sentRoute,
  deadlinesRoute,
  archiveRoute,
  exchangeCompareRoute,
  fillRoute,
  submissionRoute,
  // Search and the glossary of key concepts.
  searchRoute,
  keyConceptsRoute,
  keyConceptRoute,
  // Meetings: calendar, meeting pages, the live room and the projector.
  meetingsRoute,
  meetingNewRoute,
  meetingRoute,
  meetingEditRoute,
  meetingAgendaRoute,
  meetingAccreditationRoute,
  meetingParticipantsRoute,
  meetingRecordRoute,
  meetingLiveRoute,
  meetingProjectorRoute,
  // Decisions by consensus: in session and by silence procedure.
  decisionsRoute,
  decisionNewRoute,
  decisionRoute,
  decisionSessionRoute,
  // Confidence-building measures: catalogue, areas and action plans, annual plans, events, participation, dashboard.
  cbmRoute,
  cbmAreaRoute,
  cbmPlanRoute,
  cbmEventRoute,
  cbmParticipationRoute,
  cbmReportsRoute,
  cbmReportRoute,
  cbmDashboardRoute,
]);
