import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { apiGet } from './client.ts';

/** Search and the glossary of key concepts, as the web app reads them (openapi.json: SearchResult, GlossaryIndex, GlossaryConcept). */

export const searchItemTypes = ['document', 'meeting', 'decision', 'glossary', 'party', 'body', 'cbm', 'cbm-area', 'cbm-measure', 'cbm-event'] as const;
export type SearchItemType = (typeof searchItemTypes)[number];

export interface Segment {
  text: string;
  match: boolean;
}

export interface SearchHit {
  type: SearchItemType;
  id: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  title: Segment[];
  snippet: Segment[];
  bodyCode: string | null;
  year: number | null;
  ref: Record<string, unknown>;
  score: number;
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface SearchResult {
  query: string;
  total: number;
  page: number;
  pageSize: number;
  hits: SearchHit[];
  facets: { type: FacetValue[]; body: FacetValue[]; year: FacetValue[]; lang: FacetValue[] };
  alsoSearched: string[];
}

export interface SearchParams {
  q?: string;
  type?: SearchItemType;
  lang?: string;
  body?: string;
  year?: number;
  page?: number;
}

export const searchPageSize = 20;

export function searchQuery(p: SearchParams) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) if (v !== undefined && v !== '') qs.set(k, String(v));
  qs.set('pageSize', String(searchPageSize));
  return queryOptions({
    queryKey: ['search', p],
    queryFn: ({ signal }) => apiGet<SearchResult>(`/search?${qs}`, { signal }),
    enabled: !!p.q && p.q.trim() !== '',
    placeholderData: keepPreviousData,
  });
}

export type GlossaryOrder = 'pinyin' | 'stroke';

export interface GlossaryIndex {
  lang: string;
  dir: 'ltr' | 'rtl';
  order: 'alphabetical' | 'pinyin' | 'stroke';
  languages: Array<{ lang: string; count: number }>;
  letters: Array<{ letter: string; count: number }>;
  entries: Array<{
    id: string;
    code: string;
    status: 'draft' | 'approved' | 'deprecated';
    subject: string | null;
    letter: string;
    term: string;
    abbreviations: string[];
    definition: string | null;
    languages: string[];
  }>;
  can: { manage: boolean };
}

export interface GlossaryConcept {
  id: string;
  code: string;
  subject: string | null;
  status: 'draft' | 'approved' | 'deprecated';
  source: { title: string | null; date: string | null; url: string | null } | null;
  languages: Array<{ lang: string; dir: 'ltr' | 'rtl'; preferred: string; synonyms: string[]; abbreviations: string[]; definition: string | null; note: string | null }>;
  createdAt: string;
  updatedAt: string;
  can: { manage: boolean };
}

export function glossaryIndexQuery(lang: string, order?: GlossaryOrder) {
  const qs = new URLSearchParams({ lang });
  if (order) qs.set('order', order);
  return queryOptions({ queryKey: ['glossary', 'index', lang, order ?? ''], queryFn: ({ signal }) => apiGet<GlossaryIndex>(`/glossary?${qs}`, { signal }) });
}

export function conceptQuery(code: string) {
  return queryOptions({ queryKey: ['glossary', 'concept', code], queryFn: ({ signal }) => apiGet<GlossaryConcept>(`/glossary/${encodeURIComponent(code)}`, { signal }) });
}
