import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../../platform/authz/roles.js';
import { actorOf } from '../../../platform/http/guard.js';
import type { ModuleDeps, ModuleRoutes } from '../../../platform/module.js';
import { Email } from '../../identity/schemas.js';
import { LicensingIdParams, Name } from '../schemas.js';
import { createResellerService } from './service.js';

const ResellerGrant = z.object({
  status: z.enum(['GRANTED', 'ALREADY_GRANTED']),
  userId: z.uuid(),
  licensingId: z.uuid(),
  invited: z.boolean(),
  roles: z.array(z.enum(ROLES)),
});

const Reseller = z.object({
  userId: z.uuid(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  organization: z.string(),
  status: z.enum(['ACTIVE', 'DENIED', 'INACTIVE']),
  grantedAt: z.date(),
  deniedAt: z.date().nullable(),
  roles: z.array(z.enum(ROLES)),
});
z.globalRegistry.add(Reseller, { id: 'Reseller' });

/** R-PERM-11 reseller access to an Open License: the operator's grant and the customer's Deny Access. */
export function resellerModule(deps: ModuleDeps): ModuleRoutes {
  const resellers = createResellerService(deps);
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/operator/licensing-ids/:licensingId/resellers',
      {
        config: { action: 'operator' },
        schema: {
          tags: ['operator'],
          summary:
            'Give the reseller named on an Open order form the limited Add Open set; the administrators get a Deny Access link (R-PERM-11)',
          params: LicensingIdParams,
          body: z.object({
            email: Email,
            firstName: Name,
            lastName: Name,
            country: z
              .string()
              .trim()
              .regex(/^[A-Za-z]{2}$/)
              .transform((c) => c.toUpperCase())
              .optional(),
          }),
          response: { 200: ResellerGrant, 201: ResellerGrant },
        },
      },
      async (req, reply) => {
        const result = await resellers.grantFromOperator(actorOf(req), { ...req.body, licensingId: req.params.licensingId });
        return reply.status(result.status === 'GRANTED' ? 201 : 200).send(result);
      },
    );

    app.post(
      '/reseller-access/deny',
      {
        config: { action: 'public' },
        schema: {
          tags: ['permissions'],
          summary: 'Deny Access from the administrators’ mail: the mailed token is the credential and works once (R-PERM-11)',
          body: z.object({ token: z.string().trim().min(10).max(200) }),
          response: {
            200: z.object({ status: z.literal('DENIED'), licenseNumber: z.string(), licenseName: z.string(), resellerEmail: z.string() }),
          },
        },
      },
      async (req) => resellers.denyByToken(req.body.token),
    );

    app.get(
      '/licensing-ids/:licensingId/resellers',
      {
        config: { action: 'users.manage', target: 'params.licensingId' },
        schema: {
          tags: ['permissions'],
          summary: 'Resellers given access to this Open License automatically, with their status (R-PERM-11)',
          params: LicensingIdParams,
          response: { 200: z.object({ items: z.array(Reseller) }) },
        },
      },
      async (req) => ({ items: await resellers.list(req.params.licensingId) }),
    );

    app.delete(
      '/licensing-ids/:licensingId/resellers/:userId',
      {
        config: { action: 'users.manage', target: 'params.licensingId' },
        schema: {
          tags: ['permissions'],
          summary: 'Deny a reseller’s access from Manage Users (R-PERM-11)',
          params: LicensingIdParams.extend({ userId: z.uuid() }),
          response: { 200: z.object({ userId: z.uuid(), licensingId: z.uuid(), status: z.literal('DENIED') }) },
        },
      },
      async (req) => resellers.denyFromManageUsers(actorOf(req), req.params.licensingId, req.params.userId),
    );
  };
}
