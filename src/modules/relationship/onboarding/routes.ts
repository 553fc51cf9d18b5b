import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/http/guard.js';
import type { ModuleDeps, ModuleRoutes } from '../../../platform/module.js';
import { CONTACTS_OF_RECORD } from '../rules.js';
import type { OnboardingPorts } from './ports.js';
import {
  AgreementBodySchema,
  AgreementRecordSchema,
  ContactChangeSchema,
  IdempotencyHeadersSchema,
  OrganizationDetailSchema,
  OrganizationListSchema,
  OwnershipSchema,
  RenewalSchema,
} from './schemas.js';
import { createOnboardingService } from './service.js';

/**
 * The publisher's back office for customers (issue 12, R-REL-6): every route is the operator's.
 * No customer route changes a contact of record: customers change contacts through the publisher
 * (and later their channel partner).
 */
export function onboardingModule({ db, config, clock }: ModuleDeps, ports: OnboardingPorts): ModuleRoutes {
  const onboarding = createOnboardingService({ db, config, clock, ...ports });
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['onboarding'];

    app.post(
      '/operator/agreements',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary:
            'Onboard an agreement: its organization, MBSA, parent agreement, Licensing IDs and contacts of record (R-REL-6). Idempotent by agreement number and Idempotency-Key (200 with the existing rows); other content under the same number is AGREEMENT_CONFLICT; any bad value rejects all of it (AGREEMENT_INVALID)',
          headers: IdempotencyHeadersSchema,
          body: AgreementBodySchema,
          response: { 200: AgreementRecordSchema, 201: AgreementRecordSchema },
        },
      },
      async (req, reply) => {
        const result = await onboarding.onboard(actorOf(req), req.body, { idempotencyKey: req.headers['idempotency-key'] });
        if (result.replayed) reply.header('idempotent-replayed', 'true');
        return reply.status(result.replayed ? 200 : 201).send(result.agreement);
      },
    );

    app.get(
      '/operator/agreements/:agreementId',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'One onboarded agreement with its Licensing IDs and contacts of record',
          params: z.object({ agreementId: z.uuid() }),
          response: { 200: AgreementRecordSchema },
        },
      },
      async (req) => onboarding.get(req.params.agreementId),
    );

    app.get(
      '/operator/organizations',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'Customer organizations with their onboarded agreements, searched by name or domain',
          querystring: z.object({ q: z.string().trim().max(200).optional() }),
          response: { 200: OrganizationListSchema },
        },
      },
      async (req) => onboarding.organizations(req.query.q || undefined),
    );

    app.get(
      '/operator/organizations/:organizationId',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'One customer organization with its onboarded agreements, Licensing IDs and contacts',
          params: z.object({ organizationId: z.uuid() }),
          response: { 200: OrganizationDetailSchema },
        },
      },
      async (req) => onboarding.organization(req.params.organizationId),
    );

    app.put(
      '/operator/agreements/:agreementId/contacts/:type',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary:
            'Name the contact of record of a type (R-REL-6): the old contact’s role ends, the new one’s begins; both are mailed and the change audited',
          params: z.object({ agreementId: z.uuid(), type: z.enum(CONTACTS_OF_RECORD) }),
          body: ContactChangeSchema,
          response: { 200: AgreementRecordSchema },
        },
      },
      async (req) => onboarding.changeContact(actorOf(req), req.params.agreementId, req.params.type, req.body),
    );

    app.post(
      '/operator/agreements/:agreementId/ownership',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'Change of ownership of an Open License to another organization: every role on it ends, the new contacts take over',
          params: z.object({ agreementId: z.uuid() }),
          body: OwnershipSchema,
          response: { 200: AgreementRecordSchema },
        },
      },
      async (req) => onboarding.changeOwner(actorOf(req), req.params.agreementId, req.body),
    );

    app.post(
      '/operator/licensing-ids/:licensingId/renewal',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'Renew an enrollment under the same MBSA: a later end date (active again if it had expired)',
          params: z.object({ licensingId: z.uuid() }),
          body: RenewalSchema,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await onboarding.renew(actorOf(req), req.params.licensingId, req.body.endDate);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/operator/expiry',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'Expire every active Licensing ID whose term ended before today (by the server’s clock); returns their numbers',
          response: { 200: z.object({ expired: z.array(z.string()) }) },
        },
      },
      async (req) => ({ expired: await onboarding.expireDue(actorOf(req)) }),
    );
  };
}
