import { z } from 'zod';
import { LOCALES } from '../../../platform/i18n/locale.js';
import { AFFILIATE_ROLES, CONTACTS_OF_RECORD } from '../rules.js';
import { isCalendarDay } from './rules.js';

/** Longest agreement, MBSA and Licensing ID number the publisher uses. */
export const MAX_NUMBER_LENGTH = 40;
/** Licensing IDs one agreement may carry in one request. */
export const MAX_LICENSING_IDS = 500;
export const MAX_CONTACTS = 30;

const Day = z.string().trim().refine(isCalendarDay, 'a calendar date YYYY-MM-DD');
const Number_ = z.string().trim().min(1).max(MAX_NUMBER_LENGTH);
const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a domain name');

export const ContactInputSchema = z.object({
  type: z.enum(CONTACTS_OF_RECORD),
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().toLowerCase().min(3).max(254).email(),
  /** The language of the contact's mails (and of the account made for them). */
  locale: z.enum(LOCALES).default('en'),
});
export type ContactInput = z.infer<typeof ContactInputSchema>;

export const LicensingIdInputSchema = z.object({
  number: Number_,
  name: z.string().trim().min(1).max(200),
  /** The agreement's when not given. */
  startDate: Day.optional(),
  endDate: Day.nullable().optional(),
  priceLevel: z.string().trim().min(1).max(10).nullable().optional(),
  /** Open License: the authorization number that pairs with the license number (R-PERM-10). */
  authorizationNumber: z.string().trim().min(1).max(40).nullable().default(null),
  /** Select Plus: lead or participating affiliate (R-REL-5). */
  affiliateRole: z.enum(AFFILIATE_ROLES).nullable().default(null),
});
export type LicensingIdInput = z.infer<typeof LicensingIdInputSchema>;

/**
 * An agreement as the publisher onboards it (R-REL-1, R-REL-2, R-REL-6): the organization holding
 * it (found by its domains, else created), the program agreement with its price level and term,
 * the MBSA it falls under where the program has one, its Licensing IDs and its contacts of record.
 * `program` is any text so that an unknown one is named as such (UNKNOWN_PROGRAM), not as a
 * schema error.
 */
export const AgreementBodySchema = z.object({
  organization: z.object({
    name: z.string().trim().min(1).max(200),
    domains: z.array(Domain).min(1).max(20),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'an ISO 3166 country code'),
  }),
  number: Number_,
  program: z.string().trim().toUpperCase().min(1).max(40),
  priceLevel: z.string().trim().min(1).max(10).nullable().default(null),
  startDate: Day,
  endDate: Day.nullable().default(null),
  /** The MBSA's number; refused for Open programs, which have none (R-REL-2). */
  mbsaNumber: Number_.nullable().default(null),
  /** R-REL-6: the channel partner of record of the agreement's Licensing IDs, by its partner number. */
  channelPartnerNumber: z.string().trim().toUpperCase().min(1).max(40).nullable().default(null),
  licensingIds: z.array(LicensingIdInputSchema).min(1).max(MAX_LICENSING_IDS),
  contacts: z.array(ContactInputSchema).max(MAX_CONTACTS).default([]),
});
export type AgreementBody = z.infer<typeof AgreementBodySchema>;

export const IdempotencyHeadersSchema = z.looseObject({ 'idempotency-key': z.string().trim().min(1).max(200).optional() });

const LifecycleSchema = z.enum(['ACTIVE', 'INACTIVE', 'EXPIRED']);

export const ContactOfRecordSchema = z.object({
  type: z.enum(CONTACTS_OF_RECORD),
  name: z.string(),
  email: z.string(),
  locale: z.enum(LOCALES),
  /** Whether the contact has registered (an invited account has not). */
  registered: z.boolean(),
});

export const AgreementRecordSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  programCode: z.string(),
  programName: z.string(),
  priceLevel: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  mbsaNumber: z.string().nullable(),
  organization: z.object({ id: z.uuid(), name: z.string(), domains: z.array(z.string()) }),
  licensingIds: z.array(
    z.object({
      id: z.uuid(),
      number: z.string(),
      name: z.string(),
      kind: z.string(),
      status: LifecycleSchema,
      startDate: z.string(),
      endDate: z.string().nullable(),
      priceLevel: z.string().nullable(),
      authorizationNumber: z.string().nullable(),
    }),
  ),
  contacts: z.array(ContactOfRecordSchema),
  /** R-REL-6: the channel partner of record of the agreement's Licensing IDs (the first one's, when they differ). */
  channelPartner: z.object({ name: z.string(), number: z.string() }).nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type AgreementRecordView = z.infer<typeof AgreementRecordSchema>;

export const OrganizationListSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      country: z.string(),
      domains: z.array(z.string()),
      agreements: z.array(z.object({ id: z.uuid(), number: z.string(), programCode: z.string(), licensingIdCount: z.number().int() })),
    }),
  ),
});

export const OrganizationDetailSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  country: z.string(),
  domains: z.array(z.string()),
  agreements: z.array(AgreementRecordSchema),
});

export const ContactChangeSchema = ContactInputSchema.omit({ type: true });
export const RenewalSchema = z.object({ endDate: Day });
export const OwnershipSchema = z.object({
  organizationId: z.uuid(),
  /** The new owner's contacts of record; the old ones end with the change. */
  contacts: z.array(ContactInputSchema).max(MAX_CONTACTS).default([]),
});

z.globalRegistry.add(AgreementRecordSchema, { id: 'AgreementRecord' });
