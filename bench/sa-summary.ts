import type pg from 'pg';
import { hashPassword } from '../src/platform/auth/password.js';
import { onMigratedDatabase } from './bench-database.js';
import { sessionCookie } from './bench-server.js';
import { percentile, timed } from './timing.js';

const LICENSING_IDS = 500;
/** Benefit rules each Licensing ID qualifies for: the catalogue has 9 benefits (5 managed online), so 20 rules over them. */
const RULES = 20;
const PRODUCTS = 20;
/** Order lines per Licensing ID: half of them SA-type lines, some expired, the rest licenses without SA. */
const LINES_PER_LICENSING_ID = 200;
const RUNS = 100;
const PASSWORD = 'bench-password-1';
const BENEFITS = [
  'E_LEARNING',
  'HOME_USE_PROGRAM',
  'PLANNING_SERVICES',
  'SUPPORT_24X7',
  'TRAINING_VOUCHERS',
  'GLOBAL_SERVICE_MONITOR',
  'MULTI_LANGUAGE_PACK',
  'THIN_PC',
  'DYNAMICS_CUSTOMERSOURCE',
];

/**
 * One organization with 500 Licensing IDs, each with 200 order lines over 20 products (about half
 * of them L&SA, SA or SA Step-Up, a third of those expired), 20 benefit rules over every pool and
 * product, and an SA Manager of every Licensing ID; one benefit in five activated.
 */
async function load(client: pg.Client, passwordHash: string) {
  await client.query(
    `insert into organization (name, country, city, domains) values ('Bench Corporation', 'SE', 'Göteborg', '{bench.example}')`,
  );
  await client.query(
    `insert into "user" (organization_id, email, first_name, last_name, password_hash)
     select id, 'sa@bench.example', 'Bench', 'Manager', $1 from organization where name = 'Bench Corporation'`,
    [passwordHash],
  );
  await client.query(`
    insert into licensing_id (organization_id, program_code, kind, number, name, status, start_date, end_date)
      select o.id, 'ENTERPRISE', 'ENROLLMENT', 'S' || lpad(g::text, 7, '0'), 'SA bench ' || g, 'ACTIVE', date '2020-01-01', date '2030-01-01'
      from organization o, generate_series(0, ${LICENSING_IDS - 1}) g where o.name = 'Bench Corporation';
    insert into role_grant (user_id, licensing_id, role, source)
      select u.id, l.id, 'SA_MANAGER', 'ADMIN' from "user" u, licensing_id l where u.email = 'sa@bench.example';
    insert into product_family (name) values ('SA Bench Family');
    insert into product (code, family_id, name, version, edition, pool, category)
      select 'SAB-' || p, f.id, 'SA Bench ' || p, '2024', 'Standard', (array['APPLICATIONS','SYSTEMS','SERVERS'])[1 + p % 3]::license_pool, 'Bench'
      from generate_series(0, ${PRODUCTS - 1}) p, product_family f where f.name = 'SA Bench Family';
    create temporary table bench_lid as select row_number() over (order by number) - 1 as idx, id, organization_id from licensing_id;
    create temporary table bench_product as select row_number() over (order by code) - 1 as idx, id from product;
    insert into license_order (order_number, licensing_id, organization_id, order_date, received_at, source, content_hash)
      select 'SAO' || l.idx, l.id, l.organization_id, date '2023-01-01', now(), 'API', md5(l.idx::text) from bench_lid l;
    insert into order_line (order_id, line_number, licensing_id, product_id, license_type, quantity, coverage_start, coverage_end, counts_from)
      select o.id, g + 1, l.id, p.id, t.t, 1 + (g * 7 + l.idx) % 40, s.start, case when t.t = 'FULL' then null else s.start + 1094 end, s.start
      from bench_lid l
      join license_order o on o.licensing_id = l.id
      cross join generate_series(0, ${LINES_PER_LICENSING_ID - 1}) g
      join bench_product p on p.idx = (g + l.idx) % ${PRODUCTS}
      cross join lateral (select (array['FULL','LSA','SA','FULL','SA_STEP_UP','FULL'])[1 + g % 6]::license_type as t) t
      cross join lateral (select current_date - ((g * 13 + l.idx) % 1500)::int as start) s;
  `);
  const rules = Array.from({ length: RULES }, (_, i) => {
    const benefit = BENEFITS[i % BENEFITS.length];
    const per = benefit === 'DYNAMICS_CUSTOMERSOURCE' ? 'null' : String(0.05 * (1 + (i % 10)));
    const qualifier =
      i % 2 === 0
        ? `'{${['APPLICATIONS', 'SYSTEMS', 'SERVERS'][i % 3]}}', '{}'`
        : `'{}', '{SAB-${i % PRODUCTS},SAB-${(i + 7) % PRODUCTS}}'`;
    return `('${benefit}', ${qualifier}, ${per})`;
  });
  await client.query(`insert into sa_benefit_rule (benefit, pools, product_codes, per_license) values ${rules.join(', ')}`);
  await client.query(`
    insert into sa_benefit_state (licensing_id, benefit, activated_at)
      select l.id, b.b::sa_benefit, now() from bench_lid l cross join unnest(array['E_LEARNING','TRAINING_VOUCHERS']) b(b) where l.idx % 5 = 0`);
  for (const t of ['order_line', 'license_order', 'licensing_id', 'role_grant', 'sa_benefit_state', 'sa_benefit_rule', 'product']) {
    await client.query(`vacuum analyze ${t}`);
  }
}

