import { and, eq, inArray, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.js';
import { sha256 } from '../../../platform/auth/secrets.js';
import { conflict, DomainError, notFound } from '../../../platform/errors.js';
import { enqueueMail } from '../../../platform/mail/outbox.js';
import { identityMails } from '../mails.js';
import type { RoleGrants } from '../role-grants.js';
import { normalizeEmail } from '../rules.js';
import { emailVerification, organization, user } from '../tables.js';
import { createRegistrationChecks, day, fullName, type PublicRequest, type RegistrationDeps } from './checks.js';
import { sameAddress, verificationState } from './rules.js';

export const VERIFICATION_RESEND_PATH = '/api/v1/auth/verify-email/resend';

/**
 * Whose links work: active accounts, and self sign-ups waiting for this very link (`invited`,
 * see sign-up.ts). Deactivated and removed accounts confirm nothing.
 */
const usable = inArray(user.status, ['active', 'invited']);

/** R-ID-3 (and the self sign-up's own address): confirming an address with the mailed link. */
export function createEmailVerificationService({ db, config, clock }: RegistrationDeps, grants: Pick<RoleGrants, 'releaseHeld'>) {
  const { limit, issueVerification } = createRegistrationChecks({ db, config });

  return {
    /** R-ID-3: following the link activates exactly the grants that waited for it. */
    async verifyEmail(token: string, req: PublicRequest) {
      const now = clock.now();
      await limit(req, now);
      const [v] = await db
        .select({
          id: emailVerification.id,
          userId: emailVerification.userId,
          address: emailVerification.address,
          expiresAt: emailVerification.expiresAt,
          verifiedAt: emailVerification.verifiedAt,
          grantIds: emailVerification.grantIds,
          email: user.email,
          firstName: user.firstName,
          locale: user.locale,
          status: user.status,
          organizationId: user.organizationId,
          organizationName: organization.name,
        })
        .from(emailVerification)
        .innerJoin(user, eq(user.id, emailVerification.userId))
        .innerJoin(organization, eq(organization.id, user.organizationId))
        .where(and(eq(emailVerification.tokenHash, sha256(token)), usable));
      if (!v) throw notFound('confirmation link');
      const verificationError = (state: 'used' | 'expired') =>
        state === 'used'
          ? conflict('VERIFICATION_USED', 'This address has already been confirmed.')
          : new DomainError('VERIFICATION_EXPIRED', 410, 'The confirmation link has expired.', { resend: VERIFICATION_RESEND_PATH });
      const state = verificationState(v, now);
      if (state !== 'valid') throw verificationError(state);

      return db.transaction(async (tx) => {
        const locked = await tx.execute<{ expires_at: string; verified_at: string | null }>(
          sql`select expires_at, verified_at from email_verification where id = ${v.id} for update`,
        );
        const row = locked.rows[0];
        const current = row
          ? verificationState({ expiresAt: new Date(row.expires_at), verifiedAt: row.verified_at ? new Date(row.verified_at) : null }, now)
          : 'expired';
        if (current !== 'valid') throw verificationError(current);
        await tx.update(emailVerification).set({ verifiedAt: now }).where(eq(emailVerification.id, v.id));
        const ownAddress = sameAddress(v.address, v.email);
        // A self sign-up completes here: its account becomes usable once its own address is proven.
        const completesSignUp = ownAddress && v.status === 'invited';
        if (ownAddress) {
          await tx
            .update(user)
            .set({ emailVerifiedAt: now, ...(completesSignUp ? { status: 'active' as const } : {}) })
            .where(eq(user.id, v.userId));
        }
        const activated = await grants.releaseHeld(tx, { userId: v.userId, grantIds: v.grantIds, now });
        await audit(
          tx,
          { userId: v.userId, organizationId: v.organizationId, requestId: req.requestId },
          {
            action: 'user.verify-email',
            targetType: 'user',
            targetId: v.userId,
            before: { address: v.address, pendingGrantIds: v.grantIds, status: v.status },
            after: { verifiedAt: now, activatedGrantIds: activated, status: completesSignUp ? 'active' : v.status },
          },
        );
        if (activated.length > 0) {
          await enqueueMail(tx, {
            to: v.email,
            locale: v.locale,
            template: identityMails.emailVerified,
            params: {
              firstName: v.firstName || v.email,
              address: v.address,
              grantCount: activated.length,
              organization: v.organizationName,
              email: v.email,
              url: `${config.publicUrl}/relationship-summary`,
            },
          });
        }
        return { userId: v.userId, email: v.email, address: v.address, activatedGrants: activated.length };
      });
    },

    /** A fresh confirmation link to the same address; the old one stops working. */
    async resendVerification(token: string, req: PublicRequest) {
      const now = clock.now();
      await limit(req, now);
      const [v] = await db
        .select({
          id: emailVerification.id,
          userId: emailVerification.userId,
          address: emailVerification.address,
          verifiedAt: emailVerification.verifiedAt,
          grantIds: emailVerification.grantIds,
          email: user.email,
          firstName: user.firstName,
          lastName: user.lastName,
          locale: user.locale,
          organizationId: user.organizationId,
          organizationName: organization.name,
        })
        .from(emailVerification)
        .innerJoin(user, eq(user.id, emailVerification.userId))
        .innerJoin(organization, eq(organization.id, user.organizationId))
        .where(and(eq(emailVerification.tokenHash, sha256(token)), usable));
      if (!v) throw notFound('confirmation link');
      return db.transaction(async (tx) => {
        // Retiring every open link of the user also makes the resend safe against a concurrent one.
        const open = await tx.execute(sql`
          update email_verification set expires_at = ${now.toISOString()}
          where user_id = ${v.userId} and verified_at is null and expires_at > ${now.toISOString()} returning id`);
        // Once the address is confirmed a new link could only re-activate grants an administrator has since turned off.
        const [confirmed] = await tx
          .select({ id: emailVerification.id })
          .from(emailVerification)
          .where(
            and(
              eq(emailVerification.userId, v.userId),
              sql`lower(${emailVerification.address}) = ${normalizeEmail(v.address)}`,
              sql`${emailVerification.verifiedAt} is not null`,
            ),
          )
          .limit(1);
        if (confirmed) throw conflict('VERIFICATION_USED', 'This address has already been confirmed.');
        const link = await issueVerification(tx, v.userId, v.address, v.grantIds, now);
        const ownAddress = sameAddress(v.address, v.email);
        await enqueueMail(tx, {
          to: v.address,
          locale: v.locale,
          template: ownAddress ? identityMails.signUpCompleted : identityMails.emailVerification,
          params: ownAddress
            ? {
                firstName: v.firstName || v.email,
                email: v.email,
                organization: v.organizationName,
                expiresAt: day(link.expiresAt),
                url: link.url,
              }
            : {
                name: fullName(v.firstName, v.lastName, v.email),
                accountEmail: v.email,
                address: v.address,
                organization: v.organizationName,
                expiresAt: day(link.expiresAt),
                url: link.url,
              },
        });
        await audit(
          tx,
          { userId: v.userId, organizationId: v.organizationId, requestId: req.requestId },
          {
            action: 'user.verify-email.resend',
            targetType: 'user',
            targetId: v.userId,
            before: { retired: open.rowCount ?? 0 },
            after: { address: v.address, expiresAt: link.expiresAt },
          },
        );
        return { sentTo: v.address, expiresAt: link.expiresAt };
      });
    },
  };
}

export type EmailVerificationService = ReturnType<typeof createEmailVerificationService>;
