import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { signIn } from '../helpers/session.js';
import { follow, footprint, invite, lastMail, licensingIdOf, linkIn, PASSWORD, portalStub, rows, userId } from './registration-helpers.js';

const DAY = 86_400_000;

describe('registration from an invitation', () => {
  let t: TestApp;
  const clock = fixedClock('2026-03-02T09:00:00Z');
  const register = (payload: object) => t.as(null).post('/auth/register', payload);
  const licensingNumbers = async (email: string, password = PASSWORD) => {
    const s = await signIn(t.app, email, password);
    const res = await t.as(s).get('/licensing-ids');
    expect(res.statusCode).toBe(200);
    return (res.json().items as { number: string }[]).map((l) => l.number).sort();
  };

  beforeAll(async () => {
    t = await createTestApp({ clock, webRoot: await portalStub() });
  });
  afterAll(() => t.close());

  it('R-ID-2: invitation mail → link → registration → sign-in shows the granted Licensing ID; the inviter is told', async () => {
    const invitedId = await invite(t, clock, {
      email: 'Nils.Ek@contoso.example',
      grants: [{ licensingNumber: '67012345', role: 'LICENSING_INFO_VIEWER' }],
    });
    const mail = await lastMail(t, 'nils.ek@contoso.example', 'invitation');
    expect(mail.subject).toBe('You are invited to the Licensing Service Center');
    expect(mail.text).toContain('Anna Lind of Contoso Ltd');
    expect(mail.text).toContain('2026-03-16'); // 14 days (INVITATION_TTL_DAYS)
    const token = await follow(t, linkIn(t, mail, '/register'));

    const shown = await t.as(null).get(`/auth/invitations/${token}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({
      status: 'valid',
      email: 'Nils.Ek@contoso.example',
      organization: { name: 'Contoso Ltd' },
      invitedBy: { name: 'Anna Lind' },
      expiresAt: '2026-03-16T09:00:00.000Z',
      warnings: [],
    });

    const res = await register({ token, firstName: 'Nils', lastName: 'Ek', password: PASSWORD });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      userId: invitedId,
      email: 'Nils.Ek@contoso.example',
      pendingVerification: false,
      verificationSentTo: null,
      warnings: [],
    });
    const [u] = await rows(t, sql`select status, first_name, last_name, email_verified_at from "user" where id = ${invitedId}`);
    expect(u).toMatchObject({ status: 'active', first_name: 'Nils', last_name: 'Ek' });
    expect(u?.email_verified_at).not.toBeNull();
    const [accepted] = await rows(t, sql`select accepted_at from invitation where user_id = ${invitedId}`);
    expect(new Date(String(accepted?.accepted_at))).toEqual(clock.now());
    const [logged] = await rows(
      t,
      sql`select actor_user_id, before, after from audit_log where action = 'user.register' and target_id = ${invitedId}`,
    );
    expect(logged).toMatchObject({
      actor_user_id: invitedId,
      before: { status: 'invited' },
      after: { status: 'active', pendingGrantIds: [] },
    });

    const welcome = await lastMail(t, 'nils.ek@contoso.example', 'registrationCompleted');
    expect(welcome.text).toContain('Your registration is complete');
    const signInPage = linkIn(t, welcome, '/sign-in');
    expect((await t.app.inject({ method: 'GET', url: signInPage.pathname })).statusCode).toBe(200);
    const notice = await lastMail(t, 'admin@contoso.example', 'inviteeRegistered');
    expect(notice.subject).toBe('Nils Ek has registered with the Licensing Service Center');
    expect(notice.text).toContain('Nils Ek, whom you invited at Nils.Ek@contoso.example, has registered as Nils.Ek@contoso.example.');

    expect(await licensingNumbers('nils.ek@contoso.example')).toEqual(['67012345']);
  });

  it('R-ID-2: replaying a used invitation answers 409 INVITATION_USED and never creates a second account', async () => {
    await invite(t, clock, { email: 'replay@contoso.example', grants: [{ licensingNumber: '67012345', role: 'DOWNLOAD' }] });
    const token = await follow(t, linkIn(t, await lastMail(t, 'replay@contoso.example', 'invitation'), '/register'));
    // Two submissions of the same form at once: the row lock lets exactly one through.
    const both = await Promise.all([
      register({ token, firstName: 'Re', lastName: 'Play', password: PASSWORD }),
      register({ token, firstName: 'Re', lastName: 'Play', password: PASSWORD, email: 're.play@contoso.example' }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.statusCode === 409)?.json().code).toBe('INVITATION_USED');
    const before = await footprint(t);
    const again = await register({ token, firstName: 'Re', lastName: 'Play', password: PASSWORD, email: 'replay.two@contoso.example' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'INVITATION_USED',
      title: 'This invitation has already been used to register. Sign in instead.',
    });
    expect(await footprint(t)).toEqual(before);
    const accounts = await rows(t, sql`select email from "user" where email like 'replay%' or email like 're.play%'`);
    expect(accounts).toHaveLength(1);
    expect((await t.as(null).get(`/auth/invitations/${token}`)).json().status).toBe('used');
    // A used link cannot be re-sent either: the invited user has registered.
    expect((await t.as(null).post('/auth/invitations/resend', { token })).json().code).toBe('INVITATION_USED');
  });

  it('R-ID-2: 15 days later the link answers 410 INVITATION_EXPIRED; a re-send mails a fresh link to the invited address', async () => {
    const invitedId = await invite(t, clock, {
      email: 'late@contoso.example',
      grants: [{ licensingNumber: '8765-4321', role: 'PRODUCT_KEYS' }],
      locale: 'sv',
    });
    const first = await lastMail(t, 'late@contoso.example', 'invitation');
    expect(first.subject).toBe('Du är inbjuden till Licensing Service Center');
    const oldToken = await follow(t, linkIn(t, first, '/register'));
    clock.advance(15 * DAY);

    expect((await t.as(null).get(`/auth/invitations/${oldToken}`)).json().status).toBe('expired');
    const before = await footprint(t);
    const expired = await register({ token: oldToken, firstName: 'Lena', lastName: 'Sent', password: PASSWORD });
    expect(expired.statusCode).toBe(410);
    expect(expired.json()).toMatchObject({ code: 'INVITATION_EXPIRED', reason: 'expired', resend: '/api/v1/auth/invitations/resend' });
    expect(await footprint(t)).toEqual(before);

    const resent = await t.as(null).post('/auth/invitations/resend', { token: oldToken });
    expect(resent.statusCode).toBe(202);
    expect(resent.json()).toEqual({ sentTo: 'late@contoso.example', expiresAt: new Date(clock.now().getTime() + 14 * DAY).toISOString() });
    expect(resent.body).not.toContain(oldToken);
    const second = await lastMail(t, 'late@contoso.example', 'invitation');
    expect(Number(second.id)).toBeGreaterThan(Number(first.id));
    expect(second.text).toContain('Anna Lind på Contoso Ltd'); // still the original inviter, in the invitee's language
    const newToken = await follow(t, linkIn(t, second, '/register'));
    expect(newToken).not.toBe(oldToken);
    const [logged] = await rows(t, sql`select after from audit_log where action = 'invitation.resend' and target_id = ${invitedId}`);
    expect(logged?.after).toMatchObject({ by: 'link' });

    // The old link is replaced: it can ask for another link but no longer registers.
    const replaced = await register({ token: oldToken, firstName: 'Lena', lastName: 'Sent', password: PASSWORD });
    expect(replaced.json()).toMatchObject({ code: 'INVITATION_EXPIRED', reason: 'replaced' });
    const ok = await register({ token: newToken, firstName: 'Lena', lastName: 'Sent', password: PASSWORD });
    expect(ok.statusCode).toBe(201);
    const welcome = await lastMail(t, 'late@contoso.example', 'registrationCompleted');
    expect(welcome.subject).toBe('Din registrering i Licensing Service Center är klar');
    expect(await licensingNumbers('late@contoso.example')).toEqual(['8765-4321']);
  });

  it('R-ID-2: an Administrator re-sends from Manage Users, only for users on Licensing IDs they administer', async () => {
    const invitedId = await invite(t, clock, {
      email: 'pending@contoso.example',
      grants: [{ licensingNumber: 'V1234567', role: 'DOWNLOAD' }],
    });
    const first = await lastMail(t, 'pending@contoso.example', 'invitation');
    const admin = await signIn(t.app, 'admin@contoso.example');
    const url = `/api/v1/users/${invitedId}/invitation`;

    const foreign = await t.as(await signIn(t.app, 'admin@fabrikam.example')).post(url);
    expect(foreign.statusCode).toBe(404);
    const viewer = await t.as(await signIn(t.app, 'keys@contoso.example')).post(url);
    expect(viewer.statusCode).toBe(404);
    expect((await lastMail(t, 'pending@contoso.example', 'invitation')).id).toBe(first.id);

    const res = await t.as(admin).post(url);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ userId: invitedId, email: 'pending@contoso.example' });
    const second = await lastMail(t, 'pending@contoso.example', 'invitation');
    expect(Number(second.id)).toBeGreaterThan(Number(first.id));
    const [logged] = await rows(
      t,
      sql`select actor_user_id, after from audit_log where action = 'invitation.resend' and target_id = ${invitedId}`,
    );
    expect(logged).toMatchObject({ actor_user_id: await userId(t, 'admin@contoso.example'), after: { by: 'administrator' } });
    // The first link was replaced by the second.
    const oldToken = linkIn(t, first, '/register').searchParams.get('token');
    expect((await t.as(null).get(`/auth/invitations/${oldToken}`)).json().status).toBe('replaced');

    const registered = await t.as(admin).post(`/users/${await userId(t, 'viewer@contoso.example')}/invitation`);
    expect(registered.statusCode).toBe(409);
    expect(registered.json()).toMatchObject({ code: 'USER_NOT_INVITED', userStatus: 'active' });
    const operator = await userId(t, 'operator@northwind.example');
    expect((await t.as(admin).post(`/users/${operator}/invitation`)).statusCode).toBe(404);
  });

  it('R-ID-3: another address than the invited one waits for the link mailed to the invited address, then gets exactly the waiting grants', async () => {
    const invitedId = await invite(t, clock, {
      email: 'notices@contoso.example',
      grants: [
        { licensingNumber: '67012345', role: 'LICENSING_INFO_VIEWER' },
        { licensingNumber: 'V9876543', role: 'DOWNLOAD' },
        { licensingNumber: 'V1234567', role: 'PRODUCT_KEYS', active: false },
      ],
    });
    const token = await follow(t, linkIn(t, await lastMail(t, 'notices@contoso.example', 'invitation'), '/register'));
    const res = await register({ token, firstName: 'Maja', lastName: 'Strand', password: PASSWORD, email: 'Maja.Strand@contoso.example' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      userId: invitedId,
      email: 'maja.strand@contoso.example',
      pendingVerification: true,
      verificationSentTo: 'notices@contoso.example',
    });
    const waiting = await rows<{ id: string }>(t, sql`select id from role_grant where user_id = ${invitedId} and not active order by id`);
    expect(waiting).toHaveLength(3);
    const [verification] = await rows<{ grant_ids: string[]; address: string }>(
      t,
      sql`select grant_ids, address from email_verification where user_id = ${invitedId}`,
    );
    expect(verification?.address).toBe('notices@contoso.example');
    expect(verification?.grant_ids).toHaveLength(2);

    // Until the link is followed the user signs in and sees no Licensing IDs.
    expect(await licensingNumbers('maja.strand@contoso.example')).toEqual([]);
    const pending = await lastMail(t, 'maja.strand@contoso.example', 'registrationPending');
    expect(pending.text).toContain('Because you were invited at notices@contoso.example');

    const mail = await lastMail(t, 'notices@contoso.example', 'emailVerification');
    expect(mail.subject).toBe('Thank you for registering with the Licensing Service Center');
    expect(mail.text).toContain('Maja Strand registered with the Licensing Service Center as maja.strand@contoso.example');
    expect(mail.text).toContain('2026-03-31'); // VERIFICATION_TTL_DAYS after registration
    const verifyToken = await follow(t, linkIn(t, mail, '/verify-email'));
    const verified = await t.as(null).post('/auth/verify-email', { token: verifyToken });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toEqual({
      userId: invitedId,
      email: 'maja.strand@contoso.example',
      address: 'notices@contoso.example',
      activatedGrants: 2,
    });

    expect(await licensingNumbers('maja.strand@contoso.example')).toEqual(['67012345', 'V9876543']);
    const stillOff = await rows(t, sql`select role from role_grant where user_id = ${invitedId} and not active`);
    expect(stillOff).toEqual([{ role: 'PRODUCT_KEYS' }]);
    const [logged] = await rows(
      t,
      sql`select before, after from audit_log where action = 'user.verify-email' and target_id = ${invitedId}`,
    );
    expect([...((logged?.after as { activatedGrantIds?: string[] } | undefined)?.activatedGrantIds ?? [])].sort()).toEqual(
      [...(verification?.grant_ids ?? [])].sort(),
    );
    const active = await lastMail(t, 'maja.strand@contoso.example', 'emailVerified');
    expect(active.text).toContain('Your 2 permission(s) on the Licensing IDs of Contoso Ltd are now active');
    linkIn(t, active, '/relationship-summary');

    const replay = await t.as(null).post('/auth/verify-email', { token: verifyToken });
    expect(replay.statusCode).toBe(409);
    expect(replay.json().code).toBe('VERIFICATION_USED');
    // The account's own address was not proven by this link.
    const [u] = await rows(t, sql`select email_verified_at from "user" where id = ${invitedId}`);
    expect(u?.email_verified_at).toBeNull();
  });

  it('R-ID-3: an expired confirmation link (VERIFICATION_TTL_DAYS) answers 410; a fresh one goes to the same address', async () => {
    const invitedId = await invite(t, clock, {
      email: 'orders@contoso.example',
      grants: [{ licensingNumber: '67012345', role: 'DOWNLOAD' }],
    });
    const token = await follow(t, linkIn(t, await lastMail(t, 'orders@contoso.example', 'invitation'), '/register'));
    expect(
      (await register({ token, firstName: 'Olle', lastName: 'Berg', password: PASSWORD, email: 'olle.berg@contoso.example' })).statusCode,
    ).toBe(201);
    const oldLink = await follow(t, linkIn(t, await lastMail(t, 'orders@contoso.example', 'emailVerification'), '/verify-email'));
    clock.advance(15 * DAY);
    const expired = await t.as(null).post('/auth/verify-email', { token: oldLink });
    expect(expired.statusCode).toBe(410);
    expect(expired.json()).toMatchObject({ code: 'VERIFICATION_EXPIRED', resend: '/api/v1/auth/verify-email/resend' });

    const resent = await t.as(null).post('/auth/verify-email/resend', { token: oldLink });
    expect(resent.statusCode).toBe(202);
    expect(resent.json().sentTo).toBe('orders@contoso.example');
    const newLink = await follow(t, linkIn(t, await lastMail(t, 'orders@contoso.example', 'emailVerification'), '/verify-email'));
    expect(newLink).not.toBe(oldLink);
    expect((await t.as(null).post('/auth/verify-email', { token: oldLink })).statusCode).toBe(410);
    const ok = await t.as(null).post('/auth/verify-email', { token: newLink });
    expect(ok.json()).toMatchObject({ activatedGrants: 1 });
    expect((await t.as(null).post('/auth/verify-email/resend', { token: newLink })).json().code).toBe('VERIFICATION_USED');
    const grants = await rows(t, sql`select active from role_grant where user_id = ${invitedId}`);
    expect(grants).toEqual([{ active: true }]);
  });

  it('R-ID-4: another address must be a work account of the organization: E05 restricted domain, E04, E06, PERSONAL_ACCOUNT, ACCOUNT_EXISTS', async () => {
    await t.database.db.execute(
      sql`update organization set domains = domains || '{lab.contoso.example}', restricted_domains = '{lab.contoso.example}' where name = 'Contoso Ltd'`,
    );
    await t.database.db.execute(sql`update "user" set personal_email = 'Sara.Holm@Gmail.com' where email = 'keys@contoso.example'`);
    await invite(t, clock, { email: 'restricted-test@contoso.example', grants: [{ licensingNumber: '67012345', role: 'DOWNLOAD' }] });
    const token = await follow(t, linkIn(t, await lastMail(t, 'restricted-test@contoso.example', 'invitation'), '/register'));
    const before = await footprint(t);
    const attempt = (email: string) => register({ token, firstName: 'Test', lastName: 'Person', password: PASSWORD, email });

    const e05 = await attempt('someone@lab.contoso.example');
    expect(e05.statusCode).toBe(403);
    expect(e05.json()).toMatchObject({
      code: 'E05',
      title:
        'We are sorry. We are unable to complete your sign up to the Licensing Service Center as the email domain you have provided is restricted for automatic sign up.',
    });
    expect((await attempt('someone@fabrikam.example')).json()).toMatchObject({ code: 'E04', reason: 'NO_ORGANIZATION' });
    // Another organization's existing account answers as its unknown address does: no ACCOUNT_EXISTS across organizations.
    expect((await attempt('admin@fabrikam.example')).json()).toMatchObject({ code: 'E04', reason: 'NO_ORGANIZATION' });
    const e06 = await attempt('sara.holm@gmail.com');
    expect(e06.json()).toMatchObject({ code: 'E06', workAccount: 'keys@contoso.example' });
    expect(e06.json().detail).toContain('keys@contoso.example');
    expect((await attempt('someone@hotmail.com')).json().code).toBe('PERSONAL_ACCOUNT');
    expect((await attempt('VIEWER@contoso.example')).json().code).toBe('ACCOUNT_EXISTS');
    expect(await footprint(t)).toEqual(before);

    // The invited address itself is not subject to the restriction: the administrator invited it.
    await invite(t, clock, { email: 'guest@lab.contoso.example', grants: [{ licensingNumber: '67012345', role: 'DOWNLOAD' }] });
    const labToken = await follow(t, linkIn(t, await lastMail(t, 'guest@lab.contoso.example', 'invitation'), '/register'));
    expect((await register({ token: labToken, firstName: 'Lab', lastName: 'Guest', password: PASSWORD })).statusCode).toBe(201);
    await t.database.db.execute(sql`update organization set restricted_domains = '{}' where name = 'Contoso Ltd'`);
  });

  it('R-ID-5: a shared-looking address registers with a SHARED_MAILBOX warning, never a refusal', async () => {
    await invite(t, clock, { email: 'it-department@contoso.example', grants: [{ licensingNumber: '67012345', role: 'DOWNLOAD' }] });
    const token = await follow(t, linkIn(t, await lastMail(t, 'it-department@contoso.example', 'invitation'), '/register'));
    expect((await t.as(null).get(`/auth/invitations/${token}`)).json().warnings).toEqual(['SHARED_MAILBOX']);
    const res = await register({ token, firstName: 'IT', lastName: 'Department', password: PASSWORD });
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings).toEqual(['SHARED_MAILBOX']);
  });

  it('R-ID-2: bad input writes nothing: weak passwords, missing names, unknown or malformed tokens', async () => {
    const invitedId = await invite(t, clock, {
      email: 'careful@contoso.example',
      grants: [{ licensingNumber: '67012345', role: 'DOWNLOAD' }],
    });
    const token = await follow(t, linkIn(t, await lastMail(t, 'careful@contoso.example', 'invitation'), '/register'));
    const before = await footprint(t);
    const short = await register({ token, firstName: 'C', lastName: 'Areful', password: 'short-pass' });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: 'WEAK_PASSWORD', reason: 'TOO_SHORT', minLength: 12 });
    const own = await register({ token, firstName: 'C', lastName: 'Areful', password: 'Careful@Contoso.example' });
    expect(own.json()).toMatchObject({ code: 'WEAK_PASSWORD', reason: 'CONTAINS_EMAIL' });
    const noName = await register({ token, firstName: '   ', lastName: 'Areful', password: PASSWORD });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().code).toBe('VALIDATION_FAILED');
    expect(noName.json().errors[0].path).toBe('body.firstName');
    const badEmail = await register({ token, firstName: 'C', lastName: 'Areful', password: PASSWORD, email: 'not-an-address' });
    expect(badEmail.json().code).toBe('VALIDATION_FAILED');
    const unknown = await register({ token: 'x'.repeat(43), firstName: 'C', lastName: 'Areful', password: PASSWORD });
    expect(unknown.statusCode).toBe(404);
    expect((await register({ token: 'bad token!', firstName: 'C', lastName: 'Areful', password: PASSWORD })).json().code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await t.as(null).get(`/auth/invitations/${'y'.repeat(43)}`)).statusCode).toBe(404);
    expect((await t.as(null).post('/auth/invitations/resend', { token: 'y'.repeat(43) })).statusCode).toBe(404);
    expect((await t.as(null).post('/auth/verify-email', { token: 'y'.repeat(43) })).statusCode).toBe(404);
    expect(await footprint(t)).toEqual(before);
    const [u] = await rows(t, sql`select status from "user" where id = ${invitedId}`);
    expect(u?.status).toBe('invited');
  });

  it('R-ID-2: an invitation of a user removed before registering no longer works', async () => {
    const invitedId = await invite(t, clock, {
      email: 'withdrawn@contoso.example',
      grants: [{ licensingNumber: '67012345', role: 'DOWNLOAD' }],
    });
    const token = await follow(t, linkIn(t, await lastMail(t, 'withdrawn@contoso.example', 'invitation'), '/register'));
    await t.database.db.execute(sql`update "user" set status = 'removed' where id = ${invitedId}`);
    expect((await register({ token, firstName: 'W', lastName: 'Drawn', password: PASSWORD })).statusCode).toBe(404);
    expect((await t.as(null).post('/auth/invitations/resend', { token })).statusCode).toBe(404);
    expect(await licensingIdOf(t, '67012345')).toBeTruthy();
  });
});
