import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/http/guard.js';
import type { ModuleDeps, ModuleRoutes } from '../../../platform/module.js';
import { Email } from '../schemas.js';
import { SESSION_COOKIE } from '../sign-in/sessions.js';
import { createRecoveryService } from './service.js';

/** The secret of a reset link (32 random bytes, base64url); sent in bodies, never in an API path. */
const ResetToken = z
  .string()
  .trim()
  .min(20)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'not a link token');
// Length and content are the registration rule's (WEAK_PASSWORD), not the schema's.
const Password = z.string().min(1).max(200);

export function recoveryModule(deps: ModuleDeps): ModuleRoutes {
  const recovery = createRecoveryService(deps);
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const from = (req: { ip: string; id: string }) => ({ ip: req.ip, requestId: req.id });

    app.post(
      '/auth/password-reset/request',
      {
        config: { action: 'public' },
        schema: {
          tags: ['account recovery'],
          summary:
            'Forgot password: mails the owner of a password account a single-use link. The answer is the same whether or not the address has an account.',
          body: z.object({ email: Email }),
          response: { 202: z.object({ expiresInMinutes: z.number().int() }) },
        },
      },
      async (req, reply) => reply.status(202).send(await recovery.requestReset(req.body, from(req))),
    );

    app.post(
      '/auth/password-reset/check',
      {
        config: { action: 'public' },
        schema: {
          tags: ['account recovery'],
          summary: 'Whether a reset link still works, and for which account (shown before the new-password form); uses nothing up',
          body: z.object({ token: ResetToken }),
          response: { 200: z.object({ email: z.string(), expiresAt: z.date() }) },
        },
      },
      async (req) => recovery.checkLink(req.body.token, from(req)),
    );

    app.post(
      '/auth/password-reset',
      {
        config: { action: 'public' },
        schema: {
          tags: ['account recovery'],
          summary:
            'Set a new password with a reset link: the link is spent, every session and API token of the user ends, the user is mailed. Signs nobody in.',
          body: z.object({ token: ResetToken, password: Password }),
          response: { 200: z.object({ email: z.string() }) },
        },
      },
      async (req) => recovery.resetPassword(req.body, from(req)),
    );

    app.get(
      '/me/password',
      {
        config: { action: 'self' },
        schema: {
          tags: ['me'],
          summary: 'Whether I sign in with a password here, and whether my organization uses single sign-on',
          response: { 200: z.object({ hasPassword: z.boolean(), singleSignOn: z.boolean() }) },
        },
      },
      async (req) => recovery.passwordStatus(actorOf(req)),
    );

    app.put(
      '/me/password',
      {
        config: { action: 'self' },
        schema: {
          tags: ['me'],
          summary: 'Change my password: the current one is required; my other sessions end, this one stays; I am mailed',
          body: z.object({ currentPassword: Password, newPassword: Password }),
          response: { 200: z.object({ otherSessionsEnded: z.number().int() }) },
        },
      },
      async (req) => recovery.changePassword(actorOf(req), req.body, req.cookies[SESSION_COOKIE]),
    );
  };
}
