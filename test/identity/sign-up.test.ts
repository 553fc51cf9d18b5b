import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signIn } from '../helpers/session.js';
import { follow, footprint, lastMail, linkIn, PASSWORD, portalStub, rows, userId } from './registration-helpers.js';

describe('self sign-up (R-ID-4) and the E06 sign-in answer', () => {
  let t: TestApp;
  const signUp = (body: Partial<Record<string, string>>, headers: Record<string, string> = {}) =>
    t.as(null, { headers }).post('/auth/sign-up', { firstName: 'Per', lastName: 'Son', password: PASSWORD, country: 'SE', ...body });
  const setContoso = (settings: ReturnType<typeof sql>) =>
    t.database.db.execute(sql`update organization set ${settings} where name = 'Contoso Ltd'`);

  beforeAll(async () => {
    t = await createTestApp({ webRoot: await portalStub() });
    await setContoso(sql`domains = '{contoso.example,lab.contoso.example}'`);
  });
  afterAll(() => t.close());

  it('R-ID-4: signs up an account without permissions; the mailed link confirms the address and makes it usable', async () => {
    const res = await signUp({ email: 'Per.Son@Contoso.example' });
    expect(res.statusCode).toBe(202);
    const body = res.json();
    expect(body).toEqual({ email: 'per.son@contoso.example', organization: { name: 'Contoso Ltd', country: 'SE' }, warnings: [] });
    const id = await userId(t, 'per.son@contoso.example');
    const orgId = (await rows<{ id: string }>(t, sql`select id from organization where name = 'Contoso Ltd'`))[0]?.id;
    const [u] = await rows(t, sql`select status, organization_id, email_verified_at from "user" where id = ${id}`);
    expect(u).toMatchObject({ status: 'invited', organization_id: orgId, email_verified_at: null });
    expect(await rows(t, sql`select id from role_grant where user_id = ${id}`)).toEqual([]);
    const [logged] = await rows(t, sql`select actor_user_id, after from audit_log where action = 'user.sign-up' and target_id = ${id}`);
    expect(logged).toMatchObject({ actor_user_id: id, after: { email: 'per.son@contoso.example', status: 'invited' } });

    // Not usable before the link: the password just chosen proves nothing about the mailbox.
    const early = await t.as(null).post('/auth/sign-in', { email: 'per.son@contoso.example', password: PASSWORD });
    expect(early.statusCode).toBe(401);

    const mail = await lastMail(t, 'per.son@contoso.example', 'signUpCompleted');
    expect(mail.subject).toBe('Welcome to the Licensing Service Center');
    expect(mail.text).toContain('Your account has no permissions yet');
    const token = await follow(t, linkIn(t, mail, '/verify-email'));
    const verified = await t.as(null).post('/auth/verify-email', { token });
    expect(verified.json()).toEqual({
      userId: id,
      email: 'per.son@contoso.example',
      address: 'per.son@contoso.example',
      activatedGrants: 0,
    });
    const [after] = await rows(t, sql`select status, email_verified_at from "user" where id = ${id}`);
    expect(after?.status).toBe('active');
    expect(after?.email_verified_at).not.toBeNull();

    const s = await signIn(t.app, 'per.son@contoso.example', PASSWORD);
    const ids = await t.as(s).get('/licensing-ids');
    expect(ids.json().items).toEqual([]);

    // Signing up again is answered like any sign-up; the owner is told by mail.
    const again = await signUp({ email: 'PER.SON@contoso.example' });
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual(body);
    expect((await lastMail(t, 'per.son@contoso.example', 'signUpAccountExists')).subject).toBe(
      'Someone tried to sign up with your address',
    );
  });

  it('R-ID-5: a shared-looking address signs up with a SHARED_MAILBOX warning', async () => {
    const res = await signUp({ email: 'helpdesk@contoso.example' });
    expect(res.statusCode).toBe(202);
    expect(res.json().warnings).toEqual(['SHARED_MAILBOX']);
  });

  it('R-ID-4: E03 when the organization turned sign-up off, titled with the help text in English and Swedish', async () => {
    await setContoso(sql`self_sign_up = false`);
    const before = await footprint(t);
    const res = await signUp({ email: 'blocked@contoso.example' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      code: 'E03',
      title: 'Sorry, we cannot finish signing you up. Your IT Department has turned off signup for the Licensing Service Center.',
    });
    const sv = await signUp({ email: 'blocked@contoso.example' }, { 'accept-language': 'sv-SE,sv;q=0.9' });
    expect(sv.json().title).toBe(
      'Tyvärr kan vi inte slutföra din registrering. Din IT-avdelning har stängt av registrering för Licensing Service Center.',
    );
    expect(await footprint(t)).toEqual(before);
    await setContoso(sql`self_sign_up = true`);
  });

  it('R-ID-4: E02 when the address’s domain is restricted for automatic sign-up', async () => {
    await setContoso(sql`restricted_domains = '{lab.contoso.example}'`);
    const before = await footprint(t);
    const res = await signUp({ email: 'someone@lab.contoso.example' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      code: 'E02',
      title:
        'We are sorry. We are unable to complete your sign up to the Licensing Service Center as the email domain you have provided is restricted for automatic sign up.',
    });
    expect(await footprint(t)).toEqual(before);
    expect((await signUp({ email: 'someone.else@contoso.example' })).statusCode).toBe(202);
    await setContoso(sql`restricted_domains = '{}'`);
  });

  it('R-ID-4: E04 when no organization owns the domain, or the directory is required and lacks the address', async () => {
    const before = await footprint(t);
    const none = await signUp({ email: 'anna@nowhere.example' });
    expect(none.statusCode).toBe(403);
    expect(none.json()).toMatchObject({ code: 'E04', reason: 'NO_ORGANIZATION' });
    expect(none.json().title).toContain("does not exist in your organization's directory");

    await setContoso(sql`directory_required = true`);
    const orgId = (await rows<{ id: string }>(t, sql`select id from organization where name = 'Contoso Ltd'`))[0]?.id;
    await t.database.db.execute(sql`insert into directory_entry (organization_id, email, active) values
      (${orgId}, 'Listed@Contoso.example', true), (${orgId}, 'left@contoso.example', false)`);
    const missing = await signUp({ email: 'unlisted@contoso.example' });
    expect(missing.json()).toMatchObject({ code: 'E04', reason: 'NOT_IN_DIRECTORY' });
    expect((await signUp({ email: 'left@contoso.example' })).json().code).toBe('E04');
    const entries = await footprint(t);
    expect({ ...entries, audit: 0 }).toEqual({ ...before, audit: 0 });
    expect((await signUp({ email: 'listed@contoso.example' })).statusCode).toBe(202);
    await setContoso(sql`directory_required = false`);
  });

  it('R-ID-4: E06 names the work account when a linked personal address signs up or signs in; other personal addresses stay PERSONAL_ACCOUNT', async () => {
    await t.database.db.execute(sql`update "user" set personal_email = 'Sara.Holm@Gmail.com' where email = 'keys@contoso.example'`);
    const before = await footprint(t);
    const res = await signUp({ email: 'sara.holm@gmail.com' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'E06',
      title: 'We are unable to complete your action. Sign in using the work account named in this message.',
      workAccount: 'keys@contoso.example',
    });
    expect(res.json().detail).toContain('keys@contoso.example');
    const personal = await signUp({ email: 'someone@gmail.com' });
    expect(personal.json().code).toBe('PERSONAL_ACCOUNT');
    expect(await footprint(t)).toEqual(before);
    const e06 = await t.as(null).post('/auth/sign-in', { email: 'SARA.HOLM@gmail.com', password: 'demo-password-1' });
    expect(e06.statusCode).toBe(400);
    expect(e06.json()).toMatchObject({ code: 'E06', workAccount: 'keys@contoso.example' });
    expect(e06.cookies).toEqual([]);
    expect((await t.as(null).post('/auth/sign-in', { email: 'someone@gmail.com', password: 'demo-password-1' })).json().code).toBe(
      'PERSONAL_ACCOUNT',
    );
    // A removed work account is not named.
    await t.database.db.execute(sql`update "user" set status = 'removed' where email = 'keys@contoso.example'`);
    expect((await t.as(null).post('/auth/sign-in', { email: 'sara.holm@gmail.com', password: 'demo-password-1' })).json().code).toBe(
      'PERSONAL_ACCOUNT',
    );
    await t.database.db.execute(sql`update "user" set status = 'active' where email = 'keys@contoso.example'`);
  });

  it('R-ID-7: the first sign-up confirms the organization’s country; later ones cannot change it (409 COUNTRY_FIXED)', async () => {
    const fixed = await signUp({ email: 'elsewhere@contoso.example', country: 'US' });
    expect(fixed.statusCode).toBe(409);
    expect(fixed.json()).toMatchObject({ code: 'COUNTRY_FIXED', country: 'SE' });

    const [tailspin] = await rows<{ id: string }>(
      t,
      sql`insert into organization (name, country, domains) values ('Tailspin Toys', 'US', '{tailspin.example}') returning id`,
    );
    const first = await signUp({ email: 'founder@tailspin.example', country: 'gb' });
    expect(first.statusCode).toBe(202);
    expect(first.json().organization).toEqual({ name: 'Tailspin Toys', country: 'GB' });
    const [logged] = await rows(
      t,
      sql`select before, after from audit_log where action = 'organization.country' and target_id = ${tailspin?.id}`,
    );
    expect(logged).toEqual({ before: { country: 'US' }, after: { country: 'GB', by: 'sign-up' } });
    const second = await signUp({ email: 'second@tailspin.example', country: 'US' });
    expect(second.json()).toMatchObject({ code: 'COUNTRY_FIXED', country: 'GB' });
    expect((await signUp({ email: 'second@tailspin.example', country: 'GB' })).statusCode).toBe(202);
  });

  it('R-ID-4: bad input writes nothing', async () => {
    const before = await footprint(t);
    const cases: [Partial<Record<string, string>>, string][] = [
      [{ email: 'bad@contoso.example', country: 'Sweden' }, 'VALIDATION_FAILED'],
      [{ email: 'not-an-address' }, 'VALIDATION_FAILED'],
      [{ email: 'bad@contoso.example', firstName: '' }, 'VALIDATION_FAILED'],
      [{ email: 'bad@contoso.example', password: 'too-short' }, 'WEAK_PASSWORD'],
      [{ email: 'bad.person@contoso.example', password: 'bad.person@contoso.example' }, 'WEAK_PASSWORD'],
      [{ email: 'bad@contoso.example', country: 'SE', extra: 'x'.repeat(2_000_000) }, 'PAYLOAD_TOO_LARGE'],
    ];
    for (const [body, code] of cases) {
      const res = await signUp(body);
      expect(res.json().code, JSON.stringify(body).slice(0, 80)).toBe(code);
    }
    expect(await footprint(t)).toEqual(before);
    expect(await rows(t, sql`select id from "user" where email like 'bad%'`)).toEqual([]);
    expect(await userId(t, 'admin@contoso.example')).toBeTruthy();
  });
});
