import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/http/guard.js';
import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';
import { createServiceAccountDomains } from './domains.js';
import {
  AccountChoiceSchema,
  AccountDomainsSchema,
  AccountParams,
  AddOnBodySchema,
  AddOnSchema,
  ConfirmedSchema,
  DomainBodySchema,
  DomainParams,
  DomainSchema,
  LicensingIdParams,
  LinkedSchema,
  LinkInfoSchema,
  MyAccountsSchema,
  OnlineServicesOverviewSchema,
  OsaKeyBodySchema,
  ResendBodySchema,
  ResendResultSchema,
  ServiceParams,
  TokenParams,
} from './schemas.js';
import { createOnlineServices } from './service.js';

/** Online service activation (R-OS-1…R-OS-7): who got the mail and resending it, the link, OSA keys, and the publisher's confirmations. */
export function onlineServicesModule({ db, clock, config }: ModuleDeps): ModuleRoutes {
  const services = createOnlineServices({ db, clock, config });
  const domains = createServiceAccountDomains({ db, clock, config });
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['online-services'];

    app.get(
      '/online-services',
      {
        config: { action: 'services.activate' },
        schema: {
          tags,
          summary:
            'The enrollments whose online services I may activate: each service’s activation, who received the activation mail and when, the account and subscriptions (R-OS-2, R-OS-6)',
          response: { 200: OnlineServicesOverviewSchema },
        },
      },
      async (req) => services.overview(actorOf(req)),
    );

    app.post(
      '/licensing-ids/:licensingId/online-services/:productId/activation-mail',
      {
        // R-OS-2 names the Administrator: changing the subscription contact gives someone a role, which is Manage Users' to do.
        config: { action: 'users.manage', target: 'params.licensingId' },
        schema: {
          tags,
          summary:
            'Resend the activation mail, to the subscription contact of record or to a new one (which replaces it); refused once linked, after the link expired, or with no order (R-OS-2, R-OS-3)',
          params: ServiceParams,
          body: ResendBodySchema,
          response: { 200: ResendResultSchema },
        },
      },
      async (req) => services.resend(actorOf(req), req.params.licensingId, req.params.productId, req.body.contact),
    );

    // R-OS-4: the customer's verified domains, on the account an enrollment it holds is linked to.
    app.get(
      '/licensing-ids/:licensingId/online-services/domains',
      {
        config: { action: 'services.activate', target: 'params.licensingId' },
        schema: {
          tags,
          summary: 'The domains verified on the online services account this Licensing ID is linked to (R-OS-4)',
          params: LicensingIdParams,
          response: { 200: AccountDomainsSchema },
        },
      },
      async (req) => domains.list(req.params.licensingId),
    );

    app.post(
      '/licensing-ids/:licensingId/online-services/domains',
      {
        config: { action: 'services.activate', target: 'params.licensingId' },
        schema: {
          tags,
          summary:
            'An Administrator or Online Services Manager verifies a domain of the organization (one its work accounts use; not a personal-mail domain) on the linked account; audited, its administrators mailed (R-OS-4)',
          params: LicensingIdParams,
          body: DomainBodySchema,
          response: { 201: AccountDomainsSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await domains.add(actorOf(req), req.params.licensingId, req.body.domain)),
    );

    app.delete(
      '/licensing-ids/:licensingId/online-services/domains/:domain',
      {
        config: { action: 'services.activate', target: 'params.licensingId' },
        schema: {
          tags,
          summary: 'Remove a verified domain from the linked account; audited, its administrators mailed (R-OS-4)',
          params: DomainParams,
          response: { 200: AccountDomainsSchema },
        },
      },
      async (req) => domains.remove(actorOf(req), req.params.licensingId, req.params.domain),
    );

    app.get(
      '/online-services/activation-links/:token',
      {
        // Whoever holds the link may follow it: the mail may be forwarded (seed 003); the token is the credential.
        config: { action: 'public' },
        schema: {
          tags,
          summary: 'What an activation link activates, until when it works, and the accounts the signed-in user administers (R-OS-3)',
          params: TokenParams,
          response: { 200: LinkInfoSchema },
        },
      },
      async (req) => services.linkInfo(req.actor ?? null, req.params.token),
    );

    app.post(
      '/online-services/activation-links/:token/activate',
      {
        config: { action: 'public' },
        schema: {
          tags,
          summary:
            'Follow the activation link: link the enrollment to an account the signed-in user administers or to a new one (R-OS-3, R-OS-5); an Open program’s stays pending until provisioning confirms (R-OS-7)',
          params: TokenParams,
          body: AccountChoiceSchema,
          response: { 201: LinkedSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await services.activateByLink(req.actor ?? null, req.params.token, req.body)),
    );

    app.get(
      '/online-services/accounts',
      {
        config: { action: 'self' },
        schema: {
          tags,
          summary:
            'The online services accounts I am a global or billing administrator of: the existing accounts Online Service Activation may link to (R-OS-5, R-OS-7)',
          response: { 200: MyAccountsSchema },
        },
      },
      async (req) => services.myAccounts(actorOf(req)),
    );

    app.post(
      '/online-services/osa-activations',
      {
        config: { action: 'self' },
        schema: {
          tags,
          summary: 'Online Service Activation: activate an Open program’s service with its single-use OSA key (R-OS-7)',
          body: OsaKeyBodySchema,
          response: { 201: LinkedSchema },
        },
      },
      async (req, reply) => reply.status(201).send(await services.activateByKey(actorOf(req), req.body.key, req.body.account)),
    );

    app.post(
      '/operator/online-services/enrollments/:licensingId/confirm',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'The publisher’s provisioning confirms a pending activation: the services show as activated (R-OS-7)',
          params: LicensingIdParams,
          response: { 200: ConfirmedSchema },
        },
      },
      async (req) => services.confirm(actorOf(req), req.params.licensingId),
    );

    app.post(
      '/operator/online-services/accounts/:accountId/domains',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'The publisher’s provisioning reports a domain verified on an account; its OSMs get services without a mail (R-OS-4)',
          params: AccountParams,
          body: DomainBodySchema,
          response: { 200: DomainSchema },
        },
      },
      async (req) => services.verifyDomain(actorOf(req), req.params.accountId, req.body.domain),
    );

    app.put(
      '/operator/online-services/add-ons',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'Name the base service an add-on online service needs on the same enrollment (R-OS-6)',
          body: AddOnBodySchema,
          response: { 200: AddOnSchema },
        },
      },
      async (req) => services.setAddOn(actorOf(req), req.body.addOn, req.body.base),
    );
  };
}
