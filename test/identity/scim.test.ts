import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

describe('SCIM directory sync (RFC 7644 subset)', () => {
  let t: TestApp;
  let admin: Session;
  let contosoToken: string;
  let fabrikamToken: string;

  const q = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => (await t.database.db.execute<T>(query)).rows;

  /** The SCIM client of a token's organization: its bearer token; bodies go as application/scim+json (RFC 7644 §3.1). */
  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
  const SCIM_BODY = { headers: { 'content-type': 'application/scim+json' } };

  const expectScimError = (res: LightMyRequestResponse, status: number, scimType?: string) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    const body = res.json();
    expect(body).toMatchObject({ schemas: [ERROR], status: String(status), detail: expect.any(String) });
    if (scimType) expect(body.scimType).toBe(scimType);
    expect(body).not.toHaveProperty('code'); // not problem+json
  };

  const createToken = async (s: Session, name: string) => {
    const res = await t.as(s).post('/organization/scim-tokens', { name });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; token: string; name: string; scimBaseUrl: string };
  };

  const provision = async (userName: string, extra: object = {}) => {
    const res = await t.as(bearer(contosoToken), SCIM_BODY).post('/scim/v2/Users', { schemas: [USER], userName, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; active: boolean };
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { SCIM_PAGE_SIZE_MAX: '3' } });
    admin = await signIn(t.app, 'admin@contoso.example');
    contosoToken = (await createToken(admin, 'Entra ID provisioning')).token;
    fabrikamToken = (await createToken(await signIn(t.app, 'admin@fabrikam.example'), 'Fabrikam directory')).token;
  });
  afterAll(() => t.close());

  it('a SCIM token is shown once, stored hashed, listed without its secret, audited, mailed to the Administrators, and revocable', async () => {
    const created = await createToken(admin, 'Okta');
    expect(created.token).toMatch(/^scim_/);
    expect(created.scimBaseUrl).toBe('http://lsc.test/scim/v2');
    const stored = await q<{ token_hash: string }>(sql`select token_hash from scim_token where id = ${created.id}`);
    expect(stored[0]?.token_hash).not.toContain(created.token);
    const list = await t.as(admin).get('/organization/scim-tokens');
    expect(list.json().items.map((i: { name: string }) => i.name)).toContain('Okta');
    expect(list.body).not.toContain(created.token);
    const mail = await q<{ to_address: string; text: string }>(
      sql`select to_address, text from outbox where template = 'scimTokenCreated' and text like '%"Okta"%'`,
    );
    expect(mail.map((m) => m.to_address)).toEqual(['admin@contoso.example']);
    expect((await t.as(bearer(created.token)).get('/scim/v2/Users')).statusCode).toBe(200);

    // Another organization's Administrator cannot see or revoke it.
    const fabrikam = await signIn(t.app, 'admin@fabrikam.example');
    const foreign = await t.as(fabrikam).delete(`/organization/scim-tokens/${created.id}`);
    expect(foreign.statusCode).toBe(404);
    const revoked = await t.as(admin).delete(`/organization/scim-tokens/${created.id}`);
    expect(revoked.statusCode).toBe(204);
    expectScimError(await t.as(bearer(created.token)).get('/scim/v2/Users'), 401);
    const again = await t.as(admin).delete(`/organization/scim-tokens/${created.id}`);
    expect(again.statusCode).toBe(404);
    const audit = await q<{ action: string }>(sql`select action from audit_log where target_id = ${created.id} order by id`);
    expect(audit.map((a) => a.action)).toEqual(['scim-token.create', 'scim-token.revoke']);
  });

  it('a blank token name is refused with VALIDATION_FAILED and nothing is written', async () => {
    const before = await q<{ n: number }>(sql`select count(*)::int as n from scim_token`);
    const res = await t.as(admin).post('/organization/scim-tokens', { name: '  ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(await q(sql`select count(*)::int as n from scim_token`)).toEqual(before);
  });

  it('only a SCIM token reaches SCIM, and a SCIM token reaches no /api/v1 route', async () => {
    expectScimError(await t.as(null).get('/scim/v2/Users'), 401);
    expectScimError(await t.as(bearer('scim_forged')).get('/scim/v2/Users'), 401);
    expectScimError(await t.as(null, { headers: { cookie: admin.cookie } }).get('/scim/v2/Users'), 403);
    const personal = await t.as(admin).post('/me/tokens', { name: 'script' });
    expectScimError(await t.as(bearer(personal.json().token)).get('/scim/v2/Users'), 403);

    const failures: string[] = [];
    for (const route of t.app.routeCatalog.filter((r) => r.url.startsWith('/api/'))) {
      const url = route.url.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
      const res = await t.app.inject({
        method: route.method as 'GET',
        url,
        headers: { authorization: `Bearer ${contosoToken}` },
        ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
      });
      if (res.statusCode !== 403) failures.push(`${route.method} ${route.url}: ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('POST creates a directory entry (no permissions by itself), audited; an active duplicate is 409 uniqueness', async () => {
    const res = await t.as(bearer(contosoToken), SCIM_BODY).post('/scim/v2/Users', {
      schemas: [USER],
      userName: 'Per.Strom@Contoso.example',
      externalId: 'aad-per',
      name: { givenName: 'Per', familyName: 'Ström' },
      emails: [{ value: 'per.strom@contoso.example', type: 'work', primary: true }],
      title: 'Buyer',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    const user = res.json();
    expect(user).toMatchObject({
      schemas: [USER],
      userName: 'per.strom@contoso.example',
      externalId: 'aad-per',
      active: true,
      meta: { resourceType: 'User', location: `http://lsc.test/scim/v2/Users/${user.id}` },
    });
    // No account exists yet: the directory entry alone grants nothing and creates no one.
    expect(await q(sql`select 1 from "user" where email = 'per.strom@contoso.example'`)).toEqual([]);
    const audit = await q<{ action: string; actor_user_id: string }>(
      sql`select action, actor_user_id from audit_log where target_id = ${user.id}`,
    );
    expect(audit).toEqual([{ action: 'directory.user.create', actor_user_id: expect.any(String) }]);

    const dup = await t
      .as(bearer(contosoToken), SCIM_BODY)
      .post('/scim/v2/Users', { schemas: [USER], userName: 'per.strom@contoso.example' });
    expectScimError(dup, 409, 'uniqueness');
    expect(await q(sql`select 1 from directory_entry where lower(email) = 'per.strom@contoso.example'`)).toHaveLength(1);
  });

  it('bad input answers a SCIM error and writes nothing', async () => {
    const count = async () => (await q<{ n: number }>(sql`select count(*)::int as n from directory_entry`))[0]?.n;
    const before = await count();
    expectScimError(await t.as(bearer(contosoToken), SCIM_BODY).post('/scim/v2/Users', { schemas: [USER] }), 400, 'invalidValue');
    expectScimError(
      await t.as(bearer(contosoToken), SCIM_BODY).post('/scim/v2/Users', { userName: 'not-an-address' }),
      400,
      'invalidValue',
    );
    expectScimError(
      await t.as(bearer(contosoToken), SCIM_BODY).post('/scim/v2/Users', { userName: 'eve@fabrikam.example' }),
      400,
      'invalidValue',
    );
    const malformed = await t.as(bearer(contosoToken), SCIM_BODY).post('/scim/v2/Users', '{"userName": ');
    expectScimError(malformed, 400, 'invalidSyntax');
    expectScimError(await t.as(bearer(contosoToken)).get('/scim/v2/Users?filter=displayName%20co%20%22a%22'), 400, 'invalidFilter');
    expectScimError(await t.as(bearer(contosoToken)).get('/scim/v2/Groups'), 404);
    expectScimError(await t.as(bearer(contosoToken)).get('/scim/v2/Users/not-a-uuid'), 404);
    expect(await count()).toBe(before);
  });

  it('lists with filter userName eq / externalId eq, startIndex and count', async () => {
    for (const n of [1, 2, 3, 4]) await provision(`list-${n}@contoso.example`, { externalId: `ext-list-${n}` });
    const byName = (
      await t.as(bearer(contosoToken)).get(`/scim/v2/Users?filter=${encodeURIComponent('userName eq "LIST-2@contoso.example"')}`)
    ).json();
    expect(byName).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 1,
      startIndex: 1,
      itemsPerPage: 1,
    });
    expect(byName.Resources[0].userName).toBe('list-2@contoso.example');
    const byExternal = (
      await t.as(bearer(contosoToken)).get(`/scim/v2/Users?filter=${encodeURIComponent('externalId eq "ext-list-3"')}`)
    ).json();
    expect(byExternal.Resources.map((r: { userName: string }) => r.userName)).toEqual(['list-3@contoso.example']);
    const none = (
      await t.as(bearer(contosoToken)).get(`/scim/v2/Users?filter=${encodeURIComponent('userName eq "nobody@contoso.example"')}`)
    ).json();
    expect(none).toMatchObject({ totalResults: 0, Resources: [] });

    const all = (await t.as(bearer(contosoToken)).get('/scim/v2/Users?startIndex=1&count=100')).json();
    expect(all.itemsPerPage).toBe(3); // SCIM_PAGE_SIZE_MAX
    const total = all.totalResults as number;
    const seen: string[] = [];
    for (let start = 1; start <= total; start += 2) {
      const page = (await t.as(bearer(contosoToken)).get(`/scim/v2/Users?startIndex=${start}&count=2`)).json();
      expect(page.startIndex).toBe(start);
      seen.push(...page.Resources.map((r: { id: string }) => r.id));
    }
    expect(new Set(seen).size).toBe(total);
  });

  it("another organization's directory cannot see or change this one's users (404)", async () => {
    const { id } = await provision('isolated@contoso.example');
    expectScimError(await t.as(bearer(fabrikamToken)).get(`/scim/v2/Users/${id}`), 404);
    expectScimError(
      await t.as(bearer(fabrikamToken), SCIM_BODY).patch(`/scim/v2/Users/${id}`, {
        schemas: [PATCH],
        Operations: [{ op: 'replace', path: 'active', value: false }],
      }),
      404,
    );
    expectScimError(
      await t.as(bearer(fabrikamToken), SCIM_BODY).put(`/scim/v2/Users/${id}`, { userName: 'isolated@contoso.example', active: false }),
      404,
    );
    expectScimError(await t.as(bearer(fabrikamToken)).delete(`/scim/v2/Users/${id}`), 404);
    const list = await t
      .as(bearer(fabrikamToken))
      .get(`/scim/v2/Users?filter=${encodeURIComponent('userName eq "isolated@contoso.example"')}`);
    expect(list.json().totalResults).toBe(0);
    expect((await t.as(bearer(contosoToken)).get(`/scim/v2/Users/${id}`)).json().active).toBe(true);
  });

  it('R-ID-6: deactivation removes access at once (sessions, API tokens) but keeps the user and their grants; re-activation restores', async () => {
    const viewer = await signIn(t.app, 'viewer@contoso.example');
    const token = (await t.as(viewer).post('/me/tokens', { name: 'nightly' })).json().token as string;
    expect((await t.as(viewer).get('/me')).statusCode).toBe(200);
    const grantsBefore = await q(sql`select g.id, g.role, g.active from role_grant g join "user" u on u.id = g.user_id
      where u.email = 'viewer@contoso.example' order by g.id`);
    expect(grantsBefore.length).toBeGreaterThan(0);

    const { id } = await provision('viewer@contoso.example', { name: { givenName: 'Erik', familyName: 'Berg-Ek' } });
    expect((await q(sql`select last_name from "user" where email = 'viewer@contoso.example'`))[0]).toEqual({ last_name: 'Berg-Ek' });

    const off = await t.as(bearer(contosoToken), SCIM_BODY).patch(`/scim/v2/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().active).toBe(false);

    // The very next request of the live session, and of the API token, is refused.
    expect((await t.as(viewer).get('/me')).statusCode).toBe(401);
    expect((await t.as(bearer(token)).get('/me')).statusCode).toBe(401);
    const password = await t.as(null).post('/auth/sign-in', { email: 'viewer@contoso.example', password: 'demo-password-1' });
    expect(password.statusCode).toBe(401);

    // Still listed, for audit, with the grants as they were.
    const [person] = await q<{ id: string; status: string }>(sql`select id, status from "user" where email = 'viewer@contoso.example'`);
    expect(person?.status).toBe('removed');
    expect(await q(sql`select count(*)::int as n from session where user_id = ${person?.id}`)).toEqual([{ n: 0 }]);
    expect(await q(sql`select count(*)::int as n from api_token where user_id = ${person?.id} and revoked_at is null`)).toEqual([{ n: 0 }]);
    expect(
      await q(
        sql`select g.id, g.role, g.active from role_grant g join "user" u on u.id = g.user_id where u.email = 'viewer@contoso.example' order by g.id`,
      ),
    ).toEqual(grantsBefore);
    const removed = await q<{ after: Record<string, unknown> }>(
      sql`select after from audit_log where action = 'user.directory-removed' and target_id = ${person?.id}`,
    );
    expect(removed).toEqual([{ after: { status: 'removed', sessionsEnded: 1, tokensRevoked: 1 } }]);

    const on = await t.as(bearer(contosoToken), SCIM_BODY).patch(`/scim/v2/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', value: { active: true } }],
    });
    expect(on.json().active).toBe(true);
    expect((await q(sql`select status from "user" where id = ${person?.id}`))[0]).toEqual({ status: 'active' });
    expect((await signIn(t.app, 'viewer@contoso.example')).cookie).toContain('lsc_session=');
    expect(
      await q(
        sql`select g.id, g.role, g.active from role_grant g join "user" u on u.id = g.user_id where u.email = 'viewer@contoso.example' order by g.id`,
      ),
    ).toEqual(grantsBefore);
    const restored = await q(sql`select 1 from audit_log where action = 'user.directory-restored' and target_id = ${person?.id}`);
    expect(restored).toHaveLength(1);
  });

  it('R-ID-6: DELETE removes access the same way and the user stays listed in Manage Users; the resource answers 404 from then on (RFC 7644 §3.6)', async () => {
    const keys = await signIn(t.app, 'keys@contoso.example');
    const { id } = await provision('keys@contoso.example', { externalId: 'aad-sara' });
    const del = await t.as(bearer(contosoToken)).delete(`/scim/v2/Users/${id}`);
    expect(del.statusCode).toBe(204);
    expect((await t.as(keys).get('/me')).statusCode).toBe(401);
    const [person] = await q<{ id: string; status: string }>(sql`select id, status from "user" where email = 'keys@contoso.example'`);
    expect(person?.status).toBe('removed');
    expect(await q(sql`select count(*)::int as n from session where user_id = ${person?.id}`)).toEqual([{ n: 0 }]);

    // Every operation on the deleted resource is 404 in SCIM's error format, and no list or filter shows it.
    expectScimError(await t.as(bearer(contosoToken)).get(`/scim/v2/Users/${id}`), 404);
    expectScimError(
      await t.as(bearer(contosoToken), SCIM_BODY).put(`/scim/v2/Users/${id}`, { schemas: [USER], userName: 'keys@contoso.example' }),
      404,
    );
    expectScimError(
      await t
        .as(bearer(contosoToken), SCIM_BODY)
        .patch(`/scim/v2/Users/${id}`, { schemas: [PATCH], Operations: [{ op: 'replace', path: 'active', value: true }] }),
      404,
    );
    expectScimError(await t.as(bearer(contosoToken)).delete(`/scim/v2/Users/${id}`), 404);
    const byName = await t
      .as(bearer(contosoToken))
      .get(`/scim/v2/Users?filter=${encodeURIComponent('userName eq "keys@contoso.example"')}`);
    expect(byName.json()).toMatchObject({ totalResults: 0, Resources: [] });
    const byExternal = await t.as(bearer(contosoToken)).get(`/scim/v2/Users?filter=${encodeURIComponent('externalId eq "aad-sara"')}`);
    expect(byExternal.json().totalResults).toBe(0);
    const all = async () => {
      const ids: string[] = [];
      const first = (await t.as(bearer(contosoToken)).get('/scim/v2/Users')).json();
      for (let start = 1; start <= first.totalResults; start += 3) {
        ids.push(
          ...(await t.as(bearer(contosoToken)).get(`/scim/v2/Users?startIndex=${start}`)).json().Resources.map((r: { id: string }) => r.id),
        );
      }
      expect(ids).toHaveLength(first.totalResults);
      return ids;
    };
    expect(await all()).not.toContain(id);
    // Refused operations wrote nothing: the deletion is the last word on the resource.
    const entries = await q<{ action: string; actor_user_id: string; before: unknown; after: Record<string, unknown> }>(
      sql`select action, actor_user_id, before, after from audit_log where target_id = ${id} order by id`,
    );
    expect(entries.map((e) => e.action)).toEqual(['directory.user.create', 'directory.user.delete']);
    expect(entries[1]).toEqual({
      action: 'directory.user.delete',
      actor_user_id: entries[0]?.actor_user_id,
      before: { userName: 'keys@contoso.example', externalId: 'aad-sara', active: true },
      after: { userName: 'keys@contoso.example', externalId: 'aad-sara', active: false, deletedAt: expect.any(String) },
    });

    // Manage Users still lists the account, without access.
    const listed = await t.as(admin).get('/users?email=keys');
    expect(listed.json().items).toEqual([expect.objectContaining({ email: 'keys@contoso.example', status: 'inactive' })]);

    // The row is kept, inactive, so the address still meets E04 where the directory is required.
    expect(await q(sql`select active, deleted_at is not null as deleted from directory_entry where id = ${id}`)).toEqual([
      { active: false, deleted: true },
    ]);
    const gone = await provision('gone@contoso.example');
    expect((await t.as(bearer(contosoToken)).delete(`/scim/v2/Users/${gone.id}`)).statusCode).toBe(204);
    await q(sql`update organization set directory_required = true where name = 'Contoso Ltd'`);
    const signUp = await t.as(null).post('/auth/sign-up', {
      email: 'gone@contoso.example',
      firstName: 'G',
      lastName: 'One',
      password: 'a-long-enough-passphrase',
      country: 'SE',
    });
    await q(sql`update organization set directory_required = false where name = 'Contoso Ltd'`);
    expect(signUp.json()).toMatchObject({ code: 'E04', reason: 'NOT_IN_DIRECTORY' });
  });

  it('R-ID-6: POST after a DELETE creates a new resource (the old id stays 404) and gives the account its access back', async () => {
    const grants = sql`select g.id, g.role, g.active from role_grant g join "user" u on u.id = g.user_id
      where u.email = 'keys@contoso.example' order by g.id`;
    const [deleted] = await q<{ id: string }>(sql`select id from directory_entry where email = 'keys@contoso.example'`);
    const grantsBefore = await q(grants);
    const again = await t.as(bearer(contosoToken), SCIM_BODY).post('/scim/v2/Users', { schemas: [USER], userName: 'Keys@Contoso.example' });
    expect(again.statusCode, again.body).toBe(201);
    const created = again.json();
    expect(created).toMatchObject({ userName: 'keys@contoso.example', active: true });
    expect(created).not.toHaveProperty('externalId'); // the deleted resource's attributes do not come back
    expect(created.id).not.toBe(deleted?.id);
    expectScimError(await t.as(bearer(contosoToken)).get(`/scim/v2/Users/${deleted?.id}`), 404);
    expect((await t.as(bearer(contosoToken)).get(`/scim/v2/Users/${created.id}`)).json()).toMatchObject({ id: created.id, active: true });
    const byName = await t
      .as(bearer(contosoToken))
      .get(`/scim/v2/Users?filter=${encodeURIComponent('userName eq "keys@contoso.example"')}`);
    expect(byName.json().Resources.map((r: { id: string }) => r.id)).toEqual([created.id]);

    expect((await q(sql`select status from "user" where email = 'keys@contoso.example'`))[0]).toEqual({ status: 'active' });
    expect((await signIn(t.app, 'keys@contoso.example')).cookie).toContain('lsc_session=');
    expect(await q(grants)).toEqual(grantsBefore);
    const listed = await t.as(admin).get('/users?email=keys');
    expect(listed.json().items).toEqual([expect.objectContaining({ email: 'keys@contoso.example', status: 'active' })]);
    const audit = await q<{ action: string; before: unknown }>(sql`select action, before from audit_log where target_id = ${created.id}`);
    expect(audit).toEqual([{ action: 'directory.user.create', before: { deletedId: deleted?.id } }]);
    expect(await q(sql`select 1 from directory_entry where lower(email) = 'keys@contoso.example'`)).toHaveLength(1);
  });

  it('PUT replaces the entry and follows names; userName cannot change (mutability)', async () => {
    const { id } = await provision('admin@contoso.example', { externalId: 'aad-anna' });
    const put = await t.as(bearer(contosoToken), SCIM_BODY).put(`/scim/v2/Users/${id}`, {
      schemas: [USER],
      userName: 'Admin@Contoso.example',
      active: true,
      name: { givenName: 'Anna', familyName: 'Lind-Berg' },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({
      userName: 'admin@contoso.example',
      active: true,
      name: { givenName: 'Anna', familyName: 'Lind-Berg' },
    });
    expect(put.json()).not.toHaveProperty('externalId');
    const rename = await t.as(bearer(contosoToken), SCIM_BODY).put(`/scim/v2/Users/${id}`, { userName: 'anna@contoso.example' });
    expectScimError(rename, 400, 'mutability');
    expect((await q(sql`select email from directory_entry where id = ${id}`))[0]).toEqual({ email: 'admin@contoso.example' });
  });

  it('announces what it supports', async () => {
    const res = await t.as(bearer(contosoToken)).get('/scim/v2/ServiceProviderConfig');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      patch: { supported: true },
      filter: { supported: true, maxResults: 3 },
      bulk: { supported: false },
    });
  });
});
