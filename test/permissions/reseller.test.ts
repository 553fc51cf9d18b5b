import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantResellerAccess } from '../../src/modules/permissions/reseller/service.js';
import { systemClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

describe('reseller access to Open Licenses', () => {
  let t: TestApp;
  let openId: string;
  let enrollmentId: string;
  let operator: Session;
  let admin: Session;
  const rows = async <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => (await t.database.db.execute(q)).rows as T[];
  const count = async (q: ReturnType<typeof sql>) => Number((await rows<{ n: string }>(q))[0]?.n ?? 0);
  const grantUrl = (id: string) => `/api/v1/operator/licensing-ids/${id}/resellers`;
  const grantsOf = (email: string) =>
    rows<{ role: string; source: string; active: boolean }>(sql`
      select g.role::text as role, g.source::text as source, g.active from role_grant g join "user" u on u.id = g.user_id
      where lower(u.email) = ${email} and g.licensing_id = ${openId} order by g.role::text, g.source`);
  const userId = async (email: string) =>
    (await rows<{ id: string }>(sql`select id from "user" where lower(email) = ${email}`))[0]?.id ?? '';
  /** The Deny Access token of the newest administrators' notice about a reseller. */
  async function mailedToken(resellerEmail: string): Promise<string> {
    const [mail] = await rows<{ text: string }>(
      sql`select text from outbox where template = 'resellerAdminNotice' and text like ${`%${resellerEmail}%`} order by id desc limit 1`,
    );
    const token = /\/reseller-access\/deny\?token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
    if (!token) throw new Error(`no Deny Access link for ${resellerEmail}`);
    return token;
  }
  const everything = () =>
    count(sql`select (select count(*) from audit_log) + (select count(*) from outbox) + (select count(*) from role_grant)
      + (select count(*) from "user") + (select count(*) from organization) + (select count(*) from reseller_access) as n`);

  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_IP_LIMIT: '10000' } });
    openId = (await rows<{ id: string }>(sql`select id from licensing_id where number = 'V1234567'`))[0]?.id ?? '';
    enrollmentId = (await rows<{ id: string }>(sql`select id from licensing_id where number = '67012345'`))[0]?.id ?? '';
    operator = await signIn(t.app, 'operator@northwind.example');
    admin = await signIn(t.app, 'admin@contoso.example');
  });
  afterAll(() => t.close());

  it('R-PERM-11: a new reseller gets the limited set at once (never Administrator), an invitation, a partner organization, and the administrators a Deny Access link', async () => {
    const res = await t.as(operator).post(grantUrl(openId), { email: 'Sam.Partner@Adatum.example', firstName: 'Sam', lastName: 'Partner' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ status: 'GRANTED', licensingId: openId, invited: true });
    expect([...body.roles].sort()).toEqual(['DOWNLOAD', 'LICENSING_INFO_VIEWER', 'PRODUCT_KEYS', 'SUBSCRIPTIONS_MANAGER']);
    expect(await grantsOf('sam.partner@adatum.example')).toEqual(
      ['DOWNLOAD', 'LICENSING_INFO_VIEWER', 'PRODUCT_KEYS', 'SUBSCRIPTIONS_MANAGER'].map((role) => ({
        role,
        source: 'RESELLER',
        active: true,
      })),
    );
    const [u] = await rows<{ status: string; organization: string; country: string; domains: string[] }>(sql`
      select u.status, o.name as organization, o.country, o.domains from "user" u join organization o on o.id = u.organization_id
      where u.email = 'sam.partner@adatum.example'`);
    expect(u).toEqual({ status: 'invited', organization: 'adatum.example', country: 'US', domains: ['adatum.example'] });

    const mails = await rows<{ to_address: string; template: string; text: string }>(
      sql`select to_address, template, text from outbox order by id`,
    );
    expect(mails.map((m) => [m.to_address, m.template])).toEqual([
      ['sam.partner@adatum.example', 'invitation'],
      ['admin@contoso.example', 'resellerAdminNotice'],
    ]);
    const notice = mails[1]?.text ?? '';
    expect(notice).toContain('Sam Partner (sam.partner@adatum.example)');
    expect(notice).toContain('Contoso Open License (V1234567)');
    expect(notice).toMatch(/Deny Access: http:\/\/lsc\.test\/reseller-access\/deny\?token=[A-Za-z0-9_-]{40,}/);
    expect(notice).toContain(`http://lsc.test/administration/users?licensingId=${openId}`);

    const [access] = await rows<{ deny_token_hash: string; denied_at: unknown }>(
      sql`select deny_token_hash, denied_at from reseller_access`,
    );
    expect(access?.denied_at).toBeNull();
    // Only the hash is stored, never the link's token.
    expect(notice).not.toContain(access?.deny_token_hash);
    const [entry] = await rows<{ actor_user_id: string; organization_id: string; after: { granted: string[] } }>(
      sql`select actor_user_id, organization_id, after from audit_log where action = 'reseller.grant'`,
    );
    expect(entry?.actor_user_id).toBe(await userId('operator@northwind.example'));
    expect(entry?.after.granted).toHaveLength(4);

    const listed = (await t.as(admin).get(`/licensing-ids/${openId}/resellers`)).json();
    expect(listed.items).toEqual([
      expect.objectContaining({
        email: 'sam.partner@adatum.example',
        firstName: 'Sam',
        organization: 'adatum.example',
        status: 'ACTIVE',
        deniedAt: null,
      }),
    ]);
  });

  it('R-PERM-11: granting again while the access stands changes nothing and mails no one', async () => {
    const before = await everything();
    const res = await t.as(operator).post(grantUrl(openId), { email: 'sam.partner@adatum.example', firstName: 'Sam', lastName: 'Partner' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ALREADY_GRANTED', invited: false });
    expect(await everything()).toBe(before);
  });

  it('R-PERM-11: the administrator denies from the mail link — grants inactive, the reseller told, audited; the link works once (410), and a later order does not re-grant', async () => {
    const token = await mailedToken('sam.partner@adatum.example');
    const res = await t.as(null).post('/reseller-access/deny', { token: token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'DENIED',
      licenseNumber: 'V1234567',
      licenseName: 'Contoso Open License',
      resellerEmail: 'sam.partner@adatum.example',
    });
    expect((await grantsOf('sam.partner@adatum.example')).every((g) => !g.active)).toBe(true);
    const [mail] = await rows<{ to_address: string; text: string }>(
      sql`select to_address, text from outbox where template = 'resellerAccessDenied'`,
    );
    expect(mail?.to_address).toBe('sam.partner@adatum.example');
    expect(mail?.text).toContain('Contoso Ltd');
    const [entry] = await rows<{ after: { via: string }; before: { roles: string[] } }>(
      sql`select before, after from audit_log where action = 'reseller.deny'`,
    );
    expect(entry?.after.via).toBe('mail');
    expect(entry?.before.roles).toHaveLength(4);

    const before = await everything();
    const replay = await t.as(null).post('/reseller-access/deny', { token: token });
    expect(replay.statusCode).toBe(410);
    expect(replay.json().code).toBe('DENY_LINK_USED');
    expect(await everything()).toBe(before);

    expect((await t.as(admin).get(`/licensing-ids/${openId}/resellers`)).json().items[0]).toMatchObject({ status: 'DENIED', roles: [] });
    expect((await t.as(admin).get(`/licensing-ids/${openId}/resellers`)).json().items[0].deniedAt).not.toBeNull();
    const again = await t
      .as(operator)
      .post(grantUrl(openId), { email: 'sam.partner@adatum.example', firstName: 'Sam', lastName: 'Partner' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('RESELLER_ALREADY_DENIED');
    expect(await everything()).toBe(before);
  });

  it('R-PERM-11: an unknown or malformed token is 404 and changes nothing', async () => {
    const before = await everything();
    expect((await t.as(null).post('/reseller-access/deny', { token: 'x'.repeat(43) })).statusCode).toBe(404);
    expect((await t.as(null).post('/reseller-access/deny', { token: 'short' })).json().code).toBe('VALIDATION_FAILED');
    expect(await everything()).toBe(before);
  });

  it('R-PERM-11: an existing user is granted without an invitation, and the administrator denies from Manage Users; grants of other sources stay', async () => {
    // The partner already holds Download through the customer's own administrator.
    const partnerId = await userId('admin@fabrikam.example');
    await t.given.grant(partnerId, { on: openId, roles: ['DOWNLOAD'] });
    const res = await t.as(operator).post(grantUrl(openId), { email: 'admin@fabrikam.example', firstName: 'Frank', lastName: 'Miller' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'GRANTED', invited: false, userId: partnerId });
    expect(await count(sql`select count(*) as n from outbox where to_address = 'admin@fabrikam.example' and template = 'invitation'`)).toBe(
      0,
    );
    const [told] = await rows<{ text: string }>(
      sql`select text from outbox where to_address = 'admin@fabrikam.example' and template = 'resellerAccessGranted'`,
    );
    expect(told?.text).toContain('Contoso Ltd');
    expect(await grantsOf('admin@fabrikam.example')).toEqual([
      { role: 'DOWNLOAD', source: 'ADMIN', active: true },
      { role: 'LICENSING_INFO_VIEWER', source: 'RESELLER', active: true },
      { role: 'PRODUCT_KEYS', source: 'RESELLER', active: true },
      { role: 'SUBSCRIPTIONS_MANAGER', source: 'RESELLER', active: true },
    ]);

    const url = `/api/v1/licensing-ids/${openId}/resellers/${partnerId}`;
    const keys = await signIn(t.app, 'keys@contoso.example');
    expect((await t.as(keys).delete(url)).statusCode).toBe(403);
    const reseller = await signIn(t.app, 'admin@fabrikam.example');
    expect((await t.as(reseller).delete(url)).statusCode).toBe(403);

    const denied = await t.as(admin).delete(url);
    expect(denied.statusCode).toBe(200);
    expect(denied.json()).toEqual({ userId: partnerId, licensingId: openId, status: 'DENIED' });
    expect(await grantsOf('admin@fabrikam.example')).toEqual([
      { role: 'DOWNLOAD', source: 'ADMIN', active: true },
      { role: 'LICENSING_INFO_VIEWER', source: 'RESELLER', active: false },
      { role: 'PRODUCT_KEYS', source: 'RESELLER', active: false },
      { role: 'SUBSCRIPTIONS_MANAGER', source: 'RESELLER', active: false },
    ]);
    const [entry] = await rows<{ actor_user_id: string; after: { via: string } }>(
      sql`select actor_user_id, after from audit_log where action = 'reseller.deny' order by id desc limit 1`,
    );
    expect(entry).toEqual({
      actor_user_id: await userId('admin@contoso.example'),
      after: expect.objectContaining({ via: 'manage-users' }),
    });
    expect(
      await count(sql`select count(*) as n from outbox where to_address = 'admin@fabrikam.example' and template = 'resellerAccessDenied'`),
    ).toBe(1);

    const twice = await t.as(admin).delete(url);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('RESELLER_ALREADY_DENIED');
    // Denied in Manage Users: the mailed link is spent too.
    expect((await t.as(null).post('/reseller-access/deny', { token: await mailedToken('admin@fabrikam.example') })).statusCode).toBe(410);
    const unknown = await t.as(admin).delete(`/licensing-ids/${openId}/resellers/${await userId('keys@contoso.example')}`);
    expect(unknown.statusCode).toBe(404);
  });

  it('R-PERM-11: a second reseller of the same domain joins the existing partner organization; the country is kept when given', async () => {
    const res = await t
      .as(operator)
      .post(grantUrl(openId), { email: 'kim@adatum.example', firstName: 'Kim', lastName: 'Lee', country: 'se' });
    expect(res.statusCode).toBe(201);
    expect(await count(sql`select count(*) as n from organization where 'adatum.example' = any(domains)`)).toBe(1);
    const other = await t
      .as(operator)
      .post(grantUrl(openId), { email: 'jo@litware.example', firstName: 'Jo', lastName: 'Berg', country: 'se' });
    expect(other.statusCode).toBe(201);
    expect((await rows<{ country: string }>(sql`select country from organization where name = 'litware.example'`))[0]?.country).toBe('SE');
  });

  it('R-PERM-11: refusals — personal address, not an Open License, unknown Licensing ID, bad input, not an operator — write nothing', async () => {
    const before = await everything();
    const personal = await t.as(operator).post(grantUrl(openId), { email: 'someone@gmail.com', firstName: 'A', lastName: 'B' });
    expect(personal.statusCode).toBe(400);
    expect(personal.json().code).toBe('PERSONAL_ACCOUNT');
    const notOpen = await t.as(operator).post(grantUrl(enrollmentId), { email: 'x@adatum.example', firstName: 'A', lastName: 'B' });
    expect(notOpen.statusCode).toBe(409);
    expect(notOpen.json().code).toBe('NOT_OPEN_LICENSE');
    expect(
      (
        await t
          .as(operator)
          .post(grantUrl('00000000-0000-4000-8000-000000000000'), { email: 'x@adatum.example', firstName: 'A', lastName: 'B' })
      ).statusCode,
    ).toBe(404);
    for (const payload of [
      { email: 'not-an-address', firstName: 'A', lastName: 'B' },
      { email: 'x@adatum.example', firstName: '', lastName: 'B' },
      { email: 'x@adatum.example', firstName: 'A', lastName: 'B', country: 'Sweden' },
      { email: 'x@adatum.example', firstName: 'A' },
    ]) {
      const res = await t.as(operator).post(grantUrl(openId), payload);
      expect(res.json().code, JSON.stringify(payload)).toBe('VALIDATION_FAILED');
    }
    expect((await t.as(admin).post(grantUrl(openId), { email: 'x@adatum.example', firstName: 'A', lastName: 'B' })).statusCode).toBe(403);
    expect(await everything()).toBe(before);
  });

  it('R-PERM-11: order ingestion calls grantResellerAccess in its own transaction, with no actor', async () => {
    const result = await t.database.db.transaction((tx) =>
      grantResellerAccess(
        tx,
        { config: t.config, clock: systemClock },
        {
          licensingId: openId,
          email: 'ingested@tailspin.example',
          firstName: 'Ina',
          lastName: 'Gest',
          actor: null,
        },
      ),
    );
    expect(result).toMatchObject({ status: 'GRANTED', invited: true });
    expect(result.roles).not.toContain('ADMINISTRATOR');
    const [entry] = await rows<{ actor_user_id: string | null }>(
      sql`select actor_user_id from audit_log where action = 'reseller.grant' order by id desc limit 1`,
    );
    expect(entry?.actor_user_id).toBeNull();
    const token = await mailedToken('ingested@tailspin.example');
    expect((await t.as(null).post('/reseller-access/deny', { token: token })).statusCode).toBe(200);
    const statuses = Object.fromEntries(
      ((await t.as(admin).get(`/licensing-ids/${openId}/resellers`)).json().items as { email: string; status: string }[]).map((r) => [
        r.email,
        r.status,
      ]),
    );
    expect(statuses).toMatchObject({
      'sam.partner@adatum.example': 'DENIED',
      'admin@fabrikam.example': 'DENIED',
      'kim@adatum.example': 'ACTIVE',
      'ingested@tailspin.example': 'DENIED',
    });
  });
});
