import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { product } from '../catalog/tables.js';
import { organization, user } from '../identity/tables.js';
import { licensingId } from '../relationship/tables.js';
import { isCoverageLine } from './license-summary-sql.js';
import { LICENSE_TYPES, ORDER_SOURCES, ORDER_TYPES, PO_STATUSES, PUBLISHER_PARTY } from './rules.js';

export const licenseTypeEnum = pgEnum('license_type', LICENSE_TYPES);
export const orderSourceEnum = pgEnum('order_source', ORDER_SOURCES);

/**
 * An order as received from the publisher's order system (R-BC-7). Orders are never changed:
 * the same order number arriving again is a replay (same content) or a conflict.
 */
export const licenseOrder = pgTable(
  'license_order',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderNumber: text('order_number').notNull(),
    licensingId: uuid('licensing_id')
      .notNull()
      .references(() => licensingId.id),
    /** The customer's organization, so the table can be distributed by organization later. */
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    orderDate: date('order_date').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    source: orderSourceEnum('source').notNull(),
    /** SHA-256 of the normalized order: tells a replay from a different order under the same number. */
    contentHash: text('content_hash').notNull(),
    idempotencyKey: text('idempotency_key'),
    createdBy: uuid('created_by').references(() => user.id),
    /** R-BC-4: the order history's filters. Orders recorded before them: see migration 0040. */
    orderType: text('order_type', { enum: ORDER_TYPES }).notNull().default('NEW'),
    orderingParty: text('ordering_party').notNull().default(PUBLISHER_PARTY),
    poNumber: text('po_number'),
    poStatus: text('po_status', { enum: PO_STATUSES }).notNull().default('OPEN'),
  },
  (t) => [
    uniqueIndex('license_order_number_key').on(t.orderNumber),
    uniqueIndex('license_order_idempotency_key').on(t.idempotencyKey),
    index('license_order_licensing_idx').on(t.licensingId, t.orderDate),
  ],
);

export const orderLine = pgTable(
  'order_line',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => licenseOrder.id),
    lineNumber: integer('line_number').notNull(),
    /** Copied from the order: the License Summary aggregates lines by Licensing ID without a join. */
    licensingId: uuid('licensing_id')
      .notNull()
      .references(() => licensingId.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => product.id),
    licenseType: licenseTypeEnum('license_type').notNull(),
    quantity: integer('quantity').notNull(),
    coverageStart: date('coverage_start').notNull(),
    coverageEnd: date('coverage_end'),
    /** R-LIC-3: the day the line starts to count: its coverage start, or at once (received) for Open License. */
    countsFrom: date('counts_from').notNull(),
    /** R-LIC-5: granted with another product (a promotion), not purchased. */
    isGrant: boolean('is_grant').notNull().default(false),
  },
  (t) => [
    uniqueIndex('order_line_number_key').on(t.orderId, t.lineNumber),
    check('order_line_quantity_positive', sql`${t.quantity} > 0`),
    check('order_line_coverage_order', sql`${t.coverageEnd} is null or ${t.coverageEnd} >= ${t.coverageStart}`),
    // Lines that do not count yet (future coverage start): subtracted from the positions, read from the index alone.
    index('order_line_pending_idx').on(t.licensingId, t.countsFrom, t.productId, t.licenseType, t.isGrant, t.quantity),
    // Coverage active today (Active SA, subscriptions): read from the index alone.
    index('order_line_coverage_idx')
      .on(t.licensingId, t.coverageEnd, t.coverageStart, t.countsFrom, t.productId, t.licenseType, t.isGrant, t.quantity)
      .where(isCoverageLine),
  ],
);

/**
 * Every line's quantity summed per Licensing ID, product, license type and grant flag, kept by a
 * trigger on order_line (see the migration). The License Summary reads these few rows instead of
 * every line, and corrects them with the small sets of lines that do not count yet or whose
 * coverage is active.
 */
export const licensePosition = pgTable(
  'license_position',
  {
    licensingId: uuid('licensing_id')
      .notNull()
      .references(() => licensingId.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => product.id),
    licenseType: licenseTypeEnum('license_type').notNull(),
    isGrant: boolean('is_grant').notNull(),
    quantity: bigint('quantity', { mode: 'number' }).notNull(),
    lineCount: integer('line_count').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.licensingId, t.productId, t.licenseType, t.isGrant] }),
    // "Is this product an online service anyone ordered?" (reservations) asks by product across
    // every Licensing ID; the key starts with the Licensing ID, so without this it scans the table.
    index('license_position_online_service_idx').on(t.productId).where(sql`license_type = 'ONLINE_SERVICE'`),
  ],
);

/**
 * The same sums per organization, kept by the same trigger. A user who sees most of an
 * organization's Licensing IDs (an Administrator or viewer of all of them, the usual case) gets
 * the organization's total minus the few Licensing IDs left out, instead of adding up hundreds.
 */
export const organizationPosition = pgTable(
  'organization_position',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => product.id),
    licenseType: licenseTypeEnum('license_type').notNull(),
    isGrant: boolean('is_grant').notNull(),
    quantity: bigint('quantity', { mode: 'number' }).notNull(),
    lineCount: integer('line_count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.productId, t.licenseType, t.isGrant] })],
);
