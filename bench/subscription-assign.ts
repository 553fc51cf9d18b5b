import http from 'node:http';
import pg from 'pg';
import { subscriptionMails } from '../src/modules/subscriptions/mails.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { outboxRows } from '../src/platform/mail/outbox.js';
import { onMigratedDatabase } from './bench-database.js';
import { sessionCookie } from './bench-server.js';

/** Concurrent clients, for the API and for the raw UPDATE alike. */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PASSWORD = 'bench-password-1';
/** Far more purchased than a run can assign, so every request takes one. */
const PURCHASED = 10_000_000;

/** One organization, one Licensing ID with a subscription order line, and its Subscriptions Manager. */
async function load(client: pg.Client, passwordHash: string): Promise<{ licensingId: string; productId: string }> {
  await client.query(
    `insert into organization (name, country, city, domains) values ('Bench Corporation', 'SE', 'Malmö', '{bench.example}')`,
  );
  await client.query(
    `insert into "user" (organization_id, email, first_name, last_name, password_hash)
     select id, 'subscriptions@bench.example', 'Bench', 'Manager', $1 from organization where name = 'Bench Corporation'`,
    [passwordHash],
  );
  const lid = await client.query<{ id: string; organization_id: string }>(`
    insert into licensing_id (organization_id, program_code, kind, number, name, status, start_date, end_date)
      select id, 'ENTERPRISE', 'ENROLLMENT', 'SUB00001', 'Subscription bench', 'ACTIVE', date '2020-01-01', date '2030-01-01'
      from organization where name = 'Bench Corporation'
      returning id, organization_id`);
  const licensingId = lid.rows[0]?.id ?? '';
  await client.query(
    `insert into role_grant (user_id, licensing_id, role, source)
       select u.id, $1, 'SUBSCRIPTIONS_MANAGER', 'ADMIN' from "user" u where u.email = 'subscriptions@bench.example'`,
    [licensingId],
  );
  await client.query(`insert into product_family (name) values ('Bench Subscription')`);
  const product = await client.query<{ id: string }>(`
    insert into product (code, family_id, name, version, edition, pool, category, requires_key)
      select 'BENCH-SUB', id, 'Bench Subscription', '2024', 'Enterprise', 'APPLICATIONS', 'Developer tools', false
      from product_family where name = 'Bench Subscription' returning id`);
  const productId = product.rows[0]?.id ?? '';
  const order = await client.query<{ id: string }>(
    `insert into license_order (order_number, licensing_id, organization_id, order_date, received_at, source, content_hash)
       values ('SUB-BENCH', $1, $2, current_date - 30, now(), 'API', md5('SUB-BENCH')) returning id`,
    [licensingId, lid.rows[0]?.organization_id],
  );
  await client.query(
    `insert into order_line (order_id, line_number, licensing_id, product_id, license_type, quantity, coverage_start, coverage_end, counts_from)
       values ($1, 1, $2, $3, 'SUBSCRIPTION', $4, current_date - 30, current_date + 1000, current_date - 30)`,
    [order.rows[0]?.id, licensingId, productId, PURCHASED],
  );
  return { licensingId, productId };
}

/** One assignment over a kept-alive connection (node:http: fetch would cost the load generator more CPU than the server). */
function assignOnce(agent: http.Agent, url: URL, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** `CLIENTS` loops, each assigning to a new person as soon as the last answered, for `seconds`. */
async function assignLoad(url: URL, headers: Record<string, string>, productId: string, prefix: string, seconds: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const until = performance.now() + seconds * 1000;
  let done = 0;
  let failures = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = 0; performance.now() < until; i++) {
        const body = JSON.stringify({
          productId,
          name: `Bench ${client} ${i}`,
          email: `${prefix}-${client}-${i}@bench.example`,
          locale: 'en',
          acknowledgePurchaseObligation: true,
        });
        if ((await assignOnce(agent, url, headers, body)) === 201) done++;
        else failures++;
      }
    }),
  );
  agent.destroy();
  return { perSecond: done / seconds, done, failures };
}

