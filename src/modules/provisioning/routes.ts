import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/http/guard.js';
import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';
import { EventParams, ProvisioningEventDetailSchema, ProvisioningEventPageSchema, ProvisioningEventQuerySchema } from './schemas.js';
import { createProvisioningService } from './service.js';

/**
 * The back office's delivery log of the webhooks to the publisher's provisioning system: the
 * publisher's staff see every event with its delivery state and attempts, and send one again.
 */
export function provisioningModule(deps: ModuleDeps): ModuleRoutes {
  const provisioning = createProvisioningService(deps);
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['operator', 'provisioning'];

    app.get(
      '/operator/provisioning/events',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary:
            'Provisioning events (activations, renewals, de-provisionings) with their delivery state, newest first; filters: state, type; with the count of events in each state',
          querystring: ProvisioningEventQuerySchema,
          response: { 200: ProvisioningEventPageSchema },
        },
      },
      async (req) => provisioning.page(req.query),
    );

    app.get(
      '/operator/provisioning/events/:eventId',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary:
            'One provisioning event: its payload, delivery state and every delivery attempt (status code, duration, error), newest first',
          params: EventParams,
          response: { 200: ProvisioningEventDetailSchema },
        },
      },
      async (req) => provisioning.detail(req.params.eventId),
    );

    app.post(
      '/operator/provisioning/events/:eventId/redeliver',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary:
            'Send a delivered or failed event again now: it is queued afresh (the retry limits start over) and one attempt is made at once; the answer shows its outcome',
          params: EventParams,
          response: { 200: ProvisioningEventDetailSchema },
        },
      },
      async (req) => provisioning.redeliver(actorOf(req), req.params.eventId),
    );
  };
}
