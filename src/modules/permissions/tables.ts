import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgEnum, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ROLES } from '../../platform/authz/roles.js';
import { organization, user, userStatusEnum } from '../identity/tables.js';
import { agreement, licensingId } from '../relationship/tables.js';
import { REQUEST_STATUSES } from './rules.js';

export const roleEnum = pgEnum('role', ROLES);

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
    /** R-PERM-8: for role groups, the chosen sub-roles; null means "All". */
    subRoles: text('sub_roles').array(),
    /** R-PERM-9: an Online Services Manager may reserve only with this, per enrollment. */
    manageReservation: boolean('manage_reservation').notNull().default(false),
    /** For INHERITED grants: the MBSA or parent agreement they come from (R-PERM-5). */
    inheritedFrom: uuid('inherited_from').references(() => agreement.id),
    grantedBy: uuid('granted_by').references(() => user.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The same role may come from several sources (an Administrator who is also a contact).
    uniqueIndex('role_grant_key').on(t.userId, t.licensingId, t.role, t.source),
    index('role_grant_licensing_idx').on(t.licensingId),
    index('role_grant_user_idx').on(t.userId),
  ],
);

/** R-PERM-5: a contact of an MBSA or parent agreement chooses to be (or not be) Administrator of its children. */
export const adminInheritance = pgTable(
  'admin_inheritance',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreement.id),
    optedIn: boolean('opted_in').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.agreementId] })],
);

export const requestStatusEnum = pgEnum('request_status', REQUEST_STATUSES);

/** R-PERM-6: a user asks the Administrators of record of a Licensing ID for roles. */
export const permissionRequest = pgTable(
  'permission_request',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The request number people quote. */
    number: serial('number').notNull().unique(),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => user.id),
    licensingId: uuid('licensing_id')
      .notNull()
      .references(() => licensingId.id),
    roles: text('roles').array().notNull(),
    subRoles: jsonb('sub_roles'),
    comment: text('comment'),
    status: requestStatusEnum('status').notNull().default('PENDING'),
    decidedBy: uuid('decided_by').references(() => user.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('permission_request_licensing_idx').on(t.licensingId, t.status),
    index('permission_request_requester_idx').on(t.requesterId),
  ],
);

/** R-PERM-10: invalid license/authorization pairs entered through Add Open License, for the suspension rule. */
export const addOpenFailure = pgTable(
  'add_open_failure',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('add_open_failure_user_idx').on(t.userId, t.at)],
);

/** R-PERM-11: a reseller named on an Open order form, granted access automatically; the Administrator may deny it. */
export const resellerAccess = pgTable(
  'reseller_access',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    licensingId: uuid('licensing_id')
      .notNull()
      .references(() => licensingId.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id),
    /** Hash of the single-use "Deny Access" link token mailed to the Administrators. */
    denyTokenHash: text('deny_token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deniedAt: timestamp('denied_at', { withTimezone: true }),
    deniedBy: uuid('denied_by').references(() => user.id),
  },
  (t) => [uniqueIndex('reseller_access_key').on(t.licensingId, t.userId)],
);

/** How a deactivation ended: one of the organization's Administrators let the person back. */
export const deactivationLiftEnum = pgEnum('deactivation_lift', ['REACTIVATED', 'ROLES_ASSIGNED', 'REQUEST_ACCEPTED']);

/**
 * R-PERM-7, R-ID-6: an organization deactivated a person. While it stands (not lifted), no
 * self-service path gives them a role on the organization's Licensing IDs (Add Open License,
 * reseller access, a waiting address confirmation); only one of its Administrators lets them
 * back. Rows are kept after lifting, for audit.
 */
export const deactivation = pgTable(
  'deactivation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => user.id),
    deactivatedBy: uuid('deactivated_by').references(() => user.id),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * The account's status before the deactivation locked it (the person was the organization's
     * own and held no role anywhere any more); null when the account stayed open.
     */
    lockedFrom: userStatusEnum('locked_from'),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    liftedBy: uuid('lifted_by').references(() => user.id),
    liftedVia: deactivationLiftEnum('lifted_via'),
  },
  (t) => [
    uniqueIndex('deactivation_standing_key').on(t.organizationId, t.userId).where(sql`${t.liftedAt} is null`),
    index('deactivation_user_idx').on(t.userId),
  ],
);
