import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organization } from '../identity/tables.js';
import { productKey } from '../keys/tables.js';

export const machineKindEnum = pgEnum('machine_kind', ['PHYSICAL', 'VIRTUAL']);
/** R-KEY-4: independent or proxy MAK activation; an OSA key is redeemed. */
export const activationMethodEnum = pgEnum('activation_method', ['INDEPENDENT', 'PROXY', 'REDEMPTION']);

/**
 * One machine activated with a MAK, or one OSA redemption. The unique (key, machine) pair makes a
 * second activation of the same machine free: it finds the first instead of counting again.
 */
export const activation = pgTable(
  'activation',
  {
    id: uuid('id').primaryKey(),
    /**
     * No foreign key to product_key: its check would take a KEY SHARE lock on the key's row, the one
     * row every activation of the key updates, and turn each activation into a multixact there
     * (measured: activations per second halved at 8 concurrent clients). activate_machine inserts
     * an activation only together with the key's count going up, so the key exists, and keys are
     * never deleted.
     */
    keyId: uuid('key_id').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    fingerprint: text('fingerprint').notNull(),
    hostname: text('hostname'),
    machineKind: machineKindEnum('machine_kind').notNull(),
    method: activationMethodEnum('method').notNull(),
    /** Where the request came from: activation cycling shows here. */
    clientAddress: text('client_address'),
    idempotencyKey: text('idempotency_key'),
    certificate: text('certificate').notNull(),
    activatedAt: timestamp('activated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('activation_key_machine_key').on(t.keyId, t.fingerprint),
    // Partial: most activations carry no Idempotency-Key, and an index entry each would be work for nothing.
    uniqueIndex('activation_idempotency_key').on(t.keyId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
    index('activation_key_time_idx').on(t.keyId, t.activatedAt),
  ],
);

/**
 * R-KEY-5: a KMS host activated with a KMS host key. The key's `used` counts hosts (at most 6 by
 * default); `activations` counts this host's own activations (at most 10).
 */
export const kmsHost = pgTable(
  'kms_host',
  {
    id: uuid('id').primaryKey(),
    keyId: uuid('key_id')
      .notNull()
      .references(() => productKey.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organization.id),
    fingerprint: text('fingerprint').notNull(),
    hostname: text('hostname'),
    machineKind: machineKindEnum('machine_kind').notNull(),
    /** The host's Ed25519 public key (SPKI DER, base64), certified so its grants verify offline. */
    hostPublicKey: text('host_public_key').notNull(),
    activations: integer('activations').notNull().default(1),
    certificate: text('certificate').notNull(),
    clientAddress: text('client_address'),
    /** A retried request with the same Idempotency-Key does not count again. */
    lastIdempotencyKey: text('last_idempotency_key'),
    firstActivatedAt: timestamp('first_activated_at', { withTimezone: true }).notNull(),
    lastActivatedAt: timestamp('last_activated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('kms_host_key_machine_key').on(t.keyId, t.fingerprint),
    check('kms_host_activations_positive', sql`${t.activations} >= 1`),
  ],
);

/**
 * The answer to a proxy activation sent with an Idempotency-Key, kept a while so that the same
 * request again (a retry after a dropped connection or a restarted server) gets the same answer,
 * certificates included, without counting anything again. Keys are per product key, as for a
 * single activation.
 */
export const proxyActivation = pgTable(
  'proxy_activation',
  {
    keyId: uuid('key_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** SHA-256 of what was asked (product and machines): the same Idempotency-Key with another request is refused. */
    requestHash: text('request_hash').notNull(),
    answer: jsonb('answer').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.idempotencyKey] }), index('proxy_activation_created_idx').on(t.createdAt)],
);
