import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncContactAdministrators, syncInheritance } from '../../src/modules/permissions/inheritance/sync.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';
import { type Fixtures, fixtures } from './fixtures.js';

describe('Administrator inheritance', () => {
  let t: TestApp;
  let f: Fixtures;
  let anna: Session;
  let heir: { id: string; session: Session };
  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_IP_LIMIT: '1000' } });
    f = fixtures(t);
    anna = await signIn(t.app, 'admin@contoso.example');
    heir = await f.user('heir@contoso.example', { locale: 'sv' });
    await f.db.execute(sql`insert into contact (agreement_id, type, name, email, user_id)
      values (${await f.agreement('01E73628-EA')}, 'PRIMARY_CONTACT', 'Heir', 'heir@contoso.example', ${heir.id})`);
    await f.db.transaction(async (tx) => {
      await syncInheritance(tx, await f.agreement('01E73628-EA'));
    });
  });
  afterAll(() => t.close());

  const inheritedGrants = (userId: string) =>
    f.rows<{ number: string; role: string; active: boolean; inherited_from: string }>(sql`
      select l.number, g.role::text as role, g.active, g.inherited_from from role_grant g join licensing_id l on l.id = g.licensing_id
      where g.user_id = ${userId} and g.source = 'INHERITED' order by l.number, g.role`);

  it('R-PERM-5: the MBSA’s Notices Correspondent is Administrator of every child Licensing ID, opted in by default', async () => {
    const res = await t.as(anna).get('/me/inheritance');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      {
        agreement: { id: await f.agreement('01E73628'), number: '01E73628', kind: 'MBSA', programCode: null },
        contactTypes: ['NOTICES_CORRESPONDENT'],
        optedIn: true,
        decidedAt: null,
        childLicensingIds: 3,
      },
    ]);
    const mbsa = await f.agreement('01E73628');
    const grants = await inheritedGrants(await f.userId('admin@contoso.example'));
    expect(grants.map((g) => `${g.number} ${g.role}`)).toEqual([
      '54011111 ADMINISTRATOR',
      '54011111 LICENSING_INFO_VIEWER',
      '67012345 ADMINISTRATOR',
      '67012345 LICENSING_INFO_VIEWER',
      '8765-4321 ADMINISTRATOR',
      '8765-4321 LICENSING_INFO_VIEWER',
    ]);
    expect(grants.every((g) => g.active && g.inherited_from === mbsa)).toBe(true);
    // Open programs have no parent agreement: nothing is inherited there.
    expect(await f.roles(heir.id, 'V1234567')).toEqual([]);
  });

  it('R-PERM-5: a parent agreement’s contact inherits its children only', async () => {
    expect(await f.roles(heir.id, '67012345')).toEqual(['ADMINISTRATOR', 'LICENSING_INFO_VIEWER']);
    expect(await f.roles(heir.id, '54011111')).toEqual(['ADMINISTRATOR', 'LICENSING_INFO_VIEWER']);
    expect(await f.roles(heir.id, '8765-4321')).toEqual([]);
    const items = (await t.as(heir.session).get('/me/permissions?status=all')).json().items;
    expect(items.map((i: { number: string; reason: string }) => [i.number, i.reason])).toEqual([
      ['54011111', 'INHERITED'],
      ['67012345', 'INHERITED'],
    ]);
  });

  it('R-PERM-5: opting out keeps Licensing Info Viewer on every child; opting in gives Administrator back; each is mailed and audited', async () => {
    const ea = await f.agreement('01E73628-EA');
    const out = await t.as(heir.session).put(`/me/inheritance/${ea}`, { optedIn: false });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toMatchObject({
      optedIn: false,
      decidedAt: expect.any(String),
      contactTypes: ['PRIMARY_CONTACT'],
      childLicensingIds: 2,
    });
    expect(await f.roles(heir.id, '67012345')).toEqual(['LICENSING_INFO_VIEWER']);
    expect(await f.roles(heir.id, '54011111')).toEqual(['LICENSING_INFO_VIEWER']);
    // The Administrator grant is kept, inactive, for audit.
    expect((await inheritedGrants(heir.id)).filter((g) => g.role === 'ADMINISTRATOR').map((g) => g.active)).toEqual([false, false]);
    const items = (await t.as(heir.session).get('/me/permissions')).json().items;
    expect(items).toEqual([
      expect.objectContaining({ number: '67012345', roles: ['LICENSING_INFO_VIEWER'], removable: false, reason: 'INHERITED' }),
    ]);
    const outMail = (await f.mails('heir@contoso.example')).at(-1);
    expect(outMail).toMatchObject({ template: 'inheritanceOptedOut', locale: 'sv' });
    expect(outMail?.text).toContain(
      '67012345 (Contoso Enterprise Enrollment): Visare av licensinformation (tidigare: Administratör, Visare av licensinformation)',
    );
    const [choice] = await f.audits('permissions.inheritance-choice', ea);
    expect(choice).toMatchObject({ actor_user_id: heir.id, before: { optedIn: true }, after: { optedIn: false } });

    // Choosing the same again changes nothing.
    const before = await f.counts();
    expect((await t.as(heir.session).put(`/me/inheritance/${ea}`, { optedIn: false })).statusCode).toBe(200);
    expect(await f.counts()).toEqual(before);

    const back = await t.as(heir.session).put(`/me/inheritance/${ea}`, { optedIn: true });
    expect(back.json().optedIn).toBe(true);
    expect(await f.roles(heir.id, '67012345')).toEqual(['ADMINISTRATOR', 'LICENSING_INFO_VIEWER']);
    expect((await f.mails('heir@contoso.example')).at(-1)).toMatchObject({ template: 'inheritanceOptedIn', locale: 'sv' });
  });

  it('R-PERM-5: a new child Licensing ID follows each contact’s choice when order ingestion syncs it', async () => {
    const ea = await f.agreement('01E73628-EA');
    await t.as(heir.session).put(`/me/inheritance/${ea}`, { optedIn: false });
    await f.db.execute(sql`insert into licensing_id (organization_id, program_code, parent_agreement_id, kind, number, name, start_date)
      select organization_id, 'ENTERPRISE', id, 'ENROLLMENT', '67055555', 'Contoso Enterprise Enrollment (new)', '2026-07-01' from agreement where id = ${ea}`);
    await f.db.transaction(async (tx) => {
      await syncInheritance(tx, ea);
    });
    expect(await f.roles(heir.id, '67055555')).toEqual(['LICENSING_INFO_VIEWER']);
    expect(await f.roles(await f.userId('admin@contoso.example'), '67055555')).toEqual(['ADMINISTRATOR', 'LICENSING_INFO_VIEWER']);
    const [sync] = (await f.audits('permissions.inheritance-sync', ea)).slice(-1);
    expect(sync?.actor_user_id).toBeNull();
    await t.as(heir.session).put(`/me/inheritance/${ea}`, { optedIn: true });
  });

  it('R-PERM-3, R-PERM-5: opting out is refused when it would leave a child without an Administrator', async () => {
    const sp = await f.agreement('4455-SP');
    const lone = await f.user('lone@contoso.example');
    await f.db.execute(
      sql`insert into contact (agreement_id, type, name, email, user_id) values (${sp}, 'NOTICES_CORRESPONDENT', 'Lone', 'lone@contoso.example', ${lone.id})`,
    );
    await f.db.execute(sql`insert into licensing_id (organization_id, program_code, parent_agreement_id, kind, number, name, start_date)
      select organization_id, 'SELECT_PLUS', id, 'PCN', 'SP-ONLY', 'Only inherited', '2026-01-01' from agreement where id = ${sp}`);
    // Anna inherits it from the MBSA; without her opt-in the lone contact would be its only Administrator.
    await f.db.execute(
      sql`insert into admin_inheritance (user_id, agreement_id, opted_in) values (${await f.userId('admin@contoso.example')}, ${await f.agreement('01E73628')}, false)`,
    );
    await f.db.transaction(async (tx) => {
      await syncInheritance(tx, sp);
    });
    expect(await f.roles(lone.id, 'SP-ONLY')).toEqual(['ADMINISTRATOR', 'LICENSING_INFO_VIEWER']);
    expect(await f.roles(await f.userId('admin@contoso.example'), 'SP-ONLY')).toEqual(['LICENSING_INFO_VIEWER']);
    const before = await f.counts();
    const res = await t.as(lone.session).put(`/me/inheritance/${sp}`, { optedIn: false });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'LAST_ADMINISTRATOR', licensingId: await f.lid('SP-ONLY') });
    expect(await f.counts()).toEqual(before);
    expect(await f.roles(lone.id, 'SP-ONLY')).toEqual(['ADMINISTRATOR', 'LICENSING_INFO_VIEWER']);
  });

  it('R-PERM-5: a contact who is no longer one loses the inherited grants at the next sync', async () => {
    const ex = await f.user('ex-contact@contoso.example');
    const ea = await f.agreement('01E73628-EA');
    await f.db.execute(
      sql`insert into contact (agreement_id, type, name, email, user_id) values (${ea}, 'NOTICES_CORRESPONDENT', 'Ex', 'ex-contact@contoso.example', ${ex.id})`,
    );
    await f.db.transaction(async (tx) => {
      await syncInheritance(tx, ea);
    });
    expect(await f.roles(ex.id, '67012345')).toEqual(['ADMINISTRATOR', 'LICENSING_INFO_VIEWER']);
    await f.db.execute(sql`delete from contact where user_id = ${ex.id}`);
    await f.db.transaction(async (tx) => {
      await syncInheritance(tx, ea);
    });
    expect(await f.roles(ex.id, '67012345')).toEqual([]);
  });

  it('R-PERM-3: a Licensing ID’s Notices Correspondent and Primary Contact become its Administrators', async () => {
    const nc = await f.user('new-nc@contoso.example');
    const openValue = await f.lid('V9876543');
    await f.db.execute(
      sql`insert into contact (licensing_id, type, name, email, user_id) values (${openValue}, 'NOTICES_CORRESPONDENT', 'NC', 'new-nc@contoso.example', ${nc.id})`,
    );
    await f.db.transaction(async (tx) => {
      await syncContactAdministrators(tx, openValue);
    });
    const [grant] = await f.rows<{ source: string }>(
      sql`select source::text as source from role_grant where user_id = ${nc.id} and active`,
    );
    expect(grant?.source).toBe('CONTACT');
    const mine = (await t.as(nc.session).get('/me/permissions')).json().items;
    expect(mine).toEqual([
      expect.objectContaining({ number: 'V9876543', roles: ['ADMINISTRATOR'], reason: 'NOTICES_CORRESPONDENT', soleAdministrator: false }),
    ]);
  });

  it('R-PERM-5: only an agreement’s contact may choose; anyone else gets 404', async () => {
    const keys = await signIn(t.app, 'keys@contoso.example');
    const before = await f.counts();
    expect((await t.as(keys).put(`/me/inheritance/${await f.agreement('01E73628')}`, { optedIn: false })).statusCode).toBe(404);
    expect((await t.as(keys).get('/me/inheritance')).json().items).toEqual([]);
    const bad = await t.as(anna).put(`/me/inheritance/${await f.agreement('01E73628')}`, { optedIn: 'no' });
    expect(bad.statusCode).toBe(400);
    expect(await f.counts()).toEqual(before);
  });
});
