import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { delegateAllows, LICENSING_ACTIONS, POLICY, partnerAllows, roleAllows, rolesGranting } from '../../src/platform/authz/actions.js';
import { ROLES } from '../../src/platform/authz/roles.js';
import { installGuard } from '../../src/platform/http/guard.js';
import '../../src/platform/http/types.js';

describe('the policy table', () => {
  it('R-PERM-1: there are exactly the seven Licensing-ID roles, each with a policy row', () => {
    expect([...ROLES].sort()).toEqual(
      [
        'ADMINISTRATOR',
        'DOWNLOAD',
        'LICENSING_INFO_VIEWER',
        'ONLINE_SERVICES_MANAGER',
        'PRODUCT_KEYS',
        'SA_MANAGER',
        'SUBSCRIPTIONS_MANAGER',
      ].sort(),
    );
    expect(Object.keys(POLICY).sort()).toEqual([...ROLES, 'CHANNEL_PARTNER', 'BENEFIT_DELEGATE'].sort());
  });

  it('R-PERM-2: Administrator may do everything a customer may; each other role only its own work', () => {
    for (const a of LICENSING_ACTIONS) expect(roleAllows('ADMINISTRATOR', a)).toBe(!['customer.view', 'contacts.change'].includes(a));
    expect(roleAllows('LICENSING_INFO_VIEWER', 'reports.view')).toBe(true);
    expect(roleAllows('LICENSING_INFO_VIEWER', 'sa.view')).toBe(true);
    expect(roleAllows('LICENSING_INFO_VIEWER', 'keys.view')).toBe(false);
    expect(roleAllows('DOWNLOAD', 'downloads.get')).toBe(true);
    expect(roleAllows('DOWNLOAD', 'keys.view')).toBe(false);
    expect(roleAllows('PRODUCT_KEYS', 'keys.view')).toBe(true);
    expect(roleAllows('PRODUCT_KEYS', 'downloads.get')).toBe(false);
    expect(roleAllows('SA_MANAGER', 'sa.manage')).toBe(true);
    expect(roleAllows('SA_MANAGER', 'downloads.get')).toBe(true);
    expect(roleAllows('ONLINE_SERVICES_MANAGER', 'services.activate')).toBe(true);
    expect(roleAllows('SUBSCRIPTIONS_MANAGER', 'subscriptions.assign')).toBe(true);
    // Only the Administrator manages users.
    expect(rolesGranting('users.manage')).toEqual(['ADMINISTRATOR']);
    // Every role lets its holder see the Licensing ID it holds (R-REL-3).
    expect(rolesGranting('licensing.view')).toEqual([...ROLES]);
  });

  it('R-REL-6: contacts of record change only through the channel partner of record, never by a customer role', () => {
    expect(rolesGranting('contacts.change')).toEqual([]);
    expect(partnerAllows('contacts.change')).toBe(true);
    expect(partnerAllows('customer.view')).toBe(true);
    // The partner acts on contacts and nothing else of its customer's yet.
    for (const a of LICENSING_ACTIONS) expect(partnerAllows(a)).toBe(a === 'contacts.change' || a === 'customer.view');
    // Starting a change of channel partner is the customer's Administrator's (Online Administrators are Administrators).
    expect(rolesGranting('partner.change')).toEqual(['ADMINISTRATOR']);
  });

  it('R-SA-7: a partner approved to manage benefits manages SA benefits, downloads software and views keys, and nothing else', () => {
    const allowed = ['sa.view', 'sa.manage', 'downloads.get', 'keys.view'];
    for (const a of LICENSING_ACTIONS) expect(delegateAllows(a), a).toBe(allowed.includes(a));
    // Asking for more keys, the customer's users and its contacts stay the customer's (and its partner of record's).
    expect(delegateAllows('keys.request')).toBe(false);
    expect(delegateAllows('users.manage')).toBe(false);
    expect(delegateAllows('contacts.change')).toBe(false);
    // Held by an organization, never a role a user is granted.
    expect(ROLES as readonly string[]).not.toContain('BENEFIT_DELEGATE');
  });

  it('R-KEY-9 / R-DL-1: keys reach Product Keys and Administrator; downloads Administrator, Download, SA Manager', () => {
    expect(rolesGranting('keys.view').sort()).toEqual(['ADMINISTRATOR', 'PRODUCT_KEYS']);
    expect(rolesGranting('downloads.get').sort()).toEqual(['ADMINISTRATOR', 'DOWNLOAD', 'SA_MANAGER']);
  });

  it('a route under /api that declares no action is refused at start-up', async () => {
    const app = Fastify();
    installGuard(app, {} as never);
    expect(() => app.get('/api/v1/undeclared', async () => 'x')).toThrow(/declares no action/);
    const ok = Fastify();
    installGuard(ok, {} as never);
    ok.get('/api/v1/declared', { config: { action: 'public' } }, async () => 'x');
    await expect(ok.ready()).resolves.toBeDefined();
    expect(ok.routeCatalog).toEqual([{ method: 'GET', url: '/api/v1/declared', action: 'public' }]);
  });
});
