import type { Role } from '../../../platform/authz/roles.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import type { Recipient } from '../../identity/role-grants.js';

export interface GrantChange {
  userId: string;
  licensingId: string;
  role: Role;
}

/**
 * What onboarding asks of the partners module, which owns who is partner of record (R-REL-6): the
 * partners module imports relationship, so app.ts (and the CLI) pass it in. Runs in the caller's transaction.
 */
export interface PartnerRecords {
  /** Makes each partner the channel partner of record of its Licensing IDs. */
  record(tx: DbOrTx, assignments: readonly { licensingIds: readonly string[]; partnerOrganizationId: string }[], now: Date): Promise<void>;
}

/**
 * What onboarding asks of the permissions module, which owns role grants. Permissions imports
 * relationship, so relationship cannot import permissions back: app.ts (and the CLI) pass these
 * in. Each runs in the caller's transaction.
 */
export interface ContactGrants {
  /** R-REL-6: the contacts' roles on these Licensing IDs brought in line with the contact rows. */
  sync(tx: DbOrTx, licensingIds: readonly string[]): Promise<{ granted: GrantChange[]; revoked: GrantChange[] }>;
  /** Every role on the Licensing ID ends (it changed hands). */
  endAll(tx: DbOrTx, licensingId: string): Promise<number>;
  /** Who is told of a change to the Licensing ID. */
  administrators(tx: DbOrTx, licensingId: string): Promise<Recipient[]>;
}

/** Everything onboarding asks of other modules. */
export interface OnboardingPorts {
  grants: ContactGrants;
  partners: PartnerRecords;
}
