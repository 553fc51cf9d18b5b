import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from './client';

type Pool = 'APPLICATIONS' | 'SYSTEMS' | 'SERVERS';

/** One product in the download catalog (R-DL-2, R-DL-4, R-DL-7, R-LIC-5). */
export interface CatalogItem {
  productId: string;
  code: string;
  name: string;
  version: string;
  edition: string;
  family: string;
  category: string;
  pool: Pool;
  /** R-LIC-5: held only through a grant (a promotion): marked with an asterisk. */
  granted: boolean;
  isCal: boolean;
  /** R-DL-4: false for a CAL, and while the publisher has uploaded no file. */
  hasDownload: boolean;
  requiresKey: boolean;
  /** R-DL-7: prior versions under downgrade rights, nearest first. */
  priorVersions: { productId: string; version: string; name: string }[];
}

export interface CatalogPage {
  items: CatalogItem[];
  nextCursor: string | null;
}

export const CATALOG_PAGE_SIZE = 20;

/** R-DL-6: by one or more categories and by the words of a name, a page at a time. */
export const catalogQuery = (categories: string[], q: string | undefined) =>
  infiniteQueryOptions({
    queryKey: ['downloads', 'catalog', categories, q ?? ''],
    initialPageParam: '',
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(CATALOG_PAGE_SIZE) });
      for (const c of categories) params.append('category', c);
      if (q) params.set('q', q);
      if (pageParam) params.set('cursor', pageParam);
      return api<CatalogPage>('GET', `/downloads?${params.toString()}`);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export interface Category {
  name: string;
  count: number;
}

export const categoriesQuery = queryOptions({
  queryKey: ['downloads', 'categories'],
  queryFn: () => api<{ items: Category[] }>('GET', '/downloads/categories').then((r) => r.items),
  staleTime: 5 * 60_000,
});

export interface Suggestion {
  productId: string;
  name: string;
}

/** R-DL-6: up to ten product names while the user types. */
export const suggestQuery = (q: string) =>
  queryOptions({
    queryKey: ['downloads', 'suggest', q],
    queryFn: () => api<{ items: Suggestion[] }>('GET', `/downloads/suggest?q=${encodeURIComponent(q)}`).then((r) => r.items.slice(0, 10)),
    enabled: q.trim().length > 0,
    staleTime: 60_000,
  });

export interface DownloadFile {
  id: string;
  name: string;
  language: string;
  os: string;
  architecture: string;
  format: 'EXE' | 'ISO' | 'ZIP' | 'MSI';
  size: number;
  sha256: string;
}

export type DownloadMethod = 'BROWSER' | 'MANAGER';

export interface ProductDownload extends CatalogItem {
  /** R-DL-6: the "More" panel; null when the publisher wrote nothing. */
  more: { versionNotes: string | null; specialInstructions: string | null; systemRequirements: string | null } | null;
  /** R-DL-3: what the settings offer, and the language/system pairs that have files. */
  options: { languages: string[]; os: string[]; formats: string[]; combinations: { language: string; os: string }[] };
  /** The settings the files are for: the query's, else the user's saved ones. */
  selected: { language: string; os: string; method: DownloadMethod };
  /** R-DL-3: false → "This product is not available for download." */
  available: boolean;
  /** The bundle: every file for the selected language and system, downloadable together. */
  files: DownloadFile[];
  bundle: { fileCount: number; totalSize: number };
  /** R-KEY-2: setup keys of the user's Licensing IDs where they hold Product Keys or Administrator. */
  setupKeys: string[];
  keysVisible: boolean;
}

export const productDownloadQuery = (productId: string, language: string, os: string) =>
  queryOptions({
    queryKey: ['downloads', 'product', productId, language, os],
    queryFn: () => {
      const params = new URLSearchParams();
      if (language) params.set('language', language);
      if (os) params.set('os', os);
      const qs = params.toString();
      return api<ProductDownload>('GET', `/downloads/${encodeURIComponent(productId)}${qs ? `?${qs}` : ''}`);
    },
  });

export interface DownloadSettings {
  method: DownloadMethod;
  language: string;
  os: string;
}

export const downloadSettingsKey = ['downloads', 'settings'] as const;

export const downloadSettingsQuery = queryOptions({
  queryKey: downloadSettingsKey,
  queryFn: () => api<DownloadSettings>('GET', '/me/download-settings'),
  staleTime: 5 * 60_000,
});

export const saveDownloadSettings = (settings: DownloadSettings) => api<DownloadSettings>('PUT', '/me/download-settings', settings);

export interface DownloadLink {
  fileId: string;
  name: string;
  size: number;
  sha256: string;
  url: string;
  expiresAt: string;
}

/** R-DL-3 (web browser): short-lived signed links to the chosen files. */
export const createDownloadLinks = (productId: string, body: { fileIds: string[]; method?: DownloadMethod }) =>
  api<{ items: DownloadLink[] }>('POST', `/downloads/${encodeURIComponent(productId)}/links`, body).then((r) => r.items);
