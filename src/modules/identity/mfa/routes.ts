import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/http/guard.js';
import type { ModuleDeps } from '../../../platform/module.js';
import { MeSchema } from '../schemas.js';
import type { IdentityService } from '../service.js';
import { setSessionCookies } from '../sign-in/routes.js';
import {
  AuthenticationResponseSchema,
  Challenge,
  PasskeyName,
  PasskeySchema,
  Password,
  RecoveryCodeInput,
  RecoveryCodesSchema,
  RegistrationResponseSchema,
  SecurityOverviewSchema,
  TotpCode,
  WebauthnOptionsSchema,
} from './schemas.js';
import { createSecondFactorService, type SecondFactorService } from './service.js';

const TotpSetupSchema = z.object({
  secret: z.string().describe('The shared secret in Base32, for typing into an app that cannot scan'),
  uri: z.string().describe('otpauth:// URI, for the QR code'),
});
z.globalRegistry.add(TotpSetupSchema, { id: 'TotpSetup' });

/**
 * The second factor: the sign-in's second step (public: it carries the token of the password
 * step, and only its completion sets the session cookie) and the user's own factors (self).
 */
export function secondFactorRoutes(factors: SecondFactorService, opts: { secureCookies: boolean }) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    // ---- Second step of sign-in ----------------------------------------------------------------------

    app.post(
      '/auth/sign-in/passkey-options',
      {
        config: { action: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Second step: WebAuthn options for signing in with one of the user’s passkeys',
          body: z.object({ challenge: Challenge }),
          response: { 200: WebauthnOptionsSchema },
        },
      },
      async (req) => ({ ...(await factors.signInPasskeyOptions(req.body.challenge)) }),
    );

    app.post(
      '/auth/sign-in/second-factor',
      {
        config: { action: 'public' },
        schema: {
          tags: ['auth'],
          summary:
            'Second step: a code of the authenticator app, a recovery code (once each) or a passkey; starts the session (cookies). ' +
            'Wrong codes are counted per account (429 with Retry-After).',
          body: z.discriminatedUnion('method', [
            z.object({ challenge: Challenge, method: z.literal('totp'), code: TotpCode }),
            z.object({ challenge: Challenge, method: z.literal('recovery'), code: RecoveryCodeInput }),
            z.object({ challenge: Challenge, method: z.literal('passkey'), response: AuthenticationResponseSchema }),
          ]),
          response: { 200: z.object({ user: MeSchema }) },
        },
      },
      async (req, reply) => {
        const { challenge, ...proof } = req.body;
        const s = await factors.completeSignIn(challenge, proof, req.ip, req.id);
        setSessionCookies(reply, s, opts);
        return { user: s.user };
      },
    );

    app.post(
      '/auth/sign-in/enrol/totp',
      {
        config: { action: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Enrolment step (the organization requires a second factor): a new authenticator-app secret to confirm',
          body: z.object({ challenge: Challenge }),
          response: { 200: TotpSetupSchema },
        },
      },
      async (req) => factors.enrolTotp(req.body.challenge),
    );

    app.post(
      '/auth/sign-in/enrol/passkey-options',
      {
        config: { action: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Enrolment step: WebAuthn options for registering a passkey',
          body: z.object({ challenge: Challenge }),
          response: { 200: WebauthnOptionsSchema },
        },
      },
      async (req) => ({ ...(await factors.enrolPasskeyOptions(req.body.challenge)) }),
    );

    app.post(
      '/auth/sign-in/enrol',
      {
        config: { action: 'public' },
        schema: {
          tags: ['auth'],
          summary:
            'Enrolment step: confirm the new authenticator app (a first code) or passkey; starts the session and shows recovery codes once',
          body: z.discriminatedUnion('method', [
            z.object({ challenge: Challenge, method: z.literal('totp'), code: TotpCode }),
            z.object({ challenge: Challenge, method: z.literal('passkey'), name: PasskeyName, response: RegistrationResponseSchema }),
          ]),
          response: { 200: z.object({ user: MeSchema, recoveryCodes: RecoveryCodesSchema }) },
        },
      },
      async (req, reply) => {
        const { challenge, ...proof } = req.body;
        const s = await factors.completeEnrolment(challenge, proof, req.ip, req.id);
        setSessionCookies(reply, s, opts);
        return { user: s.user, recoveryCodes: s.recoveryCodes };
      },
    );

    // ---- The signed-in user's own factors ----------------------------------------------------------------

    app.get(
      '/me/security',
      {
        config: { action: 'self' },
        schema: {
          tags: ['me'],
          summary: 'Sign-in security: the authenticator app, passkeys and recovery codes of the signed-in user',
          response: { 200: SecurityOverviewSchema },
        },
      },
      async (req) => factors.overview(actorOf(req)),
    );

    app.post(
      '/me/security/totp',
      {
        config: { action: 'self' },
        schema: {
          tags: ['me'],
          summary: 'Start setting up an authenticator app: a new secret (replacing one not yet confirmed)',
          response: { 200: TotpSetupSchema },
        },
      },
      async (req) => factors.startTotp(actorOf(req)),
    );

    app.post(
      '/me/security/totp/confirm',
      {
        config: { action: 'self' },
        schema: {
          tags: ['me'],
          summary: 'Confirm the authenticator app with a first code; the first factor comes with recovery codes (shown once)',
          body: z.object({ code: TotpCode }),
          response: { 200: z.object({ recoveryCodes: RecoveryCodesSchema }) },
        },
      },
      async (req) => factors.confirmTotp(actorOf(req), req.body.code),
    );

    app.delete(
      '/me/security/totp',
      {
        config: { action: 'self' },
        schema: {
          tags: ['me'],
          summary: 'Remove the authenticator app (asks for the password; refused for the last factor when the organization requires one)',
          body: z.object({ password: Password }),
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await factors.removeTotp(actorOf(req), req.body.password, req.ip);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/me/security/passkeys/options',
      {
        config: { action: 'self' },
        schema: {
          tags: ['me'],
          summary: 'WebAuthn options for registering a passkey (valid for five minutes)',
          response: { 200: WebauthnOptionsSchema },
        },
      },
      async (req) => ({ ...(await factors.passkeyOptions(actorOf(req))) }),
    );

    app.post(
      '/me/security/passkeys',
      {
        config: { action: 'self' },
        schema: {
          tags: ['me'],
          summary: 'Register a passkey under a name; the first factor comes with recovery codes (shown once)',
          body: z.object({ name: PasskeyName, response: RegistrationResponseSchema }),
          response: { 201: z.object({ passkey: PasskeySchema, recoveryCodes: RecoveryCodesSchema }) },
        },
      },
      async (req, reply) => reply.status(201).send(await factors.addPasskey(actorOf(req), req.body)),
    );

    app.patch(
      '/me/security/passkeys/:passkeyId',
      {
        config: { action: 'self' },
        schema: {
          tags: ['me'],
          summary: 'Rename a passkey',
          params: z.object({ passkeyId: z.uuid() }),
          body: z.object({ name: PasskeyName }),
          response: { 200: PasskeySchema },
        },
      },
      async (req) => factors.renamePasskey(actorOf(req), req.params.passkeyId, req.body.name),
    );

    app.delete(
      '/me/security/passkeys/:passkeyId',
      {
        config: { action: 'self' },
        schema: {
          tags: ['me'],
          summary: 'Remove a passkey (asks for the password; refused for the last factor when the organization requires one)',
          params: z.object({ passkeyId: z.uuid() }),
          body: z.object({ password: Password }),
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await factors.removePasskey(actorOf(req), req.params.passkeyId, req.body.password, req.ip);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/me/security/recovery-codes',
      {
        config: { action: 'self' },
        schema: {
          tags: ['me'],
          summary: 'A new set of recovery codes, shown once; the old set stops working (asks for the password)',
          body: z.object({ password: Password }),
          response: { 200: z.object({ recoveryCodes: z.array(z.string()) }) },
        },
      },
      async (req) => ({ recoveryCodes: await factors.regenerateRecoveryCodes(actorOf(req), req.body.password, req.ip) }),
    );
  };
}

/** The second factor's routes, wired with the identity service's view of the signed-in user. */
export function secondFactorModule(deps: ModuleDeps, identity: Pick<IdentityService, 'me'>) {
  return secondFactorRoutes(createSecondFactorService({ ...deps, me: identity.me }), {
    secureCookies: deps.config.publicUrl.startsWith('https:'),
  });
}
