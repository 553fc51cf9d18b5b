import { boolean, index, jsonb, pgEnum, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { user } from '../identity/tables.js';
import { agreement, licensingId } from '../relationship/tables.js';

/** R-PERM-1: the seven Licensing-ID roles. */
export const roleEnum = pgEnum('role', [
  'ADMINISTRATOR',
  'LICENSING_INFO_VIEWER',
  'DOWNLOAD',
  'PRODUCT_KEYS',
  'SA_MANAGER',
  'ONLINE_SERVICES_MANAGER',
  'SUBSCRIPTIONS_MANAGER',
]);

/** Where a grant came from decides whether the user may drop it (R-PERM-4). */
export const grantSourceEnum = pgEnum('grant_source', ['CONTACT', 'ADMIN', 'INHERITED', 'ADD_OPEN', 'RESELLER', 'REQUEST']);

export const roleGrant = pgTable(
  'role_grant',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id),
    licensingId: uuid('licensing_id')
      .notNull()
      .references(() => licensingId.id),
    role: roleEnum('role').notNull(),
    source: grantSourceEnum('source').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('role_grant_key').on(t.userId, t.licensingId, t.role), index('role_grant_licensing_idx').on(t.licensingId)],
);
