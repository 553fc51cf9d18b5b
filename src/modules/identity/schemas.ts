import { z } from 'zod';
import { LOCALES } from '../../platform/i18n/locale.js';

export const Email = z.string().trim().min(3).max(254).email();
export const LocaleSchema = z.enum(LOCALES);

export const MeSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  locale: LocaleSchema,
  isOperator: z.boolean(),
  /** isChannelPartner: the user acts for a channel partner (the portal shows its customers). */
  organization: z.object({ id: z.uuid(), name: z.string(), country: z.string(), isChannelPartner: z.boolean() }),
});

export const TokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.date(),
  expiresAt: z.date().nullable(),
  lastUsedAt: z.date().nullable().optional(),
});

// Named components of the OpenAPI document: the portal's generated types use these names.
z.globalRegistry.add(MeSchema, { id: 'Me' });
z.globalRegistry.add(TokenSchema, { id: 'PersonalToken' });
