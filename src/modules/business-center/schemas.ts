import { z } from 'zod';
import { ACCOUNT_ROLES } from '../../platform/authz/account-actions.js';

export const AccountParams = z.object({ purchasingAccountId: z.uuid() });

export const AccountRoleSchema = z.enum(ACCOUNT_ROLES);

export const PurchasingAccountSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  name: z.string(),
  address: z.object({
    line1: z.string(),
    line2: z.string().nullable(),
    postalCode: z.string(),
    city: z.string(),
    country: z.string().describe('ISO 3166-1 alpha-2'),
  }),
  contact: z.object({ name: z.string(), email: z.string() }),
  partner: z.object({ id: z.uuid(), name: z.string() }).nullable().describe('the channel partner serving the account'),
  roles: z.array(AccountRoleSchema).describe('the caller’s business-center roles on the account (R-PERM-14)'),
  licensingIdCount: z.number().int().describe('agreements (Licensing IDs) bought through the account'),
});
export type PurchasingAccount = z.infer<typeof PurchasingAccountSchema>;

export const PurchasingAccountsSchema = z.object({
  accounts: z.array(PurchasingAccountSchema),
  chosen: z.uuid().nullable().describe('R-BC-1: the only account when there is exactly one (chosen automatically), else null'),
});

export const AccountLicensingIdsSchema = z.object({
  licensingIds: z.array(
    z.object({
      id: z.uuid(),
      number: z.string(),
      name: z.string().nullable(),
      programCode: z.string(),
      status: z.string(),
      startDate: z.string().nullable(),
      endDate: z.string().nullable(),
    }),
  ),
});
