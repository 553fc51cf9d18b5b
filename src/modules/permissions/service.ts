import type { Config } from '../../config.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/client.js';
import { createRelationshipService } from '../relationship/service.js';
import { createMyInheritance } from './inheritance/service.js';
import { createMyPermissions } from './my-permissions/service.js';
import { createPermissionRequests } from './requests/service.js';
import { roleGroupCatalogue } from './role-groups.js';
import { createUsersService } from './users/service.js';

export interface PermissionsDeps {
  db: Db;
  config: Config;
  clock: Clock;
}

/**
 * The use-cases behind the permissions routes, one named sub-service per page: My Permissions,
 * inheritance, Manage Users and permission requests. Named rather than spread into one object, so
 * two sub-services may use the same verb (`list`) and the routes say whose it is.
 */
export function createPermissionsService({ db, config, clock }: PermissionsDeps) {
  const relationship = createRelationshipService({ db });
  return {
    myPermissions: createMyPermissions({ db, config, clock, relationship }),
    inheritance: createMyInheritance({ db, config, clock }),
    users: createUsersService({ db, config, clock }),
    requests: createPermissionRequests({ db, config, clock }),
    roleGroups: () => ({ groups: roleGroupCatalogue() }),
  };
}

export type PermissionsService = ReturnType<typeof createPermissionsService>;
