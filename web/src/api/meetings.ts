import { queryOptions } from '@tanstack/react-query';
import { noteServerTime } from '../hooks/use-meeting-events.ts';
import { apiCall } from './account.ts';

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
  invited: Array<{ code: string; kind: string; names: Names; role: 'member' | 'observer' }>;
  eventSeq: number;
  can: { manage: boolean; chair: boolean; register: boolean; requestItem: boolean; askFloor: boolean; statement: boolean; correctRecord: boolean; participants: boolean };
  notice?: Names | null;
}

export interface AgendaItem {
  id: string;
  number: string | null;
  parentId: string | null;
  title: Names;
  status: 'listed' | 'requested' | 'declined';
  requestedBy: string | null;
  documents: Array<{ id: string; symbol: string; title: string }>;
  statements: Array<{ id: string; party: string; language: string; text: string; createdAt: string }>;
}

export interface Agenda {
  meetingId: string;
  status: 'provisional' | 'adopted';
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

export interface Registration {
  party: { code: string; kind: string; names: Names };
  status: 'submitted' | 'accepted' | 'returned';
  returnReason: string | null;
  delegates: Array<{ name: string; function: 'head' | 'alternate' | 'adviser'; title: string | null }>;
  credentials: { fileName: string } | null;
}

export interface Participants {
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
export const participantsQuery = (id: string) =>
  queryOptions({ queryKey: [...meetingsKey, id, 'participants'], queryFn: ({ signal }) => apiCall<Participants>('GET', `/meetings/${id}/participants`, { signal }) });
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
  register: (id: string, party: string, delegates: Registration['delegates']) => apiCall<Registration>('PUT', `/meetings/${id}/registrations/${party}`, { body: { delegates } }),
};
