import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/platform/auth/password.js';
import { isLicensingAction, roleAllows } from '../../src/platform/authz/actions.js';
import { ROLES, type Role } from '../../src/platform/authz/roles.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';
import { ROUTE_CASES } from './route-cases.js';

/**
 * Every route × each of the seven roles × own and foreign organization, against the policy table:
 * allowed → not 401/403; not allowed on an own Licensing ID → 403; a foreign Licensing ID → 404;
 * and no response to a Contoso user ever contains a Fabrikam identifier.
 */
describe('generated authorization walk', () => {
  let t: TestApp;
  let own: string;
  let foreign: string;
  let foreignOrgIds: string[];
  const sessions = new Map<Role | 'anonymous' | 'operator', Session | null>();

  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_IP_LIMIT: '10000' } });
    const db = t.database.db;
    const q = async (text: ReturnType<typeof sql>) => (await db.execute<Record<string, string>>(text)).rows;
    own = (await q(sql`select id from licensing_id where number = '67012345'`))[0]?.id ?? '';
    foreign = (await q(sql`select id from licensing_id where number = '67099999'`))[0]?.id ?? '';
    const fabrikam = await q(sql`select id from organization where name = 'Fabrikam Inc'`);
    foreignOrgIds = [
      ...fabrikam.map((r) => r.id ?? ''),
      ...(await q(sql`select l.id from licensing_id l join organization o on o.id = l.organization_id where o.name = 'Fabrikam Inc'`)).map(
        (r) => r.id ?? '',
      ),
      ...(await q(sql`select u.id from "user" u join organization o on o.id = u.organization_id where o.name = 'Fabrikam Inc'`)).map(
        (r) => r.id ?? '',
      ),
    ];
    const org = (await q(sql`select id from organization where name = 'Contoso Ltd'`))[0]?.id;
    const hash = await hashPassword('walk-password-1');
    for (const role of ROLES) {
      const email = `walk-${role.toLowerCase()}@contoso.example`;
      const [u] = await q(sql`insert into "user" (organization_id, email, first_name, last_name, password_hash)
        values (${org}, ${email}, 'Walk', ${role}, ${hash}) returning id`);
      await db.execute(sql`insert into role_grant (user_id, licensing_id, role, source) values (${u?.id}, ${own}, ${role}, 'ADMIN')`);
      sessions.set(role, await signIn(t.app, email, 'walk-password-1'));
    }
    sessions.set('operator', await signIn(t.app, 'operator@northwind.example'));
    sessions.set('anonymous', null);
  });
  afterAll(() => t.close());

  it('every API route has a walk case (add one to route-cases.ts for a new route)', () => {
    const missing = t.app.routeCatalog.map((r) => `${r.method} ${r.url}`).filter((k) => !(k in ROUTE_CASES));
    expect(missing).toEqual([]);
  });

  it('R-PERM-2: every route answers each role as the policy table says, and never leaks across organizations', async () => {
    const failures: string[] = [];
    let calls = 0;
    const caseOf = (r: { method: string; url: string }) => ROUTE_CASES[`${r.method} ${r.url}`] ?? {};
    const routes = [...t.app.routeCatalog].sort((a, b) => Number(caseOf(a).last ?? false) - Number(caseOf(b).last ?? false));
    for (const route of routes) {
      const c = caseOf(route);
      for (const [who, session] of sessions) {
        for (const target of route.url.includes(':licensingId') ? (['own', 'foreign'] as const) : (['none'] as const)) {
          let url = route.url.replace(':licensingId', target === 'foreign' ? foreign : own);
          for (const [k, v] of Object.entries(c.params ?? {})) url = url.replace(`:${k}`, v);
          if (c.query) url += `?${c.query}`;
          const res = await t.app.inject({
            method: route.method as 'GET',
            url,
            headers: session?.headers ?? {},
            ...(c.body === undefined ? {} : { payload: c.body as object }),
          });
          calls++;
          const got = res.statusCode;
          const label = `${route.method} ${url} as ${who}: ${got}`;
          let expected: 'any' | 'ok' | 401 | 403 | 404;
          if (route.action === 'public')
            expected = 'any'; // its own answers (a wrong password's 401) are not authorization
          else if (!session) expected = 401;
          else if (route.action === 'self') expected = 'ok';
          else if (route.action === 'operator') expected = who === 'operator' ? 'ok' : 403;
          else if (route.action === 'organization.manage') expected = who === 'ADMINISTRATOR' ? 'ok' : 403;
          else if (route.action === 'directory.sync')
            expected = 403; // user sessions never sync a directory
          else if (!isLicensingAction(route.action)) expected = 403;
          else if (target === 'foreign') expected = 404;
          else if (target === 'none') expected = 'ok';
          else if (who === 'operator')
            expected = 404; // the publisher's staff are another organization here
          else expected = roleAllows(who as Role, route.action) ? 'ok' : 403;

          const bad =
            expected === 'any'
              ? got === 403 || got >= 500
              : expected === 'ok'
                ? got === 401 || got === 403 || got >= 500
                : got !== expected;
          if (bad) {
            failures.push(`${label}, expected ${expected}`);
          }
          // The problem's `instance` echoes the address asked for; anything else naming a Fabrikam id is a leak.
          const answer = res.body.replaceAll(url.split('?')[0] ?? '', '');
          if (who !== 'operator' && foreignOrgIds.some((id) => answer.includes(id))) failures.push(`${label} leaks a Fabrikam id`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(100);
  });
});
