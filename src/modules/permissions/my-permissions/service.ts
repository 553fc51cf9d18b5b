import type { Config } from '../../../config.js';
import { audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/client.js';
import { notFound } from '../../../platform/errors.js';
import type { RelationshipService } from '../../relationship/service.js';
import { activeGrants, deactivateGrants, lockLicensingIds, refusal, standings } from '../grants.js';
import { permissionsMails } from '../mails.js';
import { licensingIdLabels, mailRoleChange } from '../notify.js';
import { holdingOf, NO_HOLDING, protectedRoles, removalRefusal } from '../rules.js';

export interface MyPermissionsDeps {
  db: Db;
  config: Config;
  clock: Clock;
  relationship: RelationshipService;
}

export function createMyPermissions({ db, config, clock, relationship }: MyPermissionsDeps) {
  return {
    /**
     * R-PERM-4, R-PERM-12: every Licensing ID the user holds a role on, whatever the role, with its
     * parent agreement and MBSA, the roles with their sub-roles and reservation flag, whether the
     * user may drop it, and whether they are its only Administrator (R-PERM-3).
     */
    async list(actor: Actor, status: 'active' | 'all') {
      const rows = (await relationship.list(actor)).filter((r) => status === 'all' || r.status === 'ACTIVE');
      const ids = rows.map((r) => r.id);
      const grants = await activeGrants(db, actor.userId, ids);
      const standing = await standings(db, actor.userId, ids);
      const items = rows.map((r) => {
        const held = grants.get(r.id) ?? [];
        const holding = holdingOf(held);
        const s = standing.get(r.id);
        const reason = s
          ? removalRefusal({ ...s, removed: holding.roles, whole: true, protectedRoles: protectedRoles(held) }, 'self')
          : null;
        return {
          ...r,
          ...holding,
          removable: reason === null,
          reason,
          soleAdministrator: Boolean(s?.countsAsAdministrator && s.otherAdministrators === 0),
        };
      });
      return { email: actor.email, items: items.sort((a, b) => a.number.localeCompare(b.number)) };
    },

    /**
     * R-PERM-4: the user drops a Licensing ID from their own set. Its grants become inactive (kept
     * for audit); only a new assignment or an accepted request brings it back.
     */
    async leave(actor: Actor, licensingId: string) {
      await db.transaction(async (tx) => {
        await lockLicensingIds(tx, [licensingId]);
        const grants = (await activeGrants(tx, actor.userId, [licensingId])).get(licensingId) ?? [];
        // Nothing held is indistinguishable from another organization's Licensing ID.
        if (grants.length === 0) throw notFound('Licensing ID');
        const before = holdingOf(grants);
        const standing = (await standings(tx, actor.userId, [licensingId])).get(licensingId);
        if (!standing) throw notFound('Licensing ID');
        const refused = removalRefusal({ ...standing, removed: before.roles, whole: true, protectedRoles: protectedRoles(grants) }, 'self');
        if (refused) throw refusal(refused, licensingId);
        await deactivateGrants(tx, actor.userId, licensingId);
        const change = { before: { [licensingId]: before }, after: { [licensingId]: NO_HOLDING } };
        await audit(tx, actor, { action: 'permissions.leave', targetType: 'licensing_id', targetId: licensingId, ...change });
        const label = (await licensingIdLabels(tx, [licensingId])).get(licensingId);
        await mailRoleChange(tx, {
          config,
          actor,
          userId: actor.userId,
          template: permissionsMails.licensingIdLeft,
          ...change,
          params: { number: label?.number ?? '', name: label?.name ?? '', date: clock.now().toISOString().slice(0, 10) },
        });
      });
    },
  };
}
