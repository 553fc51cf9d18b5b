import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { startTestIdp, type TestIdp } from '../helpers/oidc-provider.js';
import { type Session, signIn } from '../helpers/session.js';

/**
 * SSRF through the SSO settings: the issuer is an address an organization's Administrator types,
 * and saving it makes the server fetch its discovery document. Only public addresses are reached
 * unless the operator set OUTBOUND_ALLOW_PRIVATE.
 */
describe('SSO settings never make the server call a private address', () => {
  let strict: TestApp;
  let admin: Session;
  beforeAll(async () => {
    strict = await createTestApp({ env: { OIDC_ALLOW_INSECURE_HTTP: 'true', SIGN_IN_IP_LIMIT: '1000' } });
    admin = await signIn(strict.app, 'admin@contoso.example');
  });
  afterAll(() => strict.close());

  const save = (t: TestApp, s: Session, issuer: string) =>
    t.as(s).put('/organization/sso', { issuer, clientId: 'client', clientSecret: 'secret-value' });

  it.each([
    ['loopback', 'http://127.0.0.1:8/'],
    ['loopback', 'http://[::1]:8/'],
    ['loopback', 'http://[::ffff:127.0.0.1]:8/'],
    ['link-local', 'http://169.254.169.254/latest/meta-data/'],
    ['link-local', 'http://[fe80::1]/'],
    ['private', 'http://10.0.0.1/'],
    ['private', 'http://192.168.1.1/'],
    ['private', 'http://172.16.0.1/'],
    ['unique-local', 'http://[fd00:ec2::254]/'],
    ['shared', 'http://100.64.0.1/'],
    ['unspecified', 'http://0.0.0.0:8/'],
    ['multicast', 'http://224.0.0.1/'],
    ['loopback', 'https://127.0.0.1/'],
  ])('a %s issuer (%s) is refused with OUTBOUND_ADDRESS_REFUSED and nothing is saved', async (reason, issuer) => {
    const res = await save(strict, admin, issuer);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'OUTBOUND_ADDRESS_REFUSED', reason });
    const saved = await strict.database.db.execute(sql`select 1 from oidc_provider`);
    expect(saved.rowCount).toBe(0);
  });

  it('a host name that resolves to loopback (localhost) is refused too, not only a literal address', async () => {
    const res = await save(strict, admin, 'http://localhost:8/');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'OUTBOUND_ADDRESS_REFUSED', reason: 'loopback', host: 'localhost' });
    expect(res.json().title).toContain('The server does not connect to this address');
    expect(await strict.database.db.execute(sql`select 1 from audit_log where action like 'sso.settings%'`)).toMatchObject({ rowCount: 0 });
  });

  describe('with OUTBOUND_ALLOW_PRIVATE=true', () => {
    let open: TestApp;
    let idp: TestIdp;
    beforeAll(async () => {
      open = await createTestApp({ env: { OIDC_ALLOW_INSECURE_HTTP: 'true', OUTBOUND_ALLOW_PRIVATE: 'true', SIGN_IN_IP_LIMIT: '1000' } });
      idp = await startTestIdp('http://lsc.test/api/v1/auth/sso/callback');
    });
    afterAll(async () => {
      await idp?.stop();
      await open?.close();
    });

    it('the operator’s setting lets an identity provider on loopback be saved', async () => {
      const s = await signIn(open.app, 'admin@contoso.example');
      expect(new URL(idp.issuer).hostname).toMatch(/^(localhost|127\.0\.0\.1)$/);
      const res = await open.as(s).put('/organization/sso', { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret });
      expect(res.statusCode, res.body).toBe(200);
      // The same address without the setting is refused.
      const refused = await save(strict, admin, idp.issuer);
      expect(refused.json().code).toBe('OUTBOUND_ADDRESS_REFUSED');
    });
  });
});
