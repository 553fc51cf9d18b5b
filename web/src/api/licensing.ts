import { queryOptions } from '@tanstack/react-query';
import { api } from './client';
import type { Agreement, AgreementStatus, LicensingIdKind, Role } from './types';

/** Shapes of the License Summary (R-LIC-*) and the Licensing Information reports (R-REL-4, R-REL-5). */

export type Pool = 'APPLICATIONS' | 'SYSTEMS' | 'SERVERS';
export const POOLS: readonly Pool[] = ['APPLICATIONS', 'SYSTEMS', 'SERVERS'];

export type LicenseType = 'FULL' | 'UPGRADE' | 'LSA' | 'SA' | 'SA_STEP_UP' | 'SUBSCRIPTION' | 'ONLINE_SERVICE';
export const PURCHASED_TYPES = ['FULL', 'UPGRADE', 'LSA', 'SA', 'SA_STEP_UP', 'SUBSCRIPTION'] as const;
export type PurchasedType = (typeof PURCHASED_TYPES)[number];

export interface Expiry {
  notice: 'NONE' | 'EXPIRING_SOON' | 'EXPIRING_URGENT' | 'EXPIRED';
  daysLeft: number | null;
}

export interface SummaryRow {
  pool: Pool;
  familyId: string;
  family: string;
  version: string;
  effectiveQuantity: number;
  activeSaQuantity: number;
  unresolvedQuantity: number;
  granted: boolean;
  grantQuantity: number;
  purchased: Record<PurchasedType, number>;
}

export interface SummaryLicensingId {
  id: string;
  number: string;
  name: string;
  programCode: string;
  status: AgreementStatus;
  endDate: string | null;
  expiry: Expiry;
}

export interface LicenseSummary {
  asOf: string;
  status: SummaryStatus;
  licensingIds: SummaryLicensingId[];
  rows: SummaryRow[];
  totals: { effectiveQuantity: number; activeSaQuantity: number; unresolvedQuantity: number };
}

export type SummaryStatus = 'all' | 'active';

/** The License Summary query string: the chosen Licensing IDs (none: all the user may see) and the status filter. */
export function summaryQueryString(ids: readonly string[], status: SummaryStatus): string {
  const params = new URLSearchParams({ status });
  for (const id of ids) params.append('licensingId', id);
  return params.toString();
}

export const licenseSummaryQuery = (ids: readonly string[], status: SummaryStatus) =>
  queryOptions({
    queryKey: ['license-summary', status, [...ids].sort()],
    queryFn: () => api<LicenseSummary>('GET', `/license-summary?${summaryQueryString(ids, status)}`),
  });

/** Plain links: the browser downloads the file with the session cookie. */
export const licenseSummaryExportHref = (format: 'csv' | 'xlsx', ids: readonly string[], status: SummaryStatus) =>
  `/api/v1/license-summary/export?format=${format}&${summaryQueryString(ids, status)}`;

/** R-REL-5: a section the user may not see is `{ visible: false }` and carries nothing else. */
export type Section<T> = ({ visible: true } & T) | { visible: false };

export interface Contact {
  type: string;
  name: string;
  email: string;
}

export interface ProductRef {
  id: string;
  code: string;
  name: string;
  family: string;
  version: string;
  edition: string;
  pool: Pool;
}

export type AffiliateRole = 'LEAD' | 'PARTICIPATING';

export interface ListedLicensingId {
  id: string;
  number: string;
  name: string;
  kind: LicensingIdKind;
  programCode: string;
  status: AgreementStatus;
  startDate: string;
  endDate: string | null;
  affiliateRole: AffiliateRole | null;
}

export type ListedOrDimmed = ({ visible: true } & ListedLicensingId) | { visible: false };

export interface Order {
  id: string;
  orderNumber: string;
  orderDate: string;
  receivedAt: string;
  lineCount: number;
  totalQuantity: number;
}

export interface OrderLine {
  orderNumber: string;
  orderDate: string;
  line: number;
  product: ProductRef;
  licenseType: LicenseType;
  quantity: number;
  coverageStart: string;
  coverageEnd: string | null;
  countsFrom: string;
  grant: boolean;
}

export interface PurchaseHistoryItem {
  product: ProductRef;
  licenseType: LicenseType;
  grant: boolean;
  quantity: number;
  orderCount: number;
  firstOrderDate: string;
  lastOrderDate: string;
}

export interface LicensingIdReport {
  licensingId: {
    id: string;
    number: string;
    authorizationNumber: string | null;
    name: string;
    kind: LicensingIdKind;
    programCode: string;
    programName: string;
    status: AgreementStatus;
    startDate: string;
    endDate: string | null;
    roles: Role[];
    parent: Agreement | null;
    mbsa: Agreement | null;
    affiliateRole: AffiliateRole | null;
    priceLevel: string | null;
    expiry: Expiry;
  };
  contacts: Contact[];
  channelPartner: { name: string; email: string } | null;
  relatedLicenses: Section<{ asOf: string; rows: SummaryRow[] }>;
  orders: Section<{ items: Order[] }>;
  orderDetails: Section<{ items: OrderLine[]; truncated: boolean }>;
  purchaseHistory: Section<{ items: PurchaseHistoryItem[] }>;
  affiliates: Section<{ items: ListedLicensingId[] }> | null;
  reports: { parent: { offered: boolean; visible: boolean }; mbsa: { offered: boolean; visible: boolean } };
}

export const licensingIdReportQuery = (id: string) =>
  queryOptions({ queryKey: ['licensing-id-report', id], queryFn: () => api<LicensingIdReport>('GET', `/licensing-ids/${id}/report`) });

export interface ParentReport {
  agreement: Agreement;
  contacts: Contact[];
  licensingIds: ListedOrDimmed[];
}

export interface MbsaReport {
  mbsa: Agreement;
  contacts: Contact[];
  parents: { agreement: Agreement; licensingIds: ListedOrDimmed[] }[];
}

export const parentReportQuery = (id: string) =>
  queryOptions({ queryKey: ['parent-report', id], queryFn: () => api<ParentReport>('GET', `/licensing-ids/${id}/parent-report`) });

export const mbsaReportQuery = (id: string) =>
  queryOptions({ queryKey: ['mbsa-report', id], queryFn: () => api<MbsaReport>('GET', `/licensing-ids/${id}/mbsa-report`) });
