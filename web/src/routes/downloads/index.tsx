import { createRoute } from '@tanstack/react-router';
import { QUEUE_STATUSES, type QueueStatus } from '../../api/keys';
import { flag, searchText } from '../../lib/searchParams';
import { appRoute } from '../base';
import { ActivationHistoryPage } from './activations';
import { CatalogPage, type CatalogSearch } from './catalog';
import { KeyRequestsPage } from './key-requests';
import { NewKeyRequestPage } from './new-key-request';
import { OperatorKeyRequestsPage } from './operator-queue';
import { PrintKeysPage } from './print-keys';
import { ProductPage } from './product';
import { ProductKeysPage, type ProductKeysSearch } from './product-keys';

const catalog = createRoute({
  getParentRoute: () => appRoute,
  path: '/downloads',
  validateSearch: (search: Record<string, unknown>): CatalogSearch => {
    const raw = Array.isArray(search.category) ? search.category : [search.category];
    const category = raw
      .map((c) => searchText(c, 80))
      .filter((c): c is string => c !== undefined)
      .slice(0, 20);
    return { category: category.length ? category : undefined, q: searchText(search.q, 100) };
  },
  component: CatalogPage,
});

const product = createRoute({
  getParentRoute: () => appRoute,
  path: '/downloads/products/$productId',
  component: ProductPage,
});

const productKeys = createRoute({
  getParentRoute: () => appRoute,
  path: '/downloads/product-keys',
  validateSearch: (search: Record<string, unknown>): ProductKeysSearch => {
    const page = Number(search.page);
    return { licensingId: searchText(search.licensingId, 40), page: Number.isInteger(page) && page > 1 ? page : undefined };
  },
  component: ProductKeysPage,
});

const printKeys = createRoute({
  getParentRoute: () => appRoute,
  path: '/downloads/product-keys/print',
  validateSearch: (search: Record<string, unknown>): { licensingId?: string } => ({ licensingId: searchText(search.licensingId, 40) }),
  component: PrintKeysPage,
});

const history = createRoute({
  getParentRoute: () => appRoute,
  path: '/downloads/product-keys/$keyId',
  component: ActivationHistoryPage,
});

const keyRequests = createRoute({
  getParentRoute: () => appRoute,
  path: '/downloads/key-requests',
  validateSearch: (search: Record<string, unknown>): { sent?: boolean } => ({ sent: flag(search.sent) || undefined }),
  component: KeyRequestsPage,
});

const newKeyRequest = createRoute({
  getParentRoute: () => appRoute,
  path: '/downloads/key-requests/new',
  validateSearch: (search: Record<string, unknown>): { keyId?: string } => ({ keyId: searchText(search.keyId, 40) }),
  component: NewKeyRequestPage,
});

const operatorQueue = createRoute({
  getParentRoute: () => appRoute,
  path: '/downloads/operator/key-requests',
  validateSearch: (search: Record<string, unknown>): { status: QueueStatus } => ({
    status: QUEUE_STATUSES.includes(search.status as QueueStatus) ? (search.status as QueueStatus) : 'PENDING',
  }),
  component: OperatorKeyRequestsPage,
});

/** Downloads and Keys: the download catalog and product pages, product keys, key requests and the publisher's queue. */
export const downloadsRoutes = [catalog, product, productKeys, printKeys, history, keyRequests, newKeyRequest, operatorQueue] as const;
