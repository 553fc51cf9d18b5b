import { sql } from 'drizzle-orm';
import type { Config } from '../../../config.js';
import { audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { visibleLicensingIds } from '../../../platform/authz/scope.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { conflict, DomainError, notFound } from '../../../platform/errors.js';
import { createInvitedUser } from '../../identity/accounts.js';
import { sendInvitation } from '../../identity/registration/invitations.js';
import { emailDomain, isPersonalAddress, looksShared, normalizeEmail } from '../../identity/rules.js';
import { liftDeactivation, owners, ownersWhereHeld, recordDeactivation } from '../deactivation.js';
import {
  activeGrants,
  applySettings,
  deactivateGrants,
  holdings,
  lockLicensingIds,
  refusal,
  standings,
  uuids,
  writeGrants,
} from '../grants.js';
import { permissionsMails } from '../mails.js';
import { type HoldingsByLicensingId, mailRoleChange } from '../notify.js';
import {
  type Holding,
  holdingOf,
  isEmptyPlan,
  NO_HOLDING,
  normalizeSelection,
  planAssignment,
  protectedRoles,
  type Refusal,
  removalRefusal,
  settingsOf,
  sortRoles,
} from '../rules.js';
import type { AddUserBody, AssignmentInput, UserListQuery } from '../schemas.js';
import { assertAssignable, assertListed, listUsers, userDetail } from './query.js';

export interface UsersDeps {
  db: Db;
  config: Config;
  clock: Clock;
}

// R-PERM-12: administration pages see only the Licensing IDs the actor administers.
const adminScope = (tx: DbOrTx, actor: Actor) => visibleLicensingIds(tx, actor, 'users.manage');

/** The holding an Administrator's input asks for, in stored form. */
export function wantedHolding(input: AssignmentInput): Holding {
  const roles = sortRoles(input.roles);
  return {
    roles,
    subRoles: normalizeSelection(roles, input.subRoles),
    manageReservation: input.manageReservation && roles.includes('ONLINE_SERVICES_MANAGER'),
  };
}

/**
 * Finding 9 (squatting and enumeration): an organization invites addresses on its own domains,
 * or on a domain no organization has. An address on another organization's domain is that
 * organization's to invite: inviting it first would create an account Fabrikam could then not
 * invite for its own employee, and USER_EXISTS would tell Contoso who has an account there. The
 * answer depends on the domain only, never on whether the address has an account.
 */
async function assertMayInvite(tx: DbOrTx, actor: Actor, email: string) {
  const owners = await tx.execute<{ id: string }>(sql`select id from organization where ${emailDomain(email)} = any(domains)`);
  if (owners.rows.length > 0 && !owners.rows.some((o) => o.id === actor.organizationId)) {
    throw new DomainError(
      'ADDRESS_OF_ANOTHER_ORGANIZATION',
      403,
      'This address is on a domain of another organization; only that organization can invite it. Invite an address on your own domain, or ask the person to request access.',
    );
  }
}

const userExists = (details?: { userId: string }) =>
  conflict('USER_EXISTS', 'A user with this e-mail address already exists; edit their roles instead.', details);

/**
 * Makes the user's holding on each of the Licensing IDs what the Administrator asks for (R-PERM-7,
 * R-PERM-8, R-PERM-9), in the caller's transaction: refused as a whole when it takes away what the
 * user keeps as a contact or by inheritance, a role of an expired Licensing ID, or its last
 * Administrator. One audit row and one mail cover every Licensing ID that changed. Manage
 * Reservation is kept only on enrollments (reservations are made on them). Returns false when
 * nothing changes.
 */
async function assign(
  tx: DbOrTx,
  deps: { config: Config; now: Date },
  actor: Actor,
  userId: string,
  licensingIds: readonly string[],
  wanted: Holding,
) {
  const { config } = deps;
  const ids = [...new Set(licensingIds)].sort();
  await lockLicensingIds(tx, ids);
  const grantsById = await activeGrants(tx, userId, ids);
  const standingById = await standings(tx, userId, ids);
  const enrollments = await enrollmentsAmong(tx, ids);
  // Roles given by an Administrator let a deactivated person back into the organization.
  const letBack =
    wanted.roles.length > 0
      ? await liftDeactivation(tx, { actor, userId, organizationIds: await owners(tx, ids), via: 'ROLES_ASSIGNED', now: deps.now })
      : null;
  const before: HoldingsByLicensingId = {};
  for (const licensingId of ids) {
    const grants = grantsById.get(licensingId) ?? [];
    const holding = enrollments.has(licensingId) ? wanted : { ...wanted, manageReservation: false };
    const plan = planAssignment(grants, holding);
    if (isEmptyPlan(plan)) continue;
    const standing = standingById.get(licensingId);
    if (!standing) throw notFound('Licensing ID');
    const refused = removalRefusal(
      { ...standing, removed: plan.removed, whole: false, protectedRoles: protectedRoles(grants) },
      'administrator',
    );
    if (refused) throw refusal(refused, licensingId);
    await deactivateGrants(tx, userId, licensingId, plan.deactivate);
    await applySettings(tx, userId, licensingId, actor.userId, plan.set);
    before[licensingId] = holdingOf(grants);
  }
  const changed = Object.keys(before);
  if (changed.length === 0) return Boolean(letBack?.lifted);
  const diff = { before, after: Object.fromEntries(await holdings(tx, userId, changed)) };
  await audit(tx, actor, { action: 'users.set-roles', targetType: 'user', targetId: userId, licensingIds: changed, ...diff });
  await mailRoleChange(tx, { config, actor, userId, template: permissionsMails.rolesChanged, ...diff });
  return true;
}

const enrollmentsAmong = async (tx: DbOrTx, ids: readonly string[]) =>
  new Set(
    (
      await tx.execute<{ id: string }>(
        sql`select id from licensing_id where id = any(${sql.param([...ids])}::uuid[]) and kind = 'ENROLLMENT'`,
      )
    ).rows.map((r) => r.id),
  );

/**
 * Takes the Licensing ID away from the user (R-PERM-7), in the caller's transaction: refused for
 * expired Licensing IDs, contacts and the last Administrator; every grant becomes inactive, the
 * user is mailed and the change audited. The actor must administer the Licensing ID (the route's
 * guard, or the caller, checks that). Returns false when the user held nothing there.
 */
export async function removeLicensingIdFromUser(tx: DbOrTx, config: Config, actor: Actor, userId: string, licensingId: string) {
  await lockLicensingIds(tx, [licensingId]);
  const grants = (await activeGrants(tx, userId, [licensingId])).get(licensingId) ?? [];
  if (grants.length === 0) return false;
  const before = holdingOf(grants);
  const standing = (await standings(tx, userId, [licensingId])).get(licensingId);
  if (!standing) throw notFound('Licensing ID');
  const refused = removalRefusal(
    { ...standing, removed: before.roles, whole: true, protectedRoles: protectedRoles(grants) },
    'administrator',
  );
  if (refused) throw refusal(refused, licensingId);
  await deactivateGrants(tx, userId, licensingId);
  const change = { before: { [licensingId]: before }, after: { [licensingId]: NO_HOLDING } };
  await audit(tx, actor, {
    action: 'users.remove-licensing-id',
    targetType: 'user',
    targetId: userId,
    licensingIds: [licensingId],
    ...change,
  });
  await mailRoleChange(tx, { config, actor, userId, template: permissionsMails.rolesChanged, ...change });
  return true;
}

/** Manage Users (R-PERM-7, R-PERM-12): the list, one user, and every change an Administrator makes. */
export function createUsersService({ db, config, clock }: UsersDeps) {
  /**
   * R-PERM-7 at scale: the same roles on many Licensing IDs at once (copying one Licensing ID's
   * roles to others), all or nothing: a Licensing ID the actor does not administer answers 404
   * and a refusal on any of them changes none.
   */
  async function setRolesOnMany(actor: Actor, userId: string, licensingIds: readonly string[], input: AssignmentInput) {
    await db.transaction(async (tx) => {
      const scope = await adminScope(tx, actor);
      const administered = new Set(scope);
      if (licensingIds.some((id) => !administered.has(id))) throw notFound('Licensing ID');
      await assertAssignable(tx, actor, scope, userId);
      await assign(tx, { config, now: clock.now() }, actor, userId, licensingIds, wantedHolding(input));
    });
    return userDetail(db, await adminScope(db, actor), userId);
  }

  return {
    list: async (actor: Actor, q: UserListQuery) => listUsers(db, await adminScope(db, actor), q),

    get: async (actor: Actor, userId: string) => userDetail(db, await adminScope(db, actor), userId),

    /** R-PERM-7: a new user by business e-mail and name, with roles per Licensing ID, invited by mail. */
    async add(actor: Actor, input: AddUserBody) {
      const email = normalizeEmail(input.email);
      if (isPersonalAddress(email, config.PERSONAL_MAIL_DOMAINS)) {
        throw new DomainError('PERSONAL_ACCOUNT', 400, 'Personal e-mail addresses cannot be used; give the user’s work address.');
      }
      const userId = await db.transaction(async (tx) => {
        const scope = new Set(await adminScope(tx, actor));
        if (input.grants.some((g) => !scope.has(g.licensingId))) throw notFound('Licensing ID');
        await assertMayInvite(tx, actor, email);
        const existing = await tx.execute<{ id: string; organization_id: string }>(
          sql`select id, organization_id from "user" where lower(email) = ${email}`,
        );
        const found = existing.rows[0];
        if (found) {
          // Only an Administrator of the same organization learns whom to edit instead.
          throw userExists(found.organization_id === actor.organizationId ? { userId: found.id } : undefined);
        }
        const id = await createInvitedUser(tx, {
          organizationId: actor.organizationId,
          email,
          firstName: input.firstName,
          lastName: input.lastName,
          locale: input.locale ?? actor.locale,
        });
        if (!id) throw userExists();
        const after: HoldingsByLicensingId = {};
        for (const g of input.grants) {
          const wanted = wantedHolding(g);
          await writeGrants(tx, {
            userId: id,
            licensingId: g.licensingId,
            source: 'ADMIN',
            grantedBy: actor.userId,
            roles: settingsOf(wanted),
          });
          after[g.licensingId] = wanted;
        }
        await audit(tx, actor, {
          action: 'users.add',
          targetType: 'user',
          targetId: id,
          licensingIds: Object.keys(after),
          before: null,
          after: { email, holdings: after },
        });
        await sendInvitation(tx, config, clock.now(), { userId: id, invitedBy: actor.userId });
        return id;
      });
      const detail = await userDetail(db, await adminScope(db, actor), userId);
      const warnings: 'SHARED_MAILBOX'[] = looksShared(email) ? ['SHARED_MAILBOX'] : [];
      return { ...detail, warnings };
    },

    /** R-PERM-7: sets the user's roles on one Licensing ID; also adds a Licensing ID to an existing user. */
    async setRoles(actor: Actor, userId: string, licensingId: string, input: AssignmentInput) {
      return setRolesOnMany(actor, userId, [licensingId], input);
    },

    setRolesOnMany,

    /** R-PERM-7: removes the Licensing ID from the user; they stay listed with no permissions. */
    async removeLicensingId(actor: Actor, userId: string, licensingId: string) {
      await db.transaction(async (tx) => {
        await assertAssignable(tx, actor, await adminScope(tx, actor), userId);
        await removeLicensingIdFromUser(tx, config, actor, userId, licensingId);
      });
    },

    /**
     * R-PERM-7, R-ID-6: removes every Licensing ID of the actor's from the user, except those the
     * user keeps (contacts, inheritance, expired Licensing IDs: listed in `retained`), and records
     * the organization's deactivation (see deactivation.ts): no self-service path brings the person
     * back, and a person of the organization's own left with no role anywhere has their account
     * closed at once. Refused as a whole when it would leave a Licensing ID without an
     * Administrator, and for the actor themselves (SELF_DEACTIVATION: an Administrator leaves a
     * Licensing ID on My Permissions; another Administrator deactivates them).
     */
    async deactivate(actor: Actor, userId: string) {
      if (userId === actor.userId) throw selfDeactivation();
      const now = clock.now();
      const outcome = await db.transaction(async (tx) => {
        const scope = await adminScope(tx, actor);
        await assertListed(tx, scope, userId);
        const held = await activeGrants(tx, userId, scope);
        const ids = [...held.keys()];
        await lockLicensingIds(tx, ids);
        const standing = await standings(tx, userId, ids);
        const kept: { licensingId: string; reason: Refusal }[] = [];
        const before: HoldingsByLicensingId = {};
        const after: HoldingsByLicensingId = {};
        for (const [licensingId, grants] of held) {
          const s = standing.get(licensingId);
          if (!s) continue;
          const holding = holdingOf(grants);
          const refused = removalRefusal(
            { ...s, removed: holding.roles, whole: true, protectedRoles: protectedRoles(grants) },
            'administrator',
          );
          if (refused === 'LAST_ADMINISTRATOR') throw refusal(refused, licensingId);
          if (refused) kept.push({ licensingId, reason: refused });
          else {
            before[licensingId] = holding;
            after[licensingId] = NO_HOLDING;
          }
        }
        for (const licensingId of Object.keys(before)) await deactivateGrants(tx, userId, licensingId);
        const organizationIds = await ownersWhereHeld(tx, userId, scope);
        const record = await recordDeactivation(tx, { actor, userId, organizationIds, now });
        // Deactivating again changes nothing and tells no one.
        if (Object.keys(before).length === 0 && !record.recorded && !record.closed) return { kept, closed: false };
        await audit(tx, actor, {
          action: 'users.deactivate',
          targetType: 'user',
          targetId: userId,
          licensingIds: [...Object.keys(before), ...kept.map((k) => k.licensingId)],
          before,
          after: {
            ...after,
            retained: kept,
            accountClosed: record.closed,
            sessionsEnded: record.sessionsEnded,
            tokensRevoked: record.tokensRevoked,
          },
        });
        await mailRoleChange(tx, {
          config,
          actor,
          userId,
          template: record.closed ? permissionsMails.accountDeactivated : permissionsMails.accessDeactivated,
          before,
          after,
          params: { organization: await organizationName(tx, actor.organizationId) },
        });
        return { kept, closed: record.closed };
      });
      const detail = await userDetail(db, await adminScope(db, actor), userId);
      return { ...detail, retained: outcome.kept, accountClosed: outcome.closed };
    },

    /**
     * R-PERM-7: lifts the organization's deactivation (an account it closed is reopened with the
     * status it had) and gives back what the last removal on the actor's Licensing IDs took (a
     * deactivation, or the removal of a Licensing ID), as far as Administrators or requests had
     * granted it. Roles from other sources follow their own lifecycle (inheritance choice, Add
     * Open, reseller access) and are not revived here; once lifted, those paths work again.
     */
    async reactivate(actor: Actor, userId: string) {
      await db.transaction(async (tx) => {
        const scope = await adminScope(tx, actor);
        await assertAssignable(tx, actor, scope, userId);
        await lockLicensingIds(tx, scope);
        const was = await holdings(tx, userId, scope);
        const letBack = await liftDeactivation(tx, {
          actor,
          userId,
          organizationIds: await owners(tx, scope),
          via: 'REACTIVATED',
          now: clock.now(),
        });
        const removedLast = sql`user_id = ${userId} and not active and source in ('ADMIN', 'REQUEST') and licensing_id = any(${uuids(scope)})`;
        const revived = await tx.execute<{ licensing_id: string }>(sql`
          update role_grant set active = true, updated_at = now()
          where ${removedLast} and updated_at = (select max(updated_at) from role_grant where ${removedLast})
          returning licensing_id`);
        if (!revived.rowCount && !letBack.lifted) return;
        const ids = [...new Set(revived.rows.map((r) => r.licensing_id))];
        const before = Object.fromEntries(ids.map((id) => [id, was.get(id) ?? NO_HOLDING]));
        const after = Object.fromEntries(await holdings(tx, userId, ids));
        await audit(tx, actor, { action: 'users.reactivate', targetType: 'user', targetId: userId, licensingIds: ids, before, after });
        await mailRoleChange(tx, { config, actor, userId, template: permissionsMails.accessReactivated, before, after });
      });
      return userDetail(db, await adminScope(db, actor), userId);
    },
  };
}

const selfDeactivation = () =>
  conflict(
    'SELF_DEACTIVATION',
    'You cannot deactivate yourself. Remove Licensing IDs from your own set on My Permissions, or ask another Administrator.',
  );

const organizationName = async (tx: DbOrTx, id: string) =>
  (await tx.execute<{ name: string }>(sql`select name from organization where id = ${id}`)).rows[0]?.name ?? '';
