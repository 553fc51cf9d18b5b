import { queryOptions } from '@tanstack/react-query';
import { api } from './client';
import type { Role } from './types';

export interface SummaryRow {
  pool: 'APPLICATIONS' | 'SYSTEMS' | 'SERVERS';
  familyId: string;
  family: string;
  version: string;
  effectiveQuantity: number;
  activeSaQuantity: number;
  unresolvedQuantity: number;
  granted: boolean;
  grantQuantity: number;
}

export interface LicenseSummary {
  asOf: string;
  licensingIds: {
    id: string;
    number: string;
    name: string;
    programCode: string;
    status: string;
    endDate: string | null;
    expiry: { notice: 'NONE' | 'EXPIRING_SOON' | 'EXPIRING_URGENT' | 'EXPIRED'; daysLeft: number | null };
  }[];
  rows: SummaryRow[];
  totals: { effectiveQuantity: number; activeSaQuantity: number; unresolvedQuantity: number };
}

export const summaryQueryString = (ids: string[]) => ids.map((id) => `licensingId=${encodeURIComponent(id)}`).join('&');

export const licenseSummaryQuery = (ids: string[]) =>
  queryOptions({
    queryKey: ['license-summary', ids],
    queryFn: () => api<LicenseSummary>('GET', `/license-summary?status=all${ids.length ? `&${summaryQueryString(ids)}` : ''}`),
  });

type Section<T> = ({ visible: true } & T) | { visible: false };

export interface LicensingIdReport {
  licensingId: {
    id: string;
    number: string;
    name: string;
    programCode: string;
    status: string;
    startDate: string;
    endDate: string | null;
    roles: Role[];
  };
  contacts: { type: string; name: string; email: string }[];
  channelPartner: { name: string; email: string } | null;
  relatedLicenses: Section<{ asOf: string; rows: SummaryRow[] }>;
  orders: Section<{ items: { id: string; orderNumber: string; orderDate: string; lineCount: number; totalQuantity: number }[] }>;
  orderDetails: Section<{
    items: {
      orderNumber: string;
      line: number;
      product: { name: string; version: string };
      licenseType: string;
      quantity: number;
      countsFrom: string;
      grant: boolean;
    }[];
    truncated: boolean;
  }>;
  affiliates: Section<{ items: { id: string; number: string; name: string; affiliateRole: string | null }[] }> | null;
  purchaseHistory: Section<{
    items: { product: { name: string; version: string }; licenseType: string; grant: boolean; quantity: number; lastOrderDate: string }[];
  }>;
  reports: { parent: { offered: boolean; visible: boolean }; mbsa: { offered: boolean; visible: boolean } };
}

export const licensingIdReportQuery = (id: string) =>
  queryOptions({ queryKey: ['licensing-id-report', id], queryFn: () => api<LicensingIdReport>('GET', `/licensing-ids/${id}/report`) });

export interface ListedLicensingId {
  visible: boolean;
  id?: string;
  number?: string;
  name?: string;
  programCode?: string;
  status?: string;
}

interface AgreementRef {
  number: string;
  programCode: string | null;
}

export interface ParentReport {
  agreement: AgreementRef;
  licensingIds: ListedLicensingId[];
}

export interface MbsaReport {
  mbsa: AgreementRef;
  parents: { agreement: AgreementRef; licensingIds: ListedLicensingId[] }[];
}

export const parentReportQuery = (id: string) =>
  queryOptions({ queryKey: ['parent-report', id], queryFn: () => api<ParentReport>('GET', `/licensing-ids/${id}/parent-report`) });

export const mbsaReportQuery = (id: string) =>
  queryOptions({ queryKey: ['mbsa-report', id], queryFn: () => api<MbsaReport>('GET', `/licensing-ids/${id}/mbsa-report`) });
