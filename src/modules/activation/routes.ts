import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/guard.js';
import { NO_METRICS } from '../../platform/metrics/registry.js';
import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';
import { activationAnswerJson } from './answer-json.js';
import { CERTIFICATE_FORMAT } from './certificate-format.js';
import { counted } from './counted.js';
import { PROXY_ANSWER_KEPT_DAYS } from './proxy/answers.js';
import {
  ActivationBody,
  ActivationResponse,
  DailyQuery,
  DailyResponse,
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
 * What every activation client must do, in the OpenAPI document: an activation commits before its
 * answer leaves, so an answer lost on the way is fetched by asking again, never by giving up.
 */
const RETRY_ADVICE = [
  '**Retry until an answer arrives.** An activation is counted when the server commits it, before the answer is sent:',
  'if the connection drops, the server restarts or it answers 5xx, send the same request again with the same',
  '`fingerprint` and the same `Idempotency-Key` (one per activation, e.g. a UUID), with growing waits. The retry gets',
  'the first answer (certificate included) and counts nothing: the key counts a machine once, and an Idempotency-Key',
  'once. `lsc activate` does this by itself.',
].join(' ');

/**
 * The activation API: machines and KMS hosts call it with a key as their credential (`public`);
 * the history is for those who see the key (`keys.view`).
 */
export function activationModule(deps: ModuleDeps): ModuleRoutes {
  const activation = createActivationService(deps);
  const metrics = deps.metrics ?? NO_METRICS;
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
          description: `\`keyId\` names the key in the certificates it signs (their \`issuer\`).\n\n${CERTIFICATE_FORMAT}`,
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
          description: `${RETRY_ADVICE}\n\n${CERTIFICATE_FORMAT}`,
          headers: IdempotencyHeaders,
          body: ActivationBody,
          response: { 200: ActivationResponse, 201: ActivationResponse },
        },
      },
      async (req, reply) => {
        const r = await counted(
          metrics,
          'mak',
          () => activation.activate(req.body, ctx(req)),
          (a) => [a],
        );
        // Serialized by hand (answer-json.ts): the hot path of a machine's activation.
        return reply
          .status(r.status === 'ACTIVATED' ? 201 : 200)
          .type('application/json; charset=utf-8')
          .serializer(activationAnswerJson)
          .send(r);
      },
    );

    app.post(
      '/activations/proxy',
      {
        config: { action: 'public' },
        schema: {
          tags,
          summary:
            'Proxy activation: one request activates many machines, each all or nothing, with a result per machine; the same request again with its Idempotency-Key gets the same answer (R-KEY-4)',
          description: `${RETRY_ADVICE}\n\nThe answer to a request sent with an \`Idempotency-Key\` is kept for ${PROXY_ANSWER_KEPT_DAYS} days: the same request with the same key gets that answer again, unchanged and without counting anything, marked \`Idempotent-Replayed: true\`. The same key with a different request is refused (409 IDEMPOTENCY_KEY_REUSED).\n\n${CERTIFICATE_FORMAT}`,
          headers: IdempotencyHeaders,
          body: proxyBody(deps.config.PROXY_ACTIVATION_MAX_MACHINES),
          response: { 200: ProxyResponse },
        },
      },
      async (req, reply) => {
        const { replayed, ...answer } = await counted(
          metrics,
          'proxy',
          () => activation.proxy(req.body, ctx(req)),
          (a) => a.results,
        );
        if (replayed) reply.header('idempotent-replayed', 'true');
        return answer;
      },
    );

    app.post(
      '/kms-hosts/activate',
      {
        config: { action: 'public' },
        schema: {
          tags,
          summary:
            'A KMS host activates itself with a KMS host key: 6 hosts per key, 10 activations per host; the certificate carries the thresholds (R-KEY-5)',
          description: `${RETRY_ADVICE}\n\n${CERTIFICATE_FORMAT}`,
          headers: IdempotencyHeaders,
          body: KmsHostBody,
          response: { 201: KmsHostResponse },
        },
      },
      async (req, reply) =>
        reply.status(201).send(
          await counted(
            metrics,
            'kms_host',
            () => activation.activateHost(req.body, ctx(req)),
            (a) => [a],
          ),
        ),
    );

    app.get(
      '/product-keys/:keyId/activations',
      {
        config: { action: 'keys.view', target: 'service' },
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

    app.get(
      '/product-keys/:keyId/activations/daily',
      {
        config: { action: 'keys.view', target: 'service' },
        schema: {
          tags,
          summary: 'Activations of a key per UTC day over the last `days` days (default 30), oldest first, days without any as 0',
          params: z.object({ keyId: z.uuid() }),
          querystring: DailyQuery,
          response: { 200: DailyResponse },
        },
      },
      async (req) => activation.perDay(actorOf(req), req.params.keyId, req.query.days),
    );
  };
}
