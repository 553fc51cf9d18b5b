import type { Actor } from '../auth/actor.js';
import type { Action } from '../authz/actions.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route needs; the guard refuses to register a route under /api without one. */
    action?: Action;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}
