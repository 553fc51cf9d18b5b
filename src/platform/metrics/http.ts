import type { FastifyInstance } from 'fastify';
import { DomainError } from '../errors.js';
import { mayScrape } from './access.js';
import type { Metrics } from './registry.js';

/** Requests that matched no route (a portal page, a 404) share one label: the URL asked is never a label. */
export const UNMATCHED_ROUTE = '(unmatched)';

/**
 * Counts and times every response by method, route pattern and status class, and serves the
 * registry at /metrics in Prometheus' text format.
 *
 * /metrics lives outside /api on purpose: the route guard (platform/http/guard.ts) walks /api and
 * /scim only, and a scraper is no user with a role. Its own check stands in for the guard: a
 * bearer METRICS_TOKEN, or, with no token configured, a request from loopback that came through
 * no proxy. Anyone else gets 404 ROUTE_NOT_FOUND, as for an unknown API path: nothing says it is there.
 */
export function installMetrics(app: FastifyInstance, metrics: Metrics, token: string | undefined) {
  // A callback hook, not an async one: it runs on every request, and needs no promise.
  app.addHook('onResponse', (req, reply, done) => {
    metrics.httpRequest(req.method, req.routeOptions.url ?? UNMATCHED_ROUTE, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    const allowed = mayScrape(
      {
        remoteAddress: req.socket.remoteAddress,
        authorization: req.headers.authorization,
        forwarded: req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined,
      },
      token,
    );
    if (!allowed) throw new DomainError('ROUTE_NOT_FOUND', 404, 'No route GET /metrics');
    const body = await metrics.text();
    return reply.header('cache-control', 'no-store').type(metrics.contentType).send(body);
  });
}
