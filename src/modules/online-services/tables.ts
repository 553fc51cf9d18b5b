import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { product } from '../catalog/tables.js';
import { organization, user } from '../identity/tables.js';
import { licenseOrder } from '../orders/tables.js';
import { licensingId } from '../relationship/tables.js';

/** An online-services account (tenant) that enrollments' services are provisioned to (R-OS-5). */
export const serviceAccount = pgTable(
  'service_account',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    organizationId: uuid('organization_id').references(() => organization.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('service_account_org_idx').on(t.organizationId)],
);

/** R-OS-4: a mail domain verified on an account; a domain belongs to one account only. */
export const serviceAccountDomain = pgTable(
  'service_account_domain',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => serviceAccount.id),
    domain: text('domain').notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('service_account_domain_key').on(t.domain), index('service_account_domain_account_idx').on(t.accountId)],
);

/** R-OS-4: the account's global and billing administrators, by mail address (lower case). */
export const serviceAccountAdmin = pgTable(
  'service_account_admin',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => serviceAccount.id),
    email: text('email').notNull(),
    role: text('role', { enum: ['GLOBAL', 'BILLING'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.email] }), index('service_account_admin_email_idx').on(t.email)],
);

/**
 * R-OS-5: the Licensing ID is the key, so an enrollment links to exactly one account while an
 * account holds many. R-OS-7: an Open program's link stays PENDING until provisioning confirms it.
 */
export const serviceEnrollment = pgTable(
  'service_enrollment',
  {
    licensingId: uuid('licensing_id')
      .primaryKey()
      .references(() => licensingId.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => serviceAccount.id),
    /** LINK (activation link), KEY (OSA key), AUTO_DOMAIN, AUTO_ADMIN, RENEWAL. */
    how: text('how').notNull(),
    status: text('status', { enum: ['ACTIVE', 'PENDING'] }).notNull(),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull(),
    linkedBy: uuid('linked_by').references(() => user.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  },
  (t) => [index('service_enrollment_account_idx').on(t.accountId)],
);

/**
 * One per online service per enrollment: the first order line of that service (R-OS-1), what was
 * decided (R-OS-4), and the activation mail: its recipient, when, and the hash of its link.
 */
export const serviceActivation = pgTable(
  'service_activation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    licensingId: uuid('licensing_id')
      .notNull()
      .references(() => licensingId.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => product.id),
    orderId: uuid('order_id')
      .notNull()
      .references(() => licenseOrder.id),
    purchaseDate: date('purchase_date').notNull(),
    usageDate: date('usage_date').notNull(),
    /** SCHEDULED, MAILED, CONTACT_MISSING, LINKED, AUTO_PROVISIONED, RENEWED. */
    status: text('status').notNull(),
    recipientName: text('recipient_name'),
    recipientEmail: text('recipient_email'),
    mailedAt: timestamp('mailed_at', { withTimezone: true }),
    mailCount: integer('mail_count').notNull().default(0),
    tokenHash: text('token_hash'),
    /** R-OS-7: Open programs only: the single-use key's hash and when it was entered. */
    osaKeyHash: text('osa_key_hash'),
    osaKeyUsedAt: timestamp('osa_key_used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('service_activation_service_key').on(t.licensingId, t.productId),
    uniqueIndex('service_activation_token_key').on(t.tokenHash),
    uniqueIndex('service_activation_osa_key').on(t.osaKeyHash),
    index('service_activation_scheduled_idx').on(t.usageDate).where(sql`${t.status} = 'SCHEDULED'`),
  ],
);

/** R-OS-6: a service of an enrollment provisioned to its account: Active, In Grace after a renewal, then taken away. */
export const serviceSubscription = pgTable(
  'service_subscription',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => serviceAccount.id),
    licensingId: uuid('licensing_id')
      .notNull()
      .references(() => licensingId.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => product.id),
    status: text('status', { enum: ['ACTIVE', 'IN_GRACE', 'DEPROVISIONED'] }).notNull(),
    graceEndsOn: date('grace_ends_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deprovisionedAt: timestamp('deprovisioned_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('service_subscription_key').on(t.licensingId, t.productId),
    index('service_subscription_account_idx').on(t.accountId),
    index('service_subscription_grace_idx').on(t.graceEndsOn).where(sql`${t.status} = 'IN_GRACE'`),
  ],
);

/** R-OS-6: the publisher's add-on services and the base service each needs on the same enrollment. */
export const serviceAddOn = pgTable('service_add_on', {
  addOnProductId: uuid('add_on_product_id')
    .primaryKey()
    .references(() => product.id),
  baseProductId: uuid('base_product_id')
    .notNull()
    .references(() => product.id),
});
