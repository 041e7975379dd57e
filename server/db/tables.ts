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
  created_at: Generated<Date>;
}

export interface Database {
  forum_profile: ForumProfileTable;
  audit_events: AuditEventsTable;
  jobs: JobsTable;
  parties: PartiesTable;
  party_status_periods: PartyStatusPeriodsTable;
}
