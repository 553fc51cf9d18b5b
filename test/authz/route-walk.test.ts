import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passkey } from '../../src/modules/identity/tables.js';
import {
  ACCOUNT_ROLES,
  type AccountRole,
  accountRoleAllows,
  isAccountAction,
  isAccountRole,
} from '../../src/platform/authz/account-actions.js';
import { type Holding, isLicensingAction, roleAllows } from '../../src/platform/authz/actions.js';
import { ROLES } from '../../src/platform/authz/roles.js';
import { targetParam } from '../../src/platform/http/guard.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';
import { FOREIGN, type ForeignRecord, NIL } from './cases/types.js';
import { ROUTE_CASES } from './route-cases.js';

/**
 * Every route × each of the seven roles, the channel partner of record and a partner the customer
 * approved to manage its benefits (R-SA-7) × own and foreign organization, against the policy table:
 * allowed → not 401/403; not allowed on an own Licensing ID → 403; a foreign Licensing ID → 404;
 * another organization's real record (a user, a key, a request, a token: FOREIGN in the cases) →
 * 404 to whoever may ask at all; and no response to a Contoso user ever contains a Fabrikam
 * identifier. A training provider's credential (R-SA-5) walks every route too: it reaches its own
 * routes (`training.redeem`) and is refused 403 everywhere else, and no user reaches those. The six
 * business-center roles (R-PERM-14) walk every route too, each held on Contoso's purchasing account:
 * a purchasing-account route is walked with Contoso's and Fabrikam's account like a Licensing ID.
 */
describe('generated authorization walk', () => {
  let t: TestApp;
  let own: string;
  let foreign: string;
  let ownAccount: string;
  let foreignAccount: string;
  let foreignOrgIds: string[];
  /** Fabrikam's real records by their stand-ins in the route cases (FOREIGN). */
  let records: Record<ForeignRecord, string>;
  const sessions = new Map<Holding | AccountRole | 'anonymous' | 'operator' | 'TRAINING_PROVIDER', Session | null>();

  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_IP_LIMIT: '10000' } });
    const db = t.database.db;
    const q = async (text: ReturnType<typeof sql>) => (await db.execute<Record<string, string>>(text)).rows;
    own = (await q(sql`select id from licensing_id where number = '67012345'`))[0]?.id ?? '';
    foreign = (await q(sql`select id from licensing_id where number = '67099999'`))[0]?.id ?? '';
    ownAccount = (await q(sql`select id from purchasing_account where number = '71000101'`))[0]?.id ?? '';
    foreignAccount = (await q(sql`select id from purchasing_account where number = '72000201'`))[0]?.id ?? '';
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
    for (const role of ROLES) {
      const walker = await t.given.signedIn(`walk-${role.toLowerCase()}@contoso.example`, {
        firstName: 'Walk',
        lastName: role,
        password: 'walk-password-1',
        // R-PERM-9: the module narrows the Online Services Manager to those given "Manage Reservation";
        // the walk checks the policy table, so its OSM has it (test/reservations proves the narrowing).
        grants: [{ on: own, roles: [role], manageReservation: role === 'ONLINE_SERVICES_MANAGER' }],
      });
      sessions.set(role, walker.session);
    }
    for (const role of ACCOUNT_ROLES) {
      const walker = await t.given.signedIn(`walk-account-${role.toLowerCase()}@contoso.example`, { firstName: 'Walk', lastName: role });
      await db.execute(
        sql`insert into purchasing_account_role (purchasing_account_id, user_id, role) values (${ownAccount}, ${walker.id}, ${role})`,
      );
      sessions.set(role, walker.session);
    }
    records = await fabrikamRecords(t);
    foreignOrgIds.push(...Object.values(records));
    sessions.set('operator', await signIn(t.app, 'operator@northwind.example'));
    // Adatum is the channel partner of record of the own Licensing ID (not of Fabrikam's).
    sessions.set('CHANNEL_PARTNER', await signIn(t.app, 'partner@adatum-partners.example'));
    sessions.set('BENEFIT_DELEGATE', await benefitDelegate(t, own));
    sessions.set('TRAINING_PROVIDER', await trainingProvider(t));
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
        // The path parameter the guard authorizes as the Licensing ID (the route's declared target);
        // an operator route's Licensing ID is walked with both organizations' as well.
        const param =
          targetParam(route.target) ?? (route.action === 'operator' && route.url.includes(':licensingId') ? 'licensingId' : null);
        const accountRoute = isAccountAction(route.action);
        for (const target of param !== null ? (['own', 'foreign'] as const) : (['none'] as const)) {
          const [ownId, foreignId] = accountRoute ? [ownAccount, foreignAccount] : [own, foreign];
          let url = param !== null ? route.url.replace(`:${param}`, target === 'foreign' ? foreignId : ownId) : route.url;
          for (const [k, v] of Object.entries(c.params ?? {})) url = url.replace(`:${k}`, v);
          if (c.query) url += `?${c.query}`;
          // Another organization's real records in place of their stand-ins.
          const body = c.body === undefined ? undefined : JSON.stringify(c.body);
          const foreignRecord = Object.keys(records).some((k) => url.includes(k) || body?.includes(k));
          const fill = (text: string, id?: string) =>
            Object.entries(records).reduce((out, [k, real]) => out.replaceAll(k, id ?? real), text);
          const send = (id?: string) =>
            t.app.inject({
              method: route.method as 'GET',
              url: fill(url, id),
              headers: session?.headers ?? {},
              ...(body === undefined ? {} : { payload: JSON.parse(fill(body, id)) as object }),
            });
          const res = await send();
          url = fill(url);
          calls++;
          const got = res.statusCode;
          const label = `${route.method} ${url} as ${who}: ${got}`;
          let expected: 'any' | 'ok' | number;
          if (who === 'TRAINING_PROVIDER') expected = route.action === 'training.redeem' ? 'ok' : 403;
          else if (route.action === 'training.redeem')
            expected = session ? 403 : 401; // no user redeems as a provider
          else if (route.action === 'public')
            expected = 'any'; // its own answers (a wrong password's 401) are not authorization
          else if (!session) expected = 401;
          else if (route.action === 'self') expected = 'ok';
          else if (route.action === 'operator') expected = who === 'operator' ? 'ok' : 403;
          else if (route.action === 'partner') expected = who === 'CHANNEL_PARTNER' || who === 'BENEFIT_DELEGATE' ? 'ok' : 403;
          else if (route.action === 'organization.manage') expected = who === 'ADMINISTRATOR' ? 'ok' : 403;
          else if (route.action === 'directory.sync')
            expected = 403; // user sessions never sync a directory
          else if (accountRoute) {
            if (target === 'foreign') expected = 404;
            else if (target === 'none') expected = 'ok';
            else if (!isAccountRole(who))
              expected = ['operator', 'CHANNEL_PARTNER', 'BENEFIT_DELEGATE'].includes(who) ? 404 : 403; // other organizations know nothing of it
            else expected = accountRoleAllows(who, route.action as Parameters<typeof accountRoleAllows>[1]) ? 'ok' : 403;
          } else if (!isLicensingAction(route.action)) expected = 403;
          else if (target === 'foreign') expected = 404;
          else if (target === 'none') expected = 'ok';
          else if (who === 'operator')
            expected = 404; // the publisher's staff are another organization here
          else if (isAccountRole(who))
            expected = 403; // a business-center role holds nothing on a Licensing ID
          else expected = roleAllows(who as Holding, route.action) ? 'ok' : 403;
          if (foreignRecord && expected === 'ok') {
            // Another tenant's real record is as absent as one that never existed, to whoever may ask at
            // all: 404, or the answer a nil id gets where the route refuses before looking (a wrong password).
            const absent = (await send(NIL)).statusCode;
            expected = absent >= 400 && absent < 500 && absent !== 401 && absent !== 403 ? absent : 404;
          }

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
  }, 600_000); // about 2,500 requests: tens of seconds on a quiet machine, minutes when it is shared
});

