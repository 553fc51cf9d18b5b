import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../../platform/http/guard.js';
import type { createVoucherRedemption } from './redeem.js';
import {
  IssuedCredentialSchema,
  ProviderVoucherSchema,
  TrainingProviderInputSchema,
  TrainingProviderParams,
  TrainingProviderSchema,
  TrainingProvidersSchema,
  VoucherNumberParams,
} from './schemas.js';
import type { createTrainingProviders } from './service.js';

const tags = ['software-assurance'];

/**
 * R-SA-5: the publisher registers training providers and issues their credentials (`operator`);
 * a provider, with that credential only (`training.redeem`), looks up and redeems vouchers.
 */
export function trainingProviderRoutes(
  fastify: FastifyInstance,
  providers: ReturnType<typeof createTrainingProviders>,
  redemption: ReturnType<typeof createVoucherRedemption>,
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/operator/training-providers',
    {
      config: { action: 'operator' },
      schema: {
        tags,
        summary: 'The training providers that redeem training vouchers, with whether each holds a live credential (R-SA-5)',
        response: { 200: TrainingProvidersSchema },
      },
    },
    async () => ({ items: await providers.list() }),
  );

  app.post(
    '/operator/training-providers',
    {
      config: { action: 'operator' },
      schema: {
        tags,
        summary: 'Register a training provider under a unique provider number (TRAINING_PROVIDER_NUMBER_TAKEN) (R-SA-5)',
        body: TrainingProviderInputSchema,
        response: { 201: TrainingProviderSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await providers.register(actorOf(req), req.body)),
  );

  app.post(
    '/operator/training-providers/:providerId/credential',
    {
      config: { action: 'operator' },
      schema: {
        tags,
        summary:
          'Issue the provider’s API credential, or rotate it (the live one stops working): the secret is in this answer only; the provider’s contact is mailed (R-SA-5)',
        params: TrainingProviderParams,
        response: { 201: IssuedCredentialSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await providers.issueCredential(actorOf(req), req.params.providerId)),
  );

  app.delete(
    '/operator/training-providers/:providerId/credential',
    {
      config: { action: 'operator' },
      schema: {
        tags,
        summary:
          'Revoke the provider’s credential: its next call is refused 401; the contact is mailed (TRAINING_PROVIDER_NO_CREDENTIAL when it has none) (R-SA-5)',
        params: TrainingProviderParams,
        response: { 200: TrainingProviderSchema },
      },
    },
    async (req) => providers.revokeCredential(actorOf(req), req.params.providerId),
  );

  app.get(
    '/training-provider/vouchers/:voucherNumber',
    {
      config: { action: 'training.redeem' },
      schema: {
        tags,
        summary:
          'For a training provider’s credential: a training voucher by the number the employee quotes, and whether it can be redeemed now (SA_VOUCHER_UNKNOWN) (R-SA-5)',
        params: VoucherNumberParams,
        response: { 200: ProviderVoucherSchema },
      },
    },
    async (req) => redemption.lookup(actorOf(req), req.params.voucherNumber),
  );

  app.post(
    '/training-provider/vouchers/:voucherNumber/redeem',
    {
      config: { action: 'training.redeem' },
      schema: {
        tags,
        summary:
          'For a training provider’s credential: redeem the whole voucher, once (SA_VOUCHER_UNKNOWN, SA_VOUCHER_REDEEMED, SA_VOUCHER_CANCELLED, SA_BENEFIT_EXPIRED, SA_BENEFIT_ON_HOLD); the employee and the benefit’s managers are mailed (R-SA-5)',
        params: VoucherNumberParams,
        response: { 200: ProviderVoucherSchema },
      },
    },
    async (req) => redemption.redeem(actorOf(req), req.params.voucherNumber),
  );
}
