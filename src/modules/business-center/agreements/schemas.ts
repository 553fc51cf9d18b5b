import { z } from 'zod';
import { LIFECYCLE_STATUSES, PROGRAM_CODES } from '../../relationship/rules.js';
import { SALES_PACKAGE_STATUSES } from './rules.js';

const Day = z.iso.date();
const Text = (max: number) => z.string().trim().min(1).max(max);

export const SalesPackageParams = z.object({ salesPackageId: z.uuid() });
export const AccountSalesPackageParams = z.object({ purchasingAccountId: z.uuid(), salesPackageId: z.uuid() });
export const AccountAgreementParams = z.object({ purchasingAccountId: z.uuid(), agreementId: z.uuid() });

export const TermsSchema = z.object({
  program: z.enum(PROGRAM_CODES),
  startDate: Day,
  lines: z
    .array(z.object({ product: Text(200), quantity: z.number().int().min(1).max(1_000_000) }))
    .max(100)
    .default([]),
  offer: z.string().trim().max(10_000).nullable().default(null),
});

export const NewSalesPackageSchema = z.object({
  purchasingAccountId: z.uuid(),
  title: Text(200),
  terms: TermsSchema,
});
export const EditSalesPackageSchema = NewSalesPackageSchema.omit({ purchasingAccountId: true });

const FileRecord = z.object({ sha256: z.string().describe('lower-case hex') });

export const SalesPackageSchema = z.object({
  id: z.uuid(),
  number: z.string().describe('SP-000001'),
  title: z.string(),
  status: z.enum(SALES_PACKAGE_STATUSES),
  terms: TermsSchema,
  account: z.object({ id: z.uuid(), number: z.string(), name: z.string() }),
  partner: z.object({ id: z.uuid(), name: z.string() }),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  withdrawnAt: z.iso.datetime().nullable(),
  document: FileRecord.nullable().describe('the generated PDF, once sent'),
  signature: z
    .object({
      via: z.enum(['ELECTRONIC', 'PAPER']),
      signedAt: z.iso.datetime(),
      signerName: z.string().nullable().describe('the typed full name (electronic) or the uploader’s name (paper)'),
      signerEmail: z.string().nullable(),
      consentVersion: z.string().nullable(),
      ipAddress: z.string().nullable(),
      userAgent: z.string().nullable(),
      documentSha256: z.string().nullable().describe('the SHA-256 of the exact document signed'),
      signedCopy: FileRecord,
    })
    .nullable(),
});
export type SalesPackageView = z.infer<typeof SalesPackageSchema>;
export const SalesPackageListSchema = z.object({ items: z.array(SalesPackageSchema) });

export const SignSalesPackageSchema = z.object({
  fullName: z.string().trim().max(200),
  consent: z.boolean(),
});

export const VerificationSchema = z.object({
  document: z.object({ recorded: z.string(), actual: z.string().nullable(), matches: z.boolean() }).nullable(),
  signedCopy: z.object({ recorded: z.string(), actual: z.string().nullable(), matches: z.boolean() }).nullable(),
  verified: z.boolean().describe('every stored file matches its recorded SHA-256'),
});

export const ServedAccountListSchema = z.object({
  items: z.array(z.object({ id: z.uuid(), number: z.string(), name: z.string(), organizationName: z.string() })),
});

export const AgreementQuery = z.object({
  accountName: z.string().trim().max(200).optional(),
  accountNumber: z.string().trim().max(50).optional(),
  agreementNumber: z.string().trim().max(50).optional(),
  startFrom: Day.optional(),
  startTo: Day.optional(),
  status: z.enum(LIFECYCLE_STATUSES).optional(),
  location: z.string().trim().max(100).optional().describe('the purchasing account’s city or country'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type AgreementFilter = z.infer<typeof AgreementQuery>;

export const AgreementSchema = z.object({
  id: z.uuid().describe('the Licensing ID’s id'),
  number: z.string(),
  name: z.string().nullable(),
  programCode: z.string(),
  status: z.enum(LIFECYCLE_STATUSES),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  anniversaryMonth: z.number().int().nullable(),
  account: z.object({ id: z.uuid(), number: z.string(), name: z.string(), city: z.string(), country: z.string() }),
});
export const AgreementPageSchema = z.object({ items: z.array(AgreementSchema), total: z.number().int() });

export const AnniversaryMonthSchema = z.object({ month: z.number().int().min(1).max(12) });

export const AccountProfileSchema = z
  .object({
    address: z
      .object({
        line1: Text(200),
        line2: z.string().trim().max(200).nullable(),
        postalCode: Text(20),
        city: Text(100),
        country: z
          .string()
          .trim()
          .regex(/^[A-Z]{2}$/),
      })
      .optional(),
    contact: z.object({ name: Text(200), email: z.email().max(254) }).optional(),
  })
  .refine((p) => p.address !== undefined || p.contact !== undefined, { message: 'address or contact' });
