import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.js';
import { isAccountAction } from '../authz/account-actions.js';
import { type Action, isLicensingAction } from '../authz/actions.js';
import { authorize } from '../authz/authorize.js';
import type { DbOrTx } from '../db/client.js';
import { notFound, unauthenticated } from '../errors.js';
import type { RouteTarget } from './types.js';

export interface RouteEntry {
  method: string;
  url: string;
  action: Action;
  target?: RouteTarget;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with its declared action: what the generated authorization test walks. */
    routeCatalog: readonly RouteEntry[];
  }
}

/** Routes outside /api and /scim serve the portal's files; everything under them must declare an action. */
const isApi = (url: string) => (url.startsWith('/api/') && !url.startsWith('/api/docs')) || url.startsWith('/scim/');

const paramsOf = (url: string) => [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);

/** The path parameter a target names (a Licensing ID, or a purchasing account for an account action), or null when the service finds it itself. */
export const targetParam = (target: RouteTarget | undefined) => (target?.startsWith('params.') ? target.slice('params.'.length) : null);

/** Why a route's declared target cannot stand, or null. */
function targetProblem(url: string, action: Action, target: RouteTarget | undefined): string | null {
  if (!isLicensingAction(action) && !isAccountAction(action))
    return target ? `declares a target, which only a Licensing-ID or purchasing-account action has` : null;
  const params = paramsOf(url);
  if (!target) {
    return params.length > 0
      ? `takes ${params.map((p) => `:${p}`).join(', ')} but declares no target: name the Licensing ID's or purchasing account's parameter (target: 'params.<name>') or say the service scopes its query (target: 'service')`
      : null;
  }
  const param = targetParam(target);
  return param !== null && !params.includes(param) ? `declares target ${target}, which its path does not take` : null;
}

/**
 * Refuses, at start-up, any API route that declares no action, or a Licensing-ID action on a path
 * with parameters without saying where its Licensing ID is; checks the declared action, against
 * the declared target, on every request.
 */
export function installGuard(app: FastifyInstance, db: DbOrTx) {
  const catalog: RouteEntry[] = [];
  app.decorate('routeCatalog', catalog);
  app.addHook('onRoute', (route) => {
    if (!isApi(route.url)) return;
    const action = route.config?.action;
    if (!action) throw new Error(`Route ${String(route.method)} ${route.url} declares no action`);
    const target = route.config?.target;
    const problem = targetProblem(route.url, action, target);
    if (problem) throw new Error(`Route ${String(route.method)} ${route.url} ${problem}`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') catalog.push({ method, url: route.url, action, ...(target ? { target } : {}) });
    }
  });
  app.addHook('preHandler', async (req) => {
    const action = req.routeOptions.config?.action;
    if (!action) return;
    const param = targetParam(req.routeOptions.config?.target);
    if (param === null) return authorize(db, req.actor, action);
    const id = (req.params as Record<string, string | undefined>)[param];
    if (isAccountAction(action)) {
      if (!id) throw notFound('purchasing account');
      return authorize(db, req.actor, action, { purchasingAccountId: id });
    }
    if (!id) throw notFound('Licensing ID');
    await authorize(db, req.actor, action, { licensingId: id });
  });
}

/** The actor of a route whose action required one. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}
