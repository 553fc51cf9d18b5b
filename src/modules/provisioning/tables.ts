import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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

/**
 * Where each event stands on its way to the provisioning system, beside the event (whose columns
 * other modules' enqueue calls rely on). `next_attempt_at` is when a worker may take it next; a
 * worker that takes it sets `lease` and pushes `next_attempt_at` past its attempt's timeout, so a
 * second node skips it and a node that dies mid-attempt hands it back by the lease running out.
 */
export const provisioningDelivery = pgTable(
  'provisioning_delivery',
  {
    eventId: uuid('event_id')
      .primaryKey()
      .references(() => provisioningEvent.id, { onDelete: 'cascade' }),
    state: text('state', { enum: ['PENDING', 'DELIVERED', 'FAILED'] })
      .notNull()
      .default('PENDING'),
    /** Attempts since it was queued (or queued again by a redelivery): the retry limit counts these. */
    attempts: integer('attempts').notNull().default(0),
    /** When it was queued, or queued again: the age limit runs from here. */
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull(),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lease: uuid('lease'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    lastOutcome: text('last_outcome'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [index('provisioning_delivery_due_idx').on(t.state, t.nextAttemptAt)],
);

/** Every attempt to deliver an event, kept for the back office's delivery log. */
export const provisioningDeliveryAttempt = pgTable(
  'provisioning_delivery_attempt',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => provisioningEvent.id, { onDelete: 'cascade' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    durationMs: integer('duration_ms').notNull(),
    /** DELIVERED, HTTP_ERROR, TIMEOUT, UNREACHABLE or ADDRESS_REFUSED (see attempt.ts). */
    outcome: text('outcome').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
  },
  (t) => [index('provisioning_delivery_attempt_event_idx').on(t.eventId, t.startedAt)],
);