/** The reference: the same conditional single-row UPDATE of the same counter, straight through pg, same clients and length. */
async function rawCounterLoad(databaseUrl: string, licensingId: string, productId: string, seconds: number) {
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      return c;
    }),
  );
  const until = performance.now() + seconds * 1000;
  let done = 0;
  try {
    await Promise.all(
      clients.map(async (c) => {
        while (performance.now() < until) {
          const r = await c.query(
            'update subscription_count set assigned = assigned + 1 where licensing_id = $1 and product_id = $2 and assigned < $3 returning assigned',
            [licensingId, productId, PURCHASED],
          );
          done += r.rowCount ?? 0;
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
  return done / seconds;
}

/**
 * The honest reference: what an assignment must write, whoever writes it (the assignment row, its
 * audit row, the holder's mail, rendered as the API renders it, and the counter's conditional
 * UPDATE, taken last), in one statement per assignment through pg, same clients and length.
 */
async function sameWritesLoad(databaseUrl: string, licensingId: string, productId: string, seconds: number) {
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      return c;
    }),
  );
  const until = performance.now() + seconds * 1000;
  let done = 0;
  try {
    await Promise.all(
      clients.map(async (c, client) => {
        for (let i = 0; performance.now() < until; i++) {
          const email = `sql-${client}-${i}@bench.example`;
          const mail = outboxRows([
            {
              to: email,
              locale: 'en',
              template: subscriptionMails.subscriptionAssigned,
              params: { name: `Bench ${client} ${i}`, email, organization: 'Bench Corporation', product: 'Bench Subscription' },
            },
          ]);
          const r = await c.query(
            `with a as (
               insert into subscription_assignment (licensing_id, organization_id, product_id, holder_name, holder_email, holder_locale, assigned_at, assigned_by)
               select $1, l.organization_id, $2, $4, $5, 'en', now(), null from licensing_id l where l.id = $1
               on conflict (licensing_id, product_id, holder_email) where ended_at is null do nothing
               returning id, organization_id),
             au as (
               insert into audit_log (organization_id, action, target_type, target_id, licensing_ids, after)
               select a.organization_id, 'subscriptions.assign', 'licensing_id', $1::text, array[$1::uuid],
                 jsonb_build_object('assignmentId', a.id, 'productId', $2::text, 'email', $5::text, 'locale', 'en', 'obligationAcknowledged', true)
               from a),
             o as (
               insert into outbox (to_address, template, locale, subject, text, html, redacted_text, redacted_html)
               select m.to_address, m.template, m.locale, m.subject, m.text, m.html, m.redacted_text, m.redacted_html
               from jsonb_to_recordset($6::jsonb) as m(to_address text, template text, locale locale, subject text, text text,
                 html text, redacted_text text, redacted_html text))
             update subscription_count set assigned = assigned + 1
             where licensing_id = $1 and product_id = $2 and assigned < $3 and exists (select 1 from a)
             returning assigned`,
            [licensingId, productId, PURCHASED, `Bench ${client} ${i}`, email, JSON.stringify(mail)],
          );
          done += r.rowCount ?? 0;
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
  return done / seconds;
}

/**
 * Subscription assignments per second through the API (HTTP, session, validation, the counter's
 * conditional UPDATE, the assignment row, audit and mail outbox in one transaction), with
 * `CLIENTS` concurrent clients on one product's counter, next to the bare conditional UPDATE of
 * that counter on the same PostgreSQL in the same run: what the hot row itself allows. That bare
 * UPDATE writes one of the four rows an assignment must, so the first reference is the same writes
 * done in SQL (sameWritesLoad); the bare UPDATE is printed too, for comparison with earlier runs.
 */
export async function subscriptionAssignBench() {
  return onMigratedDatabase(async ({ client, url: databaseUrl, where, serve }) => {
    const { licensingId, productId } = await load(client, await hashPassword(PASSWORD));
    const server = await serve();
    try {
      const cookie = await sessionCookie(server.base, 'subscriptions@bench.example', PASSWORD);
      const csrf = /lsc_csrf=([^;]+)/.exec(cookie)?.[1] ?? '';
      const headers = { cookie, 'x-csrf-token': csrf };
      const url = new URL(`${server.base}/api/v1/licensing-ids/${licensingId}/subscriptions/assignments`);
      await assignLoad(url, headers, productId, 'warm', 1); // warm-up: JIT, pool, plans
      const api = await assignLoad(url, headers, productId, 'run', SECONDS);
      const counted = (
        await client.query<{ assigned: number; rows: number }>(
          `select c.assigned, (select count(*)::int from subscription_assignment where ended_at is null) as rows
           from subscription_count c where c.licensing_id = $1 and c.product_id = $2`,
          [licensingId, productId],
        )
      ).rows[0];
      if (api.failures || counted?.assigned !== counted?.rows)
        throw new Error(`assignment failures: ${api.failures}, counts ${JSON.stringify(counted)}`);
      const reference = await sameWritesLoad(databaseUrl, licensingId, productId, SECONDS);
      const bare = await rawCounterLoad(databaseUrl, licensingId, productId, SECONDS);
      console.log(`  ${where}: ${api.done} assignments in ${SECONDS} s; the counter agrees with the rows (${counted?.assigned})`);
      return [
        {
          name: `subscription assignments per second, ${CLIENTS} concurrent clients on one product (HTTP + PostgreSQL)`,
          value: api.perSecond,
          unit: '/s',
          reference,
          referenceName: `the same writes (assignment, audit row, mail, the counter's conditional UPDATE last) in one statement through pg, ${CLIENTS} clients, same database`,
          target: '≥ 25 % of the same writes in SQL',
        },
        {
          name: 'the same API figure',
          value: api.perSecond,
          unit: '/s',
          reference: bare,
          referenceName: `the counter's conditional single-row UPDATE … RETURNING alone through pg, ${CLIENTS} clients (what the hot row itself allows; writes none of the rest)`,
          target: '≥ 25 % of the bare UPDATE',
        },
      ];
    } finally {
      await server.close();
    }
  });
}
