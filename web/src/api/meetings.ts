import { queryOptions } from '@tanstack/react-query';
import { noteServerTime } from '../hooks/use-meeting-events.ts';
import { apiCall } from './account.ts';
import { ApiError, networkErrorCode } from './client.ts';
import type { Problem } from './types.ts';

/** Meetings as the web app reads them; shapes follow openapi.json (Meeting, Agenda, LiveView, …). */

export type MeetingStatus = 'planned' | 'convened' | 'in-session' | 'closed' | 'record-final';
export type SpeakerKind = 'regular' | 'point-of-order' | 'reply';
type Names = Record<string, string>;

export interface Meeting {
  id: string;
  body: { code: string; names: Names };
  ordinal: number;
  name: Names;
  title: Names;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  venue: { city: string; country: string } | null;
  onlineUrl: string | null;
  format: 'in-person' | 'online' | 'hybrid';
  status: MeetingStatus;
  presidingParty: { code: string; kind: string; names: Names } | null;
  papersAccess: 'public' | 'members' | 'members-and-observers' | 'restricted';
  closed: boolean;
  highLevel: boolean;
  speakingTimeSeconds: number;
  registrationDeadline: string | null;
  documentsDeadline: string | null;
  agendaStatus: 'provisional' | 'adopted';
  currentItemId: string | null;
  record: { status: 'draft' | 'circulated' | 'final'; circulatedAt: string | null; correctionsDeadline: string | null; finalAt: string | null };
  invited: Array<{ code: string; kind: string; names: Names; role: 'member' | 'observer' }>;
  eventSeq: number;
  can: { manage: boolean; chair: boolean; register: boolean; requestItem: boolean; askFloor: boolean; statement: boolean; correctRecord: boolean; participants: boolean };
  notice?: Names | null;
}

export interface AgendaItem {
  id: string;
  number: string | null;
  parentId: string | null;
  position: number;
  title: Names;
  status: 'listed' | 'requested' | 'declined';
  requestedBy: string | null;
  explanation: string | null;
  decisionNote: string | null;
  documents: Array<{ id: string; symbol: string; title: string }>;
  statements: Array<{ id: string; party: string; language: string; text: string; createdAt: string }>;
}

export interface Agenda {
  meetingId: string;
  status: 'provisional' | 'adopted';
  adoptedAt: string | null;
  /** The decision of the decisions module the agenda was adopted on; null when adopted in session on the Chair's finding. */
  decisionId: string | null;
  currentItemId: string | null;
  items: AgendaItem[];
  requests: AgendaItem[];
}

export interface Speaker {
  id: string;
  party: { code: string; names: Names };
  kind: SpeakerKind;
  repliesTo: string | null;
  status: 'waiting' | 'speaking' | 'done' | 'withdrawn';
  startedAt: string | null;
  limitSeconds: number | null;
  endsAt: string | null;
}

export interface LiveState {
  meetingId: string;
  status: string;
  currentItem: { id: string; number: string | null; title: Names } | null;
  speaking: Speaker | null;
  queue: Speaker[];
  spoken: Speaker[];
  eventSeq?: number;
  serverTime?: string;
}

export type DelegateFunction = 'head' | 'alternate' | 'adviser';
export interface Delegate {
  name: string;
  function: DelegateFunction;
  title: string | null;
  email?: string | null;
}

export interface Registration {
  party: { code: string; kind: string; names: Names };
  status: 'submitted' | 'accepted' | 'returned';
  submittedAt: string;
  decidedAt: string | null;
  returnReason: string | null;
  delegates: Delegate[];
  credentials: { fileName: string; mediaType: string; sizeBytes: number; sha256: string; uploadedAt: string } | null;
}

export interface SummaryRecord {
  meetingId: string;
  status: 'draft' | 'circulated' | 'final';
  circulatedAt: string | null;
  correctionsDeadline: string | null;
  finalAt: string | null;
  canCorrect: boolean;
  entries: Array<{ itemId: string; number: string | null; title: Names; language: string | null; text: string | null; updatedAt: string | null }>;
  corrections: Array<{ id: string; itemId: string; party: string; text: string; status: 'pending' | 'accepted' | 'rejected'; createdAt: string; decidedAt: string | null; decisionNote: string | null }>;
  outcomes: Array<{ id: string; documentId: string | null; symbol: string | null; title: string | null; decisionId: string | null; decisionTitle: Names | null }>;
}

