import { boolean, foreignKey, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { LICENSE_POOLS } from './rules.js';

export const licensePoolEnum = pgEnum('license_pool', LICENSE_POOLS);

/** A product family (Office, Windows Server, …): the License Summary's rows are family × version. */
export const productFamily = pgTable('product_family', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const product = pgTable(
  'product',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The publisher's part code; orders name products by it. */
    code: text('code').notNull(),
    familyId: uuid('family_id')
      .notNull()
      .references(() => productFamily.id),
    name: text('name').notNull(),
    version: text('version').notNull(),
    edition: text('edition').notNull().default(''),
    pool: licensePoolEnum('pool').notNull(),
    /** R-DL-6: the download catalog filters by it. */
    category: text('category').notNull(),
    /** R-DL-4: Client Access Licenses have no download and no key. */
    isCal: boolean('is_cal').notNull().default(false),
    requiresKey: boolean('requires_key').notNull().default(true),
    /** R-DL-7: the same edition's previous version; following it gives the downgrade chain. */
    priorVersionId: uuid('prior_version_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('product_code_key').on(t.code),
    index('product_family_idx').on(t.familyId),
    foreignKey({ columns: [t.priorVersionId], foreignColumns: [t.id], name: 'product_prior_version_fk' }),
  ],
);
