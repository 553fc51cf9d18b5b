import { sql } from 'drizzle-orm';
import type { Config } from '../../../../config.js';
import { audit } from '../../../../platform/audit.js';
import type { Actor } from '../../../../platform/auth/actor.js';
import { visibleLicensingIds } from '../../../../platform/authz/scope.js';
import type { Clock } from '../../../../platform/clock.js';
import type { Db, DbOrTx } from '../../../../platform/db/client.js';
import { conflict, DomainError, notFound } from '../../../../platform/errors.js';
import type { Locale } from '../../../../platform/i18n/locale.js';
import { enqueueMail } from '../../../../platform/mail/outbox.js';
import { setNames } from '../../../identity/accounts.js';
import { issueResetLink, limitResetRequests, mailTime } from '../../../identity/recovery/links.js';
import { recoveryMails } from '../../../identity/recovery/mails.js';
import { type AdminResetRefusal, adminResetRefusal, nameCorrectionRefusal, type UserStatus } from '../../../identity/recovery/rules.js';
import { uuids } from '../../grants.js';
import { userDetail } from '../query.js';

export interface UserAccountDeps {
  db: Db;
  config: Config;
  clock: Clock;
}

interface ManagedAccount {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  locale: Locale;
  status: UserStatus;
  hasPassword: boolean;
  ssoLinked: boolean;
  ownOrganization: boolean;
  organizationName: string;
}

const adminScope = (tx: DbOrTx, actor: Actor) => visibleLicensingIds(tx, actor, 'users.manage');

/**
 * The account of a user the actor sees in Manage Users (R-PERM-12: they hold or held a role on a
 * Licensing ID the actor administers); anyone else is 404, whether or not they exist. `lock`
 * holds the user's row until the transaction ends.
 */
async function managedAccount(tx: DbOrTx, actor: Actor, userId: string, lock = false): Promise<ManagedAccount> {
  const scope = await adminScope(tx, actor);
  const res = await tx.execute<{
    id: string;
    email: string;
    first_name: string;
    last_name: string;
    locale: Locale;
    status: UserStatus;
    has_password: boolean;
    sso_linked: boolean;
    own_organization: boolean;
    organization_name: string;
  }>(sql`
    select u.id, u.email, u.first_name, u.last_name, u.locale, u.status,
      u.password_hash is not null as has_password, u.sso_subject is not null as sso_linked,
      u.organization_id = ${actor.organizationId} as own_organization, o.name as organization_name
    from "user" u join organization o on o.id = u.organization_id
    where u.id = ${userId}
      and exists (select 1 from role_grant g where g.user_id = u.id and g.licensing_id = any(${uuids(scope)}))
    ${lock ? sql`for update of u` : sql``}`);
  const r = res.rows[0];
  if (!r) throw notFound('user');
  return {
    id: r.id,
    email: r.email,
    firstName: r.first_name,
    lastName: r.last_name,
    locale: r.locale,
    status: r.status,
    hasPassword: r.has_password,
    ssoLinked: r.sso_linked,
    ownOrganization: r.own_organization,
    organizationName: r.organization_name,
  };
}

function refusalError(refusal: AdminResetRefusal): DomainError {
  switch (refusal) {
    case 'ACCOUNT_OF_ANOTHER_ORGANIZATION':
      return new DomainError('ACCOUNT_OF_ANOTHER_ORGANIZATION', 403, "The user's account belongs to another organization.");
    case 'USER_NOT_REGISTERED':
      return conflict('USER_NOT_REGISTERED', 'The user has not registered yet; re-send the invitation instead.');
    case 'ACCOUNT_NOT_ACTIVE':
      return conflict('ACCOUNT_NOT_ACTIVE', 'The account is deactivated or removed.');
    case 'SSO_ACCOUNT':
      return conflict('SSO_ACCOUNT', "The user signs in through the organization's identity provider; the password is changed there.");
  }
}

async function actorName(tx: DbOrTx, actor: Actor): Promise<string> {
  const res = await tx.execute<{ name: string }>(
    sql`select coalesce(nullif(trim(first_name || ' ' || last_name), ''), email) as name from "user" where id = ${actor.userId}`,
  );
  return res.rows[0]?.name ?? actor.email;
}

const fullName = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`.trim();

/**
 * An Administrator's help with the account of a user of their organization, from Manage Users:
 * a password reset link mailed to the user (the Administrator never sees it or the password) and
 * correcting the user's name. Both audited and mailed to the user.
 */
export function createUserAccountActions({ db, config, clock }: UserAccountDeps) {
  return {
    /** What the Administrator may do with the account, and why not, so the page offers only what works. */
    async accountActions(actor: Actor, userId: string) {
      const account = await managedAccount(db, actor, userId);
      return {
        passwordReset: adminResetRefusal(account),
        nameCorrection: nameCorrectionRefusal(account),
        resetLinkMinutes: config.PASSWORD_RESET_TTL_MINUTES,
      };
    },

    async sendPasswordReset(actor: Actor, userId: string) {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const account = await managedAccount(tx, actor, userId, true);
        const refusal = adminResetRefusal(account);
        if (refusal) throw refusalError(refusal);
        // The same per-address budget as "forgot password": an owner's mailbox is not flooded either way.
        await limitResetRequests(tx, config, now, { email: account.email });
        const link = await issueResetLink(tx, config, now, { userId: account.id, sentBy: actor.userId });
        await enqueueMail(tx, {
          to: account.email,
          locale: account.locale,
          template: recoveryMails.passwordResetLinkByAdministrator,
          params: {
            firstName: account.firstName || account.email,
            actorName: await actorName(tx, actor),
            organization: account.organizationName,
            email: account.email,
            minutes: config.PASSWORD_RESET_TTL_MINUTES,
            url: link.url,
          },
        });
        await audit(tx, actor, {
          action: 'users.send-password-reset',
          targetType: 'user',
          targetId: account.id,
          after: { sentTo: account.email, expiresAt: link.expiresAt },
        });
        return { sentTo: account.email, expiresAt: link.expiresAt };
      });
    },

    /** Corrects a misspelt name; nothing happens (and nobody is mailed) when it is already so. */
    async correctName(actor: Actor, userId: string, name: { firstName: string; lastName: string }) {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const account = await managedAccount(tx, actor, userId, true);
        if (nameCorrectionRefusal(account)) throw refusalError('ACCOUNT_OF_ANOTHER_ORGANIZATION');
        if (account.firstName === name.firstName && account.lastName === name.lastName) return;
        await setNames(tx, account.id, name);
        const before = { firstName: account.firstName, lastName: account.lastName };
        await audit(tx, actor, { action: 'users.correct-name', targetType: 'user', targetId: account.id, before, after: name });
        await enqueueMail(tx, {
          to: account.email,
          locale: account.locale,
          template: recoveryMails.nameCorrected,
          params: {
            firstName: name.firstName,
            actorName: await actorName(tx, actor),
            organization: account.organizationName,
            email: account.email,
            at: mailTime(now),
            before: fullName(before) || '—',
            after: fullName(name),
            url: `${config.publicUrl}/profile`,
          },
        });
      });
      return userDetail(db, await adminScope(db, actor), userId);
    },
  };
}
