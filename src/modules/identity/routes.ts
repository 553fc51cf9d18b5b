import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/guard.js';
import { SecondStepSchema } from './mfa/schemas.js';
import { Email, LocaleSchema, MeSchema, TokenSchema } from './schemas.js';
import type { IdentityService } from './service.js';
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

export function identityRoutes(identity: IdentityService, opts: { secureCookies: boolean }) {
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
        const s = await identity.signIn({ ...req.body, ip: req.ip, requestId: req.id });
        if (s.kind === 'second-step') return { secondStep: s.secondStep };
        setSessionCookies(reply, s, opts);
        return { user: s.user };
      },
    );

    app.post(
      '/auth/sign-out',
      { config: { action: 'self' }, schema: { tags: ['auth'], summary: 'End the session', response: { 204: z.null() } } },
      async (req, reply) => {
        await identity.signOut(actorOf(req), req.cookies[SESSION_COOKIE]);
        reply.clearCookie(SESSION_COOKIE, cookie).clearCookie(CSRF_COOKIE, cookie);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/me',
      { config: { action: 'self' }, schema: { tags: ['me'], summary: 'The signed-in user', response: { 200: MeSchema } } },
      async (req) => identity.me(actorOf(req).userId),
    );

    app.patch(
      '/me',
      {
        config: { action: 'self' },
        schema: {
          tags: ['me'],
          summary: 'Change the signed-in user’s settings (language, remembered per user)',
          body: z.object({ locale: LocaleSchema }),
          response: { 200: MeSchema },
        },
      },
      async (req) => identity.setLocale(actorOf(req), req.body.locale),
    );

    app.get(
      '/me/tokens',
      {
        config: { action: 'self' },
        schema: {
          tags: ['me'],
          summary: 'Personal API tokens (without their secrets)',
          response: { 200: z.object({ items: z.array(TokenSchema) }) },
        },
      },
      async (req) => ({ items: await identity.listTokens(actorOf(req)) }),
    );

    app.post(
      '/me/tokens',
      {
        config: { action: 'self' },
        schema: {
          tags: ['me'],
          summary: 'Create a personal API token for scripts (Authorization: Bearer); the secret is shown once',
          body: z.object({ name: z.string().trim().min(1).max(80), expiresInDays: z.number().int().min(1).max(366).default(90) }),
          response: { 201: TokenSchema.extend({ token: z.string() }) },
        },
      },
      async (req, reply) => {
        const created = await identity.createToken(actorOf(req), req.body);
        return reply.status(201).send(created);
      },
    );

    app.delete(
      '/me/tokens/:tokenId',
      {
        config: { action: 'self' },
        schema: {
          tags: ['me'],
          summary: 'Revoke a personal API token',
          params: z.object({ tokenId: z.uuid() }),
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await identity.revokeToken(actorOf(req), req.params.tokenId);
        return reply.status(204).send(null);
      },
    );
  };
}
