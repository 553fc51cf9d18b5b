import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../../platform/http/guard.js';
import type { ModuleDeps, ModuleRoutes } from '../../../platform/module.js';
import { AccountParams } from '../schemas.js';
import {
  BackOfficeAccountDetailSchema,
  BackOfficeAccountQuery,
  BackOfficeAccountsSchema,
  ChannelPartnersSchema,
  LinkedLicensingIdsBody,
  NewPurchasingAccountBody,
  PurchasingAccountPatch,
} from './schemas.js';
import { createPurchasingAccountBackOffice } from './service.js';

const tags = ['operator'];

/** The publisher's back office for purchasing accounts (`operator`): open, correct, link Licensing IDs (R-BC-1). */
export function purchasingAccountBackOfficeModule({ db }: ModuleDeps): ModuleRoutes {
  const office = createPurchasingAccountBackOffice(db);
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/operator/purchasing-accounts',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'Every purchasing account by number, searched by number, name or organization; paged',
          querystring: BackOfficeAccountQuery,
          response: { 200: BackOfficeAccountsSchema },
        },
      },
      async (req) => office.list(req.query),
    );

    app.post(
      '/operator/purchasing-accounts',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary:
            'Open a purchasing account for a customer organization with its first Account administrator (PURCHASING_ACCOUNT_NUMBER_TAKEN, PURCHASING_ACCOUNT_ORGANIZATION_UNKNOWN, PURCHASING_ACCOUNT_PARTNER_UNKNOWN, PURCHASING_ACCOUNT_ADMINISTRATOR_UNKNOWN)',
          body: NewPurchasingAccountBody,
          response: { 201: BackOfficeAccountDetailSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await office.create(actorOf(req), req.body)),
    );

    app.get(
      '/operator/purchasing-accounts/channel-partners',
      {
        config: { action: 'operator' },
        schema: { tags, summary: 'The channel partners an account can be served by', response: { 200: ChannelPartnersSchema } },
      },
      async () => office.partners(),
    );

    app.get(
      '/operator/purchasing-accounts/:purchasingAccountId',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'One purchasing account with its organization’s Licensing IDs and the account each is linked to',
          params: AccountParams,
          response: { 200: BackOfficeAccountDetailSchema },
        },
      },
      async (req) => office.get(req.params.purchasingAccountId),
    );

    app.patch(
      '/operator/purchasing-accounts/:purchasingAccountId',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'Correct the account’s name, address, contact or channel partner (PURCHASING_ACCOUNT_PARTNER_UNKNOWN)',
          params: AccountParams,
          body: PurchasingAccountPatch,
          response: { 200: BackOfficeAccountDetailSchema },
        },
      },
      async (req) => office.update(actorOf(req), req.params.purchasingAccountId, req.body),
    );

    app.put(
      '/operator/purchasing-accounts/:purchasingAccountId/licensing-ids',
      {
        config: { action: 'operator' },
        schema: {
          tags,
          summary: 'Set the Licensing IDs bought through the account (LICENSING_ID_IN_OTHER_ACCOUNT, LICENSING_ID_OF_ANOTHER_ORGANIZATION)',
          params: AccountParams,
          body: LinkedLicensingIdsBody,
          response: { 200: BackOfficeAccountDetailSchema },
        },
      },
      async (req) => office.setLicensingIds(actorOf(req), req.params.purchasingAccountId, req.body.licensingIds),
    );
  };
}
