import { sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.js';
import type { Role } from '../../../platform/authz/roles.js';
import type { DbOrTx } from '../../../platform/db/client.js';

/**
 * Contacts who are Administrators by default. A user whose registration still waits for the
 * agreement's address to be confirmed (R-ID-3) gets nothing until then: a sync must not revive
 * the grants that registration set aside.
 */
const ADMIN_CONTACTS = sql`c.user_id is not null and c.type in ('NOTICES_CORRESPONDENT', 'PRIMARY_CONTACT')
  and not exists (select 1 from email_verification v where v.user_id = c.user_id and v.verified_at is null)`;

export interface InheritanceChange {
  userId: string;
  licensingId: string;
  role: Role;
}

/**
 * The inherited grants every child of the agreement should have. A child is a Licensing ID whose
 * parent agreement is the agreement, or whose parent agreement's MBSA is. Each Notices
 * Correspondent and Primary Contact of its parent agreement or MBSA keeps Licensing Info Viewer;
 * Administrator comes with it unless they opted out of every path (no choice made: opted in).
 */
const wantedFor = (agreementId: string) => sql`
  with children as (
    select l.id, a.id as parent_id, a.mbsa_id from licensing_id l join agreement a on a.id = l.parent_agreement_id
    where a.id = ${agreementId} or a.mbsa_id = ${agreementId}),
  paths as (
    select ch.id as licensing_id, c.user_id, c.agreement_id, coalesce(ai.opted_in, true) as opted_in
    from children ch join contact c on c.agreement_id in (ch.parent_id, ch.mbsa_id)
    left join admin_inheritance ai on ai.user_id = c.user_id and ai.agreement_id = c.agreement_id
    where ${ADMIN_CONTACTS}),
  wanted as (
    select licensing_id, user_id, 'LICENSING_INFO_VIEWER'::role as role, min(agreement_id::text)::uuid as inherited_from
    from paths group by licensing_id, user_id
    union all
    select licensing_id, user_id, 'ADMINISTRATOR'::role, min(agreement_id::text)::uuid
    from paths where opted_in group by licensing_id, user_id)`;

type Row = { user_id: string; licensing_id: string; role: Role };
const changes = (rows: Row[]): InheritanceChange[] => rows.map((r) => ({ userId: r.user_id, licensingId: r.licensing_id, role: r.role }));

/**
 * R-PERM-5: brings the inherited grants of the agreement's children in line with its contacts and
 * their choices: writes or revives what is due, sets inactive what is not. Order ingestion calls
 * it when a child Licensing ID or a contact appears; the opt-in/out choice calls it too.
 */
export async function syncInheritance(tx: DbOrTx, agreementId: string) {
  const granted = await tx.execute<Row>(sql`${wantedFor(agreementId)}
    insert into role_grant (user_id, licensing_id, role, source, inherited_from)
    select user_id, licensing_id, role, 'INHERITED', inherited_from from wanted
    on conflict (user_id, licensing_id, role, source) do update
    set active = true, inherited_from = excluded.inherited_from, updated_at = now()
    where not role_grant.active
    returning user_id, licensing_id, role`);
  const revoked = await tx.execute<Row>(sql`${wantedFor(agreementId)}
    update role_grant g set active = false, updated_at = now()
    where g.source = 'INHERITED' and g.active and g.licensing_id in (select id from children)
      and not exists (select 1 from wanted w where w.licensing_id = g.licensing_id and w.user_id = g.user_id and w.role = g.role)
    returning g.user_id, g.licensing_id, g.role`);
  const result = { granted: changes(granted.rows), revoked: changes(revoked.rows) };
  if (result.granted.length || result.revoked.length) {
    const org = await tx.execute<{ organization_id: string }>(sql`select organization_id from agreement where id = ${agreementId}`);
    await audit(tx, null, {
      action: 'permissions.inheritance-sync',
      targetType: 'agreement',
      targetId: agreementId,
      organizationId: org.rows[0]?.organization_id ?? null,
      after: result,
    });
  }
  return result;
}

/**
 * R-PERM-3: the Notices Correspondent and Primary Contact of a Licensing ID are its Administrators
 * by default. Order ingestion calls this when a Licensing ID or its contacts appear.
 */
export async function syncContactAdministrators(tx: DbOrTx, licensingId: string): Promise<InheritanceChange[]> {
  const res = await tx.execute<Row>(sql`
    insert into role_grant (user_id, licensing_id, role, source)
    select distinct c.user_id, c.licensing_id, 'ADMINISTRATOR'::role, 'CONTACT'::grant_source from contact c
    where c.licensing_id = ${licensingId} and ${ADMIN_CONTACTS}
    on conflict (user_id, licensing_id, role, source) do update set active = true, updated_at = now()
    where not role_grant.active
    returning user_id, licensing_id, role`);
  const granted = changes(res.rows);
  if (granted.length) {
    const org = await tx.execute<{ organization_id: string }>(sql`select organization_id from licensing_id where id = ${licensingId}`);
    await audit(tx, null, {
      action: 'permissions.contact-administrators',
      targetType: 'licensing_id',
      targetId: licensingId,
      organizationId: org.rows[0]?.organization_id ?? null,
      after: { granted },
    });
  }
  return granted;
}
