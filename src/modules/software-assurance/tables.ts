import { sql } from 'drizzle-orm';
import { boolean, check, numeric, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { licensePoolEnum } from '../catalog/tables.js';
import { user } from '../identity/tables.js';
import { licensingId } from '../relationship/tables.js';
import { BENEFIT_CODES } from './benefits.js';

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
