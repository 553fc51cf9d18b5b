import type { Actor } from '../../platform/auth/actor.js';
import type { DbOrTx } from '../../platform/db/client.js';
import type { Locale } from '../../platform/i18n/locale.js';

export interface Recipient {
  userId: string;
  email: string;
  firstName: string;
  locale: Locale;
}

/**
 * What identity asks of the permissions module, which owns role grants. Permissions imports
 * identity (accounts, invitations), so identity cannot import permissions back: app.ts passes
 * these functions in. Each runs in the caller's transaction.
 */
export interface RoleGrants {
  /** R-ID-3: sets the user's active grants inactive until an address is confirmed; returns their ids. */
  holdForConfirmation(tx: DbOrTx, userId: string, now: Date): Promise<string[]>;
  /** R-ID-3: activates the held grants, except where the person was deactivated since (R-PERM-7); returns their ids. */
  releaseHeld(tx: DbOrTx, held: { userId: string; grantIds: readonly string[]; now: Date }): Promise<string[]>;
  /** R-PERM-12: 404 unless the user is listed in the actor's Manage Users (a role, once or now, on a Licensing ID they administer). */
  assertListed(tx: DbOrTx, actor: Actor, userId: string): Promise<void>;
  /** The organization's own Administrators: who is told when its sign-in or directory settings change. */
  organizationAdministrators(tx: DbOrTx, organizationId: string): Promise<Recipient[]>;
}
