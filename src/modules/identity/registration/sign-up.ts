import { eq, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.js';
import { hashPassword } from '../../../platform/auth/password.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { notFound } from '../../../platform/errors.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import { enqueueMail } from '../../../platform/mail/outbox.js';
import { hit } from '../../../platform/rate-limit.js';
import { identityMails } from '../mails.js';
import { minuteStamp } from '../notices.js';
import { countryFixedError } from '../organization/service.js';
import { emailDomain, normalizeEmail } from '../rules.js';
import { organization, user } from '../tables.js';
import { createRegistrationChecks, day, isUniqueViolation, type PublicRequest, type RegistrationDeps, refusalError } from './checks.js';
import { addressWarnings, countryFixed, signUpRefusal } from './rules.js';

export interface SignUpInput {
  email: string;
  firstName: string;
  lastName: string;
  password: string;
  country: string;
  locale?: Locale;
}

/** R-ID-4: self sign-up with a work address. */
export function createSignUpService({ db, config, clock }: RegistrationDeps) {
  const { limit, addressFacts, checkPassword, issueVerification } = createRegistrationChecks({ db, config });

  return {
    /**
     * R-ID-4: an account without permissions in the organization owning the address's domain,
     * usable once the mailed link confirms the address. R-ID-7: the first sign-up confirms the
     * organization's country; later ones must match it.
     *
     * The answer is the same whether or not the address already has an account (same status,
     * same body, a password hash and a transaction either way): the mailbox decides, not the
     * answer. A new account waits (status `invited`) for its link, so signing in with the password
     * just chosen tells nothing either; an existing account's owner is mailed that someone tried.
     */
    async signUp(input: SignUpInput, req: PublicRequest) {
      const now = clock.now();
      await limit(req, now);
      const email = normalizeEmail(input.email);
      const [org] = await db
        .select({
          id: organization.id,
          name: organization.name,
          country: organization.country,
          domains: organization.domains,
          selfSignUp: organization.selfSignUp,
          restrictedDomains: organization.restrictedDomains,
          directoryRequired: organization.directoryRequired,
        })
        .from(organization)
        .where(sql`${emailDomain(email)} = any(${organization.domains})`)
        .orderBy(organization.createdAt)
        .limit(1);
      const refusal = signUpRefusal(await addressFacts(email, org?.id ?? null), org ?? null);
      if (refusal || !org) throw refusalError(refusal ?? { code: 'E04', reason: 'NO_ORGANIZATION' });
      checkPassword(input.password, email);
      const passwordHash = await hashPassword(input.password);
      const locale = input.locale ?? 'en';
      const answer = {
        email,
        organization: { name: org.name, country: input.country },
        warnings: addressWarnings(email),
      };

      try {
        await db.transaction(async (tx) => {
          // A sign-up waiting for its link holds the country it chose, as a completed one does.
          const locked = await tx.execute<{ country: string; users: number }>(sql`
            select o.country, (select count(*)::int from "user" u where u.organization_id = o.id and u.status in ('active', 'invited')) as users
            from organization o where o.id = ${org.id} for update`);
          const current = locked.rows[0];
          if (!current) throw notFound('organization');
          const countryChanges = current.country !== input.country;
          if (countryChanges && countryFixed(current.users)) throw countryFixedError(current.country);
          if (countryChanges) {
            await tx.update(organization).set({ country: input.country }).where(eq(organization.id, org.id));
            await audit(tx, null, {
              action: 'organization.country',
              targetType: 'organization',
              targetId: org.id,
              organizationId: org.id,
              before: { country: current.country },
              after: { country: input.country, by: 'sign-up' },
            });
          }

          const [existing] = await tx
            .select({ id: user.id, organizationId: user.organizationId, firstName: user.firstName, locale: user.locale })
            .from(user)
            .where(sql`lower(${user.email}) = ${email}`);
          if (existing) {
            await tellOwner(tx, existing, email, req, now);
            return;
          }

          const [created] = await tx
            .insert(user)
            .values({
              organizationId: org.id,
              email,
              firstName: input.firstName,
              lastName: input.lastName,
              passwordHash,
              locale,
              // Usable once the mailed link is followed (email-verification.ts makes it active).
              status: 'invited',
              createdAt: now,
            })
            .returning({ id: user.id });
          if (!created) throw new Error('insert returned nothing');
          const actor = { userId: created.id, organizationId: org.id, requestId: req.requestId };
          const link = await issueVerification(tx, created.id, email, [], now);
          await audit(tx, actor, {
            action: 'user.sign-up',
            targetType: 'user',
            targetId: created.id,
            after: { email, status: 'invited', organizationId: org.id },
          });
          await enqueueMail(tx, {
            to: email,
            locale,
            template: identityMails.signUpCompleted,
            params: { firstName: input.firstName, email, organization: org.name, expiresAt: day(link.expiresAt), url: link.url },
          });
        });
      } catch (e) {
        // A sign-up of the same address that committed first: the same answer as any existing account.
        if (!isUniqueViolation(e)) throw e;
      }
      return answer;
    },
  };

  /**
   * The address has an account: its owner learns someone tried (at most once per sign-in window
   * per address, so the form cannot be used to flood a mailbox). Audited against the account.
   */
  async function tellOwner(
    tx: DbOrTx,
    owner: { id: string; organizationId: string; firstName: string; locale: Locale },
    email: string,
    req: PublicRequest,
    now: Date,
  ) {
    const attempts = await hit(tx, `sign-up-existing:${email}`, config.SIGN_IN_WINDOW_SECONDS, now);
    if (attempts === 1) {
      await enqueueMail(tx, {
        to: email,
        locale: owner.locale,
        template: identityMails.signUpAccountExists,
        params: { firstName: owner.firstName || email, email, at: minuteStamp(now), url: `${config.publicUrl}/sign-in` },
      });
    }
    await audit(tx, null, {
      action: 'user.sign-up-existing',
      targetType: 'user',
      targetId: owner.id,
      organizationId: owner.organizationId,
      after: { ip: req.ip, requestId: req.requestId, mailed: attempts === 1 },
    });
  }
}

export type SignUpService = ReturnType<typeof createSignUpService>;
