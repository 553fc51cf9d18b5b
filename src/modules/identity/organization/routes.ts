import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/http/guard.js';
import type { OrganizationSettingsService } from './service.js';

export const Country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code');
const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(253)
  .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a domain name such as contoso.com');

const OrganizationSettingsSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  country: z.string(),
  countryFixed: z.boolean().describe('R-ID-7: true once sign-up completed; then only an operator can change the country'),
  domains: z.array(z.string()),
  selfSignUp: z.boolean().describe('R-ID-4 E03: users of the organization may sign up on their own'),
  restrictedDomains: z.array(z.string()).describe('R-ID-4 E02/E05: domains whose users may only register from an invitation'),
  directoryRequired: z.boolean().describe("R-ID-4 E04: sign-up needs an active entry in the organization's directory"),
  requireSecondFactor: z
    .boolean()
    .describe(
      "Password users sign in with a second factor (authenticator app or passkey), set up at their next sign-in; SSO users keep their provider's MFA",
    ),
});
z.globalRegistry.add(OrganizationSettingsSchema, { id: 'OrganizationSettings' });

export async function organizationRoutes(fastify: FastifyInstance, settings: OrganizationSettingsService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/organization',
    {
      config: { action: 'organization.manage' },
      schema: {
        tags: ['organization'],
        summary: "The signed-in administrator's organization: country and sign-up settings",
        response: { 200: OrganizationSettingsSchema },
      },
    },
    async (req) => settings.get(actorOf(req)),
  );

  app.patch(
    '/organization',
    {
      config: { action: 'organization.manage' },
      schema: {
        tags: ['organization'],
        summary:
          'Change the sign-up settings (R-ID-4) and whether password users need a second factor; a different country answers COUNTRY_FIXED once sign-up completed (R-ID-7)',
        body: z.strictObject({
          selfSignUp: z.boolean().optional(),
          restrictedDomains: z.array(Domain).max(100).optional(),
          directoryRequired: z.boolean().optional(),
          requireSecondFactor: z.boolean().optional(),
          country: Country.optional(),
        }),
        response: { 200: OrganizationSettingsSchema },
      },
    },
    async (req) => settings.update(actorOf(req), req.body),
  );

  app.patch(
    '/operator/organizations/:organizationId',
    {
      config: { action: 'operator' },
      schema: {
        tags: ['operator'],
        summary: "R-ID-7: correct an organization's fixed country or region",
        params: z.object({ organizationId: z.uuid() }),
        body: z.strictObject({ country: Country, reason: z.string().trim().min(1).max(500).optional() }),
        response: { 200: OrganizationSettingsSchema },
      },
    },
    async (req) => settings.correctCountry(actorOf(req), req.params.organizationId, req.body),
  );
}
