import { z } from 'zod';
import { CursorParam } from '../../platform/http/cursor.js';
import { LOCALES } from '../../platform/i18n/locale.js';
import { AgreementRecordSchema } from '../relationship/onboarding/schemas.js';

const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a domain name');
const WorkAddress = z.string().trim().toLowerCase().min(3).max(254).email();

export const PartnerUserInputSchema = z.object({
  email: WorkAddress,
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  locale: z.enum(LOCALES).default('en'),
});
export type PartnerUserInput = z.infer<typeof PartnerUserInputSchema>;

/** A channel partner as the publisher registers it: its organization, partner number, notice address and first users. */
export const NewPartnerSchema = z.object({
  name: z.string().trim().min(1).max(200),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'an ISO 3166 country code'),
  domains: z.array(Domain).min(1).max(20),
  number: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, 'letters, digits and dashes'),
  notificationEmail: WorkAddress,
  users: z.array(PartnerUserInputSchema).max(50).default([]),
});
export type NewPartner = z.infer<typeof NewPartnerSchema>;

export const PartnerUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  /** invited: has not registered yet. */
  status: z.enum(['invited', 'active', 'deactivated', 'removed']),
});

export const PartnerSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  country: z.string(),
  domains: z.array(z.string()),
  number: z.string(),
  notificationEmail: z.string(),
  users: z.array(PartnerUserSchema),
  /** Licensing IDs it is the channel partner of record of. */
  licensingIdCount: z.number().int(),
  customerCount: z.number().int(),
});
export type PartnerView = z.infer<typeof PartnerSchema>;

export const PartnerListSchema = z.object({ items: z.array(PartnerSchema.omit({ users: true })) });

export const PartnerAssignmentSchema = z.object({ partnerId: z.uuid() });

export const CustomerListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: CursorParam.optional(),
});

/** A customer as its channel partner sees it: only the agreements it serves, with their contacts of record. */
export const CustomerSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  country: z.string(),
  agreements: z.array(AgreementRecordSchema),
});
export const CustomerListSchema = z.object({
  items: z.array(
    CustomerSchema.omit({ agreements: true }).extend({ agreementCount: z.number().int(), licensingIdCount: z.number().int() }),
  ),
  nextCursor: z.string().nullable(),
});

z.globalRegistry.add(PartnerSchema, { id: 'ChannelPartner' });
