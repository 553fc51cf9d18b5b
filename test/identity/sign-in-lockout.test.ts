import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusingCounters } from '../../src/modules/identity/sign-in/throttle.js';
import { fixedClock } from '../../src/platform/clock.js';
import { secondsUntilWindowEnds } from '../../src/platform/rate-limit.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const PASSWORD = 'owner-password-2026';
const WINDOW = 300;

describe('issue 10 finding 8: failed sign-ins are counted per account and address, so no stranger locks an owner out', () => {
  const clock = fixedClock('2026-03-02T09:00:00Z');
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { SIGN_IN_LIMIT: '10', SIGN_IN_ACCOUNT_LIMIT: '25', SIGN_IN_WINDOW_SECONDS: String(WINDOW) } });
  });
  afterAll(() => t.close());

  async function newUser(email: string): Promise<void> {
    await t.given.user(email, { firstName: 'Owner', lastName: 'Person', password: PASSWORD });
  }

  it('the rules: a pair or address over its limit refuses; the account ceiling only an account without a second factor', () => {
    const limits = { pair: 10, account: 100, address: 100 };
    expect(refusingCounters({ pair: 10, account: 10, address: 10 }, limits, false)).toEqual([]);
    expect(refusingCounters({ pair: 11, account: 11, address: 11 }, limits, false)).toEqual(['pair']);
    expect(refusingCounters({ pair: 1, account: 101, address: 1 }, limits, false)).toEqual(['account']);
    expect(refusingCounters({ pair: 1, account: 101, address: 1 }, limits, true)).toEqual([]);
    expect(refusingCounters({ pair: 1, account: 1, address: 101 }, limits, true)).toEqual(['address']);
    const start = new Date('2026-01-01T00:00:00Z');
    expect(secondsUntilWindowEnds(start, 300, new Date('2026-01-01T00:01:00.200Z'))).toBe(240);
    expect(secondsUntilWindowEnds(start, 300, new Date('2026-01-01T00:05:00Z'))).toBe(1);
  });

  it('11 wrong passwords from address A: the owner at address B still signs in; A waits until the window ends, with Retry-After', async () => {
    await newUser('owner.a@contoso.example');
    const started = clock.now();
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      codes.push(
        (
          await t
            .as(null, { remoteAddress: '203.0.113.10' })
            .post('/auth/sign-in', { email: 'owner.a@contoso.example', password: `guess-${i}` })
        ).statusCode,
      );
      clock.advance(1_000);
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes[10]).toBe(429);

    const owner = await t
      .as(null, { remoteAddress: '198.51.100.7' })
      .post('/auth/sign-in', { email: 'owner.a@contoso.example', password: PASSWORD });
    expect(owner.statusCode).toBe(200);
    expect(owner.cookies.some((c) => c.name === 'lsc_session')).toBe(true);

    // Even the right password waits at A, and the answer says for how long: until the window's real end.
    clock.advance(60_000);
    const waiting = await t
      .as(null, { remoteAddress: '203.0.113.10' })
      .post('/auth/sign-in', { email: 'owner.a@contoso.example', password: PASSWORD });
    expect(waiting.statusCode).toBe(429);
    const elapsed = (clock.now().getTime() - started.getTime()) / 1000;
    const expected = Math.ceil(WINDOW - elapsed);
    expect(waiting.json()).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expected });
    expect(waiting.headers['retry-after']).toBe(String(expected));
    expect(expected).toBeLessThan(WINDOW);

    clock.advance(expected * 1000);
    const again = await t
      .as(null, { remoteAddress: '203.0.113.10' })
      .post('/auth/sign-in', { email: 'owner.a@contoso.example', password: PASSWORD });
    expect(again.statusCode).toBe(200);
  });

  it('only failures count: many successful sign-ins never lock anyone out', async () => {
    await newUser('owner.b@contoso.example');
    for (let i = 0; i < 15; i++)
      expect(
        (
          await t
            .as(null, { remoteAddress: '203.0.113.20' })
            .post('/auth/sign-in', { email: 'owner.b@contoso.example', password: PASSWORD })
        ).statusCode,
      ).toBe(200);
    const rows = await t.database.db.execute<{ key: string; count: number }>(
      sql`select key, count from rate_limit where key like '%owner.b@contoso.example%'`,
    );
    expect(rows.rows.every((r) => Number(r.count) === 0)).toBe(true);
  });

  it('a success forgives its address’s failures on the account: the owner who mistyped is not left near the limit', async () => {
    await newUser('owner.c@contoso.example');
    for (let i = 0; i < 9; i++)
      expect(
        (await t.as(null, { remoteAddress: '203.0.113.30' }).post('/auth/sign-in', { email: 'owner.c@contoso.example', password: 'typo' }))
          .statusCode,
      ).toBe(401);
    expect(
      (await t.as(null, { remoteAddress: '203.0.113.30' }).post('/auth/sign-in', { email: 'owner.c@contoso.example', password: PASSWORD }))
        .statusCode,
    ).toBe(200);
    for (let i = 0; i < 10; i++)
      expect(
        (await t.as(null, { remoteAddress: '203.0.113.30' }).post('/auth/sign-in', { email: 'owner.c@contoso.example', password: 'typo' }))
          .statusCode,
      ).toBe(401);
  });

  it('a spray from many addresses is slowed by the account ceiling: past it an account without a second factor waits', async () => {
    clock.advance(WINDOW * 1000);
    await newUser('owner.d@contoso.example');
    for (let i = 0; i < 25; i++) {
      expect(
        (
          await t
            .as(null, { remoteAddress: `192.0.2.${i + 1}` })
            .post('/auth/sign-in', { email: 'owner.d@contoso.example', password: 'spray' })
        ).statusCode,
      ).toBe(401);
    }
    const refused = await t
      .as(null, { remoteAddress: '192.0.2.200' })
      .post('/auth/sign-in', { email: 'owner.d@contoso.example', password: PASSWORD });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json().retryAfterSeconds).toBe(Number(refused.headers['retry-after']));
  });

  it('past the account ceiling an account with a second factor is not locked out: the right password still leads to that step', async () => {
    await newUser('owner.e@contoso.example');
    await t.database.db.execute(sql`insert into totp_factor (user_id, secret_sealed, confirmed_at)
      select id, 'sealed', now() from "user" where email = 'owner.e@contoso.example'`);
    for (let i = 0; i < 26; i++) {
      expect(
        (
          await t
            .as(null, { remoteAddress: `192.0.2.${i + 1}` })
            .post('/auth/sign-in', { email: 'owner.e@contoso.example', password: 'spray' })
        ).statusCode,
      ).toBe(401);
    }
    const owner = await t
      .as(null, { remoteAddress: '192.0.2.201' })
      .post('/auth/sign-in', { email: 'owner.e@contoso.example', password: PASSWORD });
    expect(owner.statusCode).toBe(200);
    expect(owner.json().secondStep).toMatchObject({ purpose: 'verify', methods: ['totp'] });
    expect(owner.cookies).toEqual([]);
  });
});
