import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/modules/identity/sign-in/sessions.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { cookiesOf, signIn } from '../helpers/session.js';
import { softAuthenticator } from './soft-authenticator.js';

const PASSWORD = 'second-factor-pass-1';

describe('second factor for password accounts: TOTP, passkeys, recovery codes, the organization’s requirement', () => {
  const clock = fixedClock('2026-03-02T09:00:07Z');
  let t: TestApp;
  let contoso = '';
  let fabrikam = '';

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { SECOND_FACTOR_ATTEMPT_LIMIT: '5', SIGN_IN_IP_LIMIT: '10000' } });
    const orgs = await t.database.db.execute<{ id: string; name: string }>(sql`select id, name from organization`);
    contoso = orgs.rows.find((o) => o.name === 'Contoso Ltd')?.id ?? '';
    fabrikam = orgs.rows.find((o) => o.name === 'Fabrikam Inc')?.id ?? '';
  });
  afterAll(() => t.close());

  const q = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => (await t.database.db.execute<T>(query)).rows;

  async function newUser(email: string, opts: { org?: string; password?: string | null; locale?: 'en' | 'sv' } = {}): Promise<string> {
    const { org = contoso, password = PASSWORD, locale } = opts;
    return (await t.given.user(email, { organization: org, firstName: 'Tess', lastName: 'Factor', password, locale })).id;
  }

  function sessionOf(res: LightMyRequestResponse) {
    const c = cookiesOf(res);
    const cookie = `lsc_session=${c.lsc_session}; lsc_csrf=${c.lsc_csrf}`;
    return { cookie, 'x-csrf-token': c.lsc_csrf ?? '' };
  }

  async function passwordStep(email: string, password = PASSWORD) {
    const res = await t.as(null).post('/auth/sign-in', { email, password });
    expect(res.statusCode).toBe(200);
    return res;
  }

  const codeAt = (secret: string) => generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) });
  /** The next time step, so that a code is not the one just used. */
  const nextStep = () => clock.advance(30_000);

  async function withTotp(email: string) {
    await newUser(email);
    const s = await signIn(t.app, email, PASSWORD);
    const started = await t.as(s).post('/me/security/totp', {});
    expect(started.statusCode).toBe(200);
    const { secret } = started.json() as { secret: string };
    const confirmed = await t.as(s).post('/me/security/totp/confirm', { code: await codeAt(secret) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    nextStep();
    return { secret, session: s.headers, recoveryCodes: confirmed.json().recoveryCodes as string[] };
  }

  const mails = (to: string, template: string) =>
    q<{ subject: string; text: string; locale: string }>(
      sql`select subject, text, locale from outbox where to_address = ${to} and template = ${template} order by id`,
    );

  it('TOTP enrolment: the secret as an otpauth URI and text, sealed at rest; a first code confirms it, with ten recovery codes shown once', async () => {
    await newUser('tess.totp@contoso.example', { locale: 'sv' });
    const s = await signIn(t.app, 'tess.totp@contoso.example', PASSWORD);
    const started = await t.as(s).post('/me/security/totp', {});
    expect(started.statusCode).toBe(200);
    const { secret, uri } = started.json() as { secret: string; uri: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Licensing%20Service%20Center:tess\.totp%40contoso\.example\?secret=[A-Z2-7]+&issuer=/);
    const [stored] = await q<{ secret_sealed: string; confirmed_at: Date | null }>(
      sql`select secret_sealed, confirmed_at from totp_factor f join "user" u on u.id = f.user_id where u.email = 'tess.totp@contoso.example'`,
    );
    expect(stored?.secret_sealed).not.toContain(secret);
    expect(Buffer.from(stored?.secret_sealed ?? '', 'base64').toString('latin1')).not.toContain(secret);
    expect(stored?.confirmed_at).toBeNull();

    // Not a factor until confirmed: the password alone still signs in.
    expect((await passwordStep('tess.totp@contoso.example')).json()).toHaveProperty('user');

    const wrong = await t.as(s).post('/me/security/totp/confirm', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('SECOND_FACTOR_CODE_WRONG');
    const confirmed = await t.as(s).post('/me/security/totp/confirm', { code: await codeAt(secret) });
    expect(confirmed.statusCode).toBe(200);
    const codes = confirmed.json().recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const hashes = await q<{ code_hash: string }>(
      sql`select code_hash from recovery_code r join "user" u on u.id = r.user_id where u.email = 'tess.totp@contoso.example'`,
    );
    expect(hashes).toHaveLength(10);
    expect(hashes.some((h) => codes.some((c) => h.code_hash.includes(c.replace('-', ''))))).toBe(false);

    const again = await t.as(s).post('/me/security/totp', {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('TOTP_ALREADY_SET_UP');

    const mailed = await mails('tess.totp@contoso.example', 'totpAdded');
    expect(mailed).toHaveLength(1);
    expect(mailed[0]).toMatchObject({ locale: 'sv', subject: 'En autentiseringsapp har konfigurerats för ditt konto' });
    const [audited] = await q<{ action: string }>(sql`select action from audit_log where action = 'second-factor.totp.add'`);
    expect(audited).toBeDefined();
    const overview = await t.as(s).get('/me/security');
    expect(overview.json()).toMatchObject({ applies: true, totp: { setUpAt: expect.any(String) }, recoveryCodes: { left: 10 } });
  });

  it('sign-in: the password step answers a second step and sets no cookie; the TOTP code completes it, and a code is not reusable within its step', async () => {
    const { secret } = await withTotp('tina.signin@contoso.example');
    const first = await passwordStep('tina.signin@contoso.example');
    expect(first.cookies).toEqual([]);
    expect(first.headers['set-cookie']).toBeUndefined();
    const step = first.json().secondStep;
    expect(step).toMatchObject({ purpose: 'verify', methods: ['totp', 'recovery'] });
    expect(first.json()).not.toHaveProperty('user');
    // The challenge is no session.
    const asCookie = await t.as(null, { headers: { cookie: `lsc_session=${step.challenge}` } }).get('/me');
    expect(asCookie.statusCode).toBe(401);

    const wrong = await t.as(null).post('/auth/sign-in/second-factor', { challenge: step.challenge, method: 'totp', code: '123456' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('SECOND_FACTOR_CODE_WRONG');
    expect(wrong.cookies).toEqual([]);

    const code = await codeAt(secret);
    const ok = await t.as(null).post('/auth/sign-in/second-factor', { challenge: step.challenge, method: 'totp', code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.email).toBe('tina.signin@contoso.example');
    const me = await t.as({ headers: sessionOf(ok) }).get('/me');
    expect(me.statusCode).toBe(200);

    // The same step once more: it was completed.
    const done = await t.as(null).post('/auth/sign-in/second-factor', { challenge: step.challenge, method: 'totp', code });
    expect(done.statusCode).toBe(401);
    expect(done.json().code).toBe('SECOND_STEP_EXPIRED');

    // Replay: the same code in a new sign-in, within its 30-second step.
    const replay = await t.as(null).post('/auth/sign-in/second-factor', {
      challenge: (await passwordStep('tina.signin@contoso.example')).json().secondStep.challenge,
      method: 'totp',
      code,
    });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().code).toBe('SECOND_FACTOR_CODE_USED');

    const steps = await q<{ after: { ok: boolean; method: string; refused?: string } }>(
      sql`select a.after from audit_log a join "user" u on u.id = a.target_id::uuid
          where a.action = 'auth.second-factor' and u.email = 'tina.signin@contoso.example' order by a.id`,
    );
    expect(steps.map((s) => [s.after.ok, s.after.refused ?? null])).toEqual([
      [false, 'SECOND_FACTOR_CODE_WRONG'],
      [true, null],
      [false, 'SECOND_FACTOR_CODE_USED'],
    ]);
  });

  it('the second step expires: after SECOND_FACTOR_CHALLENGE_MINUTES the right code answers SECOND_STEP_EXPIRED', async () => {
    const { secret } = await withTotp('tom.expired@contoso.example');
    const step = (await passwordStep('tom.expired@contoso.example')).json().secondStep;
    expect(new Date(step.expiresAt).getTime() - clock.now().getTime()).toBe(5 * 60_000);
    clock.advance(5 * 60_000 + 1_000);
    const late = await t
      .as(null)
      .post('/auth/sign-in/second-factor', { challenge: step.challenge, method: 'totp', code: await codeAt(secret) });
    expect(late.statusCode).toBe(401);
    expect(late.json().code).toBe('SECOND_STEP_EXPIRED');
    expect(late.cookies).toEqual([]);
  });

  it('wrong codes are rate limited per account: past SECOND_FACTOR_ATTEMPT_LIMIT even the right code waits, with Retry-After', async () => {
    const { secret } = await withTotp('toby.guess@contoso.example');
    const step = (await passwordStep('toby.guess@contoso.example')).json().secondStep;
    for (let i = 0; i < 5; i++) {
      const res = await t.as(null).post('/auth/sign-in/second-factor', { challenge: step.challenge, method: 'totp', code: `00000${i}` });
      expect(res.statusCode).toBe(400);
    }
    const limited = await t
      .as(null)
      .post('/auth/sign-in/second-factor', { challenge: step.challenge, method: 'totp', code: await codeAt(secret) });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().retryAfterSeconds).toBe(Number(limited.headers['retry-after']));
    // A new password step does not reset the count.
    const fresh = (await passwordStep('toby.guess@contoso.example')).json().secondStep;
    expect(
      (await t.as(null).post('/auth/sign-in/second-factor', { challenge: fresh.challenge, method: 'totp', code: '111111' })).statusCode,
    ).toBe(429);
  });

  it('recovery codes: each signs in once (the owner is mailed with how many are left); a used one is refused; a new set retires the old one', async () => {
    const { recoveryCodes, session } = await withTotp('rita.recovery@contoso.example');
    const [first, second] = recoveryCodes;
    const step = (await passwordStep('rita.recovery@contoso.example')).json().secondStep;
    const ok = await t
      .as(null)
      .post('/auth/sign-in/second-factor', { challenge: step.challenge, method: 'recovery', code: first?.toUpperCase() });
    expect(ok.statusCode).toBe(200);
    const used = await mails('rita.recovery@contoso.example', 'recoveryCodeUsed');
    expect(used).toHaveLength(1);
    expect(used[0]?.text).toContain('9 are left');

    const again = (await passwordStep('rita.recovery@contoso.example')).json().secondStep;
    const reused = await t.as(null).post('/auth/sign-in/second-factor', { challenge: again.challenge, method: 'recovery', code: first });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().code).toBe('RECOVERY_CODE_USED');
    const unknown = await t
      .as(null)
      .post('/auth/sign-in/second-factor', { challenge: again.challenge, method: 'recovery', code: 'aaaaa-aaaaa' });
    expect(unknown.json().code).toBe('RECOVERY_CODE_WRONG');

    const noPassword = await t.as({ headers: session }).post('/me/security/recovery-codes', { password: 'not-it' });
    expect(noPassword.statusCode).toBe(400);
    expect(noPassword.json().code).toBe('CURRENT_PASSWORD_INCORRECT');
    const renewed = await t.as({ headers: session }).post('/me/security/recovery-codes', { password: PASSWORD });
    expect(renewed.statusCode).toBe(200);
    expect(renewed.json().recoveryCodes).toHaveLength(10);
    expect((await mails('rita.recovery@contoso.example', 'recoveryCodesRegenerated')).length).toBe(1);
    const retired = await t.as(null).post('/auth/sign-in/second-factor', { challenge: again.challenge, method: 'recovery', code: second });
    expect(retired.json().code).toBe('RECOVERY_CODE_WRONG');
    const fresh = await t.as(null).post('/auth/sign-in/second-factor', {
      challenge: again.challenge,
      method: 'recovery',
      code: renewed.json().recoveryCodes[0],
    });
    expect(fresh.statusCode).toBe(200);
  });

  it('passkeys: several registered under names, renamed, used for the second step, and removed with the password', async () => {
    await newUser('paul.passkey@contoso.example');
    const s = await signIn(t.app, 'paul.passkey@contoso.example', PASSWORD);
    const laptop = softAuthenticator(t.config.publicUrl);
    const phone = softAuthenticator(t.config.publicUrl);

    const options = (await t.as(s).post('/me/security/passkeys/options', {})).json();
    expect(options).toMatchObject({
      rp: { id: 'lsc.test', name: 'Licensing Service Center' },
      user: { name: 'paul.passkey@contoso.example' },
    });
    const added = await t.as(s).post('/me/security/passkeys', { name: 'Laptop', response: laptop.register(options) });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().passkey).toMatchObject({ name: 'Laptop' });
    expect(added.json().recoveryCodes).toHaveLength(10);
    // The same answer once more: its registration challenge was spent.
    const replayed = await t.as(s).post('/me/security/passkeys', { name: 'Again', response: laptop.register(options) });
    expect(replayed.statusCode).toBe(400);
    expect(replayed.json().code).toBe('PASSKEY_NOT_VERIFIED');

    const second = (await t.as(s).post('/me/security/passkeys/options', {})).json();
    expect(second.excludeCredentials).toEqual([expect.objectContaining({ id: laptop.credentialId })]);
    const phoneAdded = await t.as(s).post('/me/security/passkeys', { name: 'Phone', response: phone.register(second) });
    expect(phoneAdded.statusCode).toBe(201);
    expect(phoneAdded.json().recoveryCodes).toBeNull();
    // A registration answer for another origin is refused.
    const elsewhere = softAuthenticator('https://evil.example');
    const third = (await t.as(s).post('/me/security/passkeys/options', {})).json();
    expect((await t.as(s).post('/me/security/passkeys', { name: 'Evil', response: elsewhere.register(third) })).statusCode).toBe(400);

    const phoneId = phoneAdded.json().passkey.id as string;
    const renamed = await t.as(s).patch(`/me/security/passkeys/${phoneId}`, { name: 'Work phone' });
    expect(renamed.json()).toMatchObject({ id: phoneId, name: 'Work phone' });

    const step = (await passwordStep('paul.passkey@contoso.example')).json().secondStep;
    expect(step.methods).toEqual(['passkey', 'recovery']);
    const assertion = await t.as(null).post('/auth/sign-in/passkey-options', { challenge: step.challenge });
    expect(assertion.json().allowCredentials).toHaveLength(2);
    const forged = await t.as(null).post('/auth/sign-in/second-factor', {
      challenge: step.challenge,
      method: 'passkey',
      response: phone.authenticate(assertion.json(), 'a-different-challenge'),
    });
    expect(forged.json().code).toBe('PASSKEY_NOT_VERIFIED');
    const signedIn = await t.as(null).post('/auth/sign-in/second-factor', {
      challenge: step.challenge,
      method: 'passkey',
      response: phone.authenticate(assertion.json()),
    });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(signedIn.cookies.some((c) => c.name === 'lsc_session')).toBe(true);

    expect((await t.as(s).delete(`/me/security/passkeys/${phoneId}`, { password: 'wrong' })).json().code).toBe(
      'CURRENT_PASSWORD_INCORRECT',
    );
    expect((await t.as(s).delete(`/me/security/passkeys/${phoneId}`, { password: PASSWORD })).statusCode).toBe(204);
    const overview = (await t.as(s).get('/me/security')).json();
    expect(overview.passkeys.map((p: { name: string }) => p.name)).toEqual(['Laptop']);
    expect(
      (await mails('paul.passkey@contoso.example', 'passkeyAdded')).map((m) => m.text.includes('"Phone"') || m.text.includes('"Laptop"')),
    ).toEqual([true, true]);
    expect((await mails('paul.passkey@contoso.example', 'passkeyRemoved'))[0]?.text).toContain('"Work phone"');
    const actions = await q<{ action: string }>(
      sql`select action from audit_log where action like 'second-factor.passkey.%' and actor_user_id = (select id from "user" where email = 'paul.passkey@contoso.example') order by id`,
    );
    expect(actions.map((a) => a.action)).toEqual([
      'second-factor.passkey.add',
      'second-factor.passkey.add',
      'second-factor.passkey.rename',
      'second-factor.passkey.remove',
    ]);
  });

  it('removing the last factor clears the recovery codes and mails the owner; without a factor the password alone signs in again', async () => {
    const { session } = await withTotp('rob.remove@contoso.example');
    const removed = await t.as({ headers: session }).delete('/me/security/totp', { password: PASSWORD });
    expect(removed.statusCode).toBe(204);
    expect(
      await q(sql`select 1 from recovery_code r join "user" u on u.id = r.user_id where u.email = 'rob.remove@contoso.example'`),
    ).toEqual([]);
    expect(await mails('rob.remove@contoso.example', 'totpRemoved')).toHaveLength(1);
    expect((await passwordStep('rob.remove@contoso.example')).json()).toHaveProperty('user');
  });

  it('SSO accounts keep their provider’s MFA: they are never asked for, nor can set up, a second factor here', async () => {
    const id = await newUser('sam.sso@contoso.example', { password: null });
    // A session as the SSO callback starts it (no password involved).
    const s = await createSession(t.database.db, id, clock.now(), 1);
    const headers = { cookie: `lsc_session=${s.token}; lsc_csrf=${s.csrfToken}`, 'x-csrf-token': s.csrfToken };
    const overview = await t.as({ headers }).get('/me/security');
    expect(overview.json()).toMatchObject({ applies: false });
    const refused = await t.as({ headers }).post('/me/security/totp', {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('SECOND_FACTOR_AT_IDENTITY_PROVIDER');
  });

  describe('the organization’s setting “require a second factor”', () => {
    let admin: Record<string, string>;
    beforeAll(async () => {
      admin = (await signIn(t.app, 'admin@fabrikam.example')).headers;
      const set = await t.as({ headers: admin }).patch('/organization', { requireSecondFactor: true });
      expect(set.statusCode).toBe(200);
      expect(set.json().requireSecondFactor).toBe(true);
    });

    it('is audited and read back by the Administrators’ organization page', async () => {
      const got = await t.as({ headers: admin }).get('/organization');
      expect(got.json().requireSecondFactor).toBe(true);
      const [row] = await q<{ before: { requireSecondFactor: boolean }; after: { requireSecondFactor: boolean } }>(
        sql`select before, after from audit_log where action = 'organization.settings' and organization_id = ${fabrikam} order by id desc limit 1`,
      );
      expect(row?.before.requireSecondFactor).toBe(false);
      expect(row?.after.requireSecondFactor).toBe(true);
    });

    it('a password user without a factor is led to set one up before any session: enrol with TOTP, then signed in with recovery codes', async () => {
      await newUser('fiona.enrol@fabrikam.example', { org: fabrikam });
      const first = await passwordStep('fiona.enrol@fabrikam.example');
      expect(first.cookies).toEqual([]);
      const step = first.json().secondStep;
      expect(step).toMatchObject({ purpose: 'enrol', methods: ['totp', 'passkey'] });
      // The enrolment step is not the verification step.
      expect(
        (await t.as(null).post('/auth/sign-in/second-factor', { challenge: step.challenge, method: 'totp', code: '123456' })).json().code,
      ).toBe('SECOND_STEP_EXPIRED');
      const setup = await t.as(null).post('/auth/sign-in/enrol/totp', { challenge: step.challenge });
      expect(setup.statusCode).toBe(200);
      const wrong = await t.as(null).post('/auth/sign-in/enrol', { challenge: step.challenge, method: 'totp', code: '000000' });
      expect(wrong.json().code).toBe('SECOND_FACTOR_CODE_WRONG');
      const done = await t.as(null).post('/auth/sign-in/enrol', {
        challenge: step.challenge,
        method: 'totp',
        code: await codeAt(setup.json().secret),
      });
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json().recoveryCodes).toHaveLength(10);
      expect(done.json().user.email).toBe('fiona.enrol@fabrikam.example');
      const session = sessionOf(done);
      expect((await t.as({ headers: session }).get('/me')).statusCode).toBe(200);

      // From now on the factor is asked for.
      nextStep();
      expect((await passwordStep('fiona.enrol@fabrikam.example')).json().secondStep.purpose).toBe('verify');

      // Her last factor cannot be removed while the organization requires one.
      const refused = await t.as({ headers: session }).delete('/me/security/totp', { password: PASSWORD });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('SECOND_FACTOR_REQUIRED_BY_ORGANIZATION');
      expect((await t.as({ headers: session }).get('/me/security')).json()).toMatchObject({
        organizationRequires: true,
        totp: { setUpAt: expect.any(String) },
      });
    });

    it('enrolment with a passkey at sign-in, after which a second factor (TOTP) may go but the last one may not', async () => {
      await newUser('felix.passkey@fabrikam.example', { org: fabrikam });
      const step = (await passwordStep('felix.passkey@fabrikam.example')).json().secondStep;
      const key = softAuthenticator(t.config.publicUrl);
      const options = (await t.as(null).post('/auth/sign-in/enrol/passkey-options', { challenge: step.challenge })).json();
      const done = await t.as(null).post('/auth/sign-in/enrol', {
        challenge: step.challenge,
        method: 'passkey',
        name: 'YubiKey',
        response: key.register(options),
      });
      expect(done.statusCode, done.body).toBe(200);
      const session = sessionOf(done);
      const { secret } = (await t.as({ headers: session }).post('/me/security/totp', {})).json();
      expect(
        (await t.as({ headers: session }).post('/me/security/totp/confirm', { code: await codeAt(secret) })).json().recoveryCodes,
      ).toBeNull();
      const removeTotp = await t.as({ headers: session }).delete('/me/security/totp', { password: PASSWORD });
      expect(removeTotp.statusCode).toBe(204);
      const [passkeyRow] = (await t.as({ headers: session }).get('/me/security')).json().passkeys;
      const removeLast = await t.as({ headers: session }).delete(`/me/security/passkeys/${passkeyRow.id}`, { password: PASSWORD });
      expect(removeLast.json().code).toBe('SECOND_FACTOR_REQUIRED_BY_ORGANIZATION');
    });
  });
});
