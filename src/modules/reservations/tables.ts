import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgEnum, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { product } from '../catalog/tables.js';
import { user } from '../identity/tables.js';
import { licensingId } from '../relationship/tables.js';
import { RESERVATION_ACTIONS, RESERVATION_CATEGORIES } from './rules.js';

export const reservationActionEnum = pgEnum('reservation_action', RESERVATION_ACTIONS);
export const reservationCategoryEnum = pgEnum('reservation_category', RESERVATION_CATEGORIES);

/**
 * R-RES-4: how the publisher configured an online service for online reservation. A product with
 * a row here is an online service; one only ever ordered as an online service has no row and is
 * not configured (the partner orders it).
 */
export const reservationOffer = pgTable('reservation_offer', {
  productId: uuid('product_id')
    .primaryKey()
    .references(() => product.id),
  category: reservationCategoryEnum('category').notNull(),
});

/** R-RES-4: a service whose price is fixed for the enrollment (price-locked in its customer price sheet). */
export const reservationPriceLock = pgTable(
  'reservation_price_lock',
  {
    licensingId: uuid('licensing_id')
      .notNull()
      .references(() => licensingId.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => product.id),
  },
  (t) => [primaryKey({ columns: [t.licensingId, t.productId] })],
);

/** R-RES-3, R-RES-5: a submitted reservation; never changed, only cancelled within 72 hours. */
export const reservation = pgTable(
  'reservation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    licensingId: uuid('licensing_id')
      .notNull()
      .references(() => licensingId.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => product.id),
    action: reservationActionEnum('action').notNull(),
    quantity: integer('quantity').notNull(),
    usageDate: date('usage_date').notNull(),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => user.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    cancelledBy: uuid('cancelled_by').references(() => user.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    check('reservation_quantity_positive', sql`${t.quantity} > 0`),
    index('reservation_licensing_idx').on(t.licensingId, t.submittedAt),
  ],
);

/**
 * The quantity reserved and not cancelled per enrollment, service and action, changed in the same
 * statement as each submission and cancellation (quantity = quantity ± n), so concurrent
 * reservations never lose a count and the history's service view reads one row.
 */
export const reservationTotal = pgTable(
  'reservation_total',
  {
    licensingId: uuid('licensing_id')
      .notNull()
      .references(() => licensingId.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => product.id),
    action: reservationActionEnum('action').notNull(),
    quantity: bigint('quantity', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.licensingId, t.productId, t.action] }),
    check('reservation_total_not_negative', sql`${t.quantity} >= 0`),
  ],
);
