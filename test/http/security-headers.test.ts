import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

/** The directives of a CSP header, by name. */
const csp = (header: unknown): Record<string, string[]> =>
  Object.fromEntries(
    String(header ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name = '', ...values]) => [name, values]),
  );

const INDEX = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>Licensing Service Center</title>
    <script type="module" crossorigin src="/assets/index-AbC123.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>
`;

describe('security headers on every answer (@fastify/helmet), on http', () => {
  let t: TestApp;
  let admin: Session;
  let webRoot: string;
  beforeAll(async () => {
    webRoot = await mkdtemp(path.join(tmpdir(), 'lsc-web-'));
    await mkdir(path.join(webRoot, 'assets'));
    await writeFile(path.join(webRoot, 'index.html'), INDEX);
    await writeFile(path.join(webRoot, 'assets', 'index-AbC123.js'), 'console.log(1)');
    await writeFile(path.join(webRoot, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    t = await createTestApp({ webRoot });
    admin = await signIn(t.app, 'admin@contoso.example');
  });
  afterAll(async () => {
    await t.close();
    await rm(webRoot, { recursive: true, force: true });
  });

  it('API, portal and problem answers carry CSP, frame-ancestors/X-Frame-Options, nosniff, Referrer-Policy; no HSTS on http', async () => {
    for (const url of ['/api/health', '/', '/licenses', '/assets/index-AbC123.js', '/api/v1/no-such-route', '/api/v1/me']) {
      const res = await t.app.inject({ method: 'GET', url });
      const policy = csp(res.headers['content-security-policy']);
      expect(policy['default-src'], url).toEqual(["'self'"]);
      expect(policy['script-src'], url).toEqual(["'self'"]);
      expect(policy['object-src'], url).toEqual(["'none'"]);
      expect(policy['frame-ancestors'], url).toEqual(["'none'"]);
      expect(policy['style-src']?.includes("'unsafe-inline'"), url).toBe(false);
      expect(policy).not.toHaveProperty('upgrade-insecure-requests');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('Cache-Control: no-store on API answers to signed-in callers and on problems, whatever the route set', async () => {
    const me = await t.as(admin).get('/me');
    expect(me.statusCode).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const ids = await t.as(admin).get('/licensing-ids');
    expect(ids.headers['cache-control']).toBe('no-store');
    // The public key is public for anyone, but an answer to a signed-in caller is not kept either.
    const keyAnonymous = await t.as(null).get('/activation/public-key');
    expect(keyAnonymous.headers['cache-control']).toBe('public, max-age=3600');
    const keySignedIn = await t.as(admin).get('/activation/public-key');
    expect(keySignedIn.headers['cache-control']).toBe('no-store');
    for (const res of [
      await t.as(null).get('/me'),
      await t.as(null).post('/auth/sign-in', { email: 'x' }),
      await t.app.inject({ method: 'DELETE', url: '/licenses' }),
    ]) {
      expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    const signInAnswer = await t.as(null).post('/auth/sign-in', { email: 'admin@contoso.example', password: 'demo-password-1' });
    expect(signInAnswer.statusCode).toBe(200);
    expect(signInAnswer.headers['cache-control']).toBe('no-store');
  });

  it('index.html is no-cache with a fresh style nonce in its CSP and its meta; hashed assets are cached for a year', async () => {
    const nonces = new Set<string>();
    for (const url of ['/', '/licenses/relationship-summary?status=all', '/index.html']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(String(res.headers['content-type'])).toMatch(/^text\/html/);
      const nonce = /<meta property="csp-nonce" nonce="([^"]+)"/.exec(res.body)?.[1] ?? '';
      expect(nonce.length, url).toBeGreaterThanOrEqual(16);
      expect(csp(res.headers['content-security-policy'])['style-src']).toEqual(["'self'", `'nonce-${nonce}'`]);
      nonces.add(nonce);
    }
    expect(nonces.size).toBe(3);
    const asset = await t.app.inject({ method: 'GET', url: '/assets/index-AbC123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const unhashed = await t.app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(unhashed.headers['cache-control']).toBe('no-cache');
  });

  it('/api/docs has its own policy: inline styles for swagger-ui, scripts still only its own files', async () => {
    const docs = await t.as(null).get('/api/docs/');
    expect(docs.statusCode).toBe(200);
    const policy = csp(docs.headers['content-security-policy']);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(docs.headers['x-frame-options']).toBe('DENY');
  });
});

describe('security headers when PUBLIC_URL is https', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_URL: 'https://licensing.contoso.example' } });
  });
  afterAll(() => t.close());

  it('HSTS for a year and upgrade-insecure-requests, on API and docs answers alike', async () => {
    for (const url of ['/api/health', '/api/docs/']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['strict-transport-security'], url).toBe('max-age=31536000; includeSubDomains');
      expect(csp(res.headers['content-security-policy']), url).toHaveProperty('upgrade-insecure-requests');
    }
  });
});
