/** Shapes of the JSON the backend serves under /api/v1. */

export type Locale = 'en' | 'sv';

export interface Me {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  locale: Locale;
  isOperator: boolean;
  organization: { id: string; name: string; country: string };
}

export type Role =
  | 'ADMINISTRATOR'
  | 'LICENSING_INFO_VIEWER'
  | 'DOWNLOAD'
  | 'PRODUCT_KEYS'
  | 'SA_MANAGER'
  | 'ONLINE_SERVICES_MANAGER'
  | 'SUBSCRIPTIONS_MANAGER';

export type AgreementStatus = 'ACTIVE' | 'INACTIVE' | 'EXPIRED';

export type LicensingIdKind = 'ENROLLMENT' | 'AGREEMENT' | 'LICENSE' | 'PCN';

export interface Agreement {
  id: string;
  number: string;
  programCode: string | null;
  programName: string | null;
  status: AgreementStatus;
  startDate: string;
  endDate: string | null;
}

export interface LicensingIdRow {
  id: string;
  number: string;
  authorizationNumber: string | null;
  name: string;
  kind: LicensingIdKind;
  programCode: string | null;
  programName: string | null;
  status: AgreementStatus;
  startDate: string;
  endDate: string | null;
  roles: Role[];
}

export interface ParentGroup {
  agreement: Agreement | null;
  licensingIds: LicensingIdRow[];
}

export interface MbsaGroup {
  mbsa: Agreement | null;
  parents: ParentGroup[];
}

export interface RelationshipSummary {
  groups: MbsaGroup[];
}

export type StatusFilter = 'active' | 'all';

/** RFC 9457 problem body; `code` is the stable, translatable part. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: { path: string; message: string }[];
}
