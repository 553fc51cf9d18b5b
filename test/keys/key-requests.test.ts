import { generateKeyPairSync } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';
import { createCatalog, type KeyRow, keyOf, licensingIdOf, order } from './helpers.js';

describe('key web-form requests and the publisher’s queue (R-PERM-13)', () => {
  let t: TestApp;
  let operator: Session;
  let admin: Session;
  let keys: Session;
  let viewer: Session;
  let fabrikam: Session;
  let enrollment: string;
  let open: string;
  let mak: KeyRow;
  const q = async <T extends Record<string, unknown>>(text: ReturnType<typeof sql>) => (await t.database.db.execute<T>(text)).rows;
  const mailsTo = (to: string, template: string) =>
    q<{ subject: string; text: string; locale: string }>(
      sql`select subject, text, locale from outbox where to_address = ${to} and template = ${template} order by id`,
    );
  const form = () => ({
    kind: 'MORE_MAK_ACTIVATIONS',
    licensingId: enrollment,
    agreementNumber: '67012345',
    product: { name: 'Windows', version: '11', edition: 'Enterprise' },
    keyLastFive: mak.lastFive.toLowerCase(),
    activationsWanted: 200,
    justification: 'Reimaging 300 laptops for the new Malmö office.',
  });
  const requestCount = async () => (await q<{ n: number }>(sql`select count(*)::int as n from key_request`))[0]?.n;

  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_IP_LIMIT: '1000', ACTIVATION_IP_LIMIT: '100000', ACTIVATION_KEY_LIMIT: '100000' } });
    operator = await signIn(t.app, 'operator@northwind.example');
    admin = await signIn(t.app, 'admin@contoso.example');
    keys = await signIn(t.app, 'keys@contoso.example');
    viewer = await signIn(t.app, 'viewer@contoso.example');
    fabrikam = await signIn(t.app, 'admin@fabrikam.example');
    await createCatalog(t.app, operator);
    enrollment = await licensingIdOf(t.database.db, '67012345');
    open = await licensingIdOf(t.database.db, 'V1234567');
    await order(t.app, operator, { program: 'ENTERPRISE', number: '67012345' }, [
      { product: 'WIN11-ENT', licenseType: 'LSA', quantity: 800 },
    ]);
    await order(t.app, operator, { program: 'OPEN_LICENSE', number: 'V1234567' }, [
      { product: 'OFFICE-LTSC', licenseType: 'FULL', quantity: 20 },
    ]);
    for (const id of [enrollment, open]) {
      await t.as(operator).post(`/operator/licensing-ids/${id}/keys/issue`);
    }
    mak = await keyOf(t.app, admin, enrollment, 'WIN11-ENT', 'MAK');
  });
  afterAll(() => t.close());

  it('R-PERM-13: a Product Keys user requests more MAK activations with the five fields; it is queued and the requester is mailed', async () => {
    const res = await t.as(keys).post('/key-requests', form());
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      kind: 'MORE_MAK_ACTIVATIONS',
      status: 'PENDING',
      licensingIdNumber: '67012345',
      requestedBy: 'keys@contoso.example',
      keyLastFive: mak.lastFive,
      keyType: 'MAK',
      currentLimit: 500,
      activationsWanted: 200,
    });
    const [mail] = await mailsTo('keys@contoso.example', 'keyRequestReceived');
    expect(mail?.subject).toBe(`We received your request about the key ending ${mak.lastFive}`);
    expect(mail?.text).toContain('more MAK activations');
    expect(mail?.text).toContain('Windows 11 Enterprise');
    expect(mail?.text).not.toContain(mak.productKey);
    expect((await q(sql`select 1 from audit_log where action = 'keys.request' and target_id = ${created.id}`)).length).toBe(1);
    // The requester and the Administrator see it; the publisher's queue has it.
    expect((await t.as(admin).get('/key-requests')).json().items).toHaveLength(1);
    expect((await t.as(viewer).get('/key-requests')).json().items).toEqual([]);
    const queue = (await t.as(operator).get('/operator/key-requests')).json().items;
    expect(queue.map((r: { id: string }) => r.id)).toEqual([created.id]);
  });

  it('R-PERM-13, R-KEY-3: approving raises the MAK limit by the activations granted; the requester is mailed; a second decision is refused', async () => {
    const [pending] = (await t.as(operator).get('/operator/key-requests')).json().items;
    const res = await t.as(operator).post(`/operator/key-requests/${pending.id}/decision`, {
      decision: 'APPROVE',
      activations: 150,
      note: 'Granted for the office move.',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'APPROVED',
      activationsGranted: 150,
      currentLimit: 650,
      decisionNote: 'Granted for the office move.',
    });
    expect((await keyOf(t.app, admin, enrollment, 'WIN11-ENT', 'MAK')).activations).toEqual({ used: 0, limit: 650, available: 650 });
    const [mail] = await mailsTo('keys@contoso.example', 'keyRequestApproved');
    expect(mail?.text).toContain('now allows 650 activations in all, 150 more than before');
    expect(mail?.text).toContain('Granted for the office move.');
    const again = await t.as(operator).post(`/operator/key-requests/${pending.id}/decision`, { decision: 'DENY' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('KEY_REQUEST_DECIDED');
    expect((await q(sql`select 1 from audit_log where action = 'keys.request.decide' and target_id = ${pending.id}`)).length).toBe(1);
    expect(
      (await t.as(operator).post('/operator/key-requests/00000000-0000-4000-8000-000000000000/decision', { decision: 'DENY' })).statusCode,
    ).toBe(404);
    expect((await t.as(admin).post(`/operator/key-requests/${pending.id}/decision`, { decision: 'DENY' })).statusCode).toBe(403);
  });

  it('R-PERM-13: a denial reaches the requester in their language, with the note', async () => {
    await t.database.db.execute(sql`update "user" set locale = 'sv' where email = 'admin@contoso.example'`);
    const created = (await t.as(admin).post('/key-requests', { ...form(), activationsWanted: 10_000 })).json();
    expect((await mailsTo('admin@contoso.example', 'keyRequestReceived'))[0]?.subject).toBe(
      `Vi har tagit emot din begäran om nyckeln som slutar på ${mak.lastFive}`,
    );
    await t
      .as(operator)
      .post(`/operator/key-requests/${created.id}/decision`, { decision: 'DENY', note: 'Use KMS for this many machines.' });
    const [mail] = await mailsTo('admin@contoso.example', 'keyRequestDenied');
    expect(mail?.locale).toBe('sv');
    expect(mail?.text).toContain('godkändes inte');
    expect(mail?.text).toContain('Use KMS for this many machines.');
    expect((await keyOf(t.app, admin, enrollment, 'WIN11-ENT', 'MAK')).activations?.limit).toBe(650);
  });

  it('R-PERM-13, R-KEY-5: an Open customer asks for a KMS key by exception; approval issues a KMS host key for the product', async () => {
    const openMak = await keyOf(t.app, admin, open, 'OFFICE-LTSC', 'MAK');
    const res = await t.as(admin).post('/key-requests', {
      kind: 'KMS_EXCEPTION_OPEN',
      licensingId: open,
      licenseNumber: 'v1234567',
      authorizationNumber: 'auth-7788',
      product: { name: 'Office LTSC Professional Plus', version: '2024', edition: 'Volume' },
      keyLastFive: openMak.lastFive,
      activationsWanted: 6,
      justification: 'We run 40 Office machines and meet the KMS threshold.',
    });
    expect(res.statusCode).toBe(201);
    const decided = (await t.as(operator).post(`/operator/key-requests/${res.json().id}/decision`, { decision: 'APPROVE' })).json();
    expect(decided).toMatchObject({ status: 'APPROVED', activationsGranted: 6 });
    const issued = await keyOf(t.app, admin, open, 'OFFICE-LTSC', 'KMS_HOST');
    expect(issued.activations).toEqual({ used: 0, limit: 6, available: 6 });
    const [mail] = await mailsTo('admin@contoso.example', 'kmsKeyIssued');
    expect(mail?.text).toContain(issued.lastFive);
    expect(mail?.text).toContain('6 KMS-värdar');
  });

  it('R-PERM-13, R-KEY-5: more KMS hosts: the approval lets a 7th host activate', async () => {
    const kms = await keyOf(t.app, admin, open, 'OFFICE-LTSC', 'KMS_HOST');
    const hostBody = (i: number) => ({
      productKey: kms.productKey,
      productCode: 'OFFICE-LTSC',
      fingerprint: `kms-${i}`,
      hostPublicKey: generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    });
    for (let i = 1; i <= 6; i++) await t.as(null).post('/kms-hosts/activate', hostBody(i));
    expect((await t.as(null).post('/kms-hosts/activate', hostBody(7))).json().code).toBe('KMS_HOST_LIMIT_REACHED');
    const created = (
      await t.as(admin).post('/key-requests', {
        kind: 'MORE_KMS_HOSTS',
        licensingId: open,
        licenseNumber: 'V1234567',
        authorizationNumber: 'AUTH-7788',
        product: { name: 'Office LTSC Professional Plus', version: '2024', edition: 'Volume' },
        keyLastFive: kms.lastFive,
        activationsWanted: 2,
        justification: 'A second site needs its own hosts.',
      })
    ).json();
    expect(created.keyType).toBe('KMS_HOST');
    await t.as(operator).post(`/operator/key-requests/${created.id}/decision`, { decision: 'APPROVE' });
    expect((await t.as(null).post('/kms-hosts/activate', hostBody(7))).json()).toMatchObject({
      hosts: { used: 7, limit: 8 },
    });
  });

  it('R-PERM-13: only Administrator and Product Keys may request, for their own Licensing IDs, with numbers and a key that match; nothing is written otherwise', async () => {
    const before = await requestCount();
    const cases: [Session, object, number, string][] = [
      [viewer, form(), 403, 'FORBIDDEN'],
      [fabrikam, form(), 404, 'NOT_FOUND'],
      [
        keys,
        { ...form(), licensingId: open, agreementNumber: undefined, licenseNumber: 'V1234567', authorizationNumber: 'AUTH-7788' },
        403,
        'FORBIDDEN',
      ],
      [keys, { ...form(), agreementNumber: '67099999' }, 400, 'KEY_REQUEST_NUMBER_MISMATCH'],
      [keys, { ...form(), kind: 'KMS_EXCEPTION_OPEN' }, 400, 'KMS_EXCEPTION_OPEN_ONLY'],
      [keys, { ...form(), keyLastFive: 'BBBBB' }, 400, 'KEY_REQUEST_KEY_UNKNOWN'],
      [keys, { ...form(), kind: 'MORE_KMS_HOSTS' }, 400, 'KEY_REQUEST_KEY_UNKNOWN'], // the enrollment's MAK is not a KMS key
      [keys, { ...form(), justification: '   ' }, 400, 'VALIDATION_FAILED'],
      [keys, { ...form(), activationsWanted: 0 }, 400, 'VALIDATION_FAILED'],
      [keys, { ...form(), keyLastFive: 'ABC' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [who, payload, status, code] of cases) {
      const res = await t.as(who).post('/key-requests', payload);
      expect(res.statusCode, code).toBe(status);
      expect(res.json().code).toBe(code);
    }
    expect(await requestCount()).toBe(before);
  });
});
