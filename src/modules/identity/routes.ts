import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/guard.js';
import { LocaleSchema, MeSchema, TokenSchema } from './schemas.js';
import type { IdentityService } from './service.js';

/** The signed-in user's own account: /me and personal API tokens. */
export function identityRoutes(identity: IdentityService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

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
