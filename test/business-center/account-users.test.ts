import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signIn } from '../helpers/session.js';

/** R-PERM-14: a purchasing account's users and their roles, managed by its Account, Agreement and User administrators. */
describe('purchasing-account users (R-PERM-14)', () => {
  let t: TestApp;
  let hq: string;
  let fabrikamAccount: string;
  let admin: ReturnType<TestApp['as']>;

  const q = async <T extends Record<string, unknown>>(text: ReturnType<typeof sql>) => (await t.database.db.execute<T>(text)).rows;
  const mailTo = async (to: string) =>
    (
      await q<{ template: string; locale: string; subject: string; text: string }>(
        sql`select template, locale, subject, text from outbox where to_address = ${to} order by id desc limit 1`,
      )
    )[0];
  const rolesOf = async (email: string) =>
    (
      await q<{ role: string }>(sql`select r.role::text as role from purchasing_account_role r join "user" u on u.id = r.user_id
        where r.purchasing_account_id = ${hq} and lower(u.email) = ${email} order by r.role`)
    ).map((r) => r.role);
  const users = async (query = '') => (await admin.get(`/purchasing-accounts/${hq}/users${query}`)).json();

  beforeAll(async () => {
    t = await createTestApp();
    hq = (await q<{ id: string }>(sql`select id from purchasing_account where number = '71000101'`))[0]?.id ?? '';
    fabrikamAccount = (await q<{ id: string }>(sql`select id from purchasing_account where number = '72000201'`))[0]?.id ?? '';
    admin = t.as(await signIn(t.app, 'admin@contoso.example'));
  });
  afterAll(() => t.close());

  it('R-PERM-14: the account’s users are listed by e-mail with their roles, searched, filtered by status and paged', async () => {
    const all = await users();
    expect(all.items.map((u: { email: string; roles: string[] }) => [u.email, u.roles])).toEqual([
      ['admin@contoso.example', ['ACCOUNT_ADMINISTRATOR']],
      ['keys@contoso.example', ['REPORT_VIEWER']],
      ['viewer@contoso.example', ['ACCOUNT_VIEWER']],
    ]);
    expect(all.grantable).toHaveLength(6);
    expect((await users('?email=VIEW')).items.map((u: { email: string }) => u.email)).toEqual(['viewer@contoso.example']);
    expect((await users('?status=invited')).items).toEqual([]);
    const first = await users('?limit=2');
    expect(first.items).toHaveLength(2);
    const second = await users(`?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((u: { email: string }) => u.email)).toEqual(['viewer@contoso.example']);
    expect(second.nextCursor).toBeNull();
  });

  it('R-PERM-14: an Account administrator adds a new person, who is invited by mail with the roles; changes and revokes are mailed and audited', async () => {
    const added = await admin.post(`/purchasing-accounts/${hq}/users`, {
      email: 'New.Buyer@contoso.example',
      firstName: 'Nina',
      lastName: 'Buyer',
      roles: ['REPORT_VIEWER'],
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ email: 'new.buyer@contoso.example', status: 'invited', roles: ['REPORT_VIEWER'] });
    const invitation = await mailTo('new.buyer@contoso.example');
    expect(invitation?.template).toBe('accountInvitation');
    expect(invitation?.text).toContain('71000101');
    expect(invitation?.text).toContain('Report viewer');
    expect(invitation?.text).toMatch(/\/register\?token=/);
    expect((await users('?status=invited')).items.map((u: { email: string }) => u.email)).toEqual(['new.buyer@contoso.example']);

    const id = added.json().id as string;
    const changed = await admin.put(`/purchasing-accounts/${hq}/users/${id}/roles`, { roles: ['ACCOUNT_MANAGER'] });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().roles).toEqual(['ACCOUNT_MANAGER']);
    const changeMail = await mailTo('new.buyer@contoso.example');
    expect(changeMail?.template).toBe('accountRolesChanged');
    expect(changeMail?.text).toContain('Before: Report viewer');
    expect(changeMail?.text).toContain('Now: Account manager');

    expect((await admin.delete(`/purchasing-accounts/${hq}/users/${id}/roles`)).statusCode).toBe(204);
    expect(await rolesOf('new.buyer@contoso.example')).toEqual([]);
    expect((await mailTo('new.buyer@contoso.example'))?.template).toBe('accountRolesRevoked');
    expect((await admin.get(`/purchasing-accounts/${hq}/users/${id}`)).statusCode).toBe(404);

    const audited = await q<{ action: string }>(
      sql`select action from audit_log where target_id = ${id} and action like 'business-center.%' order by id`,
    );
    expect(audited.map((a) => a.action)).toEqual([
      'business-center.user.add',
      'business-center.user.set-roles',
      'business-center.user.revoke',
    ]);
  });

  it('R-PERM-14: an existing user of the organization is added at once and mailed in their language', async () => {
    await t.given.user('sv-buyer@contoso.example', { locale: 'sv' });
    const added = await admin.post(`/purchasing-accounts/${hq}/users`, { email: 'sv-buyer@contoso.example', roles: ['ACCOUNT_VIEWER'] });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ status: 'active', roles: ['ACCOUNT_VIEWER'] });
    const mail = await mailTo('sv-buyer@contoso.example');
    expect(mail).toMatchObject({ template: 'accountRolesChanged', locale: 'sv' });
    expect(mail?.text).toContain('Nu: Kontovisare');
    const again = await admin.post(`/purchasing-accounts/${hq}/users`, { email: 'sv-buyer@contoso.example', roles: ['ACCOUNT_VIEWER'] });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ACCOUNT_USER_EXISTS');
  });

  it('R-PERM-14: the last Account administrator can be neither demoted nor removed (ACCOUNT_LAST_ADMINISTRATOR)', async () => {
    const adminId = (await admin.get('/me')).json().id as string;
    const demote = await admin.put(`/purchasing-accounts/${hq}/users/${adminId}/roles`, { roles: ['ACCOUNT_VIEWER'] });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().code).toBe('ACCOUNT_LAST_ADMINISTRATOR');
    const remove = await admin.delete(`/purchasing-accounts/${hq}/users/${adminId}/roles`);
    expect(remove.json().code).toBe('ACCOUNT_LAST_ADMINISTRATOR');
    expect(await rolesOf('admin@contoso.example')).toEqual(['ACCOUNT_ADMINISTRATOR']);

    // With a second Account administrator the first may step down.
    const second = await t.given.signedIn('second-admin@contoso.example');
    await admin.post(`/purchasing-accounts/${hq}/users`, { email: 'second-admin@contoso.example', roles: ['ACCOUNT_ADMINISTRATOR'] });
    const other = t.as(second.session);
    expect(
      (await other.put(`/purchasing-accounts/${hq}/users/${adminId}/roles`, { roles: ['ACCOUNT_ADMINISTRATOR', 'ACCOUNT_VIEWER'] }))
        .statusCode,
    ).toBe(200);
    expect((await other.put(`/purchasing-accounts/${hq}/users/${second.id}/roles`, { roles: ['ACCOUNT_VIEWER'] })).statusCode).toBe(200);
    expect(await rolesOf('second-admin@contoso.example')).toEqual(['ACCOUNT_VIEWER']);
    await admin.put(`/purchasing-accounts/${hq}/users/${adminId}/roles`, { roles: ['ACCOUNT_ADMINISTRATOR'] });
  });

  it('R-PERM-14: a User administrator cannot grant more than they hold (ACCOUNT_ROLE_NOT_GRANTABLE)', async () => {
    const given = await t.given.signedIn('user-admin@contoso.example');
    await admin.post(`/purchasing-accounts/${hq}/users`, { email: 'user-admin@contoso.example', roles: ['USER_ADMINISTRATOR'] });
    const userAdmin = t.as(given.session);
    const list = (await userAdmin.get(`/purchasing-accounts/${hq}/users`)).json();
    expect(list.grantable).toEqual(['ACCOUNT_VIEWER', 'REPORT_VIEWER', 'ACCOUNT_MANAGER', 'USER_ADMINISTRATOR']);

    const promote = await userAdmin.post(`/purchasing-accounts/${hq}/users`, {
      email: 'climber@contoso.example',
      roles: ['ACCOUNT_VIEWER', 'ACCOUNT_ADMINISTRATOR'],
    });
    expect(promote.statusCode).toBe(403);
    expect(promote.json().code).toBe('ACCOUNT_ROLE_NOT_GRANTABLE');
    expect((await q(sql`select 1 from "user" where email = 'climber@contoso.example'`)).length).toBe(0);

    const adminId = (await admin.get('/me')).json().id as string;
    const demote = await userAdmin.delete(`/purchasing-accounts/${hq}/users/${adminId}/roles`);
    expect(demote.json().code).toBe('ACCOUNT_ROLE_NOT_GRANTABLE');

    const viewerId = list.items.find((u: { email: string }) => u.email === 'viewer@contoso.example').id as string;
    const ok = await userAdmin.put(`/purchasing-accounts/${hq}/users/${viewerId}/roles`, { roles: ['ACCOUNT_VIEWER', 'REPORT_VIEWER'] });
    expect(ok.statusCode).toBe(200);
    await admin.put(`/purchasing-accounts/${hq}/users/${viewerId}/roles`, { roles: ['ACCOUNT_VIEWER'] });
  });

  it('R-PERM-14: roles without account.users are refused 403; another organization’s account is 404', async () => {
    const viewer = t.as(await signIn(t.app, 'viewer@contoso.example'));
    expect((await viewer.get(`/purchasing-accounts/${hq}/users`)).json().code).toBe('FORBIDDEN');
    expect((await admin.get(`/purchasing-accounts/${fabrikamAccount}/users`)).statusCode).toBe(404);
    const fabrikamAdmin = t.as(await signIn(t.app, 'admin@fabrikam.example'));
    const fabrikamUsers = (await fabrikamAdmin.get(`/purchasing-accounts/${fabrikamAccount}/users`)).json();
    expect(fabrikamUsers.items.map((u: { email: string }) => u.email)).toEqual(['admin@fabrikam.example']);
  });

  it('R-PERM-14 bad input: an unknown role, NUL, a role twice, no role, another organization’s address: clear codes, nothing changed', async () => {
    const before = await q(sql`select count(*)::int as n from purchasing_account_role`);
    const users = before[0];
    const add = (body: object) => admin.post(`/purchasing-accounts/${hq}/users`, body);
    expect((await add({ email: 'x@contoso.example', roles: ['SUPER_ADMIN'] })).json().code).toBe('VALIDATION_FAILED');
    expect((await add({ email: 'x@contoso.example', roles: [] })).json().code).toBe('VALIDATION_FAILED');
    expect((await add({ email: 'x@contoso.example', roles: ['ACCOUNT_VIEWER', 'ACCOUNT_VIEWER'] })).json().code).toBe('VALIDATION_FAILED');
    expect((await add({ email: 'x@contoso.example', firstName: 'A\u0000', roles: ['ACCOUNT_VIEWER'] })).json().code).toBe(
      'INVALID_CHARACTERS',
    );
    const foreign = await add({ email: 'admin@fabrikam.example', roles: ['ACCOUNT_VIEWER'] });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().code).toBe('ACCOUNT_USER_OF_ANOTHER_ORGANIZATION');
    // The same answer whether or not the address has an account there.
    expect((await add({ email: 'nobody@fabrikam.example', roles: ['ACCOUNT_VIEWER'] })).json().code).toBe(
      'ACCOUNT_USER_OF_ANOTHER_ORGANIZATION',
    );
    const viewerId = (await users_('viewer@contoso.example')) as string;
    expect((await admin.put(`/purchasing-accounts/${hq}/users/${viewerId}/roles`, { roles: ['OWNER'] })).json().code).toBe(
      'VALIDATION_FAILED',
    );
    expect(await q(sql`select count(*)::int as n from purchasing_account_role`)).toEqual([users]);
    expect((await q(sql`select 1 from "user" where email in ('x@contoso.example', 'nobody@fabrikam.example')`)).length).toBe(0);
  });

  const users_ = async (email: string) => (await q<{ id: string }>(sql`select id from "user" where email = ${email}`))[0]?.id;
});

describe('the publisher’s purchasing-account back office (R-BC-1, R-PERM-14)', () => {
  let t: TestApp;
  let operator: ReturnType<TestApp['as']>;
  const q = async <T extends Record<string, unknown>>(text: ReturnType<typeof sql>) => (await t.database.db.execute<T>(text)).rows;
  const idOf = async (table: 'organization' | 'licensing_id', where: ReturnType<typeof sql>) =>
    (await q<{ id: string }>(sql`select id from ${sql.identifier(table)} where ${where}`))[0]?.id ?? '';

  beforeAll(async () => {
    t = await createTestApp();
    operator = t.as(await signIn(t.app, 'operator@northwind.example'));
  });
  afterAll(() => t.close());

  const body = async () => ({
    organizationId: await idOf('organization', sql`name = 'Contoso Ltd'`),
    number: '71000199',
    name: 'Contoso Research',
    address: { line1: 'Forskargatan 1', postalCode: '114 28', city: 'Stockholm', country: 'SE' },
    contact: { name: 'Ada Lind', email: 'ada@contoso.example' },
    partnerOrganizationId: null,
    administratorEmail: 'viewer@contoso.example',
  });

  it('R-BC-1: the operator opens an account with its first Account administrator, corrects it and links a Licensing ID of the organization', async () => {
    const created = await operator.post('/operator/purchasing-accounts', await body());
    expect(created.statusCode).toBe(201);
    const account = created.json();
    expect(account).toMatchObject({ number: '71000199', administrators: ['viewer@contoso.example'], licensingIds: [] });
    const viewer = t.as(await signIn(t.app, 'viewer@contoso.example'));
    const mine = (await viewer.get('/purchasing-accounts')).json().accounts;
    expect(mine.find((a: { number: string }) => a.number === '71000199').roles).toEqual(['ACCOUNT_ADMINISTRATOR']);

    expect((await operator.post('/operator/purchasing-accounts', await body())).json().code).toBe('PURCHASING_ACCOUNT_NUMBER_TAKEN');

    const adatum = await idOf('organization', sql`name ilike 'Adatum%'`);
    const patched = await operator.patch(`/operator/purchasing-accounts/${account.id}`, {
      name: 'Contoso R&D',
      partnerOrganizationId: adatum,
    });
    expect(patched.json()).toMatchObject({ name: 'Contoso R&D', partner: { id: adatum } });

    // 67012345 is Headquarters': it belongs to at most one account.
    const hqId = await idOf('licensing_id', sql`number = '67012345'`);
    const taken = await operator.put(`/operator/purchasing-accounts/${account.id}/licensing-ids`, { licensingIds: [hqId] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('LICENSING_ID_IN_OTHER_ACCOUNT');
    const fabrikamId = await idOf('licensing_id', sql`number = '67099999'`);
    expect(
      (await operator.put(`/operator/purchasing-accounts/${account.id}/licensing-ids`, { licensingIds: [fabrikamId] })).json().code,
    ).toBe('LICENSING_ID_OF_ANOTHER_ORGANIZATION');

    // Unlinked from Headquarters, 54011111 can move to the new account.
    const hq = (await operator.get('/operator/purchasing-accounts?q=71000101')).json().items[0];
    const moving = await idOf('licensing_id', sql`number = '54011111'`);
    const kept = (hq.licensingIds as { id: string }[]).map((l) => l.id).filter((id) => id !== moving);
    expect((await operator.put(`/operator/purchasing-accounts/${hq.id}/licensing-ids`, { licensingIds: kept })).statusCode).toBe(200);
    const candidates = (await operator.get(`/operator/purchasing-accounts/${account.id}`)).json().candidates;
    const free = (candidates as { id: string; purchasingAccount: string | null }[]).find((c) => c.purchasingAccount === null);
    expect(free?.id).toBe(moving);
    const linked = await operator.put(`/operator/purchasing-accounts/${account.id}/licensing-ids`, { licensingIds: [free?.id] });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().licensingIds.map((l: { id: string }) => l.id)).toEqual([free?.id]);

    const listed = (await operator.get('/operator/purchasing-accounts?q=r%26d')).json();
    expect(listed.items.map((a: { number: string }) => a.number)).toEqual(['71000199']);
    const audited = await q<{ action: string }>(sql`select action from audit_log where target_id = ${account.id} order by id`);
    expect(audited.map((a) => a.action)).toEqual([
      'business-center.account.create',
      'business-center.account.update',
      'business-center.account.licensing-ids',
    ]);
  });

  it('R-BC-1 bad input: an administrator of another organization, a partner that is none, a customer that is a partner: clear codes, nothing created', async () => {
    const good = await body();
    const post = (patch: object) => operator.post('/operator/purchasing-accounts', { ...good, number: '71000198', ...patch });
    expect((await post({ administratorEmail: 'admin@fabrikam.example' })).json().code).toBe('PURCHASING_ACCOUNT_ADMINISTRATOR_UNKNOWN');
    expect((await post({ partnerOrganizationId: good.organizationId })).json().code).toBe('PURCHASING_ACCOUNT_PARTNER_UNKNOWN');
    const adatum = await idOf('organization', sql`name ilike 'Adatum%'`);
    expect((await post({ organizationId: adatum })).json().code).toBe('PURCHASING_ACCOUNT_ORGANIZATION_UNKNOWN');
    expect((await post({ name: 'A\u0000' })).json().code).toBe('INVALID_CHARACTERS');
    expect((await post({ number: 'abc' })).json().code).toBe('VALIDATION_FAILED');
    expect(await q(sql`select 1 from purchasing_account where number = '71000198'`)).toEqual([]);
    const admin = t.as(await signIn(t.app, 'admin@contoso.example'));
    expect((await admin.get('/operator/purchasing-accounts')).statusCode).toBe(403);
  });
});
