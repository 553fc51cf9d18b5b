import { z } from 'zod';
import { CursorParam } from '../../../platform/http/cursor.js';
import { Email } from '../../identity/schemas.js';
import { AccountRoleSchema } from '../schemas.js';

export const AccountUserParams = z.object({ purchasingAccountId: z.uuid(), userId: z.uuid() });

export const AccountUserStatusSchema = z
  .enum(['active', 'invited', 'deactivated'])
  .describe('invited until they register; deactivated when their account is closed or removed');

export const AccountUserListQuery = z.object({
  email: z.string().trim().max(254).optional().describe('part of the contact e-mail address'),
  status: z.enum(['active', 'invited', 'deactivated', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: CursorParam.optional(),
});
export type AccountUserListQuery = z.infer<typeof AccountUserListQuery>;

/** A page position: the last row's lower-case e-mail and id. */
export const AccountUserListPosition = z.tuple([z.string(), z.uuid()]);

export const AccountUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  status: AccountUserStatusSchema,
  roles: z.array(AccountRoleSchema).describe('the user’s business-center roles on the account (R-PERM-14)'),
});
export type AccountUser = z.infer<typeof AccountUserSchema>;

export const AccountUsersSchema = z.object({
  items: z.array(AccountUserSchema),
  nextCursor: z.string().nullable(),
  grantable: z.array(AccountRoleSchema).describe('the roles the caller may give or take away (their grant ceiling)'),
});

const Roles = z
  .array(AccountRoleSchema)
  .min(1)
  .max(6)
  .refine((r) => new Set(r).size === r.length, 'a role is listed twice');

export const AddAccountUserBody = z.object({
  email: Email,
  firstName: z.string().trim().max(100).default(''),
  lastName: z.string().trim().max(100).default(''),
  roles: Roles,
});
export type AddAccountUserBody = z.infer<typeof AddAccountUserBody>;

export const SetAccountRolesBody = z.object({ roles: Roles.describe('the full set of roles the user holds after the change') });
