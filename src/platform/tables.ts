import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { LOCALES } from './i18n/locale.js';

/** The languages of the service center: a user's, a mail's. */
export const localeEnum = pgEnum('locale', LOCALES);

/** Append-only: the migration revokes UPDATE and DELETE through a trigger. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    organizationId: uuid('organization_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    /** The Licensing IDs the entry concerns (see audit.ts); empty for an organization-level or personal entry. */
    licensingIds: uuid('licensing_ids').array().notNull().default(sql`'{}'::uuid[]`),
  },
  (t) => [
    index('audit_org_at_idx').on(t.organizationId, t.at),
    // The audit view: an Administrator's entries are those sharing a Licensing ID with theirs (&&).
    index('audit_licensing_ids_idx').using('gin', t.licensingIds),
    // The audit view's person filter (who acted), newest first.
    index('audit_actor_idx').on(t.actorUserId, t.id),
  ],
);

/** Mail written in the same transaction as the change it reports; a dispatcher delivers it. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    toAddress: text('to_address').notNull(),
    template: text('template').notNull(),
    locale: localeEnum('locale').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    /** The staff's copy for the mail viewer: the same mail with its credentials (link tokens) withheld. */
    redactedText: text('redacted_text').notNull(),
    redactedHtml: text('redacted_html').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [
    index('outbox_pending_idx').on(t.nextAttemptAt),
    // The unsent mails only: the dispatcher's due rows and the metrics' outbox depth, without reading the sent ones.
    index('outbox_unsent_idx').on(t.nextAttemptAt).where(sql`${t.sentAt} is null`),
  ],
);

/** Fixed-window counters shared by every app node (sign-in now, activations later). */
export const rateLimit = pgTable('rate_limit', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  count: integer('count').notNull(),
});