/** R-SA-5: a training provider the operator registered, calling with the credential issued to it. */
async function trainingProvider(t: TestApp): Promise<Session> {
  const operator = t.as(await signIn(t.app, 'operator@northwind.example'));
  const registered = await operator.post('/operator/training-providers', {
    name: 'Walk Provider',
    number: 'TP-WALKER',
    contactEmail: 'walker@training.example',
    contactLocale: 'en',
  });
  const token = (await operator.post(`/operator/training-providers/${registered.json().id}/credential`)).json().token as string;
  if (!token) throw new Error(`no provider credential: ${registered.body}`);
  return { cookie: '', csrf: '', headers: { authorization: `Bearer ${token}` } };
}

/**
 * A user of a partner that serves nothing of Contoso's but that Contoso approved to manage the
 * benefits of the own Licensing ID (R-SA-7): it holds BENEFIT_DELEGATE there and nothing else.
 */
async function benefitDelegate(t: TestApp, own: string): Promise<Session> {
  const db = t.database.db;
  const org = await t.given.organization({
    name: 'Walk Delegate Partners',
    country: 'SE',
    domains: ['walk-delegate.example'],
    isChannelPartner: true,
  });
  await db.execute(sql`insert into channel_partner (organization_id, number, notification_email, created_at)
    values (${org.id}, 'P-WALK-DELEGATE', 'orders@walk-delegate.example', now())`);
  const person = await t.given.signedIn('walk-delegate@walk-delegate.example', { organization: org.id });
  const admin = (await db.execute<{ id: string }>(sql`select id from "user" where email = 'admin@contoso.example'`)).rows[0]?.id;
  await db.execute(sql`with d as (
      insert into benefit_delegation (partner_organization_id, organization_id, status, requested_by, requested_at, changed_by, changed_at)
      select ${org.id}::uuid, l.organization_id, 'APPROVED', ${person.id}::uuid, now(), ${admin}::uuid, now() from licensing_id l where l.id = ${own}
      returning id)
    insert into benefit_delegation_licensing_id (delegation_id, licensing_id) select d.id, ${own}::uuid from d`);
  return person.session;
}

