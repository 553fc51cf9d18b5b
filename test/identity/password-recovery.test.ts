import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/platform/auth/secrets.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { cookiesOf, type Session, signIn } from '../helpers/session.js';
import { type Fixtures, fixtures } from '../permissions/fixtures.js';

const FIXTURE_PASSWORD = 'fixture-password-1';
const NEW_PASSWORD = 'a-brand-new-password-2026';
const clock = fixedClock('2026-03-02T09:00:00Z');

describe('account recovery: forgot password, the mailed link, change password', () => {
  let t: TestApp;
  let f: Fixtures;
  beforeAll(async () => {
    t = await createTestApp({ clock, env: { SIGN_IN_IP_LIMIT: '1000' } });
    f = fixtures(t);
  });
  afterAll(() => t.close());

  /** Each test asks from its own client address, so the per-address limit of one does not touch another. */
  const from = (ip: string) => t.as(null, { remoteAddress: ip });
  const requestReset = (email: string, ip = '198.51.100.1') => from(ip).post('/auth/password-reset/request', { email });

  /** The secret of the newest reset link mailed to an address. */
  async function mailedToken(to: string, template = 'passwordResetLink'): Promise<string> {
    const [mail] = await f.rows<{ text: string }>(
      sql`select text from outbox where to_address = ${to} and template = ${template} order by id desc limit 1`,
    );
    const token = /\/reset-password\?token=([\w-]+)/.exec(mail?.text ?? '')?.[1];
    if (!token) throw new Error(`no ${template} mail to ${to}`);
    return token;
  }

  const templatesTo = async (to: string) => (await f.mails(to)).map((m) => m.template);
  const signInStatus = async (email: string, password: string) =>
    (await from('203.0.113.250').post('/auth/sign-in', { email, password })).statusCode;

  async function tokenFor(s: Session): Promise<string> {
    const res = await t.as(s).post('/me/tokens', { name: 'nightly' });
    expect(res.statusCode).toBe(201);
    return res.json().token;
  }

  it('forgot password answers unknown, SSO-only, invited, deactivated and password accounts alike; only owners are mailed', async () => {
    await f.user('rita.reset@contoso.example', { firstName: 'Rita' });
    await t.given.user('sam.sso@contoso.example', { firstName: 'Sam', lastName: '', ssoSubject: 'idp-subject-sam', password: null });
    await t.given.user('dan.deactivated@contoso.example', { status: 'deactivated' });
    await t.given.user('ivy.invited@contoso.example', { firstName: 'Ivy', lastName: '', status: 'invited', password: null });

    const addresses = [
      'nobody.here@contoso.example',
      'sam.sso@contoso.example',
      'ivy.invited@contoso.example',
      'dan.deactivated@contoso.example',
      'Rita.Reset@Contoso.example',
    ];
    const answers = [];
    for (const [i, email] of addresses.entries()) {
      const started = performance.now();
      const res = await requestReset(email, `198.51.100.${10 + i}`);
      answers.push({ status: res.statusCode, body: res.body, type: res.headers['content-type'], ms: performance.now() - started });
    }
    for (const a of answers) {
      expect(a).toMatchObject({ status: 202, body: JSON.stringify({ expiresInMinutes: 60 }), type: answers[0]?.type });
      // No answer comes sooner than the floor that hides the work of issuing a link.
      expect(a.ms).toBeGreaterThanOrEqual(245);
    }

    expect(await templatesTo('rita.reset@contoso.example')).toEqual(['passwordResetLink']);
    expect(await templatesTo('sam.sso@contoso.example')).toEqual(['passwordResetSso']);
    expect(await templatesTo('ivy.invited@contoso.example')).toEqual([]);
    expect(await templatesTo('dan.deactivated@contoso.example')).toEqual([]);
    expect(await templatesTo('nobody.here@contoso.example')).toEqual([]);
    const [sso] = await f.mails('sam.sso@contoso.example');
    expect(sso?.text).toContain('single sign-on');
    expect(sso?.text).not.toContain('reset-password');
  });

  it('answers an unknown address and a password account in about the same time', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      await f.user(`timing.${i}@contoso.example`);
      for (const [email, into] of [
        [`timing.${i}@contoso.example`, known],
        [`timing.none.${i}@contoso.example`, unknown],
      ] as const) {
        const started = performance.now();
        expect((await requestReset(email, '198.51.100.30')).statusCode).toBe(202);
        into.push(performance.now() - started);
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(mean(known) - mean(unknown))).toBeLessThan(60);
  });

  it('the link is stored hashed, works once, ends every session and API token, mails the owner and signs nobody in', async () => {
    const owner = await f.user('lars.link@contoso.example', { locale: 'sv', firstName: 'Lars' });
    const apiToken = await tokenFor(owner.session);
    const other = await signIn(t.app, 'lars.link@contoso.example', FIXTURE_PASSWORD);
    expect(await requestReset('lars.link@contoso.example', '198.51.100.40')).toMatchObject({ statusCode: 202 });

    const token = await mailedToken('lars.link@contoso.example');
    const [mail] = await f.mails('lars.link@contoso.example').then((ms) => ms.filter((m) => m.template === 'passwordResetLink'));
    expect(mail).toMatchObject({ locale: 'sv', subject: 'Återställ ditt lösenord till Licensing Service Center' });
    expect(mail?.text).toContain('http://lsc.test/reset-password?token=');
    expect(mail?.text).toContain('60 minuter');
    const stored = await f.rows<{ token_hash: string; expires_at: string }>(
      sql`select token_hash, expires_at from password_reset pr join "user" u on u.id = pr.user_id where u.email = 'lars.link@contoso.example'`,
    );
    expect(stored.map((r) => [r.token_hash, new Date(r.expires_at).toISOString()])).toEqual([[sha256(token), '2026-03-02T10:00:00.000Z']]);
    const dump =
      JSON.stringify(await f.rows(sql`select * from password_reset`)) + JSON.stringify(await f.rows(sql`select * from audit_log`));
    expect(dump).not.toContain(token);

    const check = await from('198.51.100.40').post('/auth/password-reset/check', { token });
    expect(check.json()).toEqual({ email: 'lars.link@contoso.example', expiresAt: '2026-03-02T10:00:00.000Z' });

    const reset = await from('198.51.100.40').post('/auth/password-reset', { token, password: NEW_PASSWORD });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toEqual({ email: 'lars.link@contoso.example' });
    expect(reset.cookies).toEqual([]); // a second factor, when the account has one, is still asked at sign-in

    // Every way in ends: both browser sessions and the API token.
    expect((await t.as(owner.session).get('/me')).statusCode).toBe(401);
    expect((await t.as(other).get('/me')).statusCode).toBe(401);
    expect((await t.as({ headers: { authorization: `Bearer ${apiToken}` } }).get('/me')).statusCode).toBe(401);
    expect(await signInStatus('lars.link@contoso.example', FIXTURE_PASSWORD)).toBe(401);
    expect(await signInStatus('lars.link@contoso.example', NEW_PASSWORD)).toBe(200);

    // Spent: neither check nor a second reset works, and the password stays the one just set.
    expect((await from('198.51.100.40').post('/auth/password-reset/check', { token })).json()).toMatchObject({
      code: 'RESET_LINK_USED',
      status: 409,
    });
    const again = await from('198.51.100.40').post('/auth/password-reset', { token, password: 'yet-another-password-2026' });
    expect(again.json()).toMatchObject({ code: 'RESET_LINK_USED', status: 409 });
    expect(await signInStatus('lars.link@contoso.example', NEW_PASSWORD)).toBe(200);

    const done = (await f.mails('lars.link@contoso.example')).filter((m) => m.template === 'passwordResetDone');
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ locale: 'sv', subject: 'Ditt lösenord till Licensing Service Center har återställts' });
    expect(done[0]?.text).toContain('API-token återkallades');
    const [audit] = await f.audits('user.password-reset', owner.id);
    expect(audit?.after).toMatchObject({ sessions: 2, tokens: 1 });
  });

  it('a link expires after PASSWORD_RESET_TTL_MINUTES, and a newer link retires the older one', async () => {
    await f.user('erik.expiry@contoso.example');
    await requestReset('erik.expiry@contoso.example', '198.51.100.50');
    const first = await mailedToken('erik.expiry@contoso.example');
    clock.advance(10 * 60_000);
    await requestReset('erik.expiry@contoso.example', '198.51.100.50');
    const second = await mailedToken('erik.expiry@contoso.example');
    expect(second).not.toBe(first);
    expect((await from('198.51.100.50').post('/auth/password-reset', { token: first, password: NEW_PASSWORD })).json()).toMatchObject({
      code: 'RESET_LINK_EXPIRED',
      status: 410,
      requestAgain: '/forgot-password',
    });

    clock.advance(60 * 60_000 + 1000); // past the second link's hour
    const late = await from('198.51.100.50').post('/auth/password-reset', { token: second, password: NEW_PASSWORD });
    expect(late.json()).toMatchObject({ code: 'RESET_LINK_EXPIRED', status: 410 });
    expect(await signInStatus('erik.expiry@contoso.example', FIXTURE_PASSWORD)).toBe(200);

    const unknown = await from('198.51.100.50').post('/auth/password-reset', {
      token: 'no-such-reset-token-000000000000000',
      password: NEW_PASSWORD,
    });
    expect(unknown.json()).toMatchObject({ code: 'RESET_LINK_INVALID', status: 404 });
  });

  it('a new password follows the registration rule; a refused one leaves the link usable', async () => {
    await f.user('wera.weak@contoso.example');
    await requestReset('wera.weak@contoso.example', '198.51.100.60');
    const token = await mailedToken('wera.weak@contoso.example');
    const short = await from('198.51.100.60').post('/auth/password-reset', { token, password: 'short' });
    expect(short.json()).toMatchObject({ code: 'WEAK_PASSWORD', reason: 'TOO_SHORT', minLength: 12 });
    const own = await from('198.51.100.60').post('/auth/password-reset', { token, password: 'wera.weak@contoso.example!' });
    expect(own.json()).toMatchObject({ code: 'WEAK_PASSWORD', reason: 'CONTAINS_EMAIL' });
    expect((await from('198.51.100.60').post('/auth/password-reset', { token, password: NEW_PASSWORD })).statusCode).toBe(200);
  });

  it('requests are limited per address asked for and per client address, known or not', async () => {
    await f.user('rolf.rate@contoso.example');
    const statuses = async (email: string, ip: string, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await requestReset(email, ip)).statusCode);
      return out;
    };
    // PASSWORD_RESET_ACCOUNT_LIMIT (3) per address, from any client address.
    expect(await statuses('rolf.rate@contoso.example', '198.51.100.70', 2)).toEqual([202, 202]);
    expect(await statuses('rolf.rate@contoso.example', '198.51.100.71', 2)).toEqual([202, 429]);
    expect(await statuses('nobody.rate@contoso.example', '198.51.100.72', 4)).toEqual([202, 202, 202, 429]);
    expect((await f.mails('rolf.rate@contoso.example')).length).toBe(3);
    const limited = await requestReset('rolf.rate@contoso.example', '198.51.100.73');
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 900 });

    // PASSWORD_RESET_IP_LIMIT (30) per client address, across addresses.
    const spread = [];
    for (let i = 0; i < 31; i++) spread.push((await requestReset(`spread.${i}@contoso.example`, '198.51.100.74')).statusCode);
    expect(spread.slice(0, 30).every((s) => s === 202)).toBe(true);
    expect(spread[30]).toBe(429);
  }, 30_000);

  it('change password: the current one first, the rule, other sessions end and this one stays, tokens keep working, mailed', async () => {
    const me = await f.user('cora.change@contoso.example', { firstName: 'Cora' });
    const other = await signIn(t.app, 'cora.change@contoso.example', FIXTURE_PASSWORD);
    const apiToken = await tokenFor(me.session);

    expect((await t.as(me.session).get('/me/password')).json()).toEqual({
      hasPassword: true,
      singleSignOn: false,
    });
    expect(
      (await t.as(me.session).put('/me/password', { currentPassword: 'not-it-at-all', newPassword: NEW_PASSWORD })).json(),
    ).toMatchObject({
      code: 'CURRENT_PASSWORD_INCORRECT',
      status: 400,
    });
    expect(
      (await t.as(me.session).put('/me/password', { currentPassword: FIXTURE_PASSWORD, newPassword: FIXTURE_PASSWORD })).json(),
    ).toMatchObject({
      code: 'PASSWORD_UNCHANGED',
    });
    expect((await t.as(me.session).put('/me/password', { currentPassword: FIXTURE_PASSWORD, newPassword: 'tiny' })).json()).toMatchObject({
      code: 'WEAK_PASSWORD',
    });
    expect(await templatesTo('cora.change@contoso.example')).toEqual(['tokenCreated']);

    const ok = await t.as(me.session).put('/me/password', { currentPassword: FIXTURE_PASSWORD, newPassword: NEW_PASSWORD });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ otherSessionsEnded: 1 });
    expect((await t.as(me.session).get('/me')).statusCode).toBe(200);
    expect((await t.as(other).get('/me')).statusCode).toBe(401);
    expect((await t.as({ headers: { authorization: `Bearer ${apiToken}` } }).get('/me')).statusCode).toBe(200);
    expect(await signInStatus('cora.change@contoso.example', FIXTURE_PASSWORD)).toBe(401);
    expect(await signInStatus('cora.change@contoso.example', NEW_PASSWORD)).toBe(200);
    const mails = await f.mails('cora.change@contoso.example');
    expect(mails.map((m) => m.template)).toEqual(['tokenCreated', 'passwordChanged']);
    expect(mails[1]?.text).toContain('Your other sessions were signed out');
    expect(await f.audits('user.password-change', me.id)).toMatchObject([{ actor_user_id: me.id, after: { otherSessionsEnded: 1 } }]);
  });

  it('change password: guessing the current one is limited like sign-in; an SSO-only account has none to change', async () => {
    const me = await f.user('gus.guess@contoso.example');
    const codes: string[] = [];
    for (let i = 0; i < 11; i++)
      codes.push(
        (await t.as(me.session).put('/me/password', { currentPassword: `wrong-guess-${i}`, newPassword: NEW_PASSWORD })).json().code,
      );
    expect(codes.slice(0, 10).every((c) => c === 'CURRENT_PASSWORD_INCORRECT')).toBe(true);
    expect(codes[10]).toBe('RATE_LIMITED');
    expect((await t.as(me.session).put('/me/password', { currentPassword: FIXTURE_PASSWORD, newPassword: NEW_PASSWORD })).json().code).toBe(
      'RATE_LIMITED',
    );

    // An SSO-only account (no password here): a session as if it had signed in through its provider.
    const { session: olga } = await t.given.signedIn('olga.sso@contoso.example', {
      firstName: 'Olga',
      lastName: '',
      ssoSubject: 'idp-subject-olga',
      password: null,
    });
    expect((await t.as(olga).get('/me/password')).json()).toEqual({
      hasPassword: false,
      singleSignOn: true,
    });
    const refused = await t.as(olga).put('/me/password', { currentPassword: 'anything-at-all', newPassword: NEW_PASSWORD });
    expect(refused.json()).toMatchObject({ code: 'SSO_ACCOUNT', status: 409 });
    expect(cookiesOf(refused)).toEqual({});
  });
});
