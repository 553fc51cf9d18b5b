import { type SQL, sql } from 'drizzle-orm';
import type { BenefitCode } from './benefits.js';

/**
 * The Software Assurance benefit reports' rows (R-REP-1), for the reports module: each a select
 * whose columns the report declares, with `licensingIdRef` for the caller's scope (scope.ts).
 */

/** One row per Licensing ID on which the benefit was activated or held: its state and what its uses took. */
export function benefitStateReportSql(benefit: BenefitCode): SQL {
  return sql`select s.licensing_id as "licensingIdRef", l.number as "licensingId", l.name as "licensingName",
      l.program_code::text as "program",
      to_char(s.activated_at at time zone 'UTC', 'YYYY-MM-DD') as "activatedOn",
      case when s.on_hold then 'HAR' when s.activated_at is not null then 'ACTIVATED' else 'REQUIRES_ACTIVATION' end as "status",
      coalesce((select sum(u.quantity) from sa_benefit_use u
        where u.licensing_id = s.licensing_id and u.benefit = s.benefit and u.status <> 'CANCELLED'), 0)::int as "used",
      coalesce((select count(*) from sa_benefit_use u
        where u.licensing_id = s.licensing_id and u.benefit = s.benefit and u.status <> 'CANCELLED'), 0)::int as "uses",
      s.licensing_id::text as "sortKey"
    from sa_benefit_state s join licensing_id l on l.id = s.licensing_id
    where s.benefit = ${benefit}`;
}

/** One row per use of the benefit (a training voucher, a Home Use Program user). */
export function benefitUseReportSql(benefit: BenefitCode): SQL {
  return sql`select u.licensing_id as "licensingIdRef", l.number as "licensingId", l.name as "licensingName",
      u.reference as "reference", u.holder_name as "holderName", u.holder_email as "holderEmail",
      u.quantity as "quantity", u.status::text as "status",
      to_char(u.created_at at time zone 'UTC', 'YYYY-MM-DD') as "assignedOn",
      to_char(u.redeemed_at at time zone 'UTC', 'YYYY-MM-DD') as "redeemedOn",
      to_char(u.cancelled_at at time zone 'UTC', 'YYYY-MM-DD') as "cancelledOn",
      u.id::text as "sortKey"
    from sa_benefit_use u join licensing_id l on l.id = u.licensing_id
    where u.benefit = ${benefit}`;
}
