import type pg from 'pg';
import { hashPassword } from '../src/platform/auth/password.js';
import { onMigratedDatabase } from './bench-database.js';
import { timed } from './timing.js';

const RUNS = 300;
const PASSWORD = 'bench-password-1';

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

/** Reservations submitted one after another through the API (rules, insert, running total, audit, four mails) vs the bare row insert. */
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

      const api = await timed(RUNS, async () => {
        const res = await fetch(`${server.base}/api/v1/licensing-ids/${licensingId}/reservations`, { method: 'POST', headers, body });
        if (res.status !== 201) throw new Error(`reservation: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      });
      const raw = await timed(RUNS, async () => {
        await client.query(
          `insert into reservation (licensing_id, product_id, action, quantity, usage_date, submitted_by, submitted_at)
           values ($1, $2, 'ADD_LICENSE', 3, $3, $4, now())`,
          [licensingId, productId, usageDate, userId],
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
          reference: perSecond(raw),
          referenceName: 'the same rows inserted with one SQL statement each through pg, same run',
          target: '',
        },
      ];
    } finally {
      await server.close();
    }
  });
}
