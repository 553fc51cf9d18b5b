import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { hashPassword } from '../../../platform/auth/password.js';
import { sha256 } from '../../../platform/auth/secrets.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { conflict, DomainError, notFound } from '../../../platform/errors.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import { enqueueMail } from '../../../platform/mail/outbox.js';
import { identityMails } from '../mails.js';
import type { RoleGrants } from '../role-grants.js';
import { normalizeEmail } from '../rules.js';
import { invitation, organization, user } from '../tables.js';
import {
  createRegistrationChecks,
  day,
  fullName,
  isUniqueViolation,
  linkedWorkAccount,
  type PublicRequest,
  type RegistrationDeps,
  refusalError,
} from './checks.js';
import { sendInvitation } from './invitations.js';
import {
  addressWarnings,
  differentAddressRefusal,
  type InvitationState,
  invitationState,
  personalRefusal,
  sameAddress,
  type UserStatus,
} from './rules.js';

export const INVITATION_RESEND_PATH = '/api/v1/auth/invitations/resend';

function invitationError(state: Exclude<InvitationState, 'valid'>): DomainError {
  switch (state) {
    case 'used':
      return conflict('INVITATION_USED', 'This invitation has already been used to register. Sign in instead.');
    case 'withdrawn':
      return notFound('invitation');
    case 'expired':
    case 'replaced':
      return new DomainError(
        'INVITATION_EXPIRED',
        410,
        state === 'expired' ? 'The invitation link has expired.' : 'A newer invitation link was sent; use that one.',
        { reason: state, resend: INVITATION_RESEND_PATH },
      );
  }
}

const inviter = alias(user, 'inviter');

