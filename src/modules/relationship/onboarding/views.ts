import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import type { ContactOfRecordType, LicensingIdKind, Status } from '../rules.js';
import type { AgreementContent } from './rules.js';
import type { AgreementRecordView } from './schemas.js';

/**
 * Onboarded agreements as the operator sees them: the record with its organization, its Licensing
 * IDs as they are now (renewed, expired, moved) and its contacts of record. `where` filters
 * agreement_record (alias r).
 */
export async function recordViews(db: DbOrTx, where: SQL): Promise<AgreementRecordView[]> {
  const records = await db.execute<{
    id: string;
    number: string;
    program_code: string;
    program_name: string;
    content: AgreementContent;
    created_at: Date;
    updated_at: Date;
    org_id: string;
    org_name: string;
    org_domains: string[];
  }>(sql`
    select r.id, r.number, r.program_code, p.name as program_name, r.content, r.created_at, r.updated_at,
      o.id as org_id, o.name as org_name, o.domains as org_domains
    from agreement_record r join organization o on o.id = r.organization_id join program p on p.code = r.program_code
    where ${where} order by r.number`);
  if (records.rows.length === 0) return [];
  const ids = sql`${sql.param(records.rows.map((r) => r.id))}::uuid[]`;
  const lids = await db.execute<{
    record_id: string;
    id: string;
    number: string;
    name: string;
    kind: LicensingIdKind;
    status: Status;
    start_date: string;
    end_date: string | null;
    price_level: string | null;
    authorization_number: string | null;
  }>(sql`
    select record_id, id, number, name, kind, status, start_date, end_date, price_level, authorization_number
    from licensing_id where record_id = any(${ids}) order by number`);
  const contacts = await db.execute<{ record_id: string; type: ContactOfRecordType; name: string; email: string; registered: boolean }>(sql`
    select distinct on (l.record_id, c.type) l.record_id, c.type, c.name, c.email,
      coalesce(u.status not in ('invited'), false) as registered
    from contact c join licensing_id l on l.id = c.licensing_id left join "user" u on u.id = c.user_id
    where l.record_id = any(${ids}) and c.type <> 'CHANNEL_PARTNER' order by l.record_id, c.type`);
  // Read by name: the partners module owns who is partner of record and imports this one.
  const partners = await db.execute<{ record_id: string; name: string; number: string }>(sql`
    select distinct on (l.record_id) l.record_id, o.name, p.number
    from partner_of_record r join licensing_id l on l.id = r.licensing_id
    join channel_partner p on p.organization_id = r.partner_organization_id join organization o on o.id = p.organization_id
    where l.record_id = any(${ids}) order by l.record_id, l.number`);
  const partnerOf = new Map(partners.rows.map((p) => [p.record_id, { name: p.name, number: p.number }]));
  return records.rows.map((r) => {
    const locales = new Map(r.content.contacts.map((c) => [c.email, c.locale as Locale]));
    return {
      id: r.id,
      number: r.number,
      programCode: r.program_code,
      programName: r.program_name,
      priceLevel: r.content.priceLevel,
      startDate: r.content.startDate,
      endDate: r.content.endDate,
      mbsaNumber: r.content.mbsaNumber,
      organization: { id: r.org_id, name: r.org_name, domains: r.org_domains },
      licensingIds: lids.rows
        .filter((l) => l.record_id === r.id)
        .map((l) => ({
          id: l.id,
          number: l.number,
          name: l.name,
          kind: l.kind,
          status: l.status,
          startDate: l.start_date,
          endDate: l.end_date,
          priceLevel: l.price_level,
          authorizationNumber: l.authorization_number,
        })),
      contacts: contacts.rows
        .filter((c) => c.record_id === r.id)
        .map((c) => ({ type: c.type, name: c.name, email: c.email, locale: locales.get(c.email) ?? 'en', registered: c.registered })),
      channelPartner: partnerOf.get(r.id) ?? null,
      createdAt: new Date(r.created_at),
      updatedAt: new Date(r.updated_at),
    };
  });
}
