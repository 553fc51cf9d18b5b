import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/http/guard.js';
import { SecondStepSchema } from '../mfa/schemas.js';
import { Email, MeSchema } from '../schemas.js';
import type { SignInService } from './service.js';
import { CSRF_COOKIE, SESSION_COOKIE } from './sessions.js';

/** Starts the browser session: the HttpOnly session cookie and the CSRF cookie the portal echoes. */
export function setSessionCookies(
  reply: FastifyReply,
  s: { token: string; csrfToken: string; expiresAt: Date },
  opts: { secureCookies: boolean },
): FastifyReply {
  const cookie = { path: '/', sameSite: 'lax' as const, secure: opts.secureCookies };
  return reply
    .setCookie(SESSION_COOKIE, s.token, { ...cookie, httpOnly: true, expires: s.expiresAt })
    .setCookie(CSRF_COOKIE, s.csrfToken, { ...cookie, httpOnly: false, expires: s.expiresAt });
}

export function signInRoutes(signIn: SignInService, opts: { secureCookies: boolean }) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const cookie = { path: '/', sameSite: 'lax' as const, secure: opts.secureCookies };

    app.post(
      '/auth/sign-in',
      {
        config: { action: 'public' },
        schema: {
          tags: ['auth'],
          summary:
            'Sign in with a work account and password. Without a second factor: sets the session and CSRF cookies and answers the user. ' +
            'With one (or when the organization requires one): answers `secondStep` and sets no cookie; POST /auth/sign-in/second-factor ' +
            '(or /auth/sign-in/enrol) completes the sign-in. Failures are counted per account and client address; 429 carries Retry-After.',
          body: z.object({ email: Email, password: z.string().min(1).max(200) }),
          response: { 200: z.union([z.object({ user: MeSchema }), z.object({ secondStep: SecondStepSchema })]) },
        },
      },
      async (req, reply) => {
        const s = await signIn.signIn({ ...req.body, ip: req.ip, requestId: req.id });
        if (s.kind === 'second-step') return { secondStep: s.secondStep };
        setSessionCookies(reply, s, opts);
        return { user: s.user };
      },
    );

    app.post(
      '/auth/sign-out',
      { config: { action: 'self' }, schema: { tags: ['auth'], summary: 'End the session', response: { 204: z.null() } } },
      async (req, reply) => {
        await signIn.signOut(actorOf(req), req.cookies[SESSION_COOKIE]);
        reply.clearCookie(SESSION_COOKIE, cookie).clearCookie(CSRF_COOKIE, cookie);
        return reply.status(204).send(null);
      },
    );
  };
}
