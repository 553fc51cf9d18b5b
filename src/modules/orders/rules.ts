import { createHash } from 'node:crypto';

/**
 * The volume-licensing license types an order line can carry (R-LIC-2, R-LIC-6: nothing OEM or
 * retail). Maintenance and Upgrade Advantage are coverage-only, like SA: rights to new versions of
 * licenses owned elsewhere, over a coverage period (older agreements sold them instead of SA).
 */
export const LICENSE_TYPES = [
  'FULL',
  'UPGRADE',
  'LSA',
  'SA',
  'SA_STEP_UP',
  'SUBSCRIPTION',
  'ONLINE_SERVICE',
  'MAINTENANCE',
  'UPGRADE_ADVANTAGE',
] as const;
export type LicenseType = (typeof LICENSE_TYPES)[number];

/**
 * R-LIC-2: the coverage-only types: each active line needs a qualifying license of its version or
 * earlier that no other coverage holds; beyond those it is unresolved. Only SA counts as Active SA.
 */
export const COVERAGE_ONLY_TYPES = ['SA', 'MAINTENANCE', 'UPGRADE_ADVANTAGE'] as const satisfies readonly LicenseType[];

/**
 * R-LIC-2: the license types counted as Active SA while their coverage is active (L&SA, SA, SA
 * Step-Up); the License Summary's Active SA Quantity and the SA benefits (R-SA-1) both read these.
 */
export const ACTIVE_SA_TYPES = ['LSA', 'SA', 'SA_STEP_UP'] as const satisfies readonly LicenseType[];

/** License types whose coverage is read for "active today" (Active SA, subscriptions, coverage-only needs). */
export const COVERAGE_TYPES = [
  'LSA',
  'SA',
  'SA_STEP_UP',
  'SUBSCRIPTION',
  'MAINTENANCE',
  'UPGRADE_ADVANTAGE',
] as const satisfies readonly LicenseType[];

/** Every other type: what the coverage index leaves out (it names these so that it never names a value added after it). */
export const NON_COVERAGE_TYPES: readonly LicenseType[] = LICENSE_TYPES.filter((t) => !(COVERAGE_TYPES as readonly string[]).includes(t));

/**
 * R-BC-4: what kind of purchase an order is, who placed it and its purchase order's state: optional
 * when an order is sent. Orders recorded before these existed got them from the migration.
 */
export const ORDER_TYPES = ['NEW', 'ADD_ON', 'RENEWAL', 'TRUE_UP'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];
export const PO_STATUSES = ['OPEN', 'INVOICED', 'CLOSED'] as const;
export type PoStatus = (typeof PO_STATUSES)[number];
/** The ordering party of an order that names none: the publisher itself. */
export const PUBLISHER_PARTY = 'PUBLISHER';

/** How an order arrived: the ingestion API or `lsc import-orders`. */
export const ORDER_SOURCES = ['API', 'CSV'] as const;
export type OrderSource = (typeof ORDER_SOURCES)[number];

/** Types that only mean something over a coverage period, so the period needs an end. */
const NEEDS_COVERAGE_END: ReadonlySet<LicenseType> = new Set([...COVERAGE_TYPES, 'ONLINE_SERVICE']);

/** The names order files use for each license type (R-BC-7), besides the API's codes. */
const LICENSE_TYPE_LABELS: Record<string, LicenseType> = {
  full: 'FULL',
  license: 'FULL',
  upgrade: 'UPGRADE',
  'l&sa': 'LSA',
  lsa: 'LSA',
  'license & software assurance': 'LSA',
  sa: 'SA',
  'software assurance': 'SA',
  'sa step-up': 'SA_STEP_UP',
  'sa step up': 'SA_STEP_UP',
  sa_step_up: 'SA_STEP_UP',
  subscription: 'SUBSCRIPTION',
  'online service': 'ONLINE_SERVICE',
  online_service: 'ONLINE_SERVICE',
  maintenance: 'MAINTENANCE',
  'software maintenance': 'MAINTENANCE',
  'upgrade advantage': 'UPGRADE_ADVANTAGE',
  upgrade_advantage: 'UPGRADE_ADVANTAGE',
  ua: 'UPGRADE_ADVANTAGE',
};

/** A license type from a file cell ("L&SA", "SA Step-Up", "FULL", …); null when it is none of ours (OEM, retail: R-LIC-6). */
export function parseLicenseType(label: string): LicenseType | null {
  return LICENSE_TYPE_LABELS[label.trim().toLowerCase()] ?? null;
}

