import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/http/guard.js';
import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';
import { accountLicensingIds, myAccount, myAccounts } from './accounts.js';
import { AccountLicensingIdsSchema, AccountParams, PurchasingAccountSchema, PurchasingAccountsSchema } from './schemas.js';

const tags = ['business-center'];

/** The business center: purchasing accounts and the caller's roles on them (R-BC-1, R-PERM-14). */
export function businessCenterModule({ db }: ModuleDeps): ModuleRoutes {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/purchasing-accounts',
      {
        config: { action: 'self' },
        schema: {
          tags,
          summary: 'The purchasing accounts on which the caller holds a business-center role; with exactly one it is chosen (R-BC-1)',
          response: { 200: PurchasingAccountsSchema },
        },
      },
      async (req) => myAccounts(db, actorOf(req)),
    );

    app.get(
      '/purchasing-accounts/:purchasingAccountId',
      {
        config: { action: 'self' },
        schema: {
          tags,
          summary: 'One of the caller’s purchasing accounts with their roles on it (404 for one they hold no role on)',
          params: AccountParams,
          response: { 200: PurchasingAccountSchema },
        },
      },
      async (req) => myAccount(db, actorOf(req), req.params.purchasingAccountId),
    );

    app.get(
      '/purchasing-accounts/:purchasingAccountId/licensing-ids',
      {
        config: { action: 'account.view', target: 'params.purchasingAccountId' },
        schema: {
          tags,
          summary: 'The agreements (Licensing IDs) bought through the purchasing account (account.view, R-PERM-14)',
          params: AccountParams,
          response: { 200: AccountLicensingIdsSchema },
        },
      },
      async (req) => accountLicensingIds(db, req.params.purchasingAccountId),
    );
  };
}
