import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organization, user } from '../identity/tables.js';

/**
 * R-REP-3: a custom report, a standard report saved by one user as a named query (its filter
 * values) with the columns they chose. Only its owner sees it; it runs with the owner's scope at
 * the time it runs, so it never shows what their roles no longer cover.
 */
export const customReport = pgTable(
  'custom_report',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerUserId: uuid('owner_user_id')
      .notNull()
      .references(() => user.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    baseReport: text('base_report').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    filters: jsonb('filters').$type<Record<string, string>>().notNull(),
    columns: text('columns').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('custom_report_owner_name_key').on(t.ownerUserId, sql`lower(${t.name})`),
    index('custom_report_owner_idx').on(t.ownerUserId, t.updatedAt),
  ],
);
