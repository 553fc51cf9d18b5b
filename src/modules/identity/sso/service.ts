import { and, eq, isNull, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { safeEqual } from '../../../platform/auth/secrets.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { DomainError, invalid } from '../../../platform/errors.js';
import { enqueueMail } from '../../../platform/mail/outbox.js';
import type { ModuleDeps } from '../../../platform/module.js';
import { outbound } from '../../../platform/net/outbound.js';
import { hit } from '../../../platform/rate-limit.js';
import { identityMails } from '../mails.js';
import { mailAdministrators, minuteStamp } from '../notices.js';
import type { RoleGrants } from '../role-grants.js';
import { emailDomain, normalizeEmail } from '../rules.js';
import { createSession } from '../sign-in/sessions.js';
import { directoryEntry, invitation, oidcProvider, organization, ssoState, user } from '../tables.js';
import { authorizationRequest, completeSignIn, discoverProvider, openSecret, type ProviderSettings, sealSecret } from './oidc.js';
import { decideSsoSignIn, sameSitePath } from './rules.js';

export interface SsoSettingsInput {
  issuer: string;
  clientId: string;
  /** Absent: keep the saved one (it is never shown again). */
  clientSecret?: string;
  enabled: boolean;
}

export function createSsoService({ db, config, clock, secrets }: ModuleDeps, grants: Pick<RoleGrants, 'organizationAdministrators'>) {
  const redirectUri = `${config.publicUrl}/api/v1/auth/sso/callback`;
  const settingsUrl = `${config.publicUrl}/administration`;
  const stateTtlMs = config.SSO_STATE_TTL_MINUTES * 60_000;
  const sealed = (plain: string) => sealSecret(secrets.keyEncryptionKey, plain);
  const opened = (stored: string) => openSecret(secrets.keyEncryptionKey, stored);
  const network = { allowInsecureHttp: config.OIDC_ALLOW_INSECURE_HTTP, fetch: outbound(config.OUTBOUND_ALLOW_PRIVATE).fetch };

  async function savedProvider(organizationId: string, onlyEnabled: boolean) {
    const [row] = await db
      .select()
      .from(oidcProvider)
      .where(and(eq(oidcProvider.organizationId, organizationId), onlyEnabled ? eq(oidcProvider.enabled, true) : undefined));
    return row ?? null;
  }

  const notConfigured = () => new DomainError('SSO_NOT_CONFIGURED', 404, 'Single sign-on is not set up for this organization.');

  async function settings(actor: Actor) {
    const row = await savedProvider(actor.organizationId, false);
    return {
      provider: row ? { issuer: row.issuer, clientId: row.clientId, enabled: row.enabled, createdAt: row.createdAt } : null,
      redirectUri,
    };
  }

  const organizationName = async (tx: DbOrTx, id: string) =>
    (await tx.select({ name: organization.name }).from(organization).where(eq(organization.id, id)))[0]?.name ?? '';

  /** Subjects are per issuer: a new identity provider starts with no user bound to one of its accounts. */
  const unbindSubjects = (tx: DbOrTx, organizationId: string) =>
    tx.update(user).set({ ssoSubject: null }).where(eq(user.organizationId, organizationId));

  return {
    redirectUri,
    settings,

    /**
     * Reads the issuer's discovery document first (outside the transaction): an issuer that does
     * not answer as an OpenID provider is refused and nothing is saved.
     */
    async saveSettings(actor: Actor, input: SsoSettingsInput) {
      const existing = await savedProvider(actor.organizationId, false);
      const clientSecret = input.clientSecret ?? (existing ? opened(existing.clientSecret) : null);
      if (!clientSecret) {
        throw invalid('VALIDATION_FAILED', 'The client secret is required when single sign-on is first set up.', {
          errors: [{ path: 'body.clientSecret', message: 'required when single sign-on is first set up' }],
        });
      }
      const provider: ProviderSettings = { issuer: input.issuer, clientId: input.clientId, clientSecret };
      await discoverProvider(provider, network);
      const now = clock.now();
      await db.transaction(async (tx) => {
        const [before] = await tx
          .select({ issuer: oidcProvider.issuer, clientId: oidcProvider.clientId, enabled: oidcProvider.enabled })
          .from(oidcProvider)
          .where(eq(oidcProvider.organizationId, actor.organizationId))
          .for('update');
        const values = { issuer: input.issuer, clientId: input.clientId, clientSecret: sealed(clientSecret), enabled: input.enabled };
        await tx
          .insert(oidcProvider)
          .values({ organizationId: actor.organizationId, createdAt: now, ...values })
          .onConflictDoUpdate({ target: oidcProvider.organizationId, set: values });
        if (before && before.issuer !== input.issuer) await unbindSubjects(tx, actor.organizationId);
        await audit(tx, actor, {
          action: 'sso.settings.save',
          targetType: 'organization',
          targetId: actor.organizationId,
          before: before ?? null,
          after: {
            issuer: input.issuer,
            clientId: input.clientId,
            enabled: input.enabled,
            clientSecretChanged: input.clientSecret !== undefined,
          },
        });
        const org = await organizationName(tx, actor.organizationId);
        await mailAdministrators(tx, grants, actor.organizationId, identityMails.ssoSettingsSaved, (r) => ({
          firstName: r.firstName || r.email,
          actorEmail: actor.email,
          organization: org,
          at: minuteStamp(now),
          issuer: input.issuer,
          clientId: input.clientId,
          url: settingsUrl,
        }));
      });
      return settings(actor);
    },

    async removeSettings(actor: Actor) {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const [before] = await tx
          .delete(oidcProvider)
          .where(eq(oidcProvider.organizationId, actor.organizationId))
          .returning({ issuer: oidcProvider.issuer, clientId: oidcProvider.clientId, enabled: oidcProvider.enabled });
        if (!before) throw notConfigured();
        await tx.delete(ssoState).where(eq(ssoState.organizationId, actor.organizationId));
        await unbindSubjects(tx, actor.organizationId);
        await audit(tx, actor, { action: 'sso.settings.remove', targetType: 'organization', targetId: actor.organizationId, before });
        const org = await organizationName(tx, actor.organizationId);
        await mailAdministrators(tx, grants, actor.organizationId, identityMails.ssoSettingsRemoved, (r) => ({
          firstName: r.firstName || r.email,
          actorEmail: actor.email,
          organization: org,
          at: minuteStamp(now),
          url: settingsUrl,
        }));
      });
    },

    /**
     * Finds the organization by the address's domain and sends the browser to its identity
     * provider. State, nonce and PKCE verifier wait in sso_state; `state` also goes into a cookie
     * so that only the browser that started a sign-in can finish it (no login CSRF).
     */
    async start(input: { email: string; returnTo: string; ip: string }) {
      const now = clock.now();
      const attempts = await hit(db, `sso-start:ip:${input.ip}`, config.SIGN_IN_WINDOW_SECONDS, now);
      if (attempts > config.SIGN_IN_IP_LIMIT) {
        throw new DomainError('RATE_LIMITED', 429, 'Too many sign-in attempts.', { retryAfterSeconds: config.SIGN_IN_WINDOW_SECONDS });
      }
      const email = normalizeEmail(input.email);
      const [found] = await db
        .select({
          organizationId: oidcProvider.organizationId,
          issuer: oidcProvider.issuer,
          clientId: oidcProvider.clientId,
          secret: oidcProvider.clientSecret,
        })
        .from(oidcProvider)
        .innerJoin(organization, eq(organization.id, oidcProvider.organizationId))
        .where(and(eq(oidcProvider.enabled, true), sql`${emailDomain(email)} = any(${organization.domains})`))
        .limit(1);
      if (!found) throw notConfigured();
      let discovered: Awaited<ReturnType<typeof discoverProvider>>;
      try {
        discovered = await discoverProvider(
          { issuer: found.issuer, clientId: found.clientId, clientSecret: opened(found.secret) },
          network,
        );
      } catch (err) {
        // The organization's provider is down: not the caller's mistake.
        throw new DomainError('OIDC_DISCOVERY_FAILED', 502, (err as Error).message);
      }
      const request = await authorizationRequest(discovered, redirectUri, email);
      await db.transaction(async (tx) => {
        await tx.delete(ssoState).where(sql`${ssoState.createdAt} < ${new Date(now.getTime() - stateTtlMs).toISOString()}`);
        await tx.insert(ssoState).values({
          state: request.state,
          organizationId: found.organizationId,
          nonce: request.nonce,
          codeVerifier: request.codeVerifier,
          returnTo: input.returnTo,
          createdAt: now,
        });
      });
      return { url: request.url.href, state: request.state, expiresAt: new Date(now.getTime() + stateTtlMs) };
    },

    /**
     * The provider's redirect back. The state is consumed before anything else, so a replayed
     * callback finds nothing; the code exchange (network) runs outside the transaction; the user
     * is then signed in, created (self sign-up) or refused in one transaction.
     */
    async callback(input: { rawQuery: string; state: string | undefined; cookieState: string | undefined; ip: string; requestId: string }) {
      const now = clock.now();
      const invalidState = () => new DomainError('SSO_STATE_INVALID', 400, 'The sign-in state is unknown, expired or already used.');
      if (!input.state || !input.cookieState || !safeEqual(input.state, input.cookieState)) throw invalidState();
      const [pending] = await db.delete(ssoState).where(eq(ssoState.state, input.state)).returning();
      if (!pending || now.getTime() - pending.createdAt.getTime() > stateTtlMs) throw invalidState();
      const orgId = pending.organizationId;
      const provider = await savedProvider(orgId, true);
      if (!provider) throw notConfigured();
      const refused = async (code: string, after: Record<string, unknown>) =>
        audit(db, null, {
          action: 'auth.sso-refused',
          targetType: 'organization',
          targetId: orgId,
          organizationId: orgId,
          after: { code, ...after },
        });

      let identity: Awaited<ReturnType<typeof completeSignIn>>;
      try {
        const discovered = await discoverProvider(
          { issuer: provider.issuer, clientId: provider.clientId, clientSecret: opened(provider.clientSecret) },
          network,
        );
        identity = await completeSignIn(discovered, new URL(`${redirectUri}?${input.rawQuery}`), pending);
      } catch (err) {
        if (err instanceof DomainError) await refused(err.code, { reason: err.message, ip: input.ip });
        throw err;
      }

      const result = await db.transaction(async (tx) => {
        const [org] = await tx.select().from(organization).where(eq(organization.id, orgId));
        if (!org) throw notConfigured();
        const email = identity.email ?? '';
        const [existing] = email
          ? await tx
              .select({
                id: user.id,
                organizationId: user.organizationId,
                status: user.status,
                ssoSubject: user.ssoSubject,
                firstName: user.firstName,
              })
              .from(user)
              .where(sql`lower(${user.email}) = ${email}`)
              .for('update')
          : [];
        const [entry] = email
          ? await tx
              .select({ active: directoryEntry.active })
              .from(directoryEntry)
              .where(and(eq(directoryEntry.organizationId, orgId), sql`lower(${directoryEntry.email}) = ${email}`))
          : [];
        const outcome = decideSsoSignIn({ identity, organization: org, user: existing ?? null, entry: entry ?? null });
        if (outcome.kind === 'refuse') {
          await audit(tx, null, {
            action: 'auth.sso-refused',
            targetType: 'user',
            targetId: existing?.id ?? null,
            organizationId: orgId,
            after: { code: outcome.code, email: identity.email, subject: identity.subject, ip: input.ip },
          });
          return outcome;
        }
        if (outcome.recordEntry) {
          await tx.insert(directoryEntry).values({ organizationId: orgId, email, active: true, updatedAt: now }).onConflictDoNothing();
        }
        let userId: string;
        if (outcome.kind === 'create') {
          const [created] = await tx
            .insert(user)
            .values({
              organizationId: orgId,
              email,
              firstName: identity.givenName ?? '',
              lastName: identity.familyName ?? '',
              emailVerifiedAt: now,
              lastSignInAt: now,
              ssoSubject: identity.subject,
              status: 'active',
            })
            .returning({ id: user.id, locale: user.locale });
          if (!created) throw new Error('insert returned nothing');
          userId = created.id;
          await audit(
            tx,
            { userId, organizationId: orgId, requestId: input.requestId },
            {
              action: 'user.sso-sign-up',
              targetType: 'user',
              targetId: userId,
              after: { email, subject: identity.subject, permissions: 0 },
            },
          );
          await enqueueMail(tx, {
            to: email,
            locale: created.locale,
            template: identityMails.ssoAccountCreated,
            params: { firstName: identity.givenName ?? email, email, organization: org.name, url: `${config.publicUrl}/` },
          });
        } else {
          userId = existing?.id ?? '';
          await tx
            .update(user)
            .set({
              lastSignInAt: now,
              ...(outcome.bindSubject ? { ssoSubject: identity.subject } : {}),
              ...(outcome.activate ? { status: 'active' as const, emailVerifiedAt: now } : {}),
            })
            .where(eq(user.id, userId));
          // The organization's own identity provider vouches for the invited address.
          if (outcome.activate) {
            await tx
              .update(invitation)
              .set({ acceptedAt: now })
              .where(and(eq(invitation.userId, userId), isNull(invitation.acceptedAt), isNull(invitation.revokedAt)));
          }
        }
        await audit(
          tx,
          { userId, organizationId: orgId, requestId: input.requestId },
          {
            action: 'auth.sign-in',
            targetType: 'user',
            targetId: userId,
            after: {
              ip: input.ip,
              method: 'sso',
              ...(outcome.kind === 'sign-in' && outcome.bindSubject ? { subjectBound: identity.subject } : {}),
              ...(outcome.kind === 'sign-in' && outcome.activate ? { activated: true } : {}),
            },
          },
        );
        return { kind: outcome.kind, userId };
      });
      if (result.kind === 'refuse') throw new DomainError(result.code, 403, 'The sign-in was refused.');
      const session = await createSession(db, result.userId, now, config.SESSION_TTL_HOURS);
      return { ...session, returnTo: sameSitePath(pending.returnTo) ?? '/' };
    },
  };
}

export type SsoService = ReturnType<typeof createSsoService>;
