import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/guard.js';
import type { createBenefitUsers } from './benefit-users.js';
import { BenefitUserInputSchema, BenefitUserParams, BenefitUserSchema, BenefitUsersParams, BenefitUsersSchema } from './schemas.js';

const tags = ['software-assurance'];

/** R-SA-6: the named users of a benefit that has them; each change under `sa.manage` on the Licensing ID. */
export function benefitUserRoutes(fastify: FastifyInstance, benefitUsers: ReturnType<typeof createBenefitUsers>) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const users = '/licensing-ids/:licensingId/sa-benefits/:benefit/users';
  app.get(
    users,
    {
      config: { action: 'sa.view', target: 'params.licensingId' },
      schema: {
        tags,
        summary: 'The named users of a benefit that has them (Home Use Program), by name (R-SA-6)',
        params: BenefitUsersParams,
        response: { 200: BenefitUsersSchema },
      },
    },
    async (req) => ({ users: await benefitUsers.list(req.params.licensingId, req.params.benefit) }),
  );

  app.post(
    users,
    {
      config: { action: 'sa.manage', target: 'params.licensingId' },
      schema: {
        tags,
        summary:
          'Add a user to the Activated benefit: takes one unit, never more than remain (SA_NOT_ENOUGH_REMAINING); the user is mailed instructions in the chosen language (R-SA-6, R-PERM-8)',
        params: BenefitUsersParams,
        body: BenefitUserInputSchema,
        response: { 201: BenefitUserSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await benefitUsers.add(actorOf(req), req.params.licensingId, req.params.benefit, req.body)),
  );

  app.put(
    `${users}/:userId`,
    {
      config: { action: 'sa.manage', target: 'params.licensingId' },
      schema: {
        tags,
        summary: 'Edit a benefit user’s name, address or language; a new address is mailed the instructions (R-SA-6)',
        params: BenefitUserParams,
        body: BenefitUserInputSchema,
        response: { 200: BenefitUserSchema },
      },
    },
    async (req) => benefitUsers.edit(actorOf(req), req.params.licensingId, req.params.benefit, req.params.userId, req.body),
  );

  app.delete(
    `${users}/:userId`,
    {
      config: { action: 'sa.manage', target: 'params.licensingId' },
      schema: {
        tags,
        summary: 'Delete a benefit user: their unit returns to the benefit (R-SA-6)',
        params: BenefitUserParams,
        response: { 204: z.null().describe('deleted') },
      },
    },
    async (req, reply) => {
      await benefitUsers.remove(actorOf(req), req.params.licensingId, req.params.benefit, req.params.userId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${users}/:userId/resend`,
    {
      config: { action: 'sa.manage', target: 'params.licensingId' },
      schema: {
        tags,
        summary: 'Mail a benefit user the instructions again, in their language (R-SA-6)',
        params: BenefitUserParams,
        response: { 200: BenefitUserSchema },
      },
    },
    async (req) => benefitUsers.resend(actorOf(req), req.params.licensingId, req.params.benefit, req.params.userId),
  );
}
