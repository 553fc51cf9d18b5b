import { and, eq, gte, sql } from 'drizzle-orm';
import type { Config } from '../../../config.js';
import { audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Role } from '../../../platform/authz/roles.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { DomainError, notFound } from '../../../platform/errors.js';
import { enqueueMail } from '../../../platform/mail/outbox.js';
import { setNames } from '../../identity/accounts.js';
import { organization, user } from '../../identity/tables.js';
import { setAddOpenEnabled } from '../../relationship/add-open-setting.js';
import { licensingId } from '../../relationship/tables.js';
import { administratorsOfRecord } from '../admins.js';
import { deactivatedByOrganization, isDeactivatedBy } from '../deactivation.js';
import { addOpenMails } from '../mails.js';
import { addOpenFailure, roleGrant } from '../tables.js';
import {
  addOpenSuspension,
  effectiveProfile,
  isProfileComplete,
  missingAddOpenRoles,
  normalizeLicenseNumber,
  type SuspensionPolicy,
  suspensionLookbackStart,
} from './rules.js';

export interface AddOpenDeps {
  db: Db;
  config: Config;
  clock: Clock;
}

export interface OpenLicense {
  id: string;
  organizationId: string;
  customer: string;
  number: string;
  name: string;
  programCode: string;
  addOpenEnabled: boolean;
}

const licenseColumns = {
  id: licensingId.id,
  organizationId: licensingId.organizationId,
  customer: organization.name,
  number: licensingId.number,
  name: licensingId.name,
  programCode: licensingId.programCode,
  addOpenEnabled: licensingId.addOpenEnabled,
};

export async function loadLicensingId(tx: DbOrTx, id: string): Promise<OpenLicense | undefined> {
  const [row] = await tx
    .select(licenseColumns)
    .from(licensingId)
    .innerJoin(organization, eq(organization.id, licensingId.organizationId))
    .where(eq(licensingId.id, id));
  return row;
}

/** The Open License both numbers name, compared trimmed and case-insensitively. */
async function findOpenLicense(tx: DbOrTx, number: string, authorization: string): Promise<OpenLicense | undefined> {
  const [row] = await tx
    .select(licenseColumns)
    .from(licensingId)
    .innerJoin(organization, eq(organization.id, licensingId.organizationId))
    .where(
      and(
        eq(licensingId.programCode, 'OPEN_LICENSE'),
        sql`upper(trim(${licensingId.number})) = ${normalizeLicenseNumber(number)}`,
        sql`upper(trim(${licensingId.authorizationNumber})) = ${normalizeLicenseNumber(authorization)}`,
      ),
    )
    .limit(1);
  return row;
}

export async function activeRoles(tx: DbOrTx, userId: string, licensing: string): Promise<Role[]> {
  const rows = await tx
    .select({ role: roleGrant.role })
    .from(roleGrant)
    .where(and(eq(roleGrant.userId, userId), eq(roleGrant.licensingId, licensing), eq(roleGrant.active, true)));
  return rows.map((r) => r.role);
}

/**
 * Grants the roles of the limited set the user holds from no source yet (R-PERM-10, R-PERM-11),
 * active at once. A grant of the same source the user once held and lost is reactivated rather
 * than duplicated.
 */
export async function grantLimitedSet(
  tx: DbOrTx,
  g: { userId: string; licensingId: string; source: 'ADD_OPEN' | 'RESELLER'; grantedBy: string | null; now: Date },
): Promise<{ granted: Role[]; held: Role[] }> {
  const held = await activeRoles(tx, g.userId, g.licensingId);
  const missing = missingAddOpenRoles(held);
  if (missing.length === 0) return { granted: [], held };
  const rows = await tx
    .insert(roleGrant)
    .values(
      missing.map((role) => ({
        userId: g.userId,
        licensingId: g.licensingId,
        role,
        source: g.source,
        grantedBy: g.grantedBy,
        createdAt: g.now,
        updatedAt: g.now,
      })),
    )
    .onConflictDoUpdate({
      target: [roleGrant.userId, roleGrant.licensingId, roleGrant.role, roleGrant.source],
      set: { active: true, grantedBy: g.grantedBy, updatedAt: g.now },
      setWhere: sql`not ${roleGrant.active}`,
    })
    .returning({ role: roleGrant.role });
  return { granted: rows.map((r) => r.role), held };
}