/** R-ID-2/R-ID-3: invitations and registering from them. */
export function createRegistrationService(
  { db, config, clock }: RegistrationDeps,
  grants: Pick<RoleGrants, 'holdForConfirmation' | 'assertListed'>,
) {
  const { personalDomains, limit, addressFacts, checkPassword, issueVerification } = createRegistrationChecks({ db, config });

  async function findInvitation(token: string) {
    const [row] = await db
      .select({
        id: invitation.id,
        userId: invitation.userId,
        email: invitation.email,
        invitedBy: invitation.invitedBy,
        expiresAt: invitation.expiresAt,
        acceptedAt: invitation.acceptedAt,
        revokedAt: invitation.revokedAt,
        status: user.status,
        firstName: user.firstName,
        lastName: user.lastName,
        locale: user.locale,
        organization: {
          id: organization.id,
          name: organization.name,
          domains: organization.domains,
          selfSignUp: organization.selfSignUp,
          restrictedDomains: organization.restrictedDomains,
          directoryRequired: organization.directoryRequired,
        },
        inviter: { id: inviter.id, firstName: inviter.firstName, lastName: inviter.lastName, email: inviter.email, locale: inviter.locale },
        inviterStatus: inviter.status,
      })
      .from(invitation)
      .innerJoin(user, eq(user.id, invitation.userId))
      .innerJoin(organization, eq(organization.id, invitation.organizationId))
      .leftJoin(inviter, eq(inviter.id, invitation.invitedBy))
      .where(eq(invitation.tokenHash, sha256(token)));
    return row;
  }

  /** Re-reads the invitation under a row lock, so two registrations of one link cannot both pass. */
  async function lockedInvitationState(tx: DbOrTx, invitationId: string, now: Date): Promise<InvitationState> {
    const res = await tx.execute<{ expires_at: string; accepted_at: string | null; revoked_at: string | null; status: UserStatus }>(sql`
      select i.expires_at, i.accepted_at, i.revoked_at, u.status
      from invitation i join "user" u on u.id = i.user_id
      where i.id = ${invitationId}
      for update`);
    const r = res.rows[0];
    if (!r) return 'withdrawn';
    return invitationState(
      {
        expiresAt: new Date(r.expires_at),
        acceptedAt: r.accepted_at ? new Date(r.accepted_at) : null,
        revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
      },
      r.status,
      now,
    );
  }

  return {
    /** R-ID-2: what the registration page shows before the form. */
    async describeInvitation(token: string) {
      const inv = await findInvitation(token);
      if (!inv) throw notFound('invitation');
      const state = invitationState(inv, inv.status, clock.now());
      if (state === 'withdrawn') throw notFound('invitation');
      return {
        status: state,
        email: inv.email,
        firstName: inv.firstName,
        lastName: inv.lastName,
        organization: { name: inv.organization.name },
        invitedBy: inv.inviter?.id ? { name: fullName(inv.inviter.firstName, inv.inviter.lastName, inv.inviter.email) } : null,
        expiresAt: inv.expiresAt,
        warnings: addressWarnings(inv.email),
      };
    },

    /**
     * R-ID-2/R-ID-3: the invited user becomes active. With another address than the invited one
     * the grants wait, inactive, until the invited address confirms the registration.
     */
    async register(
      input: { token: string; firstName: string; lastName: string; password: string; email?: string; locale?: Locale },
      req: PublicRequest,
    ) {
      const now = clock.now();
      await limit(req, now);
      const inv = await findInvitation(input.token);
      if (!inv) throw notFound('invitation');
      const state = invitationState(inv, inv.status, now);
      if (state !== 'valid') throw invitationError(state);

      const different = input.email !== undefined && !sameAddress(input.email, inv.email);
      const address = different && input.email ? normalizeEmail(input.email) : inv.email;
      const refusal = different
        ? differentAddressRefusal(await addressFacts(address, inv.organization.id), inv.organization)
        : personalRefusal({ email: address, personalDomains, linkedWorkAccount: await linkedWorkAccount(db, address) });
      if (refusal) throw refusalError(refusal);
      checkPassword(input.password, address);
      const passwordHash = await hashPassword(input.password);
      const locale = input.locale ?? inv.locale;
      const actor = { userId: inv.userId, organizationId: inv.organization.id, requestId: req.requestId };

      try {
        return await db.transaction(async (tx) => {
          const current = await lockedInvitationState(tx, inv.id, now);
          if (current !== 'valid') throw invitationError(current);
          await tx
            .update(user)
            .set({
              email: address,
              firstName: input.firstName,
              lastName: input.lastName,
              passwordHash,
              locale,
              status: 'active',
              // Following the invitation link proved the invited mailbox; another address is not proven.
              emailVerifiedAt: different ? null : now,
            })
            .where(eq(user.id, inv.userId));
          await tx.update(invitation).set({ acceptedAt: now }).where(eq(invitation.id, inv.id));

          let pendingGrantIds: string[] = [];
          if (different) {
            pendingGrantIds = await grants.holdForConfirmation(tx, inv.userId, now);
            const link = await issueVerification(tx, inv.userId, inv.email, pendingGrantIds, now);
            await enqueueMail(tx, {
              to: inv.email,
              locale,
              template: identityMails.emailVerification,
              params: {
                name: fullName(input.firstName, input.lastName, address),
                accountEmail: address,
                address: inv.email,
                organization: inv.organization.name,
                expiresAt: day(link.expiresAt),
                url: link.url,
              },
            });
          }
          await audit(tx, actor, {
            action: 'user.register',
            targetType: 'user',
            targetId: inv.userId,
            before: { status: 'invited', email: inv.email },
            after: { status: 'active', email: address, invitationId: inv.id, pendingGrantIds },
          });
          await enqueueMail(tx, {
            to: address,
            locale,
            template: different ? identityMails.registrationPending : identityMails.registrationCompleted,
            params: {
              firstName: input.firstName,
              email: address,
              organization: inv.organization.name,
              ...(different ? { agreementEmail: inv.email } : {}),
              url: `${config.publicUrl}/sign-in`,
            },
          });
          if (inv.inviter?.id && inv.inviterStatus === 'active') {
            await enqueueMail(tx, {
              to: inv.inviter.email,
              locale: inv.inviter.locale,
              template: identityMails.inviteeRegistered,
              params: {
                firstName: inv.inviter.firstName || inv.inviter.email,
                inviteeName: fullName(input.firstName, input.lastName, address),
                invitedEmail: inv.email,
                inviteeEmail: address,
                url: `${config.publicUrl}/users`,
              },
            });
          }
          return {
            userId: inv.userId,
            email: address,
            pendingVerification: different,
            verificationSentTo: different ? inv.email : null,
            warnings: addressWarnings(address),
          };
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw refusalError({ code: 'ACCOUNT_EXISTS' });
        throw e;
      }
    },

    /** R-ID-2: anyone holding an old link may have a fresh one mailed to the invited address (only there). */
    async resendInvitation(token: string, req: PublicRequest) {
      const now = clock.now();
      await limit(req, now);
      const inv = await findInvitation(token);
      if (!inv) throw notFound('invitation');
      const state = invitationState(inv, inv.status, now);
      if (state === 'used' || state === 'withdrawn') throw invitationError(state);
      return db.transaction(async (tx) => {
        const current = await lockedInvitationState(tx, inv.id, now);
        if (current === 'used' || current === 'withdrawn') throw invitationError(current);
        const sent = await sendInvitation(tx, config, now, { userId: inv.userId, invitedBy: inv.invitedBy });
        await audit(
          tx,
          { userId: inv.userId, organizationId: inv.organization.id, requestId: req.requestId },
          {
            action: 'invitation.resend',
            targetType: 'user',
            targetId: inv.userId,
            before: { invitationId: inv.id, state },
            after: { invitationId: sent.id, expiresAt: sent.expiresAt, by: 'link' },
          },
        );
        return { sentTo: inv.email, expiresAt: sent.expiresAt };
      });
    },

    /** R-ID-2: an Administrator re-sends from Manage Users; only for users on Licensing IDs they administer. */
    async resendInvitationAsAdministrator(actor: Actor, userId: string) {
      const now = clock.now();
      return db.transaction(async (tx) => {
        await grants.assertListed(tx, actor, userId);
        const [target] = await tx
          .select({ id: user.id, email: user.email, status: user.status })
          .from(user)
          .where(eq(user.id, userId))
          .for('update');
        if (!target) throw notFound('user');
        if (target.status !== 'invited') {
          throw conflict('USER_NOT_INVITED', 'The user is not waiting for an invitation (already registered, deactivated or removed).', {
            userStatus: target.status,
          });
        }
        const sent = await sendInvitation(tx, config, now, { userId, invitedBy: actor.userId });
        await audit(tx, actor, {
          action: 'invitation.resend',
          targetType: 'user',
          targetId: userId,
          before: { invitationId: sent.replacedId },
          after: { invitationId: sent.id, expiresAt: sent.expiresAt, by: 'administrator' },
        });
        return { userId, email: target.email, expiresAt: sent.expiresAt };
      });
    },
  };
}

export type RegistrationService = ReturnType<typeof createRegistrationService>;