/**
 * The same aggregation in one statement: the active SA per Licensing ID and product, times each
 * qualifying rule, summed per benefit in whole units, with the state and the organization — the
 * reference the API's figure stands next to.
 */
const rawSummarySql = `
  with visible as (select g.licensing_id from role_grant g join "user" u on u.id = g.user_id
      where u.email = 'sa@bench.example' and g.active and g.role in ('ADMINISTRATOR', 'LICENSING_INFO_VIEWER', 'SA_MANAGER')),
    coverage as (
      select ol.licensing_id, p.code, p.pool,
        coalesce(sum(ol.quantity) filter (where ol.coverage_end >= current_date), 0) as active_quantity,
        max(ol.coverage_end) filter (where ol.coverage_end >= current_date) as active_until, max(ol.coverage_end) as last_end
      from order_line ol join product p on p.id = ol.product_id
      where ol.licensing_id in (select licensing_id from visible) and ol.license_type in ('LSA', 'SA', 'SA_STEP_UP')
        and ol.coverage_start <= current_date and ol.counts_from <= current_date
      group by ol.licensing_id, p.code, p.pool),
    benefit as (
      select c.licensing_id, r.benefit, floor(sum(c.active_quantity * coalesce(r.per_license, 0)) + 1e-9) as eligible,
        max(c.active_until) as active_until, max(c.last_end) as last_end
      from coverage c join sa_benefit_rule r on c.pool = any(r.pools) or c.code = any(r.product_codes)
      group by c.licensing_id, r.benefit)
  select o.name, o.city, b.benefit, l.number, b.eligible, b.active_until, s.activated_at is not null as activated, s.on_hold
  from benefit b join licensing_id l on l.id = b.licensing_id join organization o on o.id = l.organization_id
  left join sa_benefit_state s on s.licensing_id = b.licensing_id and s.benefit = b.benefit
  where b.benefit in ('E_LEARNING', 'HOME_USE_PROGRAM', 'PLANNING_SERVICES', 'SUPPORT_24X7', 'TRAINING_VOUCHERS')
  order by o.name, l.number, b.benefit`;

export async function saSummaryBench() {
  return onMigratedDatabase(async ({ client, where, serve }) => {
    const started = performance.now();
    await load(client, await hashPassword(PASSWORD));
    console.log(
      `  ${where}: ${LICENSING_IDS} Licensing IDs × ${LINES_PER_LICENSING_ID} order lines and ${RULES} benefit rules loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const server = await serve();
    try {
      const cookie = await sessionCookie(server.base, 'sa@bench.example', PASSWORD);
      let total = 0;
      const api = await timed(RUNS, async () => {
        const res = await fetch(`${server.base}/api/v1/sa-summary?pageSize=50&sort=quantityRemaining&order=desc`, { headers: { cookie } });
        if (!res.ok) throw new Error(`SA summary: ${res.status} ${await res.text()}`);
        total = ((await res.json()) as { total: number }).total;
      });
      let rawRows = 0;
      const raw = await timed(RUNS, async () => {
        rawRows = (await client.query(rawSummarySql)).rowCount ?? 0;
      });
      if (total !== rawRows) throw new Error(`the API listed ${total} benefits, the SQL ${rawRows}`);
      console.log(`  the summary: ${total} benefits managed online over ${LICENSING_IDS} Licensing IDs`);
      return [
        {
          name: `SA Summary API p95 (HTTP, ${LICENSING_IDS} Licensing IDs, ${RULES} benefit rules each, ${total} rows sorted, first page)`,
          value: percentile(api, 95),
          unit: 'ms',
          reference: percentile(raw, 95),
          referenceName: 'the same aggregation in one SQL statement through pg, p95, same run',
          target: '≤ 100 ms',
        },
      ];
    } finally {
      await server.close();
    }
  });
}
