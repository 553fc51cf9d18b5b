import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

describe('bad input answers problem+json and changes nothing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { BODY_LIMIT_BYTES: '2048' } });
  });
  afterAll(() => t.close());

  const expectProblem = (res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number, code: string) => {
    expect(res.statusCode).toBe(status);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    const body = res.json() as Record<string, unknown>;
    expect(body).toMatchObject({ status, code, type: expect.stringContaining('/problems/') });
    expect(typeof body.title).toBe('string');
    expect(typeof body.requestId).toBe('string');
    return body;
  };

  it('unknown API routes answer 404 ROUTE_NOT_FOUND', async () => {
    const res = await t.as(null).get('/no-such-thing');
    expectProblem(res, 404, 'ROUTE_NOT_FOUND');
  });

  it('malformed JSON answers 400 MALFORMED_JSON', async () => {
    const res = await t
      .as(null, { headers: { 'content-type': 'application/json' } })
      .post('/auth/sign-in', '{"email": "admin@contoso.example", ');
    expectProblem(res, 400, 'MALFORMED_JSON');
  });

  it('an oversize body answers 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t.as(null).post('/auth/sign-in', { email: 'admin@contoso.example', password: 'x'.repeat(5000) });
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('a body that is not JSON answers 415', async () => {
    const res = await t.as(null, { headers: { 'content-type': 'text/plain' } }).post('/auth/sign-in', 'hello');
    expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('schema violations answer 400 VALIDATION_FAILED with the fields named', async () => {
    const res = await t.as(null).post('/auth/sign-in', { email: 'not-an-address' });
    const body = expectProblem(res, 400, 'VALIDATION_FAILED');
    const paths = (body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.password']));
  });

  it('titles follow Accept-Language (English and Swedish)', async () => {
    const sv = await t.as(null, { headers: { 'accept-language': 'sv-SE,sv;q=0.9,en;q=0.5' } }).get('/me');
    expect(sv.json()).toMatchObject({ code: 'UNAUTHENTICATED', title: 'Logga in för att fortsätta.' });
    const en = await t.as(null, { headers: { 'accept-language': 'de, en;q=0.5' } }).get('/me');
    expect(en.json()).toMatchObject({ code: 'UNAUTHENTICATED', title: 'Sign in to continue.' });
  });

  it('GET /api/health reports the database', async () => {
    const res = await t.as(null).get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: { up: true } });
  });

  it('GET /api/openapi.json is OpenAPI 3.1 and lists every API route', async () => {
    const res = await t.as(null).get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const p of [
      '/api/health',
      '/api/v1/auth/sign-in',
      '/api/v1/me',
      '/api/v1/relationship-summary',
      '/api/v1/licensing-ids/{licensingId}',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    const docs = await t.as(null).get('/api/docs');
    expect([200, 302]).toContain(docs.statusCode);
  });
});