export interface MeetingInput {
  body?: string;
  title: Names;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  venue: { city: string; country: string } | null;
  onlineUrl: string | null;
  format: Meeting['format'];
  presidingParty?: string | null;
  papersAccess: Meeting['papersAccess'];
  closed: boolean;
  highLevel: boolean;
  speakingTimeSeconds: number;
}

export interface Participants {
  meetingId: string;
  order: string;
  groups: Array<{ role: 'member' | 'observer'; parties: Array<{ code: string; name: string; delegates: Array<{ name: string; function: 'head' | 'alternate' | 'adviser'; title: string | null }> }> }>;
}

export const meetingsKey = ['session', 'meetings'] as const;

export const meetingListQuery = (range: { from?: string; to?: string } = {}) =>
  queryOptions({
    queryKey: [...meetingsKey, 'list', range],
    queryFn: ({ signal }) => {
      const q = new URLSearchParams({ limit: '200' });
      if (range.from) q.set('from', range.from);
      if (range.to) q.set('to', range.to);
      return apiCall<{ items: Meeting[]; total: number }>('GET', `/meetings?${q}`, { signal });
    },
  });

export const meetingQuery = (id: string) => queryOptions({ queryKey: [...meetingsKey, id], queryFn: ({ signal }) => apiCall<Meeting>('GET', `/meetings/${id}`, { signal }) });
export const agendaQuery = (id: string) => queryOptions({ queryKey: [...meetingsKey, id, 'agenda'], queryFn: ({ signal }) => apiCall<Agenda>('GET', `/meetings/${id}/agenda`, { signal }) });
export const liveQuery = (id: string) =>
  queryOptions({
    queryKey: [...meetingsKey, id, 'live'],
    queryFn: async ({ signal }) => {
      const live = await apiCall<LiveState>('GET', `/meetings/${id}/live`, { signal });
      noteServerTime(live.serverTime);
      return live;
    },
    staleTime: 0,
  });
export const participantsQuery = (id: string, order?: string) =>
  queryOptions({
    queryKey: [...meetingsKey, id, 'participants', order ?? ''],
    queryFn: ({ signal }) => apiCall<Participants>('GET', `/meetings/${id}/participants${order ? `?order=${encodeURIComponent(order)}` : ''}`, { signal }),
  });
export const registrationsQuery = (id: string) =>
  queryOptions({ queryKey: [...meetingsKey, id, 'registrations'], queryFn: async ({ signal }) => (await apiCall<{ items: Registration[] }>('GET', `/meetings/${id}/registrations`, { signal })).items });
export const recordQuery = (id: string) => queryOptions({ queryKey: [...meetingsKey, id, 'record'], queryFn: ({ signal }) => apiCall<SummaryRecord>('GET', `/meetings/${id}/record`, { signal }) });

/** Uploads a credentials letter (multipart, field "file"); failures become the same ApiError as every call. */
async function uploadCredentials(id: string, party: string, file: File): Promise<Registration> {
  const form = new FormData();
  form.set('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(`/api/meetings/${id}/registrations/${party}/credentials`, { method: 'POST', body: form, credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: networkErrorCode });
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const p = (body && typeof body === 'object' ? body : {}) as Partial<Problem>;
    throw new ApiError({ type: 'about:blank', title: res.statusText, ...p, status: res.status, code: typeof p.code === 'string' ? p.code : `http_${res.status}` });
  }
  return body as Registration;
}
export const myRegistrationQuery = (id: string, party: string) =>
  queryOptions({
    queryKey: [...meetingsKey, id, 'registration', party],
    // The list holds the caller's own registration (none yet: empty), so no 404 is asked for.
    queryFn: async ({ signal }) => (await apiCall<{ items: Registration[] }>('GET', `/meetings/${id}/registrations`, { signal })).items.find((r) => r.party.code === party) ?? null,
  });

