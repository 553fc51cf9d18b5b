import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../../platform/errors.js';
import { actorOf } from '../../../platform/http/guard.js';
import type { ModuleDeps, ModuleRoutes } from '../../../platform/module.js';
import type { RoleGrants } from '../role-grants.js';
import { Email } from '../schemas.js';
import { createScimService } from '../scim/service.js';
import { CSRF_COOKIE, SESSION_COOKIE } from '../sign-in/sessions.js';
import { sameSitePath } from './rules.js';
import { createSsoService } from './service.js';

/** Binds a sign-in in flight to the browser that started it; only the SSO routes see it. */
const STATE_COOKIE = 'lsc_sso';
const STATE_COOKIE_PATH = '/api/v1/auth/sso';

const Param = (max: number) => z.string().trim().max(max).optional();

const SsoSettingsSchema = z.object({
  provider: z
    .object({ issuer: z.string(), clientId: z.string(), enabled: z.boolean(), createdAt: z.date() })
    .nullable()
    .describe('null: single sign-on is not set up. The client secret is never returned.'),
  redirectUri: z.string().describe("Register this redirect URI with the client at the organization's identity provider"),
});
z.globalRegistry.add(SsoSettingsSchema, { id: 'SsoSettings' });

const ScimTokenSchema = z.object({ id: z.uuid(), name: z.string(), createdAt: z.date() });
z.globalRegistry.add(ScimTokenSchema, { id: 'ScimToken' });

export function ssoModule(deps: ModuleDeps, grants: Pick<RoleGrants, 'organizationAdministrators'>): ModuleRoutes {
  const sso = createSsoService(deps, grants);
  const scim = createScimService(deps, grants);
  const secure = deps.config.publicUrl.startsWith('https:');
  const cookie = { path: '/', sameSite: 'lax' as const, secure };
  const stateCookie = { path: STATE_COOKIE_PATH, sameSite: 'lax' as const, secure, httpOnly: true };

  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/auth/sso/start',
      {
        config: { action: 'public' },
        schema: {
          tags: ['auth'],
          summary: "Start single sign-on: finds the organization by the address's domain and redirects to its identity provider",
          querystring: z.object({
            email: Email,
            returnTo: z
              .string()
              .trim()
              .max(500)
              .default('/')
              .refine((v) => sameSitePath(v) !== null, 'a path on this site, such as /licenses'),
          }),
          response: { 302: z.null().describe("Redirect to the identity provider's authorization endpoint") },
        },
      },
      async (req, reply) => {
        const started = await sso.start({ email: req.query.email, returnTo: req.query.returnTo, ip: req.ip });
        reply.setCookie(STATE_COOKIE, started.state, { ...stateCookie, expires: started.expiresAt });
        return reply.redirect(started.url, 302);
      },
    );

    app.get(
      '/auth/sso/callback',
      {
        config: { action: 'public' },
        schema: {
          tags: ['auth'],
          summary:
            'Where the identity provider returns: signs in (same cookies as password sign-in) and redirects to returnTo, or to /sign-in?error=<CODE>',
          querystring: z.object({
            state: Param(500),
            code: Param(4000),
            iss: Param(500),
            error: Param(200),
            error_description: Param(2000),
            session_state: Param(500),
          }),
          response: { 302: z.null().describe('Redirect to returnTo, or to /sign-in?error=<CODE> (E04, SSO_STATE_INVALID, …)') },
        },
      },
      async (req, reply) => {
        reply.clearCookie(STATE_COOKIE, stateCookie);
        const at = req.url.indexOf('?');
        try {
          const s = await sso.callback({
            rawQuery: at >= 0 ? req.url.slice(at + 1) : '',
            state: req.query.state,
            cookieState: req.cookies[STATE_COOKIE],
            ip: req.ip,
            requestId: req.id,
          });
          reply
            .setCookie(SESSION_COOKIE, s.token, { ...cookie, httpOnly: true, expires: s.expiresAt })
            .setCookie(CSRF_COOKIE, s.csrfToken, { ...cookie, httpOnly: false, expires: s.expiresAt });
          return reply.redirect(s.returnTo, 302);
        } catch (err) {
          // A browser arrives here, not a script: every refusal is a page of the portal that explains its code.
          const code = err instanceof DomainError ? err.code : 'SSO_FAILED';
          if (!(err instanceof DomainError)) req.log.error({ err }, 'SSO callback failed');
          return reply.redirect(`/sign-in?error=${encodeURIComponent(code)}`, 302);
        }
      },
    );

    app.get(
      '/organization/sso',
      {
        config: { action: 'organization.manage' },
        schema: {
          tags: ['organization'],
          summary: "The organization's single sign-on (OpenID Connect) settings, without the client secret",
          response: { 200: SsoSettingsSchema },
        },
      },
      async (req) => sso.settings(actorOf(req)),
    );

    app.put(
      '/organization/sso',
      {
        config: { action: 'organization.manage' },
        schema: {
          tags: ['organization'],
          summary: "Save the single sign-on settings; the issuer's discovery document is read first (OIDC_DISCOVERY_FAILED: nothing saved)",
          body: z.object({
            issuer: z
              .string()
              .trim()
              .pipe(z.url({ protocol: /^https?$/ }).max(500)),
            clientId: z.string().trim().min(1).max(200),
            clientSecret: z.string().trim().min(1).max(500).optional().describe('Required the first time; omit to keep the saved one'),
            enabled: z.boolean().default(true),
          }),
          response: { 200: SsoSettingsSchema },
        },
      },
      async (req) => sso.saveSettings(actorOf(req), req.body),
    );

    app.delete(
      '/organization/sso',
      {
        config: { action: 'organization.manage' },
        schema: {
          tags: ['organization'],
          summary: 'Remove single sign-on; users sign in with their passwords',
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await sso.removeSettings(actorOf(req));
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/organization/scim-tokens',
      {
        config: { action: 'organization.manage' },
        schema: {
          tags: ['organization'],
          summary: "The directory's SCIM tokens (without their secrets) and the SCIM base URL to give the directory",
          response: { 200: z.object({ items: z.array(ScimTokenSchema), scimBaseUrl: z.string() }) },
        },
      },
      async (req) => ({ items: await scim.listTokens(actorOf(req)), scimBaseUrl: scim.scimBaseUrl }),
    );

    app.post(
      '/organization/scim-tokens',
      {
        config: { action: 'organization.manage' },
        schema: {
          tags: ['organization'],
          summary: 'Create a SCIM token for the directory (Authorization: Bearer scim_…); the secret is shown once',
          body: z.object({ name: z.string().trim().min(1).max(80) }),
          response: { 201: ScimTokenSchema.extend({ token: z.string(), scimBaseUrl: z.string() }) },
        },
      },
      async (req, reply) => reply.status(201).send(await scim.createToken(actorOf(req), req.body.name)),
    );

    app.delete(
      '/organization/scim-tokens/:tokenId',
      {
        config: { action: 'organization.manage' },
        schema: {
          tags: ['organization'],
          summary: 'Revoke a SCIM token; the directory can no longer sync with it',
          params: z.object({ tokenId: z.uuid() }),
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        await scim.revokeToken(actorOf(req), req.params.tokenId);
        return reply.status(204).send(null);
      },
    );
  };
}
