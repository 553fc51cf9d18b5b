import { queryOptions } from '@tanstack/react-query';
import { everyOf } from '../lib/every';
import { answer, api, href, type Schemas } from './client';

/** Shapes of the License Summary (R-LIC-*) and the Licensing Information reports (R-REL-4, R-REL-5). */

export type LicenseSummary = Schemas['LicenseSummary'];
export type SummaryRow = Schemas['SummaryRow'];
export type SummaryLicensingId = LicenseSummary['licensingIds'][number];
export type SummaryStatus = LicenseSummary['status'];
export type Expiry = Schemas['Expiry'];
export type Pool = SummaryRow['pool'];
export type PurchasedType = keyof SummaryRow['purchased'];

export const POOLS = everyOf<Pool>()(['APPLICATIONS', 'SYSTEMS', 'SERVERS']);
export const PURCHASED_TYPES = everyOf<PurchasedType>()([
  'FULL',
  'UPGRADE',
  'LSA',
  'SA',
  'SA_STEP_UP',
  'SUBSCRIPTION',
  'MAINTENANCE',
  'UPGRADE_ADVANTAGE',
]);

export type LicensingIdReport = Schemas['LicensingIdReport'];
/** R-REL-5: a section the user may not see is `{ visible: false }` and carries nothing else. */
type Shown<S> = Extract<S, { visible: true }>;
export type Contact = LicensingIdReport['contacts'][number];
export type Order = Shown<LicensingIdReport['orders']>['items'][number];
export type OrderLine = Shown<LicensingIdReport['orderDetails']>['items'][number];
export type PurchaseHistoryItem = Shown<LicensingIdReport['purchaseHistory']>['items'][number];
export type ListedLicensingId = Schemas['ListedLicensingId'];
export type ListedOrDimmed = Schemas['ParentReport']['licensingIds'][number];

/** The License Summary query: the chosen Licensing IDs (none: all the user may see) and the status filter. */
const summaryQuery = (ids: readonly string[], status: SummaryStatus) => ({ status, licensingId: ids.length ? [...ids] : undefined });

export const licenseSummaryQuery = (ids: readonly string[], status: SummaryStatus) =>
  queryOptions({
    queryKey: ['license-summary', status, [...ids].sort()],
    queryFn: () => answer(api.GET('/api/v1/license-summary', { params: { query: summaryQuery(ids, status) } })),
  });

/** Plain links: the browser downloads the file with the session cookie. */
export function licenseSummaryExportHref(format: 'csv' | 'xlsx', ids: readonly string[], status: SummaryStatus): string {
  const query = new URLSearchParams({ format, status });
  for (const id of ids) query.append('licensingId', id);
  return href('/api/v1/license-summary/export', { query });
}

export const licensingIdReportQuery = (id: string) =>
  queryOptions({
    queryKey: ['licensing-id-report', id],
    queryFn: () => answer(api.GET('/api/v1/licensing-ids/{licensingId}/report', { params: { path: { licensingId: id } } })),
  });

export const parentReportQuery = (id: string) =>
  queryOptions({
    queryKey: ['parent-report', id],
    queryFn: () => answer(api.GET('/api/v1/licensing-ids/{licensingId}/parent-report', { params: { path: { licensingId: id } } })),
  });

export const mbsaReportQuery = (id: string) =>
  queryOptions({
    queryKey: ['mbsa-report', id],
    queryFn: () => answer(api.GET('/api/v1/licensing-ids/{licensingId}/mbsa-report', { params: { path: { licensingId: id } } })),
  });
