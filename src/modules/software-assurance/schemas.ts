import { z } from 'zod';
import { CursorParam } from '../../platform/http/cursor.js';
import { PoolSchema } from '../catalog/schemas.js';
import { Email, LocaleSchema } from '../identity/schemas.js';
import { ExpirySchema } from '../orders/schemas.js';
import { ROLE_GROUPS } from '../permissions/role-groups.js';
import { BENEFIT_CODES, BENEFIT_STATUSES, BENEFIT_UNITS, BENEFITS_WITH_USERS } from './benefits.js';
import { SUMMARY_SORTS } from './summary.js';
import { VOUCHER_STATUSES } from './voucher-rules.js';

export const BenefitCodeSchema = z.enum(BENEFIT_CODES);
export const BenefitStatusSchema = z.enum(BENEFIT_STATUSES);

export const BenefitSchema = z.object({
  benefit: BenefitCodeSchema,
  unit: z.enum(BENEFIT_UNITS),
  status: BenefitStatusSchema,
  eligibleQuantity: z.number().int().nullable(),
  usedQuantity: z.number().int().nullable(),
  quantityRemaining: z.number().int().nullable(),
  expiresOn: z.string().nullable(),
  expiry: ExpirySchema,
  requiresActivation: z.boolean(),
  subRole: z.enum(ROLE_GROUPS.SA_MANAGER).nullable(),
});

const BenefitLicensingIdSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  name: z.string(),
  organization: z.string(),
  city: z.string().nullable(),
});

export const LicensingIdBenefitsSchema = z.object({
  asOf: z.string(),
  licensingId: BenefitLicensingIdSchema,
  benefits: z.array(BenefitSchema),
});

/** R-SA-2: for the publisher, each benefit on hold with when it was held and why (null for a hold given before reasons were). */
export const OperatorLicensingIdBenefitsSchema = LicensingIdBenefitsSchema.extend({
  holds: z.array(z.object({ benefit: BenefitCodeSchema, since: z.string(), reason: z.string().nullable() })),
});

export const LicensingIdParams = z.object({ licensingId: z.uuid() });
export const BenefitParams = LicensingIdParams.extend({ benefit: BenefitCodeSchema });

export const SaSummaryQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  benefit: BenefitCodeSchema.optional(),
  status: BenefitStatusSchema.optional(),
  expiringWithin: z.enum(['30', '90']).optional(),
  sort: z.enum(SUMMARY_SORTS).default('organization'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const SaExportQuerySchema = SaSummaryQuerySchema.omit({ page: true, pageSize: true }).extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
});

export const SaSummaryRowSchema = BenefitSchema.extend({
  licensingId: z.uuid(),
  licensingNumber: z.string(),
  licensingName: z.string(),
  organization: z.string(),
  city: z.string().nullable(),
});

export const SaSummarySchema = z.object({
  asOf: z.string(),
  /** How many Licensing IDs the user may see the summary of: 0 is "no access", not "no benefits". */
  visibleLicensingIds: z.number().int(),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Over all matching rows, not just the page: the flags the page header shows. */
  expiring: z.object({ within90: z.number().int(), within30: z.number().int() }),
  items: z.array(SaSummaryRowSchema),
});

export const BenefitRuleSchema = z.object({
  benefit: BenefitCodeSchema,
  pools: z.array(PoolSchema).max(3).default([]),
  productCodes: z.array(z.string().trim().min(1).max(100)).max(500).default([]),
  perLicense: z.number().positive().max(1_000_000).nullable(),
});
export const BenefitRulesSchema = z.object({ rules: z.array(BenefitRuleSchema).max(500) });

/** R-SA-2: why the publisher sets or lifts HAR; audited and told to the customer's managers. */
export const HoldReasonSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .describe('why the benefit is held or released: mailed to the Licensing ID’s managers and audited'),
});

export const LicensingIdLookupQuerySchema = z.object({
  number: z.string().trim().min(1).max(40).describe('a Licensing ID number, or its beginning'),
});
export const LicensingIdMatchesSchema = z.object({
  items: z.array(BenefitLicensingIdSchema.extend({ programCode: z.string() })),
});

export const VoucherParams = LicensingIdParams.extend({ voucherId: z.uuid() });

export const VoucherAssignmentSchema = z.object({
  employeeName: z.string().trim().min(1).max(200),
  employeeEmail: Email.describe('the employee’s work e-mail address: the voucher is mailed there'),
  locale: LocaleSchema.describe('the language of the mail with the instructions'),
  days: z.number().int().min(1).max(10_000),
});

export const VoucherSchema = z.object({
  id: z.uuid(),
  voucherNumber: z.string(),
  days: z.number().int(),
  status: z.enum(VOUCHER_STATUSES),
  employeeName: z.string(),
  employeeEmail: z.string(),
  locale: LocaleSchema,
  assignedAt: z.string(),
  cancelledAt: z.string().nullable(),
  redeemedAt: z.string().nullable().describe('when a training provider redeemed it (R-SA-5)'),
  redeemedBy: z.string().nullable().describe('the name of the training provider that redeemed it'),
});
export const VouchersSchema = z.object({ vouchers: z.array(VoucherSchema) });

export const ElearningDomainSchema = z.object({
  domain: z.string().trim().min(1).max(253).describe('an e-mail domain such as contoso.com: addresses on it qualify'),
});
export const ElearningDomainParams = LicensingIdParams.extend({ domain: z.string().min(1).max(253) });

export const ElearningSetupSchema = z.object({
  domains: z.array(z.string()),
  accessCode: z.string().nullable().describe('shown only to those who manage the benefit'),
  hasAccessCode: z.boolean(),
  participants: z.number().int(),
});

export const ElearningRedeemSchema = z.object({ accessCode: z.string().trim().min(1).max(40) });
export const ElearningRedemptionSchema = z.object({
  organization: z.string(),
  email: z.string(),
  participantSince: z.string(),
  alreadyRedeemed: z.boolean(),
});

export const ElearningParticipantsQuery = z.object({
  domain: z.string().trim().max(253).optional().describe('only the participants whose address is on this domain'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: CursorParam.optional(),
});
export const ElearningParticipantParams = LicensingIdParams.extend({ participantId: z.uuid() });
export const ElearningParticipantSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  joinedAt: z.string().describe('when the employee redeemed the access code'),
});
export const ElearningParticipantsSchema = z.object({
  items: z.array(ElearningParticipantSchema),
  mayRemove: z.boolean().describe('whether I manage the benefit, so may remove participants'),
  nextCursor: z.string().nullable(),
});

export const BenefitUsersParams = LicensingIdParams.extend({ benefit: z.enum(BENEFITS_WITH_USERS) });
export const BenefitUserParams = BenefitUsersParams.extend({ userId: z.uuid() });
export const BenefitUserInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email: Email.describe('the user’s work e-mail address: the instructions are mailed there'),
  locale: LocaleSchema.describe('the language of the mailed instructions'),
});
export const BenefitUserSchema = BenefitUserInputSchema.extend({ id: z.uuid(), email: z.string(), addedAt: z.string() });
export const BenefitUsersSchema = z.object({ users: z.array(BenefitUserSchema) });
