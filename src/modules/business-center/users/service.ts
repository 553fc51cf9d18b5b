import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Config } from '../../../config.js';
import { audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { AccountRole } from '../../../platform/authz/account-actions.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { conflict, DomainError, notFound } from '../../../platform/errors.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import { enqueueMail } from '../../../platform/mail/outbox.js';
import { createInvitedUser } from '../../identity/accounts.js';
import { sendInvitation } from '../../identity/registration/invitations.js';
import { emailDomain, isPersonalAddress, normalizeEmail } from '../../identity/rules.js';
import { purchasingAccountRole } from '../tables.js';
import { businessCenterUserMails, roleNames } from './mails.js';
import { accountUser, listAccountUsers, otherAdministrators, rolesOn } from './query.js';
import { grantableRoles, roleChangeRefusal, sortAccountRoles } from './rules.js';
import type { AccountUserListQuery, AddAccountUserBody } from './schemas.js';

export interface AccountUsersDeps {
  db: Db;
  config: Config;
  clock: Clock;
}

type Account = { id: string; organization_id: string; number: string; name: string };

/** The account, locked for the change: concurrent changes of its users wait, so the last-admin check holds. */
async function lockAccount(tx: DbOrTx, accountId: string): Promise<Account> {
  const res = await tx.execute<Account>(
    sql`select id, organization_id, number, name from purchasing_account where id = ${accountId} for update`,
  );
  const account = res.rows[0];
  if (!account) throw notFound('purchasing account');
  return account;
}

function refuse(refusal: NonNullable<ReturnType<typeof roleChangeRefusal>>): never {
  if (refusal.code === 'ACCOUNT_LAST_ADMINISTRATOR')
    throw conflict(
      'ACCOUNT_LAST_ADMINISTRATOR',
      'This is the purchasing account’s last Account administrator; make someone else Account administrator first.',
      { roles: refusal.roles },
    );
  throw new DomainError('ACCOUNT_ROLE_NOT_GRANTABLE', 403, 'You cannot give or take away a role you do not hold yourself.', {
    roles: refusal.roles,
  });
}

async function writeRoles(tx: DbOrTx, accountId: string, userId: string, actorId: string, before: AccountRole[], after: AccountRole[]) {
  const removed = before.filter((r) => !after.includes(r));
  const added = after.filter((r) => !before.includes(r));
  if (removed.length > 0)
    await tx
      .delete(purchasingAccountRole)
      .where(
        and(
          eq(purchasingAccountRole.purchasingAccountId, accountId),
          eq(purchasingAccountRole.userId, userId),
          inArray(purchasingAccountRole.role, removed),
        ),
      );
  if (added.length > 0)
    await tx
      .insert(purchasingAccountRole)
      .values(added.map((role) => ({ purchasingAccountId: accountId, userId, role, grantedBy: actorId })))
      .onConflictDoNothing();
}

/** Mails the user whose roles changed, in their language, what they held before and hold now. */
async function mailChange(
  tx: DbOrTx,
  m: { config: Config; actor: Actor; userId: string; account: Account; before: AccountRole[]; after: AccountRole[] },
) {
  const res = await tx.execute<{ email: string; first_name: string; locale: Locale; actor_name: string }>(sql`
    select u.email, u.first_name, u.locale,
      (select coalesce(nullif(trim(a.first_name || ' ' || a.last_name), ''), a.email) from "user" a where a.id = ${m.actor.userId}) as actor_name
    from "user" u where u.id = ${m.userId}`);
  const to = res.rows[0];
  if (!to) return;
  await enqueueMail(tx, {
    to: to.email,
    locale: to.locale,
    template: m.after.length === 0 ? businessCenterUserMails.accountRolesRevoked : businessCenterUserMails.accountRolesChanged,
    params: {
      firstName: to.first_name || to.email,
      actorName: to.actor_name ?? '',
      account: m.account.name,
      number: m.account.number,
      before: roleNames(to.locale, m.before),
      after: roleNames(to.locale, m.after),
      url: `${m.config.publicUrl}/business-center/${m.account.id}`,
    },
  });
}

/**
 * R-PERM-14: an Account, Agreement or User administrator manages the purchasing account's users
 * (the route's guard checks `account.users`): adds one by e-mail, sets their roles, revokes them.
 * The grant ceiling and the last Account administrator are rules.ts's; every change is audited and
 * mailed to the user it concerns.
 */
export function createAccountUsersService({ db, config, clock }: AccountUsersDeps) {
  /** Changes the user's roles to `after` ([] revokes all), in one transaction; 404 when they hold none. */
  async function change(actor: Actor, accountId: string, userId: string, wanted: readonly AccountRole[]) {
    const after = sortAccountRoles(wanted);
    await db.transaction(async (tx) => {
      const account = await lockAccount(tx, accountId);
      const before = await rolesOn(tx, accountId, userId);
      if (before.length === 0) throw notFound('user');
      if (before.join() === after.join()) return;
      const refusal = roleChangeRefusal({
        actorRoles: await rolesOn(tx, accountId, actor.userId),
        before,
        after,
        otherAdministrators: await otherAdministrators(tx, accountId, userId),
      });
      if (refusal) refuse(refusal);
      await writeRoles(tx, accountId, userId, actor.userId, before, after);
      await audit(tx, actor, {
        action: after.length === 0 ? 'business-center.user.revoke' : 'business-center.user.set-roles',
        targetType: 'user',
        targetId: userId,
        organizationId: account.organization_id,
        before: { purchasingAccountId: accountId, roles: before },
        after: { purchasingAccountId: accountId, roles: after },
      });
      await mailChange(tx, { config, actor, userId, account, before, after });
    });
  }

  return {
    async list(actor: Actor, accountId: string, q: AccountUserListQuery) {
      const page = await listAccountUsers(db, accountId, q);
      return { ...page, grantable: grantableRoles(await rolesOn(db, accountId, actor.userId)) };
    },

    get: (accountId: string, userId: string) => accountUser(db, accountId, userId),

    /**
     * Adds a user of the account's organization by work e-mail with their roles. An address with no
     * account yet becomes an invited user (identity's invitation, mailed with the roles); the roles
     * apply once they register. An address of another organization is refused, whether or not it
     * has an account.
     */
    async add(actor: Actor, accountId: string, input: AddAccountUserBody) {
      const email = normalizeEmail(input.email);
      if (isPersonalAddress(email, config.PERSONAL_MAIL_DOMAINS)) {
        throw new DomainError('PERSONAL_ACCOUNT', 400, 'Personal e-mail addresses cannot be used; give the user’s work address.');
      }
      const roles = sortAccountRoles(input.roles);
      const userId = await db.transaction(async (tx) => {
        const account = await lockAccount(tx, accountId);
        const otherOrganization = () =>
          new DomainError(
            'ACCOUNT_USER_OF_ANOTHER_ORGANIZATION',
            422,
            'This address belongs to another organization; only users of the purchasing account’s organization can be added.',
          );
        const owners = await tx.execute<{ id: string }>(sql`select id from organization where ${emailDomain(email)} = any(domains)`);
        if (owners.rows.length > 0 && !owners.rows.some((o) => o.id === account.organization_id)) throw otherOrganization();
        const [found] = (
          await tx.execute<{ id: string; organization_id: string }>(
            sql`select id, organization_id from "user" where lower(email) = ${email}`,
          )
        ).rows;
        if (found && found.organization_id !== account.organization_id) throw otherOrganization();
        const refusal = roleChangeRefusal({
          actorRoles: await rolesOn(tx, accountId, actor.userId),
          before: [],
          after: roles,
          otherAdministrators: 1,
        });
        if (refusal) refuse(refusal);
        let id = found?.id ?? null;
        if (id) {
          if ((await rolesOn(tx, accountId, id)).length > 0)
            throw conflict('ACCOUNT_USER_EXISTS', 'This user already holds roles on the purchasing account; change their roles instead.', {
              userId: id,
            });
        } else {
          id = await createInvitedUser(tx, {
            organizationId: account.organization_id,
            email,
            firstName: input.firstName,
            lastName: input.lastName,
            locale: actor.locale,
          });
          if (!id) throw conflict('ACCOUNT_USER_EXISTS', 'A user with this e-mail address already exists.');
        }
        await writeRoles(tx, accountId, id, actor.userId, [], roles);
        await audit(tx, actor, {
          action: 'business-center.user.add',
          targetType: 'user',
          targetId: id,
          organizationId: account.organization_id,
          before: null,
          after: { purchasingAccountId: accountId, email, roles, invited: !found },
        });
        if (found) await mailChange(tx, { config, actor, userId: id, account, before: [], after: roles });
        else
          await sendInvitation(tx, config, clock.now(), {
            userId: id,
            invitedBy: actor.userId,
            mail: {
              template: businessCenterUserMails.accountInvitation,
              params: { account: account.name, number: account.number, roles: roleNames(actor.locale, roles) },
            },
          });
        return id;
      });
      return accountUser(db, accountId, userId);
    },

    /** Sets the user's roles to the full set given (PUT semantics). */
    async setRoles(actor: Actor, accountId: string, userId: string, roles: readonly AccountRole[]) {
      await change(actor, accountId, userId, roles);
      return accountUser(db, accountId, userId);
    },

    /** Takes every role on the account away from the user; they leave its list. */
    async revoke(actor: Actor, accountId: string, userId: string) {
      await change(actor, accountId, userId, []);
    },
  };
}