/** Records of Fabrikam's that no Contoso user may reach, made as Fabrikam's people and the operator make them. */
async function fabrikamRecords(t: TestApp): Promise<Record<ForeignRecord, string>> {
  const db = t.database.db;
  const idOf = async (q: ReturnType<typeof sql>) => {
    const [row] = (await db.execute<{ id: string }>(q)).rows;
    if (!row) throw new Error('walk: a Fabrikam record is missing');
    return row.id;
  };
  const created = async (res: { statusCode: number; body: string; json(): { id: string } }) => {
    if (res.statusCode !== 201) throw new Error(`walk: a Fabrikam record was not made: ${res.statusCode} ${res.body}`);
    return res.json().id;
  };
  const admin = await idOf(sql`select id from "user" where email = 'admin@fabrikam.example'`);
  const enrollment = await idOf(sql`select id from licensing_id where number = '67099999'`);
  const fabrikam = t.as(await t.given.session(admin));
  const requester = await t.given.signedIn('walk-requester@fabrikam.example', { organization: 'Fabrikam Inc' });
  const operator = t.as(await signIn(t.app, 'operator@northwind.example'));
  const [passkeyRow] = await db
    .insert(passkey)
    .values({ userId: admin, credentialId: 'walk-fabrikam-credential', publicKey: 'AQ', name: 'Fabrikam key' })
    .returning({ id: passkey.id });
  // A Fabrikam user's support request with an attachment: no Contoso user may read, answer or close it.
  const supportRes = await t.as(requester.session).post('/support-requests', {
    topic: 'OTHER',
    licensingId: null,
    subject: 'Fabrikam question',
    description: 'A question only Fabrikam may read.',
    attachments: [{ name: 'fabrikam.txt', mediaType: 'text/plain', contentBase64: Buffer.from('Fabrikam only').toString('base64') }],
  });
  const supportRequest = await created(supportRes);
  const supportAttachment = (supportRes.json() as { attachments: { id: string }[] }).attachments[0]?.id ?? '';
  return {
    [FOREIGN.supportRequest]: supportRequest,
    [FOREIGN.supportAttachment]: supportAttachment,
    [FOREIGN.user]: admin,
    [FOREIGN.licensingId]: enrollment,
    [FOREIGN.agreement]: await idOf(sql`select id from agreement where number = '02F11111'`),
    [FOREIGN.purchasingAccount]: await idOf(sql`select id from purchasing_account where number = '72000201'`),
    [FOREIGN.organization]: await idOf(sql`select id from organization where name = 'Fabrikam Inc'`),
    // An onboarded Fabrikam agreement, served by Proseware: neither Contoso nor Adatum may touch its contacts.
    [FOREIGN.agreementRecord]: await created(
      await operator.post('/operator/agreements', {
        organization: { name: 'Fabrikam Inc', domains: ['fabrikam.example'], country: 'US' },
        number: 'WALK-F-SEL',
        program: 'SELECT',
        startDate: '2026-01-01',
        endDate: '2028-12-31',
        licensingIds: [{ number: 'WALK-F-SEL-1', name: 'Fabrikam Select' }],
        contacts: [{ type: 'PRIMARY_CONTACT', name: 'Frank Miller', email: 'admin@fabrikam.example' }],
      }),
    ),
    [FOREIGN.productKey]: await created(
      await operator.post(`/operator/licensing-ids/${enrollment}/keys`, {
        type: 'SETUP',
        productId: await idOf(sql`select id from product where code = 'SRV-DC-2022'`),
      }),
    ),
    [FOREIGN.permissionRequest]: await created(
      await t.as(requester.session).post('/permission-requests', { programCode: 'ENTERPRISE', number: '67099999', roles: ['DOWNLOAD'] }),
    ),
    [FOREIGN.apiToken]: await created(await fabrikam.post('/me/tokens', { name: 'Fabrikam nightly' })),
    [FOREIGN.scimToken]: await created(await fabrikam.post('/organization/scim-tokens', { name: 'Fabrikam directory' })),
    [FOREIGN.passkey]: passkeyRow?.id ?? '',
    // Proseware, Fabrikam's partner, asks to manage Fabrikam's benefits (R-SA-7).
    [FOREIGN.benefitDelegation]: await created(
      await t.as(await signIn(t.app, 'partner@proseware.example')).post('/partner/benefit-delegations', { licensingIds: [enrollment] }),
    ),
    // A subscription assigned on Fabrikam's enrollment (R-PERM-2): no Contoso manager may reassign or remove it.
    [FOREIGN.subscriptionAssignment]: await idOf(sql`
      insert into subscription_assignment (licensing_id, organization_id, product_id, holder_name, holder_email, holder_locale, assigned_at)
      select l.id, l.organization_id, p.id, 'Fabrikam Developer', 'developer@fabrikam.example', 'en', now()
      from licensing_id l, product p where l.id = ${enrollment} and p.code = 'DEV-SUB-ENT'
      returning id`),
  };
}
