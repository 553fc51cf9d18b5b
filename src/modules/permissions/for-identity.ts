import { visibleLicensingIds } from '../../platform/authz/scope.js';
import type { RoleGrants } from '../identity/role-grants.js';
import { organizationAdministrators } from './admins.js';
import { holdForConfirmation, releaseHeld } from './confirmation.js';
import { assertListed } from './users/query.js';

/** The role-grant functions identity is given where app.ts wires the modules (identity cannot import permissions). */
export const roleGrantsForIdentity: RoleGrants = {
  holdForConfirmation,
  releaseHeld,
  assertListed: async (tx, actor, userId) => assertListed(tx, await visibleLicensingIds(tx, actor, 'users.manage'), userId),
  organizationAdministrators,
};
