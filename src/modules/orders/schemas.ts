import { z } from 'zod';
import { PoolSchema } from '../catalog/schemas.js';
import { LifecycleStatusSchema } from '../relationship/schemas.js';
import { isDay, LICENSE_TYPES, type LicenseType, ORDER_SOURCES, ORDER_TYPES, PO_STATUSES } from './rules.js';

/** More lines than this in one order are refused before anything is looked up. */
export const MAX_LINES_PER_ORDER = 5000;
/** The publisher's order numbers are at most this long. */
export const MAX_ORDER_NUMBER_LENGTH = 60;
/** Licensing IDs one License Summary request may choose (beyond that, ask for all). */
export const MAX_CHOSEN_LICENSING_IDS = 300;

const Day = z.string().trim().refine(isDay, 'a calendar date YYYY-MM-DD');

export const LicenseTypeSchema = z.enum(LICENSE_TYPES);

/** One line of an order. A value of a line that does not fit is an ORDER_INVALID line error (see api-order.ts). */
export const OrderLineSchema = z.object({
  product: z.string().trim().min(1).max(60),
  licenseType: LicenseTypeSchema,
  quantity: z.number().int().min(-1_000_000_000).max(1_000_000_000),
  coverageStart: Day,
  coverageEnd: Day.nullable().default(null),
  grant: z.boolean().default(false),
});

/**
 * An order from the publisher's order system (R-BC-7). Shape errors of the order itself are
 * VALIDATION_FAILED; everything wrong in its lines (a value of the wrong form, what needs the
 * catalog or the relationship data, quantities or coverage that make no sense) is ORDER_INVALID
 * with errors numbered by line from 1, as for an order file's rows.
 */
export const OrderBodySchema = z.object({
  orderNumber: z.string().trim().min(1).max(MAX_ORDER_NUMBER_LENGTH),
  orderDate: Day,
  licensingId: z.object({
    /** The program code (ENTERPRISE, SELECT_PLUS, OPEN_LICENSE, …). */
    program: z.string().trim().toUpperCase().min(1).max(40),
    number: z.string().trim().min(1).max(40),
  }),
  lines: z.array(OrderLineSchema).min(1).max(MAX_LINES_PER_ORDER),
  /** R-BC-4: NEW, ADD_ON, RENEWAL or TRUE_UP; NEW when not sent. */
  orderType: z.enum(ORDER_TYPES).optional(),
  /** R-BC-4: who placed the order (the partner's name); the publisher when not sent. */
  orderingParty: z.string().trim().min(1).max(200).optional(),
  /** R-BC-4: the customer's purchase order number, kept as text. */
  poNumber: z.string().trim().min(1).max(60).optional(),
  /** R-BC-4: OPEN, INVOICED or CLOSED; OPEN when not sent. */
  poStatus: z.enum(PO_STATUSES).optional(),
});
export type OrderBody = z.infer<typeof OrderBodySchema>;

export const OrderHeadersSchema = z.looseObject({ 'idempotency-key': z.string().trim().min(1).max(200).optional() });

export const OrderReceiptSchema = z.object({
  id: z.uuid(),
  orderNumber: z.string(),
  licensingId: z.object({ id: z.uuid(), programCode: z.string(), number: z.string() }),
  orderDate: z.string(),
  receivedAt: z.date(),
  source: z.enum(ORDER_SOURCES),
  lineCount: z.number().int(),
  totalQuantity: z.number().int(),
});

export const SummaryQuerySchema = z.object({
  /** Repeat to choose several; omit for every Licensing ID the user may see reports of. */
  licensingId: z.union([z.uuid(), z.array(z.uuid()).max(MAX_CHOSEN_LICENSING_IDS)]).optional(),
  /** R-LIC-1: active and inactive Licensing IDs by default. */
  status: z.enum(['active', 'all']).default('all'),
});

export const ExportQuerySchema = SummaryQuerySchema.extend({ format: z.enum(['csv', 'xlsx']).default('csv') });

/** Every license type but online services (no license entitlement: R-LIC-6) has a purchased quantity. */
type PurchasedType = Exclude<LicenseType, 'ONLINE_SERVICE'>;
const PURCHASED_TYPES = LICENSE_TYPES.filter((t): t is PurchasedType => t !== 'ONLINE_SERVICE');
const Quantities = z.object(Object.fromEntries(PURCHASED_TYPES.map((t) => [t, z.number().int()])) as Record<PurchasedType, z.ZodNumber>);

export const SummaryRowSchema = z.object({
  pool: PoolSchema,
  familyId: z.uuid(),
  family: z.string(),
  version: z.string(),
  effectiveQuantity: z.number().int(),
  activeSaQuantity: z.number().int(),
  unresolvedQuantity: z.number().int(),
  /** R-LIC-5: shown with an asterisk: granted, not purchased. */
  granted: z.boolean(),
  grantQuantity: z.number().int(),
  purchased: Quantities,
});

export const ExpirySchema = z.object({
  notice: z.enum(['NONE', 'EXPIRING_SOON', 'EXPIRING_URGENT', 'EXPIRED']),
  daysLeft: z.number().int().nullable(),
});

export const LicenseSummarySchema = z.object({
  asOf: z.string(),
  status: z.enum(['active', 'all']),
  licensingIds: z.array(
    z.object({
      id: z.uuid(),
      number: z.string(),
      name: z.string(),
      programCode: z.string(),
      status: LifecycleStatusSchema,
      endDate: z.string().nullable(),
      /** R-LIC-7 */
      expiry: ExpirySchema,
    }),
  ),
  rows: z.array(SummaryRowSchema),
  totals: z.object({ effectiveQuantity: z.number().int(), activeSaQuantity: z.number().int(), unresolvedQuantity: z.number().int() }),
});

// Named components of the OpenAPI document: the portal's generated types use these names.
z.globalRegistry.add(SummaryRowSchema, { id: 'SummaryRow' });
z.globalRegistry.add(ExpirySchema, { id: 'Expiry' });
z.globalRegistry.add(LicenseSummarySchema, { id: 'LicenseSummary' });
