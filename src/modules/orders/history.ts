import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { compareVersions, type LicensePool } from '../catalog/rules.js';
import { type ProductView, productsById } from '../catalog/service.js';
import type { LicenseType } from './rules.js';

/**
 * One Licensing ID's orders, order lines and purchase history (R-REL-4). The caller has
 * authorized the Licensing ID; nothing here widens the scope.
 */

const textCollator = new Intl.Collator('en');

export interface ProductRef {
  id: string;
  code: string;
  name: string;
  family: string;
  version: string;
  edition: string;
  pool: LicensePool;
}

function productRef(products: Map<string, ProductView>, id: string): ProductRef {
  const p = products.get(id);
  if (!p) throw new Error(`order line names unknown product ${id}`);
  return { id: p.id, code: p.code, name: p.name, family: p.family.name, version: p.version, edition: p.edition, pool: p.pool };
}

export interface OrderSummary {
  id: string;
  orderNumber: string;
  orderDate: string;
  receivedAt: Date;
  lineCount: number;
  totalQuantity: number;
}

export async function ordersOf(db: DbOrTx, licensingId: string): Promise<OrderSummary[]> {
  const res = await db.execute<{
    id: string;
    order_number: string;
    order_date: string;
    received_at: Date;
    line_count: number;
    total_quantity: string;
  }>(sql`
    select o.id, o.order_number, o.order_date, o.received_at, count(ol.id)::int as line_count, coalesce(sum(ol.quantity), 0) as total_quantity
    from license_order o left join order_line ol on ol.order_id = o.id
    where o.licensing_id = ${licensingId}
    group by o.id
    order by o.order_date desc, o.order_number`);
  return res.rows.map((r) => ({
    id: r.id,
    orderNumber: r.order_number,
    orderDate: r.order_date,
    receivedAt: new Date(r.received_at),
    lineCount: r.line_count,
    totalQuantity: Number(r.total_quantity),
  }));
}

export interface OrderLineView {
  orderNumber: string;
  orderDate: string;
  line: number;
  product: ProductRef;
  licenseType: LicenseType;
  quantity: number;
  coverageStart: string;
  coverageEnd: string | null;
  countsFrom: string;
  /** R-LIC-5: shown with an asterisk. */
  grant: boolean;
}

/** Order details, newest order first, at most `limit` lines; `truncated` says there are more (R-REP-4). */
export async function orderLinesOf(
  db: DbOrTx,
  licensingId: string,
  limit: number,
): Promise<{ items: OrderLineView[]; truncated: boolean }> {
  const res = await db.execute<{
    order_number: string;
    order_date: string;
    line_number: number;
    product_id: string;
    license_type: LicenseType;
    quantity: number;
    coverage_start: string;
    coverage_end: string | null;
    counts_from: string;
    is_grant: boolean;
  }>(sql`
    select o.order_number, o.order_date, ol.line_number, ol.product_id,
      ol.license_type, ol.quantity, ol.coverage_start, ol.coverage_end, ol.counts_from, ol.is_grant
    from order_line ol
    join license_order o on o.id = ol.order_id
    where ol.licensing_id = ${licensingId}
    order by o.order_date desc, o.order_number, ol.line_number
    limit ${limit + 1}`);
  const rows = res.rows.slice(0, limit);
  const products = await productsById(db, [...new Set(rows.map((r) => r.product_id))]);
  const items = rows.map((r) => ({
    orderNumber: r.order_number,
    orderDate: r.order_date,
    line: r.line_number,
    product: productRef(products, r.product_id),
    licenseType: r.license_type,
    quantity: r.quantity,
    coverageStart: r.coverage_start,
    coverageEnd: r.coverage_end,
    countsFrom: r.counts_from,
    grant: r.is_grant,
  }));
  return { items, truncated: res.rows.length > limit };
}

export interface PurchaseHistoryItem {
  product: ProductRef;
  licenseType: LicenseType;
  grant: boolean;
  quantity: number;
  orderCount: number;
  firstOrderDate: string;
  lastOrderDate: string;
}

/** What was bought per product and license type over the Licensing ID's life, grants apart. */
export async function purchaseHistoryOf(db: DbOrTx, licensingId: string): Promise<PurchaseHistoryItem[]> {
  const res = await db.execute<{
    product_id: string;
    license_type: LicenseType;
    is_grant: boolean;
    quantity: string;
    order_count: number;
    first_order_date: string;
    last_order_date: string;
  }>(sql`
    select ol.product_id, ol.license_type, ol.is_grant, sum(ol.quantity) as quantity, count(distinct ol.order_id)::int as order_count,
      min(o.order_date) as first_order_date, max(o.order_date) as last_order_date
    from order_line ol join license_order o on o.id = ol.order_id
    where ol.licensing_id = ${licensingId}
    group by ol.product_id, ol.license_type, ol.is_grant`);
  const products = await productsById(db, [...new Set(res.rows.map((r) => r.product_id))]);
  const items = res.rows.map((r) => ({
    product: productRef(products, r.product_id),
    licenseType: r.license_type,
    grant: r.is_grant,
    quantity: Number(r.quantity),
    orderCount: r.order_count,
    firstOrderDate: r.first_order_date,
    lastOrderDate: r.last_order_date,
  }));
  return items.sort(
    (a, b) =>
      textCollator.compare(a.product.family, b.product.family) ||
      compareVersions(a.product.version, b.product.version) ||
      textCollator.compare(a.product.name, b.product.name) ||
      textCollator.compare(a.licenseType, b.licenseType) ||
      Number(a.grant) - Number(b.grant),
  );
}
