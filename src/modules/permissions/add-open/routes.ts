import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../../platform/authz/roles.js';
import { actorOf } from '../../../platform/http/guard.js';
import type { ModuleDeps, ModuleRoutes } from '../../../platform/module.js';
import { LicensingIdParams, Name } from '../schemas.js';
import { createAddOpenService } from './service.js';

const LicenseNumber = z.string().trim().min(1).max(40);

const GrantResult = z.object({
  status: z.enum(['GRANTED', 'ALREADY_GRANTED']),
  licensingId: z.uuid(),
  number: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
});

const AddOpenSetting = z.object({ licensingId: z.uuid(), addOpenEnabled: z.boolean() });

/** R-PERM-10 Add Open License. */
export function addOpenModule(deps: ModuleDeps): ModuleRoutes {
  const addOpen = createAddOpenService(deps);
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
        config: { action: 'users.manage', target: 'params.licensingId' },
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
        config: { action: 'users.manage', target: 'params.licensingId' },
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
  };
}
