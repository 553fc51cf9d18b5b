import type { Config } from '../../config.js';
import type { Actor } from '../../platform/auth/actor.js';
import { visibleLicensingIds } from '../../platform/authz/authorize.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/client.js';
import { createRelationshipService } from '../relationship/service.js';
import { createMyInheritance } from './my-inheritance.js';
import { createMyPermissions } from './my-permissions.js';
import { createPermissionRequests } from './permission-requests.js';
import { roleGroupCatalogue } from './role-groups.js';
import type { UserListQuery } from './schemas.js';
import { createUserChanges } from './users-change.js';
import { listUsers, userDetail } from './users-query.js';

export interface PermissionsDeps {
  db: Db;
  config: Config;
  clock: Clock;
}

/** My Permissions, Manage Users, role groups, permission requests and inheritance: the use-cases behind the routes. */
export function createPermissionsService({ db, config, clock }: PermissionsDeps) {
  const relationship = createRelationshipService({ db });
  // R-PERM-12: administration pages see only the Licensing IDs the actor administers.
  const adminScope = (actor: Actor) => visibleLicensingIds(db, actor, 'users.manage');
  return {
    ...createMyPermissions({ db, config, clock, relationship }),
    ...createMyInheritance({ db, config, clock }),
    ...createUserChanges({ db, config, clock }),
    ...createPermissionRequests({ db, config, clock }),
    listUsers: async (actor: Actor, q: UserListQuery) => listUsers(db, await adminScope(actor), q),
    getUser: async (actor: Actor, userId: string) => userDetail(db, await adminScope(actor), userId),
    roleGroups: () => ({ groups: roleGroupCatalogue() }),
  };
}

export type PermissionsService = ReturnType<typeof createPermissionsService>;
