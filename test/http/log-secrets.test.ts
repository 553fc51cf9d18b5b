import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { redactText, redactUrl } from '../../src/platform/http/log-redaction.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { cookiesOf, signIn } from '../helpers/session.js';

describe('redaction of log text', () => {
  it('cuts secret query parameters and token-like path segments, keeps the rest of the URL', () => {
    expect(
      redactUrl(
        '/api/v1/downloads/files/0b5f3c1e-8f2a-4c43-9a4e-9d3b6d1f0a11/content?expires=1772400000&user=6f2d&method=MANAGER&signature=Ab-_9x',
      ),
    ).toBe(
      '/api/v1/downloads/files/0b5f3c1e-8f2a-4c43-9a4e-9d3b6d1f0a11/content?expires=1772400000&user=6f2d&method=MANAGER&signature=[redacted]',
    );
    expect(redactUrl('/register?token=abc&lang=sv')).toBe('/register?token=[redacted]&lang=sv');
    expect(redactUrl('/api/v1/auth/sso/callback?code=c0de&state=st4te&iss=x')).toBe(
      '/api/v1/auth/sso/callback?code=[redacted]&state=[redacted]&iss=x',
    );
    expect(redactUrl('/api/v1/auth/invitations/q3Zk8N1vP0xYt7LmR2sWc9Qb4JhF6dEa5GuIoKyTnMw')).toBe('/api/v1/auth/invitations/[redacted]');
    // Prefixed credentials are cut wherever they stand in a URL, percent-encoded or not.
    expect(redactUrl('/api/v1/x/tpc_AbCdEfGhIjKlMnOpQrStUv?ref=whsec_QUJDREVGR0hJSktMTU5PUFFS+1RVVg==&n=1')).toBe(
      '/api/v1/x/[redacted]?ref=[redacted]&n=1',
    );
    expect(redactUrl('/a?ref=whsec_QUJDREVGR0hJ%2BktMTU5PUFFS%2F1RVVg%3D%3D')).toBe('/a?ref=[redacted]');
    // Ids, slugs and hex digests are not secrets and stay readable.
    expect(redactUrl('/downloads/products/office-professional-plus-2024/0b5f3c1e-8f2a-4c43-9a4e-9d3b6d1f0a11')).toBe(
      '/downloads/products/office-professional-plus-2024/0b5f3c1e-8f2a-4c43-9a4e-9d3b6d1f0a11',
    );
  });

  it('cuts argon2 hashes, API tokens, statement parameters and URLs inside free text', () => {
    const hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA';
    const text = `Failed query: update "user" set "password_hash" = $1 where "id" = $2\nparams: ${hash},6f2d0a3e: violates check\nRoute GET:/register?token=secret1 not found lsc_AbCdEfGhIjKlMnOpQrSt`;
    const out = redactText(text);
    for (const secret of [hash, 'c2FsdHNhbHQ', 'aGFzaGhhc2hoYXNoaGFzaA', 'secret1', 'lsc_AbCdEfGhIjKlMnOpQrSt', '$argon2']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('Failed query: update "user" set "password_hash" = $1');
    const row = redactText(`Failing row contains (6f2d0a3e, ${hash}, Rita).`);
    expect(row).toBe('Failing row contains (6f2d0a3e, [redacted], Rita).');
    expect(out).toContain('/register?token=[redacted]');
    // R-SA-5: a training provider's credential, by its prefix.
    expect(redactText('Bearer tpc_AbCdEfGhIjKlMnOpQrStUv from the provider')).toBe('Bearer [redacted] from the provider');
  });
});

/** A captured log: every line the app writes, at debug level. */
function captureLog() {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) } };
}

