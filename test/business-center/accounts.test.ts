import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_POLICY, ACCOUNT_ROLES, accountRoleAllows } from '../../src/platform/authz/account-actions.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signIn } from '../helpers/session.js';

type Account = { id: string; number: string; name: string; roles: string[]; licensingIdCount: number };

describe('Business-center roles per purchasing account (R-PERM-14)', () => {
  it('R-PERM-14: each role allows what the FAQ lists, and the account administrator everything', () => {
    const allowed = (role: (typeof ACCOUNT_ROLES)[number]) => [...ACCOUNT_POLICY[role]].sort();
    expect(allowed('ACCOUNT_VIEWER')).toEqual(['account.view']);
    expect(allowed('REPORT_VIEWER')).toEqual(['account.keys', 'account.view']);
    expect(allowed('ACCOUNT_MANAGER')).toEqual(['account.keys', 'account.manage', 'account.view']);
    expect(allowed('USER_ADMINISTRATOR')).toEqual(['account.users']);
    expect(allowed('AGREEMENT_ADMINISTRATOR')).toEqual(['account.agreements', 'account.users']);
    for (const role of ACCOUNT_ROLES)
      for (const action of ACCOUNT_POLICY[role]) expect(accountRoleAllows('ACCOUNT_ADMINISTRATOR', action)).toBe(true);
  });
});

describe('Purchasing accounts (R-BC-1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const accountsOf = async (email: string) =>
    (await t.as(await signIn(t.app, email)).get('/purchasing-accounts')).json() as { accounts: Account[]; chosen: string | null };

  it('R-BC-1: a user with several purchasing accounts chooses one; with one it is chosen automatically', async () => {
    const contoso = await accountsOf('admin@contoso.example');
    expect(contoso.accounts.map((a) => a.number)).toEqual(['71000101', '71000102']);
    expect(contoso.accounts.every((a) => a.roles.includes('ACCOUNT_ADMINISTRATOR'))).toBe(true);
    expect(contoso.chosen).toBeNull();

    const viewer = await accountsOf('viewer@contoso.example');
    expect(viewer.accounts.map((a) => [a.number, a.roles])).toEqual([['71000101', ['ACCOUNT_VIEWER']]]);
    expect(viewer.chosen).toBe(viewer.accounts[0]?.id);
  });

  it('R-BC-1: the account chosen scopes its agreements; another organization’s account does not exist for the user', async () => {
    const [hq, nordics] = (await accountsOf('admin@contoso.example')).accounts;
    const admin = t.as(await signIn(t.app, 'admin@contoso.example'));
    const numbers = async (id: string | undefined) =>
      ((await admin.get(`/purchasing-accounts/${id}/licensing-ids`)).json().licensingIds as { number: string }[]).map((l) => l.number);
    expect(await numbers(hq?.id)).toEqual(['54011111', '67012345', 'V9876543']);
    expect(await numbers(nordics?.id)).toEqual(['8765-4321', 'V1234567']);

    const fabrikam = (await accountsOf('admin@fabrikam.example')).accounts[0];
    expect((await admin.get(`/purchasing-accounts/${fabrikam?.id}/licensing-ids`)).statusCode).toBe(404);
    expect((await admin.get(`/purchasing-accounts/${fabrikam?.id}`)).statusCode).toBe(404);
  });

  it('R-PERM-14: a role without account.view on the account is refused its agreements with 403, not shown another’s', async () => {
    const [hq] = (await accountsOf('admin@contoso.example')).accounts;
    // keys@contoso.example is a Report viewer on Headquarters: it sees the agreements.
    const keys = t.as(await signIn(t.app, 'keys@contoso.example'));
    expect((await keys.get(`/purchasing-accounts/${hq?.id}/licensing-ids`)).statusCode).toBe(200);
    // subscriptions@contoso.example holds no business-center role: the account is its organization's, so 403.
    const none = t.as(await signIn(t.app, 'subscriptions@contoso.example'));
    expect((await none.get(`/purchasing-accounts/${hq?.id}/licensing-ids`)).json().code).toBe('FORBIDDEN');
    expect((await none.get('/purchasing-accounts')).json()).toEqual({ accounts: [], chosen: null });
  });
});
