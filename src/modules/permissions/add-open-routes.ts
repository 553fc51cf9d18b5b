import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../platform/authz/roles.js';
import { actorOf } from '../../platform/http/guard.js';
import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';
import { Email } from '../identity/schemas.js';
import { createAddOpenService } from './add-open.js';
import { createResellerService } from './reseller.js';

const LicenseNumber = z.string().trim().min(1).max(40);
const Name = z.string().trim().min(1).max(100);
const LicensingIdParams = z.object({ licensingId: z.uuid() });

const GrantResult = z.object({
  status: z.enum(['GRANTED', 'ALREADY_GRANTED']),
  licensingId: z.uuid(),
  number: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
});

const AddOpenSetting = z.object({ licensingId: z.uuid(), addOpenEnabled: z.boolean() });

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

/** R-PERM-10 Add Open License and R-PERM-11 reseller access. */
export function addOpenModule(deps: ModuleDeps): ModuleRoutes {
  const addOpen = createAddOpenService(deps);
  const resellers = createResellerService(deps);
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/open-licenses',
      {
        config: { action: 'self' },
        schema: {
          tags: ['permissions'],
          summary:
            'Add Open License: gain the limited set (view license info and SA summary, download, product keys, subscriptions) on an Open License by its license and authorization numbers (R-PERM-10)',
          body: z.object({
            licenseNumber: LicenseNumber,
            authorizationNumber: LicenseNumber,
            acknowledge: z.literal(true),
            firstName: Name.optional(),
            lastName: Name.optional(),
          }),
          response: { 200: GrantResult, 201: GrantResult },
        },
      },
      async (req, reply) => {
        const { acknowledge: _, ...input } = req.body;
        const result = await addOpen.addOpenLicense(actorOf(req), input);
        return reply.status(result.status === 'GRANTED' ? 201 : 200).send(result);
      },
    );

    app.get(
      '/licensing-ids/:licensingId/add-open',
      {
        config: { action: 'users.manage' },
        schema: {
          tags: ['permissions'],
          summary: 'Whether Add Open License is on for this Open License (R-PERM-10)',
          params: LicensingIdParams,
          response: { 200: AddOpenSetting },
        },
      },
      async (req) => addOpen.addOpenSetting(req.params.licensingId),
    );

    app.patch(
      '/licensing-ids/:licensingId/add-open',
      {
        config: { action: 'users.manage' },
        schema: {
          tags: ['permissions'],
          summary: 'Turn Add Open License on or off for this Open License (R-PERM-10)',
          params: LicensingIdParams,
          body: z.object({ enabled: z.boolean() }),
          response: { 200: AddOpenSetting },
        },
      },
      async (req) => addOpen.setAddOpenEnabled(actorOf(req), req.params.licensingId, req.body.enabled),
    );

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
        config: { action: 'users.manage' },
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
        config: { action: 'users.manage' },
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
