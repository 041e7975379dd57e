import { queryOptions } from '@tanstack/react-query';
import { apiCall } from './account.ts';
import type { LocalizedText } from './types.ts';

/**
 * The information exchange as the web app reads it. Shapes follow openapi.json (ExchangeForm,
 * ExchangeSubmission, ExchangeSubmissionDetail, ExchangeDeadlines, ExchangeValidation).
 */

export type Visibility = 'parties' | 'members' | 'public';
export const visibilities: readonly Visibility[] = ['parties', 'members', 'public'];
export type ContentKind = 'data' | 'nothing-to-declare' | 'nothing-new';
export type DeadlineStatus = 'not-yet-due' | 'due' | 'overdue' | 'submitted-on-time' | 'submitted-late';
export const deadlineStatuses: readonly DeadlineStatus[] = ['overdue', 'due', 'submitted-late', 'submitted-on-time', 'not-yet-due'];

export type DueRule = { kind: 'annual'; month: number; day: number; covers: 'previous-year' | 'current-year' } | { kind: 'before-activity'; days: number; activityStartField: string };

export interface FieldLabel {
  label: LocalizedText;
  help?: LocalizedText;
  options?: Record<string, LocalizedText>;
}

/** The JSON Schema subset forms use (see server/modules/exchange/form-schema.ts). */
export interface SchemaNode {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  enum?: Array<string | number>;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
}

export interface ExchangeForm {
  id: string;
  code: string;
  version: number;
  isLatest: boolean;
  title: LocalizedText;
  description: LocalizedText;
  cbmArea: string | null;
  schema: SchemaNode;
  labels: Record<string, FieldLabel>;
  dueRule: DueRule;
  allowsNothingToDeclare: boolean;
  allowsNothingNew: boolean;
  summaryField: string | null;
  ackReminderHours: number;
  createdAt: string;
}

export interface Recipient {
  party: string;
  acknowledgedAt: string | null;
  remindedAt: string | null;
}

export interface Submission {
  id: string;
  form: { id: string; code: string; version: number };
  party: string;
  year: number;
  activityStart: string | null;
  kind: ContentKind;
  nothingNewSince: number | null;
  title: string | null;
  visibility: Visibility;
  status: 'draft' | 'submitted';
  version: number;
  rootId: string;
  previousId: string | null;
  nextId: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  due: { dueDay: string; dueAt: string; timeZone: string; onTime: boolean | null } | null;
  visibleTo: string[] | null;
  recipients: Recipient[] | null;
  received: { acknowledgedAt: string | null } | null;
  derestrictions: Array<{ from: Visibility; to: Visibility; at: string; reason: string | null }>;
}

export interface SubmissionDetail extends Submission {
  data: Record<string, unknown> | null;
  history: Array<{ id: string; version: number; status: 'draft' | 'submitted'; submittedAt: string | null }>;
}

export interface FieldError {
  field: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
}

export interface DeadlineRow {
  party: string;
  form: string;
  formTitle: LocalizedText;
  year: number;
  covers: { from: string; to: string } | null;
  activityStart: string | null;
  title: string | null;
  dueDay: string;
  dueAt: string;
  status: DeadlineStatus;
  daysLeft: number | null;
  submissionId: string | null;
  firstSubmittedAt: string | null;
  kind: ContentKind | null;
  hasDraft: boolean;
}

export interface Deadlines {
  year: number;
  timeZone: string;
  now: string;
  items: DeadlineRow[];
  summary: Record<DeadlineStatus, number>;
}

export interface SubmissionFilter {
  party?: string;
  form?: string;
  year?: number;
  box?: 'received' | 'sent';
  status?: 'draft' | 'submitted';
  latest?: boolean;
  /** 1-based page of `archivePageSize` rows (the archive); otherwise the first 200. */
  page?: number;
}

export const archivePageSize = 50;

export const query = (params: Record<string, string | number | boolean | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '' && v !== false) s.set(k, String(v));
  const out = s.toString();
  return out ? `?${out}` : '';
};

// Forms are the same for everyone; submissions and deadlines depend on who is signed in (session key).
export const exchangeFormsQuery = queryOptions({
  queryKey: ['exchange', 'forms'],
  queryFn: ({ signal }) => apiCall<{ items: ExchangeForm[] }>('GET', '/exchange/forms', { signal }),
  staleTime: 5 * 60_000,
});

export const exchangeFormQuery = (id: string) =>
  queryOptions({
    queryKey: ['exchange', 'form', id],
    queryFn: ({ signal }) => apiCall<ExchangeForm>('GET', `/exchange/forms/${encodeURIComponent(id)}`, { signal }),
    staleTime: 60 * 60_000,
  });

export const exchangeKey = ['session', 'exchange'] as const;

export const submissionsQuery = (f: SubmissionFilter) =>
  queryOptions({
    queryKey: [...exchangeKey, 'submissions', f],
    queryFn: ({ signal }) =>
      apiCall<{ items: Submission[]; total: number }>(
        'GET',
        `/exchange/submissions${query({ party: f.party, form: f.form, year: f.year, box: f.box, status: f.status, latest: f.latest ? 'true' : undefined, ...(f.page ? { limit: archivePageSize, offset: (f.page - 1) * archivePageSize } : { limit: 200 }) })}`,
        { signal },
      ),
  });

export const submissionQuery = (id: string) =>
  queryOptions({
    queryKey: [...exchangeKey, 'submission', id],
    queryFn: ({ signal }) => apiCall<SubmissionDetail>('GET', `/exchange/submissions/${encodeURIComponent(id)}`, { signal }),
  });

export const deadlinesQuery = (year: number | undefined) =>
  queryOptions({
    queryKey: [...exchangeKey, 'deadlines', year ?? null],
    queryFn: ({ signal }) => apiCall<Deadlines>('GET', `/exchange/deadlines${query({ year })}`, { signal }),
  });

export interface YearComparison {
  party: string;
  form: string;
  years: {
    year: number;
    submissionId: string | null;
    version: number | null;
    kind: ContentKind | null;
    nothingNewSince: number | null;
    submittedAt: string | null;
  }[];
  fields: { path: string; label: LocalizedText | null; values: Array<string | number | boolean | null>; changed: boolean }[];
}

/** A party's answers to one form over several years, field by field (the latest version the caller may see each year). */
export const compareYearsQuery = (party: string, form: string, years: number[]) =>
  queryOptions({
    queryKey: [...exchangeKey, 'compare', party, form, years.join(',')],
    queryFn: ({ signal }) => apiCall<YearComparison>('GET', `/exchange/compare${query({ party, form, years: years.join(',') })}`, { signal }),
  });

export function validateAnswers(formId: string, data: unknown) {
  return apiCall<{ valid: boolean; errors: FieldError[] }>('POST', `/exchange/forms/${encodeURIComponent(formId)}/validate`, { body: { data } });
}

export function exportHref(format: 'csv' | 'json', f: SubmissionFilter): string {
  return `/api/exchange/export.${format}${query({ party: f.party, form: f.form, year: f.year, box: f.box, status: f.status, latest: f.latest ? 'true' : undefined })}`;
}
