import http from 'node:http';
import pg from 'pg';
import { session, startBenchServer } from './lsc-server.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS_PARTNER ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Customers the partner serves, each with one onboarded agreement of LIDS_PER_CUSTOMER Licensing IDs. */
const CUSTOMERS = Number(process.env.BENCH_PARTNER_CUSTOMERS ?? 5000);
const LIDS_PER_CUSTOMER = 4;

async function loop(seconds: number, once: () => Promise<boolean>): Promise<number> {
  const until = Date.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < until) if (await once()) done += 1;
    }),
  );
  return done;
}

function get(agent: http.Agent, base: URL, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: base.hostname, port: base.port, path, method: 'GET', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The partner's customers: CUSTOMERS organizations, an onboarded agreement each, its Licensing IDs served by Adatum. */
async function loadCustomers(db: pg.Client) {
  await db.query('begin');
  await db.query(`
    create temporary table bench_customer on commit drop as
      select n, gen_random_uuid() as org_id, gen_random_uuid() as record_id from generate_series(1, ${CUSTOMERS}) n`);
  await db.query(`insert into organization (id, name, country, domains)
    select org_id, 'Bench Customer ' || lpad(n::text, 6, '0'), 'SE', array['bench-customer-' || n || '.example'] from bench_customer`);
  await db.query(`insert into agreement_record (id, number, organization_id, program_code, content, content_hash, created_at, updated_at)
    select record_id, 'BENCH-EA-' || n, org_id, 'ENTERPRISE',
      jsonb_build_object('priceLevel', 'A', 'startDate', '2026-01-01', 'endDate', '2028-12-31', 'mbsaNumber', null, 'contacts', '[]'::jsonb),
      md5(n::text), now(), now()
    from bench_customer`);
  await db.query(`insert into licensing_id (organization_id, program_code, kind, number, name, start_date, end_date, record_id)
    select org_id, 'ENTERPRISE', 'ENROLLMENT', 'BENCH-' || n || '-' || k, 'Bench enrollment ' || k, '2026-01-01', '2028-12-31', record_id
    from bench_customer, generate_series(1, ${LIDS_PER_CUSTOMER}) k`);
  await db.query(`insert into partner_of_record (licensing_id, partner_organization_id, since)
    select l.id, p.organization_id, now() from licensing_id l join bench_customer b on b.record_id = l.record_id,
      channel_partner p where p.number = 'P-100200'`);
  await db.query(`insert into contact (licensing_id, type, name, email)
    select l.id, t.type::contact_type, 'Bench Contact', 'contact@bench-customer-' || b.n || '.example'
    from licensing_id l join bench_customer b on b.record_id = l.record_id,
      (values ('PRIMARY_CONTACT'), ('ONLINE_SERVICES_MANAGER')) t(type)`);
  await db.query('commit');
  await db.query('analyze');
}

/**
 * R-REL-6: a channel partner serving CUSTOMERS customers lists them a page at a time and opens
 * one, through the API of the real server (session, the partner's scope through the policy
 * table, paging), next to the same page read by one plain SQL query over pg, on the same
 * database, in the same run.
 */
export async function partnerCustomersBench() {
  const server = await startBenchServer('partner');
  const { base, database, url } = server;
  try {
    await loadCustomers(database);
    const partner = await session(base, 'partner@adatum-partners.example');
    const headers = { cookie: partner.cookie };
    const target = new URL(base);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    const pages = ['/api/v1/partner/customers?limit=25', '/api/v1/partner/customers?limit=25&q=Customer%2000042'];
    let i = 0;
    const statuses = new Map<number, number>();
    // Warm up: compile the routes, fill the pools.
    for (const p of pages) await get(agent, target, p, headers);
    const viaApi = await loop(SECONDS, async () => {
      const status = await get(agent, target, pages[i++ % pages.length] ?? '', headers);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      return status === 200;
    });
    agent.destroy();
    if (viaApi === 0) throw new Error(`no page was answered: ${JSON.stringify([...statuses])}`);

    const pool = new pg.Pool({ connectionString: url, max: CLIENTS });
    const adatum = (await database.query<{ id: string }>(`select organization_id as id from channel_partner where number = 'P-100200'`))
      .rows[0]?.id;
    const reference = [
      `select o.id, o.name, o.country, count(distinct r.id) as agreements, count(distinct l.id) as licensing_ids
       from partner_of_record p join licensing_id l on l.id = p.licensing_id join agreement_record r on r.id = l.record_id
       join organization o on o.id = r.organization_id where p.partner_organization_id = $1
       group by o.id, o.name, o.country order by o.name, o.id limit 26`,
      `select o.id, o.name, o.country, count(distinct r.id) as agreements, count(distinct l.id) as licensing_ids
       from partner_of_record p join licensing_id l on l.id = p.licensing_id join agreement_record r on r.id = l.record_id
       join organization o on o.id = r.organization_id where p.partner_organization_id = $1 and o.name ilike '%Customer 00042%'
       group by o.id, o.name, o.country order by o.name, o.id limit 26`,
    ];
    let j = 0;
    const viaSql = await loop(SECONDS, async () => {
      await pool.query(reference[j++ % reference.length] ?? '', [adatum]);
      return true;
    });
    await pool.end();
    return [
      {
        name: `a partner's customer list pages (first page and a search) through the API, ${CUSTOMERS.toLocaleString('en-US')} customers, ${CLIENTS} clients`,
        value: viaApi / SECONDS,
        unit: 'pages/s',
        reference: viaSql / SECONDS,
        referenceName: `the same pages by one plain SQL query each over pg, ${CLIENTS} clients, same database`,
        target: '',
      },
    ];
  } finally {
    await server.stop();
  }
}
