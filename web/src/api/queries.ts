import { queryOptions } from '@tanstack/react-query';
import { ApiError, api } from './client';
import type { Locale, Me, RelationshipSummary, StatusFilter } from './types';

export const meQueryKey = ['me'] as const;

/** The signed-in user, or null when there is no session. */
export const meQuery = queryOptions({
  queryKey: meQueryKey,
  queryFn: async (): Promise<Me | null> => {
    try {
      return await api<Me>('GET', '/me');
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 5 * 60_000,
});

export const relationshipSummaryQuery = (status: StatusFilter) =>
  queryOptions({
    queryKey: ['relationship-summary', status] as const,
    queryFn: () => api<RelationshipSummary>('GET', `/relationship-summary?status=${status}`),
  });

export const signOut = () => api<void>('POST', '/auth/sign-out');

export const updateLocale = (locale: Locale) => api<Me>('PATCH', '/me', { locale });
