import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

/** A password-reset request (limited per client address to one per window here), as one client behind an address. */
const resetFrom = (t: TestApp, remoteAddress: string, forwardedFor?: string) =>
  t
    .as(null, { remoteAddress, ...(forwardedFor ? { headers: { 'x-forwarded-for': forwardedFor } } : {}) })
    .post('/auth/password-reset/request', { email: 'nobody.here@contoso.example' });

describe('behind a load balancer the per-address limits count clients, not the balancer (TRUST_PROXY)', () => {
  const limits = { PASSWORD_RESET_IP_LIMIT: '1', PASSWORD_RESET_ACCOUNT_LIMIT: '100' };
  let behind: TestApp;
  let direct: TestApp;
  beforeAll(async () => {
    behind = await createTestApp({ env: { ...limits, TRUST_PROXY: '127.0.0.1,10.0.0.0/8' } });
    direct = await createTestApp({ env: limits });
  });
  afterAll(async () => {
    await behind?.close();
    await direct?.close();
  });

  it('TRUST_PROXY is a list of addresses or CIDR ranges; anything else is refused at start', () => {
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1,10.0.0.0/8,::1' }).TRUST_PROXY).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(loadConfig({}).TRUST_PROXY).toBeUndefined();
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
  });

  it('through a trusted balancer two clients each get their own limit; the same client is limited', async () => {
    const first = await resetFrom(behind, '127.0.0.1', '198.51.100.7');
    const second = await resetFrom(behind, '10.1.2.3', '198.51.100.8');
    expect(first.statusCode).toBeLessThan(300);
    expect(second.statusCode).toBe(first.statusCode);
    expect((await resetFrom(behind, '127.0.0.1', '198.51.100.7')).statusCode).toBe(429);
  });

  it('an X-Forwarded-For from anyone else is not believed: it cannot dodge the limit by naming other addresses', async () => {
    expect((await resetFrom(behind, '203.0.113.9', '198.51.100.20')).statusCode).toBeLessThan(300);
    expect((await resetFrom(behind, '203.0.113.9', '198.51.100.21')).statusCode).toBe(429);
  });

  it('without TRUST_PROXY, every client of the balancer counts as the balancer', async () => {
    expect((await resetFrom(direct, '127.0.0.1', '198.51.100.7')).statusCode).toBeLessThan(300);
    expect((await resetFrom(direct, '127.0.0.1', '198.51.100.8')).statusCode).toBe(429);
  });
});
