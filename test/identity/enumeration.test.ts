import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';
import { footprint, PASSWORD, rows } from './registration-helpers.js';

/**
 * Finding 9: nothing a stranger or another organization's Administrator can send tells them
 * which addresses have an account, and no organization can take another's addresses.
 */
describe('no enumeration or squatting across organizations', () => {
  let t: TestApp;
  let contoso: Session;
  let fabrikam: Session;
  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_IP_LIMIT: '10000' } });
    contoso = await signIn(t.app, 'admin@contoso.example');
    fabrikam = await signIn(t.app, 'admin@fabrikam.example');
  });
  afterAll(() => t.close());

  const signUp = (email: string, password = PASSWORD) =>
    t.as(null).post('/auth/sign-up', { email, firstName: 'Eve', lastName: 'Prober', password, country: 'SE' });
  const mailsTo = (email: string) =>
    rows<{ template: string; locale: string; text: string }>(
      t,
      sql`select template, locale::text, text from outbox where to_address = ${email} order by id`,
    );
  const lid = async (number: string) => (await rows<{ id: string }>(t, sql`select id from licensing_id where number = ${number}`))[0]?.id;
  const invite = (s: Session, email: string, licensingId: string | undefined) =>
    t.as(s).post('/users', { email, firstName: 'In', lastName: 'Vitee', grants: [{ licensingId, roles: ['DOWNLOAD'] }] });
  const problem = (body: Record<string, unknown>) => ({ ...body, instance: '', requestId: '' });

  it('R-ID-4: sign-up answers alike for a new and an existing address; the existing account’s owner is mailed instead', async () => {
    const fresh = await signUp('eve.new@contoso.example');
    const taken = await signUp('viewer@contoso.example'); // seeded, Swedish
    expect(taken.statusCode).toBe(fresh.statusCode);
    expect(fresh.statusCode).toBe(202);
    expect({ ...taken.json(), email: '' }).toEqual({ ...fresh.json(), email: '' });
    expect(Object.keys(taken.json())).toEqual(Object.keys(fresh.json()));

    // The existing account is untouched: its own password still works, the prober's does not.
    expect((await t.as(null).post('/auth/sign-in', { email: 'viewer@contoso.example', password: PASSWORD })).statusCode).toBe(401);
    expect((await t.as(null).post('/auth/sign-in', { email: 'viewer@contoso.example', password: 'demo-password-1' })).statusCode).toBe(200);
    // …and the new account cannot be told apart by signing in either: it waits for its link.
    const probe = await t.as(null).post('/auth/sign-in', { email: 'eve.new@contoso.example', password: PASSWORD });
    expect(probe.statusCode).toBe(401);
    expect(problem(probe.json())).toEqual(
      problem((await t.as(null).post('/auth/sign-in', { email: 'viewer@contoso.example', password: PASSWORD })).json()),
    );

    const notices = (await mailsTo('viewer@contoso.example')).filter((m) => m.template === 'signUpAccountExists');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.locale).toBe('sv');
    expect(notices[0]?.text).toContain('Någon, kanske du, försökte skapa ett nytt konto');
    expect(notices[0]?.text).toContain('http://lsc.test/sign-in');
    expect((await mailsTo('eve.new@contoso.example')).map((m) => m.template)).toEqual(['signUpCompleted']);
    const viewerId = (await rows<{ id: string }>(t, sql`select id from "user" where email = 'viewer@contoso.example'`))[0]?.id;
    const [audited] = await rows<{ after: { mailed: boolean } }>(
      t,
      sql`select after from audit_log where action = 'user.sign-up-existing' and target_id = ${viewerId}`,
    );
    expect(audited?.after.mailed).toBe(true);
  });

  it('R-ID-4: repeated sign-ups of an existing address mail its owner once per window, and answer the same', async () => {
    const first = await signUp('keys@contoso.example');
    const second = await signUp('keys@contoso.example');
    expect(second.statusCode).toBe(202);
    expect(second.json()).toEqual(first.json());
    expect((await mailsTo('keys@contoso.example')).filter((m) => m.template === 'signUpAccountExists')).toHaveLength(1);
  });

  it('R-ID-4: codes that do not depend on an account stay (E03 here) and answer alike for new and existing addresses', async () => {
    await t.database.db.execute(sql`update organization set self_sign_up = false where name = 'Contoso Ltd'`);
    const before = await footprint(t);
    const fresh = await signUp('nobody.yet@contoso.example');
    const taken = await signUp('admin@contoso.example');
    expect(fresh.json().code).toBe('E03');
    expect(problem(taken.json())).toEqual(problem(fresh.json()));
    expect(await footprint(t)).toEqual(before);
    await t.database.db.execute(sql`update organization set self_sign_up = true where name = 'Contoso Ltd'`);
  });

  it('Contoso cannot invite an address on Fabrikam’s domain, existing or not (one answer), so Fabrikam can still invite its employee', async () => {
    const enrollment = await lid('67012345');
    const before = await footprint(t);
    const unknown = await invite(contoso, 'new.hire@fabrikam.example', enrollment);
    const existing = await invite(contoso, 'admin@fabrikam.example', enrollment);
    expect(unknown.statusCode).toBe(403);
    expect(unknown.json().code).toBe('ADDRESS_OF_ANOTHER_ORGANIZATION');
    expect(problem(existing.json())).toEqual(problem(unknown.json()));
    expect(await footprint(t)).toEqual(before);

    const own = await invite(fabrikam, 'new.hire@fabrikam.example', await lid('67099999'));
    expect(own.statusCode, own.body).toBe(201);
    const [hire] = await rows<{ organization: string; status: string }>(
      t,
      sql`select o.name as organization, u.status from "user" u join organization o on o.id = u.organization_id where u.email = 'new.hire@fabrikam.example'`,
    );
    expect(hire).toEqual({ organization: 'Fabrikam Inc', status: 'invited' });
  });

  it('an address on no organization’s domain may be invited; within its own organization an Administrator learns the user exists', async () => {
    const enrollment = await lid('67012345');
    const consultant = await invite(contoso, 'consultant@independent.example', enrollment);
    expect(consultant.statusCode, consultant.body).toBe(201);
    const own = await invite(contoso, 'keys@contoso.example', enrollment);
    expect(own.statusCode).toBe(409);
    expect(own.json()).toMatchObject({ code: 'USER_EXISTS', userId: expect.any(String) });
  });
});
