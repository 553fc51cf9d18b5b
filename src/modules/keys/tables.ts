import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { product } from '../catalog/tables.js';
import { organization, user } from '../identity/tables.js';
import { orderLine } from '../orders/tables.js';
import { KEY_REQUEST_KINDS } from '../permissions/key-requests/rules.js';
import { licensingId } from '../relationship/tables.js';
import { KEY_REQUEST_STATUSES, KEY_TYPES } from './rules.js';

export const productKeyTypeEnum = pgEnum('product_key_type', KEY_TYPES);

/**
 * A product key issued to a Licensing ID (R-KEY-1). The value is stored only encrypted, found at
 * activation by a keyed hash (R-KEY-9). `used` counts MAK activations, KMS hosts or OSA
 * redemptions against `activation_limit`, changed only by atomic UPDATEs; the CHECK is the last line
 * of defence should one ever be wrong.
 */
export const productKey = pgTable(
  'product_key',
  {
    id: uuid('id').primaryKey(),
    /** The licensed organization: every query is scoped by it, and a distributed database would shard on it. */
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    licensingId: uuid('licensing_id')
      .notNull()
      .references(() => licensingId.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => product.id),
    type: productKeyTypeEnum('type').notNull(),
    /** HMAC-SHA256 of the canonical key under a secret derived from KEY_ENCRYPTION_KEY. */
    keyHash: text('key_hash').notNull(),
    /** AES-256-GCM: iv ‖ tag ‖ ciphertext, base64, with the row id as associated data. */
    keyCiphertext: text('key_ciphertext').notNull(),
    /** Shown where the key is not (R-PERM-13 requests name a key by these). */
    lastFive: text('last_five').notNull(),
    activationLimit: integer('activation_limit').notNull(),
    used: integer('used').notNull().default(0),
    /** OSA keys redeem one online-service order line. */
    sourceOrderLineId: bigint('source_order_line_id', { mode: 'number' }).references(() => orderLine.id),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    issuedBy: uuid('issued_by').references(() => user.id),
  },
  (t) => [
    uniqueIndex('product_key_hash_key').on(t.keyHash),
    index('product_key_licensing_idx').on(t.licensingId),
    index('product_key_org_idx').on(t.organizationId),
    // One key of a type per product and Licensing ID, so issuing twice (or concurrently) adds nothing.
    uniqueIndex('product_key_product_type_key').on(t.licensingId, t.productId, t.type).where(sql`${t.sourceOrderLineId} is null`),
    uniqueIndex('product_key_order_line_key').on(t.sourceOrderLineId),
    check('product_key_used_within_limit', sql`${t.used} >= 0 and ${t.used} <= ${t.activationLimit}`),
  ],
);

export const keyRequestKindEnum = pgEnum('key_request_kind', KEY_REQUEST_KINDS);
export const keyRequestStatusEnum = pgEnum('key_request_status', KEY_REQUEST_STATUSES);

/** R-PERM-13: a web-form request about a key, queued for the publisher's staff. */
export const keyRequest = pgTable(
  'key_request',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    licensingId: uuid('licensing_id')
      .notNull()
      .references(() => licensingId.id),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => user.id),
    kind: keyRequestKindEnum('kind').notNull(),
    agreementNumber: text('agreement_number'),
    licenseNumber: text('license_number'),
    authorizationNumber: text('authorization_number'),
    productName: text('product_name').notNull(),
    productVersion: text('product_version').notNull(),
    productEdition: text('product_edition').notNull(),
    keyLastFive: text('key_last_five').notNull(),
    /** The key the last five characters name on this Licensing ID. */
    keyId: uuid('key_id')
      .notNull()
      .references(() => productKey.id),
    activationsWanted: integer('activations_wanted').notNull(),
    justification: text('justification').notNull(),
    status: keyRequestStatusEnum('status').notNull().default('PENDING'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => user.id),
    decisionNote: text('decision_note'),
    activationsGranted: integer('activations_granted'),
    /** A KMS exception approved: the KMS host key issued for it. */
    issuedKeyId: uuid('issued_key_id').references(() => productKey.id),
  },
  (t) => [
    index('key_request_queue_idx').on(t.status, t.createdAt),
    index('key_request_licensing_idx').on(t.licensingId),
    check('key_request_activations_positive', sql`${t.activationsWanted} > 0`),
  ],
);
