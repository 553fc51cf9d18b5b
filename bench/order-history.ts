import type pg from 'pg';
import { hashPassword } from '../src/platform/auth/password.js';
import { onMigratedDatabase } from './bench-database.js';
import { sessionCookie } from './bench-server.js';
import { percentile, timed } from './timing.js';

const LICENSING_IDS = 50;
const ORDERS_PER_LICENSING_ID = 400;
const LINES_PER_ORDER = 3;
const RUNS = 100;
const PASSWORD = 'bench-password-1';

/**
 * One purchasing account with 50 Licensing IDs and 20,000 orders of three lines each (a quarter of
 * them add-ons), and an Account viewer of it (R-BC-4).
 */
async function load(client: pg.Client, passwordHash: string) {
  await client.query(`
    insert into organization (name, country, city, domains) values ('Bench Buyers', 'SE', 'Malmö', '{buyers.example}');
    insert into product_family (name) values ('Order Bench Family');
    insert into product (code, family_id, name, version, edition, pool, category)
      select 'OHB-1', f.id, 'Order Bench Product', '2024', 'Standard', 'APPLICATIONS', 'Bench' from product_family f where f.name = 'Order Bench Family';
    insert into purchasing_account (organization_id, number, name, address_line1, postal_code, city, country, contact_name, contact_email)
      select id, '79000001', 'Bench Buyers', 'Storgatan 1', '211 00', 'Malmö', 'SE', 'Bench Buyer', 'buyer@buyers.example'
      from organization where name = 'Bench Buyers';
    insert into licensing_id (organization_id, program_code, kind, number, name, status, start_date, end_date)
      select o.id, 'ENTERPRISE', 'ENROLLMENT', 'H' || lpad(g::text, 7, '0'), 'Order bench ' || g, 'ACTIVE', date '2020-01-01', date '2030-01-01'
      from organization o, generate_series(0, ${LICENSING_IDS - 1}) g where o.name = 'Bench Buyers';
    insert into purchasing_account_licensing_id (purchasing_account_id, licensing_id)
      select a.id, l.id from purchasing_account a join licensing_id l on l.organization_id = a.organization_id where a.number = '79000001';
    insert into license_order (order_number, licensing_id, organization_id, order_date, received_at, source, content_hash, order_type, ordering_party, po_number, po_status)
      select 'OH' || l.number || '-' || g, l.id, l.organization_id, date '2021-01-01' + (g * 3 % 1800), now(), 'API', md5(l.number || g),
        case when g % 4 = 0 then 'ADD_ON' else 'NEW' end, 'Bench Partner', lpad((g % 997)::text, 5, '0'),
        (array['OPEN', 'INVOICED', 'CLOSED'])[1 + g % 3]
      from licensing_id l cross join generate_series(0, ${ORDERS_PER_LICENSING_ID - 1}) g where l.number like 'H%';
    insert into order_line (order_id, line_number, licensing_id, product_id, license_type, quantity, coverage_start, counts_from)
      select o.id, n, o.licensing_id, p.id, 'FULL', 1 + n, o.order_date, o.order_date
      from license_order o cross join generate_series(1, ${LINES_PER_ORDER}) n cross join product p
      where p.code = 'OHB-1' and o.order_number like 'OH%';
  `);
  await client.query(
    `insert into "user" (organization_id, email, first_name, last_name, password_hash)
     select id, 'viewer@buyers.example', 'Bench', 'Viewer', $1 from organization where name = 'Bench Buyers';
     `,
    [passwordHash],
  );
  await client.query(`
    insert into purchasing_account_role (purchasing_account_id, user_id, role)
      select a.id, u.id, 'ACCOUNT_VIEWER' from purchasing_account a, "user" u where a.number = '79000001' and u.email = 'viewer@buyers.example'`);
  for (const t of ['license_order', 'order_line', 'licensing_id', 'purchasing_account_licensing_id', 'purchasing_account_role']) {
    await client.query(`vacuum analyze ${t}`);
  }
}

/** The same first page in one statement: the account's orders of one type, newest first, with their line counts. */
const rawPageSql = `
  select o.id, o.order_number, o.order_date::text, o.order_type, o.ordering_party, o.po_number, o.po_status, l.number, l.program_code,
    (select count(*)::int from order_line ol where ol.order_id = o.id) as line_count,
    (select coalesce(sum(ol.quantity), 0) from order_line ol where ol.order_id = o.id) as total_quantity
  from license_order o join licensing_id l on l.id = o.licensing_id
  where o.licensing_id in (select x.licensing_id from purchasing_account_licensing_id x join purchasing_account a on a.id = x.purchasing_account_id
      where a.number = '79000001')
    and o.order_type = 'ADD_ON'
  order by o.order_date::text desc, o.order_number desc, o.id desc
  limit 51`;

export async function orderHistoryBench() {
  return onMigratedDatabase(async ({ client, where, serve }) => {
    const started = performance.now();
    await load(client, await hashPassword(PASSWORD));
    const orders = LICENSING_IDS * ORDERS_PER_LICENSING_ID;
    console.log(
      `  ${where}: ${orders.toLocaleString('en')} orders × ${LINES_PER_ORDER} lines under one purchasing account loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const account = (await client.query<{ id: string }>(`select id from purchasing_account where number = '79000001'`)).rows[0]?.id;
    const server = await serve();
    try {
      const cookie = await sessionCookie(server.base, 'viewer@buyers.example', PASSWORD);
      let listed = 0;
      const api = await timed(RUNS, async () => {
        const res = await fetch(`${server.base}/api/v1/purchasing-accounts/${account}/orders?orderType=ADD_ON&limit=50`, {
          headers: { cookie },
        });
        if (!res.ok) throw new Error(`order history: ${res.status} ${await res.text()}`);
        listed = ((await res.json()) as { items: unknown[] }).items.length;
      });
      let rawRows = 0;
      const raw = await timed(RUNS, async () => {
        rawRows = Math.min(50, (await client.query(rawPageSql)).rowCount ?? 0);
      });
      if (listed !== rawRows) throw new Error(`the API listed ${listed} orders, the SQL ${rawRows}`);
      return [
        {
          name: `Order history API p95 (HTTP, ${orders.toLocaleString('en')} orders of one purchasing account, filtered by type, first page of 50)`,
          value: percentile(api, 95),
          unit: 'ms',
          reference: percentile(raw, 95),
          referenceName: 'the same page in one SQL statement through pg, p95, same run',
          target: '≤ 100 ms',
        },
      ];
    } finally {
      await server.close();
    }
  });
}
