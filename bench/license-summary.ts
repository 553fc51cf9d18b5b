import type pg from 'pg';
import {
  licenseSummaryAggregate,
  licenseSummaryFromLines,
  type PositionScope,
  planScope,
} from '../src/modules/orders/license-summary-sql.js';
import { dayOf } from '../src/modules/orders/rules.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { onMigratedDatabase } from './bench-database.js';
import { sessionCookie } from './bench-server.js';
import { percentile, timed } from './timing.js';

const LICENSING_IDS = 500;
const ORDER_LINES = 1_000_000;
const LINES_PER_ORDER = 20;
const FAMILIES = 30;
const VERSIONS_PER_FAMILY = 8;
/** Products one Licensing ID buys over its life: organizations standardize, they do not buy the whole catalog. */
const PRODUCTS_PER_LICENSING_ID = 40;
const RUNS = 60;
const PASSWORD = 'bench-password-1';

/**
 * One organization, 500 Licensing IDs across programs, a catalog of 240 products and (by default) 1,000,000
 * order lines over fifteen years (50,000 orders of 20 lines), loaded with generate_series; the
 * order_line trigger builds the positions as the lines go in.
 */
export async function loadBenchData(client: pg.Client, passwordHash: string, orderLines = ORDER_LINES) {
  await client.query(`insert into organization (name, country, domains) values ('Bench Corporation', 'SE', '{bench.example}')`);
  await client.query(
    `insert into "user" (organization_id, email, first_name, last_name, password_hash)
     select id, e, 'Bench', 'Reader', $1 from organization, unnest(array['reader@bench.example', 'half@bench.example']) e
     where name = 'Bench Corporation'`,
    [passwordHash],
  );
  await client.query(`
    insert into licensing_id (organization_id, program_code, kind, number, name, status, start_date, end_date)
      select o.id,
        (array['ENTERPRISE','SELECT_PLUS','OPEN_LICENSE','OPEN_VALUE'])[1 + g % 4]::program_code,
        (array['ENROLLMENT','PCN','LICENSE','AGREEMENT'])[1 + g % 4]::licensing_id_kind,
        'B' || lpad(g::text, 7, '0'), 'Bench Licensing ID ' || g,
        (case when g % 5 = 0 then 'EXPIRED' else 'ACTIVE' end)::lifecycle_status,
        date '2011-01-01' + (g % 365), date '2027-01-01' + (g % 900)
      from organization o, generate_series(0, ${LICENSING_IDS - 1}) g where o.name = 'Bench Corporation';
    insert into role_grant (user_id, licensing_id, role, source)
      select u.id, l.id, 'LICENSING_INFO_VIEWER', 'ADMIN' from "user" u, licensing_id l where u.email = 'reader@bench.example';
    insert into role_grant (user_id, licensing_id, role, source)
      select u.id, l.id, 'LICENSING_INFO_VIEWER', 'ADMIN'
      from "user" u, (select id, row_number() over (order by organization_id, id) - 1 as i from licensing_id) l
      where u.email = 'half@bench.example' and l.i % 2 = 0;
    insert into product_family (name) select 'Bench Family ' || lpad(f::text, 2, '0') from generate_series(0, ${FAMILIES - 1}) f;
    insert into product (code, family_id, name, version, edition, pool, category)
      select 'BF' || lpad(f::text, 2, '0') || '-V' || (2010 + v * 2), pf.id, pf.name || ' ' || (2010 + v * 2), (2010 + v * 2)::text, 'Standard',
        (array['APPLICATIONS','SYSTEMS','SERVERS'])[1 + f % 3]::license_pool, 'Bench'
      from generate_series(0, ${FAMILIES - 1}) f cross join generate_series(0, ${VERSIONS_PER_FAMILY - 1}) v
      join product_family pf on pf.name = 'Bench Family ' || lpad(f::text, 2, '0');
  `);
  const orders = orderLines / LINES_PER_ORDER;
  // Orders: dated over fifteen years, about 1% with a coverage start still to come.
  await client.query(`
    create temporary table bench_lid as select row_number() over (order by number) - 1 as idx, id, organization_id, program_code from licensing_id;
    create temporary table bench_product as select row_number() over (order by code) - 1 as idx, id from product;
    insert into license_order (order_number, licensing_id, organization_id, order_date, received_at, source, content_hash)
      select 'BO' || lpad(o::text, 7, '0'), l.id, l.organization_id,
        case when o % 97 = 0 then current_date + 1 + (o % 200) else date '2011-06-01' + (o::bigint * 37 % 5600)::int end,
        now(), 'API', md5(o::text)
      from generate_series(0, ${orders - 1}) o join bench_lid l on l.idx = o % ${LICENSING_IDS};
    create temporary table bench_order as
      select row_number() over (order by order_number) - 1 as idx, id, licensing_id, order_date from license_order where order_number like 'BO%';
    create index on bench_order (idx);
    analyze bench_order;
  `);
  const chunk = 100_000;
  for (let from = 0; from < orderLines; from += chunk) {
    await client.query(`
      insert into order_line (order_id, line_number, licensing_id, product_id, license_type, quantity, coverage_start, coverage_end, counts_from, is_grant)
      select o.id, s.g % ${LINES_PER_ORDER} + 1, o.licensing_id, p.id, s.t, 1 + s.h % 50, o.order_date,
        case when s.t in ('FULL', 'UPGRADE') then null
             when s.t in ('SUBSCRIPTION', 'ONLINE_SERVICE') then o.order_date + 364
             else o.order_date + 1094 end,
        case when l.program_code = 'OPEN_LICENSE' then least(o.order_date, current_date) else o.order_date end,
        s.t = 'FULL' and s.h % 53 = 0
      from (
        select g, g / ${LINES_PER_ORDER} as oidx, (g::bigint * 2654435761 % 4294967296) as h,
          (array['FULL','FULL','FULL','LSA','LSA','SA','SA','UPGRADE','SA_STEP_UP','SUBSCRIPTION','ONLINE_SERVICE'])[1 + (g::bigint * 40503 % 11)]::license_type as t
        from generate_series(${from}, ${Math.min(from + chunk, orderLines) - 1}) g
      ) s
      join bench_order o on o.idx = s.oidx
      join bench_lid l on l.id = o.licensing_id
      join bench_product p on p.idx = (l.idx * 7 + s.h % ${PRODUCTS_PER_LICENSING_ID}) % ${FAMILIES * VERSIONS_PER_FAMILY}`);
  }
  await client.query('vacuum analyze order_line');
  await client.query('vacuum analyze license_position');
  await client.query('vacuum analyze license_order');
  await client.query('vacuum analyze role_grant');
  const counts = await client.query<{ lines: string; positions: string; active: string; pending: string }>(`
    select (select count(*) from order_line) as lines, (select count(*) from license_position) as positions,
      (select count(*) from order_line where license_type in ('LSA','SA','SA_STEP_UP','SUBSCRIPTION') and coverage_start <= current_date and coverage_end >= current_date) as active,
      (select count(*) from order_line where counts_from > current_date) as pending`);
  return counts.rows[0];
}

