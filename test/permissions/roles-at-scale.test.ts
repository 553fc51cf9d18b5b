import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';
import { type Fixtures, fixtures } from './fixtures.js';

/** Manage Users at scale: the same roles on many Licensing IDs in one change. */
describe('Manage Users: roles on many Licensing IDs at once', () => {
  let t: TestApp;
  let f: Fixtures;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_IP_LIMIT: '1000' } });
    f = fixtures(t);
    admin = await signIn(t.app, 'admin@contoso.example');
  });
  afterAll(() => t.close());

  it('R-PERM-7: copies one Licensing ID’s roles to three others in one change: one audit row, one mail naming each', async () => {
    const u = await f.user('copy.target@contoso.example', { grants: [['67012345', ['DOWNLOAD', 'ONLINE_SERVICES_MANAGER']]] });
    const targets = await Promise.all(['67012345', '8765-4321', 'V1234567', 'V9876543'].map((n) => f.lid(n)));
    const mailsBefore = (await f.mails('copy.target@contoso.example')).length;

    const res = await t.as(admin).put(`/users/${u.id}/roles`, {
      licensingIds: targets,
      roles: ['DOWNLOAD', 'ONLINE_SERVICES_MANAGER'],
      manageReservation: true,
    });
    expect(res.statusCode).toBe(200);
    for (const n of ['67012345', '8765-4321', 'V1234567', 'V9876543']) {
      expect(await f.roles(u.id, n)).toEqual(['DOWNLOAD', 'ONLINE_SERVICES_MANAGER']);
    }
    // R-PERM-9: Manage Reservation is an enrollment's; the others get the roles without it.
    const held = res.json().permissions as { licensingId: { number: string }; manageReservation: boolean }[];
    expect(Object.fromEntries(held.map((p) => [p.licensingId.number, p.manageReservation]))).toEqual({
      '67012345': true,
      '8765-4321': false,
      V1234567: false,
      V9876543: false,
    });

    const rows = await f.audits('users.set-roles', u.id);
    expect(rows).toHaveLength(1);
    // The enrollment changed only by gaining Manage Reservation; the other three were new.
    expect(Object.keys(rows[0]?.after as object).sort()).toEqual([...targets].sort());
    const mails = (await f.mails('copy.target@contoso.example')).slice(mailsBefore);
    expect(mails).toHaveLength(1);
    for (const n of ['67012345', '8765-4321', 'V1234567', 'V9876543']) expect(mails[0]?.text).toContain(n);
  });

  it('R-PERM-7: all or nothing: a Licensing ID the Administrator does not administer answers 404 and changes none', async () => {
    const u = await f.user('copy.foreign@contoso.example');
    const before = await f.counts();
    const res = await t.as(admin).put(`/users/${u.id}/roles`, {
      licensingIds: [await f.lid('8765-4321'), await f.lid('67099999')],
      roles: ['DOWNLOAD'],
    });
    expect(res.statusCode).toBe(404);
    expect(await f.counts()).toEqual(before);
  });

  it('R-PERM-7: a refusal on one Licensing ID (a role taken away on the expired one) changes none of the others', async () => {
    const u = await f.user('copy.expired@contoso.example', { grants: [['54011111', ['DOWNLOAD', 'PRODUCT_KEYS']]] });
    const before = await f.counts();
    const res = await t.as(admin).put(`/users/${u.id}/roles`, {
      licensingIds: [await f.lid('8765-4321'), await f.lid('54011111')],
      roles: ['DOWNLOAD'],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('LICENSING_ID_EXPIRED');
    expect(await f.counts()).toEqual(before);
    expect(await f.roles(u.id, '8765-4321')).toEqual([]);
  });

  it('refuses bad input with stable codes and writes nothing', async () => {
    const u = await f.user('copy.bad@contoso.example');
    const pcn = await f.lid('8765-4321');
    const before = await f.counts();
    const bad = [
      { licensingIds: [], roles: ['DOWNLOAD'] },
      { licensingIds: [pcn, pcn], roles: ['DOWNLOAD'] },
      { licensingIds: ['not-a-uuid'], roles: ['DOWNLOAD'] },
      { licensingIds: [pcn], roles: ['NO_SUCH_ROLE'] },
      { licensingIds: [pcn], roles: ['DOWNLOAD'], manageReservation: true },
      { licensingIds: Array.from({ length: 501 }, () => crypto.randomUUID()), roles: ['DOWNLOAD'] },
    ];
    for (const body of bad) {
      const res = await t.as(admin).put(`/users/${u.id}/roles`, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    expect(await f.counts()).toEqual(before);
  });

  it('R-PERM-12: a user of another organization is not found, and to a Product Keys user no Licensing ID is administrable (404, as for Manage Users)', async () => {
    const pcn = await f.lid('8765-4321');
    const foreign = await f.userId('admin@fabrikam.example');
    expect((await t.as(admin).put(`/users/${foreign}/roles`, { licensingIds: [pcn], roles: ['DOWNLOAD'] })).statusCode).toBe(404);
    const keys = await signIn(t.app, 'keys@contoso.example');
    const viewer = await f.userId('viewer@contoso.example');
    expect((await t.as(keys).put(`/users/${viewer}/roles`, { licensingIds: [pcn], roles: ['DOWNLOAD'] })).statusCode).toBe(404);
  });
});
