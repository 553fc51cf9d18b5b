import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organization } from '../identity/tables.js';
import { licensingId } from '../relationship/tables.js';

/** A channel-partner organization as the publisher registered it: its partner number and where its notices go. */
export const channelPartner = pgTable('channel_partner', {
  organizationId: uuid('organization_id')
    .primaryKey()
    .references(() => organization.id),
  /** The publisher's number for the partner; what a customer names when it changes partner. */
  number: text('number').notNull().unique(),
  notificationEmail: text('notification_email').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/**
 * R-REL-6: the channel partner of record of each Licensing ID. Every user of the partner's
 * organization acts for it on the customer's Licensing ID (the CHANNEL_PARTNER row of the policy
 * table); authorization reads this table by name (platform/authz/scope.ts).
 */
export const partnerOfRecord = pgTable(
  'partner_of_record',
  {
    licensingId: uuid('licensing_id')
      .primaryKey()
      .references(() => licensingId.id),
    partnerOrganizationId: uuid('partner_organization_id')
      .notNull()
      .references(() => channelPartner.organizationId),
    since: timestamp('since', { withTimezone: true }).notNull(),
  },
  (t) => [index('partner_of_record_partner_idx').on(t.partnerOrganizationId)],
);
