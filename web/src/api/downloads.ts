import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { answer, api, type Schemas } from './client';

/** One product in the download catalog (R-DL-2, R-DL-4, R-DL-7, R-LIC-5). */
export type CatalogItem = Schemas['CatalogItem'];
export type CatalogPage = Schemas['CatalogPage'];
/** A product's download page: its files for the chosen settings, and what the settings offer (R-DL-3, R-DL-6, R-KEY-2). */
export type ProductDownload = Schemas['ProductDownload'];
export type DownloadSettings = Schemas['DownloadSettings'];
export type DownloadMethod = DownloadSettings['method'];
export type DownloadLink = Schemas['DownloadLink'];

export const CATALOG_PAGE_SIZE = 20;

/** R-DL-6: by one or more categories and by the words of a name, a page at a time. */
export const catalogQuery = (categories: string[], q: string | undefined) =>
  infiniteQueryOptions({
    queryKey: ['downloads', 'catalog', categories, q ?? ''],
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      answer(
        api.GET('/api/v1/downloads', {
          params: { query: { limit: CATALOG_PAGE_SIZE, category: categories, q: q || undefined, cursor: pageParam || undefined } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const categoriesQuery = queryOptions({
  queryKey: ['downloads', 'categories'],
  queryFn: () => answer(api.GET('/api/v1/downloads/categories')).then((r) => r.items),
  staleTime: 5 * 60_000,
});

/** R-DL-6: up to ten product names while the user types. */
export const suggestQuery = (q: string) =>
  queryOptions({
    queryKey: ['downloads', 'suggest', q],
    queryFn: () => answer(api.GET('/api/v1/downloads/suggest', { params: { query: { q } } })).then((r) => r.items.slice(0, 10)),
    enabled: q.trim().length > 0,
    staleTime: 60_000,
  });

export const productDownloadQuery = (productId: string, language: string, os: string) =>
  queryOptions({
    queryKey: ['downloads', 'product', productId, language, os],
    queryFn: () =>
      answer(
        api.GET('/api/v1/downloads/{productId}', {
          params: { path: { productId }, query: { language: language || undefined, os: os || undefined } },
        }),
      ),
  });

export const downloadSettingsKey = ['downloads', 'settings'] as const;

export const downloadSettingsQuery = queryOptions({
  queryKey: downloadSettingsKey,
  queryFn: () => answer(api.GET('/api/v1/me/download-settings')),
  staleTime: 5 * 60_000,
});

export const saveDownloadSettings = (settings: DownloadSettings) => answer(api.PUT('/api/v1/me/download-settings', { body: settings }));

/** R-DL-3 (web browser): short-lived signed links to the chosen files. */
export const createDownloadLinks = (productId: string, body: { fileIds: string[]; method?: DownloadMethod }) =>
  answer(api.POST('/api/v1/downloads/{productId}/links', { params: { path: { productId } }, body })).then((r) => r.items);

/** Issue 15: downloads per UTC month over the last twelve, on my Licensing IDs or the one chosen. */
export const downloadsPerMonthQuery = (licensingId?: string) =>
  queryOptions({
    queryKey: ['downloads', 'monthly', licensingId ?? 'all'],
    queryFn: () => answer(api.GET('/api/v1/downloads/monthly', { params: { query: licensingId ? { licensingId } : {} } })),
  });
