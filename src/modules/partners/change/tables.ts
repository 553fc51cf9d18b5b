import { sql } from 'drizzle-orm';
import { boolean, index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organization, user } from '../../identity/tables.js';
import { licensingId } from '../../relationship/tables.js';
import { channelPartner } from '../tables.js';
import { PARTNER_CHANGE_DECISIONS } from './rules.js';

export const partnerChangeDecisionEnum = pgEnum('partner_change_decision', PARTNER_CHANGE_DECISIONS);

/**
 * R-REL-6: a customer's request to move Licensing IDs to another channel partner. Only facts are
 * stored; the status is derived from them and the time (rules.ts: changeStatus).
 */
export const partnerChange = pgTable(
  'partner_change',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The customer. */
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    newPartnerOrganizationId: uuid('new_partner_organization_id')
      .notNull()
      .references(() => channelPartner.organizationId),
    /** The new partner's notification contact the customer named: who is asked to accept. */
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => user.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** The end of the new partner's answer period, fixed at the start (a later configuration change does not move it). */
    respondBy: timestamp('respond_by', { withTimezone: true }).notNull(),
    decision: partnerChangeDecisionEnum('decision'),
    decidedBy: uuid('decided_by').references(() => user.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** When an accepted change takes effect: the acceptance plus the grace period, fixed at acceptance. */
    effectiveAt: timestamp('effective_at', { withTimezone: true }),
    canceledBy: uuid('canceled_by').references(() => user.id),
    canceledAt: timestamp('canceled_at', { withTimezone: true }),
    /** When the sweep told the customer that the answer period ended unanswered (once). */
    expiryNotedAt: timestamp('expiry_noted_at', { withTimezone: true }),
  },
  (t) => [
    index('partner_change_org_idx').on(t.organizationId, t.requestedAt),
    index('partner_change_partner_idx').on(t.newPartnerOrganizationId, t.requestedAt),
  ],
);

/** The Licensing IDs of a request, each with the partner it had at the start and when the new one was recorded. */
export const partnerChangeLine = pgTable(
  'partner_change_line',
  {
    changeId: uuid('change_id')
      .notNull()
      .references(() => partnerChange.id),
    licensingId: uuid('licensing_id')
      .notNull()
      .references(() => licensingId.id),
    oldPartnerOrganizationId: uuid('old_partner_organization_id').references(() => channelPartner.organizationId),
    /**
     * True until the request ends for this Licensing ID (declined, canceled, expired as the sweep or a
     * new start notes it, completed): at most one open line per Licensing ID, which two customers'
     * Administrators starting at once cannot get around.
     */
    open: boolean('open').notNull().default(true),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.changeId, t.licensingId] }),
    uniqueIndex('partner_change_line_open_key').on(t.licensingId).where(sql`${t.open}`),
  ],
);
