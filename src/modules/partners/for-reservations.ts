import { sql } from 'drizzle-orm';
import type { PartnerContact, PartnerOfRecord } from '../reservations/ports.js';

/** R-RES-3: what reservations ask of this module: the enrollment's channel partner of record, to contact. */
export const partnerOfRecordForReservations: PartnerOfRecord = {
  async contactOf(db, licensingId) {
    const res = await db.execute<PartnerContact & Record<string, unknown>>(sql`
      select o.name, p.notification_email as email, p.number
      from partner_of_record r
      join channel_partner p on p.organization_id = r.partner_organization_id
      join organization o on o.id = p.organization_id
      where r.licensing_id = ${licensingId}`);
    const row = res.rows[0];
    return row ? { name: row.name, email: row.email, number: row.number } : null;
  },
};
