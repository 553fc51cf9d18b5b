import { queryOptions } from '@tanstack/react-query';
import { ApiError, answer, api } from './client';
import type { Locale, Me, StatusFilter } from './types';

export const meQueryKey = ['me'] as const;

/** The signed-in user, or null when there is no session. */
export const meQuery = queryOptions({
  queryKey: meQueryKey,
  queryFn: async (): Promise<Me | null> => {
    try {
      return await answer(api.GET('/api/v1/me'));
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
    queryFn: () => answer(api.GET('/api/v1/relationship-summary', { params: { query: { status } } })),
  });

export const signOut = () => answer(api.POST('/api/v1/auth/sign-out'));

export const updateLocale = (locale: Locale) => answer(api.PATCH('/api/v1/me', { body: { locale } }));
