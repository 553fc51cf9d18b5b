import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from '../identity/tables.js';

export const EXPORT_STATES = ['QUEUED', 'RUNNING', 'DONE', 'FAILED', 'EXPIRED'] as const;
export type ExportState = (typeof EXPORT_STATES)[number];

/**
 * A long export run in the background (issue 15): queued by a user, taken by one node's worker
 * at a time (`lease_until` keeps every other node off it; a node that dies hands it back when the
 * lease lapses), its file kept in the blob store until `expires_at`.
 */
export const exportJob = pgTable(
  'export_job',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').notNull(),
    /** What is exported (see kinds.ts); the kind decides the rows, with the user's scope at run time. */
    kind: text('kind').notNull(),
    params: jsonb('params').notNull(),
    format: text('format').notNull(),
    state: text('state', { enum: EXPORT_STATES }).notNull().default('QUEUED'),
    rowsDone: integer('rows_done').notNull().default(0),
    /** Known once the run has counted the rows. */
    rowsTotal: integer('rows_total'),
    blobKey: text('blob_key'),
    byteSize: bigint('byte_size', { mode: 'number' }),
    attempts: integer('attempts').notNull().default(0),
    /** The run holding it (a random id per claim) and until when; only that run may finish it. */
    lease: uuid('lease'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    errorCode: text('error_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [
    index('export_job_user_idx').on(t.userId, t.createdAt),
    index('export_job_due_idx').on(t.state, t.createdAt),
    index('export_job_expiry_idx').on(t.state, t.expiresAt),
  ],
);
