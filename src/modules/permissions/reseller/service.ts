import { and, desc, eq, sql } from 'drizzle-orm';
import type { Config } from '../../../config.js';
import { audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { randomToken, sha256 } from '../../../platform/auth/secrets.js';
import type { Role } from '../../../platform/authz/roles.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { DomainError, notFound } from '../../../platform/errors.js';
import { enqueueMail } from '../../../platform/mail/outbox.js';
import { findOrCreateAccount } from '../../identity/accounts.js';
import { sendInvitation } from '../../identity/registration/invitations.js';
import { isPersonalAddress, normalizeEmail } from '../../identity/rules.js';
import { organization, user } from '../../identity/tables.js';
import { activeRoles, grantLimitedSet, loadLicensingId, notOpenLicense, type OpenLicense } from '../add-open/service.js';
import { administratorsOfRecord } from '../admins.js';
import { deactivatedByOrganization, isDeactivatedBy } from '../deactivation.js';
import { addOpenMails } from '../mails.js';
import { resellerAccess, roleGrant } from '../tables.js';

export interface ResellerDeps {
  config: Config;
  clock: Clock;
}

/** Who the change is recorded against: the operator, or nobody when order ingestion grants it. */
export type AuditActor = Pick<Actor, 'userId' | 'organizationId' | 'requestId'>;

export interface ResellerGrantInput {
  licensingId: string;
  email: string;
  firstName: string;
  lastName: string;
  /** ISO 3166 alpha-2 of the reseller, when the order form says; a new partner organization needs one. */
  country?: string | undefined;
  actor: AuditActor | null;
}

export interface ResellerGrantResult {
  /**
   * DENIED: the customer denied this reseller on this license before; the denial stands.
   * DEACTIVATED: the customer deactivated this person in Manage Users (R-PERM-7); only its
   * Administrators let them back.
   */
  status: 'GRANTED' | 'ALREADY_GRANTED' | 'DENIED' | 'DEACTIVATED';
  userId: string;
  licensingId: string;
  invited: boolean;
  roles: Role[];
}

const DEFAULT_PARTNER_COUNTRY = 'US';

/**
 * R-PERM-11: a reseller who gave their business address on an Open order form gets the limited Add
 * Open set on that license at once (source RESELLER); every Administrator of record is mailed a
 * single-use Deny Access link. Runs in the caller's transaction: order ingestion and the operator
 * route both call it. Granting again while the access stands changes nothing and mails no one; a
 * reseller the customer denied stays denied.
 */
export async function grantResellerAccess(tx: DbOrTx, deps: ResellerDeps, input: ResellerGrantInput): Promise<ResellerGrantResult> {
  const { config, clock } = deps;
  const now = clock.now();
  const license = await loadLicensingId(tx, input.licensingId);
  if (!license) throw notFound('Licensing ID');
  if (license.programCode !== 'OPEN_LICENSE') throw notOpenLicense();
  const email = normalizeEmail(input.email);
  if (isPersonalAddress(email, config.PERSONAL_MAIL_DOMAINS)) {
    throw new DomainError('PERSONAL_ACCOUNT', 400, 'A reseller gets access with a business e-mail address, not a personal one.');
  }
  // The reseller's account, or a new invited user of the partner organization owning the domain.
  const reseller = await findOrCreateAccount(tx, {
    email,
    firstName: input.firstName,
    lastName: input.lastName,
    country: input.country ?? DEFAULT_PARTNER_COUNTRY,
  });
  const base = { userId: reseller.id, licensingId: license.id, invited: reseller.created };
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`reseller:${license.id}:${reseller.id}`}, 0))`);
  const [previous] = await tx
    .select({ deniedAt: resellerAccess.deniedAt })
    .from(resellerAccess)
    .where(and(eq(resellerAccess.licensingId, license.id), eq(resellerAccess.userId, reseller.id)));
  if (previous?.deniedAt) return { status: 'DENIED', ...base, roles: await activeRoles(tx, reseller.id, license.id) };
  if (await isDeactivatedBy(tx, license.organizationId, reseller.id)) {
    return { status: 'DEACTIVATED', ...base, roles: await activeRoles(tx, reseller.id, license.id) };
  }

  const { granted, held } = await grantLimitedSet(tx, {
    userId: reseller.id,
    licensingId: license.id,
    source: 'RESELLER',
    grantedBy: input.actor?.userId ?? null,
    now,
  });
  if (granted.length === 0) return { status: 'ALREADY_GRANTED', ...base, roles: held };

  // A fresh link for every grant; an earlier one (of a grant since removed) stops working.
  const token = randomToken();
  const [access] = await tx
    .insert(resellerAccess)
    .values({ licensingId: license.id, userId: reseller.id, denyTokenHash: sha256(token), createdAt: now })
    .onConflictDoUpdate({ target: [resellerAccess.licensingId, resellerAccess.userId], set: { denyTokenHash: sha256(token) } })
    .returning({ id: resellerAccess.id });
  await audit(tx, input.actor, {
    action: 'reseller.grant',
    targetType: 'reseller_access',
    targetId: access?.id ?? null,
    organizationId: license.organizationId,
    licensingIds: [license.id],
    before: { roles: held },
    after: { licensingId: license.id, userId: reseller.id, email, granted, source: 'RESELLER' },
  });

  const licenseParams = { licenseNumber: license.number, licenseName: license.name };
  if (reseller.created) {
    await sendInvitation(tx, config, now, { userId: reseller.id, invitedBy: input.actor?.userId ?? null });
  } else {
    await enqueueMail(tx, {
      to: email,
      locale: reseller.locale,
      template: addOpenMails.resellerAccessGranted,
      params: { ...licenseParams, firstName: reseller.firstName || email, customer: license.customer, url: `${config.publicUrl}/licenses` },
    });
  }
  for (const admin of await administratorsOfRecord(tx, license.id)) {
    await enqueueMail(tx, {
      to: admin.email,
      locale: admin.locale,
      template: addOpenMails.resellerAdminNotice,
      params: {
        ...licenseParams,
        firstName: admin.firstName || admin.email,
        resellerName: `${input.firstName} ${input.lastName}`.trim() || email,
        resellerEmail: email,
        denyUrl: `${config.publicUrl}/reseller-access/deny?token=${token}`,
        manageUrl: `${config.publicUrl}/administration/users?licensingId=${license.id}`,
      },
    });
  }
  return { status: 'GRANTED', ...base, roles: [...held, ...granted] };
}

export type ResellerStatus = 'ACTIVE' | 'DENIED' | 'INACTIVE';

interface AccessRow {
  id: string;
  licensingId: string;
  userId: string;
  deniedAt: Date | null;
}

const accessColumns = {
  id: resellerAccess.id,
  licensingId: resellerAccess.licensingId,
  userId: resellerAccess.userId,
  deniedAt: resellerAccess.deniedAt,
};

export function createResellerService({ db, config, clock }: ResellerDeps & { db: Db }) {
  /** Deactivates the reseller's RESELLER grants (other sources stay), marks the access denied, audits, tells the reseller. */
  async function deny(tx: DbOrTx, actor: Actor | null, access: AccessRow, license: OpenLicense, via: 'mail' | 'manage-users') {
    const now = clock.now();
    const deactivated = await tx
      .update(roleGrant)
      .set({ active: false, updatedAt: now })
      .where(
        and(
          eq(roleGrant.userId, access.userId),
          eq(roleGrant.licensingId, access.licensingId),
          eq(roleGrant.source, 'RESELLER'),
          eq(roleGrant.active, true),
        ),
      )
      .returning({ role: roleGrant.role });
    await tx
      .update(resellerAccess)
      .set({ deniedAt: now, deniedBy: actor?.userId ?? null })
      .where(eq(resellerAccess.id, access.id));
    const [reseller] = await tx
      .select({ email: user.email, firstName: user.firstName, locale: user.locale })
      .from(user)
      .where(eq(user.id, access.userId));
    if (!reseller) throw new Error(`reseller ${access.userId} is gone`);
    await audit(tx, actor, {
      action: 'reseller.deny',
      targetType: 'reseller_access',
      targetId: access.id,
      organizationId: license.organizationId,
      licensingIds: [access.licensingId],
      before: { roles: deactivated.map((r) => r.role) },
      after: { licensingId: access.licensingId, userId: access.userId, email: reseller.email, via },
    });
    await enqueueMail(tx, {
      to: reseller.email,
      locale: reseller.locale,
      template: addOpenMails.resellerAccessDenied,
      params: {
        firstName: reseller.firstName || reseller.email,
        licenseNumber: license.number,
        licenseName: license.name,
        customer: license.customer,
      },
    });
    return { status: 'DENIED' as const, licenseNumber: license.number, licenseName: license.name, resellerEmail: reseller.email };
  }

  async function licenseOf(tx: DbOrTx, licensingId: string) {
    const license = await loadLicensingId(tx, licensingId);
    if (!license) throw notFound('Licensing ID');
    return license;
  }

  return {
    async grantFromOperator(actor: Actor, input: Omit<ResellerGrantInput, 'actor'>) {
      const result = await db.transaction((tx) => grantResellerAccess(tx, { config, clock }, { ...input, actor }));
      if (result.status === 'DENIED') {
        throw new DomainError(
          'RESELLER_ALREADY_DENIED',
          409,
          'The customer denied this reseller’s access to this license; only the customer’s administrator can add them now.',
        );
      }
      if (result.status === 'DEACTIVATED') throw deactivatedByOrganization();
      return { ...result, status: result.status };
    },

    /** The Deny Access link of the administrators' mail: the token is the credential, good once. */
    async denyByToken(token: string) {
      return db.transaction(async (tx) => {
        const [access] = await tx
          .select(accessColumns)
          .from(resellerAccess)
          .where(eq(resellerAccess.denyTokenHash, sha256(token)))
          .for('update');
        if (!access) throw notFound('Deny Access link');
        if (access.deniedAt) {
          throw new DomainError('DENY_LINK_USED', 410, 'This Deny Access link has already been used; the reseller’s access is denied.');
        }
        return deny(tx, null, access, await licenseOf(tx, access.licensingId), 'mail');
      });
    },

    /** Deny Access from Manage Users; the guard has checked `users.manage` on the Licensing ID. */
    async denyFromManageUsers(actor: Actor, licensingId: string, resellerUserId: string) {
      return db.transaction(async (tx) => {
        const [access] = await tx
          .select(accessColumns)
          .from(resellerAccess)
          .where(and(eq(resellerAccess.licensingId, licensingId), eq(resellerAccess.userId, resellerUserId)))
          .for('update');
        if (!access) throw notFound('reseller');
        if (access.deniedAt) throw new DomainError('RESELLER_ALREADY_DENIED', 409, 'This reseller’s access has already been denied.');
        await deny(tx, actor, access, await licenseOf(tx, licensingId), 'manage-users');
        return { userId: resellerUserId, licensingId, status: 'DENIED' as const };
      });
    },

    /** Manage Users' list of the license's resellers; the guard has checked `users.manage` on it. */
    async list(licensingId: string) {
      const rows = await db
        .select({
          userId: user.id,
          email: user.email,
          firstName: user.firstName,
          lastName: user.lastName,
          organization: organization.name,
          grantedAt: resellerAccess.createdAt,
          deniedAt: resellerAccess.deniedAt,
          roles: sql<Role[]>`coalesce((select array_agg(g.role::text order by g.role) from ${roleGrant} g
            where g.user_id = ${resellerAccess.userId} and g.licensing_id = ${resellerAccess.licensingId}
              and g.source = 'RESELLER' and g.active), '{}'::text[])`,
        })
        .from(resellerAccess)
        .innerJoin(user, eq(user.id, resellerAccess.userId))
        .innerJoin(organization, eq(organization.id, user.organizationId))
        .where(eq(resellerAccess.licensingId, licensingId))
        .orderBy(desc(resellerAccess.createdAt), user.email);
      return rows.map((r) => ({
        ...r,
        status: (r.deniedAt ? 'DENIED' : r.roles.length > 0 ? 'ACTIVE' : 'INACTIVE') as ResellerStatus,
      }));
    },
  };
}

export type ResellerService = ReturnType<typeof createResellerService>;
