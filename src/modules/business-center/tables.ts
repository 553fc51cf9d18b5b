import { index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ACCOUNT_ROLES } from '../../platform/authz/account-actions.js';
import { organization, user } from '../identity/tables.js';
import { licensingId } from '../relationship/tables.js';

export const accountRoleEnum = pgEnum('account_role', ACCOUNT_ROLES);

/**
 * R-BC-1: a purchasing account, the business center's unit of buying: an organization may have
 * several (a headquarters and a subsidiary, say), each with its own address, contact, agreements
 * and users. The channel partner serving it prepares its sales packages and places its orders.
 */
export const purchasingAccount = pgTable(
  'purchasing_account',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    number: text('number').notNull(),
    name: text('name').notNull(),
    addressLine1: text('address_line1').notNull(),
    addressLine2: text('address_line2'),
    postalCode: text('postal_code').notNull(),
    city: text('city').notNull(),
    country: text('country').notNull(),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    partnerOrganizationId: uuid('partner_organization_id').references(() => organization.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('purchasing_account_number_key').on(t.number),
    index('purchasing_account_org_idx').on(t.organizationId),
    index('purchasing_account_partner_idx').on(t.partnerOrganizationId),
  ],
);

/** R-PERM-14: a user's business-center roles, one row per role held on a purchasing account. */
export const purchasingAccountRole = pgTable(
  'purchasing_account_role',
  {
    purchasingAccountId: uuid('purchasing_account_id')
      .notNull()
      .references(() => purchasingAccount.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id),
    role: accountRoleEnum('role').notNull(),
    grantedBy: uuid('granted_by').references(() => user.id),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.purchasingAccountId, t.userId, t.role] }), index('purchasing_account_role_user_idx').on(t.userId)],
);

/**
 * The agreements (Licensing IDs) bought through a purchasing account: what scopes its agreements,
 * orders and inventory. A Licensing ID belongs to at most one purchasing account.
 */
export const purchasingAccountLicensingId = pgTable(
  'purchasing_account_licensing_id',
  {
    purchasingAccountId: uuid('purchasing_account_id')
      .notNull()
      .references(() => purchasingAccount.id),
    licensingId: uuid('licensing_id')
      .notNull()
      .references(() => licensingId.id),
  },
  (t) => [
    primaryKey({ columns: [t.purchasingAccountId, t.licensingId] }),
    uniqueIndex('purchasing_account_licensing_id_key').on(t.licensingId),
  ],
);