export const meetingsApi = {
  askFloor: (id: string, kind: SpeakerKind, repliesTo?: string) => apiCall<LiveState>('POST', `/meetings/${id}/speakers`, { body: { kind, ...(repliesTo ? { repliesTo } : {}) } }),
  giveFloor: (id: string, speakerId?: string) => apiCall<LiveState>('POST', `/meetings/${id}/speakers/next`, { body: speakerId ? { speakerId } : {} }),
  endFloor: (id: string) => apiCall<LiveState>('POST', `/meetings/${id}/speakers/end`),
  withdraw: (id: string, speakerId: string) => apiCall<LiveState>('POST', `/meetings/${id}/speakers/${speakerId}/withdraw`),
  setItem: (id: string, itemId: string) => apiCall<LiveState>('POST', `/meetings/${id}/live/item`, { body: { itemId } }),
  register: (id: string, party: string, delegates: Delegate[]) => apiCall<Registration>('PUT', `/meetings/${id}/registrations/${party}`, { body: { delegates } }),
  uploadCredentials,
  decideRegistration: (id: string, party: string, accept: boolean, reason?: string) =>
    apiCall<Registration>('POST', `/meetings/${id}/registrations/${party}/decision`, { body: accept ? { accept } : { accept, reason: reason ?? null } }),
  create: (input: MeetingInput) => apiCall<Meeting>('POST', '/meetings', { body: input }),
  update: (id: string, input: Partial<MeetingInput>) => apiCall<Meeting>('PATCH', `/meetings/${id}`, { body: input }),
  convene: (id: string, registrationDeadline: string, documentsDeadline: string) => apiCall<Meeting>('POST', `/meetings/${id}/convene`, { body: { registrationDeadline, documentsDeadline } }),
  setStatus: (id: string, to: 'in-session' | 'closed') => apiCall<Meeting>('POST', `/meetings/${id}/status`, { body: { to } }),
  addItem: (id: string, body: { title: Names; parentId?: string | null; index?: number; documentIds?: string[] }) => apiCall<Agenda>('POST', `/meetings/${id}/agenda/items`, { body }),
  updateItem: (id: string, itemId: string, body: { title?: Names; parentId?: string | null; index?: number; documentIds?: string[] }) =>
    apiCall<Agenda>('PATCH', `/meetings/${id}/agenda/items/${itemId}`, { body }),
  deleteItem: (id: string, itemId: string) => apiCall<Agenda>('DELETE', `/meetings/${id}/agenda/items/${itemId}`),
  requestItem: (id: string, title: Names, explanation?: string) => apiCall<Agenda>('POST', `/meetings/${id}/agenda/requests`, { body: { title, ...(explanation ? { explanation } : {}) } }),
  decideRequest: (id: string, itemId: string, accept: boolean, note?: string) => apiCall<Agenda>('POST', `/meetings/${id}/agenda/items/${itemId}/decision`, { body: { accept, ...(note ? { note } : {}) } }),
  /** Adopts the agenda: in session on the Chair's finding, or on a decision of the decisions module adopted by consensus. */
  adoptAgenda: (id: string, decisionId?: string) => apiCall<Agenda>('POST', `/meetings/${id}/agenda/adopt`, { body: decisionId === undefined ? {} : { decisionId } }),
  draftRecord: (id: string, itemId: string, language: string, text: string) => apiCall<SummaryRecord>('PUT', `/meetings/${id}/record/items/${itemId}`, { body: { language, text } }),
  circulateRecord: (id: string, correctionsDeadline: string) => apiCall<SummaryRecord>('POST', `/meetings/${id}/record/circulate`, { body: { correctionsDeadline } }),
  proposeCorrection: (id: string, itemId: string, text: string) => apiCall<SummaryRecord>('POST', `/meetings/${id}/record/corrections`, { body: { itemId, text } }),
  decideCorrection: (id: string, correctionId: string, accept: boolean, note?: string) =>
    apiCall<SummaryRecord>('POST', `/meetings/${id}/record/corrections/${correctionId}/decision`, { body: { accept, ...(note ? { note } : {}) } }),
  linkOutcome: (id: string, ref: { documentId: string } | { decisionId: string }) => apiCall<SummaryRecord>('POST', `/meetings/${id}/outcomes`, { body: ref }),
  finalizeRecord: (id: string) => apiCall<SummaryRecord>('POST', `/meetings/${id}/record/finalize`),
};
