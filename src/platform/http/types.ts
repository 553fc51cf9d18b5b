import type { Actor } from '../auth/actor.js';
import type { Action } from '../authz/actions.js';
import type { Drain } from './drain.js';

/**
 * Where the Licensing ID a route acts on is: a path parameter the guard authorizes before the
 * handler runs (`params.licensingId`), or `service` when the path names something else (a key, a
 * user, a request) and the service scopes its query by the actor's visible Licensing IDs.
 */
export type RouteTarget = `params.${string}` | 'service';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route needs; the guard refuses to register a route under /api without one. */
    action?: Action;
    /** Required of a Licensing-ID action on a path with parameters. */
    target?: RouteTarget;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** Taking the node out of rotation: readiness, connections, requests in flight (src/platform/http/drain.ts). */
    drain: Drain;
  }
}
