import { index, pgEnum, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organization, user } from '../../identity/tables.js';
import { licensingId } from '../../relationship/tables.js';
import { channelPartner } from '../tables.js';
import { DELEGATION_STATUSES } from './rules.js';

export const benefitDelegationStatusEnum = pgEnum('benefit_delegation_status', DELEGATION_STATUSES);

/**
 * R-SA-7: a channel partner's request to manage a customer's benefits, and while APPROVED the
 * permission itself: authorization reads it by name (platform/authz/scope.ts, the BENEFIT_DELEGATE
 * row of the policy table), so a removal takes effect on the next request.
 */
export const benefitDelegation = pgTable(
  'benefit_delegation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerOrganizationId: uuid('partner_organization_id')
      .notNull()
      .references(() => channelPartner.organizationId),
    /** The customer. */
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    status: benefitDelegationStatusEnum('status').notNull(),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => user.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** Who last moved it (approved, denied, withdrew, removed), and when. */
    changedBy: uuid('changed_by').references(() => user.id),
    changedAt: timestamp('changed_at', { withTimezone: true }),
  },
  (t) => [
    index('benefit_delegation_partner_idx').on(t.partnerOrganizationId, t.status),
    index('benefit_delegation_org_idx').on(t.organizationId, t.requestedAt),
  ],
);

/** The Licensing IDs a request names, all of its customer. */
export const benefitDelegationLicensingId = pgTable(
  'benefit_delegation_licensing_id',
  {
    delegationId: uuid('delegation_id')
      .notNull()
      .references(() => benefitDelegation.id),
    licensingId: uuid('licensing_id')
      .notNull()
      .references(() => licensingId.id),
  },
  (t) => [primaryKey({ columns: [t.delegationId, t.licensingId] }), index('benefit_delegation_licensing_id_idx').on(t.licensingId)],
);
