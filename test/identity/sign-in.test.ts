import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPersonalAddress, looksShared } from '../../src/modules/identity/rules.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { cookiesOf, signIn } from '../helpers/session.js';

describe('sign-in with a work account', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_LIMIT: '8' } });
  });
  afterAll(() => t.close());

  it('R-ID-1: personal-mail domains are refused with PERSONAL_ACCOUNT; work domains are not', async () => {
    const list = t.config.PERSONAL_MAIL_DOMAINS;
    expect(isPersonalAddress('someone@Gmail.com', list)).toBe(true);
    expect(isPersonalAddress('someone@outlook.com', list)).toBe(true);
    expect(isPersonalAddress('anna@contoso.example', list)).toBe(false);
    const res = await t.as(null).post('/auth/sign-in', { email: 'anna@hotmail.com', password: 'whatever' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'PERSONAL_ACCOUNT' });
  });

  it('R-ID-5: an address that looks like a shared mailbox is recognised for a warning', () => {
    expect(looksShared('it-department@contoso.example')).toBe(true);
    expect(looksShared('info@contoso.example')).toBe(true);
    expect(looksShared('anna.lind@contoso.example')).toBe(false);
  });

  it('signs in, sets HttpOnly SameSite session cookie and a readable CSRF cookie, and signs out', async () => {
    const res = await t.as(null).post('/auth/sign-in', { email: 'Admin@Contoso.example', password: 'demo-password-1' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ email: 'admin@contoso.example', organization: { name: 'Contoso Ltd' } });
    const session = res.cookies.find((c) => c.name === 'lsc_session');
    const csrf = res.cookies.find((c) => c.name === 'lsc_csrf');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(csrf?.httpOnly).toBeFalsy();
    const c = cookiesOf(res);
    const headers = { cookie: `lsc_session=${c.lsc_session}; lsc_csrf=${c.lsc_csrf}` };
    expect((await t.as({ headers }).get('/me')).statusCode).toBe(200);
    const out = await t.as(null, { headers: { ...headers, 'x-csrf-token': c.lsc_csrf ?? '' } }).post('/auth/sign-out');
    expect(out.statusCode).toBe(204);
    expect((await t.as({ headers }).get('/me')).statusCode).toBe(401);
  });

  it('wrong password and unknown user give the same answer in about the same time', async () => {
    const time = async (email: string) => {
      const started = performance.now();
      const res = await t.as(null).post('/auth/sign-in', { email, password: 'not-the-password' });
      return { ms: performance.now() - started, status: res.statusCode, body: res.json() };
    };
    await time('viewer@contoso.example'); // warm the dummy hash
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      const a = await time('viewer@contoso.example');
      const b = await time(`nobody${i}@contoso.example`);
      expect(a.status).toBe(401);
      expect(b.status).toBe(401);
      expect({ ...a.body, requestId: 0, instance: 0 }).toEqual({ ...b.body, requestId: 0, instance: 0 });
      known.push(a.ms);
      unknown.push(b.ms);
    }
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[1] ?? 0;
    const ratio = median(known) / median(unknown);
    // Both paths run one argon2id verification; a missing one would make the unknown path ~100× faster.
    expect(ratio).toBeGreaterThan(0.33);
    expect(ratio).toBeLessThan(3);
  });

  it('repeated failures for one account are rate limited (429 RATE_LIMITED), shared through the database', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 10; i++)
      codes.push((await t.as(null).post('/auth/sign-in', { email: 'keys@contoso.example', password: `wrong-${i}` })).statusCode);
    expect(codes.slice(0, 8).every((c) => c === 401)).toBe(true);
    expect(codes.slice(8)).toEqual([429, 429]);
    // Even the right password waits out the window.
    const res = await t.as(null).post('/auth/sign-in', { email: 'keys@contoso.example', password: 'demo-password-1' });
    expect(res.json()).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('changes with the session cookie need the CSRF header', async () => {
    const s = await signIn(t.app, 'admin@contoso.example');
    const without = await t.as(null, { headers: { cookie: s.cookie } }).patch('/me', { locale: 'sv' });
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ code: 'CSRF_FAILED' });
    const wrong = await t.as(null, { headers: { cookie: s.cookie, 'x-csrf-token': 'forged' } }).patch('/me', { locale: 'sv' });
    expect(wrong.statusCode).toBe(403);
    const me = await t.as(s).get('/me');
    expect(me.json().locale).toBe('en');
  });

  it('the language is remembered per user and the change is audited', async () => {
    const s = await signIn(t.app, 'admin@contoso.example');
    const res = await t.as(s).patch('/me', { locale: 'sv' });
    expect(res.statusCode).toBe(200);
    expect(res.json().locale).toBe('sv');
    const again = await signIn(t.app, 'admin@contoso.example');
    expect((await t.as(again).get('/me')).json().locale).toBe('sv');
    const audit = await t.database.db.execute(sql`select before, after from audit_log where action = 'user.locale'`);
    expect(audit.rows.at(-1)).toMatchObject({ before: { locale: 'en' }, after: { locale: 'sv' } });
  });

  it('personal API tokens authenticate scripts with Authorization: Bearer, and stop when revoked', async () => {
    const s = await signIn(t.app, 'viewer@contoso.example');
    const created = await t.as(s).post('/me/tokens', { name: 'nightly export' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^lsc_/);
    const bearer = { authorization: `Bearer ${token}` };
    const me = await t.as({ headers: bearer }).get('/me');
    expect(me.json().email).toBe('viewer@contoso.example');
    // No CSRF needed: a bearer token is not an ambient credential.
    expect((await t.as({ headers: bearer }).patch('/me', { locale: 'en' })).statusCode).toBe(200);
    const list = await t.as({ headers: bearer }).get('/me/tokens');
    expect(list.json().items[0]).not.toHaveProperty('token');
    expect((await t.as(s).delete(`/me/tokens/${id}`)).statusCode).toBe(204);
    const after = await t.as({ headers: bearer }).get('/me');
    expect(after.statusCode).toBe(401);
    expect((await t.as(null, { headers: { authorization: 'Bearer lsc_forged' } }).get('/me')).statusCode).toBe(401);
  });

  it('R-ID-6: a user who is no longer active loses access at once but stays listed', async () => {
    const s = await signIn(t.app, 'viewer@contoso.example');
    await t.database.db.execute(sql`update "user" set status = 'removed' where email = 'viewer@contoso.example'`);
    const v = await t.as(null).post('/auth/sign-in', { email: 'viewer@contoso.example', password: 'demo-password-1' });
    expect(v.statusCode).toBe(401);
    expect(v.json().code).toBe('INVALID_CREDENTIALS');
    const still = await t.database.db.execute(sql`select status from "user" where email = 'viewer@contoso.example'`);
    expect(still.rows[0]).toEqual({ status: 'removed' });
    // The live session of the removed user stops working at once.
    expect((await t.as(s).get('/me')).statusCode).toBe(401);
  });

  it('the audit log is append-only', async () => {
    const cause = (q: Promise<unknown>) =>
      q.then(
        () => 'no error',
        (e: { cause?: Error }) => String(e.cause?.message),
      );
    expect(await cause(t.database.db.execute(sql`delete from audit_log`))).toMatch(/append-only/);
    expect(await cause(t.database.db.execute(sql`update audit_log set action = 'x'`))).toMatch(/append-only/);
    const rows = await t.database.db.execute(sql`select count(*)::int as n from audit_log`);
    expect(rows.rows[0]?.n).toBeGreaterThan(0);
  });
});
