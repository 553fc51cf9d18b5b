import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.js';
import type { Action } from '../authz/actions.js';
import { authorize } from '../authz/authorize.js';
import type { DbOrTx } from '../db/client.js';
import { unauthenticated } from '../errors.js';

export interface RouteEntry {
  method: string;
  url: string;
  action: Action;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with its declared action: what the generated authorization test walks. */
    routeCatalog: readonly RouteEntry[];
  }
}

/** Routes outside /api and /scim serve the portal's files; everything under them must declare an action. */
const isApi = (url: string) => (url.startsWith('/api/') && !url.startsWith('/api/docs')) || url.startsWith('/scim/');

/**
 * Refuses, at start-up, any API route that declares no action, and checks the declared action on
 * every request. A `licensingId` path parameter is the target of a Licensing-ID action.
 */
export function installGuard(app: FastifyInstance, db: DbOrTx) {
  const catalog: RouteEntry[] = [];
  app.decorate('routeCatalog', catalog);
  app.addHook('onRoute', (route) => {
    if (!isApi(route.url)) return;
    const action = route.config?.action;
    if (!action) throw new Error(`Route ${String(route.method)} ${route.url} declares no action`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') catalog.push({ method, url: route.url, action });
  });
  app.addHook('preHandler', async (req) => {
    const action = req.routeOptions.config?.action;
    if (!action) return;
    const licensingId = (req.params as Record<string, string> | undefined)?.licensingId;
    await authorize(db, req.actor, action, licensingId ? { licensingId } : undefined);
  });
}

/** The actor of a route whose action required one. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}
