import { describe, expect, it } from 'vitest';
import { grantableRoles, roleChangeRefusal } from '../../src/modules/business-center/users/rules.js';
import { ACCOUNT_ROLES } from '../../src/platform/authz/account-actions.js';

describe('who may grant which business-center role (R-PERM-14)', () => {
  it('R-PERM-14: an Account administrator grants every role', () => {
    expect(grantableRoles(['ACCOUNT_ADMINISTRATOR'])).toEqual([...ACCOUNT_ROLES]);
  });

  it('R-PERM-14: a User administrator cannot grant more than they hold: never Account or Agreement administrator', () => {
    expect(grantableRoles(['USER_ADMINISTRATOR'])).toEqual(['ACCOUNT_VIEWER', 'REPORT_VIEWER', 'ACCOUNT_MANAGER', 'USER_ADMINISTRATOR']);
    expect(grantableRoles(['AGREEMENT_ADMINISTRATOR'])).toEqual([
      'ACCOUNT_VIEWER',
      'REPORT_VIEWER',
      'ACCOUNT_MANAGER',
      'AGREEMENT_ADMINISTRATOR',
    ]);
  });

  it('R-PERM-14: a role without account.users grants nothing', () => {
    for (const held of [['ACCOUNT_VIEWER'], ['REPORT_VIEWER', 'ACCOUNT_MANAGER'], []] as const) expect(grantableRoles(held)).toEqual([]);
  });

  it('R-PERM-14: giving or taking away a role beyond the ceiling is ACCOUNT_ROLE_NOT_GRANTABLE', () => {
    const userAdmin = ['USER_ADMINISTRATOR'] as const;
    expect(roleChangeRefusal({ actorRoles: userAdmin, before: [], after: ['ACCOUNT_ADMINISTRATOR'], otherAdministrators: 1 })).toEqual({
      code: 'ACCOUNT_ROLE_NOT_GRANTABLE',
      roles: ['ACCOUNT_ADMINISTRATOR'],
    });
    // Nor does a User administrator demote an Account administrator.
    expect(
      roleChangeRefusal({ actorRoles: userAdmin, before: ['ACCOUNT_ADMINISTRATOR'], after: ['ACCOUNT_VIEWER'], otherAdministrators: 3 })
        ?.code,
    ).toBe('ACCOUNT_ROLE_NOT_GRANTABLE');
    // Roles the user keeps are not touched, so they need not be grantable.
    expect(
      roleChangeRefusal({
        actorRoles: userAdmin,
        before: ['ACCOUNT_ADMINISTRATOR', 'ACCOUNT_VIEWER'],
        after: ['ACCOUNT_ADMINISTRATOR', 'REPORT_VIEWER'],
        otherAdministrators: 0,
      }),
    ).toBeNull();
    expect(
      roleChangeRefusal({ actorRoles: userAdmin, before: ['ACCOUNT_VIEWER'], after: ['ACCOUNT_MANAGER'], otherAdministrators: 0 }),
    ).toBeNull();
  });

  it('R-PERM-14: the last Account administrator is neither demoted nor removed (ACCOUNT_LAST_ADMINISTRATOR)', () => {
    const admin = ['ACCOUNT_ADMINISTRATOR'] as const;
    for (const after of [[], ['ACCOUNT_VIEWER']] as const)
      expect(roleChangeRefusal({ actorRoles: admin, before: ['ACCOUNT_ADMINISTRATOR'], after, otherAdministrators: 0 })?.code).toBe(
        'ACCOUNT_LAST_ADMINISTRATOR',
      );
    expect(roleChangeRefusal({ actorRoles: admin, before: ['ACCOUNT_ADMINISTRATOR'], after: [], otherAdministrators: 1 })).toBeNull();
    expect(
      roleChangeRefusal({
        actorRoles: admin,
        before: ['ACCOUNT_ADMINISTRATOR'],
        after: ['ACCOUNT_ADMINISTRATOR', 'ACCOUNT_VIEWER'],
        otherAdministrators: 0,
      }),
    ).toBeNull();
  });
});
