import { describe, expect, it } from 'vitest';
import { describeChanges, describeHolding } from '../../src/modules/permissions/mail-changes.js';
import { narrowing, ROLE_GROUPS, roleGroupCatalogue } from '../../src/modules/permissions/role-groups.js';
import {
  type ActiveGrant,
  holdingOf,
  mayRequest,
  NO_HOLDING,
  normalizeSelection,
  planAssignment,
  protectedRoles,
  type RemovalFacts,
  removalBlock,
  removalRefusal,
  sameHolding,
} from '../../src/modules/permissions/rules.js';

const grant = (g: Partial<ActiveGrant> & Pick<ActiveGrant, 'role'>): ActiveGrant => ({
  source: 'ADMIN',
  subRoles: null,
  manageReservation: false,
  ...g,
});

const facts = (f: Partial<RemovalFacts>): RemovalFacts => ({
  removed: ['DOWNLOAD'],
  whole: true,
  expired: false,
  block: null,
  protectedRoles: [],
  countsAsAdministrator: false,
  otherAdministrators: 1,
  ...f,
});

describe('permission rules', () => {
  it('R-PERM-4: Notices Correspondent, Primary Contact and inheritance block removal, in that order', () => {
    expect(removalBlock({ onLicensingId: ['PRIMARY_CONTACT', 'NOTICES_CORRESPONDENT'], onParentOrMbsa: true })).toBe(
      'NOTICES_CORRESPONDENT',
    );
    expect(removalBlock({ onLicensingId: ['PRIMARY_CONTACT'], onParentOrMbsa: true })).toBe('PRIMARY_CONTACT');
    expect(removalBlock({ onLicensingId: [], onParentOrMbsa: true })).toBe('INHERITED');
    expect(removalBlock({ onLicensingId: [], onParentOrMbsa: false })).toBeNull();
  });

  it('R-PERM-4: a blocked user keeps the Licensing ID, but other roles than the contact ones stay editable', () => {
    const block = 'NOTICES_CORRESPONDENT' as const;
    expect(removalRefusal(facts({ block, whole: true }), 'self')).toBe(block);
    expect(
      removalRefusal(facts({ block, whole: false, removed: ['DOWNLOAD'], protectedRoles: ['ADMINISTRATOR'] }), 'administrator'),
    ).toBeNull();
    expect(
      removalRefusal(facts({ block, whole: false, removed: ['ADMINISTRATOR'], protectedRoles: ['ADMINISTRATOR'] }), 'administrator'),
    ).toBe(block);
    // A contact grant whose contact is gone (no block) is an ordinary grant.
    expect(removalRefusal(facts({ whole: true, removed: ['ADMINISTRATOR'], protectedRoles: ['ADMINISTRATOR'] }), 'self')).toBeNull();
  });

  it('R-PERM-7: administrators cannot remove users of expired Licensing IDs; users themselves may drop one', () => {
    expect(removalRefusal(facts({ expired: true }), 'administrator')).toBe('LICENSING_ID_EXPIRED');
    expect(removalRefusal(facts({ expired: true }), 'self')).toBeNull();
    expect(removalRefusal(facts({ expired: true, removed: [] }), 'administrator')).toBeNull();
  });

  it('R-PERM-3: the last Administrator of record cannot lose the role', () => {
    const last = facts({ removed: ['ADMINISTRATOR'], countsAsAdministrator: true, otherAdministrators: 0 });
    expect(removalRefusal(last, 'self')).toBe('LAST_ADMINISTRATOR');
    expect(removalRefusal({ ...last, otherAdministrators: 1 }, 'self')).toBeNull();
    // An invited (not yet active) Administrator is not one of record: removing them changes nothing.
    expect(removalRefusal({ ...last, countsAsAdministrator: false }, 'administrator')).toBeNull();
    expect(removalRefusal({ ...last, removed: ['DOWNLOAD'] }, 'administrator')).toBeNull();
  });

  it('R-PERM-8: a group narrowed to everything, or to nothing, is "All"', () => {
    expect(narrowing('SA_MANAGER', ['HOME_USE_PROGRAM', 'E_LEARNING'])).toEqual(['E_LEARNING', 'HOME_USE_PROGRAM']);
    expect(narrowing('SA_MANAGER', [...ROLE_GROUPS.SA_MANAGER])).toBeNull();
    expect(narrowing('SUBSCRIPTIONS_MANAGER', ['VISUAL_STUDIO_SUBSCRIPTIONS'])).toBeNull();
    expect(narrowing('SA_MANAGER', undefined)).toBeNull();
    expect(normalizeSelection(['DOWNLOAD'], { SA_MANAGER: ['E_LEARNING'] })).toEqual({});
  });

  it('R-PERM-8: the catalogue has the three groups; reservation is no Online Services Manager duty (R-PERM-9)', () => {
    const groups = roleGroupCatalogue();
    expect(groups.map((g) => g.role)).toEqual(['SA_MANAGER', 'ONLINE_SERVICES_MANAGER', 'SUBSCRIPTIONS_MANAGER']);
    expect(groups[0]?.subRoles).toHaveLength(6);
    expect(groups.flatMap((g) => g.subRoles).some((s) => s.includes('RESERV'))).toBe(false);
  });

  it('R-PERM-8: the union of grants is "All" when any grant of the group is', () => {
    const narrowed = grant({ role: 'SA_MANAGER', subRoles: ['E_LEARNING'] });
    expect(holdingOf([narrowed]).subRoles).toEqual({ SA_MANAGER: ['E_LEARNING'] });
    expect(holdingOf([narrowed, grant({ role: 'SA_MANAGER', source: 'REQUEST', subRoles: null })]).subRoles).toEqual({});
    expect(holdingOf([narrowed, grant({ role: 'SA_MANAGER', source: 'REQUEST', subRoles: ['HOME_USE_PROGRAM'] })]).subRoles).toEqual({
      SA_MANAGER: ['E_LEARNING', 'HOME_USE_PROGRAM'],
    });
    expect(holdingOf([grant({ role: 'ONLINE_SERVICES_MANAGER', manageReservation: true })]).manageReservation).toBe(true);
    expect(holdingOf([grant({ role: 'DOWNLOAD', manageReservation: true })]).manageReservation).toBe(false);
  });

  it('R-PERM-7: an assignment deactivates every grant of a role no longer wanted and writes only what is new', () => {
    const grants = [
      grant({ role: 'ADMINISTRATOR', source: 'CONTACT' }),
      grant({ role: 'DOWNLOAD', source: 'ADD_OPEN' }),
      grant({ role: 'DOWNLOAD', source: 'ADMIN' }),
      grant({ role: 'SA_MANAGER', source: 'REQUEST' }),
    ];
    expect(protectedRoles(grants)).toEqual(['ADMINISTRATOR']);
    const plan = planAssignment(grants, {
      roles: ['ADMINISTRATOR', 'SA_MANAGER', 'PRODUCT_KEYS'],
      subRoles: { SA_MANAGER: ['E_LEARNING'] },
      manageReservation: false,
    });
    expect(plan.removed).toEqual(['DOWNLOAD']);
    expect(plan.deactivate).toEqual([
      { role: 'DOWNLOAD', source: 'ADD_OPEN' },
      { role: 'DOWNLOAD', source: 'ADMIN' },
    ]);
    expect(plan.set).toEqual([
      { role: 'PRODUCT_KEYS', subRoles: null, manageReservation: false, insert: true },
      { role: 'SA_MANAGER', subRoles: ['E_LEARNING'], manageReservation: false, insert: false },
    ]);
    const same = planAssignment(grants, holdingOf(grants));
    expect(same.deactivate).toEqual([]);
    expect(same.set).toEqual([]);
  });

  it('R-PERM-6: a user whose Licensing IDs are all Open cannot ask for a non-Open one', () => {
    expect(mayRequest(['OPEN_LICENSE', 'OPEN_VALUE'], 'ENTERPRISE')).toBe(false);
    expect(mayRequest(['OPEN_LICENSE'], 'OPEN_VALUE')).toBe(true);
    expect(mayRequest(['OPEN_LICENSE', 'SELECT_PLUS'], 'ENTERPRISE')).toBe(true);
    expect(mayRequest([], 'ENTERPRISE')).toBe(true);
  });

  it('R-PERM-7: change mails describe roles, duties and the reservation flag in the reader’s language', () => {
    const after = {
      roles: ['SA_MANAGER' as const, 'ONLINE_SERVICES_MANAGER' as const],
      subRoles: { SA_MANAGER: ['HOME_USE_PROGRAM' as const] },
      manageReservation: true,
    };
    expect(describeHolding('en', after)).toBe(
      'Software Assurance Manager (Home Use Program), Online Services Manager (Manage Reservation)',
    );
    expect(describeHolding('sv', after)).toBe(
      'Software Assurance-ansvarig (Hemanvändningsprogram), Ansvarig för onlinetjänster (Hantera reservationer)',
    );
    expect(describeChanges('sv', [{ number: '1', name: 'X', before: NO_HOLDING, after }])).toContain('(tidigare: inga roller)');
    expect(sameHolding(after, { ...after, roles: ['ONLINE_SERVICES_MANAGER', 'SA_MANAGER'] })).toBe(true);
    expect(sameHolding(after, { ...after, manageReservation: false })).toBe(false);
  });
});
