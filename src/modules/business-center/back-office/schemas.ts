import { z } from 'zod';
import { CursorParam } from '../../../platform/http/cursor.js';
import { Email } from '../../identity/schemas.js';

const Text = (max: number) => z.string().trim().min(1).max(max);

export const AddressSchema = z.object({
  line1: Text(200),
  line2: z.string().trim().max(200).nullable().default(null),
  postalCode: Text(20),
  city: Text(100),
  country: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}$/)
    .describe('ISO 3166-1 alpha-2'),
});

export const ContactSchema = z.object({ name: Text(200), email: Email });

export const NewPurchasingAccountBody = z.object({
  organizationId: z.uuid().describe('the customer organization owning the account'),
  number: z
    .string()
    .trim()
    .regex(/^[0-9]{6,12}$/)
    .describe('the purchasing account number, unique'),
  name: Text(200),
  address: AddressSchema,
  contact: ContactSchema,
  partnerOrganizationId: z.uuid().nullable().default(null).describe('the channel partner serving the account'),
  administratorEmail: Email.describe('an existing user of the organization: the first Account administrator'),
});
export type NewPurchasingAccountBody = z.infer<typeof NewPurchasingAccountBody>;

export const PurchasingAccountPatch = z
  .object({
    name: Text(200),
    address: AddressSchema,
    contact: ContactSchema,
    partnerOrganizationId: z.uuid().nullable(),
  })
  .partial();
export type PurchasingAccountPatch = z.infer<typeof PurchasingAccountPatch>;

export const LinkedLicensingIdsBody = z.object({
  licensingIds: z.array(z.uuid()).max(500).describe('every Licensing ID bought through the account after the change (the full set)'),
});

export const BackOfficeAccountQuery = z.object({
  q: z.string().trim().max(200).optional().describe('part of the number, the name or the organization’s name'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: CursorParam.optional(),
});
export type BackOfficeAccountQuery = z.infer<typeof BackOfficeAccountQuery>;

/** A page position: the last row's number and id. */
export const BackOfficeAccountPosition = z.tuple([z.string(), z.uuid()]);

const Party = z.object({ id: z.uuid(), name: z.string() });

export const BackOfficeAccountSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  name: z.string(),
  organization: Party,
  partner: Party.nullable(),
  address: z.object({ line1: z.string(), line2: z.string().nullable(), postalCode: z.string(), city: z.string(), country: z.string() }),
  contact: z.object({ name: z.string(), email: z.string() }),
  licensingIds: z.array(z.object({ id: z.uuid(), number: z.string(), name: z.string().nullable() })),
  administrators: z.array(z.string()).describe('e-mail addresses of its Account administrators'),
});
export type BackOfficeAccount = z.infer<typeof BackOfficeAccountSchema>;

export const BackOfficeAccountsSchema = z.object({ items: z.array(BackOfficeAccountSchema), nextCursor: z.string().nullable() });

export const BackOfficeAccountDetailSchema = BackOfficeAccountSchema.extend({
  candidates: z
    .array(
      z.object({
        id: z.uuid(),
        number: z.string(),
        name: z.string().nullable(),
        purchasingAccount: z.string().nullable().describe('the number of the account it belongs to, if any'),
      }),
    )
    .describe('the organization’s Licensing IDs, each with the account it is linked to'),
});

export const ChannelPartnersSchema = z.object({ partners: z.array(Party) });
