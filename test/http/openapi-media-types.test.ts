import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

interface Operation {
  responses: Record<string, { content?: Record<string, unknown> }>;
}

/**
 * The OpenAPI document says what each answer is. For the routes that answer with a file rather
 * than JSON, the media type the server sends must be one the document declares for that status.
 */
describe('the OpenAPI document declares the media types the server sends', () => {
  let t: TestApp;
  let paths: Record<string, Record<string, Operation>>;
  let admin: Session;
  let operator: Session;

  const mediaType = (res: LightMyRequestResponse) => String(res.headers['content-type']).split(';')[0]?.trim();
  const declared = (path: string, status: number) => Object.keys(paths[path]?.get?.responses[String(status)]?.content ?? {});
  const expectDeclared = (res: LightMyRequestResponse, path: string, status: number) => {
    expect(res.statusCode).toBe(status);
    expect(declared(path, status)).toContain(mediaType(res));
  };

  beforeAll(async () => {
    t = await createTestApp();
    paths = (await t.as(null).get('/api/openapi.json')).json().paths;
    admin = await signIn(t.app, 'admin@contoso.example');
    operator = await signIn(t.app, 'operator@northwind.example');
  });
  afterAll(() => t.close());

  it('the key file: TSV and CSV, for all keys and for one Licensing ID (R-KEY-7)', async () => {
    for (const format of ['tsv', 'csv']) {
      const all = await t.as(admin).get(`/product-keys/export?format=${format}`);
      expectDeclared(all, '/api/v1/product-keys/export', 200);
      const licensingId = (await t.as(admin).get('/product-keys')).json().items[0].licensingId;
      const one = await t.as(admin).get(`/licensing-ids/${licensingId}/keys/export?format=${format}`);
      expectDeclared(one, '/api/v1/licensing-ids/{licensingId}/keys/export', 200);
    }
  });

  it('the License Summary: CSV and an Excel workbook', async () => {
    for (const format of ['csv', 'xlsx']) {
      const res = await t.as(admin).get(`/license-summary/export?format=${format}`);
      expectDeclared(res, '/api/v1/license-summary/export', 200);
    }
  });

  it("a file's content: whole, one range, several ranges, and a range outside it", async () => {
    const catalog = (await t.as(admin).get('/downloads?limit=100')).json();
    const product = catalog.items.find((p: { hasDownload: boolean }) => p.hasDownload);
    const page = (await t.as(admin).get(`/downloads/${product.productId}`)).json();
    const url = `/api/v1/files/${page.files[0].id}/content`;
    const path = '/api/v1/files/{fileId}/content';
    expectDeclared(await t.app.inject({ method: 'GET', url, headers: admin.headers }), path, 200);
    expectDeclared(await t.app.inject({ method: 'GET', url, headers: { ...admin.headers, range: 'bytes=0-9' } }), path, 206);
    expectDeclared(await t.app.inject({ method: 'GET', url, headers: { ...admin.headers, range: 'bytes=0-1,4-5' } }), path, 206);
    const outside = await t.app.inject({ method: 'GET', url, headers: { ...admin.headers, range: 'bytes=999999999999-' } });
    expectDeclared(outside, path, 416);
    expect(outside.json()).toMatchObject({ code: 'RANGE_NOT_SATISFIABLE' });
  });

  it('a mail in the outbox as HTML', async () => {
    await t.as(null).post('/auth/password-reset/request', { email: 'viewer@contoso.example' });
    const mails = (await t.as(operator).get('/operator/mail')).json();
    const res = await t.as(operator).get(`/operator/mail/${mails.items[0].id}/html`);
    expectDeclared(res, '/api/v1/operator/mail/{mailId}/html', 200);
  });

  it('a refusal is problem+json, declared for every route under /api', async () => {
    const res = await t.as(admin).get('/license-summary/export?format=pdf');
    expect(res.statusCode).toBe(400);
    expect(mediaType(res)).toBe('application/problem+json');
    for (const [path, operations] of Object.entries(paths).filter(([p]) => p.startsWith('/api/'))) {
      for (const operation of Object.values(operations))
        expect(Object.keys(operation.responses.default?.content ?? {}), path).toEqual(['application/problem+json']);
    }
  });
});
