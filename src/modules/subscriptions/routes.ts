import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/guard.js';
import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';
import { createSubscriptionAssignments } from './assignments.js';
import { assignableLicensingIds, licensingIdRef, subscriptionProducts } from './overview.js';
import {
  AssignInputSchema,
  AssignmentParams,
  AssignmentSchema,
  AssignmentsQuery,
  AssignmentsSchema,
  LicensingIdParams,
  PersonSchema,
  SubscriptionLicensingIdsSchema,
  SubscriptionProductsSchema,
} from './schemas.js';

const tags = ['subscriptions'];

/**
 * R-PERM-2: the Subscriptions Manager's (and the Administrator's) subscription assignments on a
 * Licensing ID, every route under `subscriptions.assign` on it.
 */
export function subscriptionsModule({ db, database, clock }: ModuleDeps): ModuleRoutes {
  const assignments = createSubscriptionAssignments({ db, database, clock });
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const base = '/licensing-ids/:licensingId/subscriptions';

    app.get(
      '/subscriptions/licensing-ids',
      {
        config: { action: 'self' },
        schema: {
          tags,
          summary: 'The Licensing IDs on which the caller assigns subscriptions (Subscriptions Manager or Administrator, R-PERM-2)',
          response: { 200: SubscriptionLicensingIdsSchema },
        },
      },
      async (req) => ({ licensingIds: await assignableLicensingIds(db, actorOf(req)) }),
    );

    app.get(
      base,
      {
        config: { action: 'subscriptions.assign', target: 'params.licensingId' },
        schema: {
          tags,
          summary: 'The subscription products of a Licensing ID: purchased (term active today), assigned and remaining (R-PERM-2)',
          params: LicensingIdParams,
          response: { 200: SubscriptionProductsSchema },
        },
      },
      async (req) => {
        const { organizationId: _, ...licensingId } = await licensingIdRef(db, req.params.licensingId);
        return { licensingId, products: await subscriptionProducts(db, clock, req.params.licensingId) };
      },
    );

    app.get(
      `${base}/assignments`,
      {
        config: { action: 'subscriptions.assign', target: 'params.licensingId' },
        schema: {
          tags,
          summary: 'The people subscriptions are assigned to, by name, paged; filter by product, search name or e-mail (R-PERM-2)',
          params: LicensingIdParams,
          querystring: AssignmentsQuery,
          response: { 200: AssignmentsSchema },
        },
      },
      async (req) => assignments.list(req.params.licensingId, req.query),
    );

    app.post(
      `${base}/assignments`,
      {
        config: { action: 'subscriptions.assign', target: 'params.licensingId' },
        schema: {
          tags,
          summary:
            'Assign a subscription to a person (mailed instructions in their language). Needs acknowledgePurchaseObligation: the obligation to purchase takes effect at assignment (SUBSCRIPTION_OBLIGATION_NOT_ACKNOWLEDGED); never more than purchased (SUBSCRIPTIONS_NONE_REMAINING); one per person and product (SUBSCRIPTION_ALREADY_ASSIGNED) (R-PERM-2)',
          params: LicensingIdParams,
          body: AssignInputSchema,
          response: { 201: AssignmentSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await assignments.assign(actorOf(req), req.params.licensingId, req.body)),
    );

    app.post(
      `${base}/assignments/:assignmentId/reassign`,
      {
        config: { action: 'subscriptions.assign', target: 'params.licensingId' },
        schema: {
          tags,
          summary:
            'Give an assigned subscription to another person: the old holder is mailed that it ended, the new one the instructions; the count does not change (R-PERM-2)',
          params: AssignmentParams,
          body: PersonSchema,
          response: { 200: AssignmentSchema },
        },
      },
      async (req) => assignments.reassign(actorOf(req), req.params.licensingId, req.params.assignmentId, req.body),
    );

    app.delete(
      `${base}/assignments/:assignmentId`,
      {
        config: { action: 'subscriptions.assign', target: 'params.licensingId' },
        schema: {
          tags,
          summary: 'Remove an assignment: its subscription returns to the remaining, the person is mailed that it ended (R-PERM-2)',
          params: AssignmentParams,
          response: { 204: z.null().describe('removed') },
        },
      },
      async (req, reply) => {
        await assignments.remove(actorOf(req), req.params.licensingId, req.params.assignmentId);
        return reply.code(204).send(null);
      },
    );
  };
}
