import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';
import { type Fixtures, fixtures } from './fixtures.js';

describe('Manage Users', () => {
  let t: TestApp;
  let f: Fixtures;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_IP_LIMIT: '1000' } });
    f = fixtures(t);
    admin = await signIn(t.app, 'admin@contoso.example');
  });
  afterAll(() => t.close());

  const emails = (body: { items: { email: string }[] }) => body.items.map((i) => i.email);

  async function newLicensingId(number: string, status: 'ACTIVE' | 'EXPIRED' = 'ACTIVE') {
    await f.db.execute(sql`insert into licensing_id (organization_id, program_code, kind, number, name, start_date, status)
      select id, 'SELECT_PLUS', 'PCN', ${number}, ${`PCN ${number}`}, '2025-01-01', ${status} from organization where name = 'Contoso Ltd'`);
    return f.lid(number);
  }

  it('R-PERM-7, R-PERM-12: lists the users of the Licensing IDs the actor administers, never another organization’s', async () => {
    const res = await t.as(admin).get('/users');
    expect(res.statusCode).toBe(200);
    expect(emails(res.json())).toEqual([
      'admin@contoso.example',
      'keys@contoso.example',
      'subscriptions@contoso.example',
      'viewer@contoso.example',
    ]);
    expect(res.json().items[1]).toMatchObject({ firstName: 'Sara', lastName: 'Holm', status: 'active', activeLicensingIds: 2 });
    // Lower roles see no administration data at all.
    const keys = await signIn(t.app, 'keys@contoso.example');
    expect((await t.as(keys).get('/users')).json()).toEqual({ items: [], nextCursor: null });
    expect((await t.as(keys).get(`/users/${await f.userId('viewer@contoso.example')}`)).statusCode).toBe(404);
  });

  it('R-PERM-12: an Administrator of one Licensing ID sees only that Licensing ID and its users', async () => {
    const pcnAdmin = await f.user('pcn-admin@contoso.example', { grants: [['8765-4321', ['ADMINISTRATOR']]] });
    const list = (await t.as(pcnAdmin.session).get('/users')).json();
    expect(emails(list)).toEqual(['admin@contoso.example', 'keys@contoso.example', 'pcn-admin@contoso.example']);
    const keys = (await t.as(pcnAdmin.session).get(`/users/${await f.userId('keys@contoso.example')}`)).json();
    expect(keys.permissions.map((p: { licensingId: { number: string } }) => p.licensingId.number)).toEqual(['8765-4321']);
    expect((await t.as(pcnAdmin.session).get(`/users/${await f.userId('viewer@contoso.example')}`)).statusCode).toBe(404);
    expect((await t.as(pcnAdmin.session).get(`/users/${await f.userId('admin@fabrikam.example')}`)).statusCode).toBe(404);
  });

  it('R-PERM-7: search by e-mail prefix (any case), filter by status and Licensing ID, page with a cursor', async () => {
    expect(emails((await t.as(admin).get('/users?email=KEY')).json())).toEqual(['keys@contoso.example']);
    expect(emails((await t.as(admin).get('/users?email=%25')).json())).toEqual([]);
    expect(emails((await t.as(admin).get(`/users?licensingId=${await f.lid('V1234567')}`)).json())).toEqual(['admin@contoso.example']);
    expect(emails((await t.as(admin).get('/users?status=invited')).json())).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { items: { email: string }[]; nextCursor: string | null } = (
        await t.as(admin).get(`/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...emails(page));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(emails((await t.as(admin).get('/users?limit=200')).json()));
    const bad = await t.as(admin).get('/users?cursor=bm90LWEtY3Vyc29y');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('INVALID_CURSOR');
  });

  it('R-PERM-7: adds a user with roles per Licensing ID, invites them by mail, audits it; a shared mailbox gets a warning', async () => {
    const enrollment = await f.lid('67012345');
    const pcn = await f.lid('8765-4321');
    const res = await t.as(admin).post('/users', {
      email: 'It@Contoso.example',
      firstName: 'Ivar',
      lastName: 'Tech',
      locale: 'sv',
      grants: [
        { licensingId: enrollment, roles: ['DOWNLOAD', 'SA_MANAGER'], subRoles: { SA_MANAGER: ['HOME_USE_PROGRAM'] } },
        { licensingId: pcn, roles: ['PRODUCT_KEYS'] },
      ],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ email: 'it@contoso.example', status: 'invited', warnings: ['SHARED_MAILBOX'], activeLicensingIds: 2 });
    expect(body.permissions[0]).toMatchObject({
      licensingId: { number: '67012345' },
      roles: ['DOWNLOAD', 'SA_MANAGER'],
      subRoles: { SA_MANAGER: ['HOME_USE_PROGRAM'] },
      removable: true,
    });
    const [invitation] = await f.mails('it@contoso.example');
    expect(invitation).toMatchObject({ template: 'invitation', locale: 'sv' });
    expect(invitation?.text).toContain('Anna Lind');
    const [row] = await f.audits('users.add', body.id);
    expect(row).toMatchObject({ before: null, after: { email: 'it@contoso.example' } });
    expect(emails((await t.as(admin).get('/users?status=invited')).json())).toEqual(['it@contoso.example']);
    const granted = await f.rows<{ source: string; granted_by: string }>(
      sql`select source, granted_by from role_grant where user_id = ${body.id}`,
    );
    const annaId = await f.userId('admin@contoso.example');
    expect(granted).toHaveLength(3);
    expect(granted.every((g) => g.source === 'ADMIN' && g.granted_by === annaId)).toBe(true);
  });

  it('R-PERM-7: refuses personal addresses, existing accounts and Licensing IDs outside the actor’s scope, writing nothing', async () => {
    const enrollment = await f.lid('67012345');
    const grants = [{ licensingId: enrollment, roles: ['DOWNLOAD'] }];
    const before = await f.counts();
    const personal = await t.as(admin).post('/users', { email: 'someone@gmail.com', firstName: 'S', lastName: 'O', grants });
    expect(personal.statusCode).toBe(400);
    expect(personal.json().code).toBe('PERSONAL_ACCOUNT');
    const existing = await t.as(admin).post('/users', { email: 'Keys@contoso.example', firstName: 'S', lastName: 'H', grants });
    expect(existing.statusCode).toBe(409);
    expect(existing.json()).toMatchObject({ code: 'USER_EXISTS', userId: await f.userId('keys@contoso.example') });
    // Another organization's address: refused by its domain, whether or not it has an account.
    const otherOrg = await t.as(admin).post('/users', { email: 'admin@fabrikam.example', firstName: 'F', lastName: 'M', grants });
    expect(otherOrg.statusCode).toBe(403);
    expect(otherOrg.json().code).toBe('ADDRESS_OF_ANOTHER_ORGANIZATION');
    expect(otherOrg.json().userId).toBeUndefined();
    const foreign = await t.as(admin).post('/users', {
      email: 'new1@contoso.example',
      firstName: 'N',
      lastName: 'U',
      grants: [{ licensingId: await f.lid('67099999'), roles: ['DOWNLOAD'] }],
    });
    expect(foreign.statusCode).toBe(404);
    for (const payload of [
      { email: 'new2@contoso.example', firstName: 'N', lastName: 'U', grants: [] },
      { email: 'new2@contoso.example', firstName: '', lastName: 'U', grants },
      { email: 'new2@contoso.example', firstName: 'N', lastName: 'U', grants: [{ licensingId: enrollment, roles: ['OWNER'] }] },
      { email: 'new2@contoso.example', firstName: 'N', lastName: 'U', grants: [...grants, ...grants] },
    ]) {
      const bad = await t.as(admin).post('/users', payload);
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_FAILED');
    }
    expect(await f.counts()).toEqual(before);
  });

  it('R-PERM-7: sets roles on a Licensing ID ("Add Licensing ID" too), mails the user in their language, audits before and after', async () => {
    const viewerId = await f.userId('viewer@contoso.example');
    const pcn = await f.lid('8765-4321');
    const mailsBefore = (await f.mails('viewer@contoso.example')).length;
    const res = await t.as(admin).put(`/users/${viewerId}/roles/${pcn}`, { roles: ['DOWNLOAD', 'PRODUCT_KEYS'] });
    expect(res.statusCode).toBe(200);
    expect(
      res.json().permissions.map((p: { licensingId: { number: string }; roles: string[] }) => [p.licensingId.number, p.roles]),
    ).toEqual([
      ['67012345', ['LICENSING_INFO_VIEWER']],
      ['8765-4321', ['DOWNLOAD', 'PRODUCT_KEYS']],
    ]);
    const mails = await f.mails('viewer@contoso.example');
    expect(mails).toHaveLength(mailsBefore + 1);
    expect(mails.at(-1)).toMatchObject({ template: 'rolesChanged', locale: 'sv' });
    expect(mails.at(-1)?.text).toContain(
      '8765-4321 (Contoso Sweden (lead affiliate)): Nedladdning, Produktnycklar (tidigare: inga roller)',
    );
    expect(mails.at(-1)?.text).toContain('Anna Lind har ändrat dina roller');
    const [row] = await f.audits('users.set-roles', viewerId);
    expect(row).toMatchObject({
      before: { [pcn]: { roles: [] } },
      after: { [pcn]: { roles: ['DOWNLOAD', 'PRODUCT_KEYS'], subRoles: {}, manageReservation: false } },
    });

    // The same roles again change nothing: no mail, no audit row.
    const before = await f.counts();
    expect((await t.as(admin).put(`/users/${viewerId}/roles/${pcn}`, { roles: ['PRODUCT_KEYS', 'DOWNLOAD'] })).statusCode).toBe(200);
    expect(await f.counts()).toEqual(before);

    // Dropping one role keeps the other and says so.
    await t.as(admin).put(`/users/${viewerId}/roles/${pcn}`, { roles: ['PRODUCT_KEYS'] });
    expect(await f.roles(viewerId, '8765-4321')).toEqual(['PRODUCT_KEYS']);
    expect((await f.mails('viewer@contoso.example')).at(-1)?.text).toContain('Produktnycklar (tidigare: Nedladdning, Produktnycklar)');
  });

  it('R-PERM-8, R-PERM-9: a role group is "All" unless narrowed; Manage Reservation is stored on the Online Services Manager grant', async () => {
    const u = await f.user('groups@contoso.example', { grants: [['67012345', ['DOWNLOAD']]] });
    const enrollment = await f.lid('67012345');
    const url = `/users/${u.id}/roles/${enrollment}`;
    const grantsOf = () =>
      f.rows<{ role: string; sub_roles: string[] | null; manage_reservation: boolean }>(sql`
        select role::text as role, sub_roles, manage_reservation from role_grant where user_id = ${u.id} and active order by role_grant.role`);

    const all = await t.as(admin).put(url, { roles: ['SA_MANAGER', 'ONLINE_SERVICES_MANAGER'] });
    expect(all.statusCode).toBe(200);
    expect(all.json().permissions[0]).toMatchObject({ subRoles: {}, manageReservation: false });
    expect(await grantsOf()).toEqual([
      { role: 'SA_MANAGER', sub_roles: null, manage_reservation: false },
      { role: 'ONLINE_SERVICES_MANAGER', sub_roles: null, manage_reservation: false },
    ]);

    const narrowed = await t.as(admin).put(url, {
      roles: ['SA_MANAGER', 'ONLINE_SERVICES_MANAGER'],
      subRoles: {
        SA_MANAGER: ['PROBLEM_RESOLUTION_SUPPORT_24X7', 'HOME_USE_PROGRAM'],
        ONLINE_SERVICES_MANAGER: ['SERVICE_ACTIVATION', 'SUBSCRIPTION_CONTACT'],
      },
      manageReservation: true,
    });
    expect(narrowed.json().permissions[0]).toMatchObject({
      subRoles: { SA_MANAGER: ['HOME_USE_PROGRAM', 'PROBLEM_RESOLUTION_SUPPORT_24X7'] },
      manageReservation: true,
    });
    expect(await grantsOf()).toEqual([
      { role: 'SA_MANAGER', sub_roles: ['HOME_USE_PROGRAM', 'PROBLEM_RESOLUTION_SUPPORT_24X7'], manage_reservation: false },
      { role: 'ONLINE_SERVICES_MANAGER', sub_roles: null, manage_reservation: true },
    ]);
    expect((await f.mails('groups@contoso.example')).at(-1)?.text).toContain(
      'Software Assurance Manager (Home Use Program, 24x7 Problem Resolution Support), Online Services Manager (Manage Reservation)',
    );
    const mine = (await t.as(u.session).get('/me/permissions')).json().items[0];
    expect(mine).toMatchObject({
      subRoles: { SA_MANAGER: ['HOME_USE_PROGRAM', 'PROBLEM_RESOLUTION_SUPPORT_24X7'] },
      manageReservation: true,
    });

    const before = await f.counts();
    for (const payload of [
      { roles: ['SA_MANAGER'], subRoles: { SA_MANAGER: ['FREE_LUNCH'] } },
      { roles: ['SA_MANAGER'], subRoles: { SA_MANAGER: [] } },
      { roles: ['SA_MANAGER'], subRoles: { DOWNLOAD: ['E_LEARNING'] } },
      { roles: ['DOWNLOAD'], subRoles: { SA_MANAGER: ['E_LEARNING'] } },
      { roles: ['DOWNLOAD'], manageReservation: true },
      { roles: [] },
    ]) {
      const bad = await t.as(admin).put(url, payload);
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_FAILED');
    }
    expect(await f.counts()).toEqual(before);
  });

  it('R-PERM-7: removing a Licensing ID keeps the user listed with no permissions; mailed and audited', async () => {
    const u = await f.user('leaver@contoso.example', { grants: [['8765-4321', ['DOWNLOAD']]] });
    const pcn = await f.lid('8765-4321');
    const res = await t.as(admin).delete(`/users/${u.id}/roles/${pcn}`);
    expect(res.statusCode).toBe(204);
    const detail = (await t.as(admin).get(`/users/${u.id}`)).json();
    expect(detail).toMatchObject({ status: 'inactive', activeLicensingIds: 0 });
    expect(detail.permissions).toEqual([
      expect.objectContaining({ licensingId: expect.objectContaining({ number: '8765-4321' }), roles: [], removable: false }),
    ]);
    expect(emails((await t.as(admin).get('/users?status=inactive&email=leaver')).json())).toEqual(['leaver@contoso.example']);
    expect((await f.mails('leaver@contoso.example')).at(-1)).toMatchObject({ template: 'rolesChanged', locale: 'en' });
    expect((await f.mails('leaver@contoso.example')).at(-1)?.text).toContain('no roles (before: Download)');
    expect(await f.audits('users.remove-licensing-id', u.id)).toHaveLength(1);
    // A replay finds nothing left to remove.
    const before = await f.counts();
    expect((await t.as(admin).delete(`/users/${u.id}/roles/${pcn}`)).statusCode).toBe(204);
    expect(await f.counts()).toEqual(before);
  });

  it('R-PERM-7: users of an expired Licensing ID cannot be removed; contacts keep theirs; nothing is written', async () => {
    const old = await f.user('old-term@contoso.example', { grants: [['54011111', ['DOWNLOAD']]] });
    const other = await f.user('second-admin@contoso.example', { grants: [['67012345', ['ADMINISTRATOR']]] });
    const expired = await f.lid('54011111');
    const before = await f.counts();
    const res = await t.as(admin).delete(`/users/${old.id}/roles/${expired}`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'LICENSING_ID_EXPIRED', licensingId: expired });
    const shrink = await t.as(admin).put(`/users/${old.id}/roles/${expired}`, { roles: ['PRODUCT_KEYS'] });
    expect(shrink.json().code).toBe('LICENSING_ID_EXPIRED');
    expect((await t.as(admin).get(`/users/${old.id}`)).json().permissions[0]).toMatchObject({
      removable: false,
      reason: 'LICENSING_ID_EXPIRED',
    });

    const anna = await f.userId('admin@contoso.example');
    const contact = await t.as(other.session).delete(`/users/${anna}/roles/${await f.lid('67012345')}`);
    expect(contact.statusCode).toBe(409);
    expect(contact.json().code).toBe('NOTICES_CORRESPONDENT');
    const demote = await t.as(other.session).put(`/users/${anna}/roles/${await f.lid('67012345')}`, { roles: ['DOWNLOAD'] });
    expect(demote.json().code).toBe('NOTICES_CORRESPONDENT');
    expect(await f.counts()).toEqual(before);
  });

  it('R-PERM-3: the last Administrator cannot be removed or demoted, not even by two Administrators at once', async () => {
    const duo = await newLicensingId('DUO-1');
    const a = await f.user('duo-a@contoso.example', { grants: [['DUO-1', ['ADMINISTRATOR']]] });
    const b = await f.user('duo-b@contoso.example', { grants: [['DUO-1', ['ADMINISTRATOR']]] });
    const [ra, rb] = await Promise.all([
      t.as(a.session).delete(`/users/${b.id}/roles/${duo}`),
      t.as(b.session).delete(`/users/${a.id}/roles/${duo}`),
    ]);
    expect([ra.statusCode, rb.statusCode].filter((s) => s === 204)).toHaveLength(1);
    const [admins] = await f.rows<{ n: number }>(
      sql`select count(*)::int as n from role_grant where licensing_id = ${duo} and role = 'ADMINISTRATOR' and active`,
    );
    expect(admins?.n).toBe(1);
    const survivor = ra.statusCode === 204 ? a : b;
    const demote = await t.as(survivor.session).put(`/users/${survivor.id}/roles/${duo}`, { roles: ['DOWNLOAD'] });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().code).toBe('LAST_ADMINISTRATOR');
  });

  it('R-PERM-7: deactivation removes every removable Licensing ID and keeps the rest; reactivation gives them back', async () => {
    const u = await f.user('mover@contoso.example', {
      locale: 'sv',
      grants: [
        ['67012345', ['DOWNLOAD', 'PRODUCT_KEYS']],
        ['8765-4321', ['LICENSING_INFO_VIEWER']],
        ['54011111', ['DOWNLOAD']],
      ],
    });
    await t.as(admin).delete(`/users/${u.id}/roles/${await f.lid('8765-4321')}`); // removed earlier: stays removed
    const res = await t.as(admin).post(`/users/${u.id}/deactivate`);
    expect(res.statusCode).toBe(200);
    // Deactivated by the organization: inactive although an expired Licensing ID's role stays.
    expect(res.json()).toMatchObject({
      status: 'inactive',
      retained: [{ licensingId: await f.lid('54011111'), reason: 'LICENSING_ID_EXPIRED' }],
      accountClosed: false,
    });
    expect(await f.roles(u.id, '67012345')).toEqual([]);
    expect(await f.roles(u.id, '54011111')).toEqual(['DOWNLOAD']);
    const [deactivated] = await f.audits('users.deactivate', u.id);
    expect(Object.keys(deactivated?.before as object)).toEqual([await f.lid('67012345')]);
    expect((await f.mails('mover@contoso.example')).at(-1)).toMatchObject({ template: 'accessDeactivated', locale: 'sv' });

    const back = await t.as(admin).post(`/users/${u.id}/reactivate`);
    expect(back.statusCode).toBe(200);
    expect(back.json().status).toBe('active');
    expect(await f.roles(u.id, '67012345')).toEqual(['DOWNLOAD', 'PRODUCT_KEYS']);
    expect(await f.roles(u.id, '8765-4321')).toEqual([]);
    expect((await f.mails('mover@contoso.example')).at(-1)).toMatchObject({ template: 'accessReactivated', locale: 'sv' });
    expect(await f.audits('users.reactivate', u.id)).toHaveLength(1);
  });

  it('R-PERM-7: an Administrator cannot deactivate themselves: SELF_DEACTIVATION, and nothing is written', async () => {
    await newLicensingId('SOLO-2');
    const solo = await f.user('solo2@contoso.example', {
      grants: [
        ['SOLO-2', ['ADMINISTRATOR']],
        ['67012345', ['DOWNLOAD']],
      ],
    });
    const before = await f.counts();
    const res = await t.as(solo.session).post(`/users/${solo.id}/deactivate`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('SELF_DEACTIVATION');
    expect(await f.counts()).toEqual(before);
    // Even an Administrator with a co-Administrator everywhere: the answer is the same, never a silent 200.
    const anna = await f.userId('admin@contoso.example');
    const self = await t.as(admin).post(`/users/${anna}/deactivate`);
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe('SELF_DEACTIVATION');
    expect(await f.counts()).toEqual(before);
  });

  it('another organization’s users and Licensing IDs answer 404', async () => {
    const frank = await f.userId('admin@fabrikam.example');
    const before = await f.counts();
    for (const [method, url] of [
      ['get', `/users/${frank}`],
      ['post', `/users/${frank}/deactivate`],
      ['post', `/users/${frank}/reactivate`],
      ['delete', `/users/${frank}/roles/${await f.lid('67012345')}`],
      ['put', `/users/${frank}/roles/${await f.lid('67012345')}`],
      ['put', `/users/${await f.userId('keys@contoso.example')}/roles/${await f.lid('67099999')}`],
    ] as const) {
      const res = await t.as(admin)[method](url, method === 'put' ? { roles: ['DOWNLOAD'] } : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect(await f.counts()).toEqual(before);
  });
});
