import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/guard.js';
import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';
import type { ContactGrants } from '../relationship/onboarding/ports.js';
import { AgreementRecordSchema, ContactChangeSchema } from '../relationship/onboarding/schemas.js';
import { CONTACTS_OF_RECORD } from '../relationship/rules.js';
import {
  CustomerListQuery,
  CustomerListSchema,
  CustomerSchema,
  NewPartnerSchema,
  PartnerAssignmentSchema,
  PartnerListSchema,
  PartnerSchema,
  PartnerUserInputSchema,
} from './schemas.js';
import { createPartnersService } from './service.js';

/**
 * Channel partners (R-REL-6). The publisher registers them and records whom they serve
 * (`operator`); a partner's users read their own organization (`partner`), and on a customer's
 * agreement act as its CHANNEL_PARTNER row of the policy table allows (`customer.view`,
 * `contacts.change`), which the service scopes to the Licensing IDs they serve.
 */
export function partnersModule({ db, config, clock }: ModuleDeps, grants: ContactGrants): ModuleRoutes {
  const partners = createPartnersService({ db, config, clock, grants });
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['partners'];
    const partnerId = z.object({ partnerId: z.uuid() });

    app.post(
      '/operator/partners',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'Register a channel partner: its organization, partner number, notification address and first users (each invited)',
          body: NewPartnerSchema,
          response: { 201: PartnerSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await partners.register(actorOf(req), req.body)),
    );

    app.get(
      '/operator/partners',
      { config: { action: 'operator' }, schema: { tags, summary: 'The channel partners, by name', response: { 200: PartnerListSchema } } },
      async () => partners.list(),
    );

    app.get(
      '/operator/partners/:partnerId',
      {
        config: { action: 'operator' },
        schema: { tags, summary: 'One channel partner with its users', params: partnerId, response: { 200: PartnerSchema } },
      },
      async (req) => partners.get(req.params.partnerId),
    );

    app.post(
      '/operator/partners/:partnerId/users',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'Add a user to a channel partner: a work address in its domains, invited to register',
          params: partnerId,
          body: PartnerUserInputSchema,
          response: { 201: PartnerSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await partners.addUser(actorOf(req), req.params.partnerId, req.body)),
    );

    app.put(
      '/operator/agreements/:agreementId/partner',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary:
            'Record the channel partner of every Licensing ID of an onboarded agreement (R-REL-6); the partner, the partner it replaces and the customer’s Administrators are mailed',
          params: z.object({ agreementId: z.uuid() }),
          body: PartnerAssignmentSchema,
          response: { 200: AgreementRecordSchema },
        },
      },
      async (req) => partners.assign(actorOf(req), req.params.agreementId, req.body.partnerId),
    );

    app.get(
      '/partner',
      {
        config: { action: 'partner' },
        schema: {
          tags,
          summary: 'The signed-in partner user’s own organization, partner number and users',
          response: { 200: PartnerSchema },
        },
      },
      async (req) => partners.profile(actorOf(req)),
    );

    app.get(
      '/partner/customers',
      {
        config: { action: 'customer.view', target: 'service' },
        schema: {
          tags,
          summary: 'The customers the partner serves (a customer with at least one Licensing ID it is partner of record of), by name',
          querystring: CustomerListQuery,
          response: { 200: CustomerListSchema },
        },
      },
      async (req) => partners.customers(actorOf(req), req.query),
    );

    app.get(
      '/partner/customers/:organizationId',
      {
        config: { action: 'customer.view', target: 'service' },
        schema: {
          tags,
          summary: 'One customer with the agreements the partner serves and their contacts of record; a customer it does not serve is 404',
          params: z.object({ organizationId: z.uuid() }),
          response: { 200: CustomerSchema },
        },
      },
      async (req) => partners.customer(actorOf(req), req.params.organizationId),
    );

    app.put(
      '/partner/agreements/:agreementId/contacts/:type',
      {
        config: { action: 'contacts.change', target: 'service' },
        schema: {
          tags,
          summary:
            'R-REL-6: the channel partner of record names a contact of record; the old contact’s role ends, the new one’s begins; both are mailed and the change audited. An agreement it does not serve is 404',
          params: z.object({ agreementId: z.uuid(), type: z.enum(CONTACTS_OF_RECORD) }),
          body: ContactChangeSchema,
          response: { 200: AgreementRecordSchema },
        },
      },
      async (req) => partners.changeContact(actorOf(req), req.params.agreementId, req.params.type, req.body),
    );
  };
}
