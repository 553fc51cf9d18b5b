import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { licensePoolEnum } from '../catalog/tables.js';
import { user } from '../identity/tables.js';
import { licensingId } from '../relationship/tables.js';
import { BENEFIT_CODES } from './benefits.js';
import { trainingProvider } from './providers/tables.js';

export const saBenefitEnum = pgEnum('sa_benefit', BENEFIT_CODES);

/**
 * The publisher's benefit rules (R-SA-1): each SA-covered license of a qualifying pool or product
 * gives `per_license` of the benefit. Replaced as a whole by the operator.
 */
export const saBenefitRule = pgTable(
  'sa_benefit_rule',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    benefit: saBenefitEnum('benefit').notNull(),
    pools: licensePoolEnum('pools').array().notNull().default(sql`'{}'`),
    productCodes: text('product_codes').array().notNull().default(sql`'{}'::text[]`),
    /** Null for an unmeasured benefit (Dynamics CustomerSource). */
    perLicense: numeric('per_license', { precision: 12, scale: 4 }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('sa_benefit_rule_per_license_positive', sql`${t.perLicense} is null or ${t.perLicense} > 0`)],
);

/**
 * What happened to a benefit on a Licensing ID (R-SA-2): activated by the customer, held by the
 * publisher. Eligibility and expiry are not stored: they follow the orders (see service.ts).
 */
export const saBenefitState = pgTable(
  'sa_benefit_state',
  {
    licensingId: uuid('licensing_id')
      .notNull()
      .references(() => licensingId.id),
    benefit: saBenefitEnum('benefit').notNull(),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    activatedBy: uuid('activated_by').references(() => user.id),
    onHold: boolean('on_hold').notNull().default(false),
    holdChangedAt: timestamp('hold_changed_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.licensingId, t.benefit] })],
);

/** What a use of a benefit is: a training voucher (R-SA-5), an e-Learning participant (R-SA-4), a benefit user (R-SA-6). */
export const saUseKindEnum = pgEnum('sa_use_kind', ['TRAINING_VOUCHER', 'E_LEARNING_PARTICIPANT', 'BENEFIT_USER']);
export const saUseStatusEnum = pgEnum('sa_use_status', ['ASSIGNED', 'REDEEMED', 'CANCELLED']);

/**
 * What each benefit uses (R-SA-5): one row per use, with the quantity it takes from the benefit.
 * A benefit's used quantity is the sum of its uses not cancelled, so cancelling returns it; the
 * sum is taken under the benefit's lock (activate.ts lockBenefit), which is what keeps it from
 * ever passing the eligible quantity.
 */
export const saBenefitUse = pgTable(
  'sa_benefit_use',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    licensingId: uuid('licensing_id')
      .notNull()
      .references(() => licensingId.id),
    benefit: saBenefitEnum('benefit').notNull(),
    kind: saUseKindEnum('kind').notNull(),
    quantity: integer('quantity').notNull(),
    status: saUseStatusEnum('status').notNull().default('ASSIGNED'),
    /** What the holder quotes: the voucher number a training provider redeems. */
    reference: text('reference').notNull(),
    holderName: text('holder_name').notNull(),
    holderEmail: text('holder_email').notNull(),
    holderLocale: text('holder_locale').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => user.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** R-SA-5: when a training provider redeemed the voucher, and which one. */
    redeemedAt: timestamp('redeemed_at', { withTimezone: true }),
    redeemedBy: uuid('redeemed_by').references(() => trainingProvider.id),
  },
  (t) => [
    check('sa_benefit_use_quantity_positive', sql`${t.quantity} > 0`),
    uniqueIndex('sa_benefit_use_reference_idx').on(t.reference),
    index('sa_benefit_use_benefit_idx').on(t.licensingId, t.benefit),
  ],
);

/** R-SA-4: the e-mail domains whose employees qualify for a Licensing ID's e-Learning. */
export const saElearningDomain = pgTable(
  'sa_elearning_domain',
  {
    licensingId: uuid('licensing_id')
      .notNull()
      .references(() => licensingId.id),
    domain: text('domain').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => user.id),
  },
  (t) => [primaryKey({ columns: [t.licensingId, t.domain] })],
);

/**
 * R-SA-4: the access code all eligible employees share, while the Licensing ID has a domain.
 * Kept readable, not hashed: those who manage the benefit are shown it to pass on.
 */
export const saElearningCode = pgTable(
  'sa_elearning_code',
  {
    licensingId: uuid('licensing_id')
      .primaryKey()
      .references(() => licensingId.id),
    code: text('code').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sa_elearning_code_code_idx').on(t.code)],
);
