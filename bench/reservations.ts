import http from 'node:http';
import type pg from 'pg';
import { ACTION_NAMES, reservationMails } from '../src/modules/reservations/mails.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { outboxRows } from '../src/platform/mail/outbox.js';
import { onMigratedDatabase } from './bench-database.js';
import { timed } from './timing.js';

const RUNS = 300;
const PASSWORD = 'bench-password-1';

/** One POST over a kept-alive connection: its status and its answer. */
function post(agent: http.Agent, url: URL, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * One Enterprise enrollment (parent agreement from 2019, two years left) with its Administrator and
 * three more Administrators (each submission mails four people), one Standard online service.
 */
async function load(client: pg.Client, passwordHash: string) {
  await client.query(`
    insert into organization (name, country, city, domains) values ('Reserve Corporation', 'SE', 'Malmö', '{reserve.example}');
    insert into "user" (organization_id, email, first_name, last_name, password_hash, status)
      select o.id, 'admin' || g || '@reserve.example', 'Admin', 'No ' || g, '${passwordHash}', 'active'
      from organization o, generate_series(0, 3) g where o.name = 'Reserve Corporation';
    insert into agreement (organization_id, kind, number, program_code, start_date)
      select id, 'PARENT', 'RES-EA', 'ENTERPRISE', date '2019-07-01' from organization where name = 'Reserve Corporation';
    insert into licensing_id (organization_id, program_code, parent_agreement_id, kind, number, name, start_date, end_date)
      select o.id, 'ENTERPRISE', a.id, 'ENROLLMENT', 'R0000001', 'Reserve enrollment', current_date - 365, current_date + 730
      from organization o join agreement a on a.organization_id = o.id where o.name = 'Reserve Corporation';
    insert into role_grant (user_id, licensing_id, role, source)
      select u.id, l.id, 'ADMINISTRATOR', 'ADMIN' from "user" u, licensing_id l where u.email like '%@reserve.example';
    insert into product_family (name) values ('Reserve Cloud');
    insert into product (code, family_id, name, version, edition, pool, category, requires_key)
      select 'RES-CLOUD-1', f.id, 'Reserve Cloud Plan 1', 'Plan 1', '', 'APPLICATIONS', 'Online services', false
      from product_family f where f.name = 'Reserve Cloud';
    insert into reservation_offer (product_id, category) select id, 'STANDARD' from product where code = 'RES-CLOUD-1';
  `);
}

/**
 * Reservations submitted one after another through the API (rules, insert, running total, audit,
 * four mails) vs the same writes done in SQL. The reference used to be the bare row insert, which
 * writes a sixth of the rows a submission must (no running total, no audit row, no mails): a
 * ratio against it measured what the API is obliged to store as much as how it stores it. The bare
 * insert is still printed, on its own line, for comparison with earlier runs.
 */
export async function reservationsBench() {
  return onMigratedDatabase(async ({ client, where, serve }) => {
    await load(client, await hashPassword(PASSWORD));
    const ids = await client.query<{ licensing_id: string; product_id: string; user_id: string }>(`
      select l.id as licensing_id, p.id as product_id, u.id as user_id
      from licensing_id l, product p, "user" u where l.number = 'R0000001' and p.code = 'RES-CLOUD-1' and u.email = 'admin0@reserve.example'`);
    const {
      licensing_id: licensingId,
      product_id: productId,
      user_id: userId,
    } = ids.rows[0] ?? { licensing_id: '', product_id: '', user_id: '' };
    const server = await serve();
    try {
      const signIn = await fetch(`${server.base}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin0@reserve.example', password: PASSWORD }),
      });
      if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status}`);
      const cookies = signIn.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
      const csrf = cookies.find((c) => c.startsWith('lsc_csrf='))?.slice('lsc_csrf='.length) ?? '';
      const headers = { cookie: cookies.join('; '), 'x-csrf-token': csrf, 'content-type': 'application/json' };
      const usageDate = new Date().toISOString().slice(0, 10);
      const body = JSON.stringify({ productId, action: 'ADD_LICENSE', quantity: 3, usageDate, acceptTerms: true });

      // node:http over one kept-alive connection, as the other API benchmarks send: fetch costs the
      // load generator (this same process) several times the CPU, which the figure would count as the API's.
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const url = new URL(`${server.base}/api/v1/licensing-ids/${licensingId}/reservations`);
      const api = await timed(RUNS, async () => {
        const { status, text } = await post(agent, url, headers, body);
        if (status !== 201) throw new Error(`reservation: ${status} ${text}`);
      });
      agent.destroy();
      const bare = await timed(RUNS, async () => {
        await client.query(
          `insert into reservation (licensing_id, product_id, action, quantity, usage_date, submitted_by, submitted_at)
           values ($1, $2, 'ADD_LICENSE', 3, $3, $4, now())`,
          [licensingId, productId, usageDate, userId],
        );
      });
      // What a submission must write, whoever writes it: the row, the running total, the audit row
      // and the four mails (rendered here once, as the API renders them, so they weigh the same).
      const mails = JSON.stringify(
        outboxRows(
          [0, 1, 2, 3].map((g) => ({
            to: `admin${g}@reserve.example`,
            locale: 'en' as const,
            template: reservationMails.reservationSubmitted,
            params: {
              firstName: 'Admin',
              submitter: 'Admin No 0',
              quantity: 3,
              service: 'Reserve Cloud Plan 1',
              action: ACTION_NAMES.en.ADD_LICENSE,
              licensingId: 'R0000001',
              licensingName: 'Reserve enrollment',
              usageDate,
              cancellableUntil: '2026-01-01 00:00 UTC',
              url: 'http://127.0.0.1/online-services/reservations/history',
            },
          })),
        ),
      );
      const sameWrites = await timed(RUNS, async () => {
        await client.query(
          `with r as (
             insert into reservation (licensing_id, product_id, action, quantity, usage_date, submitted_by, submitted_at)
             values ($1, $2, 'ADD_LICENSE', 3, $3, $4, now()) returning id),
           t as (
             insert into reservation_total as t (licensing_id, product_id, action, quantity) values ($1, $2, 'ADD_LICENSE', 3)
             on conflict (licensing_id, product_id, action) do update set quantity = t.quantity + excluded.quantity),
           a as (
             insert into audit_log (actor_user_id, organization_id, action, target_type, target_id, licensing_ids, after)
             select $4, l.organization_id, 'reservation.submit', 'licensing_id', $1::text, array[$1::uuid],
               jsonb_build_object('reservationId', r.id, 'productCode', 'RES-CLOUD-1', 'action', 'ADD_LICENSE', 'quantity', 3, 'usageDate', $3::text)
             from r, licensing_id l where l.id = $1),
           o as (
             insert into outbox (to_address, template, locale, subject, text, html, redacted_text, redacted_html)
             select m.to_address, m.template, m.locale, m.subject, m.text, m.html, m.redacted_text, m.redacted_html
             from jsonb_to_recordset($5::jsonb) as m(to_address text, template text, locale locale, subject text, text text,
               html text, redacted_text text, redacted_html text))
           select id from r`,
          [licensingId, productId, usageDate, userId, mails],
        );
      });
      const perSecond = (ms: number[]) => (1000 * ms.length) / ms.reduce((a, b) => a + b, 0);
      const stored = await client.query<{ n: number }>(`select count(*)::int as n from reservation`);
      console.log(`  ${where}: ${stored.rows[0]?.n} reservation rows on one enrollment (API and raw, warm-up included)`);
      return [
        {
          name: `Reservations submitted through the API, one after another (HTTP, rules, running total, audit, 4 mails each, ${RUNS} runs)`,
          value: perSecond(api),
          unit: 'reservations/s',
          reference: perSecond(sameWrites),
          referenceName: 'the same writes (row, running total, audit row, 4 mails) in one SQL statement each through pg, same run',
          target: '≥ 25 % of the same writes in SQL',
        },
        {
          name: 'the same API figure',
          value: perSecond(api),
          unit: 'reservations/s',
          reference: perSecond(bare),
          referenceName: 'the reservation row alone, one INSERT each through pg (writes none of the rest the API must)',
          target: '',
        },
      ];
    } finally {
      await server.close();
    }
  });
}
