import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import type { LicensePool } from '../catalog/rules.js';
import { isCoverageLine } from '../orders/license-summary-sql.js';
import { ACTIVE_SA_TYPES } from '../orders/rules.js';
import type { BenefitCode } from './benefits.js';
import type { BenefitRule, BenefitState, BenefitTotal } from './rules.js';

const saTypes = sql.raw(ACTIVE_SA_TYPES.map((t) => `'${t}'`).join(', '));

/**
 * R-SA-1: per Licensing ID of `ids` (a subquery or array condition) and benefit, what benefitTotals
 * sums on `today`, in one pass. The SA lines are summed per Licensing ID and product first, read
 * from order_line_coverage_idx alone (the License Summary's Active SA index, whose condition it
 * repeats so that the planner may use it); each product is matched to the rules once, not once per
 * Licensing ID; only the few sums per benefit travel to the app. Sending the sums per product
 * instead (10,000 rows for 500 Licensing IDs) and matching them in JavaScript took most of the SA
 * Summary's time (bench/sa-summary.ts). The quantity stays numeric, so the sum is exact.
 * `benefits` narrows the result (the SA Summary lists the benefits managed online only).
 */
export function benefitTotalsSql(ids: SQL, today: string, benefits?: readonly BenefitCode[]): SQL {
  const only = benefits
    ? sql`where q.benefit in (${sql.join(
        benefits.map((b) => sql`${b}`),
        sql`, `,
      )})`
    : sql``;
  return sql`
    with coverage as (
      select licensing_id, product_id,
        coalesce(sum(quantity) filter (where coverage_end >= ${today}::date), 0) as active_quantity,
        max(coverage_end) filter (where coverage_end >= ${today}::date) as active_until,
        max(coverage_end) as last_end
      from order_line
      where licensing_id in (${ids}) and ${isCoverageLine} and license_type in (${saTypes})
        and coverage_start <= ${today}::date and counts_from <= ${today}::date
      group by licensing_id, product_id
    ),
    qualifying as (
      select p.id as product_id, r.benefit, coalesce(r.per_license, 0) as per_license
      from sa_benefit_rule r join product p on p.pool = any(r.pools) or p.code = any(r.product_codes)
    )
    select c.licensing_id, q.benefit, sum(c.active_quantity * q.per_license)::text as eligible,
      max(c.active_until)::text as active_until, max(c.last_end)::text as last_end
    from coverage c join (select * from qualifying q ${only}) q using (product_id)
    group by c.licensing_id, q.benefit`;
}

export async function benefitTotalsByLicensingId(
  db: DbOrTx,
  ids: SQL,
  today: string,
  benefits?: readonly BenefitCode[],
): Promise<Map<string, Map<BenefitCode, BenefitTotal>>> {
  const res = await db.execute<{
    licensing_id: string;
    benefit: BenefitCode;
    eligible: string;
    active_until: string | null;
    last_end: string | null;
  }>(benefitTotalsSql(ids, today, benefits));
  const out = new Map<string, Map<BenefitCode, BenefitTotal>>();
  for (const r of res.rows) {
    const totals = out.get(r.licensing_id) ?? new Map<BenefitCode, BenefitTotal>();
    totals.set(r.benefit, { eligible: Number(r.eligible), activeUntil: r.active_until, lastEnd: r.last_end });
    out.set(r.licensing_id, totals);
  }
  return out;
}

export async function benefitRules(db: DbOrTx): Promise<BenefitRule[]> {
  const res = await db.execute<{ benefit: BenefitCode; pools: string; product_codes: string[]; per_license: string | null }>(
    sql`select benefit, pools::text[] as pools, product_codes, per_license from sa_benefit_rule order by benefit, created_at, id`,
  );
  return res.rows.map((r) => ({
    benefit: r.benefit,
    pools: r.pools as unknown as LicensePool[],
    productCodes: r.product_codes,
    perLicense: r.per_license === null ? null : Number(r.per_license),
  }));
}

/**
 * What happened to each benefit and how much of it is used (R-SA-5): the uses not cancelled,
 * summed. A benefit may have uses and no state row or the other way round, hence the full join.
 */
export async function statesByLicensingId(db: DbOrTx, ids: SQL): Promise<Map<string, Map<BenefitCode, BenefitState>>> {
  const res = await db.execute<{ licensing_id: string; benefit: BenefitCode; activated: boolean; on_hold: boolean; used: number }>(sql`
    select licensing_id, benefit, coalesce(s.activated, false) as activated, coalesce(s.on_hold, false) as on_hold,
      coalesce(u.used, 0)::int as used
    from (select licensing_id, benefit, activated_at is not null as activated, on_hold
          from sa_benefit_state where licensing_id in (${ids})) s
    full join (select licensing_id, benefit, sum(quantity) as used
          from sa_benefit_use where licensing_id in (${ids}) and status <> 'CANCELLED'
          group by licensing_id, benefit) u using (licensing_id, benefit)`);
  const out = new Map<string, Map<BenefitCode, BenefitState>>();
  for (const r of res.rows) {
    const m = out.get(r.licensing_id) ?? new Map();
    m.set(r.benefit, { activated: r.activated, onHold: r.on_hold, used: r.used });
    out.set(r.licensing_id, m);
  }
  return out;
}
