import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';
import { type Fixtures, fixtures } from './fixtures.js';

describe('Manage Users: an Administrator helps with a user’s account', () => {
  let t: TestApp;
  let f: Fixtures;
  let admin: Session;
  let fabrikam: Session;
  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_IP_LIMIT: '1000' } });
    f = fixtures(t);
    admin = await signIn(t.app, 'admin@contoso.example');
    fabrikam = await signIn(t.app, 'admin@fabrikam.example');
  });
  afterAll(() => t.close());

  it('R-PERM-7: the user gets a single-use reset link; the Administrator sees neither the link nor the password', async () => {
    const user = await f.user('petra.reset@contoso.example', { locale: 'sv', firstName: 'Petra', grants: [['67012345', ['DOWNLOAD']]] });
    expect((await t.as(admin).get(`/users/${user.id}/account`)).json()).toEqual({
      passwordReset: null,
      nameCorrection: null,
      resetLinkMinutes: 60,
    });
    const res = await t.as(admin).post(`/users/${user.id}/password-reset`);
    expect(res.statusCode).toBe(202);
    expect(Object.keys(res.json()).sort()).toEqual(['expiresAt', 'sentTo']);
    expect(res.json().sentTo).toBe('petra.reset@contoso.example');

    const [mail] = await f.mails('petra.reset@contoso.example');
    expect(mail).toMatchObject({ template: 'passwordResetLinkByAdministrator', locale: 'sv' });
    expect(mail?.text).toContain('Anna Lind, administratör för Contoso Ltd');
    const token = /reset-password\?token=([\w-]+)/.exec(mail?.text ?? '')?.[1] ?? '';
    expect(res.body).not.toContain(token);
    const [audit] = await f.audits('users.send-password-reset', user.id);
    expect(audit).toMatchObject({
      actor_user_id: await f.userId('admin@contoso.example'),
      after: { sentTo: 'petra.reset@contoso.example' },
    });
    expect(JSON.stringify(audit)).not.toContain(token);

    // The link works like the user's own: the password is set, the sessions end.
    const reset = await t.as(null).post('/auth/password-reset', { token, password: 'petra-chose-this-one-2026' });
    expect(reset.statusCode).toBe(200);
    expect((await t.as(user.session).get('/me')).statusCode).toBe(401);
    await signIn(t.app, 'petra.reset@contoso.example', 'petra-chose-this-one-2026');
  });

  it('R-PERM-12: another organization’s Administrator, a non-Administrator and an Administrator of other Licensing IDs get 404', async () => {
    const user = await f.user('outside.scope@contoso.example', { grants: [['67012345', ['LICENSING_INFO_VIEWER']]] });
    const pcnAdmin = await f.user('pcn.only@contoso.example', { grants: [['8765-4321', ['ADMINISTRATOR']]] });
    const viewer = await signIn(t.app, 'viewer@contoso.example');
    const before = await f.counts();
    for (const s of [fabrikam, viewer, pcnAdmin.session]) {
      expect((await t.as(s).post(`/users/${user.id}/password-reset`)).json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      expect((await t.as(s).patch(`/users/${user.id}/name`, { firstName: 'Hacked', lastName: 'Name' })).statusCode).toBe(404);
      expect((await t.as(s).get(`/users/${user.id}/account`)).statusCode).toBe(404);
    }
    // Contoso's Administrator and Fabrikam's user: the same 404, whether or not the user exists.
    expect((await t.as(admin).post(`/users/${await f.userId('admin@fabrikam.example')}/password-reset`)).statusCode).toBe(404);
    expect((await t.as(admin).post('/users/00000000-0000-4000-8000-000000000000/password-reset')).statusCode).toBe(404);
    expect(await f.counts()).toEqual(before);
    expect(await f.mails('outside.scope@contoso.example')).toEqual([]);
  });

  it('a user of another organization holding a role here is helped by their own organization, not by this one', async () => {
    const guest = await f.user('guest.consultant@fabrikam.example', { org: 'Fabrikam Inc', grants: [['67012345', ['DOWNLOAD']]] });
    expect((await t.as(admin).get(`/users/${guest.id}/account`)).json()).toMatchObject({
      passwordReset: 'ACCOUNT_OF_ANOTHER_ORGANIZATION',
      nameCorrection: 'ACCOUNT_OF_ANOTHER_ORGANIZATION',
    });
    expect((await t.as(admin).post(`/users/${guest.id}/password-reset`)).json()).toMatchObject({
      status: 403,
      code: 'ACCOUNT_OF_ANOTHER_ORGANIZATION',
    });
    expect((await t.as(admin).patch(`/users/${guest.id}/name`, { firstName: 'Other', lastName: 'Name' })).json()).toMatchObject({
      status: 403,
      code: 'ACCOUNT_OF_ANOTHER_ORGANIZATION',
    });
    expect(await f.mails('guest.consultant@fabrikam.example')).toEqual([]);
  });

  it('an SSO-only, an invited and a deactivated account get no link, each with its own reason', async () => {
    const make = async (email: string, status: 'active' | 'invited' | 'deactivated', ssoSubject: string | null) =>
      (
        await t.given.user(email, {
          firstName: 'X',
          lastName: '',
          status,
          ssoSubject,
          password: null,
          grants: [{ on: '67012345', roles: ['DOWNLOAD'] }],
        })
      ).id;
    const cases = [
      [await make('sso.only@contoso.example', 'active', 'idp-subject-1'), 'SSO_ACCOUNT'],
      [await make('not.yet@contoso.example', 'invited', null), 'USER_NOT_REGISTERED'],
      [await make('gone.away@contoso.example', 'deactivated', null), 'ACCOUNT_NOT_ACTIVE'],
    ] as const;
    for (const [id, code] of cases) {
      expect((await t.as(admin).get(`/users/${id}/account`)).json().passwordReset).toBe(code);
      expect((await t.as(admin).post(`/users/${id}/password-reset`)).json()).toMatchObject({ status: 409, code });
    }
    expect(await f.rows(sql`select 1 from password_reset`)).toHaveLength(1); // the first test's only
  });

  it('R-PERM-7: an Administrator corrects a user’s name: audited, mailed to the user, nothing when unchanged', async () => {
    const user = await f.user('nils.name@contoso.example', { firstName: 'Nisl', grants: [['67012345', ['DOWNLOAD']]] });
    const res = await t.as(admin).patch(`/users/${user.id}/name`, { firstName: '  Nils ', lastName: 'Nilsson' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: user.id, firstName: 'Nils', lastName: 'Nilsson', email: 'nils.name@contoso.example' });
    const me = await t.as(user.session).get('/me');
    expect(me.json()).toMatchObject({ firstName: 'Nils', lastName: 'Nilsson' });
    expect(await f.audits('users.correct-name', user.id)).toMatchObject([
      { before: { firstName: 'Nisl', lastName: 'User' }, after: { firstName: 'Nils', lastName: 'Nilsson' } },
    ]);
    const mails = await f.mails('nils.name@contoso.example');
    expect(mails.map((m) => m.template)).toEqual(['nameCorrected']);
    expect(mails[0]?.text).toContain('Before: Nisl User\nNow: Nils Nilsson');

    expect((await t.as(admin).patch(`/users/${user.id}/name`, { firstName: 'Nils', lastName: 'Nilsson' })).statusCode).toBe(200);
    expect(await f.mails('nils.name@contoso.example')).toHaveLength(1);
    expect(await f.audits('users.correct-name', user.id)).toHaveLength(1);

    const empty = await t.as(admin).patch(`/users/${user.id}/name`, { firstName: ' ', lastName: 'Nilsson' });
    expect(empty.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('links an Administrator sends count against the same per-address limit as “forgot password”', async () => {
    const user = await f.user('many.links@contoso.example', { grants: [['67012345', ['DOWNLOAD']]] });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.as(admin).post(`/users/${user.id}/password-reset`)).statusCode);
    expect(statuses).toEqual([202, 202, 202, 429]);
    // Only the newest link works.
    const open = await f.rows(sql`select 1 from password_reset where user_id = ${user.id} and used_at is null and expires_at > now()`);
    expect(open).toHaveLength(1);
  });
});
