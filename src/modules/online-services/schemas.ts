import { z } from 'zod';
import { Email } from '../identity/schemas.js';
import { isDomainName } from './rules.js';

const Name = z.string().trim().min(1).max(200);

export const ServiceSchema = z.object({
  productId: z.uuid(),
  code: z.string(),
  name: z.string(),
  activation: z
    .string()
    .describe('NONE (ordered before activation tracking), SCHEDULED, MAILED, CONTACT_MISSING, LINKED, AUTO_PROVISIONED or RENEWED'),
  recipientName: z.string().nullable(),
  recipientEmail: z.string().nullable(),
  mailedAt: z.string().nullable(),
  mailCount: z.number().int(),
  purchaseDate: z.string().nullable(),
  usageDate: z.string().nullable(),
  linkExpiresOn: z.string().nullable(),
  linkExpired: z.boolean(),
  subscription: z.enum(['ACTIVE', 'IN_GRACE', 'DEPROVISIONED']).nullable(),
  graceEndsOn: z.string().nullable(),
});

export const OnlineServicesOverviewSchema = z.object({
  enrollments: z.array(
    z.object({
      id: z.uuid(),
      number: z.string(),
      name: z.string(),
      programCode: z.string(),
      canManageContact: z.boolean(),
      subscriptionContact: z.object({ name: z.string(), email: z.string() }).nullable(),
      account: z
        .object({
          id: z.uuid(),
          name: z.string(),
          status: z.enum(['ACTIVE', 'PENDING']),
          how: z.string(),
          linkedAt: z.string(),
        })
        .nullable(),
      services: z.array(ServiceSchema),
    }),
  ),
});

export const ServiceParams = z.object({ licensingId: z.uuid(), productId: z.uuid() });
export const LicensingIdParams = z.object({ licensingId: z.uuid() });
export const TokenParams = z.object({ token: z.string().min(20).max(100) });
export const AccountParams = z.object({ accountId: z.uuid() });

export const ResendBodySchema = z.object({
  contact: z
    .object({ name: Name, email: Email })
    .optional()
    .describe('A new subscription contact; without it the mail goes to the one of record'),
});
export const ResendResultSchema = z.object({ to: z.array(z.string()) });

export const AccountChoiceSchema = z.union([
  z.object({ accountId: z.uuid() }).strict(),
  z
    .object({ newAccount: z.object({ name: Name, adminEmail: Email.optional() }) })
    .strict()
    .describe('A new account; its global administrator is the signed-in user, or adminEmail for someone holding the link'),
]);

export const AdministeredAccountSchema = z.object({ id: z.uuid(), name: z.string(), role: z.enum(['GLOBAL', 'BILLING']) });
export const MyAccountsSchema = z.object({ accounts: z.array(AdministeredAccountSchema) });

export const LinkInfoSchema = z.object({
  licensingId: z.object({ id: z.uuid(), number: z.string(), name: z.string(), open: z.boolean() }),
  service: z.string(),
  expiresOn: z.string(),
  expired: z.boolean(),
  linkedAccount: z.string().nullable(),
  accounts: z.array(AdministeredAccountSchema),
});

export const LinkedSchema = z.object({
  licensingId: z.uuid(),
  account: z.object({ id: z.uuid(), name: z.string() }),
  status: z.enum(['ACTIVE', 'PENDING']),
});

export const OsaKeyBodySchema = z.object({ key: z.string().trim().min(5).max(60), account: AccountChoiceSchema });

export const ConfirmedSchema = z.object({ licensingId: z.uuid(), status: z.literal('ACTIVE') });
export const DomainBodySchema = z.object({
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .refine(isDomainName, 'Not a domain name')
    .describe('A domain name (contoso.com); compared in lower case'),
});
export const DomainSchema = z.object({ accountId: z.uuid(), domain: z.string() });
export const DomainParams = z.object({
  licensingId: z.uuid(),
  domain: z.string().trim().toLowerCase().refine(isDomainName, 'Not a domain name'),
});
export const AccountDomainsSchema = z.object({
  account: z.object({ id: z.uuid(), name: z.string() }),
  domains: z.array(z.object({ domain: z.string(), verifiedAt: z.string() })),
});
export const AddOnBodySchema = z.object({ addOn: z.string().trim().min(1).max(100), base: z.string().trim().min(1).max(100) });
export const AddOnSchema = z.object({ addOn: z.string(), base: z.string() });
