import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificateError, type MakClaims, verifyCertificate } from '../../src/modules/activation/certificate.js';
import { checkCharacter, generateKey } from '../../src/modules/keys/key-format.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';
import { createCatalog, type KeyRow, keyOf, licensingIdOf, order, type ProductCode } from '../keys/helpers.js';

describe('MAK activation, OSA redemption and proxy activation', () => {
  let t: TestApp;
  let operator: Session;
  let admin: Session;
  let products: Record<ProductCode, string>;
  let publicKeyPem: string;
  const lid: Record<string, string> = {};
  let mak: KeyRow; // Enterprise, Windows 11 Enterprise, 500 activations
  const q = async <T extends Record<string, unknown>>(text: ReturnType<typeof sql>) => (await t.database.db.execute<T>(text)).rows;
  const used = async (keyId: string) => (await q<{ used: number }>(sql`select used from product_key where id = ${keyId}`))[0]?.used;
  const totals = async () =>
    (
      await q<{ used: number; rows: number }>(
        sql`select (select coalesce(sum(used), 0)::int from product_key) as used, (select count(*)::int from activation) as rows`,
      )
    )[0];
  const smallMak = async (limit: number, licensing: string, code: ProductCode) => {
    const res = await t
      .as(operator)
      .post(`/operator/licensing-ids/${licensing}/keys`, { type: 'MAK', productId: products[code], activationLimit: limit });
    expect(res.statusCode).toBe(201);
    return keyOf(t.app, admin, licensing, code, 'MAK');
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_IP_LIMIT: '1000', ACTIVATION_IP_LIMIT: '100000', ACTIVATION_KEY_LIMIT: '100000' } });
    operator = await signIn(t.app, 'operator@northwind.example');
    admin = await signIn(t.app, 'admin@contoso.example');
    products = await createCatalog(t.app, operator);
    for (const n of ['67012345', '8765-4321', 'V1234567', 'V9876543', '54011111']) lid[n] = await licensingIdOf(t.database.db, n);
    await order(t.app, operator, { program: 'ENTERPRISE', number: '67012345' }, [
      { product: 'WIN11-ENT', licenseType: 'LSA', quantity: 800 },
      { product: 'WS2025-DC', licenseType: 'LSA', quantity: 40 },
    ]);
    await order(t.app, operator, { program: 'OPEN_LICENSE', number: 'V1234567' }, [
      { product: 'OFFICE-LTSC', licenseType: 'FULL', quantity: 20 },
      { product: 'EXO-P1', licenseType: 'ONLINE_SERVICE', quantity: 25 },
    ]);
    for (const n of ['67012345', 'V1234567']) {
      await t.as(operator).post(`/operator/licensing-ids/${lid[n]}/keys/issue`);
    }
    mak = await keyOf(t.app, admin, lid['67012345'] ?? '', 'WIN11-ENT', 'MAK');
    publicKeyPem = (await t.as(null).get('/activation/public-key')).json().publicKeyPem;
  });
  afterAll(() => t.close());

  it('R-KEY-4: a machine activates once with its MAK and gets a certificate that verifies offline with the published key', async () => {
    const res = await t.as(null).post('/activations', {
      productKey: mak.productKey,
      productCode: 'WIN11-ENT',
      fingerprint: 'pc-0001',
      hostname: 'PC-0001',
      machineKind: 'PHYSICAL',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ status: 'ACTIVATED', activations: { used: 1, limit: 500 } });
    const claims = verifyCertificate(body.certificate, publicKeyPem, { fingerprint: 'pc-0001' }) as MakClaims;
    expect(claims).toMatchObject({
      kind: 'MAK',
      method: 'INDEPENDENT',
      id: body.activationId,
      hostname: 'PC-0001',
      keyLastFive: mak.lastFive,
      product: { code: 'WIN11-ENT', name: 'Windows', version: '11', edition: 'Enterprise', pool: 'SYSTEMS' },
    });
    const [org] = await q<{ id: string }>(sql`select id from organization where name = 'Contoso Ltd'`);
    expect(claims.organizationId).toBe(org?.id);
    // The history names the machine, when and how; the audit log has the activation.
    const history = (await t.as(admin).get(`/product-keys/${mak.id}/activations`)).json();
    expect(history.key).toMatchObject({ id: mak.id, type: 'MAK', activations: { used: 1, limit: 500 } });
    expect(history.items).toEqual([
      expect.objectContaining({
        id: body.activationId,
        fingerprint: 'pc-0001',
        hostname: 'PC-0001',
        machineKind: 'PHYSICAL',
        method: 'INDEPENDENT',
      }),
    ]);
    const [audit] = await q<{ action: string; request_id: string }>(
      sql`select action, request_id from audit_log where target_id = ${body.activationId}`,
    );
    expect(audit?.action).toBe('activation.create');
  });

  it('R-KEY-4: a tampered certificate fails offline verification', async () => {
    const { certificate } = (
      await t.as(null).post('/activations', { productKey: mak.productKey, productCode: 'WIN11-ENT', fingerprint: 'pc-0001' })
    ).json();
    const [head, payload, signature] = certificate.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, fingerprint: 'pc-9999' })).toString('base64url');
    expect(() => verifyCertificate(`${head}.${forged}.${signature}`, publicKeyPem)).toThrow(CertificateError);
    expect(() => verifyCertificate(certificate, publicKeyPem, { fingerprint: 'pc-9999' })).toThrow(CertificateError);
  });

  it('R-KEY-4: re-activating the same machine is free and returns the same certificate; an Idempotency-Key retry gets the first answer', async () => {
    const first = await t
      .as(null, { headers: { 'idempotency-key': 'req-0002' } })
      .post('/activations', { productKey: mak.productKey, productCode: 'WIN11-ENT', fingerprint: 'pc-0002' });
    expect(first.statusCode).toBe(201);
    const before = await used(mak.id);
    const again = await t
      .as(null)
      .post('/activations', { productKey: mak.productKey.toLowerCase(), productCode: 'win11-ent', fingerprint: 'pc-0002' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      status: 'ALREADY_ACTIVATED',
      activationId: first.json().activationId,
      certificate: first.json().certificate,
    });
    const retried = await t
      .as(null, { headers: { 'idempotency-key': 'req-0002' } })
      .post('/activations', { productKey: mak.productKey, productCode: 'WIN11-ENT', fingerprint: 'pc-0002' });
    expect(retried.statusCode).toBe(201);
    expect(retried.json()).toMatchObject({ status: 'ACTIVATED', activationId: first.json().activationId });
    // The same Idempotency-Key for another machine is a client bug: 409, nothing counted.
    const reused = await t
      .as(null, { headers: { 'idempotency-key': 'req-0002' } })
      .post('/activations', { productKey: mak.productKey, productCode: 'WIN11-ENT', fingerprint: 'pc-0003' });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await used(mak.id)).toBe(before);
  });

  it('R-KEY-3: every activation, physical or virtual, uses one; over the limit it is refused with how to request more (R-PERM-13)', async () => {
    const key = await smallMak(3, lid.V9876543 ?? '', 'VISIO-LTSC');
    const m = (fingerprint: string, machineKind: string) => ({
      productKey: key.productKey,
      productCode: 'VISIO-LTSC',
      fingerprint,
      machineKind,
    });
    expect((await t.as(null).post('/activations', m('vm-1', 'VIRTUAL'))).json().activations).toEqual({ used: 1, limit: 3 });
    expect((await t.as(null).post('/activations', m('pc-1', 'PHYSICAL'))).json().activations).toEqual({ used: 2, limit: 3 });
    expect((await t.as(null).post('/activations', m('vm-2', 'VIRTUAL'))).json().activations).toEqual({ used: 3, limit: 3 });
    const refused = await t.as(null).post('/activations', m('pc-2', 'PHYSICAL'));
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({
      code: 'MAK_LIMIT_REACHED',
      activations: { used: 3, limit: 3 },
      howToRequestMore: {
        kind: 'MORE_MAK_ACTIVATIONS',
        url: 'http://lsc.test/api/v1/key-requests',
        method: 'POST',
        roles: ['ADMINISTRATOR', 'PRODUCT_KEYS'],
        keyLastFive: key.lastFive,
      },
    });
    expect(refused.json().howToRequestMore.requiredFields).toHaveLength(5);
    expect(refused.json().title).toContain('request more activations');
    // An activated machine still re-activates free at the limit.
    expect((await t.as(null).post('/activations', m('vm-1', 'VIRTUAL'))).json().status).toBe('ALREADY_ACTIVATED');
    expect(await used(key.id)).toBe(3);
    expect((await q<{ n: number }>(sql`select count(*)::int as n from activation where key_id = ${key.id}`))[0]?.n).toBe(3);
  });

  it('bad input gets a clear code and changes no count: malformed, mistyped, unknown, wrong product, expired, missing fingerprint, wrong key type', async () => {
    const before = await totals();
    const expired = await smallMak(10, lid['54011111'] ?? '', 'WIN11-ENT');
    const kms = await keyOf(t.app, admin, lid['67012345'] ?? '', 'WIN11-ENT', 'KMS_HOST');
    const body = (productKey: string, productCode = 'WIN11-ENT') => ({ productKey, productCode, fingerprint: 'pc-bad' });
    const typo = `${mak.productKey.slice(0, 3)}${mak.productKey[3] === 'B' ? 'C' : 'B'}${mak.productKey.slice(4)}`;
    const chars = generateKey(randomBytes).replaceAll('-', '').slice(0, 24);
    const unknown = `${chars}${checkCharacter(chars)}`;
    const cases: [object, number, string, Record<string, unknown>?][] = [
      [body('not a key'), 400, 'KEY_MALFORMED', { reason: 'SHAPE' }],
      [body(typo), 400, 'KEY_MALFORMED', { reason: 'CHECK' }],
      [body(unknown), 404, 'KEY_UNKNOWN'],
      [body(mak.productKey, 'OFFICE-LTSC'), 400, 'KEY_PRODUCT_MISMATCH'],
      [body(expired.productKey), 409, 'KEY_LICENSING_ID_EXPIRED'],
      [body(kms.productKey), 400, 'KEY_TYPE_MISMATCH', { keyType: 'KMS_HOST' }],
      [{ productKey: mak.productKey, productCode: 'WIN11-ENT' }, 400, 'VALIDATION_FAILED'],
      [{ ...body(mak.productKey), fingerprint: '' }, 400, 'VALIDATION_FAILED'],
      [{ ...body(mak.productKey), fingerprint: 'a b' }, 400, 'VALIDATION_FAILED'],
      [{ ...body(mak.productKey), machineKind: 'PHONE' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [payload, status, code, extra] of cases) {
      const res = await t.as(null).post('/activations', payload);
      expect(res.statusCode, code).toBe(status);
      expect(res.json(), JSON.stringify(payload)).toMatchObject({ code, ...(extra ?? {}) });
    }
    const missing = await t.as(null).post('/activations', { productKey: mak.productKey, productCode: 'WIN11-ENT' });
    expect(missing.json().errors).toEqual([expect.objectContaining({ path: 'body.fingerprint' })]);
    expect(await totals()).toEqual(before);
  });

  it('R-KEY-2, R-OS-7: an Online Service Activation key redeems once; a replay is refused and counts nothing', async () => {
    const osa = await keyOf(t.app, admin, lid.V1234567 ?? '', 'EXO-P1', 'OSA');
    const redeem = (fingerprint: string) =>
      t.as(null).post('/activations', { productKey: osa.productKey, productCode: 'EXO-P1', fingerprint });
    const first = await redeem('tenant-contoso');
    expect(first.statusCode).toBe(201);
    expect(verifyCertificate(first.json().certificate, publicKeyPem)).toMatchObject({ kind: 'OSA', method: 'REDEMPTION' });
    for (const fingerprint of ['tenant-contoso', 'tenant-other']) {
      const replay = await redeem(fingerprint);
      expect(replay.statusCode).toBe(409);
      expect(replay.json().code).toBe('OSA_KEY_REDEEMED');
    }
    expect(await used(osa.id)).toBe(1);
    const viaProxy = await t
      .as(null)
      .post('/activations/proxy', { productKey: osa.productKey, productCode: 'EXO-P1', machines: [{ fingerprint: 'x' }] });
    expect(viaProxy.json()).toMatchObject({ code: 'KEY_TYPE_MISMATCH' });
    const setup = await t
      .as(operator)
      .post(`/operator/licensing-ids/${lid.V1234567}/keys`, { type: 'SETUP', productId: products['OFFICE-LTSC'] });
    expect(setup.statusCode).toBe(201);
    const setupKey = await keyOf(t.app, admin, lid.V1234567 ?? '', 'OFFICE-LTSC', 'SETUP');
    expect(
      (await t.as(null).post('/activations', { productKey: setupKey.productKey, productCode: 'OFFICE-LTSC', fingerprint: 'pc-1' })).json(),
    ).toMatchObject({
      code: 'KEY_TYPE_MISMATCH',
    });
  });

  it('R-KEY-4: proxy activation activates a batch on behalf of its machines, each all or nothing with its own result', async () => {
    const key = await smallMak(4, lid['8765-4321'] ?? '', 'OFFICE-LTSC');
    await t.as(null).post('/activations', { productKey: key.productKey, productCode: 'OFFICE-LTSC', fingerprint: 'lab-01' });
    const res = await t.as(null).post('/activations/proxy', {
      productKey: key.productKey,
      productCode: 'OFFICE-LTSC',
      machines: ['lab-01', 'lab-02', 'lab-03', 'lab-02', 'lab-04', 'lab-05'].map((fingerprint, i) => ({
        fingerprint,
        hostname: fingerprint.toUpperCase(),
        machineKind: i % 2 ? 'VIRTUAL' : 'PHYSICAL',
      })),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(
      body.results.map(
        (r: { fingerprint: string; status: string; code?: string }) => `${r.fingerprint}:${r.status}${r.code ? `:${r.code}` : ''}`,
      ),
    ).toEqual([
      'lab-01:ALREADY_ACTIVATED',
      'lab-02:ACTIVATED',
      'lab-03:ACTIVATED',
      'lab-02:ALREADY_ACTIVATED',
      'lab-04:ACTIVATED',
      'lab-05:REFUSED:MAK_LIMIT_REACHED',
    ]);
    expect(body.activations).toEqual({ used: 4, limit: 4 });
    expect(body.howToRequestMore.kind).toBe('MORE_MAK_ACTIVATIONS');
    for (const r of body.results.filter((x: { status: string }) => x.status !== 'REFUSED')) {
      expect(verifyCertificate(r.certificate, publicKeyPem, { fingerprint: r.fingerprint })).toBeTruthy();
    }
    const history = (await t.as(admin).get(`/product-keys/${key.id}/activations?limit=2`)).json();
    expect(history.items).toHaveLength(2);
    expect(history.items.every((i: { method: string }) => i.method === 'PROXY')).toBe(true);
    const next = (await t.as(admin).get(`/product-keys/${key.id}/activations?limit=2&cursor=${history.nextCursor}`)).json();
    expect(next.items.map((i: { method: string }) => i.method)).toEqual(['PROXY', 'INDEPENDENT']);
    expect(next.nextCursor).toBeNull();
    // A bad key refuses the whole batch before any machine.
    expect(
      (
        await t
          .as(null)
          .post('/activations/proxy', { productKey: 'XXXXX', productCode: 'OFFICE-LTSC', machines: [{ fingerprint: 'lab-09' }] })
      ).json().code,
    ).toBe('KEY_MALFORMED');
    expect(
      (await t.as(null).post('/activations/proxy', { productKey: key.productKey, productCode: 'OFFICE-LTSC', machines: [] })).json().code,
    ).toBe('VALIDATION_FAILED');
  });

  it('R-KEY-4: a proxy activation sent again with its Idempotency-Key gets the first answer back and counts nothing; the key with another request is refused', async () => {
    const key = await smallMak(3, lid.V9876543 ?? '', 'OFFICE-LTSC');
    const batch = (machines: string[]) => ({
      productKey: key.productKey,
      productCode: 'OFFICE-LTSC',
      machines: machines.map((fingerprint) => ({ fingerprint })),
    });
    // The server died in the middle of a first attempt: one machine was counted, its answer never left.
    await t.as(null).post('/activations', { productKey: key.productKey, productCode: 'OFFICE-LTSC', fingerprint: 'rack-1' });
    const first = await t
      .as(null, { headers: { 'idempotency-key': 'batch-7' } })
      .post('/activations/proxy', batch(['rack-1', 'rack-2', 'rack-3', 'rack-4']));
    expect(first.statusCode).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(first.json().results.map((r: { status: string }) => r.status)).toEqual([
      'ALREADY_ACTIVATED',
      'ACTIVATED',
      'ACTIVATED',
      'REFUSED',
    ]);
    expect(await used(key.id)).toBe(3);

    // Its answer lost in turn, the same request with the same key: the same answer, nothing counted.
    const again = await t
      .as(null, { headers: { 'idempotency-key': 'batch-7' } })
      .post('/activations/proxy', batch(['rack-1', 'rack-2', 'rack-3', 'rack-4']));
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await used(key.id)).toBe(3);
    expect((await q<{ n: number }>(sql`select count(*)::int as n from activation where key_id = ${key.id}`))[0]?.n).toBe(3);

    const other = await t.as(null, { headers: { 'idempotency-key': 'batch-7' } }).post('/activations/proxy', batch(['rack-5']));
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Without a key a request is simply run again: what was activated is handed out free, as ALREADY_ACTIVATED.
    const unkeyed = await t.as(null).post('/activations/proxy', batch(['rack-2']));
    expect(unkeyed.json().results[0]).toMatchObject({ fingerprint: 'rack-2', status: 'ALREADY_ACTIVATED' });
    expect(await used(key.id)).toBe(3);

    // The OpenAPI document tells every client to retry this way.
    const doc = (await t.as(null).get('/api/openapi.json')).json();
    for (const p of ['/api/v1/activations', '/api/v1/activations/proxy', '/api/v1/kms-hosts/activate']) {
      expect(doc.paths[p].post.description, p).toMatch(/same `fingerprint` and the same `Idempotency-Key`/);
    }
    expect(doc.paths['/api/v1/activations/proxy'].post.description).toContain('Idempotent-Replayed: true');
  });

  it('R-KEY-8: any of the organization’s keys activates its machines: the request names no Licensing ID, the certificate names the organization', async () => {
    const pcnKey = await smallMak(10, lid['8765-4321'] ?? '', 'VISIO-LTSC');
    const res = await t
      .as(null)
      .post('/activations', { productKey: pcnKey.productKey, productCode: 'VISIO-LTSC', fingerprint: 'enrollment-pc-77' });
    expect(res.statusCode).toBe(201);
    const claims = verifyCertificate(res.json().certificate, publicKeyPem);
    const [org] = await q<{ id: string }>(sql`select organization_id as id from licensing_id where number = '67012345'`);
    expect(claims.organizationId).toBe(org?.id);
  });
});

describe('activation rate limits', () => {
  let t: TestApp;
  let key: KeyRow;
  beforeAll(async () => {
    t = await createTestApp({ env: { ACTIVATION_KEY_LIMIT: '3', ACTIVATION_IP_LIMIT: '8' } });
    const operator = await signIn(t.app, 'operator@northwind.example');
    const admin = await signIn(t.app, 'admin@contoso.example');
    const products = await createCatalog(t.app, operator);
    const id = await licensingIdOf(t.database.db, '67012345');
    await t
      .as(operator)
      .post(`/operator/licensing-ids/${id}/keys`, { type: 'MAK', productId: products['WIN11-ENT'], activationLimit: 100 });
    key = await keyOf(t.app, admin, id, 'WIN11-ENT', 'MAK');
  });
  afterAll(() => t.close());

  it('activation requests are limited per key and per client address (activation cycling); a limited request counts nothing', async () => {
    const perKey = [];
    for (let i = 0; i < 5; i++)
      perKey.push(
        (
          await t
            .as(null, { remoteAddress: `10.0.1.${i}` })
            .post('/activations', { productKey: key.productKey, productCode: 'WIN11-ENT', fingerprint: `cycle-${i}` })
        ).statusCode,
      );
    expect(perKey).toEqual([201, 201, 201, 429, 429]);
    const limited = await t
      .as(null, { remoteAddress: '10.0.2.1' })
      .post('/activations', { productKey: key.productKey, productCode: 'WIN11-ENT', fingerprint: 'cycle-9' });
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 60 });
    const res = await t.database.db.execute<{ used: number }>(sql`select used from product_key where id = ${key.id}`);
    expect(res.rows[0]?.used).toBe(3);
    // Guessing keys from one address is limited too, before any key is looked up.
    const guesses = [];
    for (let i = 0; i < 10; i++)
      guesses.push(
        (
          await t
            .as(null, { remoteAddress: '10.0.3.1' })
            .post('/activations', { productKey: `BCDFG-HJKMP-QRTVW-XY234-678A${i}`, productCode: 'WIN11-ENT', fingerprint: 'guess' })
        ).statusCode,
      );
    expect(guesses.slice(0, 8).every((s) => s === 400)).toBe(true);
    expect(guesses.slice(8)).toEqual([429, 429]);
  });
});
