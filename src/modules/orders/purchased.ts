import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import type { LicenseType } from './rules.js';

export interface PurchasedProduct {
  productId: string;
  productCode: string;
  productName: string;
  quantity: number;
}

/**
 * The read-only port other modules use for what a Licensing ID has bought of some license types
 * (subscriptions for the Subscriptions Manager): per product, the quantity of the lines whose
 * coverage is active on `today` (started, counting, not ended). Grants count like purchases: they
 * are held all the same (R-LIC-5). Order lines are only read here; they change only by ingestion.
 */
export async function purchasedOfTypes(
  db: DbOrTx,
  licensingId: string,
  types: readonly LicenseType[],
  today: string,
  productId?: string,
): Promise<PurchasedProduct[]> {
  const res = await db.execute<{ product_id: string; code: string; name: string; quantity: number }>(sql`
    select l.product_id, p.code, p.name, sum(l.quantity)::int as quantity
    from order_line l join product p on p.id = l.product_id
    where l.licensing_id = ${licensingId}
      and l.license_type in (${sql.join(
        types.map((t) => sql`${t}`),
        sql`, `,
      )})
      and l.coverage_start <= ${today}::date and l.counts_from <= ${today}::date
      and (l.coverage_end is null or l.coverage_end >= ${today}::date)
      ${productId ? sql`and l.product_id = ${productId}` : sql``}
    group by l.product_id, p.code, p.name
    order by p.name, p.code`);
  return res.rows.map((r) => ({ productId: r.product_id, productCode: r.code, productName: r.name, quantity: Number(r.quantity) }));
}
