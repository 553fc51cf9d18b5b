import { z } from 'zod';
import { ROLES } from '../../platform/authz/roles.js';
import { CursorParam } from '../../platform/http/cursor.js';
import { Email, LocaleSchema } from '../identity/schemas.js';
import {
  AgreementKindSchema,
  LicensingIdDetailSchema,
  LicensingIdKindSchema,
  LifecycleStatusSchema,
  ProgramCodeSchema,
} from '../relationship/schemas.js';
import { GROUP_ROLES, ROLE_GROUPS } from './role-groups.js';
import { REQUEST_STATUSES } from './rules.js';

export const RoleSchema = z.enum(ROLES);
const GroupRoleSchema = z.enum(GROUP_ROLES as [keyof typeof ROLE_GROUPS, ...(keyof typeof ROLE_GROUPS)[]]);

/** A role set to assign or request: at least one role, each once. */
const RolesInput = z
  .array(RoleSchema)
  .min(1)
  .max(ROLES.length)
  .refine((roles) => new Set(roles).size === roles.length, 'each role once');

const duties = <T extends readonly [string, ...string[]]>(all: T) =>
  z
    .array(z.enum(all))
    .min(1)
    .max(all.length)
    .refine((xs) => new Set(xs).size === xs.length, 'each sub-role once');

/** R-PERM-8: a group left out is "All"; a group listed is narrowed to the duties given. Unknown groups or duties are refused. */
const SubRolesInput = z.strictObject({
  SA_MANAGER: duties(ROLE_GROUPS.SA_MANAGER).optional(),
  ONLINE_SERVICES_MANAGER: duties(ROLE_GROUPS.ONLINE_SERVICES_MANAGER).optional(),
  SUBSCRIPTIONS_MANAGER: duties(ROLE_GROUPS.SUBSCRIPTIONS_MANAGER).optional(),
});

const assignment = {
  roles: RolesInput,
  subRoles: SubRolesInput.optional(),
  /** R-PERM-9: lets this Online Services Manager place online reservations on this enrollment. */
  manageReservation: z.boolean().default(false),
};

function checkAssignment(a: { roles: string[]; subRoles?: object; manageReservation: boolean }, ctx: z.RefinementCtx) {
  for (const group of Object.keys(a.subRoles ?? {})) {
    if (!a.roles.includes(group)) ctx.addIssue({ code: 'custom', path: ['subRoles', group], message: 'sub-roles of a role not assigned' });
  }
  if (a.manageReservation && !a.roles.includes('ONLINE_SERVICES_MANAGER')) {
    ctx.addIssue({ code: 'custom', path: ['manageReservation'], message: 'only for an Online Services Manager' });
  }
}

/** What an Administrator assigns on one Licensing ID (R-PERM-7, R-PERM-8, R-PERM-9). */
export const AssignmentInput = z.object(assignment).superRefine(checkAssignment);
export type AssignmentInput = z.infer<typeof AssignmentInput>;

/** The same roles on many Licensing IDs at once: copying one Licensing ID's roles to others (R-PERM-7). */
export const BulkAssignmentInput = z
  .object({
    licensingIds: z
      .array(z.uuid())
      .min(1)
      .max(500)
      .refine((xs) => new Set(xs).size === xs.length, 'each Licensing ID once'),
    ...assignment,
  })
  .superRefine(checkAssignment);

const SubRolesOut = z.object({
  SA_MANAGER: z.array(z.string()).optional(),
  ONLINE_SERVICES_MANAGER: z.array(z.string()).optional(),
  SUBSCRIPTIONS_MANAGER: z.array(z.string()).optional(),
});

/** What a user holds on a Licensing ID. A held group role missing from `subRoles` has "All". */
const HoldingFields = {
  roles: z.array(RoleSchema),
  subRoles: SubRolesOut,
  manageReservation: z.boolean(),
};

const Refusal = z.enum(['NOTICES_CORRESPONDENT', 'PRIMARY_CONTACT', 'INHERITED', 'LICENSING_ID_EXPIRED', 'LAST_ADMINISTRATOR']);

export const MyPermissionSchema = LicensingIdDetailSchema.extend({
  ...HoldingFields,
  /** The user may drop this Licensing ID from their own set; otherwise `reason` says why not. */
  removable: z.boolean(),
  reason: Refusal.nullable(),
  /** The user is its only Administrator: the portal asks them to add an alternate (R-PERM-3). */
  soleAdministrator: z.boolean(),
});

export const MyPermissionsSchema = z.object({ email: z.string(), items: z.array(MyPermissionSchema) });

/** A user's standing within the Licensing IDs the actor administers. */
const UserStatusSchema = z.enum(['active', 'inactive', 'invited']);

export const UserListItemSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  status: UserStatusSchema,
  /** How many of the actor's Licensing IDs the user holds roles on now. */
  activeLicensingIds: z.number().int(),
});

export const UserListSchema = z.object({ items: z.array(UserListItemSchema), nextCursor: z.string().nullable() });

const LicensingIdRef = z.object({
  id: z.uuid(),
  number: z.string(),
  name: z.string(),
  programCode: z.string(),
  kind: LicensingIdKindSchema,
  status: LifecycleStatusSchema,
});

