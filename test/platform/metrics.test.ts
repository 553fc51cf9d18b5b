import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopback, mayScrape } from '../../src/platform/metrics/access.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { startTestServer } from '../helpers/server.js';
import { signIn } from '../helpers/session.js';
import { createCatalog, keyOf, licensingIdOf, order } from '../keys/helpers.js';

/** A sample's value in Prometheus text: the line `name{labels…} value` whose labels include all of `labels`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('who may read /metrics', () => {
  it('loopback addresses, IPv4, IPv6 and IPv4-mapped; nothing else', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopback(a), a).toBe(true);
    for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '192.168.1.1', '::', '0.0.0.0', '', undefined, '127.0.0.1.evil']) {
      expect(isLoopback(a), String(a)).toBe(false);
    }
  });

  it('without a token: loopback straight to the node; with one: its bearer only, from anywhere', () => {
    const local = { remoteAddress: '127.0.0.1', authorization: undefined, forwarded: false };
    expect(mayScrape(local, undefined)).toBe(true);
    expect(mayScrape({ ...local, forwarded: true }, undefined)).toBe(false);
    expect(mayScrape({ ...local, remoteAddress: '10.1.2.3' }, undefined)).toBe(false);
    const token = 'scrape-token-0123456789';
    expect(mayScrape(local, token)).toBe(false);
    expect(mayScrape({ ...local, authorization: `Bearer ${token}x` }, token)).toBe(false);
    expect(mayScrape({ ...local, authorization: `Bearer ${token.slice(0, -1)}` }, token)).toBe(false);
    expect(mayScrape({ ...local, remoteAddress: '10.1.2.3', authorization: `Bearer ${token}` }, token)).toBe(true);
  });
});

describe('/metrics on a real server, no token configured', () => {
  let s: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it('answers a scraper on loopback in the Prometheus text format, process and pool metrics included', async () => {
    const res = await fetch(`${s.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('# TYPE lsc_http_requests_total counter');
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'lsc_db_pool_connections')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'lsc_db_pool_idle_connections')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'lsc_db_pool_waiting_queries')).toBe(0);
  });

  it('refuses a request that came through a proxy (X-Forwarded-For) with 404, and is not the portal page', async () => {
    const res = await fetch(`${s.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe('ROUTE_NOT_FOUND');
  });

  it('echoes an acceptable X-Request-Id, replaces a bad one, and makes one up when none comes', async () => {
    const given = await fetch(`${s.url}/api/health`, { headers: { 'x-request-id': 'lb-7f3a.2026-12-05' } });
    expect(given.headers.get('x-request-id')).toBe('lb-7f3a.2026-12-05');
    const long = await fetch(`${s.url}/api/health`, { headers: { 'x-request-id': 'x'.repeat(200) } });
    expect(long.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const spaced = await fetch(`${s.url}/api/health`, { headers: { 'x-request-id': 'two words' } });
    expect(spaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const none = await fetch(`${s.url}/api/v1/no-such-route`);
    expect(none.status).toBe(404);
    expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('/metrics counts requests, activations and downloads', () => {
  const token = 'metrics-token-for-the-test-0123';
  let t: TestApp;
  const scrape = async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '10.9.8.7',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    return res.body;
  };
  beforeAll(async () => {
    t = await createTestApp({ env: { METRICS_TOKEN: token } });
  });
  afterAll(() => t.close());

  it('404 without the token, from loopback or not; 404 with a wrong one; 200 with it', async () => {
    const get = (remoteAddress: string, authorization?: string) =>
      t.app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers: authorization ? { authorization } : {} });
    expect((await get('10.9.8.7')).statusCode).toBe(404);
    expect((await get('127.0.0.1')).statusCode).toBe(404);
    expect((await get('10.9.8.7', `Bearer ${token.toUpperCase()}`)).statusCode).toBe(404);
    expect((await get('10.9.8.7', `Basic ${token}`)).statusCode).toBe(404);
    expect((await get('10.9.8.7', `Bearer ${token}`)).statusCode).toBe(200);
  });

  it('HTTP requests by route pattern and status class, with a latency histogram; activations by outcome; downloads and bytes', async () => {
    const operator = await signIn(t.app, 'operator@northwind.example');
    const admin = await signIn(t.app, 'admin@contoso.example');
    const before = await scrape();

    // Activations: two machines, one of them again, and a refusal (an unknown key).
    await createCatalog(t.app, operator);
    const lid = await licensingIdOf(t.database.db, '67012345');
    await order(t.app, operator, { program: 'ENTERPRISE', number: '67012345' }, [
      { product: 'WIN11-ENT', licenseType: 'LSA', quantity: 10 },
    ]);
    expect((await t.as(operator).post(`/operator/licensing-ids/${lid}/keys/issue`)).statusCode).toBeLessThan(300);
    const mak = await keyOf(t.app, admin, lid, 'WIN11-ENT', 'MAK');
    const activate = (fingerprint: string, productKey = mak.productKey) =>
      t.as(null).post('/activations', { productKey, productCode: 'WIN11-ENT', fingerprint });
    expect((await activate('pc-1')).statusCode).toBe(201);
    expect((await activate('pc-2')).statusCode).toBe(201);
    expect((await activate('pc-1')).statusCode).toBe(200);
    const refused = await activate('pc-3', 'BCDFG-HJKMP-QRTVW-XY234-678BC');
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    const refusedCode = refused.json().code as string;

    // Downloads: a signed link fetched whole and in part.
    const [office] = (await t.database.db.execute<{ id: string }>(sql`select id from product where code = 'OFF-PP-2024'`)).rows;
    const links = await t.as(admin).post(`/downloads/${office?.id}/links`, { language: 'en', os: 'WINDOWS', method: 'MANAGER' });
    expect(links.statusCode, links.body).toBe(200);
    const link = new URL(links.json().items[0].url);
    const fileId = link.pathname.split('/').at(-2) ?? '';
    const signature = link.searchParams.get('signature') ?? '';
    const whole = await t.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
    expect(whole.statusCode).toBe(200);
    const part = await t.app.inject({ method: 'GET', url: `${link.pathname}${link.search}`, headers: { range: 'bytes=0-99' } });
    expect(part.statusCode).toBe(206);

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) =>
      (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);

    const activations = { method: 'POST', route: '/api/v1/activations' };
    expect(delta('lsc_http_requests_total', { ...activations, status: '2xx' })).toBe(3);
    expect(delta('lsc_http_requests_total', { ...activations, status: '4xx' })).toBe(1);
    expect(delta('lsc_http_request_duration_seconds_count', { ...activations, status: '2xx' })).toBe(3);
    expect(delta('lsc_http_request_duration_seconds_bucket', { ...activations, status: '2xx', le: '+Inf' })).toBe(3);
    expect(delta('lsc_http_request_duration_seconds_sum', { ...activations, status: '2xx' })).toBeGreaterThan(0);
    expect(delta('lsc_activations_total', { kind: 'mak', outcome: 'activated' })).toBe(2);
    expect(delta('lsc_activations_total', { kind: 'mak', outcome: 'already_activated' })).toBe(1);
    expect(delta('lsc_activations_total', { kind: 'mak', outcome: 'refused', code: refusedCode })).toBe(1);

    const content = { method: 'GET', route: '/api/v1/files/:fileId/content' };
    expect(delta('lsc_http_requests_total', { ...content, status: '2xx' })).toBe(2);
    expect(delta('lsc_downloads_total', { status: '200' })).toBe(1);
    expect(delta('lsc_downloads_total', { status: '206' })).toBe(1);
    expect(delta('lsc_download_bytes_total')).toBe(whole.rawPayload.length + 100);

    // Labels are route patterns: no id, key, token or signature of any request is in the metrics.
    for (const secret of [fileId, signature, mak.productKey, lid, admin.csrf]) {
      expect(secret.length).toBeGreaterThan(8);
      expect(after.includes(secret), secret).toBe(false);
    }
    expect(sample(after, 'lsc_http_requests_total', { route: '/api/v1/operator/licensing-ids/:licensingId/keys/issue' })).toBe(1);
    expect(sample(after, 'lsc_mail_outbox_depth')).toBeGreaterThanOrEqual(0);
    expect(sample(after, 'lsc_provisioning_outbox_depth')).toBeGreaterThanOrEqual(0);
  });

  it('the outbox gauges count the queued mails and provisioning events, on each scrape', async () => {
    const count = async (table: string) =>
      (await t.database.db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`))).rows[0]?.n ?? 0;
    const text = await scrape();
    expect(sample(text, 'lsc_mail_outbox_depth')).toBe(await count('outbox where sent_at is null'));
    expect(sample(text, 'lsc_provisioning_outbox_depth')).toBe(await count(`provisioning_delivery where state = 'PENDING'`));
    await t.database.db.execute(sql`update outbox set sent_at = now() where sent_at is null`);
    expect(sample(await scrape(), 'lsc_mail_outbox_depth')).toBe(0);
  });
});
