import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organization, user } from '../../identity/tables.js';
import { licensingId } from '../../relationship/tables.js';
import { purchasingAccount } from '../tables.js';
import { SALES_PACKAGE_STATUSES, type SalesPackageTerms } from './rules.js';

export const salesPackageStatusEnum = pgEnum('sales_package_status', SALES_PACKAGE_STATUSES);

/**
 * R-BC-2: a sales package the partner serving a purchasing account prepares for it (DRAFT), sends
 * as a generated PDF (SENT) and the customer signs electronically or on paper (SIGNED); the
 * partner may withdraw a sent one (WITHDRAWN). Every stored file is recorded with its SHA-256, so
 * a signed document verifies against what was signed.
 */
export const salesPackage = pgTable(
  'sales_package',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Shown as SP-000001. */
    seq: integer('seq').generatedAlwaysAsIdentity().notNull(),
    purchasingAccountId: uuid('purchasing_account_id')
      .notNull()
      .references(() => purchasingAccount.id),
    partnerOrganizationId: uuid('partner_organization_id')
      .notNull()
      .references(() => organization.id),
    title: text('title').notNull(),
    terms: jsonb('terms').$type<SalesPackageTerms>().notNull(),
    status: salesPackageStatusEnum('status').notNull().default('DRAFT'),
    preparedBy: uuid('prepared_by')
      .notNull()
      .references(() => user.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    documentKey: text('document_key'),
    documentSha256: text('document_sha256'),
    /** ELECTRONIC or PAPER once signed. */
    signedVia: text('signed_via'),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    signerUserId: uuid('signer_user_id').references(() => user.id),
    signerName: text('signer_name'),
    consentVersion: text('consent_version'),
    signerIp: text('signer_ip'),
    signerUserAgent: text('signer_user_agent'),
    /** The SHA-256 of the exact document signed (re-hashed from the store at signing). */
    signedDocumentSha256: text('signed_document_sha256'),
    /** The signed copy (original + signature page) or the paper-signed scan. */
    signedCopyKey: text('signed_copy_key'),
    signedCopySha256: text('signed_copy_sha256'),
  },
  (t) => [
    index('sales_package_account_idx').on(t.purchasingAccountId),
    index('sales_package_partner_idx').on(t.partnerOrganizationId),
    check('sales_package_signed_via_check', sql`${t.signedVia} is null or ${t.signedVia} in ('ELECTRONIC', 'PAPER')`),
  ],
);

/**
 * R-BC-3: the anniversary month the customer chose for an active agreement (Licensing ID), kept
 * by the business center since the relationship module owns the Licensing ID itself.
 */
export const agreementAnniversary = pgTable(
  'agreement_anniversary',
  {
    licensingId: uuid('licensing_id')
      .primaryKey()
      .references(() => licensingId.id),
    month: integer('month').notNull(),
    updatedBy: uuid('updated_by').references(() => user.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [check('agreement_anniversary_month_check', sql`${t.month} between 1 and 12`)],
);
