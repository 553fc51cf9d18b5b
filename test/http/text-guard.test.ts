import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unstorableText } from '../../src/platform/http/text-guard.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

const NUL = '\u0000';
const HIGH = '\ud800';
const LOW = '\udc00';

describe('unstorableText: what PostgreSQL cannot hold, found at any depth', () => {
  it('names NUL and unpaired surrogates in values and keys, with their paths; pairs and plain text pass', () => {
    expect(unstorableText({ a: [{ b: `x${NUL}y` }] }, 'body')).toEqual([
      { path: 'body.a.0.b', message: 'contains a NUL character (U+0000)' },
    ]);
    expect(unstorableText({ a: `x${HIGH}` }, 'body')).toEqual([{ path: 'body.a', message: 'contains an unpaired UTF-16 surrogate' }]);
    expect(unstorableText({ a: `${LOW}x` }, 'body')).toHaveLength(1);
    expect(unstorableText({ [`k${NUL}`]: 1 }, 'body')).toEqual([
      { path: 'body.k\\u0000', message: 'its name contains a NUL character (U+0000)' },
    ]);
    expect(unstorableText({ a: 'Åsa 😀 \ud83d\ude00', b: [1, true, null, { c: 'ok' }] }, 'body')).toEqual([]);
    expect(unstorableText(`${NUL}`, 'body')).toEqual([{ path: 'body', message: 'contains a NUL character (U+0000)' }]);
    expect(unstorableText(Buffer.from([0, 0xd8, 0]), 'body')).toEqual([]);
  });

  it('walks 100 000 levels of nesting without overflowing the stack', () => {
    let deep: unknown = `x${NUL}`;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const [found] = unstorableText(deep, 'body');
    expect(found?.path.startsWith('body.0.0.0')).toBe(true);
  });
});

describe('NUL and unpaired surrogates are refused at the edge: 400 INVALID_CHARACTERS with the field, nothing changed', () => {
  let t: TestApp;
  let admin: Session;
  let operator: Session;
  let enrollment: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, 'admin@contoso.example');
    operator = await signIn(t.app, 'operator@northwind.example');
    const rows = await t.database.db.execute<{ id: string }>(sql`select id from licensing_id where number = '67012345'`);
    enrollment = rows.rows[0]?.id ?? '';
  });
  afterAll(() => t.close());

  const refused = (res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, path: string) => {
    expect(res.statusCode, JSON.stringify(res.json())).toBe(400);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    const body = res.json() as { code: string; errors: { path: string }[] };
    expect(body.code).toBe('INVALID_CHARACTERS');
    expect(body.errors.map((e) => e.path)).toContain(path);
    return body;
  };
  const usersNamed = async (email: string) => (await t.database.db.execute(sql`select id from "user" where email = ${email}`)).rows.length;

  it('a NUL in a query string (GET /users?email=a%00b answered 500 before)', async () => {
    const res = await t.as(admin).get('/users?email=a%00b');
    refused(res, 'querystring.email');
  });

  it('a NUL in a body value, at the top and nested in an array; nothing is created', async () => {
    const body = (firstName: string, licensingId: string) => ({
      email: 'nul.person@contoso.example',
      firstName,
      lastName: 'Person',
      grants: [{ licensingId, roles: ['LICENSING_INFO_VIEWER'] }],
    });
    refused(await t.as(admin).post('/users', body(`Nu${NUL}ll`, enrollment)), 'body.firstName');
    refused(await t.as(admin).post('/users', body('Null', `${enrollment}${NUL}`)), 'body.grants.0.licensingId');
    expect(await usersNamed('nul.person@contoso.example')).toBe(0);
  });

  it('unpaired surrogates (high or low, as JSON escapes) in values and a NUL in a key', async () => {
    const raw = (json: string) => t.as(admin, { headers: { 'content-type': 'application/json' } }).post('/users', json);
    refused(await raw('{"email":"s@contoso.example","firstName":"A\\ud800","lastName":"B","grants":[]}'), 'body.firstName');
    refused(await raw('{"email":"s@contoso.example","firstName":"A","lastName":"\\udc00B","grants":[]}'), 'body.lastName');
    refused(await raw('{"email":"s@contoso.example","firstName":"A","lastName":"B","grants":[{"x\\u0000":1}]}'), 'body.grants.0.x\\u0000');
    expect(await usersNamed('s@contoso.example')).toBe(0);
  });

  it('a NUL in a path parameter, and on a public route before any sign-in', async () => {
    refused(await t.as(admin).get('/users/a%00b'), 'params.userId');
    refused(await t.as(null).post('/auth/sign-in', { email: `a${NUL}@contoso.example`, password: 'x' }), 'body.email');
  });

  it('a surrogate pair (an emoji) is text like any other', async () => {
    const search = await t.as(admin).get(`/users?email=${encodeURIComponent('😀')}`);
    expect(search.statusCode).toBe(200);
  });

  it('binary uploads are bytes, not text: NUL bytes in an octet-stream body are stored', async () => {
    const product = (await t.database.db.execute<{ id: string }>(sql`select id from product where code = 'SRV-DC-2022'`)).rows[0]?.id;
    const res = await t
      .as(operator, { headers: { 'content-type': 'application/octet-stream' } })
      .post(
        `/operator/products/${product}/files?name=Nul_Bytes.iso&language=en&os=windows&arch=x64&format=ISO`,
        Buffer.from([0, 0, 0xd8, 0, 1, 2, 3]),
      );
    expect(res.statusCode, res.body).toBe(201);
  });

  it('the answer is in the caller language: a Swedish title, no English detail; English keeps the detail', async () => {
    const sv = await t.as(admin, { headers: { 'accept-language': 'sv' } }).get('/users?email=a%00b');
    // The signed-in user's stored language wins over the header: the admin reads English.
    expect(sv.json()).toMatchObject({ code: 'INVALID_CHARACTERS', detail: expect.any(String) });
    const anonymousSv = await t
      .as(null, { headers: { 'accept-language': 'sv-SE' } })
      .post('/auth/sign-in', { email: `a${NUL}@contoso.example`, password: 'x' });
    expect(anonymousSv.json().title).toContain('tecken som inte kan sparas');
    expect(anonymousSv.json()).not.toHaveProperty('detail');
    expect(anonymousSv.headers['content-language']).toBe('sv');
  });
});
