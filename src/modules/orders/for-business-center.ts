import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import type { LicenseType, OrderType, PoStatus } from './rules.js';

/**
 * The read-only port the business center uses for the orders and holdings of a purchasing
 * account's Licensing IDs (R-BC-4, inventory, R-BC-6). The caller has authorized the account and
 * passes its Licensing IDs; nothing here widens the scope. Orders are only read here (R-BC-7).
 */

export interface OrderHistoryFilter {
  /** Order dates from and to, both included (YYYY-MM-DD). */
  from?: string | undefined;
  to?: string | undefined;
  orderType?: OrderType | undefined;
  /** Part of the ordering party's name, any case. */
  orderingParty?: string | undefined;
  /** The start of the order number. */
  orderNumber?: string | undefined;
  /** The agreement (Licensing ID) number, exactly. */
  agreementNumber?: string | undefined;
  poStatus?: PoStatus | undefined;
}

export const ORDER_SORTS = ['-orderDate', 'orderDate', '-orderNumber', 'orderNumber'] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];

export interface OrderHistoryRow {
  id: string;
  orderNumber: string;
  orderDate: string;
  orderType: OrderType;
  orderingParty: string;
  poNumber: string | null;
  poStatus: PoStatus;
  licensingId: { id: string; number: string; programCode: string };
  lineCount: number;
  totalQuantity: number;
}

/** Where a page ended: the last row's sort key, its order number and id (keyset paging). */
export interface OrderCursor {
  key: string;
  orderNumber: string;
  id: string;
}

/** LIKE's own characters in a user's text match themselves. */
const likeText = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filterSql(f: OrderHistoryFilter): SQL {
  const parts: SQL[] = [];
  if (f.from) parts.push(sql`o.order_date >= ${f.from}::date`);
  if (f.to) parts.push(sql`o.order_date <= ${f.to}::date`);
  if (f.orderType) parts.push(sql`o.order_type = ${f.orderType}`);
  if (f.orderingParty) parts.push(sql`o.ordering_party ilike ${`%${likeText(f.orderingParty)}%`}`);
  if (f.orderNumber) parts.push(sql`o.order_number like ${`${likeText(f.orderNumber)}%`}`);
  if (f.agreementNumber) parts.push(sql`l.number = ${f.agreementNumber}`);
  if (f.poStatus) parts.push(sql`o.po_status = ${f.poStatus}`);
  return parts.length > 0 ? sql.join(parts, sql` and `) : sql`true`;
}

/**
 * R-BC-4: the orders of the Licensing IDs matching the filter, sorted, at most `limit` after the
 * cursor; one more is read to tell whether there is a next page.
 */
export async function orderHistoryOf(
  db: DbOrTx,
  licensingIds: readonly string[],
  filter: OrderHistoryFilter,
  opts: { sort: OrderSort; limit: number; after?: OrderCursor | undefined },
): Promise<{ items: OrderHistoryRow[]; next: OrderCursor | null }> {
  if (licensingIds.length === 0) return { items: [], next: null };
  const byNumber = opts.sort.endsWith('orderNumber');
  const desc = opts.sort.startsWith('-');
  const key = byNumber ? sql`o.order_number` : sql`o.order_date::text`;
  const dir = desc ? sql`desc` : sql`asc`;
  const after = opts.after
    ? desc
      ? sql`and (${key}, o.order_number, o.id) < (${opts.after.key}, ${opts.after.orderNumber}, ${opts.after.id}::uuid)`
      : sql`and (${key}, o.order_number, o.id) > (${opts.after.key}, ${opts.after.orderNumber}, ${opts.after.id}::uuid)`
    : sql``;
  const res = await db.execute<{
    id: string;
    order_number: string;
    order_date: string;
    order_type: OrderType;
    ordering_party: string;
    po_number: string | null;
    po_status: PoStatus;
    licensing_id: string;
    number: string;
    program_code: string;
    sort_key: string;
    line_count: number;
    total_quantity: string;
  }>(sql`
    select o.id, o.order_number, o.order_date::text as order_date, o.order_type, o.ordering_party, o.po_number, o.po_status,
      o.licensing_id, l.number, l.program_code, ${key} as sort_key,
      (select count(*)::int from order_line ol where ol.order_id = o.id) as line_count,
      (select coalesce(sum(ol.quantity), 0) from order_line ol where ol.order_id = o.id) as total_quantity
    from license_order o join licensing_id l on l.id = o.licensing_id
    where o.licensing_id in (${sql.join(
      licensingIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}) and ${filterSql(filter)} ${after}
    order by ${key} ${dir}, o.order_number ${dir}, o.id ${dir}
    limit ${opts.limit + 1}`);
  const rows = res.rows.slice(0, opts.limit);
  const last = rows.at(-1);
  return {
    items: rows.map((r) => ({
      id: r.id,
      orderNumber: r.order_number,
      orderDate: r.order_date,
      orderType: r.order_type,
      orderingParty: r.ordering_party,
      poNumber: r.po_number,
      poStatus: r.po_status,
      licensingId: { id: r.licensing_id, number: r.number, programCode: r.program_code },
      lineCount: r.line_count,
      totalQuantity: Number(r.total_quantity),
    })),
    next: res.rows.length > opts.limit && last ? { key: last.sort_key, orderNumber: last.order_number, id: last.id } : null,
  };
}

export interface Holding {
  licensingId: string;
  productId: string;
  productCode: string;
  productName: string;
  licenseType: LicenseType;
  quantity: number;
  /** The earliest coverage end still to come; null when every line held is perpetual. */
  nextExpiration: string | null;
}

/**
 * What the Licensing IDs hold on `today`, per product and license type: the lines that count and
 * have not ended (perpetual licenses, coverage and online-service subscriptions alike), each with
 * its next expiration.
 */
export async function holdingsOf(db: DbOrTx, licensingIds: readonly string[], today: string): Promise<Holding[]> {
  if (licensingIds.length === 0) return [];
  const res = await db.execute<{
    licensing_id: string;
    product_id: string;
    code: string;
    name: string;
    license_type: LicenseType;
    quantity: string;
    next_expiration: string | null;
  }>(sql`
    select l.licensing_id, l.product_id, p.code, p.name, l.license_type, sum(l.quantity) as quantity,
      min(l.coverage_end)::text as next_expiration
    from order_line l join product p on p.id = l.product_id
    where l.licensing_id in (${sql.join(
      licensingIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})
      and l.counts_from <= ${today}::date and (l.coverage_end is null or l.coverage_end >= ${today}::date)
    group by l.licensing_id, l.product_id, p.code, p.name, l.license_type
    order by p.name, p.code, l.license_type`);
  return res.rows.map((r) => ({
    licensingId: r.licensing_id,
    productId: r.product_id,
    productCode: r.code,
    productName: r.name,
    licenseType: r.license_type,
    quantity: Number(r.quantity),
    nextExpiration: r.next_expiration,
  }));
}

/** R-BC-6: the days on which a product was bought as an online service under the Licensing ID, between two days. */
export async function onlineServicePurchaseDays(
  db: DbOrTx,
  licensingId: string,
  productId: string,
  from: string,
  to: string,
): Promise<string[]> {
  const res = await db.execute<{ order_date: string }>(sql`
    select distinct o.order_date::text as order_date
    from order_line l join license_order o on o.id = l.order_id
    where l.licensing_id = ${licensingId} and l.product_id = ${productId} and l.license_type = 'ONLINE_SERVICE'
      and o.order_date between ${from}::date and ${to}::date
    order by 1`);
  return res.rows.map((r) => r.order_date);
}
