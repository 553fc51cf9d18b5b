import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { BearerCredential } from '../../../platform/auth/actor.js';
import { safeEqual } from '../../../platform/auth/secrets.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/client.js';
import { DomainError } from '../../../platform/errors.js';
import { actorFromScimToken, SCIM_TOKEN_PREFIX } from '../scim/service.js';
import { actorFromSession, actorFromToken, SESSION_COOKIE } from './sessions.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the actor of every API and SCIM request from a Bearer token (a personal `lsc_…` one or
 * a directory's `scim_…` one, or one of `credentials`, which other modules issue) or the session cookie. Cookie requests that change something must
 * echo the CSRF token (double submit); Bearer requests carry no ambient credential, so they need
 * none.
 */
export function installAuthentication(app: FastifyInstance, db: Db, clock: Clock, credentials: readonly BearerCredential[] = []) {
  app.decorateRequest('actor', null);
  async function resolveActor(req: FastifyRequest, scim: boolean) {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      const bearer = auth.slice(7).trim();
      const directory = bearer.startsWith(SCIM_TOKEN_PREFIX);
      const other = credentials.find((c) => bearer.startsWith(c.prefix));
      req.actor = directory
        ? await actorFromScimToken(db, bearer, req.id)
        : other
          ? await other.resolve(bearer, req.id)
          : await actorFromToken(db, bearer, clock.now(), req.id);
      if (!req.actor) throw new DomainError('UNAUTHENTICATED', 401, 'The API token is not valid.');
      // A directory's token syncs the directory and reaches nothing else, not even public routes.
      if (directory && !scim) throw new DomainError('FORBIDDEN', 403, 'A SCIM token can only call /scim/v2.');
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const actor = await actorFromSession(db, cookie, clock.now(), req.id);
    if (!actor) return;
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, actor.csrfToken)) {
        throw new DomainError('CSRF_FAILED', 403, 'Missing or wrong X-CSRF-Token header.');
      }
    }
    const { csrfToken: _, ...rest } = actor;
    req.actor = rest;
  }

  // A callback hook that goes async only for a request with credentials: an anonymous one (a
  // machine's activation) is on the hot path, and needs no promise.
  app.addHook('onRequest', (req, _reply, done) => {
    const scim = req.url.startsWith('/scim/');
    if (!req.url.startsWith('/api/') && !scim) return done();
    if (req.headers.authorization === undefined && !req.cookies[SESSION_COOKIE]) return done();
    resolveActor(req, scim).then(
      () => done(),
      (e: Error) => done(e),
    );
  });
}
