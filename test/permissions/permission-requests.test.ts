import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';
import { type Fixtures, fixtures } from './fixtures.js';

describe('Permission requests', () => {
  let t: TestApp;
  let f: Fixtures;
  let anna: Session;
  let second: { id: string; session: Session };
  let requester: { id: string; session: Session };
  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_IP_LIMIT: '1000' } });
    f = fixtures(t);
    anna = await signIn(t.app, 'admin@contoso.example');
    second = await f.user('bo.second@contoso.example', { firstName: 'Bo', grants: [['8765-4321', ['ADMINISTRATOR']]] });
    requester = await f.user('rita.requester@contoso.example', { firstName: 'Rita', locale: 'sv', grants: [['67012345', ['DOWNLOAD']]] });
  });
  afterAll(() => t.close());

  /** Nothing a requester reads may name an Administrator of the Licensing ID. */
  const namesNoAdministrator = (text: string) => {
    for (const name of ['Anna', 'Lind', 'admin@contoso.example', 'Bo', 'bo.second@contoso.example']) expect(text).not.toContain(name);
  };

  let firstRequest: { id: string; number: number };

  it('R-PERM-6: a request mails every Administrator of record; the requester’s answer and mail never name them', async () => {
    const res = await t.as(requester.session).post('/permission-requests', {
      programCode: 'SELECT_PLUS',
      number: ' 8765-4321 ',
      roles: ['SA_MANAGER', 'DOWNLOAD'],
      subRoles: { SA_MANAGER: ['E_LEARNING'] },
      comment: 'I run the e-learning programme.',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    firstRequest = body;
    expect(body).toMatchObject({
      number: expect.any(Number),
      status: 'PENDING',
      licensingId: { id: null, name: null, number: '8765-4321', programCode: 'SELECT_PLUS' },
      roles: ['DOWNLOAD', 'SA_MANAGER'],
      subRoles: { SA_MANAGER: ['E_LEARNING'] },
      decidedAt: null,
    });
    namesNoAdministrator(res.body);

    for (const to of ['admin@contoso.example', 'bo.second@contoso.example']) {
      const [mail] = await f.mails(to);
      expect(mail, to).toMatchObject({ template: 'permissionRequested', locale: 'en' });
      expect(mail?.subject).toContain(`${body.number}`);
      expect(mail?.text).toContain('Rita User (rita.requester@contoso.example)');
      expect(mail?.text).toContain('Download, Software Assurance Manager (E-Learning)');
      expect(mail?.text).toContain('I run the e-learning programme.');
    }
    const [confirmation, ...rest] = await f.mails('rita.requester@contoso.example');
    expect(rest).toEqual([]);
    expect(confirmation).toMatchObject({ template: 'permissionRequestSent', locale: 'sv' });
    expect(confirmation?.text).toContain('Nedladdning, Software Assurance-ansvarig (E-learning)');
    namesNoAdministrator(`${confirmation?.subject}\n${confirmation?.text}`);
    expect(await f.audits('permission-request.create', body.id)).toHaveLength(1);
  });

  it('R-PERM-6: a second pending request for the same Licensing ID is refused, writing nothing', async () => {
    const before = await f.counts();
    const res = await t.as(requester.session).post('/permission-requests', {
      programCode: 'SELECT_PLUS',
      number: '8765-4321',
      roles: ['PRODUCT_KEYS'],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('REQUEST_PENDING');
    expect(await f.counts()).toEqual(before);
  });

  it('R-PERM-6: an unknown number, or an Open License without its authorization number, is LICENSING_ID_NOT_FOUND', async () => {
    const before = await f.counts();
    for (const payload of [
      { programCode: 'ENTERPRISE', number: '99999999', roles: ['DOWNLOAD'] },
      { programCode: 'SELECT_PLUS', number: '67012345', roles: ['DOWNLOAD'] },
      { programCode: 'OPEN_LICENSE', number: 'V1234567', roles: ['DOWNLOAD'] },
      { programCode: 'OPEN_LICENSE', number: 'V1234567', authorizationNumber: 'AUTH-0000', roles: ['DOWNLOAD'] },
    ]) {
      const res = await t.as(requester.session).post('/permission-requests', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(404);
      expect(res.json().code).toBe('LICENSING_ID_NOT_FOUND');
    }
    for (const payload of [
      { programCode: 'NOT_A_PROGRAM', number: '1', roles: ['DOWNLOAD'] },
      { programCode: 'ENTERPRISE', number: '', roles: ['DOWNLOAD'] },
      { programCode: 'ENTERPRISE', number: '67012345', roles: [] },
      { programCode: 'ENTERPRISE', number: '67012345', roles: ['DOWNLOAD'], subRoles: { SA_MANAGER: ['E_LEARNING'] } },
      { programCode: 'ENTERPRISE', number: '67012345', roles: ['SA_MANAGER'], subRoles: { SA_MANAGER: ['NAP_ROOM'] } },
    ]) {
      const res = await t.as(requester.session).post('/permission-requests', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect(await f.counts()).toEqual(before);
    const open = await t.as(requester.session).post('/permission-requests', {
      programCode: 'OPEN_LICENSE',
      number: 'v1234567',
      authorizationNumber: 'auth-7788',
      roles: ['PRODUCT_KEYS'],
    });
    expect(open.statusCode).toBe(201);
  });

  it('R-PERM-6: a user with only Open License agreements cannot request a non-Open agreement', async () => {
    const openUser = await f.user('open.only@contoso.example', { grants: [['V1234567', ['DOWNLOAD']]] });
    const before = await f.counts();
    const res = await t.as(openUser.session).post('/permission-requests', {
      programCode: 'ENTERPRISE',
      number: '67012345',
      roles: ['DOWNLOAD'],
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('OPEN_USER_NON_OPEN_REQUEST');
    expect(await f.counts()).toEqual(before);
    const openValue = await t.as(openUser.session).post('/permission-requests', {
      programCode: 'OPEN_VALUE',
      number: 'V9876543',
      roles: ['DOWNLOAD'],
    });
    expect(openValue.statusCode).toBe(201);
  });

  it('R-PERM-6, R-PERM-12: Administrators see the pending requests of their Licensing IDs with requester, roles and comment', async () => {
    const pending = (await t.as(second.session).get('/permission-requests?status=PENDING')).json();
    expect(pending.items).toHaveLength(1);
    expect(pending.items[0]).toMatchObject({
      id: firstRequest.id,
      number: firstRequest.number,
      licensingId: { id: await f.lid('8765-4321'), name: 'Contoso Sweden (lead affiliate)' },
      requester: { email: 'rita.requester@contoso.example', firstName: 'Rita', lastName: 'User' },
      comment: 'I run the e-learning programme.',
    });
    const annas = (await t.as(anna).get('/permission-requests')).json();
    expect(annas.items.map((r: { licensingId: { number: string } }) => r.licensingId.number).sort()).toEqual([
      '8765-4321',
      'V1234567',
      'V9876543',
    ]);
    // Someone who administers nothing sees none but their own.
    expect((await t.as(requester.session).get('/permission-requests')).json().items).toEqual([]);
    const frank = await signIn(t.app, 'admin@fabrikam.example');
    expect((await t.as(frank).get('/permission-requests?status=ALL')).json().items).toEqual([]);
  });

  it('R-PERM-6: any one Administrator accepts; the roles apply at once; the requester is told without the decider’s name', async () => {
    const stranger = await signIn(t.app, 'admin@fabrikam.example');
    const keys = await signIn(t.app, 'keys@contoso.example');
    for (const s of [stranger, keys]) {
      expect((await t.as(s).post(`/permission-requests/${firstRequest.id}/decision`, { decision: 'ACCEPT' })).statusCode).toBe(404);
    }
    const bad = await t.as(second.session).post(`/permission-requests/${firstRequest.id}/decision`, { decision: 'MAYBE' });
    expect(bad.statusCode).toBe(400);

    const res = await t.as(second.session).post(`/permission-requests/${firstRequest.id}/decision`, {
      decision: 'ACCEPT',
      note: 'Welcome aboard.',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ACCEPTED', decisionNote: 'Welcome aboard.', decidedAt: expect.any(String) });
    const grants = await f.rows<{ role: string; source: string; sub_roles: string[] | null; granted_by: string }>(sql`
      select role::text as role, source::text as source, sub_roles, granted_by from role_grant
      where user_id = ${requester.id} and licensing_id = ${await f.lid('8765-4321')} and active order by role_grant.role`);
    expect(grants).toEqual([
      { role: 'DOWNLOAD', source: 'REQUEST', sub_roles: null, granted_by: second.id },
      { role: 'SA_MANAGER', source: 'REQUEST', sub_roles: ['E_LEARNING'], granted_by: second.id },
    ]);
    const mine = (await t.as(requester.session).get('/me/permissions')).json();
    expect(mine.items.find((i: { number: string }) => i.number === '8765-4321')).toMatchObject({ roles: ['DOWNLOAD', 'SA_MANAGER'] });

    const mail = (await f.mails('rita.requester@contoso.example')).find((m) => m.template === 'permissionRequestAccepted');
    expect(mail).toMatchObject({ locale: 'sv' });
    expect(mail?.text).toContain('Welcome aboard.');
    namesNoAdministrator(`${mail?.subject}\n${mail?.text}`);
    const own = await t.as(requester.session).get('/permission-requests?mine=true&status=ALL');
    expect(own.json().items.find((r: { id: string }) => r.id === firstRequest.id)).toMatchObject({
      status: 'ACCEPTED',
      decisionNote: 'Welcome aboard.',
    });
    namesNoAdministrator(own.body);
    const [row] = await f.audits('permission-request.decide', firstRequest.id);
    expect(row).toMatchObject({ actor_user_id: second.id, before: { status: 'PENDING' }, after: { status: 'ACCEPTED' } });

    const before = await f.counts();
    const again = await t.as(anna).post(`/permission-requests/${firstRequest.id}/decision`, { decision: 'DENY' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('REQUEST_ALREADY_DECIDED');
    expect(await f.counts()).toEqual(before);
  });

  it('R-PERM-6: a denied request grants nothing and tells the requester, with the note', async () => {
    const req = (
      await t.as(requester.session).post('/permission-requests', {
        programCode: 'SELECT_PLUS',
        number: '8765-4321',
        roles: ['ADMINISTRATOR'],
      })
    ).json();
    const res = await t.as(anna).post(`/permission-requests/${req.id}/decision`, { decision: 'DENY', note: 'Ask your manager first.' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('DENIED');
    expect(await f.roles(requester.id, '8765-4321')).toEqual(['DOWNLOAD', 'SA_MANAGER']);
    const mail = (await f.mails('rita.requester@contoso.example')).find((m) => m.template === 'permissionRequestDenied');
    expect(mail?.text).toContain('Ask your manager first.');
    expect(mail?.text).toContain('Administratör');
    namesNoAdministrator(`${mail?.subject}\n${mail?.text}`);
  });
});
