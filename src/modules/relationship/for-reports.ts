import { type SQL, sql } from 'drizzle-orm';

/**
 * The Agreements report's rows (R-REP-1), for the reports module: each Licensing ID with its
 * parent agreement, and one row per contact named on it or on its agreement (a Licensing ID without
 * contacts is one row). `licensingIdRef` is for the caller's scope (scope.ts).
 */
export function agreementsReportSql(): SQL {
  return sql`select l.id as "licensingIdRef", coalesce(a.number, '') as "agreementNumber", l.program_code::text as "program",
      l.number as "licensingId", l.name as "licensingName", l.status::text as "status",
      l.start_date::text as "startDate", l.end_date::text as "endDate", l.price_level as "priceLevel",
      c.type::text as "contactType", c.name as "contactName", c.email as "contactEmail",
      l.number || '|' || coalesce(c.type::text, '') || '|' || coalesce(c.email, '') || '|' || coalesce(c.id::text, '') as "sortKey"
    from licensing_id l
    left join agreement a on a.id = l.parent_agreement_id
    left join contact c on (c.licensing_id = l.id or (c.agreement_id is not null and c.agreement_id = l.parent_agreement_id))`;
}
