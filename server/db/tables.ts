import type { ColumnType, Generated } from 'kysely';

/** Row types of every table. Modules add theirs here as their migrations land. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export interface ForumProfileTable {
  id: number;
  data: Json<Record<string, unknown>>;
  updated_at: Generated<Date>;
}

export interface AuditEventsTable {
  seq: Generated<string>;
  id: Generated<string>;
  at: Timestamp;
  actor_user_id: string | null;
  actor_party_id: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface JobsTable {
  id: Generated<string>;
  kind: string;
  payload: Json<Record<string, unknown>>;
  status: Generated<'pending' | 'done' | 'dead'>;
  run_at: Timestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_until: Timestamp | null;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: Generated<Date>;
  done_at: Timestamp | null;
}

export interface PartiesTable {
  id: Generated<string>;
  code: string;
  kind: 'member-state' | 'observer-state' | 'observer-organization' | 'partner-organization' | 'secretariat';
  names: Json<Record<string, string>>;
  short_names: Json<Record<string, string>>;
  contact: Json<Record<string, unknown>> | null;
  flag: string | null;
  notes: Json<string[]>;
  /** Registry migration: ISO 3166-1 alpha-3 of a state; cooperation instruments (MoU, protocol). */
  iso_alpha3: string | null;
  agreements: ColumnType<unknown[], string | undefined, string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PartyStatusPeriodsTable {
  id: Generated<string>;
  party_id: string;
  status: 'member' | 'observer' | 'partner';
  from_date: string | null;
  known_by: string | null;
  to_date: string | null;
  uncertain: string | null;
  decision_ref: string | null;
  /** Registry migration: order within the party's history (ties on start are broken by it). */
  seq: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type UserRole = 'head-of-delegation' | 'focal-point' | 'delegate' | 'viewer' | 'admin' | 'officer';

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  language: Generated<string>;
  time_zone: Generated<string>;
  party_id: string;
  role: UserRole;
  status: Generated<'active' | 'suspended'>;
  password_hash: string | null;
  password_changed_at: Timestamp | null;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: ColumnType<string | null, string | number | null, string | number | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UserRecoveryCodesTable {
  id: Generated<string>;
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the cookie token. */
  id: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  idle_timeout_seconds: number;
  mfa: Generated<boolean>;
  user_agent: string | null;
  ip: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<string>;
  kind: 'login' | 'password-reset';
  at: Timestamp;
  email: string | null;
  ip: string | null;
  success: boolean;
}

export interface OneTimeTokensTable {
  /** SHA-256 (hex) of the token sent in the link. */
  id: string;
  kind: 'invitation' | 'password-reset';
  user_id: string;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  token_hash: string;
  name: string;
  scopes: string[];
  user_id: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface IdentitySettingsTable {
  id: number;
  require_mfa_roles: UserRole[];
  updated_at: Generated<Date>;
}

// Registry (server/modules/registry): bodies and who sits in them, chairmanship, Secretariat heads.
export interface BodiesTable {
  id: Generated<string>;
  code: string;
  kind: 'decision-making' | 'subsidiary' | 'experts' | 'secretariat' | 'advisory';
  names: Json<Record<string, string>>;
  historic_names: ColumnType<Array<{ names: Record<string, string>; until: string }>, string | undefined, string>;
  reports_to_id: string | null;
  frequency: Json<Record<string, string>>;
  meetings_per_year: number | null;
  every_years: number | null;
  membership: 'all-members' | 'coordinator-and-participants' | 'appointed';
  established: string | null;
  dissolved: string | null;
  uncertain: string | null;
  seq: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface BodyParticipantsTable {
  id: Generated<string>;
  body_id: string;
  party_id: string;
  role: 'coordinator' | 'co-coordinator' | 'participant';
  scope: string | null;
  from_date: string | null;
  to_date: string | null;
  uncertain: string | null;
  seq: Generated<number>;
  created_at: Generated<Date>;
}

export interface ChairTermsTable {
  id: Generated<string>;
  party_id: string;
  start_date: string;
  end_date: string | null;
  how_decided: string;
  decided_on: string | null;
  uncertain: string | null;
  decision_ref: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ChairBidsTable {
  id: Generated<string>;
  party_id: string;
  term_start: string;
  term_end: string | null;
  submitted_at: Timestamp;
  letter: string | null;
  document_ref: string | null;
  status: Generated<'submitted' | 'withdrawn' | 'recommended' | 'not-recommended' | 'accepted' | 'rejected'>;
  decision_ref: string | null;
  recorded_by_user_id: string | null;
  recorded_by_party_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SecretariatHeadsTable {
  id: Generated<string>;
  name: string | null;
  nationality: string | null;
  role: 'head' | 'deputy';
  title: Json<Record<string, string>>;
  start_date: string | null;
  end_date: string | null;
  uncertain: string | null;
  seq: Generated<number>;
  created_at: Generated<Date>;
}

// Notifications (server/modules/notifications): inbox, preferences, digest watermark, mail outbox.
export type NotificationChannel = 'immediate' | 'digest' | 'none';

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  params: Json<Record<string, string | number | boolean | null>>;
  object_type: string | null;
  object_id: string | null;
  link: string | null;
  channel: NotificationChannel;
  created_at: Timestamp;
  read_at: Timestamp | null;
  digested_at: Timestamp | null;
}

export interface NotificationPreferencesTable {
  user_id: string;
  kind: string;
  channel: NotificationChannel;
  updated_at: Timestamp;
}

export interface NotificationDigestsTable {
  user_id: string;
  last_digest_at: Timestamp;
}

export interface OutboxMailTable {
  id: Generated<string>;
  to_address: string;
  to_name: string | null;
  user_id: string | null;
  subject: string;
  text: string;
  html: string;
  language: string;
  kind: string;
  status: Generated<'queued' | 'sent' | 'held' | 'failed'>;
  redacted: Generated<boolean>;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  message_id: string | null;
  error: string | null;
  attempts: Generated<number>;
}

// Documents (server/modules/documents)
export interface DocumentCountersTable {
  prefix: string;
  body_code: string;
  year: number;
  series: 'general' | 'limited' | 'restricted';
  last_number: number;
}

export interface DocumentsTable {
  id: Generated<string>;
  symbol: string;
  prefix: string;
  body_code: string;
  year: number;
  series: 'general' | 'limited' | 'restricted';
  number: number;
  rev_no: number | null;
  add_no: number | null;
  corr_no: number | null;
  base_id: string | null;
  parent_id: string | null;
  relation: 'revision' | 'addendum' | 'corrigendum' | null;
  type: string;
  title: string;
  original_language: string;
  meeting_id: string | null;
  agenda_item: string | null;
  submitting_party_id: string | null;
  document_date: string;
  status: 'draft' | 'circulated' | 'adopted' | 'issued' | 'superseded' | 'withdrawn';
  access_level: 'public' | 'members' | 'members-and-observers' | 'restricted';
  derestrict_at: Timestamp | null;
  derestrict_to: 'public' | 'members' | 'members-and-observers' | 'restricted' | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DocumentAccessPartiesTable {
  document_id: string;
  party_id: string;
}

export interface DocumentAccessHistoryTable {
  id: Generated<string>;
  seq: Generated<string>;
  document_id: string;
  at: Timestamp;
  actor_user_id: string | null;
  change: 'set' | 'derestricted' | 'derestriction-scheduled' | 'derestriction-cancelled';
  from_level: 'public' | 'members' | 'members-and-observers' | 'restricted' | null;
  to_level: 'public' | 'members' | 'members-and-observers' | 'restricted';
  party_ids: Json<string[]>;
  effective_at: Timestamp | null;
  decision_ref: string | null;
  note: string | null;
}

export interface DocumentLanguagesTable {
  id: Generated<string>;
  document_id: string;
  language: string;
  role: 'original' | 'translation';
  status: 'awaited' | 'in-translation' | 'ready';
  authoritative: Generated<boolean>;
  translator: string | null;
  title: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DocumentTextRevisionsTable {
  id: Generated<string>;
  language_id: string;
  n: number;
  created_at: Timestamp;
  created_by: string | null;
  note: string | null;
  paragraph_count: number;
}

export interface DocumentParagraphsTable {
  revision_id: string;
  n: number;
  html: string;
  plain: string;
}

export interface DocumentFilesTable {
  id: Generated<string>;
  document_id: string;
  language_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  created_at: Timestamp;
  created_by: string | null;
}

// Decisions (server/modules/decisions): the record, positions (append-only), observers' comments, idempotency keys.
export interface DecisionExtension {
  at: string;
  byUserId: string | null;
  onBehalfOfChair: boolean;
  from: { instant: string; date: string; time: string; zone: string };
  to: { instant: string; date: string; time: string; zone: string };
  reason: string | null;
}

export interface DecisionsTable {
  id: Generated<string>;
  body_code: string;
  text_document_id: string | null;
  title: Json<Record<string, string>>;
  proposer_kind: 'chair' | 'secretariat' | 'member-state';
  proposer_party_id: string | null;
  procedure: 'in-session' | 'silence';
  meeting_id: string | null;
  definition: 'no-objection' | 'unanimity';
  outcome_access: 'public' | 'members' | 'members-and-observers';
  created_by_user_id: string | null;
  created_at: Timestamp;
  launched_at: Timestamp | null;
  launched_by_user_id: string | null;
  launched_on_behalf_of_chair: Generated<boolean>;
  member_party_ids: ColumnType<string[], string[] | undefined, string[]>;
  expires_at: Timestamp | null;
  expiry_zone: string | null;
  expiry_local_date: string | null;
  expiry_local_time: string | null;
  extensions: ColumnType<DecisionExtension[], string | undefined, string>;
  withdrawn_at: Timestamp | null;
  withdrawn_by_user_id: string | null;
  withdrawal_reason: string | null;
  finding_at: Timestamp | null;
  finding_outcome: 'no-objection' | 'objection' | null;
  finding_objector_party_ids: ColumnType<string[], string[] | undefined, string[]>;
  finding_by_user_id: string | null;
  finding_on_behalf_of_chair: Generated<boolean>;
  finding_note: string | null;
  concluded_at: Timestamp | null;
  outcome_document_id: string | null;
}

export interface DecisionPositionsTable {
  id: Generated<string>;
  decision_id: string;
  party_id: string;
  kind: 'joins' | 'no-objection' | 'objection' | 'amendment' | 'reservation' | 'interpretative-statement' | 'withdrawn-objection';
  text: string | null;
  recorded_by_user_id: string;
  recorded_at: Timestamp;
  mfa: boolean;
  request_id: string | null;
  is_current: Generated<boolean>;
  superseded_by: string | null;
}

/** Per decision, what its current member positions count (kept by triggers: migration 2026-11-28T1000). */
export interface DecisionTalliesTable {
  decision_id: string;
  blocking_count: Generated<number>;
  joined_count: Generated<number>;
  acted_count: Generated<number>;
}

/** A TOTP step spent confirming a position (one act, once). */
export interface DecisionStepUpsTable {
  user_id: string;
  step: ColumnType<string, string | number, never>;
  used_at: Timestamp;
}

export interface DecisionCommentsTable {
  id: Generated<string>;
  decision_id: string;
  party_id: string;
  user_id: string;
  text: string;
  created_at: Timestamp;
}

export interface IdempotencyKeysTable {
  id: Generated<string>;
  user_id: string;
  key: string;
  scope: string;
  request_hash: string;
  status: 'in-flight' | 'done';
  response_status: number | null;
  response_body: Json | null;
  created_at: Timestamp;
  completed_at: Timestamp | null;
}

// Information exchange (server/modules/exchange): forms, submissions, audience, acknowledgements.
export type ExchangeVisibility = 'parties' | 'members' | 'public';
export type ExchangeContentKind = 'data' | 'nothing-to-declare' | 'nothing-new';

export interface ExchangeFormsTable {
  id: Generated<string>;
  code: string;
  version: number;
  title: Json<Record<string, string>>;
  description: Json<Record<string, string>>;
  schema: Json<Record<string, unknown>>;
  labels: Json<Record<string, unknown>>;
  due_rule: Json<Record<string, unknown>>;
  options: Json<Record<string, unknown>>;
  created_at: Timestamp;
  created_by: string | null;
}

export interface ExchangeSubmissionsTable {
  id: string;
  form_id: string;
  form_code: string;
  periodic: boolean;
  party_id: string;
  year: number;
  activity_start: string | null;
  content_kind: ExchangeContentKind;
  nothing_new_since: number | null;
  data: Json<unknown> | null;
  title: string | null;
  visibility: ExchangeVisibility;
  status: 'draft' | 'submitted';
  version: number;
  root_id: string;
  previous_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  submitted_at: Timestamp | null;
  submitted_by: string | null;
}

export interface ExchangeSubmissionPartiesTable {
  submission_id: string;
  party_id: string;
  is_recipient: boolean;
}

export interface ExchangeAcknowledgementsTable {
  id: Generated<string>;
  submission_id: string;
  party_id: string;
  acknowledged_by: string;
  acknowledged_at: Timestamp;
  note: string | null;
}

export interface ExchangeDerestrictionsTable {
  id: Generated<string>;
  submission_id: string;
  from_visibility: ExchangeVisibility;
  to_visibility: 'members' | 'public';
  at: Timestamp;
  by_user: string | null;
  by_party: string | null;
  reason: string | null;
}

export interface ExchangeRemindersTable {
  key: string;
  kind: 'acknowledgement' | 'deadline';
  party_id: string;
  submission_id: string | null;
  form_code: string | null;
  year: number | null;
  sent_at: Timestamp;
  recipients: number;
}

// Meetings (server/modules/meetings): meetings, invitations, agenda, accreditation, live room, record, calendar tokens.
export interface MeetingsTable {
  id: Generated<string>;
  body_code: string;
  ordinal: number;
  title: Json<Record<string, string>>;
  starts_at: Timestamp;
  ends_at: Timestamp;
  time_zone: string;
  venue_city: string | null;
  venue_country: string | null;
  online_url: string | null;
  format: 'in-person' | 'online' | 'hybrid';
  status: Generated<'planned' | 'convened' | 'in-session' | 'closed' | 'record-final'>;
  presiding_party_id: string | null;
  papers_access: 'public' | 'members' | 'members-and-observers' | 'restricted';
  closed: Generated<boolean>;
  high_level: Generated<boolean>;
  speaking_time_seconds: Generated<number>;
  registration_deadline: Timestamp | null;
  documents_deadline: Timestamp | null;
  convened_at: Timestamp | null;
  notice: Json<Record<string, string>> | null;
  agenda_status: Generated<'provisional' | 'adopted'>;
  agenda_adopted_at: Timestamp | null;
  agenda_decision_id: string | null;
  current_item_id: string | null;
  record_status: Generated<'draft' | 'circulated' | 'final'>;
  record_circulated_at: Timestamp | null;
  corrections_deadline: Timestamp | null;
  record_final_at: Timestamp | null;
  event_seq: ColumnType<string, string | number | undefined, string | number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeetingInvitationsTable {
  meeting_id: string;
  party_id: string;
  role: 'member' | 'observer';
}

export interface AgendaItemsTable {
  id: Generated<string>;
  meeting_id: string;
  parent_id: string | null;
  position: number;
  title: Json<Record<string, string>>;
  status: 'listed' | 'requested' | 'declined';
  requested_by_party_id: string | null;
  explanation: string | null;
  decision_note: string | null;
  decided_at: Timestamp | null;
  created_at: Timestamp;
}

export interface AgendaItemDocumentsTable {
  item_id: string;
  document_id: string;
  seq: number;
}

export interface MeetingRegistrationsTable {
  id: Generated<string>;
  meeting_id: string;
  party_id: string;
  status: 'submitted' | 'accepted' | 'returned';
  submitted_at: Timestamp;
  submitted_by: string | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  return_reason: string | null;
  credentials_file_name: string | null;
  credentials_media_type: string | null;
  credentials_size: number | null;
  credentials_sha256: string | null;
  credentials_content: Buffer | null;
  credentials_uploaded_at: Timestamp | null;
}

export interface MeetingDelegatesTable {
  id: Generated<string>;
  registration_id: string;
  seq: number;
  name: string;
  function: 'head' | 'alternate' | 'adviser';
  title: string | null;
  email: string | null;
}

export interface MeetingSpeakersTable {
  id: Generated<string>;
  meeting_id: string;
  item_id: string;
  party_id: string;
  user_id: string | null;
  kind: 'regular' | 'point-of-order' | 'reply';
  replies_to_id: string | null;
  seq: Generated<string>;
  status: 'waiting' | 'speaking' | 'done' | 'withdrawn';
  requested_at: Timestamp;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
  limit_seconds: number | null;
}

export interface MeetingStatementsTable {
  id: Generated<string>;
  meeting_id: string;
  item_id: string;
  party_id: string;
  user_id: string | null;
  language: string;
  text: string;
  document_id: string | null;
  created_at: Timestamp;
}

export interface MeetingEventsTable {
  meeting_id: string;
  seq: ColumnType<string, string | number, never>;
  at: Timestamp;
  type: string;
  data: Json<Record<string, unknown>>;
}

export interface MeetingRecordEntriesTable {
  item_id: string;
  meeting_id: string;
  language: string;
  text: string;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface MeetingRecordCorrectionsTable {
  id: Generated<string>;
  meeting_id: string;
  item_id: string;
  party_id: string;
  user_id: string | null;
  text: string;
  status: 'pending' | 'accepted' | 'rejected';
  created_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decision_note: string | null;
}

export interface MeetingOutcomesTable {
  id: Generated<string>;
  meeting_id: string;
  document_id: string | null;
  decision_id: string | null;
  created_at: Timestamp;
}

export interface CalendarTokensTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

// Glossary (server/modules/glossary): concepts, their text per language, their terms.
export interface GlossaryConceptsTable {
  id: Generated<string>;
  code: string;
  subject: string | null;
  status: 'draft' | 'approved' | 'deprecated';
  source_title: string | null;
  source_date: string | null;
  source_url: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  created_by: string | null;
  updated_by: string | null;
}

export interface GlossaryLanguagesTable {
  concept_id: string;
  lang: string;
  definition: string | null;
  note: string | null;
}

export interface GlossaryTermsTable {
  id: Generated<string>;
  concept_id: string;
  lang: string;
  term: string;
  kind: 'preferred' | 'synonym' | 'abbreviation';
  seq: number;
  match_key: string;
}

// Search (server/modules/search): the index and the outbox the triggers fill.
export type SearchItemType = 'document' | 'meeting' | 'decision' | 'glossary' | 'party' | 'body' | 'cbm' | 'cbm-area' | 'cbm-measure' | 'cbm-event';
export type SearchGuard = 'public' | 'secretariat' | 'document' | 'meeting' | 'decision' | 'submission' | 'cbm-event';

export interface SearchItemsTable {
  id: Generated<string>;
  item_type: SearchItemType;
  item_id: string;
  lang: string;
  part: number;
  profile: string;
  cfg: string;
  title: string;
  body: string;
  title_norm: string;
  tsv: string;
  guard: SearchGuard;
  guard_id: string | null;
  body_code: string | null;
  year: number | null;
  ref: Json<Record<string, unknown>>;
  indexed_at: Generated<Date>;
}

export interface SearchOutboxTable {
  item_type: string;
  item_id: string;
  queued_at: Generated<Date>;
}

// CBM (server/modules/cbm): catalogue, coordination, action plans, annual plans and events, participation,
// implementation reports and reviews. Days are 'YYYY-MM-DD' text.
export interface CbmCatalogueVersionsTable {
  code: string;
  title: Json<Record<string, string>>;
  adopted_on: string | null;
  adopted_by: Json<Record<string, string>> | null;
}

export interface CbmDimensionsTable {
  code: string;
  position: number;
  names: Json<Record<string, string>>;
  note: string | null;
}

export interface CbmAreasTable {
  id: Generated<string>;
  code: string;
  dimension_code: string;
  position: number;
  names: Json<Record<string, string>>;
  note: string | null;
}

export interface CbmMeasuresTable {
  id: Generated<string>;
  area_id: string;
  code: string;
  title: Json<Record<string, string>>;
  text: Json<Record<string, string>>;
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CbmMeasureVersionsTable {
  measure_id: string;
  version_code: string;
}

export interface CbmTermsTable {
  id: Generated<string>;
  area_id: string;
  party_id: string;
  role: 'coordinator' | 'co-coordinator';
  from_date: string | null;
  to_date: string | null;
  decision_id: string | null;
  decision_ref: string | null;
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CbmOffersTable {
  id: Generated<string>;
  area_id: string;
  party_id: string;
  role: 'coordinator' | 'co-coordinator';
  state: 'offered' | 'forwarded' | 'accepted' | 'declined';
  note: string | null;
  offered_at: Timestamp;
  offered_by: string | null;
  forwarded_at: Timestamp | null;
  forwarded_by: string | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decision_id: string | null;
  decision_ref: string | null;
  term_id: string | null;
}

export interface CbmActionPlansTable {
  id: Generated<string>;
  area_id: string;
  title: Json<Record<string, string>>;
  concept_paper_id: string | null;
  period_from: string | null;
  period_to: string | null;
  status: Generated<'draft' | 'experts-meeting' | 'swg' | 'soc-approved'>;
  approved_at: Timestamp | null;
  decision_id: string | null;
  decision_ref: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CbmPlanStepsTable {
  id: Generated<string>;
  plan_id: string;
  step: 'experts-meeting' | 'swg' | 'soc-approved';
  on_date: string;
  meeting_id: string | null;
  decision_id: string | null;
  decision_ref: string | null;
  note: string | null;
  recorded_at: Timestamp;
  recorded_by: string | null;
}

export interface CbmActivitiesTable {
  id: Generated<string>;
  plan_id: string;
  position: number;
  title: Json<Record<string, string>>;
  lead_party_id: string | null;
  planned_from: string | null;
  planned_to: string | null;
  status: 'planned' | 'in-progress' | 'completed' | 'postponed' | 'cancelled';
  percent_done: Generated<number>;
  milestones: Json<Array<{ title: string; due: string | null; done: boolean }>>;
  results: Json<Record<string, string>> | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CbmActivityPartiesTable {
  activity_id: string;
  party_id: string;
}

export interface CbmAnnualPlansTable {
  year: number;
  status: Generated<'draft' | 'approved'>;
  note: string | null;
  approved_at: Timestamp | null;
  approved_on: string | null;
  approved_by: string | null;
  decision_id: string | null;
  decision_ref: string | null;
  created_at: Timestamp;
}

export interface CbmAnnualPlanChangesTable {
  id: Generated<string>;
  seq: Generated<string>;
  year: number;
  event_id: string | null;
  change: 'added' | 'changed' | 'removed';
  before: Json<Record<string, unknown>> | null;
  after: Json<Record<string, unknown>> | null;
  note: string | null;
  at: Timestamp;
  by_user_id: string | null;
}

export interface CbmEventsTable {
  id: Generated<string>;
  year: number;
  kind: 'workshop' | 'seminar' | 'training' | 'forum' | 'exercise';
  title: Json<Record<string, string>>;
  area_id: string;
  host_party_id: string;
  starts_on: string;
  ends_on: string;
  place: string | null;
  online_url: string | null;
  status: Generated<'planned' | 'held' | 'cancelled' | 'postponed'>;
  access: 'public' | 'members';
  is_demo: Generated<boolean>;
  label: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CbmEventParticipantsTable {
  event_id: string;
  party_id: string;
}

export interface CbmEventDocumentsTable {
  event_id: string;
  document_id: string;
  added_at: Timestamp;
}

export interface CbmEventReportsTable {
  event_id: string;
  results: Json<Record<string, string>>;
  submitted_at: Timestamp;
  submitted_by: string | null;
}

export interface CbmEventReportCountsTable {
  event_id: string;
  party_id: string;
  count: number;
}

export interface CbmParticipationTable {
  id: Generated<string>;
  party_id: string;
  measure_id: string;
  since: string;
  withdrawn: string | null;
  declared_at: Timestamp;
  declared_by: string | null;
  updated_at: Timestamp;
}

export interface CbmReportsTable {
  id: Generated<string>;
  area_id: string;
  year: number;
  text: Json<Record<string, string>>;
  status: Generated<'draft' | 'submitted' | 'compiled'>;
  drafted_by_party_id: string | null;
  created_by: string | null;
  submitted_at: Timestamp | null;
  submitted_by: string | null;
  compiled_at: Timestamp | null;
  compiled_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CbmReviewsTable {
  id: Generated<string>;
  year: number;
  dimension_code: string;
  record: Json<Record<string, string>>;
  decision_id: string | null;
  decision_ref: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface Database {
  forum_profile: ForumProfileTable;
  audit_events: AuditEventsTable;
  jobs: JobsTable;
  parties: PartiesTable;
  party_status_periods: PartyStatusPeriodsTable;
  bodies: BodiesTable;
  body_participants: BodyParticipantsTable;
  chair_terms: ChairTermsTable;
  chair_bids: ChairBidsTable;
  secretariat_heads: SecretariatHeadsTable;
  users: UsersTable;
  user_recovery_codes: UserRecoveryCodesTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  one_time_tokens: OneTimeTokensTable;
  api_tokens: ApiTokensTable;
  identity_settings: IdentitySettingsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  notification_digests: NotificationDigestsTable;
  outbox_mail: OutboxMailTable;
  document_counters: DocumentCountersTable;
  documents: DocumentsTable;
  document_access_parties: DocumentAccessPartiesTable;
  document_access_history: DocumentAccessHistoryTable;
  document_languages: DocumentLanguagesTable;
  document_text_revisions: DocumentTextRevisionsTable;
  document_paragraphs: DocumentParagraphsTable;
  document_files: DocumentFilesTable;
  decisions: DecisionsTable;
  decision_positions: DecisionPositionsTable;
  decision_tallies: DecisionTalliesTable;
  decision_step_ups: DecisionStepUpsTable;
  decision_comments: DecisionCommentsTable;
  idempotency_keys: IdempotencyKeysTable;
  exchange_forms: ExchangeFormsTable;
  exchange_submissions: ExchangeSubmissionsTable;
  exchange_submission_parties: ExchangeSubmissionPartiesTable;
  exchange_acknowledgements: ExchangeAcknowledgementsTable;
  exchange_derestrictions: ExchangeDerestrictionsTable;
  exchange_reminders: ExchangeRemindersTable;
  meetings: MeetingsTable;
  meeting_invitations: MeetingInvitationsTable;
  agenda_items: AgendaItemsTable;
  agenda_item_documents: AgendaItemDocumentsTable;
  meeting_registrations: MeetingRegistrationsTable;
  meeting_delegates: MeetingDelegatesTable;
  meeting_speakers: MeetingSpeakersTable;
  meeting_statements: MeetingStatementsTable;
  meeting_events: MeetingEventsTable;
  meeting_record_entries: MeetingRecordEntriesTable;
  meeting_record_corrections: MeetingRecordCorrectionsTable;
  meeting_outcomes: MeetingOutcomesTable;
  calendar_tokens: CalendarTokensTable;
  glossary_concepts: GlossaryConceptsTable;
  glossary_languages: GlossaryLanguagesTable;
  glossary_terms: GlossaryTermsTable;
  search_items: SearchItemsTable;
  search_outbox: SearchOutboxTable;
  cbm_catalogue_versions: CbmCatalogueVersionsTable;
  cbm_dimensions: CbmDimensionsTable;
  cbm_areas: CbmAreasTable;
  cbm_measures: CbmMeasuresTable;
  cbm_measure_versions: CbmMeasureVersionsTable;
  cbm_terms: CbmTermsTable;
  cbm_offers: CbmOffersTable;
  cbm_action_plans: CbmActionPlansTable;
  cbm_plan_steps: CbmPlanStepsTable;
  cbm_activities: CbmActivitiesTable;
  cbm_activity_parties: CbmActivityPartiesTable;
  cbm_annual_plans: CbmAnnualPlansTable;
  cbm_annual_plan_changes: CbmAnnualPlanChangesTable;
  cbm_events: CbmEventsTable;
  cbm_event_participants: CbmEventParticipantsTable;
  cbm_event_documents: CbmEventDocumentsTable;
  cbm_event_reports: CbmEventReportsTable;
  cbm_event_report_counts: CbmEventReportCountsTable;
  cbm_participation: CbmParticipationTable;
  cbm_reports: CbmReportsTable;
  cbm_reviews: CbmReviewsTable;
}
