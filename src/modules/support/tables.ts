import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organization, user } from '../identity/tables.js';
import { licensingId } from '../relationship/tables.js';
import { SUPPORT_AUTHORS, SUPPORT_STATUSES, SUPPORT_TOPICS } from './rules.js';

export const supportTopicEnum = pgEnum('support_topic', SUPPORT_TOPICS);
export const supportStatusEnum = pgEnum('support_status', SUPPORT_STATUSES);
export const supportAuthorEnum = pgEnum('support_author', SUPPORT_AUTHORS);

/**
 * R-SUP-1: a request sent through the contact form, with the Licensing ID it concerns (none for a
 * general question). R-SUP-2: an imaging request keeps who verified the base licenses, when, and
 * for how many machines; the CHECK refuses an imaging request without them, whatever the code does.
 */
export const supportRequest = pgTable(
  'support_request',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The requester's organization: every requester query is scoped by it and by the requester. */
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => user.id),
    licensingId: uuid('licensing_id').references(() => licensingId.id),
    topic: supportTopicEnum('topic').notNull(),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    status: supportStatusEnum('status').notNull().default('NEW'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    /** Since when the publisher owes an answer (the submission or the requester's latest reply); null when it owes none. */
    awaitingSince: timestamp('awaiting_since', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => user.id),
    imagingVerifiedBy: uuid('imaging_verified_by').references(() => user.id),
    imagingVerifiedAt: timestamp('imaging_verified_at', { withTimezone: true }),
    imagingMachines: integer('imaging_machines'),
  },
  (t) => [
    index('support_request_queue_idx').on(t.status, t.awaitingSince),
    index('support_request_requester_idx').on(t.requestedBy, t.submittedAt),
    index('support_request_org_idx').on(t.organizationId),
    check(
      'support_request_imaging_verified',
      sql`${t.topic} <> 'WINDOWS_UPGRADE_IMAGING' or (${t.imagingVerifiedBy} is not null and ${t.imagingVerifiedAt} is not null and ${t.imagingMachines} > 0)`,
    ),
  ],
);

/** A reply on a request, by the requester or the publisher's staff, oldest first. */
export const supportMessage = pgTable(
  'support_message',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => supportRequest.id),
    author: supportAuthorEnum('author').notNull(),
    authorUserId: uuid('author_user_id')
      .notNull()
      .references(() => user.id),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('support_message_request_idx').on(t.requestId, t.createdAt)],
);

/** A file sent with the request or with a reply on it; its bytes are in the blob store under `blob_key`. */
export const supportAttachment = pgTable(
  'support_attachment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => supportRequest.id),
    /** The reply it came with; null for the request's first message (the form). */
    messageId: uuid('message_id').references(() => supportMessage.id),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    blobKey: text('blob_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('support_attachment_request_idx').on(t.requestId)],
);