export const UserPermissionSchema = z.object({
  licensingId: LicensingIdRef,
  /** Empty once removed: a removed user stays listed with no permissions (R-PERM-7). */
  ...HoldingFields,
  /** The actor may remove this Licensing ID from the user; otherwise `reason` says why not. */
  removable: z.boolean(),
  reason: Refusal.nullable(),
});

export const UserDetailSchema = UserListItemSchema.extend({ permissions: z.array(UserPermissionSchema) });

export const Name = z.string().trim().min(1).max(100);
export const LicensingIdParams = z.object({ licensingId: z.uuid() });

export const AddUserBody = z.object({
  email: Email,
  firstName: Name,
  lastName: Name,
  /** The language of the invitation and later mails; the inviting Administrator's when absent. */
  locale: LocaleSchema.optional(),
  grants: z
    .array(z.object({ licensingId: z.uuid(), ...assignment }).superRefine(checkAssignment))
    .min(1)
    .max(500)
    .refine((gs) => new Set(gs.map((g) => g.licensingId)).size === gs.length, 'each Licensing ID once'),
});
export type AddUserBody = z.infer<typeof AddUserBody>;

export const AddedUserSchema = UserDetailSchema.extend({ warnings: z.array(z.enum(['SHARED_MAILBOX'])) });

export const DeactivatedUserSchema = UserDetailSchema.extend({
  /** Licensing IDs the user keeps, and why: contacts, inheritance, expired Licensing IDs. */
  retained: z.array(z.object({ licensingId: z.uuid(), reason: Refusal })),
  /**
   * R-ID-6: the person was the organization's own and holds no role anywhere any more: their
   * sessions and API tokens ended, and they cannot sign in until reactivated.
   */
  accountClosed: z.boolean(),
});

/** Keyset position in the user list: the last row's e-mail (lower case) and id. */
export const UserListPosition = z.tuple([z.string().max(254), z.uuid()]);

export const UserListQuery = z.object({
  email: z.string().trim().max(254).optional(),
  status: z.enum(['active', 'inactive', 'invited', 'all']).default('all'),
  licensingId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: CursorParam.optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const RoleGroupsSchema = z.object({
  groups: z.array(z.object({ role: GroupRoleSchema, subRoles: z.array(z.string()) })),
});

export const InheritanceSchema = z.object({
  agreement: z.object({
    id: z.uuid(),
    number: z.string(),
    kind: AgreementKindSchema,
    programCode: z.string().nullable(),
  }),
  /** The user's contact roles on the agreement. */
  contactTypes: z.array(z.enum(['NOTICES_CORRESPONDENT', 'PRIMARY_CONTACT'])),
  /** Administrator of the children (true unless the user opted out); Licensing Info Viewer either way. */
  optedIn: z.boolean(),
  decidedAt: z.date().nullable(),
  childLicensingIds: z.number().int(),
});

export const PermissionRequestBody = z
  .object({
    programCode: ProgramCodeSchema,
    /** The enrollment, agreement or license number. */
    number: z.string().trim().min(1).max(40),
    /** Open License only: its authorization number. */
    authorizationNumber: z.string().trim().min(1).max(40).optional(),
    roles: RolesInput,
    subRoles: SubRolesInput.optional(),
    comment: z.string().trim().max(2000).optional(),
  })
  .superRefine((r, ctx) => {
    for (const group of Object.keys(r.subRoles ?? {}) as (keyof typeof ROLE_GROUPS)[]) {
      if (!r.roles.includes(group))
        ctx.addIssue({ code: 'custom', path: ['subRoles', group], message: 'sub-roles of a role not requested' });
    }
  });
export type PermissionRequestBody = z.infer<typeof PermissionRequestBody>;

/**
 * A permission request. The requester sees their own without the Licensing ID's id and name (it
 * may belong to someone else until accepted) and never who decided (R-PERM-6).
 */
export const PermissionRequestSchema = z.object({
  id: z.uuid(),
  /** The number people quote. */
  number: z.number().int(),
  licensingId: z.object({ id: z.uuid().nullable(), number: z.string(), name: z.string().nullable(), programCode: z.string() }),
  requester: z.object({ id: z.uuid(), email: z.string(), firstName: z.string(), lastName: z.string() }),
  roles: z.array(RoleSchema),
  subRoles: SubRolesOut,
  comment: z.string().nullable(),
  status: z.enum(REQUEST_STATUSES),
  createdAt: z.date(),
  decidedAt: z.date().nullable(),
  decisionNote: z.string().nullable(),
});

export const PermissionRequestQuery = z.object({
  /** `true`: the actor's own requests. Otherwise the requests on Licensing IDs the actor administers. */
  mine: z.enum(['true', 'false']).default('false'),
  status: z.enum(['PENDING', 'ACCEPTED', 'DENIED', 'ALL']).default('PENDING'),
});

export const DecisionBody = z.object({
  decision: z.enum(['ACCEPT', 'DENY']),
  note: z.string().trim().max(2000).optional(),
});

// Named components of the OpenAPI document: the portal's generated types use these names.
z.globalRegistry.add(MyPermissionSchema, { id: 'MyPermission' });
z.globalRegistry.add(UserListItemSchema, { id: 'UserListItem' });
z.globalRegistry.add(UserDetailSchema, { id: 'UserDetail' });
z.globalRegistry.add(InheritanceSchema, { id: 'Inheritance' });
z.globalRegistry.add(PermissionRequestSchema, { id: 'PermissionRequest' });
