import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { Browser, signInThroughIdp, startTestIdp, type TestIdp } from '../helpers/oidc-provider.js';
import { startTestServer } from '../helpers/server.js';
import { type Session, signIn } from '../helpers/session.js';

/**
 * End to end with real peers: the portal as a real HTTP server and the organization's identity
 * provider as a real oidc-provider process. The test is the browser: it follows every redirect by
 * hand, posts the provider's login form and carries each site's cookies.
 */
describe('SSO sign-in through the organization’s OpenID Connect provider', () => {
  const PUBLIC = 'http://lsc.test';
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let idp: TestIdp;
  let admin: Session;

  const q = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => (await server.database.db.execute<T>(query)).rows;
  /** The browser reaches the portal's public address at the test server. */
  const browser = () =>
    new Browser((u) => {
      if (u.origin !== PUBLIC) return u;
      return new URL(`${u.pathname}${u.search}`, server.url);
    });
  const startUrl = (email: string, returnTo = '/') =>
    `${PUBLIC}/api/v1/auth/sso/start?email=${encodeURIComponent(email)}&returnTo=${encodeURIComponent(returnTo)}`;
  const ssoSignIn = async (b: Browser, email: string, loginAs = email, returnTo = '/') =>
    signInThroughIdp(b, startUrl(email, returnTo), loginAs, PUBLIC);
  const portalCookies = (b: Browser) => b.cookies(new URL(server.url).origin);

  const me = (b: Browser) => {
    const jar = portalCookies(b);
    return server.as({ headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } }).get('/me');
  };

  beforeAll(async () => {
    server = await startTestServer({
      // The test's own identity provider listens on loopback, which only this operator setting opens.
      env: { OIDC_ALLOW_INSECURE_HTTP: 'true', OUTBOUND_ALLOW_PRIVATE: 'true', SIGN_IN_IP_LIMIT: '1000' },
    });
    idp = await startTestIdp(`${PUBLIC}/api/v1/auth/sso/callback`);
    admin = await signIn(server.app, 'admin@contoso.example');
  });
  afterAll(async () => {
    await idp?.stop();
    await server?.close();
  });

  it('an organization Administrator sets it up: a bad issuer is refused and nothing saved; the secret is never returned; audited and mailed', async () => {
    const closed = await freePort();
    const bad = await server.as(admin).put('/organization/sso', {
      issuer: `http://127.0.0.1:${closed}`,
      clientId: 'x',
      clientSecret: 'y',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('OIDC_DISCOVERY_FAILED');
    const noSecret = await server.as(admin).put('/organization/sso', { issuer: idp.issuer, clientId: idp.clientId });
    expect(noSecret.statusCode).toBe(400);
    expect(noSecret.json().code).toBe('VALIDATION_FAILED');
    expect((await server.as(admin).get('/organization/sso')).json()).toEqual({
      provider: null,
      redirectUri: `${PUBLIC}/api/v1/auth/sso/callback`,
    });
    expect(await q(sql`select 1 from audit_log where action like 'sso.settings%'`)).toEqual([]);

    const saved = await server.as(admin).put('/organization/sso', {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      enabled: true,
    });
    expect(saved.statusCode, JSON.stringify(saved.json())).toBe(200);
    expect(saved.json().provider).toMatchObject({ issuer: idp.issuer, clientId: idp.clientId, enabled: true });
    expect(JSON.stringify(saved.json())).not.toContain(idp.clientSecret);
    expect(JSON.stringify((await server.as(admin).get('/organization/sso')).json())).not.toContain(idp.clientSecret);
    const [row] = await q<{ client_secret: string }>(sql`select client_secret from oidc_provider`);
    expect(row?.client_secret).not.toContain(idp.clientSecret); // sealed at rest
    const audit = await q<{ after: Record<string, unknown> }>(sql`select after from audit_log where action = 'sso.settings.save'`);
    expect(audit).toEqual([{ after: { issuer: idp.issuer, clientId: idp.clientId, enabled: true, clientSecretChanged: true } }]);
    const mail = await q<{ to_address: string; text: string }>(
      sql`select to_address, text from outbox where template = 'ssoSettingsSaved'`,
    );
    expect(mail.map((m) => m.to_address)).toEqual(['admin@contoso.example']);
    expect(mail[0]?.text).toContain(idp.issuer);
  });

  it('start refuses an address without single sign-on (404 SSO_NOT_CONFIGURED) and a returnTo off the site', async () => {
    const none = await server.as(null).get(`/auth/sso/start?email=${encodeURIComponent('anna@nowhere.example')}`);
    expect(none.statusCode).toBe(404);
    expect(none.json().code).toBe('SSO_NOT_CONFIGURED');
    const fabrikam = await server.as(null).get(`/auth/sso/start?email=${encodeURIComponent('admin@fabrikam.example')}`);
    expect(fabrikam.json().code).toBe('SSO_NOT_CONFIGURED');
    for (const returnTo of ['https://evil.example/', '//evil.example/x']) {
      const res = await server.as(null).get(`/auth/sso/start?email=admin%40contoso.example&returnTo=${encodeURIComponent(returnTo)}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    expect(await q(sql`select 1 from sso_state`)).toEqual([]);
  });

  it('signs an existing user in with the same session cookies as password sign-in; the session works on /api/v1/me', async () => {
    await idp.setAccount({ sub: 'idp-anna', email: 'admin@contoso.example', given_name: 'Anna', family_name: 'Lind' });
    const b = browser();
    const result = await ssoSignIn(b, 'admin@contoso.example', 'admin@contoso.example', '/licenses?tab=all');
    expect(result.location).toBe('/licenses?tab=all');
    expect(result.hops.some((h) => h.startsWith(idp.issuer))).toBe(true);
    const jar = portalCookies(b);
    expect(jar.has('lsc_session')).toBe(true);
    expect(jar.has('lsc_csrf')).toBe(true);
    expect(jar.has('lsc_sso')).toBe(false); // the state cookie is spent
    const set = b.setCookies.find((r) => r.url.includes('/auth/sso/callback'))?.cookies ?? [];
    expect(set.find((c) => c.startsWith('lsc_session='))).toMatch(/; Path=\/;.*HttpOnly.*SameSite=Lax/);
    expect(set.find((c) => c.startsWith('lsc_csrf='))).not.toMatch(/HttpOnly/);
    const who = await me(b);
    expect(who.statusCode).toBe(200);
    expect(who.json().email).toBe('admin@contoso.example');
    expect((await q(sql`select sso_subject from "user" where email = 'admin@contoso.example'`))[0]).toEqual({ sso_subject: 'idp-anna' });
    const audit = await q<{ after: Record<string, unknown> }>(sql`select a.after from audit_log a join "user" u on u.id::text = a.target_id
      where a.action = 'auth.sign-in' and u.email = 'admin@contoso.example' order by a.id desc limit 1`);
    expect(audit[0]?.after).toMatchObject({ method: 'sso', subjectBound: 'idp-anna' });
    expect(await q(sql`select active from directory_entry where email = 'admin@contoso.example'`)).toEqual([{ active: true }]);
    expect(await q(sql`select 1 from sso_state`)).toEqual([]);
  });

  it('a replayed callback is refused (SSO_STATE_INVALID) and opens no session', async () => {
    await idp.setAccount({ sub: 'idp-anna', email: 'admin@contoso.example' });
    const b = browser();
    const stateCookie = new Map<string, string>();
    const first = await ssoSignIn(b, 'admin@contoso.example');
    expect(first.location).toBe('/');
    const callback = first.hops.find((h) => h.includes('/auth/sso/callback')) ?? '';
    const state = new URL(callback).searchParams.get('state') ?? '';
    stateCookie.set('lsc_sso', state);
    const sessions = await q(sql`select count(*)::int as n from session`);

    // The same browser again, and an attacker holding both the callback address and the state cookie.
    for (const replay of [b, browser()]) {
      portalCookies(replay).set('lsc_sso', state);
      const res = await replay.request(callback);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/sign-in?error=SSO_STATE_INVALID');
    }
    expect(await q(sql`select count(*)::int as n from session`)).toEqual(sessions);
  });

  /** Starts in `b` and completes the provider's steps, stopping before the portal's callback. */
  async function callbackFor(b: Browser, email: string): Promise<string> {
    const start = await b.request(startUrl(email));
    expect(start.status).toBe(302);
    let url = new URL(start.headers.get('location') ?? '');
    for (let i = 0; i < 6; i++) {
      const interaction = /^\/interaction\/[^/]+$/.test(url.pathname);
      const res = interaction ? await b.request(new URL(`${url.pathname}/login`, url), { form: { login: email } }) : await b.request(url);
      url = new URL(res.headers.get('location') ?? '', url);
      if (url.origin === PUBLIC) return url.href;
    }
    throw new Error('the provider did not send the browser back');
  }

  it('a callback delivered to another browser than the one that started is refused (no login CSRF)', async () => {
    // The attacker completes the provider's steps and hands the callback to a victim's browser.
    const callback = await callbackFor(browser(), 'admin@contoso.example');
    const victim = browser();
    const res = await victim.request(callback);
    expect(res.headers.get('location')).toBe('/sign-in?error=SSO_STATE_INVALID');
    expect(portalCookies(victim).has('lsc_session')).toBe(false);
  });

  it('a sign-in that stayed at the provider longer than SSO_STATE_TTL_MINUTES is refused (SSO_STATE_INVALID)', async () => {
    const b = browser();
    const callback = await callbackFor(b, 'admin@contoso.example');
    await server.database.db.execute(sql`update sso_state set created_at = created_at - interval '11 minutes'`);
    const res = await b.request(callback);
    expect(res.headers.get('location')).toBe('/sign-in?error=SSO_STATE_INVALID');
    expect(portalCookies(b).has('lsc_session')).toBe(false);
    const state = new URL(callback).searchParams.get('state');
    expect(await q(sql`select 1 from sso_state where state = ${state}`)).toEqual([]);
  });

  it('R-ID-4: an unknown address of a self-sign-up organization gets an account without permissions and a directory entry', async () => {
    await idp.setAccount({ sub: 'idp-nils', email: 'nils.ek@contoso.example', given_name: 'Nils', family_name: 'Ek' });
    const b = browser();
    expect((await ssoSignIn(b, 'nils.ek@contoso.example')).location).toBe('/');
    const who = await me(b);
    expect(who.json()).toMatchObject({
      email: 'nils.ek@contoso.example',
      firstName: 'Nils',
      lastName: 'Ek',
      organization: { name: 'Contoso Ltd' },
    });
    const [created] = await q<{ id: string; status: string; password_hash: string | null }>(
      sql`select id, status, password_hash from "user" where email = 'nils.ek@contoso.example'`,
    );
    expect(created).toMatchObject({ status: 'active', password_hash: null });
    expect(await q(sql`select 1 from role_grant where user_id = ${created?.id}`)).toEqual([]);
    expect(await q(sql`select active from directory_entry where email = 'nils.ek@contoso.example'`)).toEqual([{ active: true }]);
    expect(await q(sql`select 1 from audit_log where action = 'user.sso-sign-up' and target_id = ${created?.id}`)).toHaveLength(1);
    const mail = await q<{ to_address: string; subject: string }>(
      sql`select to_address, subject from outbox where template = 'ssoAccountCreated'`,
    );
    expect(mail).toEqual([{ to_address: 'nils.ek@contoso.example', subject: 'Your Licensing Service Center account was created' }]);
  });

  it('R-ID-4: with self sign-up turned off an unknown address is refused with E03', async () => {
    await server.database.db.execute(sql`update organization set self_sign_up = false where name = 'Contoso Ltd'`);
    try {
      await idp.setAccount({ sub: 'idp-olle', email: 'olle@contoso.example' });
      expect((await ssoSignIn(browser(), 'olle@contoso.example')).location).toBe('/sign-in?error=E03');
      expect(await q(sql`select 1 from "user" where email = 'olle@contoso.example'`)).toEqual([]);
    } finally {
      await server.database.db.execute(sql`update organization set self_sign_up = true where name = 'Contoso Ltd'`);
    }
  });

  it("the provider vouches only for its own organization's addresses: another domain signs no one in", async () => {
    await idp.setAccount({ sub: 'idp-mallory', email: 'admin@fabrikam.example' });
    const b = browser();
    const result = await ssoSignIn(b, 'someone@contoso.example', 'admin@fabrikam.example');
    expect(result.location).toBe('/sign-in?error=SSO_EMAIL_NOT_IN_ORGANIZATION');
    expect(portalCookies(b).has('lsc_session')).toBe(false);
    const refused = await q<{ after: Record<string, unknown> }>(
      sql`select after from audit_log where action = 'auth.sso-refused' order by id desc limit 1`,
    );
    expect(refused[0]?.after).toMatchObject({ code: 'SSO_EMAIL_NOT_IN_ORGANIZATION', email: 'admin@fabrikam.example' });
  });

  it('R-ID-6: a user removed from the identity provider can no longer sign in (E04) but stays listed with their grants', async () => {
    await idp.setAccount({ sub: 'idp-sara', email: 'keys@contoso.example' });
    expect((await ssoSignIn(browser(), 'keys@contoso.example')).location).toBe('/');
    const grants = await q(
      sql`select g.role, g.active from role_grant g join "user" u on u.id = g.user_id where u.email = 'keys@contoso.example' order by g.role, g.licensing_id`,
    );

    await idp.removeAccount('idp-sara');
    const b = browser();
    expect((await ssoSignIn(b, 'keys@contoso.example')).location).toBe('/sign-in?error=E04');
    expect(portalCookies(b).has('lsc_session')).toBe(false);
    const listed = await server.as(admin).get('/users?email=keys%40contoso.example&status=all');
    expect(listed.json().items.map((u: { email: string }) => u.email)).toEqual(['keys@contoso.example']);
    expect(
      await q(
        sql`select g.role, g.active from role_grant g join "user" u on u.id = g.user_id where u.email = 'keys@contoso.example' order by g.role, g.licensing_id`,
      ),
    ).toEqual(grants);
    expect(await q(sql`select 1 from audit_log where action = 'auth.sso-refused' and after->>'code' = 'E04'`)).toHaveLength(1);
  });

  it('R-ID-6: SCIM deactivation ends a live SSO session at once; SSO sign-in is then E04 until the directory re-activates the user', async () => {
    await idp.setAccount({ sub: 'idp-erik', email: 'viewer@contoso.example' });
    const b = browser();
    expect((await ssoSignIn(b, 'viewer@contoso.example')).location).toBe('/');
    expect((await me(b)).statusCode).toBe(200);

    const token = (await server.as(admin).post('/organization/scim-tokens', { name: 'IdP provisioning' })).json().token as string;
    const directory = { headers: { authorization: `Bearer ${token}` } };
    const scimBody = { headers: { 'content-type': 'application/scim+json' } };
    // The SSO sign-in recorded the directory entry; the directory finds it by userName.
    const found = (
      await server.as(directory).get(`/scim/v2/Users?filter=${encodeURIComponent('userName eq "viewer@contoso.example"')}`)
    ).json();
    expect(found.totalResults).toBe(1);
    const id = found.Resources[0].id as string;
    const off = await server.as(directory, scimBody).patch(`/scim/v2/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
    expect(off.statusCode).toBe(200);

    expect((await me(b)).statusCode).toBe(401);
    expect((await ssoSignIn(browser(), 'viewer@contoso.example')).location).toBe('/sign-in?error=E04');
    expect(await q(sql`select status from "user" where email = 'viewer@contoso.example'`)).toEqual([{ status: 'removed' }]);
    // Still in the Administrator's user list (Manage Users), shown as inactive.
    const listed = await server.as(admin).get('/users?email=viewer%40contoso.example&status=all');
    expect(listed.json().items).toEqual([expect.objectContaining({ email: 'viewer@contoso.example', status: 'inactive' })]);

    const on = await server.as(directory, scimBody).patch(`/scim/v2/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'active', value: true }],
    });
    expect(on.statusCode).toBe(200);
    const again = browser();
    expect((await ssoSignIn(again, 'viewer@contoso.example')).location).toBe('/');
    expect((await me(again)).json().email).toBe('viewer@contoso.example');
  });

  it('a disabled provider signs no one in; removing it is audited, mailed and unbinds the subjects', async () => {
    const off = await server.as(admin).put('/organization/sso', { issuer: idp.issuer, clientId: idp.clientId, enabled: false });
    expect(off.statusCode).toBe(200);
    expect(off.json().provider.enabled).toBe(false);
    const start = await server.as(null).get('/auth/sso/start?email=admin%40contoso.example');
    expect(start.statusCode).toBe(404);
    expect(start.json().code).toBe('SSO_NOT_CONFIGURED');

    expect((await server.as(admin).delete('/organization/sso')).statusCode).toBe(204);
    expect((await server.as(admin).get('/organization/sso')).json().provider).toBeNull();
    expect(await q(sql`select count(*)::int as n from "user" where sso_subject is not null`)).toEqual([{ n: 0 }]);
    expect(await q(sql`select 1 from audit_log where action = 'sso.settings.remove'`)).toHaveLength(1);
    expect(await q(sql`select to_address from outbox where template = 'ssoSettingsRemoved'`)).toEqual([
      { to_address: 'admin@contoso.example' },
    ]);
    const again = await server.as(admin).delete('/organization/sso');
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('SSO_NOT_CONFIGURED');
  });
});
