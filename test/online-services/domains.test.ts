import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsOfAddress } from '../../src/modules/online-services/facts.js';
import { customerDomainRefusal, isDomainName } from '../../src/modules/online-services/rules.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

describe('R-OS-4 verified domains, pure rules', () => {
  it('R-OS-4: a domain name is DNS labels; NUL, spaces, addresses, IPs and broken labels are not', () => {
    expect(['contoso.com', 'mail.contoso.co.uk', 'xn--bcher-kva.example', 'a1-b2.example'].map(isDomainName)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    const bad = [
      'contoso\u0000.com',
      'contoso .com',
      'admin@contoso.com',
      '10.0.0.1',
      'localhost',
      '-contoso.com',
      'contoso-.com',
      'a..b',
      `${'a'.repeat(64)}.com`,
      `${'a.'.repeat(127)}com`,
    ];
    expect(bad.map(isDomainName)).toEqual(bad.map(() => false));
  });

  it('R-OS-4: a personal-mail domain is refused before ownership; an organization owns the domains its work accounts use', () => {
    const f = { personalDomains: ['outlook.com'], organizationDomains: ['contoso.com', 'outlook.com'] };
    expect(customerDomainRefusal('outlook.com', f)).toBe('SERVICE_ACCOUNT_DOMAIN_PERSONAL');
    expect(customerDomainRefusal('fabrikam.com', f)).toBe('SERVICE_ACCOUNT_DOMAIN_NOT_OWNED');
    expect(customerDomainRefusal('contoso.com', f)).toBeNull();
  });
});

describe('R-OS-4: the customer verifies and removes domains on its online services account', () => {
  let t: TestApp;
  let admin: Session;
  let viewer: Session;
  let linked = '';
  let unlinked = '';
  let account = '';
  const rows = async <T>(q: ReturnType<typeof sql>) => (await t.database.db.execute<T & Record<string, unknown>>(q)).rows as T[];
  const state = async () => ({
    domains: await rows<{ domain: string; account_id: string }>(sql`select domain, account_id from service_account_domain order by domain`),
    audit: (await rows<{ n: number }>(sql`select count(*)::int as n from audit_log where action like 'online-services.domain-%'`))[0]?.n,
    mails: (await rows<{ n: number }>(sql`select count(*)::int as n from outbox where template like 'domain%'`))[0]?.n,
  });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, 'admin@contoso.example');
    viewer = await signIn(t.app, 'viewer@contoso.example');
    const contoso = (await rows<{ id: string }>(sql`select id from organization where name = 'Contoso Ltd'`))[0]?.id ?? '';
    const lid = async (number: string) => {
      const id = (
        await rows<{ id: string }>(sql`
          insert into licensing_id (organization_id, program_code, kind, number, name, start_date, end_date)
          values (${contoso}, 'ENTERPRISE', 'ENROLLMENT', ${number}, ${`Contoso ${number}`}, '2025-07-01', '2028-06-30') returning id`)
      )[0]?.id;
      await t.database.db.execute(sql`insert into role_grant (user_id, licensing_id, role, source)
        select id, ${id}, 'ADMINISTRATOR', 'ADMIN' from "user" where email = 'admin@contoso.example'`);
      await t.database.db.execute(sql`insert into role_grant (user_id, licensing_id, role, source)
        select id, ${id}, 'LICENSING_INFO_VIEWER', 'ADMIN' from "user" where email = 'viewer@contoso.example'`);
      return id ?? '';
    };
    linked = await lid('DOM00001');
    unlinked = await lid('DOM00002');
    account =
      (
        await rows<{ id: string }>(
          sql`insert into service_account (name, organization_id, created_at) values ('Contoso Tenant', ${contoso}, now()) returning id`,
        )
      )[0]?.id ?? '';
    await t.database.db.execute(
      sql`insert into service_account_admin (account_id, email, role) values (${account}, 'tenant.admin@contoso.example', 'GLOBAL')`,
    );
    await t.database.db.execute(
      sql`insert into service_enrollment (licensing_id, account_id, how, status, linked_at) values (${linked}, ${account}, 'LINK', 'ACTIVE', now())`,
    );
  });
  afterAll(() => t.close());

  it('R-OS-4: the Administrator adds the organization’s domain (audited, the account’s administrators mailed); an OSM on it is then provisioned there; removing it undoes that', async () => {
    const added = await t.as(admin).post(`/licensing-ids/${linked}/online-services/domains`, { domain: '  Contoso.Example ' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ account: { id: account, name: 'Contoso Tenant' }, domains: [{ domain: 'contoso.example' }] });
    expect((await t.as(admin).get(`/licensing-ids/${linked}/online-services/domains`)).json().domains).toHaveLength(1);
    expect((await accountsOfAddress(t.database.db, 'someone@contoso.example')).byDomain).toBe(account);
    const [audit] = await rows<{ action: string; target_id: string }>(
      sql`select action, target_id from audit_log where action = 'online-services.domain-add'`,
    );
    expect(audit?.target_id).toBe(account);
    const [mail] = await rows<{ subject: string; text: string }>(
      sql`select subject, text from outbox where to_address = 'tenant.admin@contoso.example' and template = 'domainAdded'`,
    );
    expect(mail?.subject).toBe('Domain contoso.example verified on Contoso Tenant');
    expect(mail?.text).toContain('admin@contoso.example');

    const removed = await t.as(admin).delete(`/licensing-ids/${linked}/online-services/domains/contoso.example`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().domains).toEqual([]);
    expect((await accountsOfAddress(t.database.db, 'someone@contoso.example')).byDomain).toBeNull();
    expect(await rows(sql`select 1 from audit_log where action = 'online-services.domain-remove'`)).toHaveLength(1);
    expect(
      await rows(sql`select 1 from outbox where to_address = 'tenant.admin@contoso.example' and template = 'domainRemoved'`),
    ).toHaveLength(1);
  });

  it('R-OS-4: an Online Services Manager of the enrollment may do it too', async () => {
    await t.database.db.execute(sql`insert into role_grant (user_id, licensing_id, role, source)
      select id, ${linked}, 'ONLINE_SERVICES_MANAGER', 'ADMIN' from "user" where email = 'viewer@contoso.example'`);
    const osm = await signIn(t.app, 'viewer@contoso.example');
    const added = await t.as(osm).post(`/licensing-ids/${linked}/online-services/domains`, { domain: 'contoso.example' });
    expect(added.statusCode, added.body).toBe(201);
    expect((await t.as(osm).delete(`/licensing-ids/${linked}/online-services/domains/contoso.example`)).statusCode).toBe(200);
    await t.database.db.execute(sql`delete from role_grant where licensing_id = ${linked} and role = 'ONLINE_SERVICES_MANAGER'`);
  });

  it('R-OS-4 bad input: NUL, not a domain, a personal-mail domain, not the organization’s, present, taken, absent, not linked, no role, another tenant — clear codes, nothing changed', async () => {
    const add = (domain: string, who = admin, lid = linked) => t.as(who).post(`/licensing-ids/${lid}/online-services/domains`, { domain });
    const expectCode = (res: { statusCode: number; body: string; json(): { code: string } }, status: number, code: string) => {
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().code).toBe(code);
    };
    // Already on this account: refused as present, nothing added.
    await t.database.db.execute(
      sql`insert into service_account_domain (account_id, domain, verified_at) values (${account}, 'contoso.example', now())`,
    );
    const present = await state();
    expectCode(await add('Contoso.example'), 409, 'SERVICE_ACCOUNT_DOMAIN_PRESENT');
    expect(await state()).toEqual(present);
    // Then on another account: taken.
    const other = (
      await rows<{ id: string }>(sql`insert into service_account (name, created_at) values ('Someone else', now()) returning id`)
    )[0]?.id;
    await t.database.db.execute(sql`update service_account_domain set account_id = ${other} where domain = 'contoso.example'`);
    await t.database.db.execute(
      sql`insert into service_account_domain (account_id, domain, verified_at) values (${account}, 'adatum-partners.example', now())`,
    );
    const before = await state();
    expectCode(await add('contoso\u0000.example'), 400, 'INVALID_CHARACTERS');
    for (const domain of ['not a domain', 'admin@contoso.example', '-contoso.example', '10.0.0.1', '', 'x'.repeat(300)]) {
      expectCode(await add(domain), 400, 'VALIDATION_FAILED');
    }
    expectCode(await add('outlook.com'), 400, 'SERVICE_ACCOUNT_DOMAIN_PERSONAL');
    expectCode(await add('fabrikam.example'), 400, 'SERVICE_ACCOUNT_DOMAIN_NOT_OWNED');
    expectCode(await add('contoso.example'), 409, 'SERVICE_ACCOUNT_DOMAIN_TAKEN');
    expectCode(await add('contoso.example', admin, unlinked), 409, 'ENROLLMENT_NOT_LINKED');
    expectCode(await t.as(admin).delete(`/licensing-ids/${linked}/online-services/domains/fabrikam.example`), 404, 'NOT_FOUND');
    expect((await t.as(admin).delete(`/licensing-ids/${linked}/online-services/domains/bad%00.example`)).statusCode).toBe(400);
    // Another account's domain is not removed through this one.
    expectCode(await t.as(admin).delete(`/licensing-ids/${linked}/online-services/domains/contoso.example`), 404, 'NOT_FOUND');
    // A domain on the account that no Contoso work account uses (seeded straight in) is still not theirs to add.
    expectCode(await add('adatum-partners.example'), 400, 'SERVICE_ACCOUNT_DOMAIN_NOT_OWNED');
    // A Licensing Info Viewer may not; another organization's administrator does not see the Licensing ID.
    expect((await add('contoso.example', viewer)).statusCode).toBe(403);
    expect((await t.as(viewer).delete(`/licensing-ids/${linked}/online-services/domains/adatum-partners.example`)).statusCode).toBe(403);
    const fabrikam = await signIn(t.app, 'admin@fabrikam.example');
    expect((await add('fabrikam.example', fabrikam)).statusCode).toBe(404);
    expect((await t.as(fabrikam).get(`/licensing-ids/${linked}/online-services/domains`)).statusCode).toBe(404);
    expect((await t.as(fabrikam).delete(`/licensing-ids/${linked}/online-services/domains/adatum-partners.example`)).statusCode).toBe(404);
    expect(await state()).toEqual(before);
  });

  it('R-OS-7, R-OS-5: Online Service Activation offers the accounts the user administers, and only those', async () => {
    expect((await t.as(admin).get('/online-services/accounts')).json()).toEqual({ accounts: [] });
    await t.database.db.execute(
      sql`insert into service_account_admin (account_id, email, role) values (${account}, 'admin@contoso.example', 'BILLING')`,
    );
    expect((await t.as(admin).get('/online-services/accounts')).json()).toEqual({
      accounts: [{ id: account, name: 'Contoso Tenant', role: 'BILLING' }],
    });
    expect((await t.as(viewer).get('/online-services/accounts')).json()).toEqual({ accounts: [] });
    expect((await t.as(null).get('/online-services/accounts')).statusCode).toBe(401);
  });
});
