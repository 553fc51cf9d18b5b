import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The provisioning outbox: one row per event, written in the same transaction as the change it
 * reports, so an event exists exactly when its change committed. Delivery state lives beside it.
 */
export const provisioningEvent = pgTable(
  'provisioning_event',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    type: text('type').notNull(),
    subject: text('subject').notNull(),
    data: jsonb('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('provisioning_event_subject_idx').on(t.subject, t.createdAt)],
);
