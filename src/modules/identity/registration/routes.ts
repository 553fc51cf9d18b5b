import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/http/guard.js';
import type { ModuleDeps, ModuleRoutes } from '../../../platform/module.js';
import { Country, organizationRoutes } from '../organization/routes.js';
import { createOrganizationSettingsService } from '../organization/service.js';
import type { RoleGrants } from '../role-grants.js';
import { Email, LocaleSchema } from '../schemas.js';
import { createEmailVerificationService } from './email-verification.js';
import { createRegistrationService } from './service.js';
import { createSignUpService } from './sign-up.js';

/** The secret of a mailed link (invitation or confirmation): 32 random bytes, base64url. */
const LinkToken = z
  .string()
  .trim()
  .min(20)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'not a link token');
const Name = z.string().trim().min(1).max(100);
// Length and content are checked by the password rule (configurable minimum), so its problem is WEAK_PASSWORD.
const Password = z.string().min(1).max(200);
const Warnings = z
  .array(z.enum(['SHARED_MAILBOX']))
  .describe('R-ID-5: the address looks like a shared mailbox (a warning, never a refusal)');
const SentSchema = z.object({ sentTo: z.string(), expiresAt: z.date() });

const InvitationSchema = z.object({
  status: z.enum(['valid', 'expired', 'replaced', 'used']),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  organization: z.object({ name: z.string() }),
  invitedBy: z.object({ name: z.string() }).nullable(),
  expiresAt: z.date(),
  warnings: Warnings,
});
z.globalRegistry.add(InvitationSchema, { id: 'Invitation' });

export function registrationModule(deps: ModuleDeps, grants: RoleGrants): ModuleRoutes {
  const registration = createRegistrationService(deps, grants);
  const verification = createEmailVerificationService(deps, grants);
  const signUp = createSignUpService(deps);
  const settings = createOrganizationSettingsService(deps);
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const from = (req: { ip: string; id: string }) => ({ ip: req.ip, requestId: req.id });

    app.get(
      '/auth/invitations/:token',
      {
        config: { action: 'public' },
        schema: {
          tags: ['registration'],
          summary: 'R-ID-2: who invited whom, and whether the link still registers (shown before the registration form)',
          params: z.object({ token: LinkToken }),
          response: { 200: InvitationSchema },
        },
      },
      async (req) => registration.describeInvitation(req.params.token),
    );

    app.post(
      '/auth/register',
      {
        config: { action: 'public' },
        schema: {
          tags: ['registration'],
          summary:
            'R-ID-2/R-ID-3: register from an invitation. With another work address than the invited one, access waits for the link mailed to the invited address.',
          body: z.object({
            token: LinkToken,
            firstName: Name,
            lastName: Name,
            password: Password,
            email: Email.optional().describe('A work address other than the invited one (R-ID-3)'),
            locale: LocaleSchema.optional(),
          }),
          response: {
            201: z.object({
              userId: z.uuid(),
              email: z.string(),
              pendingVerification: z.boolean(),
              verificationSentTo: z.string().nullable(),
              warnings: Warnings,
            }),
          },
        },
      },
      async (req, reply) => reply.status(201).send(await registration.register(req.body, from(req))),
    );

    app.post(
      '/auth/invitations/resend',
      {
        config: { action: 'public' },
        schema: {
          tags: ['registration'],
          summary: 'R-ID-2: mail a fresh invitation link to the invited address (also for an expired link)',
          body: z.object({ token: LinkToken }),
          response: { 202: SentSchema },
        },
      },
      async (req, reply) => reply.status(202).send(await registration.resendInvitation(req.body.token, from(req))),
    );

    app.post(
      '/users/:userId/invitation',
      {
        config: { action: 'users.manage', target: 'service' },
        schema: {
          tags: ['registration'],
          summary: 'R-ID-2: re-send the invitation of a user on a Licensing ID you administer',
          params: z.object({ userId: z.uuid() }),
          response: { 202: z.object({ userId: z.uuid(), email: z.string(), expiresAt: z.date() }) },
        },
      },
      async (req, reply) => reply.status(202).send(await registration.resendInvitationAsAdministrator(actorOf(req), req.params.userId)),
    );

    app.post(
      '/auth/verify-email',
      {
        config: { action: 'public' },
        schema: {
          tags: ['registration'],
          summary: 'R-ID-3: confirm an address with the mailed link; activates the grants that waited for it',
          body: z.object({ token: LinkToken }),
          response: {
            200: z.object({ userId: z.uuid(), email: z.string(), address: z.string(), activatedGrants: z.number().int() }),
          },
        },
      },
      async (req) => verification.verifyEmail(req.body.token, from(req)),
    );

    app.post(
      '/auth/verify-email/resend',
      {
        config: { action: 'public' },
        schema: {
          tags: ['registration'],
          summary: 'Mail a fresh confirmation link to the same address; the old link stops working',
          body: z.object({ token: LinkToken }),
          response: { 202: SentSchema },
        },
      },
      async (req, reply) => reply.status(202).send(await verification.resendVerification(req.body.token, from(req))),
    );

    app.post(
      '/auth/sign-up',
      {
        config: { action: 'public' },
        schema: {
          tags: ['registration'],
          summary:
            'R-ID-4: self sign-up with a work address: an account without permissions, usable once the mailed link is followed (codes E02, E03, E04, E06). The answer is the same whether or not the address already has an account; its owner is mailed instead.',
          body: z.object({
            email: Email,
            firstName: Name,
            lastName: Name,
            password: Password,
            country: Country.describe("The organization's country or region (R-ID-7: fixed once sign-up completes)"),
            locale: LocaleSchema.optional(),
          }),
          response: {
            202: z
              .object({
                email: z.string(),
                organization: z.object({ name: z.string(), country: z.string() }),
                warnings: Warnings,
              })
              .describe(
                'A mail is on its way to the address: the link that completes the sign-up, or, for an existing account, a notice to its owner',
              ),
          },
        },
      },
      async (req, reply) => reply.status(202).send(await signUp.signUp(req.body, from(req))),
    );

    await organizationRoutes(app, settings);
  };
}
