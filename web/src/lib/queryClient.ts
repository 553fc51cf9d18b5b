import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { meQueryKey } from '../api/queries';

/** Retries only transient failures; a 401 from any query means the session ended. */
export function createQueryClient(onSessionEnded: () => void): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (error instanceof ApiError && error.status === 401 && client.getQueryData(meQueryKey)) {
          client.setQueryData(meQueryKey, null);
          onSessionEnded();
        }
      },
    }),
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        retry: (count, error) => !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
      },
    },
  });
  return client;
}
