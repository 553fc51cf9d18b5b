import { z } from 'zod';
import { Email, LocaleSchema } from '../../identity/schemas.js';
import { VOUCHER_STATUSES } from '../voucher-rules.js';

export const TrainingProviderInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  number: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9-]+$/, 'letters, digits and hyphens')
    .describe('the publisher’s unique number for the provider'),
  contactEmail: Email.describe('where the credential notices go'),
  contactLocale: LocaleSchema.describe('the language of those notices'),
});

export const TrainingProviderSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  name: z.string(),
  contactEmail: z.string(),
  contactLocale: LocaleSchema,
  createdAt: z.string(),
  credentialIssuedAt: z.string().nullable().describe('when the live credential was issued; null when the provider has none'),
});
export const TrainingProvidersSchema = z.object({ items: z.array(TrainingProviderSchema) });

export const TrainingProviderParams = z.object({ providerId: z.uuid() });

export const IssuedCredentialSchema = z.object({
  provider: TrainingProviderSchema,
  token: z.string().describe('the secret: shown this once, only its hash is kept'),
});

export const VoucherNumberParams = z.object({ voucherNumber: z.string().trim().min(1).max(40) });

/** What a training provider sees of a voucher: enough to book the employee, and whether it can be redeemed now. */
export const ProviderVoucherSchema = z.object({
  voucherNumber: z.string(),
  days: z.number().int(),
  status: z.enum(VOUCHER_STATUSES),
  employeeName: z.string(),
  organization: z.string(),
  validUntil: z.string().nullable(),
  redeemable: z.boolean(),
  refusal: z.string().nullable().describe('the problem code a redemption would get now, or null'),
  redeemedAt: z.string().nullable(),
  redeemedByYou: z.boolean(),
});
