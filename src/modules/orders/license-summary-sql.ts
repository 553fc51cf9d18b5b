import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { type LicenseType, NON_COVERAGE_TYPES } from './rules.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One array parameter rather than one parameter per id: 500 Licensing IDs stay one short statement. */
export function uuidArray(ids: readonly string[]): SQL {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}

/**
 * SQL condition: the line's type is one whose coverage is read (COVERAGE_TYPES), written as "none
 * of the others" so that order_line_coverage_idx, declared with the very same condition, never
 * names an enum value added in the migration that creates it (PostgreSQL refuses that).
 */
export const isCoverageLine = sql.raw(`license_type not in (${NON_COVERAGE_TYPES.map((t) => `'${t}'`).join(', ')})`);

export interface ProductBucketRow {
  product_id: string;
  license_type: LicenseType;
  is_grant: boolean;
  quantity: string;
  active_quantity: string;
}

/** Which Licensing IDs the positions are read for, and how (see planScope). */
export interface PositionScope {
  /** Every Licensing ID of the summary: the lines not counting yet and the active coverage are read per Licensing ID. */
  ids: string[];
  /** Organizations taken whole from organization_position… */
  wholeOrganizations: string[];
  /** …less these Licensing IDs of theirs, which are not in the summary. */
  excluded: string[];
  /** Licensing IDs read one by one from license_position. */
  direct: string[];
}

/**
 * Per organization, the cheaper of two exact ways to sum the positions of the chosen Licensing
 * IDs: one by one, or the organization's total less the ones not chosen. `members` lists every
 * Licensing ID of the organizations that may be worth it (an organization missing there is read
 * one by one).
 */
export function planScope(
  chosen: readonly { id: string; organizationId: string }[],
  members: readonly { id: string; organizationId: string }[],
): PositionScope {
  const chosenIds = new Set(chosen.map((c) => c.id));
  const scope: PositionScope = { ids: [...chosenIds], wholeOrganizations: [], excluded: [], direct: [] };
  const byOrg = new Map<string, string[]>();
  for (const c of chosen) byOrg.set(c.organizationId, [...(byOrg.get(c.organizationId) ?? []), c.id]);
  for (const [org, ids] of byOrg) {
    const all = members.filter((m) => m.organizationId === org).map((m) => m.id);
    const left = all.filter((id) => !chosenIds.has(id));
    if (all.length > 0 && left.length < ids.length) {
      scope.wholeOrganizations.push(org);
      scope.excluded.push(...left);
    } else scope.direct.push(...new Set(ids));
  }
  return scope;
}

/**
 * The License Summary's aggregate (R-LIC-2, R-LIC-3): per product, license type and grant flag,
 * the quantity that counts on `today` and the part of it under coverage active on `today`.
 *
 * It reads the positions (every line ever ordered, summed per Licensing ID and per organization
 * by the order_line trigger) and corrects them with two small sets of lines, each read from its
 * own index alone: lines that do not count yet (future coverage start, order_line_pending_idx)
 * and lines of a coverage type whose coverage is active (order_line_coverage_idx). The work grows
 * with the products per Licensing ID and the coverage active today, not with the number of lines.
 */
export function licenseSummaryAggregate(scope: PositionScope, today: string): SQL {
  const lids = uuidArray(scope.ids);
  return sql`
    with positions as (
      select product_id, license_type, is_grant, sum(quantity) as quantity
      from (
        select product_id, license_type, is_grant, quantity from organization_position
        where organization_id = any(${uuidArray(scope.wholeOrganizations)})
        union all
        select product_id, license_type, is_grant, -quantity from license_position where licensing_id = any(${uuidArray(scope.excluded)})
        union all
        select product_id, license_type, is_grant, quantity from license_position where licensing_id = any(${uuidArray(scope.direct)})
      ) parts
      where license_type <> 'ONLINE_SERVICE'
      group by product_id, license_type, is_grant
    ),
    pending as (
      select product_id, license_type, is_grant, sum(quantity) as quantity
      from order_line where licensing_id = any(${lids}) and counts_from > ${today}::date and license_type <> 'ONLINE_SERVICE'
      group by product_id, license_type, is_grant
    ),
    active as (
      select product_id, license_type, is_grant, sum(quantity) as quantity
      from order_line
      where licensing_id = any(${lids}) and ${isCoverageLine}
        and coverage_end >= ${today}::date and coverage_start <= ${today}::date and counts_from <= ${today}::date
      group by product_id, license_type, is_grant
    )
    select p.product_id, p.license_type, p.is_grant, p.quantity - coalesce(n.quantity, 0) as quantity, coalesce(a.quantity, 0) as active_quantity
    from positions p
    left join pending n using (product_id, license_type, is_grant)
    left join active a using (product_id, license_type, is_grant)
    where p.quantity - coalesce(n.quantity, 0) > 0`;
}

/**
 * The same figures straight from every order line: the reference the benchmark measures against,
 * and what the tests compare the positions with.
 */
export function licenseSummaryFromLines(ids: readonly string[], today: string): SQL {
  return sql`
    select product_id, license_type, is_grant,
      sum(quantity) as quantity,
      coalesce(sum(quantity) filter (where ${isCoverageLine}
        and coverage_start <= ${today}::date and coverage_end >= ${today}::date), 0) as active_quantity
    from order_line
    where licensing_id = any(${uuidArray(ids)}) and counts_from <= ${today}::date and license_type <> 'ONLINE_SERVICE'
    group by product_id, license_type, is_grant`;
}

export async function productBuckets(db: DbOrTx, scope: PositionScope, today: string): Promise<ProductBucketRow[]> {
  if (scope.ids.length === 0) return [];
  return (await db.execute<ProductBucketRow & Record<string, unknown>>(licenseSummaryAggregate(scope, today))).rows;
}
