import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { product } from '../catalog/tables.js';
import { organization, user } from '../identity/tables.js';
import { licensingId } from '../relationship/tables.js';
import { ASSIGNMENT_END_REASONS } from './rules.js';

export const subscriptionEndReasonEnum = pgEnum('subscription_end_reason', ASSIGNMENT_END_REASONS);

/**
 * How many subscriptions of a product are assigned on a Licensing ID: the one counter every
 * assignment and removal changes with a single conditional UPDATE, so two managers assigning the
 * last subscription at once cannot both get it (the row lock orders them, the condition is
 * re-checked on the row the first one wrote).
 */
export const subscriptionCount = pgTable(
  'subscription_count',
  {
    licensingId: uuid('licensing_id')
      .notNull()
      .references(() => licensingId.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => product.id),
    assigned: integer('assigned').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.licensingId, t.productId] }),
    check('subscription_count_assigned_not_negative', sql`${t.assigned} >= 0`),
  ],
);

/**
 * R-PERM-2: a subscription assigned to a named person by a Subscriptions Manager. An ended
 * assignment (reassigned or removed) is kept with its end, so the audit and the mails have a
 * record of who held it; only the open ones count and are listed.
 */
export const subscriptionAssignment = pgTable(
  'subscription_assignment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    licensingId: uuid('licensing_id')
      .notNull()
      .references(() => licensingId.id),
    /** The customer's organization, so the table can be distributed by organization later. */
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => product.id),
    holderName: text('holder_name').notNull(),
    holderEmail: text('holder_email').notNull(),
    holderLocale: text('holder_locale').notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
    assignedBy: uuid('assigned_by').references(() => user.id),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: subscriptionEndReasonEnum('end_reason'),
    /** The assignment that took this one's place when it was reassigned. */
    replacedBy: uuid('replaced_by'),
  },
  (t) => [
    // One open assignment per person and product: the same person twice is refused by the database too.
    uniqueIndex('subscription_assignment_holder_key').on(t.licensingId, t.productId, t.holderEmail).where(sql`${t.endedAt} is null`),
    index('subscription_assignment_list_idx').on(t.licensingId, t.productId, t.holderName, t.id).where(sql`${t.endedAt} is null`),
    check('subscription_assignment_end_reason', sql`(${t.endedAt} is null) = (${t.endReason} is null)`),
  ],
);