export async function licenseSummaryBench() {
  return onMigratedDatabase(async ({ client, migrated, where, serve }) => {
    const loadStarted = performance.now();
    const counts = await loadBenchData(client, await hashPassword(PASSWORD));
    const loadMs = performance.now() - loadStarted;
    console.log(
      `  ${where}: loaded ${counts?.lines} order lines in ${(loadMs / 1000).toFixed(1)} s; ` +
        `${counts?.positions} positions, ${counts?.active} lines with active coverage, ${counts?.pending} not counting yet`,
    );

    const server = await serve();
    const base = server.base;
    try {
      const cookie = await sessionCookie(base, 'reader@bench.example', PASSWORD);
      let rows = 0;
      let ids = 0;
      const api = await timed(RUNS, async () => {
        const res = await fetch(`${base}/api/v1/license-summary`, { headers: { cookie } });
        if (!res.ok) throw new Error(`license summary: ${res.status} ${await res.text()}`);
        const body = (await res.json()) as { rows: unknown[]; licensingIds: unknown[] };
        rows = body.rows.length;
        ids = body.licensingIds.length;
      });
      if (ids !== LICENSING_IDS) throw new Error(`the summary covered ${ids} Licensing IDs, not ${LICENSING_IDS}`);
      console.log(`  the summary: ${ids} Licensing IDs, ${rows} product family × version rows`);

      const members = (
        await client.query<{ id: string; organizationId: string }>(
          'select id, organization_id as "organizationId" from licensing_id order by organization_id, id',
        )
      ).rows;
      const lids = members.map((m) => m.id);
      const today = dayOf(new Date());
      const { db } = migrated;
      const fromLines = await timed(RUNS, () => db.execute(licenseSummaryFromLines(lids, today)));
      const scope = planScope(members, members);
      const ownSql = await timed(RUNS, () => db.execute(licenseSummaryAggregate(scope, today)));
      // Both ways must agree, or the comparison means nothing.
      const key = (r: Record<string, unknown>) =>
        `${r.product_id}/${r.license_type}/${r.is_grant}/${Number(r.quantity)}/${Number(r.active_quantity)}`;
      const agree = async (s: PositionScope, ids: string[]) => {
        const a = (await db.execute(licenseSummaryAggregate(s, today))).rows;
        const b = (await db.execute(licenseSummaryFromLines(ids, today))).rows.filter((r) => Number(r.quantity) > 0);
        if (JSON.stringify(a.map(key).sort()) !== JSON.stringify(b.map(key).sort())) throw new Error('positions and lines disagree');
      };
      await agree(scope, lids);

      // The organization shortcut's worst case: a user holding every other Licensing ID, half the organization.
      const half = members.filter((_, i) => i % 2 === 0);
      await agree(
        planScope(half, members),
        half.map((m) => m.id),
      );
      const halfSignIn = await fetch(`${base}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'half@bench.example', password: PASSWORD }),
      });
      const halfCookie = halfSignIn.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const apiHalf = await timed(RUNS, async () => {
        const res = await fetch(`${base}/api/v1/license-summary`, { headers: { cookie: halfCookie } });
        const body = (await res.json()) as { licensingIds: unknown[] };
        if (body.licensingIds.length !== half.length) throw new Error('the half user sees the wrong Licensing IDs');
      });
      const halfLines = await timed(RUNS, () =>
        db.execute(
          licenseSummaryFromLines(
            half.map((m) => m.id),
            today,
          ),
        ),
      );

      const reference = `raw SQL aggregate over all ${ORDER_LINES.toLocaleString('en')} order lines (same run, same rows)`;
      return [
        {
          name: `License Summary API p50 (HTTP, ${LICENSING_IDS} Licensing IDs, ${ORDER_LINES.toLocaleString('en')} order lines)`,
          value: percentile(api, 50),
          unit: 'ms',
          reference: percentile(fromLines, 50),
          referenceName: `${reference}, p50`,
          target: '',
        },
        {
          name: 'License Summary API p95',
          value: percentile(api, 95),
          unit: 'ms',
          reference: percentile(fromLines, 95),
          referenceName: `${reference}, p95`,
          target: '≤ 100 ms and ≤ 1.5× reference',
        },
        {
          name: `License Summary API p95, a user holding ${half.length} of the ${LICENSING_IDS} Licensing IDs (worst case of the organization shortcut)`,
          value: percentile(apiHalf, 95),
          unit: 'ms',
          reference: percentile(halfLines, 95),
          referenceName: 'raw SQL aggregate over those Licensing IDs’ order lines, p95',
          target: '≤ 100 ms and ≤ 1.5× reference',
        },
        {
          name: 'License Summary API p95 against the aggregate it runs (positions + pending + active coverage)',
          value: percentile(api, 95),
          unit: 'ms',
          reference: percentile(ownSql, 95),
          referenceName: 'that SQL alone, p95',
          target: '',
        },
      ];
    } finally {
      await server.close();
    }
  });
}
