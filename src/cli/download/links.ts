import { type ApiClient, ApiError, isUuid, pickByCode } from '../api-client.js';
import type { SignedLink } from './fetch-file.js';

export interface ProductRef {
  id: string;
  code: string;
  name: string;
}

interface CatalogPage {
  items: { productId: string; code: string; name: string }[];
  nextCursor: string | null;
}

interface ProductPage {
  productId: string;
  code: string;
  name: string;
  options: { combinations: { language: string; os: string }[] };
}

/** Enough pages for any real catalog search; a bound so that a misbehaving server cannot keep the CLI paging. */
const MAX_PAGES = 20;

/**
 * The product the user may download, by its code (or its id): the Downloads and Keys catalog's
 * search, which is already scoped to what the user's Licensing IDs open (R-DL-1, R-DL-2), narrowed
 * to the exact code.
 */
export async function findDownloadableProduct(api: ApiClient, product: string): Promise<ProductRef> {
  if (isUuid(product)) {
    const p = await api.json<ProductPage>('GET', `/downloads/${product}`);
    return { id: p.productId, code: p.code, name: p.name };
  }
  const found: CatalogPage['items'] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const q = new URLSearchParams({ q: product, limit: '100', ...(cursor ? { cursor } : {}) });
    const res: CatalogPage = await api.json<CatalogPage>('GET', `/downloads?${q}`);
    found.push(...res.items);
    cursor = res.nextCursor;
    if (!cursor) break;
  }
  const hit = pickByCode(found, product);
  if (!hit) {
    throw new ApiError(
      404,
      'NOT_FOUND',
      `No product with the code ${product} is in your Downloads and Keys catalog: the code is wrong, or none of your Licensing IDs lets you download it.`,
    );
  }
  return { id: hit.productId, code: hit.code, name: hit.name };
}

interface LinkItem {
  fileId: string;
  name: string;
  size: number;
  sha256: string;
  url: string;
  expiresAt: string;
}

/**
 * Signed links to the bundle of a language and system, recorded as downloads by the download
 * manager (method MANAGER). When there is no such bundle the message names the ones there are.
 */
export async function requestBundleLinks(api: ApiClient, product: ProductRef, language: string, os: string): Promise<SignedLink[]> {
  let items: LinkItem[];
  try {
    ({ items } = await api.json<{ items: LinkItem[] }>('POST', `/downloads/${product.id}/links`, { language, os, method: 'MANAGER' }));
  } catch (e) {
    if (e instanceof ApiError && e.code === 'DOWNLOAD_NOT_AVAILABLE') {
      const page = await api.json<ProductPage>('GET', `/downloads/${product.id}`).catch(() => null);
      const there = page?.options.combinations.map((c) => `--language ${c.language} --os ${c.os}`) ?? [];
      throw new ApiError(
        404,
        e.code,
        `${product.code} has no files for language ${language} and ${os}.${there.length ? ` Available: ${there.join('; ')}.` : ' It has no files to download.'}`,
      );
    }
    throw e;
  }
  return items.map((l) => {
    // Links name the server's public address; resolving against --server also accepts a relative one.
    const url = new URL(l.url, api.server).toString();
    return { fileId: l.fileId, name: l.name, size: l.size, sha256: l.sha256.toLowerCase(), url, expiresAt: new Date(l.expiresAt) };
  });
}
