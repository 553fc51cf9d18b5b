import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantResellerAccess } from '../../src/modules/permissions/reseller/service.js';
import { deactivationClosesAccount } from '../../src/modules/permissions/rules.js';
import { randomToken, sha256 } from '../../src/platform/auth/secrets.js';
import { systemClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';
import { type Fixtures, fixtures } from './fixtures.js';

const PAIR = { licenseNumber: 'V1234567', authorizationNumber: 'AUTH-7788', acknowledge: true };

describe('deactivation keeps a person out of the organization (R-PERM-7, R-ID-6)', () => {
  let t: TestApp;
  let f: Fixtures;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_IP_LIMIT: '10000' } });
    f = fixtures(t);
    admin = await signIn(t.app, 'admin@contoso.example');
  });
  afterAll(() => t.close());

  const listed = async (email: string) =>
    ((await t.as(admin).get(`/users?email=${encodeURIComponent(email)}&status=all`)).json().items as { status: string }[])[0]?.status;
  const standing = (userId: string) =>
    f.rows<{ locked_from: string | null; lifted_via: string | null }>(
      sql`select locked_from::text, lifted_via::text from deactivation where user_id = ${userId} order by deactivated_at`,
    );
  const status = async (userId: string) =>
    (await f.rows<{ status: string }>(sql`select status::text from "user" where id = ${userId}`))[0]?.status;

  it('R-PERM-7 / R-ID-6: a person of the organization left with no role is signed out everywhere, loses their API tokens and cannot sign in', async () => {
    const u = await f.user('leaver@contoso.example', { locale: 'sv', grants: [['67012345', ['DOWNLOAD', 'PRODUCT_KEYS']]] });
    const created = await t.as(u.session).post('/me/tokens', { name: 'nightly-export' });
    expect(created.statusCode).toBe(201);
    const bearer = { headers: { authorization: `Bearer ${created.json().token}` } };
    expect((await t.as(bearer).get('/me')).statusCode).toBe(200);
    const spare = await signIn(t.app, 'leaver@contoso.example', 'fixture-password-1');

    const res = await t.as(admin).post(`/users/${u.id}/deactivate`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'inactive', accountClosed: true, retained: [] });

    // At once: both sessions and the token answer 401, and no new token can be made.
    expect((await t.as(u.session).get('/me')).statusCode).toBe(401);
    expect((await t.as(spare).get('/me')).statusCode).toBe(401);
    expect((await t.as(bearer).get('/me')).statusCode).toBe(401);
    expect((await t.as(u.session).post('/me/tokens', { name: 'again' })).statusCode).toBe(401);
    const again = await t.as(null).post('/auth/sign-in', { email: 'leaver@contoso.example', password: 'fixture-password-1' });
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('INVALID_CREDENTIALS');

    expect(await status(u.id)).toBe('deactivated');
    expect(await f.rows(sql`select 1 from session where user_id = ${u.id}`)).toEqual([]);
    expect(await f.rows(sql`select 1 from api_token where user_id = ${u.id} and revoked_at is null`)).toEqual([]);
    expect(await standing(u.id)).toEqual([{ locked_from: 'active', lifted_via: null }]);
    expect(await listed('leaver@contoso.example')).toBe('inactive');
    const [audited] = await f.audits('users.deactivate', u.id);
    expect(audited?.after).toMatchObject({ accountClosed: true, sessionsEnded: 2, tokensRevoked: 1 });
    expect(audited?.actor_user_id).toBe(await f.userId('admin@contoso.example'));
    const mail = (await f.mails('leaver@contoso.example')).at(-1);
    expect(mail).toMatchObject({ template: 'accountDeactivated', locale: 'sv' });
    expect(mail?.text).toContain('Contoso Ltd');
    expect(mail?.text).toContain('67012345');
  });

  it('R-PERM-7: reactivation reopens the account as it was; the revoked tokens stay revoked', async () => {
    const u = await f.user('returner@contoso.example', { grants: [['67012345', ['DOWNLOAD']]] });
    const token = (await t.as(u.session).post('/me/tokens', { name: 'old' })).json().token as string;
    await t.as(admin).post(`/users/${u.id}/deactivate`);
    expect(await status(u.id)).toBe('deactivated');

    const back = await t.as(admin).post(`/users/${u.id}/reactivate`);
    expect(back.statusCode).toBe(200);
    expect(back.json().status).toBe('active');
    expect(await status(u.id)).toBe('active');
    expect(await f.roles(u.id, '67012345')).toEqual(['DOWNLOAD']);
    expect(await standing(u.id)).toEqual([{ locked_from: 'active', lifted_via: 'REACTIVATED' }]);
    expect((await t.as(null).post('/auth/sign-in', { email: 'returner@contoso.example', password: 'fixture-password-1' })).statusCode).toBe(
      200,
    );
    expect((await t.as({ headers: { authorization: `Bearer ${token}` } }).get('/me')).statusCode).toBe(401);
    expect(await f.audits('users.deactivation-lift', u.id)).toHaveLength(1);
    expect((await f.mails('returner@contoso.example')).at(-1)?.template).toBe('accessReactivated');
  });

  it('R-PERM-7: a deactivated person cannot re-grant themselves with Add Open License, and the list does not flip back to active', async () => {
    // Someone of another organization who added Contoso's Open License themselves.
    const pat = await f.user('pat.addopen@fabrikam.example', { org: 'Fabrikam Inc' });
    expect((await t.as(pat.session).post('/open-licenses', PAIR)).statusCode).toBe(201);
    expect(await listed('pat.addopen@fabrikam.example')).toBe('active');

    const res = await t.as(admin).post(`/users/${pat.id}/deactivate`);
    expect(res.statusCode).toBe(200);
    // Another organization's person keeps their own account: only Contoso is closed to them.
    expect(res.json()).toMatchObject({ status: 'inactive', accountClosed: false });
    expect((await t.as(pat.session).get('/me')).statusCode).toBe(200);
    expect(await f.roles(pat.id, 'V1234567')).toEqual([]);

    const adminNotices = (await f.rows(sql`select 1 from outbox where template = 'addOpenAdminNotice'`)).length;
    const retry = await t.as(pat.session).post('/open-licenses', PAIR);
    expect(retry.statusCode).toBe(403);
    expect(retry.json().code).toBe('DEACTIVATED_BY_ORGANIZATION');
    expect(await f.roles(pat.id, 'V1234567')).toEqual([]);
    expect(await listed('pat.addopen@fabrikam.example')).toBe('inactive');
    expect(await f.rows(sql`select 1 from outbox where template = 'addOpenAdminNotice'`)).toHaveLength(adminNotices);
    expect(await f.rows(sql`select 1 from add_open_failure where user_id = ${pat.id}`)).toEqual([]); // not counted as a guess

    // An Administrator lets them back; then Add Open works again.
    expect((await t.as(admin).post(`/users/${pat.id}/reactivate`)).statusCode).toBe(200);
    expect((await t.as(pat.session).post('/open-licenses', PAIR)).statusCode).toBe(201);
    expect(await standing(pat.id)).toEqual([{ locked_from: null, lifted_via: 'REACTIVATED' }]);
  });

  it('R-PERM-7 / R-PERM-11: reseller access from the operator or an order does not bring a deactivated reseller back', async () => {
    const operator = await signIn(t.app, 'operator@northwind.example');
    const openId = await f.lid('V1234567');
    const grant = () =>
      t.as(operator).post(`/operator/licensing-ids/${openId}/resellers`, {
        email: 'rita@resell-deact.example',
        firstName: 'Rita',
        lastName: 'Reseller',
      });
    expect((await grant()).statusCode).toBe(201);
    const rita = await f.userId('rita@resell-deact.example');
    const res = await t.as(admin).post(`/users/${rita}/deactivate`);
    expect(res.json()).toMatchObject({ status: 'inactive', accountClosed: false });
    expect(await status(rita)).toBe('invited'); // the partner's account is the partner's

    const again = await grant();
    expect(again.statusCode).toBe(403);
    expect(again.json().code).toBe('DEACTIVATED_BY_ORGANIZATION');
    const fromOrder = await t.database.db.transaction((tx) =>
      grantResellerAccess(
        tx,
        { config: t.config, clock: systemClock },
        { licensingId: openId, email: 'rita@resell-deact.example', firstName: 'Rita', lastName: 'Reseller', actor: null },
      ),
    );
    expect(fromOrder.status).toBe('DEACTIVATED');
    expect(await f.roles(rita, 'V1234567')).toEqual([]);
  });

  it('R-PERM-7: roles assigned in Manage Users, or an accepted permission request, let the person back', async () => {
    // Keeps an expired Licensing ID's role, so the account stays open and the person can still ask.
    const kim = await f.user('kim.back@contoso.example', {
      grants: [
        ['67012345', ['DOWNLOAD']],
        ['54011111', ['DOWNLOAD']],
      ],
    });
    expect((await t.as(admin).post(`/users/${kim.id}/deactivate`)).json()).toMatchObject({ accountClosed: false, status: 'inactive' });
    const assigned = await t.as(admin).put(`/users/${kim.id}/roles/${await f.lid('8765-4321')}`, { roles: ['LICENSING_INFO_VIEWER'] });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().status).toBe('active');
    expect(await standing(kim.id)).toEqual([{ locked_from: null, lifted_via: 'ROLES_ASSIGNED' }]);

    const pat = await f.user('pat.request@fabrikam.example', { org: 'Fabrikam Inc' });
    expect((await t.as(pat.session).post('/open-licenses', PAIR)).statusCode).toBe(201);
    await t.as(admin).post(`/users/${pat.id}/deactivate`);
    const asked = await t.as(pat.session).post('/permission-requests', {
      programCode: 'OPEN_LICENSE',
      number: 'V1234567',
      authorizationNumber: 'AUTH-7788',
      roles: ['DOWNLOAD'],
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const accepted = await t.as(admin).post(`/permission-requests/${asked.json().id}/decision`, { decision: 'ACCEPT' });
    expect(accepted.statusCode).toBe(200);
    expect(await standing(pat.id)).toEqual([{ locked_from: null, lifted_via: 'REQUEST_ACCEPTED' }]);
    expect(await f.roles(pat.id, 'V1234567')).toEqual(['DOWNLOAD']);
    expect(await listed('pat.request@fabrikam.example')).toBe('active');
  });

  it('R-PERM-7 / R-ID-3: an address confirmation that arrives after the deactivation activates nothing on the organization’s Licensing IDs', async () => {
    const u = await f.user('pending.confirm@contoso.example', { grants: [['54011111', ['DOWNLOAD']]] });
    const [waiting] = await t.given.grant(u.id, { on: '67012345', roles: ['PRODUCT_KEYS'], active: false });
    const token = randomToken();
    await f.db.execute(sql`insert into email_verification (user_id, address, token_hash, expires_at, grant_ids)
      values (${u.id}, 'agreement.address@contoso.example', ${sha256(token)}, now() + interval '1 day', ${sql.param([waiting])}::uuid[])`);

    expect((await t.as(admin).post(`/users/${u.id}/deactivate`)).statusCode).toBe(200);
    const verified = await t.as(null).post('/auth/verify-email', { token });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json().activatedGrants).toBe(0);
    expect(await f.roles(u.id, '67012345')).toEqual([]);
  });

  it('R-ID-6: an invited person deactivated before registering cannot register until reactivated', async () => {
    const enrollment = await f.lid('67012345');
    const added = await t.as(admin).post('/users', {
      email: 'ivy.invited@contoso.example',
      firstName: 'Ivy',
      lastName: 'Invited',
      grants: [{ licensingId: enrollment, roles: ['DOWNLOAD'] }],
    });
    const ivy = added.json().id as string;
    const [mail] = await f.rows<{ text: string }>(
      sql`select text from outbox where to_address = 'ivy.invited@contoso.example' and template = 'invitation'`,
    );
    const token = /register\?token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1] ?? '';
    expect((await t.as(admin).post(`/users/${ivy}/deactivate`)).json()).toMatchObject({ accountClosed: true });
    expect(await status(ivy)).toBe('deactivated');
    const refused = await t.as(null).get(`/auth/invitations/${token}`);
    expect(refused.statusCode).toBe(404);

    expect((await t.as(admin).post(`/users/${ivy}/reactivate`)).json().status).toBe('invited');
    const valid = await t.as(null).get(`/auth/invitations/${token}`);
    expect(valid.json().status).toBe('valid');
  });

  it('deactivating again changes nothing and mails no one; another organization’s user stays 404', async () => {
    const u = await f.user('twice@contoso.example', { grants: [['67012345', ['DOWNLOAD']]] });
    await t.as(admin).post(`/users/${u.id}/deactivate`);
    const before = await f.counts();
    const again = await t.as(admin).post(`/users/${u.id}/deactivate`);
    expect(again.statusCode).toBe(200);
    expect(await f.counts()).toEqual(before);
    const frank = await t.as(admin).post(`/users/${await f.userId('admin@fabrikam.example')}/deactivate`);
    expect(frank.statusCode).toBe(404);
    expect(await f.counts()).toEqual(before);
  });
});

describe('deactivationClosesAccount (pure)', () => {
  it('R-ID-6: closes only an own person left without a role, and never reopens a removed one', () => {
    const base = { ownPerson: true, holdsActiveRole: false, status: 'active' as const };
    expect(deactivationClosesAccount(base)).toBe(true);
    expect(deactivationClosesAccount({ ...base, status: 'invited' })).toBe(true);
    expect(deactivationClosesAccount({ ...base, ownPerson: false })).toBe(false);
    expect(deactivationClosesAccount({ ...base, holdsActiveRole: true })).toBe(false);
    expect(deactivationClosesAccount({ ...base, status: 'removed' })).toBe(false);
    expect(deactivationClosesAccount({ ...base, status: 'deactivated' })).toBe(false);
  });
});
