import { type SQL, sql } from 'drizzle-orm';
import { onlineServiceProductIdsSql, onlineServicesOrderedSql } from '../orders/for-reports.js';

/**
 * Unpaid Online Services Reconciliation (R-REP-1), for the reports module: per Licensing ID and
 * online service, the subscriptions assigned (in use) against the quantity ordered; `unpaid` is what
 * is in use beyond the order (0 when none). `licensingIdRef` is for the caller's scope (scope.ts).
 */
export function onlineServicesReconciliationSql(): SQL {
  return sql`select l.id as "licensingIdRef", coalesce(a.number, '') as "agreementNumber", l.number as "licensingId",
      l.name as "licensingName", p.code as "productCode", p.name as "productName",
      coalesce(o.ordered, 0)::bigint as "ordered", coalesce(c.assigned, 0)::bigint as "inUse",
      greatest(coalesce(c.assigned, 0) - coalesce(o.ordered, 0), 0)::bigint as "unpaid",
      coalesce(o.order_numbers, '') as "orderNumbers",
      l.number || '|' || p.code as "sortKey"
    from (${onlineServicesOrderedSql()}) o
    full join (select licensing_id, product_id, assigned from subscription_count s where s.assigned > 0
      and s.product_id in (${onlineServiceProductIdsSql()})) c
      on c.licensing_id = o.licensing_id and c.product_id = o.product_id
    join licensing_id l on l.id = coalesce(o.licensing_id, c.licensing_id)
    left join agreement a on a.id = l.parent_agreement_id
    join product p on p.id = coalesce(o.product_id, c.product_id)`;
}