describe('no secret in any log line of a full run (finding 5)', () => {
  const log = captureLog();
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { LOG_LEVEL: 'debug' }, logger: log.destination });
  });
  afterAll(() => t.close());

  const q = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => (await t.database.db.execute<T>(query)).rows;

  it('sign-in, API token, invitation and registration (one failing on a statement), a download link fetched, SSO callback', async () => {
    const secrets: Record<string, string> = { 'demo password': DEMO_PASSWORD };

    // Sign-in: a session cookie and a CSRF token.
    const admin = await signIn(t.app, 'admin@contoso.example');
    secrets['session cookie'] = admin.cookie.split(';')[0]?.split('=')[1] ?? '';
    secrets['CSRF token'] = admin.csrf;
    const [stored] = await q<{ password_hash: string }>(sql`select password_hash from "user" where email = 'admin@contoso.example'`);
    secrets['stored argon2 hash'] = stored?.password_hash ?? '';

    // A personal API token, created and used.
    const created = await t.as(admin).post('/me/tokens', { name: 'script' });
    expect(created.statusCode).toBe(201);
    secrets['API token'] = created.json().token;
    const byToken = await t.as(null, { headers: { authorization: `Bearer ${secrets['API token']}` } }).get('/me');
    expect(byToken.statusCode).toBe(200);
    await t.as(null, { headers: { authorization: `Bearer ${secrets['API token']}x` } }).get('/me');

    // An invitation: its token travels in the mailed link and in the API path.
    const [enrollment] = await q<{ id: string }>(sql`select id from licensing_id where number = '67012345'`);
    const invited = await t.as(admin).post('/users', {
      email: 'rita.register@contoso.example',
      firstName: 'Rita',
      lastName: 'Register',
      grants: [{ licensingId: enrollment?.id, roles: ['LICENSING_INFO_VIEWER'] }],
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const [mail] = await q<{ text: string }>(
      sql`select text from outbox where to_address = 'rita.register@contoso.example' order by id desc limit 1`,
    );
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1] ?? '';
    expect(token.length).toBeGreaterThan(20);
    secrets['invitation token'] = token;
    expect((await t.as(null).get(`/auth/invitations/${token}`)).statusCode).toBe(200);
    await t.app.inject({ method: 'GET', url: `/register?token=${token}` });
    await t.as(null).get(`/auth/invitations/${token}/no-such-thing`);

    // Registration whose statement fails: the failed query's parameters hold the new argon2 hash.
    const password = 'rita-secret-passphrase-7';
    secrets['new password'] = password;
    await t.database.db.execute(sql.raw(`alter table "user" add constraint lsc_test_refused check (first_name <> 'Refused') not valid`));
    const failed = await t.as(null).post('/auth/register', { token, firstName: 'Refused', lastName: 'Register', password });
    expect(failed.statusCode).toBe(500);
    await t.database.db.execute(sql.raw('alter table "user" drop constraint lsc_test_refused'));
    const registered = await t.as(null).post('/auth/register', { token, firstName: 'Rita', lastName: 'Register', password });
    expect(registered.statusCode, registered.body).toBe(201);
    const [rita] = await q<{ password_hash: string }>(sql`select password_hash from "user" where email = 'rita.register@contoso.example'`);
    secrets['new argon2 hash'] = rita?.password_hash ?? '';
    const ritaSignIn = await t.as(null).post('/auth/sign-in', { email: 'rita.register@contoso.example', password });
    expect(ritaSignIn.statusCode).toBe(200);
    secrets['second session cookie'] = cookiesOf(ritaSignIn).lsc_session ?? '';

    // A download link, fetched without a session.
    const [office] = await q<{ id: string }>(sql`select id from product where code = 'OFF-PP-2024'`);
    const links = await t.as(admin).post(`/downloads/${office?.id}/links`, { language: 'en', os: 'WINDOWS', method: 'MANAGER' });
    expect(links.statusCode, links.body).toBe(200);
    const link = new URL(links.json().items[0].url);
    secrets['link signature'] = link.searchParams.get('signature') ?? '';
    const fetched = await t.app.inject({ method: 'GET', url: `${link.pathname}${link.search}`, headers: { range: 'bytes=0-99' } });
    expect(fetched.statusCode).toBe(206);

    // An SSO callback's code and state.
    secrets['SSO code'] = 'Xq7sso-code-V3ryS3cretValue1';
    secrets['SSO state'] = 'Yw8sso-state-V3ryS3cretValue2';
    await t.as(null).get(`/auth/sso/callback?code=${secrets['SSO code']}&state=${secrets['SSO state']}`);

    // A bad sign-in: a wrong password for an account, and a password for an address that has none.
    secrets['wrong password'] = 'wrong-but-secret-passphrase-9';
    const bad = await t.as(null).post('/auth/sign-in', { email: 'admin@contoso.example', password: secrets['wrong password'] });
    expect(bad.statusCode).toBe(401);
    secrets['unknown account password'] = 'nobody-knows-this-passphrase-3';
    await t.as(null).post('/auth/sign-in', { email: 'nobody@contoso.example', password: secrets['unknown account password'] });

    // Credentials known by their prefix where no parameter name gives them away: in a path, under an innocent query name.
    const provider = `tpc_${randomBytes(24).toString('base64url')}`;
    const webhook = `whsec_${randomBytes(32).toString('base64')}`;
    const personal = `lsc_${randomBytes(24).toString('base64url')}`;
    const directory = `scim_${randomBytes(24).toString('base64url')}`;
    Object.assign(secrets, { 'provider credential': provider, 'webhook secret': webhook, 'personal token in a URL': personal });
    secrets['directory token in a URL'] = directory;
    secrets['webhook secret, percent-encoded'] = encodeURIComponent(webhook);
    await t.app.inject({ method: 'GET', url: `/api/v1/no-such/${provider}/${directory}?ref=${webhook}&next=${personal}` });
    await t.app.inject({ method: 'GET', url: `/api/v1/no-such?ref=${encodeURIComponent(webhook)}` });

    // A request that names its id: every line it writes carries it.
    await t.app.inject({
      method: 'GET',
      url: `/api/v1/auth/invitations/${token}`,
      headers: { 'x-request-id': 'trace-42.from-the-balancer' },
    });

    const text = log.lines.join('');
    if (process.env.SHOW_LOG) console.log(text);
    // The log did record the run: the request lines and the failed statement, with its secrets cut.
    expect(text).toContain('/api/v1/auth/invitations/[redacted]');
    expect(text).toContain('signature=[redacted]');
    expect(text).toMatch(/Failed query: update \\"user\\"/);
    expect(log.lines.length).toBeGreaterThan(20);
    for (const [name, secret] of Object.entries(secrets)) {
      expect(secret.length, name).toBeGreaterThan(8);
      expect(text.includes(secret), `${name} in the log`).toBe(false);
    }
    expect(text).not.toContain('$argon2');
    // No token of this codebase's kinds, whoever's: personal (lsc_), directory (scim_), provider (tpc_), webhook (whsec_).
    expect(text).not.toMatch(/\b(?:lsc|scim|tpc)_[A-Za-z0-9_-]{16,}/);
    expect(text).not.toMatch(/whsec_[A-Za-z0-9+/%]{8,}/);

    // Structured JSON, and every line written while a request runs names the request (reqId).
    const entries = log.lines.map((l) => JSON.parse(l) as { reqId?: string; req?: unknown; res?: unknown; msg?: string });
    const ofRequests = entries.filter((e) => e.req || e.res || e.msg === 'unhandled error');
    expect(ofRequests.length).toBeGreaterThan(20);
    expect(entries.filter((e) => !e.reqId)).toEqual([]);
    expect(entries.filter((e) => e.reqId === 'trace-42.from-the-balancer').map((e) => e.msg)).toEqual([
      'incoming request',
      'request completed',
    ]);
    expect(text).not.toContain('Failing row contains');
  });
});