export interface OrderLineInput {
  /** Where the line came from: its position in the API body, or its line in the file. */
  line: number;
  product: string;
  licenseType: LicenseType;
  quantity: number;
  coverageStart: string;
  coverageEnd: string | null;
  grant: boolean;
}

export interface OrderInput {
  orderNumber: string;
  orderDate: string;
  licensingId: { program: string; number: string };
  lines: OrderLineInput[];
  /** R-BC-4: optional purchase facts; an order that names none is a NEW order by the publisher, its PO OPEN. */
  orderType?: OrderType | undefined;
  orderingParty?: string | undefined;
  poNumber?: string | undefined;
  poStatus?: PoStatus | undefined;
  /** Where the order header is (the file line of its first row); null for the API. */
  headerLine?: number | null;
}

export const LINE_ERROR_CODES = [
  'UNKNOWN_LICENSING_ID',
  'UNKNOWN_PRODUCT',
  'QUANTITY_NOT_POSITIVE',
  'COVERAGE_END_BEFORE_START',
  'COVERAGE_END_REQUIRED',
  'INVALID_DATE',
  'INVALID_NUMBER',
  'INVALID_FLAG',
  'UNKNOWN_LICENSE_TYPE',
  'MISSING_VALUE',
  'ORDER_HEADER_MISMATCH',
  'ORDER_NUMBER_TOO_LONG',
  'TOO_MANY_LINES',
  'UNKNOWN_CHOICE',
] as const;
export type LineErrorCode = (typeof LINE_ERROR_CODES)[number];

export interface LineError {
  line: number | null;
  field: string;
  code: LineErrorCode;
}

/** A calendar date that exists (2025-02-30 does not). */
export function isDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The UTC calendar day of an instant. */
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Everything wrong with an order, line by line (R-BC-7): one bad line rejects the whole order.
 * `known` says what the catalog and the relationship data hold.
 */
export function orderErrors(order: OrderInput, known: { licensingIdFound: boolean; productCodes: ReadonlySet<string> }): LineError[] {
  const errors: LineError[] = [];
  if (!known.licensingIdFound) errors.push({ line: order.headerLine ?? null, field: 'licensingId', code: 'UNKNOWN_LICENSING_ID' });
  for (const l of order.lines) {
    if (!known.productCodes.has(l.product)) errors.push({ line: l.line, field: 'product', code: 'UNKNOWN_PRODUCT' });
    if (!(l.quantity > 0)) errors.push({ line: l.line, field: 'quantity', code: 'QUANTITY_NOT_POSITIVE' });
    if (l.coverageEnd === null && NEEDS_COVERAGE_END.has(l.licenseType)) {
      errors.push({ line: l.line, field: 'coverageEnd', code: 'COVERAGE_END_REQUIRED' });
    }
    if (l.coverageEnd !== null && l.coverageEnd < l.coverageStart) {
      errors.push({ line: l.line, field: 'coverageEnd', code: 'COVERAGE_END_BEFORE_START' });
    }
  }
  return errors;
}

/**
 * R-LIC-3: a line counts in the License Summary from its coverage start; an Open License line at
 * once, from the day it was received.
 */
export function countsFrom(programCode: string, coverageStart: string, receivedOn: string): string {
  if (programCode !== 'OPEN_LICENSE') return coverageStart;
  return receivedOn < coverageStart ? receivedOn : coverageStart;
}

/**
 * The order's content without where it came from (line positions, API or file), so the same order
 * sent again by either path is recognised as a replay.
 */
export function contentHash(order: OrderInput): string {
  const canonical = {
    orderNumber: order.orderNumber,
    orderDate: order.orderDate,
    licensingId: { program: order.licensingId.program, number: order.licensingId.number },
    lines: order.lines.map((l) => [l.product, l.licenseType, l.quantity, l.coverageStart, l.coverageEnd, l.grant]),
  };
  // R-BC-4's purchase facts count only when sent, so that every order recorded before them keeps its hash.
  const purchase = Object.fromEntries(
    (['orderType', 'orderingParty', 'poNumber', 'poStatus'] as const).filter((k) => order[k] !== undefined).map((k) => [k, order[k]]),
  );
  if (Object.keys(purchase).length > 0)
    return createHash('sha256')
      .update(JSON.stringify({ ...canonical, purchase }))
      .digest('hex');
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
