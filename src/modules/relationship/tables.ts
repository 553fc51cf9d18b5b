import { boolean, date, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organization, user } from '../identity/tables.js';
import { AFFILIATE_ROLES, AGREEMENT_KINDS, CONTACT_TYPES, LICENSING_ID_KINDS, LIFECYCLE_STATUSES, PROGRAM_CODES } from './rules.js';

export const programCodeEnum = pgEnum('program_code', PROGRAM_CODES);
export const licensingIdKindEnum = pgEnum('licensing_id_kind', LICENSING_ID_KINDS);
export const agreementKindEnum = pgEnum('agreement_kind', AGREEMENT_KINDS);
export const lifecycleStatusEnum = pgEnum('lifecycle_status', LIFECYCLE_STATUSES);
export const affiliateRoleEnum = pgEnum('affiliate_role', AFFILIATE_ROLES);
export const contactTypeEnum = pgEnum('contact_type', CONTACT_TYPES);

/** A volume-licensing program and the rule flags that differ between programs. */
export const program = pgTable('program', {
  code: programCodeEnum('code').primaryKey(),
  name: text('name').notNull(),
  /** R-REL-2: Open programs have no MBSA. */
  hasMbsa: boolean('has_mbsa').notNull(),
  /** R-DL-2: whole catalog (true) or only purchased products (false). */
  fullCatalogDownloads: boolean('full_catalog_downloads').notNull(),
  /** R-KEY-1: keys per pool (true) or per purchased product (false). */
  keysPerPool: boolean('keys_per_pool').notNull(),
  /** R-RES-1: may reserve online services. */
  mayReserve: boolean('may_reserve').notNull(),
});

/** An MBSA or a parent program agreement (R-REL-2). */
export const agreement = pgTable(
  'agreement',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    kind: agreementKindEnum('kind').notNull(),
    number: text('number').notNull(),
    programCode: programCodeEnum('program_code').references(() => program.code),
    mbsaId: uuid('mbsa_id'),
    status: lifecycleStatusEnum('status').notNull().default('ACTIVE'),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    /** R-RES-4: the customer signed the updated Enterprise Agreement amendment (needed before 2011 to reserve online). */
    updatedEaAmendment: boolean('updated_ea_amendment').notNull().default(false),
  },
  (t) => [uniqueIndex('agreement_number_key').on(t.kind, t.number), index('agreement_org_idx').on(t.organizationId)],
);

/**
 * An agreement as the publisher onboarded it through the operator API or an import file: its
 * number is the natural key (idempotency like orders), the content as last set and its hash, and
 * the Idempotency-Key it came with. The MBSA, parent agreement and Licensing IDs it made are the
 * rows of the other tables; Open programs have no parent agreement row (R-REL-2).
 */
export const agreementRecord = pgTable(
  'agreement_record',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    programCode: programCodeEnum('program_code')
      .notNull()
      .references(() => program.code),
    /** The parent program agreement row; null for Open programs. */
    agreementId: uuid('agreement_id').references(() => agreement.id),
    content: jsonb('content').notNull(),
    contentHash: text('content_hash').notNull(),
    idempotencyKey: text('idempotency_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('agreement_record_number_key').on(t.number),
    uniqueIndex('agreement_record_idempotency_key').on(t.idempotencyKey),
    index('agreement_record_org_idx').on(t.organizationId),
  ],
);

export const licensingId = pgTable(
  'licensing_id',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    programCode: programCodeEnum('program_code')
      .notNull()
      .references(() => program.code),
    parentAgreementId: uuid('parent_agreement_id').references(() => agreement.id),
    kind: licensingIdKindEnum('kind').notNull(),
    number: text('number').notNull(),
    /** Open License only: the pair (number, authorization number) identifies the license. */
    authorizationNumber: text('authorization_number'),
    name: text('name').notNull(),
    status: lifecycleStatusEnum('status').notNull().default('ACTIVE'),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    priceLevel: text('price_level'),
    affiliateRole: affiliateRoleEnum('affiliate_role'),
    /** R-PERM-10: an Open License's owner can turn Add Open License off for it. */
    addOpenEnabled: boolean('add_open_enabled').notNull().default(true),
    /** The onboarded agreement it came with (null for data from before the operator API). */
    recordId: uuid('record_id').references(() => agreementRecord.id),
  },
  (t) => [
    uniqueIndex('licensing_id_number_key').on(t.programCode, t.number),
    index('licensing_id_org_idx').on(t.organizationId),
    index('licensing_id_record_idx').on(t.recordId),
  ],
);

/** Contacts named on an agreement or Licensing ID (R-REL-6); changed only by partner or publisher. */
export const contact = pgTable(
  'contact',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    licensingId: uuid('licensing_id').references(() => licensingId.id),
    agreementId: uuid('agreement_id').references(() => agreement.id),
    type: contactTypeEnum('type').notNull(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    userId: uuid('user_id').references(() => user.id),
  },
  (t) => [index('contact_licensing_idx').on(t.licensingId), index('contact_agreement_idx').on(t.agreementId)],
);
