import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../../platform/http/guard.js';
import type { ModuleDeps, ModuleRoutes } from '../../../platform/module.js';
import { DelegationListSchema, DelegationParams, DelegationSchema, RequestDelegationSchema } from './schemas.js';
import { createDelegationService } from './service.js';

/**
 * R-SA-7, partner permission to manage benefits. The partner's side (`partner`) is scoped to its
 * organization's requests; the customer's (`partner.change`: its Administrators, who also choose
 * its partner) to the requests naming a Licensing ID they administer. Another side's request is 404.
 */
export function benefitDelegationModule(deps: ModuleDeps): ModuleRoutes {
  const delegations = createDelegationService(deps);
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['benefit-delegation'];
    const partner = { action: 'partner' } as const;
    const customer = { action: 'partner.change', target: 'service' } as const;

    app.post(
      '/partner/benefit-delegations',
      {
        config: partner,
        schema: {
          tags,
          summary:
            'R-SA-7: ask a customer to let us manage its benefits, for Licensing IDs of one customer we are channel partner of record of; its Administrators are mailed',
          body: RequestDelegationSchema,
          response: { 201: DelegationSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await delegations.request(actorOf(req), req.body)),
    );

    app.get(
      '/partner/benefit-delegations',
      {
        config: partner,
        schema: {
          tags,
          summary: 'Our requests and permissions to manage customers’ benefits, newest first',
          response: { 200: DelegationListSchema },
        },
      },
      async (req) => delegations.partnerList(actorOf(req)),
    );

    app.post(
      '/partner/benefit-delegations/:delegationId/withdraw',
      {
        config: partner,
        schema: {
          tags,
          summary: 'Withdraw our pending request; the customer’s Administrators are mailed',
          params: DelegationParams,
          response: { 200: DelegationSchema },
        },
      },
      async (req) => delegations.withdraw(actorOf(req), req.params.delegationId),
    );

    app.get(
      '/benefit-delegations',
      {
        config: { action: 'partner.change' },
        schema: {
          tags,
          summary: 'Partners’ requests and permissions to manage the benefits of Licensing IDs I administer, newest first',
          response: { 200: DelegationListSchema },
        },
      },
      async (req) => delegations.customerList(actorOf(req)),
    );

    for (const step of ['approve', 'deny', 'remove'] as const) {
      app.post(
        `/benefit-delegations/:delegationId/${step}`,
        {
          config: customer,
          schema: {
            tags,
            summary: {
              approve:
                'Approve a pending request (you must administer each of its Licensing IDs): the partner manages those benefits from now on; it is mailed',
              deny: 'Deny a pending request; the partner is mailed',
              remove: 'Remove an approved permission: it ends with the next request the partner makes; the partner is mailed',
            }[step],
            params: DelegationParams,
            response: { 200: DelegationSchema },
          },
        },
        async (req) => delegations.decide(actorOf(req), req.params.delegationId, step),
      );
    }
  };
}
