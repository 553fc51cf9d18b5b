import { purchasingAccount, purchasingAccountLicensingId, purchasingAccountRole } from '../modules/business-center/tables.js';
import type { AccountRole } from '../platform/authz/account-actions.js';
import type { Tx } from '../platform/db/client.js';

type AccountSeed = Omit<typeof purchasingAccount.$inferInsert, 'id'> & {
  licensingIds: string[];
  roles: [userId: string, roles: AccountRole[]][];
};

/**
 * R-BC-1, R-PERM-14: purchasing accounts with agreements and users. Contoso buys through two, so its
 * Administrator chooses one; Fabrikam's has one, chosen for its user.
 */
export async function seedDemoPurchasingAccounts(tx: Tx, accounts: AccountSeed[]) {
  for (const { licensingIds, roles, ...values } of accounts) {
    const [account] = await tx.insert(purchasingAccount).values(values).returning({ id: purchasingAccount.id });
    if (!account) throw new Error('seed: purchasing account');
    if (licensingIds.length)
      await tx
        .insert(purchasingAccountLicensingId)
        .values(licensingIds.map((licensingId) => ({ purchasingAccountId: account.id, licensingId })));
    const grants = roles.flatMap(([userId, held]) => held.map((role) => ({ purchasingAccountId: account.id, userId, role })));
    if (grants.length) await tx.insert(purchasingAccountRole).values(grants);
  }
}
