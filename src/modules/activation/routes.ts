import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/guard.js';
import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';
import {
  ActivationBody,
  ActivationResponse,
  HistoryQuery,
  HistoryResponse,
  IdempotencyHeaders,
  KmsHostBody,
  KmsHostResponse,
  ProxyResponse,
  PublicKeyResponse,
  proxyBody,
} from './schemas.js';
import { createActivationService } from './service.js';

/**
 * The activation API: machines and KMS hosts call it with a key as their credential (`public`);
 * the history is for those who see the key (`keys.view`).
 */
export function activationModule(deps: ModuleDeps): ModuleRoutes {
  const activation = createActivationService(deps);
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['activation'];
    fastify.addHook('onClose', async () => activation.close());
    const ctx = (req: FastifyRequest) => {
      const idempotencyKey = req.headers['idempotency-key'];
      return { ip: req.ip, requestId: req.id, idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey.trim() : undefined };
    };

    app.get(
      '/activation/public-key',
      {
        config: { action: 'public' },
        schema: {
          tags,
          summary: 'The Ed25519 public key every activation certificate verifies against, offline',
          response: { 200: PublicKeyResponse },
        },
      },
      async (_req, reply) => reply.header('cache-control', 'public, max-age=3600').send(activation.publicKey()),
    );

    app.post(
      '/activations',
      {
        config: { action: 'public' },
        schema: {
          tags,
          summary:
            'Activate one machine with a MAK (or redeem a single-use OSA key): 201 with a signed certificate; the same machine again is free (200 ALREADY_ACTIVATED); honours Idempotency-Key (R-KEY-3, R-KEY-4)',
          headers: IdempotencyHeaders,
          body: ActivationBody,
          response: { 200: ActivationResponse, 201: ActivationResponse },
        },
      },
      async (req, reply) => {
        const r = await activation.activate(req.body, ctx(req));
        return reply.status(r.status === 'ACTIVATED' ? 201 : 200).send(r);
      },
    );

    app.post(
      '/activations/proxy',
      {
        config: { action: 'public' },
        schema: {
          tags,
          summary: 'Proxy activation: one request activates many machines, each all or nothing, with a result per machine (R-KEY-4)',
          body: proxyBody(deps.config.PROXY_ACTIVATION_MAX_MACHINES),
          response: { 200: ProxyResponse },
        },
      },
      async (req) => activation.proxy(req.body, ctx(req)),
    );

    app.post(
      '/kms-hosts/activate',
      {
        config: { action: 'public' },
        schema: {
          tags,
          summary:
            'A KMS host activates itself with a KMS host key: 6 hosts per key, 10 activations per host; the certificate carries the thresholds (R-KEY-5)',
          headers: IdempotencyHeaders,
          body: KmsHostBody,
          response: { 201: KmsHostResponse },
        },
      },
      async (req, reply) => reply.status(201).send(await activation.activateHost(req.body, ctx(req))),
    );

    app.get(
      '/product-keys/:keyId/activations',
      {
        config: { action: 'keys.view' },
        schema: {
          tags,
          summary: 'Activation history of a key: machine, when, method (KMS host keys: their hosts), newest first',
          params: z.object({ keyId: z.uuid() }),
          querystring: HistoryQuery,
          response: { 200: HistoryResponse },
        },
      },
      async (req) => activation.history(actorOf(req), req.params.keyId, req.query),
    );
  };
}
