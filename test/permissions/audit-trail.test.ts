import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncInheritance } from '../../src/modules/permissions/inheritance/sync.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';
import { type Fixtures, fixtures } from './fixtures.js';

interface AuditRow extends Record<string, unknown> {
  id: number;
  action: string;
  actor_user_id: string | null;
  target_type: string;
  target_id: string | null;
  before: unknown;
  after: unknown;
}

/**
 * The issue's promise: everything an Administrator does lands in the audit log with actor, target
 * and before/after, and no secret lands there. Each case goes through the HTTP API and reads the
 * rows its request wrote.
 */
describe('audit trail of Administrator actions', () => {
  let t: TestApp;
  let f: Fixtures;
  let anna: Session;
  let annaId: string;
  let contosoId: string;
  /** Every secret the cases handed out: none may appear in any audit row. */
  const secrets: string[] = [];

  /** The newest audit row's id: a case reads what was written after it. */
  const mark = async () => (await f.rows<{ id: number }>(sql`select coalesce(max(id), 0)::int as id from audit_log`))[0]?.id ?? 0;
  const written = (since: number) =>
    f.rows<AuditRow>(sql`select id::int as id, action, actor_user_id, target_type, target_id, before, after
      from audit_log where id > ${since} order by id`);
  const carriesSecret = (row: AuditRow) => {
    const text = JSON.stringify([row.before, row.after]);
    return secrets.filter((s) => text.includes(s));
  };

  /**
   * The one row of `action` written since `since`: by the actor, about the target, with a before
   * or an after that tells the change (they differ), and no secret in either.
   */
  async function audited(since: number, action: string, who: string, target: { type: string; id: string }) {
    const rows = (await written(since)).filter((r) => r.action === action);
    expect(rows, action).toHaveLength(1);
    const row = rows[0] as AuditRow;
    expect(row, action).toMatchObject({ actor_user_id: who, target_type: target.type, target_id: target.id });
    expect(row.before ?? row.after, `${action}: before or after`).not.toBeNull();
    expect(JSON.stringify(row.before), `${action}: before differs from after`).not.toBe(JSON.stringify(row.after));
    expect(carriesSecret(row), action).toEqual([]);
    return row;
  }

  /** The token of the newest mailed link of this kind to the address. */
  async function mailedToken(to: string, path: string) {
    const [mail] = await f.rows<{ text: string }>(
      sql`select text from outbox where text like ${`%${to}%`} and text like ${`%${path}?token=%`} order by id desc limit 1`,
    );
    const token = new RegExp(`${path.replace(/[/-]/g, '\\$&')}\\?token=([A-Za-z0-9_-]+)`).exec(mail?.text ?? '')?.[1];
    if (!token) throw new Error(`no ${path} link mailed about ${to}`);
    secrets.push(token);
    return token;
  }

  /** Just enough of an OpenID provider for saving SSO settings: its discovery document. */
  let discovery: Server;
  let issuer: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_IP_LIMIT: '1000', OIDC_ALLOW_INSECURE_HTTP: 'true', OUTBOUND_ALLOW_PRIVATE: 'true' } });
    f = fixtures(t);
    anna = await signIn(t.app, 'admin@contoso.example');
    annaId = await f.userId('admin@contoso.example');
    contosoId = (await f.rows<{ id: string }>(sql`select id from organization where name = 'Contoso Ltd'`))[0]?.id ?? '';
    discovery = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          issuer,
          authorization_endpoint: `${issuer}/auth`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    });
    await new Promise<void>((resolve) => discovery.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(discovery.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => discovery?.close(resolve));
    await t?.close();
  });

  it('R-PERM-7: adding a user records who and with which roles; re-sending the invitation records the link replaced, never a link itself', async () => {
    const enrollment = await f.lid('67012345');
    const since = await mark();
    const added = await t.as(anna).post('/users', {
      email: 'Audit.New@contoso.example',
      firstName: 'Nova',
      lastName: 'Audit',
      grants: [{ licensingId: enrollment, roles: ['DOWNLOAD'] }],
    });
    expect(added.statusCode, added.body).toBe(201);
    const id = added.json().id as string;
    await mailedToken('audit.new@contoso.example', '/register');
    const row = await audited(since, 'users.add', annaId, { type: 'user', id });
    expect(row).toMatchObject({
      before: null,
      after: { email: 'audit.new@contoso.example', holdings: { [enrollment]: { roles: ['DOWNLOAD'] } } },
    });

    const [first] = await f.rows<{ id: string }>(sql`select id from invitation where user_id = ${id}`);
    const resendSince = await mark();
    expect((await t.as(anna).post(`/users/${id}/invitation`)).statusCode).toBe(202);
    await mailedToken('audit.new@contoso.example', '/register');
    const [second] = await f.rows<{ id: string }>(sql`select id from invitation where user_id = ${id} and revoked_at is null`);
    const resent = await audited(resendSince, 'invitation.resend', annaId, { type: 'user', id });
    expect(resent).toMatchObject({
      before: { invitationId: first?.id },
      after: { invitationId: second?.id, by: 'administrator' },
    });
  });

  it('R-PERM-7: editing roles records the holding on the Licensing ID before and after', async () => {
    const u = await f.user('audit.roles@contoso.example', { grants: [['67012345', ['DOWNLOAD']]] });
    const enrollment = await f.lid('67012345');
    const since = await mark();
    const res = await t.as(anna).put(`/users/${u.id}/roles/${enrollment}`, {
      roles: ['DOWNLOAD', 'ONLINE_SERVICES_MANAGER'],
      manageReservation: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    const row = await audited(since, 'users.set-roles', annaId, { type: 'user', id: u.id });
    expect(row).toMatchObject({
      before: { [enrollment]: { roles: ['DOWNLOAD'], manageReservation: false } },
      after: { [enrollment]: { roles: ['DOWNLOAD', 'ONLINE_SERVICES_MANAGER'], manageReservation: true } },
    });
  });

  it('R-PERM-7: removing a Licensing ID records what the user held there and that nothing is left', async () => {
    const u = await f.user('audit.remove@contoso.example', { grants: [['8765-4321', ['PRODUCT_KEYS']]] });
    const pcn = await f.lid('8765-4321');
    const since = await mark();
    expect((await t.as(anna).delete(`/users/${u.id}/roles/${pcn}`)).statusCode).toBe(204);
    const row = await audited(since, 'users.remove-licensing-id', annaId, { type: 'user', id: u.id });
    expect(row).toMatchObject({ before: { [pcn]: { roles: ['PRODUCT_KEYS'] } }, after: { [pcn]: { roles: [] } } });
  });

  it('R-PERM-7: deactivation and reactivation record the holdings taken and given back', async () => {
    const u = await f.user('audit.mover@contoso.example', {
      grants: [
        ['67012345', ['DOWNLOAD']],
        ['8765-4321', ['LICENSING_INFO_VIEWER']],
      ],
    });
    const [enrollment, pcn] = [await f.lid('67012345'), await f.lid('8765-4321')];
    const since = await mark();
    expect((await t.as(anna).post(`/users/${u.id}/deactivate`)).statusCode).toBe(200);
    const off = await audited(since, 'users.deactivate', annaId, { type: 'user', id: u.id });
    expect(off).toMatchObject({
      before: { [enrollment]: { roles: ['DOWNLOAD'] }, [pcn]: { roles: ['LICENSING_INFO_VIEWER'] } },
      after: { [enrollment]: { roles: [] }, [pcn]: { roles: [] } },
    });

    const backSince = await mark();
    expect((await t.as(anna).post(`/users/${u.id}/reactivate`)).statusCode).toBe(200);
    const on = await audited(backSince, 'users.reactivate', annaId, { type: 'user', id: u.id });
    expect(on).toMatchObject({
      before: { [enrollment]: { roles: [] }, [pcn]: { roles: [] } },
      after: { [enrollment]: { roles: ['DOWNLOAD'] }, [pcn]: { roles: ['LICENSING_INFO_VIEWER'] } },
    });
  });

  it('R-PERM-6: accepting and denying a permission request record the decision, whose request it was and the roles it gave', async () => {
    const requester = await f.user('audit.requester@contoso.example', { grants: [['67012345', ['DOWNLOAD']]] });
    const request = async (number: string, roles: string[]) => {
      const res = await t.as(requester.session).post('/permission-requests', { programCode: 'SELECT_PLUS', number, roles });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const pcn = await f.lid('8765-4321');
    const accepted = await request('8765-4321', ['PRODUCT_KEYS']);
    const since = await mark();
    expect((await t.as(anna).post(`/permission-requests/${accepted}/decision`, { decision: 'ACCEPT' })).statusCode).toBe(200);
    const yes = await audited(since, 'permission-request.decide', annaId, { type: 'permission_request', id: accepted });
    expect(yes).toMatchObject({
      before: { status: 'PENDING', holding: { roles: [] } },
      after: { status: 'ACCEPTED', requesterId: requester.id, licensingId: pcn, holding: { roles: ['PRODUCT_KEYS'] } },
    });

    const denied = await request('8765-4321', ['DOWNLOAD']);
    const denySince = await mark();
    const deny = await t.as(anna).post(`/permission-requests/${denied}/decision`, { decision: 'DENY', note: 'Ask your manager.' });
    expect(deny.statusCode).toBe(200);
    const no = await audited(denySince, 'permission-request.decide', annaId, { type: 'permission_request', id: denied });
    expect(no).toMatchObject({
      before: { status: 'PENDING' },
      after: { status: 'DENIED', note: 'Ask your manager.', requesterId: requester.id, licensingId: pcn, holding: null },
    });
  });

  it('R-ID-4, R-ID-7: organization settings record the sign-up settings and country before and after; a refused country change records nothing', async () => {
    const since = await mark();
    expect((await t.as(anna).patch('/organization', { directoryRequired: true })).statusCode).toBe(200);
    const row = await audited(since, 'organization.settings', annaId, { type: 'organization', id: contosoId });
    expect(row).toMatchObject({
      before: { directoryRequired: false, country: 'SE' },
      after: { directoryRequired: true, country: 'SE' },
    });
    expect((await t.as(anna).patch('/organization', { directoryRequired: false })).statusCode).toBe(200);

    const refusedSince = await mark();
    const country = await t.as(anna).patch('/organization', { country: 'NO' });
    expect(country.json().code).toBe('COUNTRY_FIXED');
    expect(await written(refusedSince)).toEqual([]);
  });

  it('single sign-on settings: saving and removing are recorded with issuer and client, never the client secret', async () => {
    const clientSecret = 'audit-client-secret-0123456789';
    secrets.push(clientSecret);
    const since = await mark();
    const saved = await t.as(anna).put('/organization/sso', { issuer, clientId: 'lsc-audit', clientSecret });
    expect(saved.statusCode, saved.body).toBe(200);
    const [stored] = await f.rows<{ client_secret: string }>(sql`select client_secret from oidc_provider`);
    secrets.push(stored?.client_secret ?? clientSecret); // sealed, but still not for the audit log
    const first = await audited(since, 'sso.settings.save', annaId, { type: 'organization', id: contosoId });
    expect(first).toMatchObject({ before: null, after: { issuer, clientId: 'lsc-audit', enabled: true, clientSecretChanged: true } });

    const disableSince = await mark();
    expect((await t.as(anna).put('/organization/sso', { issuer, clientId: 'lsc-audit', enabled: false })).statusCode).toBe(200);
    const disabled = await audited(disableSince, 'sso.settings.save', annaId, { type: 'organization', id: contosoId });
    expect(disabled).toMatchObject({
      before: { issuer, clientId: 'lsc-audit', enabled: true },
      after: { enabled: false, clientSecretChanged: false },
    });

    const removeSince = await mark();
    expect((await t.as(anna).delete('/organization/sso')).statusCode).toBe(204);
    const removed = await audited(removeSince, 'sso.settings.remove', annaId, { type: 'organization', id: contosoId });
    expect(removed).toMatchObject({ before: { issuer, clientId: 'lsc-audit', enabled: false }, after: null });
  });

  it('R-ID-6: a SCIM token is recorded by name, never the token; what the directory then does is recorded with the token as actor', async () => {
    const person = await f.user('audit.scim@contoso.example');
    const since = await mark();
    const created = await t.as(anna).post('/organization/scim-tokens', { name: 'Audit directory' });
    expect(created.statusCode).toBe(201);
    const { id: tokenId, token } = created.json() as { id: string; token: string };
    secrets.push(token);
    const made = await audited(since, 'scim-token.create', annaId, { type: 'scim_token', id: tokenId });
    expect(made).toMatchObject({ before: null, after: { name: 'Audit directory' } });

    const directory = { headers: { authorization: `Bearer ${token}` } };
    const entry = (
      await t.as(directory, { headers: { 'content-type': 'application/scim+json' } }).post('/scim/v2/Users', {
        userName: 'audit.scim@contoso.example',
      })
    ).json().id as string;
    const deleteSince = await mark();
    expect((await t.as(directory).delete(`/scim/v2/Users/${entry}`)).statusCode).toBe(204);
    const deleted = await audited(deleteSince, 'directory.user.delete', tokenId, { type: 'directory_entry', id: entry });
    expect(deleted).toMatchObject({
      before: { userName: 'audit.scim@contoso.example', active: true },
      after: { userName: 'audit.scim@contoso.example', active: false, deletedAt: expect.any(String) },
    });
    const removed = await audited(deleteSince, 'user.directory-removed', tokenId, { type: 'user', id: person.id });
    expect(removed).toMatchObject({ before: { status: 'active' }, after: { status: 'removed', sessionsEnded: 1 } });

    const revokeSince = await mark();
    expect((await t.as(anna).delete(`/organization/scim-tokens/${tokenId}`)).statusCode).toBe(204);
    const revoked = await audited(revokeSince, 'scim-token.revoke', annaId, { type: 'scim_token', id: tokenId });
    expect(revoked).toMatchObject({ before: { name: 'Audit directory' } });
  });

  it('R-PERM-10: the Add Open switch records the setting before and after', async () => {
    const open = await f.lid('V1234567');
    const since = await mark();
    expect((await t.as(anna).patch(`/licensing-ids/${open}/add-open`, { enabled: false })).statusCode).toBe(200);
    const off = await audited(since, 'add_open.switch', annaId, { type: 'licensing_id', id: open });
    expect(off).toMatchObject({ before: { addOpenEnabled: true }, after: { addOpenEnabled: false } });
    expect((await t.as(anna).patch(`/licensing-ids/${open}/add-open`, { enabled: true })).statusCode).toBe(200);
  });

  it('R-PERM-11: denying a reseller from Manage Users records the roles taken, never the Deny Access token', async () => {
    const open = await f.lid('V1234567');
    const operator = await signIn(t.app, 'operator@northwind.example');
    const granted = await t.as(operator).post(`/operator/licensing-ids/${open}/resellers`, {
      email: 'audit.partner@adatum.example',
      firstName: 'Ada',
      lastName: 'Partner',
    });
    expect(granted.statusCode, granted.body).toBe(201);
    const reseller = granted.json().userId as string;
    await mailedToken('audit.partner@adatum.example', '/reseller-access/deny');
    const [access] = await f.rows<{ id: string }>(sql`select id from reseller_access where user_id = ${reseller}`);
    const since = await mark();
    expect((await t.as(anna).delete(`/licensing-ids/${open}/resellers/${reseller}`)).statusCode).toBe(200);
    const row = await audited(since, 'reseller.deny', annaId, { type: 'reseller_access', id: access?.id ?? '' });
    expect(row).toMatchObject({
      before: { roles: expect.arrayContaining(['DOWNLOAD', 'LICENSING_INFO_VIEWER', 'PRODUCT_KEYS', 'SUBSCRIPTIONS_MANAGER']) },
      after: { licensingId: open, userId: reseller, via: 'manage-users' },
    });
  });

  it('R-PERM-5: opting out of Administrator inheritance records the choice and the holdings it changed', async () => {
    const heir = await f.user('audit.heir@contoso.example');
    const ea = await f.agreement('01E73628-EA');
    await f.db.execute(sql`insert into contact (agreement_id, type, name, email, user_id)
      values (${ea}, 'PRIMARY_CONTACT', 'Heir', 'audit.heir@contoso.example', ${heir.id})`);
    // What order ingestion does when a contact appears.
    await f.db.transaction((tx) => syncInheritance(tx, ea));
    const enrollment = await f.lid('67012345');
    const since = await mark();
    expect((await t.as(heir.session).put(`/me/inheritance/${ea}`, { optedIn: false })).statusCode).toBe(200);
    const row = await audited(since, 'permissions.inheritance-choice', heir.id, { type: 'agreement', id: ea });
    expect(row).toMatchObject({
      before: { optedIn: true, holdings: { [enrollment]: { roles: ['ADMINISTRATOR', 'LICENSING_INFO_VIEWER'] } } },
      after: { optedIn: false, holdings: { [enrollment]: { roles: ['LICENSING_INFO_VIEWER'] } } },
    });
  });

  it('no audit row carries any of the secrets handed out above', async () => {
    // Two invitation links, the client secret plain and sealed, the SCIM token, the Deny Access link.
    expect(secrets).toHaveLength(6);
    const leaks = (await written(0)).filter((r) => carriesSecret(r).length > 0).map((r) => r.action);
    expect(leaks).toEqual([]);
  });
});
