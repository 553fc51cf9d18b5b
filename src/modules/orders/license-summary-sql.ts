import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import type { LicenseType } from './rules.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One array parameter rather than one parameter per id: 500 Licensing IDs stay one short statement. */
export function uuidArray(ids: readonly string[]): SQL {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}

export interface ProductBucketRow {
  product_id: string;
  license_type: LicenseType;
  is_grant: boolean;
  quantity: string;
  active_quantity: string;
}

/**
 * The License Summary's aggregate (R-LIC-2, R-LIC-3): per product, license type and grant flag,
 * the quantity that counts on `today` and the part of it under coverage active on `today`.
 *
 * It reads the positions (every line ever ordered, summed per Licensing ID and product by the
 * order_line trigger) and corrects them with two small sets of lines, each read from its own
 * index: lines that do not count yet (future coverage start, order_line_pending_idx) and lines of
 * a coverage type whose coverage is active (order_line_coverage_idx, index-only). The work grows
 * with the number of distinct products per Licensing ID and the active coverage, not with the
 * number of lines.
 */
export function licenseSummaryAggregate(ids: readonly string[], today: string): SQL {
  const lids = uuidArray(ids);
  return sql`
    select product_id, license_type, is_grant,
      sum(total) - sum(pending) as quantity, sum(active) as active_quantity
    from (
      select product_id, license_type, is_grant, quantity as total, 0::bigint as pending, 0::bigint as active
      from license_position where licensing_id = any(${lids}) and license_type <> 'ONLINE_SERVICE'
      union all
      select product_id, license_type, is_grant, 0, quantity, 0
      from order_line where licensing_id = any(${lids}) and counts_from > ${today}::date and license_type <> 'ONLINE_SERVICE'
      union all
      select product_id, license_type, is_grant, 0, 0, quantity
      from order_line
      where licensing_id = any(${lids}) and license_type in ('LSA', 'SA', 'SA_STEP_UP', 'SUBSCRIPTION')
        and coverage_end >= ${today}::date and coverage_start <= ${today}::date and counts_from <= ${today}::date
    ) parts
    group by product_id, license_type, is_grant
    having sum(total) - sum(pending) > 0`;
}

/**
 * The same figures straight from every order line: the reference the benchmark measures against,
 * and what the tests compare the positions with.
 */
export function licenseSummaryFromLines(ids: readonly string[], today: string): SQL {
  return sql`
    select product_id, license_type, is_grant,
      sum(quantity) as quantity,
      coalesce(sum(quantity) filter (where license_type in ('LSA', 'SA', 'SA_STEP_UP', 'SUBSCRIPTION')
        and coverage_start <= ${today}::date and coverage_end >= ${today}::date), 0) as active_quantity
    from order_line
    where licensing_id = any(${uuidArray(ids)}) and counts_from <= ${today}::date and license_type <> 'ONLINE_SERVICE'
    group by product_id, license_type, is_grant`;
}

export async function productBuckets(db: DbOrTx, ids: readonly string[], today: string): Promise<ProductBucketRow[]> {
  if (ids.length === 0) return [];
  return (await db.execute<ProductBucketRow & Record<string, unknown>>(licenseSummaryAggregate(ids, today))).rows;
}
