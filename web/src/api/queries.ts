import { QueryClient, queryOptions } from '@tanstack/react-query';
import { apiGet, isApiError } from './client.ts';
import type { Health, Profile } from './types.ts';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        // A 4xx answer will not change by asking again; retry only network and server failures.
        retry: (failures, err) => failures < 2 && !(isApiError(err) && err.status >= 400 && err.status < 500),
      },
    },
  });
}

export const healthQuery = queryOptions({
  queryKey: ['health'],
  queryFn: ({ signal }) => apiGet<Health>('/health', { signal }),
  staleTime: 5 * 60_000,
});

/** The forum's profile. A 404 means no profile has been loaded yet: the UI shows a "not set up" state. */
export const profileQuery = queryOptions({
  queryKey: ['profile'],
  queryFn: ({ signal }) => apiGet<Profile>('/profile', { signal }),
  staleTime: 5 * 60_000,
});

export function isProfileMissing(err: unknown): boolean {
  return isApiError(err) && err.status === 404;
}
