import { sql } from 'drizzle-orm';
import { check, date, index, integer, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { product } from '../../catalog/tables.js';
import { user } from '../../identity/tables.js';
import { licenseOrder } from '../../orders/tables.js';
import { licensingId } from '../../relationship/tables.js';
import { purchasingAccount } from '../tables.js';
import { REQUEST_STATES } from './rules.js';

/**
 * R-BC-6: today's price of a self-provisionable online service, per seat and month, as the
 * operator sets it; a new row from a day on is a price change (earlier rows stay: purchases of
 * the service year are priced by the row in force on their day). A product with a price is one a
 * customer may set up (R-BC-5).
 */
export const onlineServicePrice = pgTable(
  'online_service_price',
  {
    productId: uuid('product_id')
      .notNull()
      .references(() => product.id),
    effectiveFrom: date('effective_from').notNull(),
    unitPrice: numeric('unit_price', { precision: 12, scale: 2 }).notNull(),
    currency: text('currency').notNull(),
    setBy: uuid('set_by').references(() => user.id),
    setAt: timestamp('set_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.effectiveFrom] }), check('online_service_price_positive', sql`${t.unitPrice} >= 0`)],
);

/**
 * R-BC-5: a customer set up an online service and committed to order it through the partner
 * serving the account: REQUESTED until an order of the product arrives under the account's
 * Licensing IDs (ORDERED) or the customer cancels it first (CANCELLED).
 */
export const selfProvisioningRequest = pgTable(
  'self_provisioning_request',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    purchasingAccountId: uuid('purchasing_account_id')
      .notNull()
      .references(() => purchasingAccount.id),
    licensingId: uuid('licensing_id')
      .notNull()
      .references(() => licensingId.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => product.id),
    quantity: integer('quantity').notNull(),
    /** R-BC-6: the price per seat shown when it was requested. */
    unitPrice: numeric('unit_price', { precision: 12, scale: 2 }).notNull(),
    currency: text('currency').notNull(),
    state: text('state', { enum: REQUEST_STATES }).notNull(),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => user.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** When the customer ticked "I will order this through my partner". */
    committedAt: timestamp('committed_at', { withTimezone: true }).notNull(),
    orderId: uuid('order_id').references(() => licenseOrder.id),
    orderedAt: timestamp('ordered_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    index('self_provisioning_request_account_idx').on(t.purchasingAccountId, t.requestedAt),
    index('self_provisioning_request_open_idx').on(t.purchasingAccountId, t.productId).where(sql`state = 'REQUESTED'`),
    check('self_provisioning_request_quantity_positive', sql`${t.quantity} > 0`),
  ],
);
