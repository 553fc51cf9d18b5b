import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncInheritance } from '../../src/modules/permissions/inheritance/sync.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';
import { type Fixtures, fixtures } from './fixtures.js';

describe('My Permissions', () => {
  let t: TestApp;
  let f: Fixtures;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_IP_LIMIT: '1000' } });
    f = fixtures(t);
    admin = await signIn(t.app, 'admin@contoso.example');
  });
  afterAll(() => t.close());

  it('R-PERM-4: lists every Licensing ID with its roles, parent program agreement and MBSA, active or all', async () => {
    const keys = await signIn(t.app, 'keys@contoso.example');
    const res = await t.as(keys).get('/me/permissions?status=active');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.email).toBe('keys@contoso.example');
    expect(body.items.map((i: { number: string }) => i.number)).toEqual(['67012345', '8765-4321']);
    expect(body.items[0]).toMatchObject({
      programCode: 'ENTERPRISE',
      kind: 'ENROLLMENT',
      status: 'ACTIVE',
      roles: ['DOWNLOAD', 'PRODUCT_KEYS'],
      subRoles: {},
      manageReservation: false,
      parent: { number: '01E73628-EA' },
      mbsa: { number: '01E73628' },
      removable: true,
      reason: null,
      soleAdministrator: false,
    });
    const all = (await t.as(admin).get('/me/permissions?status=all')).json();
    const active = (await t.as(admin).get('/me/permissions?status=active')).json();
    expect(all.items.map((i: { number: string }) => i.number)).toContain('54011111');
    expect(active.items.map((i: { number: string }) => i.number)).not.toContain('54011111');
  });

  it('R-PERM-4, R-PERM-3: a contact may not remove their Licensing ID; a sole Administrator is told to add an alternate', async () => {
    const items = (await t.as(admin).get('/me/permissions?status=all')).json().items as {
      number: string;
      reason: string;
      removable: boolean;
      soleAdministrator: boolean;
    }[];
    const byNumber = new Map(items.map((i) => [i.number, i]));
    expect(byNumber.get('67012345')).toMatchObject({ removable: false, reason: 'NOTICES_CORRESPONDENT' });
    // Anna is the only Administrator of the Open Value agreement.
    expect(byNumber.get('V9876543')?.soleAdministrator).toBe(true);

    const before = await f.counts();
    const res = await t.as(admin).delete(`/me/permissions/${await f.lid('67012345')}`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'NOTICES_CORRESPONDENT', licensingId: await f.lid('67012345') });
    expect(await f.counts()).toEqual(before);
  });

  it('R-PERM-4: the Primary Contact may not remove it either', async () => {
    const pc = await f.user('pc-only@contoso.example', { grants: [['V1234567', ['DOWNLOAD']]] });
    await f.db.execute(sql`insert into contact (licensing_id, type, name, email, user_id)
      values (${await f.lid('V1234567')}, 'PRIMARY_CONTACT', 'P C', 'pc-only@contoso.example', ${pc.id})`);
    const before = await f.counts();
    const res = await t.as(pc.session).delete(`/me/permissions/${await f.lid('V1234567')}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('PRIMARY_CONTACT');
    expect(await f.counts()).toEqual(before);
  });

  it('R-PERM-4, R-PERM-5: a Licensing ID held by inheritance from a parent agreement cannot be removed', async () => {
    const heir = await f.user('heir@contoso.example');
    await f.db.execute(sql`insert into contact (agreement_id, type, name, email, user_id)
      values (${await f.agreement('4455-SP')}, 'NOTICES_CORRESPONDENT', 'Heir', 'heir@contoso.example', ${heir.id})`);
    await f.db.transaction(async (tx) => {
      await syncInheritance(tx, await f.agreement('4455-SP'));
    });
    expect(await f.roles(heir.id, '8765-4321')).toEqual(['ADMINISTRATOR', 'LICENSING_INFO_VIEWER']);
    const items = (await t.as(heir.session).get('/me/permissions?status=active')).json().items;
    expect(items).toEqual([expect.objectContaining({ number: '8765-4321', removable: false, reason: 'INHERITED' })]);
    const res = await t.as(heir.session).delete(`/me/permissions/${await f.lid('8765-4321')}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('INHERITED');
    expect(await f.roles(heir.id, '8765-4321')).toEqual(['ADMINISTRATOR', 'LICENSING_INFO_VIEWER']);
  });

  it('R-PERM-4: a user removes a Licensing ID from their own set: grants kept inactive, audited, mailed in their language', async () => {
    const viewer = await signIn(t.app, 'viewer@contoso.example');
    const viewerId = await f.userId('viewer@contoso.example');
    const enrollment = await f.lid('67012345');
    const grantsBefore = (await f.counts()).grants;
    const res = await t.as(viewer).delete(`/me/permissions/${enrollment}`);
    expect(res.statusCode).toBe(204);
    expect(await f.roles(viewerId, '67012345')).toEqual([]);
    expect((await f.counts()).grants).toBe(grantsBefore);
    expect((await t.as(viewer).get('/me/permissions?status=all')).json().items).toEqual([]);

    const [row] = await f.audits('permissions.leave', enrollment);
    expect(row).toMatchObject({
      actor_user_id: viewerId,
      before: { [enrollment]: { roles: ['LICENSING_INFO_VIEWER'] } },
      after: { [enrollment]: { roles: [] } },
    });
    const [mail] = await f.mails('viewer@contoso.example');
    expect(mail).toMatchObject({ template: 'licensingIdLeft', locale: 'sv' });
    expect(mail?.subject).toContain('67012345');
    expect(mail?.text).toContain('Visare av licensinformation');
    expect(mail?.text).toContain('Detta är slutgiltigt');

    // Final until assigned again: a replay finds nothing to remove.
    expect((await t.as(viewer).delete(`/me/permissions/${enrollment}`)).statusCode).toBe(404);
  });

  it('R-PERM-3: the last Administrator of a Licensing ID cannot leave it', async () => {
    const org = (await f.rows<{ id: string }>(sql`select id from organization where name = 'Contoso Ltd'`))[0]?.id;
    await f.db.execute(sql`insert into licensing_id (organization_id, program_code, kind, number, name, start_date)
      values (${org}, 'SELECT_PLUS', 'PCN', 'SOLO-1', 'Solo PCN', '2025-01-01')`);
    const solo = await f.user('solo@contoso.example', { grants: [['SOLO-1', ['ADMINISTRATOR', 'DOWNLOAD']]] });
    expect((await t.as(solo.session).get('/me/permissions?status=active')).json().items[0]).toMatchObject({
      soleAdministrator: true,
      removable: false,
      reason: 'LAST_ADMINISTRATOR',
    });
    const before = await f.counts();
    const res = await t.as(solo.session).delete(`/me/permissions/${await f.lid('SOLO-1')}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('LAST_ADMINISTRATOR');
    expect(await f.counts()).toEqual(before);

    // With an alternate Administrator it may go.
    const alt = await f.user('alternate@contoso.example', { grants: [['SOLO-1', ['ADMINISTRATOR']]] });
    expect((await t.as(solo.session).get('/me/permissions?status=active')).json().items[0].soleAdministrator).toBe(false);
    expect((await t.as(solo.session).delete(`/me/permissions/${await f.lid('SOLO-1')}`)).statusCode).toBe(204);
    expect((await t.as(alt.session).get('/me/permissions?status=active')).json().items[0].soleAdministrator).toBe(true);
  });

  it('another organization’s Licensing ID, or a malformed id, changes nothing', async () => {
    const before = await f.counts();
    const foreign = await t.as(admin).delete(`/me/permissions/${await f.lid('67099999')}`);
    expect(foreign.statusCode).toBe(404);
    const bad = await t.as(admin).delete(`/me/permissions/${'not-a-uuid'}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    expect(await f.counts()).toEqual(before);
  });
});
