import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../../platform/http/guard.js';
import type { ModuleDeps, ModuleRoutes } from '../../../platform/module.js';
import { AccountParams } from '../schemas.js';
import {
  PlansSchema,
  PriceBodySchema,
  PriceParams,
  PriceSchema,
  RequestParams,
  SelfProvisioningBodySchema,
  SelfProvisioningListSchema,
  SelfProvisioningRequestSchema,
} from './schemas.js';
import { createSelfProvisioning } from './service.js';

const tags = ['business-center'];

/**
 * R-BC-5 self-provisioning: the customer (account.manage to request and cancel, account.view to
 * read) and the partner serving the account (`partner`, scoped by the service to the accounts its
 * organization serves); R-BC-6 prices, set by the operator.
 */
export function selfProvisioningModule({ db, clock, config }: ModuleDeps): ModuleRoutes {
  const service = createSelfProvisioning({ db, clock, config });
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/purchasing-accounts/:purchasingAccountId/online-service-plans',
      {
        config: { action: 'account.view', target: 'params.purchasingAccountId' },
        schema: {
          tags,
          summary: 'The online-service plans the account may set up, with today’s price and the renewal price per agreement (R-BC-6)',
          params: AccountParams,
          response: { 200: PlansSchema },
        },
      },
      async (req) => service.plans(req.params.purchasingAccountId),
    );

    app.get(
      '/purchasing-accounts/:purchasingAccountId/self-provisioning',
      {
        config: { action: 'account.view', target: 'params.purchasingAccountId' },
        schema: {
          tags,
          summary: 'The account’s self-provisioning requests and their states (R-BC-5)',
          params: AccountParams,
          response: { 200: SelfProvisioningListSchema },
        },
      },
      async (req) => service.list(req.params.purchasingAccountId),
    );

    app.post(
      '/purchasing-accounts/:purchasingAccountId/self-provisioning',
      {
        config: { action: 'account.manage', target: 'params.purchasingAccountId' },
        schema: {
          tags,
          summary: 'R-BC-5: set up an online service: the partner serving the account is notified and must place the order',
          params: AccountParams,
          body: SelfProvisioningBodySchema,
          response: { 201: SelfProvisioningRequestSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await service.request(actorOf(req), req.params.purchasingAccountId, req.body)),
    );

    app.post(
      '/purchasing-accounts/:purchasingAccountId/self-provisioning/:requestId/cancel',
      {
        config: { action: 'account.manage', target: 'params.purchasingAccountId' },
        schema: {
          tags,
          summary: 'R-BC-5: cancel a request not yet ordered',
          params: RequestParams,
          response: { 200: SelfProvisioningRequestSchema },
        },
      },
      async (req) => service.cancel(actorOf(req), req.params.purchasingAccountId, req.params.requestId),
    );

    app.get(
      '/partner/self-provisioning',
      {
        config: { action: 'partner' },
        schema: {
          tags,
          summary: 'R-BC-5: the self-provisioning requests of the purchasing accounts my organization serves',
          response: { 200: SelfProvisioningListSchema },
        },
      },
      async (req) => service.forPartner(actorOf(req)),
    );

    app.put(
      '/operator/online-service-prices/:productId',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'R-BC-6: set an online-service plan’s price per seat from a day on; a priced plan can be self-provisioned',
          params: PriceParams,
          body: PriceBodySchema,
          response: { 200: PriceSchema },
        },
      },
      async (req) => service.setPrice(actorOf(req), req.params.productId, req.body),
    );
  };
}
