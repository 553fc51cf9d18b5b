import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { user } from '../../identity/tables.js';

/**
 * R-SA-5: a training provider the publisher registered, which redeems training vouchers through
 * the API with its own credential. Its number is the publisher's reference for it.
 */
export const trainingProvider = pgTable('training_provider', {
  id: uuid('id').primaryKey().defaultRandom(),
  number: text('number').notNull().unique(),
  name: text('name').notNull(),
  contactEmail: text('contact_email').notNull(),
  /** The language of the mails to the contact. */
  contactLocale: text('contact_locale').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  createdBy: uuid('created_by').references(() => user.id),
});

/**
 * A provider's API credential: only the secret's hash is kept (the secret is shown once). At most
 * one is live per provider, so issuing another rotates it and revoking ends the provider's access.
 */
export const trainingProviderCredential = pgTable(
  'training_provider_credential',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => trainingProvider.id),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').references(() => user.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('training_provider_credential_live_idx').on(t.providerId).where(sql`${t.revokedAt} is null`),
    index('training_provider_credential_provider_idx').on(t.providerId),
  ],
);
