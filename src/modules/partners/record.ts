import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { setChannelPartnerContact } from '../relationship/channel-partner-contact.js';

const uuids = (ids: readonly string[]) => sql`${sql.param([...ids])}::uuid[]`;

/**
 * R-REL-6: makes the partner the channel partner of record of these Licensing IDs, in the caller's
 * transaction: the partner_of_record row that authorization reads, and the Channel Partner
 * contact that the customer's reports show (the partner's name and notification address).
 * Returns the partner each Licensing ID had before (absent: none).
 */
export async function recordPartner(
  tx: DbOrTx,
  licensingIds: readonly string[],
  partnerOrganizationId: string,
  now: Date,
): Promise<Map<string, string>> {
  if (licensingIds.length === 0) return new Map();
  const before = await tx.execute<{ licensing_id: string; partner_organization_id: string }>(
    sql`select licensing_id, partner_organization_id from partner_of_record where licensing_id = any(${uuids(licensingIds)}) for update`,
  );
  await tx.execute(sql`
    insert into partner_of_record (licensing_id, partner_organization_id, since)
    select l, ${partnerOrganizationId}::uuid, ${now.toISOString()}::timestamptz from unnest(${uuids(licensingIds)}) l
    on conflict (licensing_id) do update set partner_organization_id = excluded.partner_organization_id, since = excluded.since
    where partner_of_record.partner_organization_id <> excluded.partner_organization_id`);
  const partner = await tx.execute<{ name: string; email: string }>(sql`
    select o.name, p.notification_email as email from channel_partner p join organization o on o.id = p.organization_id
    where p.organization_id = ${partnerOrganizationId}`);
  const row = partner.rows[0];
  if (!row) throw new Error(`recordPartner: no channel partner ${partnerOrganizationId}`);
  await setChannelPartnerContact(tx, licensingIds, row);
  return new Map(before.rows.map((r) => [r.licensing_id, r.partner_organization_id]));
}
