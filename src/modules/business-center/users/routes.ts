import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/http/guard.js';
import type { ModuleDeps, ModuleRoutes } from '../../../platform/module.js';
import { AccountParams } from '../schemas.js';
import {
  AccountUserListQuery,
  AccountUserParams,
  AccountUserSchema,
  AccountUsersSchema,
  AddAccountUserBody,
  SetAccountRolesBody,
} from './schemas.js';
import { createAccountUsersService } from './service.js';

const tags = ['business-center'];

/** R-PERM-14: the purchasing account's users and their roles, managed by holders of `account.users`. */
export function accountUsersModule({ db, config, clock }: ModuleDeps): ModuleRoutes {
  const users = createAccountUsersService({ db, config, clock });
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/purchasing-accounts/:purchasingAccountId/users',
      {
        config: { action: 'account.users', target: 'params.purchasingAccountId' },
        schema: {
          tags,
          summary: 'The purchasing account’s users with their roles, by e-mail; searched, filtered by status, paged (R-PERM-14)',
          params: AccountParams,
          querystring: AccountUserListQuery,
          response: { 200: AccountUsersSchema },
        },
      },
      async (req) => users.list(actorOf(req), req.params.purchasingAccountId, req.query),
    );

    app.post(
      '/purchasing-accounts/:purchasingAccountId/users',
      {
        config: { action: 'account.users', target: 'params.purchasingAccountId' },
        schema: {
          tags,
          summary:
            'Add a user of the account’s organization with roles; an address without an account is invited by mail (ACCOUNT_USER_EXISTS, ACCOUNT_USER_OF_ANOTHER_ORGANIZATION, ACCOUNT_ROLE_NOT_GRANTABLE, PERSONAL_ACCOUNT) (R-PERM-14)',
          params: AccountParams,
          body: AddAccountUserBody,
          response: { 201: AccountUserSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await users.add(actorOf(req), req.params.purchasingAccountId, req.body)),
    );

    app.get(
      '/purchasing-accounts/:purchasingAccountId/users/:userId',
      {
        config: { action: 'account.users', target: 'params.purchasingAccountId' },
        schema: {
          tags,
          summary: 'One user of the purchasing account with their roles (404 for someone holding none) (R-PERM-14)',
          params: AccountUserParams,
          response: { 200: AccountUserSchema },
        },
      },
      async (req) => users.get(req.params.purchasingAccountId, req.params.userId),
    );

    app.put(
      '/purchasing-accounts/:purchasingAccountId/users/:userId/roles',
      {
        config: { action: 'account.users', target: 'params.purchasingAccountId' },
        schema: {
          tags,
          summary:
            'Set the user’s full set of roles on the account; mailed to them (ACCOUNT_LAST_ADMINISTRATOR, ACCOUNT_ROLE_NOT_GRANTABLE) (R-PERM-14)',
          params: AccountUserParams,
          body: SetAccountRolesBody,
          response: { 200: AccountUserSchema },
        },
      },
      async (req) => users.setRoles(actorOf(req), req.params.purchasingAccountId, req.params.userId, req.body.roles),
    );

    app.delete(
      '/purchasing-accounts/:purchasingAccountId/users/:userId/roles',
      {
        config: { action: 'account.users', target: 'params.purchasingAccountId' },
        schema: {
          tags,
          summary:
            'Revoke every role of the user on the account; mailed to them (ACCOUNT_LAST_ADMINISTRATOR, ACCOUNT_ROLE_NOT_GRANTABLE) (R-PERM-14)',
          params: AccountUserParams,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await users.revoke(actorOf(req), req.params.purchasingAccountId, req.params.userId);
        return reply.code(204).send(null);
      },
    );
  };
}
