import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../../platform/http/guard.js';
import type { ModuleDeps, ModuleRoutes } from '../../../../platform/module.js';
import { UserDetailSchema } from '../../schemas.js';
import { createUserAccountActions } from './service.js';

const UserParams = z.object({ userId: z.uuid() });
const Name = z.string().trim().min(1).max(100);
const Refusal = z.enum(['ACCOUNT_OF_ANOTHER_ORGANIZATION', 'USER_NOT_REGISTERED', 'ACCOUNT_NOT_ACTIVE', 'SSO_ACCOUNT']);

/**
 * Manage Users: an Administrator's help with a user's account. Like the other Manage Users routes
 * the action is `users.manage`, and the service answers 404 for a user outside the Licensing IDs
 * the actor administers.
 */
export function userAccountModule(deps: ModuleDeps): ModuleRoutes {
  const accounts = createUserAccountActions(deps);
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/users/:userId/account',
      {
        config: { action: 'users.manage', target: 'service' },
        schema: {
          tags: ['manage-users'],
          summary: 'Whether I may send the user a password reset link or correct their name, and if not, why (a problem code)',
          params: UserParams,
          response: {
            200: z.object({
              passwordReset: Refusal.nullable(),
              nameCorrection: z.literal('ACCOUNT_OF_ANOTHER_ORGANIZATION').nullable(),
              resetLinkMinutes: z.number().int(),
            }),
          },
        },
      },
      async (req) => accounts.accountActions(actorOf(req), req.params.userId),
    );

    app.post(
      '/users/:userId/password-reset',
      {
        config: { action: 'users.manage', target: 'service' },
        schema: {
          tags: ['manage-users'],
          summary: 'Mail the user a single-use link to choose a new password; I see neither the link nor the password',
          params: UserParams,
          response: { 202: z.object({ sentTo: z.string(), expiresAt: z.date() }) },
        },
      },
      async (req, reply) => reply.status(202).send(await accounts.sendPasswordReset(actorOf(req), req.params.userId)),
    );

    app.patch(
      '/users/:userId/name',
      {
        config: { action: 'users.manage', target: 'service' },
        schema: {
          tags: ['manage-users'],
          summary: 'Correct the first and last name of a user of my organization; the user is mailed',
          params: UserParams,
          body: z.object({ firstName: Name, lastName: Name }),
          response: { 200: UserDetailSchema },
        },
      },
      async (req) => accounts.correctName(actorOf(req), req.params.userId, req.body),
    );
  };
}
