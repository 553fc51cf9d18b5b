import { eq, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.js';
import { hashPassword } from '../../platform/auth/password.js';
import { notFound } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import { identityMails } from './mails.js';
import { countryFixedError } from './organization-settings.js';
import {
  createRegistrationChecks,
  day,
  isUniqueViolation,
  type PublicRequest,
  type RegistrationDeps,
  refusalError,
} from './registration-checks.js';
import { addressWarnings, countryFixed, signUpRefusal } from './registration-rules.js';
import { emailDomain, normalizeEmail } from './rules.js';
import { organization, user } from './tables.js';

/** R-ID-4: self sign-up with a work address. */
export function createSignUpService({ db, config, clock }: RegistrationDeps) {
  const { limit, addressFacts, checkPassword, issueVerification } = createRegistrationChecks({ db, config });

  return {
    /**
     * R-ID-4: an active account without permissions in the organization owning the address's
     * domain. R-ID-7: the first sign-up confirms the organization's country; later ones must match it.
     */
    async signUp(
      input: { email: string; firstName: string; lastName: string; password: string; country: string; locale?: Locale },
      req: PublicRequest,
    ) {
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

      try {
        return await db.transaction(async (tx) => {
          const locked = await tx.execute<{ country: string; active: number }>(sql`
            select o.country, (select count(*)::int from "user" u where u.organization_id = o.id and u.status = 'active') as active
            from organization o where o.id = ${org.id} for update`);
          const current = locked.rows[0];
          if (!current) throw notFound('organization');
          if (current.country !== input.country) {
            if (countryFixed(current.active)) {
              throw countryFixedError(current.country);
            }
            await tx.update(organization).set({ country: input.country }).where(eq(organization.id, org.id));
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
              status: 'active',
              createdAt: now,
            })
            .returning({ id: user.id });
          if (!created) throw new Error('insert returned nothing');
          const actor = { userId: created.id, organizationId: org.id, requestId: req.requestId };
          if (current.country !== input.country) {
            await audit(tx, actor, {
              action: 'organization.country',
              targetType: 'organization',
              targetId: org.id,
              before: { country: current.country },
              after: { country: input.country, by: 'sign-up' },
            });
          }
          const link = await issueVerification(tx, created.id, email, [], now);
          await audit(tx, actor, {
            action: 'user.sign-up',
            targetType: 'user',
            targetId: created.id,
            after: { email, status: 'active', organizationId: org.id },
          });
          await enqueueMail(tx, {
            to: email,
            locale,
            template: identityMails.signUpCompleted,
            params: { firstName: input.firstName, email, organization: org.name, expiresAt: day(link.expiresAt), url: link.url },
          });
          return {
            userId: created.id,
            email,
            organization: { id: org.id, name: org.name, country: input.country },
            warnings: addressWarnings(email),
          };
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw refusalError({ code: 'ACCOUNT_EXISTS' });
        throw e;
      }
    },
  };
}

export type SignUpService = ReturnType<typeof createSignUpService>;
