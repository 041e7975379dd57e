import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { apiCall } from './account.ts';
import { ApiError, networkErrorCode } from './client.ts';
import type { Problem } from './types.ts';

/** Documents as the web app reads them; shapes follow openapi.json (DocumentSummary, DocumentDetail, …). */

export const documentTypes = [
  'declaration',
  'statement',
  'decision',
  'action-plan',
  'concept-paper',
  'report',
  'note',
  'notification',
  'agenda',
  'minutes',
  'information-paper',
  'letter',
  'other',
] as const;
export type DocumentType = (typeof documentTypes)[number];
export const documentStatuses = ['draft', 'circulated', 'adopted', 'issued', 'superseded', 'withdrawn'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];
export const accessLevels = ['public', 'members', 'members-and-observers', 'restricted'] as const;
export type AccessLevel = (typeof accessLevels)[number];
export const languageStatuses = ['awaited', 'in-translation', 'ready'] as const;
export type LanguageStatus = (typeof languageStatuses)[number];

export interface DocumentSummary {
  id: string;
  symbol: string;
  type: DocumentType;
  title: string;
  bodyCode: string;
  year: number;
  date: string;
  status: DocumentStatus;
  accessLevel: AccessLevel;
  series: 'general' | 'limited' | 'restricted';
  meetingId: string | null;
  agendaItem: string | null;
  submittingParty: string | null;
  originalLanguage: string;
  languages: { language: string; role: 'original' | 'translation'; status: LanguageStatus; authoritative: boolean }[];
  updatedAt: string;
}

