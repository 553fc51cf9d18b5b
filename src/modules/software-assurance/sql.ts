import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import type { LicensePool } from '../catalog/rules.js';
import { isCoverageLine } from '../orders/license-summary-sql.js';
import { ACTIVE_SA_TYPES } from '../orders/rules.js';
import type { BenefitCode } from './benefits.js';
import type { BenefitRule, BenefitState, ProductCoverage } from './rules.js';

const saTypes = sql.raw(ACTIVE_SA_TYPES.map((t) => `'${t}'`).join(', '));

/**
 * The SA coverage of the Licensing IDs `ids` (a subquery or array condition) per Licensing ID and
 * product on `today`, as coverageOfLines computes it from single lines. It reads the coverage
 * lines from order_line_coverage_idx (the License Summary's Active SA index, whose condition it
 * repeats so that the planner may use it), so it grows with the SA lines, not all lines.
 */
export function saCoverageSql(ids: SQL, today: string): SQL {
  return sql`
    select c.licensing_id, p.code as product_code, p.pool,
      c.active_quantity, c.active_until, c.last_end
    from (
      select licensing_id, product_id,
        coalesce(sum(quantity) filter (where coverage_end >= ${today}::date), 0) as active_quantity,
        max(coverage_end) filter (where coverage_end >= ${today}::date) as active_until,
        max(coverage_end) as last_end
      from order_line
      where licensing_id in (${ids}) and ${isCoverageLine} and license_type in (${saTypes})
        and coverage_start <= ${today}::date and counts_from <= ${today}::date
      group by licensing_id, product_id
    ) c
    join product p on p.id = c.product_id`;
}

export async function coverageByLicensingId(db: DbOrTx, ids: SQL, today: string): Promise<Map<string, ProductCoverage[]>> {
  const res = await db.execute<{
    licensing_id: string;
    product_code: string;
    pool: LicensePool;
    active_quantity: string;
    active_until: string | null;
    last_end: string | null;
  }>(saCoverageSql(ids, today));
  const out = new Map<string, ProductCoverage[]>();
  for (const r of res.rows) {
    const list = out.get(r.licensing_id) ?? [];
    list.push({
      productCode: r.product_code,
      pool: r.pool,
      activeQuantity: Number(r.active_quantity),
      activeUntil: r.active_until,
      lastEnd: r.last_end,
    });
    out.set(r.licensing_id, list);
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
