import { sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { fixtures } from '../permissions/fixtures.js';

describe('a password reset and the second factor', () => {
  const clock = fixedClock('2026-03-02T09:00:07Z');
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock, env: { SIGN_IN_IP_LIMIT: '1000' } });
  });
  afterAll(() => t.close());

  const codeAt = (secret: string) => generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) });

  it('a reset sets only the password: signing in with the new one still asks for the authenticator app', async () => {
    const f = fixtures(t);
    const user = await f.user('tove.totp@contoso.example');
    const started = await t.as(user.session).post('/me/security/totp', {});
    const { secret } = started.json() as { secret: string };
    expect((await t.as(user.session).post('/me/security/totp/confirm', { code: await codeAt(secret) })).statusCode).toBe(200);
    clock.advance(30_000);

    expect((await t.as(null).post('/auth/password-reset/request', { email: 'tove.totp@contoso.example' })).statusCode).toBe(202);
    const [mail] = await f.rows<{ text: string }>(
      sql`select text from outbox where to_address = 'tove.totp@contoso.example' and template = 'passwordResetLink'`,
    );
    const token = /reset-password\?token=([\w-]+)/.exec(mail?.text ?? '')?.[1];
    const reset = await t.as(null).post('/auth/password-reset', { token, password: 'tove-has-a-new-password' });
    expect(reset.statusCode).toBe(200);
    expect(reset.cookies).toEqual([]);

    const passwordStep = await t
      .as(null)
      .post('/auth/sign-in', { email: 'tove.totp@contoso.example', password: 'tove-has-a-new-password' });
    expect(passwordStep.statusCode).toBe(200);
    expect(passwordStep.cookies).toEqual([]);
    expect(passwordStep.json()).not.toHaveProperty('user');
    const step = passwordStep.json().secondStep;
    expect(step.methods).toContain('totp');
    const done = await t
      .as(null)
      .post('/auth/sign-in/second-factor', { challenge: step.challenge, method: 'totp', code: await codeAt(secret) });
    expect(done.statusCode).toBe(200);
    expect(done.cookies.map((c) => c.name).sort()).toEqual(['lsc_csrf', 'lsc_session']);
    // The session from before the reset ended with it.
    expect((await t.as(user.session).get('/me')).statusCode).toBe(401);
  });
});
