import type pg from 'pg';
import { hashPassword } from '../src/platform/auth/password.js';
import { onMigratedDatabase } from './bench-database.js';
import { sessionCookie } from './bench-server.js';
import { timed } from './timing.js';

const AUDIT_ROWS = 200_000;
const LICENSING_IDS = 50;
const PEOPLE = 100;
const RUNS = 300;
const PAGE = 50;
const PASSWORD = 'bench-password-1';

/**
 * An organization with 50 Licensing IDs and 100 people, an Administrator of every other Licensing
 * ID, and 200,000 audit entries: 60 % about one Licensing ID, 10 % about two, 25 % of the
 * organization as a whole (sign-ins, settings), 5 % of another organization.
 */
async function load(client: pg.Client, passwordHash: string) {
  await client.query(`insert into organization (name, country, domains) values
    ('Bench Corporation', 'SE', '{bench.example}'), ('Other Corporation', 'SE', '{other.example}')`);
  await client.query(
    `insert into "user" (organization_id, email, first_name, last_name, password_hash)
     select o.id, 'person' || g || '@bench.example', 'Person', g::text, $1
     from organization o, generate_series(0, ${PEOPLE - 1}) g where o.name = 'Bench Corporation'`,
    [passwordHash],
  );
  await client.query(`
    insert into licensing_id (organization_id, program_code, kind, number, name, status, start_date, end_date)
      select o.id, 'ENTERPRISE', 'ENROLLMENT', 'A' || lpad(g::text, 7, '0'), 'Audit bench ' || g, 'ACTIVE', date '2020-01-01', date '2030-01-01'
      from organization o, generate_series(0, ${LICENSING_IDS - 1}) g where o.name = 'Bench Corporation';
    create temporary table bench_lid as select row_number() over (order by number) - 1 as idx, id from licensing_id;
    create temporary table bench_person as select row_number() over (order by email) - 1 as idx, id from "user";
    insert into role_grant (user_id, licensing_id, role, source)
      select u.id, l.id, 'ADMINISTRATOR', 'ADMIN' from "user" u, bench_lid l where u.email = 'person0@bench.example' and l.idx % 2 = 0;
    insert into audit_log (at, actor_user_id, organization_id, action, target_type, target_id, after, licensing_ids)
      select now() - make_interval(secs => (${AUDIT_ROWS} - g) * 60),
        p.id,
        case when g % 20 = 19 then (select id from organization where name = 'Other Corporation') else (select id from organization where name = 'Bench Corporation') end,
        (array['users.set-roles', 'users.add', 'keys.issue', 'order.ingest', 'auth.sign-in', 'organization.settings'])[1 + g % 6],
        'user', p.id::text, jsonb_build_object('n', g),
        case when g % 20 < 12 then array[l1.id]
             when g % 20 < 14 then array[l1.id, l2.id]
             else '{}'::uuid[] end
      from generate_series(0, ${AUDIT_ROWS - 1}) g
      join bench_person p on p.idx = g % ${PEOPLE}
      join bench_lid l1 on l1.idx = (g * 7) % ${LICENSING_IDS}
      join bench_lid l2 on l2.idx = (g * 7 + 1) % ${LICENSING_IDS};
  `);
  await client.query('vacuum analyze audit_log');
  await client.query('vacuum analyze role_grant');
}

/** The statement the audit view runs for an Administrator's first page, written out: the reference. */
const adminPageSql = (byAction: boolean) => `
  select a.id::text as id, a.at, a.action, a.target_type, a.target_id, a.licensing_ids::text[] as licensing_ids, a.before, a.after,
    u.id as actor_id, u.email as actor_email, u.first_name, u.last_name, o.id as org_id, o.name as org_name,
    (select json_object_agg(l.id, l.number) from licensing_id l where l.id = any(a.licensing_ids)) as numbers
  from audit_log a
  left join "user" u on u.id = a.actor_user_id
  left join organization o on o.id = a.organization_id
  where ((a.licensing_ids && $1::uuid[]) or (a.licensing_ids = '{}' and a.organization_id = $2))${byAction ? ' and a.action = $4' : ''}
  order by a.id desc
  limit $3`;

const perSecond = (ms: number[]) => (ms.length * 1000) / ms.reduce((s, x) => s + x, 0);

export async function auditViewBench() {
  return onMigratedDatabase(async ({ client, where, serve }) => {
    const started = performance.now();
    await load(client, await hashPassword(PASSWORD));
    console.log(
      `  ${where}: ${AUDIT_ROWS.toLocaleString('en')} audit entries loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const server = await serve();
    const base = server.base;
    try {
      const cookie = await sessionCookie(base, 'person0@bench.example', PASSWORD);
      const administered = (
        await client.query<{ id: string }>(
          `select g.licensing_id as id from role_grant g join "user" u on u.id = g.user_id where u.email = 'person0@bench.example'`,
        )
      ).rows.map((r) => r.id);
      const organization = (await client.query<{ id: string }>(`select id from organization where name = 'Bench Corporation'`)).rows[0]?.id;

      const page = async (query: string) => {
        const res = await fetch(`${base}/api/v1/audit?limit=${PAGE}${query}`, { headers: { cookie } });
        if (!res.ok) throw new Error(`audit view: ${res.status} ${await res.text()}`);
        const body = (await res.json()) as { items: unknown[] };
        if (body.items.length !== PAGE) throw new Error(`a page of ${body.items.length}, not ${PAGE}`);
      };
      const raw = (action?: string) => async () => {
        const res = await client.query(adminPageSql(action !== undefined), [
          administered,
          organization,
          PAGE + 1,
          ...(action ? [action] : []),
        ]);
        if (res.rowCount !== PAGE + 1) throw new Error(`raw SQL returned ${res.rowCount} rows`);
      };

      const apiFirst = await timed(RUNS, () => page(''));
      const rawFirst = await timed(RUNS, raw());
      const apiAction = await timed(RUNS, () => page('&action=keys.issue'));
      const rawAction = await timed(RUNS, raw('keys.issue'));
      const scale = `${AUDIT_ROWS.toLocaleString('en')} entries, ${administered.length} of ${LICENSING_IDS} Licensing IDs administered`;
      return [
        {
          name: `Audit view API, first page of ${PAGE} (HTTP, ${scale})`,
          value: perSecond(apiFirst),
          unit: 'queries/s',
          reference: perSecond(rawFirst),
          referenceName: 'the same page’s SQL through pg, same run',
          target: '',
        },
        {
          name: `Audit view API, filtered by action (1 in 6 entries), first page of ${PAGE}`,
          value: perSecond(apiAction),
          unit: 'queries/s',
          reference: perSecond(rawAction),
          referenceName: 'the same page’s SQL through pg, same run',
          target: '',
        },
      ];
    } finally {
      await server.close();
    }
  });
}
