import { sql } from 'drizzle-orm';
import type { Config } from '../../../config.js';
import { audit } from '../../../platform/audit.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { notFound } from '../../../platform/errors.js';
import { holdings, lockLicensingIds, refusal, withoutAdministrator } from '../grants.js';
import { permissionsMails } from '../mails.js';
import { mailRoleChange } from '../notify.js';
import { syncInheritance } from './sync.js';

export interface MyInheritanceDeps {
  db: Db;
  config: Config;
  clock: Clock;
}

/** The agreements (MBSA or parent) on which the user is Notices Correspondent or Primary Contact, with their choice. */
async function inheritances(db: DbOrTx, userId: string, agreementId?: string) {
  const one = agreementId ? sql`and a.id = ${agreementId}` : sql``;
  const res = await db.execute<{
    id: string;
    number: string;
    kind: 'MBSA' | 'PARENT';
    program_code: string | null;
    contact_types: ('NOTICES_CORRESPONDENT' | 'PRIMARY_CONTACT')[];
    opted_in: boolean | null;
    decided_at: Date | null;
    children: number;
  }>(sql`
    select a.id, a.number, a.kind, a.program_code, array_agg(distinct c.type::text order by c.type::text) as contact_types,
      ai.opted_in, ai.decided_at,
      (select count(*) from licensing_id l join agreement p on p.id = l.parent_agreement_id where p.id = a.id or p.mbsa_id = a.id)::int as children
    from contact c join agreement a on a.id = c.agreement_id
    left join admin_inheritance ai on ai.user_id = c.user_id and ai.agreement_id = a.id
    where c.user_id = ${userId} and c.type in ('NOTICES_CORRESPONDENT', 'PRIMARY_CONTACT') ${one}
    group by a.id, ai.opted_in, ai.decided_at
    order by a.number`);
  return res.rows.map((r) => ({
    agreement: { id: r.id, number: r.number, kind: r.kind, programCode: r.program_code },
    contactTypes: r.contact_types,
    // Never chosen: opted in, the default (R-PERM-5).
    optedIn: r.opted_in ?? true,
    decidedAt: r.decided_at ? new Date(r.decided_at) : null,
    childLicensingIds: Number(r.children),
  }));
}

async function childrenOf(tx: DbOrTx, agreementId: string): Promise<string[]> {
  const res = await tx.execute<{ id: string }>(sql`
    select l.id from licensing_id l join agreement p on p.id = l.parent_agreement_id
    where p.id = ${agreementId} or p.mbsa_id = ${agreementId}`);
  return res.rows.map((r) => r.id);
}

export function createMyInheritance({ db, config, clock }: MyInheritanceDeps) {
  return {
    /** R-PERM-5: where the user may inherit the Administrator role, and whether they do. */
    list: (actor: Actor) => inheritances(db, actor.userId),

    /**
     * R-PERM-5: opting out makes the contact no longer Administrator of the agreement's children
     * by inheritance (Licensing Info Viewer stays); opting in makes them Administrator again.
     * Refused when opting out would leave a child without an Administrator (R-PERM-3).
     */
    async choose(actor: Actor, agreementId: string, optedIn: boolean) {
      await db.transaction(async (tx) => {
        const [current] = await inheritances(tx, actor.userId, agreementId);
        if (!current) throw notFound('agreement');
        if (current.optedIn === optedIn) return;
        const children = await childrenOf(tx, agreementId);
        await lockLicensingIds(tx, children);
        const before = Object.fromEntries(await holdings(tx, actor.userId, children));
        await tx.execute(sql`
          insert into admin_inheritance (user_id, agreement_id, opted_in, decided_at)
          values (${actor.userId}, ${agreementId}, ${optedIn}, ${clock.now().toISOString()})
          on conflict (user_id, agreement_id) do update set opted_in = excluded.opted_in, decided_at = excluded.decided_at`);
        const { revoked } = await syncInheritance(tx, agreementId);
        const orphaned = await withoutAdministrator(
          tx,
          revoked.filter((r) => r.role === 'ADMINISTRATOR').map((r) => r.licensingId),
        );
        if (orphaned[0]) throw refusal('LAST_ADMINISTRATOR', orphaned[0]);
        const after = Object.fromEntries(await holdings(tx, actor.userId, children));
        await audit(tx, actor, {
          action: 'permissions.inheritance-choice',
          targetType: 'agreement',
          targetId: agreementId,
          before: { optedIn: current.optedIn, holdings: before },
          after: { optedIn, holdings: after },
        });
        await mailRoleChange(tx, {
          config,
          actor,
          userId: actor.userId,
          template: optedIn ? permissionsMails.inheritanceOptedIn : permissionsMails.inheritanceOptedOut,
          before,
          after,
          params: { agreementNumber: current.agreement.number },
        });
      });
      const [now] = await inheritances(db, actor.userId, agreementId);
      if (!now) throw notFound('agreement');
      return now;
    },
  };
}