export interface AddOpenInput {
  licenseNumber: string;
  authorizationNumber: string;
  firstName?: string | undefined;
  lastName?: string | undefined;
}

export interface AddOpenResult {
  status: 'GRANTED' | 'ALREADY_GRANTED';
  licensingId: string;
  number: string;
  name: string;
  roles: Role[];
}

type Outcome =
  | { refusal: 'SUSPENDED'; until: Date }
  | { refusal: 'PROFILE_INCOMPLETE' }
  | { refusal: 'INVALID_PAIR'; attemptsLeft: number }
  | { refusal: 'DISABLED' }
  | { refusal: 'DEACTIVATED' }
  | { refusal: null; result: AddOpenResult };

export function createAddOpenService({ db, config, clock }: AddOpenDeps) {
  const policy: SuspensionPolicy = {
    maxFailures: config.ADD_OPEN_MAX_FAILURES,
    windowHours: config.ADD_OPEN_FAILURE_WINDOW_HOURS,
    suspensionHours: config.ADD_OPEN_SUSPENSION_HOURS,
  };

  return {
    /**
     * R-PERM-10. The suspension is decided first, so a suspended user learns nothing about any
     * pair; an invalid pair is recorded even though the request fails, hence the outcome is
     * returned from the transaction and thrown only after it commits.
     */
    async addOpenLicense(actor: Actor, input: AddOpenInput): Promise<AddOpenResult> {
      const now = clock.now();
      const outcome = await db.transaction(async (tx): Promise<Outcome> => {
        // One attempt at a time per user, so parallel guesses cannot all slip under the limit.
        const [me] = await tx
          .select({ firstName: user.firstName, lastName: user.lastName, email: user.email, locale: user.locale })
          .from(user)
          .where(eq(user.id, actor.userId))
          .for('update');
        if (!me) throw notFound('user');
        const failures = await tx
          .select({ at: addOpenFailure.at })
          .from(addOpenFailure)
          .where(and(eq(addOpenFailure.userId, actor.userId), gte(addOpenFailure.at, suspensionLookbackStart(now, policy))));
        const state = addOpenSuspension(
          failures.map((f) => f.at),
          now,
          policy,
        );
        if (state.suspended) return { refusal: 'SUSPENDED', until: state.until };
        const profile = effectiveProfile(me, input);
        if (!isProfileComplete(profile)) return { refusal: 'PROFILE_INCOMPLETE' };
        const license = await findOpenLicense(tx, input.licenseNumber, input.authorizationNumber);
        if (!license) {
          // Stamped with the service's clock, against which the suspension rule is evaluated.
          await tx.insert(addOpenFailure).values({ userId: actor.userId, at: now });
          return { refusal: 'INVALID_PAIR', attemptsLeft: Math.max(0, state.attemptsLeft - 1) };
        }
        if (!license.addOpenEnabled) return { refusal: 'DISABLED' };
        // R-PERM-7: the organization deactivated this person; only its Administrators let them back.
        if (await isDeactivatedBy(tx, license.organizationId, actor.userId)) return { refusal: 'DEACTIVATED' };

        if (profile.firstName !== me.firstName || profile.lastName !== me.lastName) {
          await setNames(tx, actor.userId, profile);
          await audit(tx, actor, {
            action: 'user.profile',
            targetType: 'user',
            targetId: actor.userId,
            before: { firstName: me.firstName, lastName: me.lastName },
            after: profile,
          });
        }
        const { granted, held } = await grantLimitedSet(tx, {
          userId: actor.userId,
          licensingId: license.id,
          source: 'ADD_OPEN',
          grantedBy: actor.userId,
          now,
        });
        const base = { licensingId: license.id, number: license.number, name: license.name };
        if (granted.length === 0) return { refusal: null, result: { status: 'ALREADY_GRANTED', ...base, roles: held } };

        await audit(tx, actor, {
          action: 'add_open.grant',
          targetType: 'licensing_id',
          targetId: license.id,
          organizationId: license.organizationId,
          before: { roles: held },
          after: { userId: actor.userId, email: me.email, granted, source: 'ADD_OPEN' },
        });
        const userName = `${profile.firstName} ${profile.lastName}`;
        const mailParams = { licenseNumber: license.number, licenseName: license.name };
        await enqueueMail(tx, {
          to: me.email,
          locale: me.locale,
          template: addOpenMails.addOpenGranted,
          params: { ...mailParams, firstName: profile.firstName, url: `${config.publicUrl}/licenses` },
        });
        for (const admin of await administratorsOfRecord(tx, license.id)) {
          await enqueueMail(tx, {
            to: admin.email,
            locale: admin.locale,
            template: addOpenMails.addOpenAdminNotice,
            params: {
              ...mailParams,
              firstName: admin.firstName || admin.email,
              userName,
              userEmail: me.email,
              url: `${config.publicUrl}/administration/users?licensingId=${license.id}`,
            },
          });
        }
        return { refusal: null, result: { status: 'GRANTED', ...base, roles: [...held, ...granted] } };
      });

      switch (outcome.refusal) {
        case null:
          return outcome.result;
        case 'SUSPENDED':
          throw new DomainError(
            'ADD_OPEN_SUSPENDED',
            423,
            `Add Open License is suspended for you until ${outcome.until.toISOString()} after repeated invalid license and authorization numbers. Support cannot lift the suspension; try again when it ends.`,
            { suspendedUntil: outcome.until.toISOString() },
          );
        case 'PROFILE_INCOMPLETE':
          throw new DomainError(
            'PROFILE_INCOMPLETE',
            400,
            'Enter your first and last name: the administrators of the license are told who you are.',
          );
        case 'INVALID_PAIR':
          throw new DomainError('INVALID_LICENSE_PAIR', 400, 'The license number and authorization number do not match an Open License.', {
            attemptsLeft: outcome.attemptsLeft,
          });
        case 'DEACTIVATED':
          throw deactivatedByOrganization();
        case 'DISABLED':
          throw new DomainError(
            'ADD_OPEN_DISABLED',
            403,
            'Add Open License is turned off for this license. Do not contact support: ask the customer’s administrator to add you as a user.',
          );
      }
    },

    /** The owner's switch (R-PERM-10); the guard has checked `users.manage` on the Licensing ID. */
    async setAddOpenEnabled(actor: Actor, id: string, enabled: boolean) {
      return db.transaction(async (tx) => {
        const [license] = await tx
          .select({ programCode: licensingId.programCode, enabled: licensingId.addOpenEnabled, organizationId: licensingId.organizationId })
          .from(licensingId)
          .where(eq(licensingId.id, id))
          .for('update');
        if (!license) throw notFound('Licensing ID');
        if (license.programCode !== 'OPEN_LICENSE') throw notOpenLicense();
        if (license.enabled !== enabled) {
          await setAddOpenEnabled(tx, id, enabled);
          await audit(tx, actor, {
            action: 'add_open.switch',
            targetType: 'licensing_id',
            targetId: id,
            organizationId: license.organizationId,
            before: { addOpenEnabled: license.enabled },
            after: { addOpenEnabled: enabled },
          });
        }
        return { licensingId: id, addOpenEnabled: enabled };
      });
    },

    async addOpenSetting(id: string) {
      const license = await loadLicensingId(db, id);
      if (!license) throw notFound('Licensing ID');
      if (license.programCode !== 'OPEN_LICENSE') throw notOpenLicense();
      return { licensingId: id, addOpenEnabled: license.addOpenEnabled };
    },
  };
}

export const notOpenLicense = () =>
  new DomainError('NOT_OPEN_LICENSE', 409, 'Add Open License and reseller access apply to Open License Licensing IDs only.');

export type AddOpenService = ReturnType<typeof createAddOpenService>;