export interface DocumentFile {
  id: string;
  language: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

export interface LanguageVersion {
  language: string;
  role: 'original' | 'translation';
  status: LanguageStatus;
  authoritative: boolean;
  translator: string | null;
  title: string | null;
  revision: number | null;
  files: DocumentFile[];
  updatedAt: string;
}

export interface AccessChange {
  at: string;
  change: 'set' | 'derestriction-scheduled' | 'derestriction-cancelled' | 'derestricted';
  fromLevel: AccessLevel | null;
  toLevel: AccessLevel;
  parties: string[];
  effectiveAt: string | null;
  decisionRef: string | null;
  note: string | null;
}

export interface DocumentDetail extends DocumentSummary {
  access: { level: AccessLevel; setLevel: AccessLevel; addressedParties: string[]; derestrictAt: string | null; derestrictTo: AccessLevel | null };
  /** Only for the Secretariat. */
  accessHistory?: AccessChange[];
  relation: 'revision' | 'addendum' | 'corrigendum' | null;
  parentId: string | null;
  family: { id: string; symbol: string; status: DocumentStatus; relation: string | null }[];
  languageVersions: LanguageVersion[];
  nextStatuses: DocumentStatus[];
  can: { manage: boolean; edit: boolean };
  createdAt: string;
}

export interface DocumentPage {
  items: DocumentSummary[];
  total: number;
  limit: number;
  offset: number;
}

export interface Paragraph {
  n: number;
  html: string;
  plain: string;
}

export interface LanguageText {
  language: string;
  revision: number | null;
  paragraphs: Paragraph[];
}

export interface RevisionSummary {
  n: number;
  createdAt: string;
  createdBy: string | null;
  note: string | null;
  paragraphCount: number;
}

export interface ParagraphChange {
  status: 'same' | 'changed' | 'added' | 'removed';
  fromN: number | null;
  toN: number | null;
  words: { op: 'same' | 'added' | 'removed'; text: string }[];
}

export interface ComparedSide {
  documentId: string;
  symbol: string;
  revision: number | null;
}

export interface DocumentComparison {
  language: string;
  from: ComparedSide;
  to: ComparedSide;
  changes: ParagraphChange[];
}

export interface FileRules {
  maxBytes: number;
  kinds: { ext: string; mediaType: string }[];
}

export interface ParallelView {
  languages: { language: string; title: string | null; status: LanguageStatus; revision: number | null }[];
  rows: { n: number; cells: Record<string, string | null> }[];
}

export interface TranslationDashboard {
  languages: {
    language: string;
    awaited: number;
    inTranslation: number;
    items: { documentId: string; symbol: string; title: string; date: string; status: LanguageStatus; translator: string | null }[];
  }[];
}

export interface DocumentFilter {
  q?: string;
  body?: string;
  type?: DocumentType;
  status?: DocumentStatus;
  language?: string;
  year?: number;
  sort?: string;
  page?: number;
}

export const pageSize = 25;

const qs = (params: Record<string, string | number | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') s.set(k, String(v));
  const out = s.toString();
  return out ? `?${out}` : '';
};

// Everything here depends on who is signed in: it sits under the session key, so sign-in and sign-out drop it.
export const documentsKey = ['session', 'documents'] as const;

export const documentListQuery = (f: DocumentFilter) =>
  queryOptions({
    queryKey: [...documentsKey, 'list', f],
    queryFn: ({ signal }) =>
      apiCall<DocumentPage>(
        'GET',
        `/documents${qs({ q: f.q, body: f.body, type: f.type, status: f.status, language: f.language, year: f.year, sort: f.sort, limit: pageSize, offset: ((f.page ?? 1) - 1) * pageSize })}`,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });

export const documentQuery = (id: string) =>
  queryOptions({ queryKey: [...documentsKey, 'one', id], queryFn: ({ signal }) => apiCall<DocumentDetail>('GET', `/documents/${id}`, { signal }) });

export const languageTextQuery = (id: string, lang: string) =>
  queryOptions({ queryKey: [...documentsKey, 'text', id, lang], queryFn: ({ signal }) => apiCall<LanguageText>('GET', `/documents/${id}/languages/${lang}`, { signal }) });

export const parallelQuery = (id: string, languages: string[]) =>
  queryOptions({
    queryKey: [...documentsKey, 'parallel', id, languages.join(',')],
    queryFn: ({ signal }) => apiCall<ParallelView>('GET', `/documents/${id}/parallel${qs({ languages: languages.join(',') || undefined })}`, { signal }),
  });

export const revisionsQuery = (id: string, lang: string) =>
  queryOptions({
    queryKey: [...documentsKey, 'revisions', id, lang],
    queryFn: ({ signal }) => apiCall<RevisionSummary[]>('GET', `/documents/${id}/languages/${lang}/revisions`, { signal }),
  });

/** One side of a comparison: a document and one of its saved revisions. */
export interface CompareSide {
  id: string;
  n: number;
}

/** Two revisions of one language version: of one document, or of two documents of one family (Rev.1 against the original). */
export const compareQuery = (lang: string, from: CompareSide, to: CompareSide) =>
  queryOptions({
    queryKey: [...documentsKey, 'compare', lang, from.id, from.n, to.id, to.n],
    queryFn: async ({ signal }): Promise<DocumentComparison> => {
      if (from.id === to.id) {
        const r = await apiCall<{ language: string; from: number; to: number; changes: ParagraphChange[] }>(
          'GET',
          `/documents/${to.id}/languages/${lang}/compare${qs({ from: from.n, to: to.n })}`,
          { signal },
        );
        return { language: r.language, from: { documentId: from.id, symbol: '', revision: r.from }, to: { documentId: to.id, symbol: '', revision: r.to }, changes: r.changes };
      }
      return apiCall<DocumentComparison>('GET', `/documents/${to.id}/languages/${lang}/compare-with${qs({ other: from.id, otherRevision: from.n, revision: to.n })}`, { signal });
    },
  });

export const fileRulesQuery = queryOptions({
  queryKey: ['documents', 'file-rules'],
  queryFn: ({ signal }) => apiCall<FileRules>('GET', '/documents/file-rules', { signal }),
  staleTime: Number.POSITIVE_INFINITY,
});

export const translationDashboardQuery = queryOptions({
  queryKey: [...documentsKey, 'translations'],
  queryFn: ({ signal }) => apiCall<TranslationDashboard>('GET', '/documents/translation-dashboard', { signal }),
});

export const documentsApi = {
  create: (body: Record<string, unknown>) => apiCall<DocumentDetail>('POST', '/documents', { body }),
  setStatus: (id: string, to: DocumentStatus) => apiCall<DocumentDetail>('POST', `/documents/${id}/status`, { body: { to } }),
  issueRelated: (id: string, kind: 'revision' | 'addendum' | 'corrigendum') => apiCall<DocumentDetail>('POST', `/documents/${id}/revisions`, { body: { kind } }),
  addLanguage: (id: string, body: { language: string; translator?: string | null; authoritative?: boolean }) => apiCall<DocumentDetail>('POST', `/documents/${id}/languages`, { body }),
  updateLanguage: (id: string, lang: string, body: Record<string, unknown>) => apiCall<DocumentDetail>('PATCH', `/documents/${id}/languages/${lang}`, { body }),
  saveText: (id: string, lang: string, paragraphs: string[], baseRevision: number) =>
    apiCall<LanguageText>('PUT', `/documents/${id}/languages/${lang}/text`, { body: { paragraphs, baseRevision } }),
  changeAccess: (
    id: string,
    body: { level: AccessLevel; addressedParties: string[]; derestrictAt?: string | null; derestrictTo?: AccessLevel | null; note?: string },
  ) => apiCall<DocumentDetail>('PUT', `/documents/${id}/access`, { body }),
  derestrict: (id: string, body: { to: AccessLevel; decisionRef: string; note?: string }) => apiCall<DocumentDetail>('POST', `/documents/${id}/derestrict`, { body }),
  upload: (id: string, lang: string, file: File) => uploadFile(`/documents/${id}/languages/${lang}/files`, file),
};

/** Sends one file as multipart/form-data (field "file"); problems come back as ApiError like any call. */
async function uploadFile(path: string, file: File): Promise<DocumentFile> {
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method: 'POST', headers: { accept: 'application/json' }, credentials: 'same-origin', body: form });
  } catch {
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: networkErrorCode });
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!res.ok) {
    const p = (parsed && typeof parsed === 'object' ? parsed : {}) as Partial<Problem>;
    throw new ApiError({ type: p.type ?? 'about:blank', title: p.title ?? res.statusText, ...p, status: res.status, code: typeof p.code === 'string' ? p.code : `http_${res.status}` });
  }
  return parsed as DocumentFile;
}

/** Right-to-left scripts among the languages a document may be written in. */
const rtl = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'dv', 'ug', 'yi', 'sd', 'ckb']);
export const directionOfLanguage = (lang: string): 'rtl' | 'ltr' => (rtl.has(lang.split('-')[0]) ? 'rtl' : 'ltr');
