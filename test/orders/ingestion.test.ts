import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

const order = (orderNumber: string, lines: object[], licensingId = { program: 'ENTERPRISE', number: '67012345' }) => ({
  orderNumber,
  orderDate: '2026-02-20',
  licensingId,
  lines,
});
const lsa = (quantity: number, product = 'OFF-PP-2024') => ({
  product,
  licenseType: 'LSA',
  quantity,
  coverageStart: '2026-03-01',
  coverageEnd: '2027-06-30',
});

describe('order ingestion (R-BC-7)', () => {
  let t: TestApp;
  let operator: Session;
  const clock = fixedClock('2026-03-01T09:00:00Z');
  beforeAll(async () => {
    t = await createTestApp({ clock });
    operator = await signIn(t.app, 'operator@northwind.example');
  });
  afterAll(() => t.close());

  const count = async (q: ReturnType<typeof sql>) => Number((await t.database.db.execute<{ n: string }>(q)).rows[0]?.n ?? 0);
  const written = async () => ({
    orders: await count(sql`select count(*) as n from license_order`),
    lines: await count(sql`select count(*) as n from order_line`),
    audit: await count(sql`select count(*) as n from audit_log where action = 'order.ingest'`),
    mail: await count(sql`select count(*) as n from outbox where template = 'orderRecorded'`),
  });

  it('R-BC-7: records an order with its lines, audits it and mails the Licensing ID’s Administrators', async () => {
    const before = await written();
    const res = await t.as(operator).post('/operator/orders', order('NW-1001', [lsa(25), { ...lsa(3, 'SRV-DC-2022') }]));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      orderNumber: 'NW-1001',
      licensingId: { programCode: 'ENTERPRISE', number: '67012345' },
      orderDate: '2026-02-20',
      source: 'API',
      lineCount: 2,
      totalQuantity: 28,
    });
    expect(await written()).toEqual({
      orders: before.orders + 1,
      lines: before.lines + 2,
      audit: before.audit + 1,
      mail: before.mail + 1,
    });
    const [auditRow] = (
      await t.database.db.execute<{ organization_id: string; actor_user_id: string; after: Record<string, unknown> }>(
        sql`select organization_id, actor_user_id, after from audit_log where action = 'order.ingest' and target_id = ${body.id}`,
      )
    ).rows;
    const contoso = (await t.database.db.execute<{ id: string }>(sql`select id from organization where name = 'Contoso Ltd'`)).rows[0]?.id;
    expect(auditRow?.organization_id).toBe(contoso);
    expect(auditRow?.after).toMatchObject({ orderNumber: 'NW-1001', lineCount: 2, totalQuantity: 28, source: 'API' });
    const mail = (
      await t.database.db.execute<{ to_address: string; subject: string; text: string }>(
        sql`select to_address, subject, text from outbox where template = 'orderRecorded' order by id desc limit 1`,
      )
    ).rows[0];
    expect(mail?.to_address).toBe('admin@contoso.example');
    expect(mail?.subject).toBe('Order NW-1001 was recorded on Licensing ID 67012345');
    expect(mail?.text).toContain('2 lines, 28 licenses');
    expect(mail?.text).toContain('http://lsc.test/licenses/license-summary');
  });

  it('R-BC-7: the same Idempotency-Key with the same body returns the first answer and writes nothing', async () => {
    const body = order('NW-1002', [lsa(5)]);
    const first = await t.as(operator, { headers: { 'idempotency-key': 'key-1002' } }).post('/operator/orders', body);
    expect(first.statusCode).toBe(201);
    const before = await written();
    clock.advance(60_000);
    const again = await t.as(operator, { headers: { 'idempotency-key': 'key-1002' } }).post('/operator/orders', body);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await written()).toEqual(before);
  });

  it('R-BC-7: an Idempotency-Key reused for another body is 409 IDEMPOTENCY_KEY_REUSED', async () => {
    const before = await written();
    const res = await t.as(operator, { headers: { 'idempotency-key': 'key-1002' } }).post('/operator/orders', order('NW-1003', [lsa(5)]));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', orderNumber: 'NW-1002' });
    expect(await written()).toEqual(before);
  });

  it('R-BC-7: idempotent by order number: the same order again is a replay, different content is 409 ORDER_NUMBER_CONFLICT', async () => {
    const first = await t.as(operator).post('/operator/orders', order('NW-1004', [lsa(7)]));
    const before = await written();
    const replay = await t.as(operator).post('/operator/orders', order('NW-1004', [lsa(7)]));
    expect(replay.statusCode).toBe(201);
    expect(replay.json()).toEqual(first.json());
    const changed = await t.as(operator).post('/operator/orders', order('NW-1004', [lsa(8)]));
    expect(changed.statusCode).toBe(409);
    expect(changed.json()).toMatchObject({ code: 'ORDER_NUMBER_CONFLICT', orderNumber: 'NW-1004' });
    expect(await written()).toEqual(before);
  });

  it('R-BC-7: a bad line rejects the whole order with every error, line by line, and writes nothing', async () => {
    const before = await written();
    const res = await t
      .as(operator)
      .post(
        '/operator/orders',
        order(
          'NW-1005',
          [
            lsa(10),
            { ...lsa(10), product: 'NO-SUCH-PRODUCT' },
            { ...lsa(0) },
            { ...lsa(-5), coverageEnd: '2025-01-01' },
            { product: 'OFF-PP-2024', licenseType: 'SA', quantity: 1, coverageStart: '2026-03-01' },
          ],
          { program: 'ENTERPRISE', number: '99999999' },
        ),
      );
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem.code).toBe('ORDER_INVALID');
    expect(problem.errors.map((e: { line: number | null; field: string; code: string }) => [e.line, e.field, e.code])).toEqual([
      [null, 'licensingId', 'UNKNOWN_LICENSING_ID'],
      [2, 'product', 'UNKNOWN_PRODUCT'],
      [3, 'quantity', 'QUANTITY_NOT_POSITIVE'],
      [4, 'quantity', 'QUANTITY_NOT_POSITIVE'],
      [4, 'coverageEnd', 'COVERAGE_END_BEFORE_START'],
      [5, 'coverageEnd', 'COVERAGE_END_REQUIRED'],
    ]);
    expect(problem.errors[1].message).toBe('No product with this code in the catalog.');
    expect(await written()).toEqual(before);
    // Fixed, the same order number goes in: the rejection left nothing behind.
    const fixed = await t.as(operator).post('/operator/orders', order('NW-1005', [lsa(10)]));
    expect(fixed.statusCode).toBe(201);
  });

  it('R-BC-7: line errors are explained in the caller’s language', async () => {
    const sv = await signIn(t.app, 'operator@northwind.example');
    await t.as(sv).patch('/me', { locale: 'sv' });
    const res = await t.as(sv).post('/operator/orders', order('NW-1006', [lsa(0)]));
    expect(res.json().errors[0].message).toBe('Antalet måste vara ett heltal större än noll.');
    await t.as(sv).patch('/me', { locale: 'en' });
  });

  it('R-LIC-6: only volume-licensing license types are accepted (no OEM, no retail)', async () => {
    const before = await written();
    for (const licenseType of ['OEM', 'RETAIL']) {
      const res = await t.as(operator).post('/operator/orders', order('NW-1007', [{ ...lsa(1), licenseType }]));
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'ORDER_INVALID',
        errors: [{ line: 1, field: 'licenseType', code: 'UNKNOWN_LICENSE_TYPE' }],
      });
    }
    expect(await written()).toEqual(before);
  });

  it('R-LIC-2: Maintenance and Upgrade Advantage lines are accepted, with their coverage period; without its end they are refused', async () => {
    const coverage = { product: 'SRV-STD-2022', coverageStart: '2026-03-01', coverageEnd: '2029-02-28' };
    const res = await t.as(operator).post(
      '/operator/orders',
      order('NW-LIC2-1', [
        { ...coverage, licenseType: 'MAINTENANCE', quantity: 4 },
        { ...coverage, licenseType: 'UPGRADE_ADVANTAGE', quantity: 2 },
      ]),
    );
    expect(res.statusCode).toBe(201);
    const lines = await t.database.db.execute<{ license_type: string; quantity: number }>(sql`
      select ol.license_type, ol.quantity from order_line ol join license_order o on o.id = ol.order_id
      where o.order_number = 'NW-LIC2-1' order by ol.line_number`);
    expect(lines.rows).toEqual([
      { license_type: 'MAINTENANCE', quantity: 4 },
      { license_type: 'UPGRADE_ADVANTAGE', quantity: 2 },
    ]);
    const before = await written();
    const open = await t
      .as(operator)
      .post('/operator/orders', order('NW-LIC2-2', [{ ...coverage, licenseType: 'MAINTENANCE', quantity: 1, coverageEnd: null }]));
    expect(open.statusCode).toBe(400);
    expect(open.json()).toMatchObject({
      code: 'ORDER_INVALID',
      errors: [{ line: 1, field: 'coverageEnd', code: 'COVERAGE_END_REQUIRED' }],
    });
    expect(await written()).toEqual(before);
  });

  it('R-BC-7: every error of an order counts its lines from 1, a value of the wrong form as much as an unknown product; the order itself stays VALIDATION_FAILED', async () => {
    const before = await written();
    const res = await t
      .as(operator)
      .post(
        '/operator/orders',
        order('NW-1010', [
          lsa(10),
          { ...lsa(1), quantity: 'ten' },
          { ...lsa(1), product: 'NO-SUCH-PRODUCT' },
          { ...lsa(1), licenseType: 'OEM', coverageStart: '2026-02-30' },
          { licenseType: 'FULL', quantity: 1, coverageStart: '2026-03-01', grant: 'maybe' },
        ]),
      );
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem.code).toBe('ORDER_INVALID');
    expect(problem.errors.map((e: { line: number | null; field: string; code: string }) => [e.line, e.field, e.code])).toEqual([
      [2, 'quantity', 'INVALID_NUMBER'],
      [3, 'product', 'UNKNOWN_PRODUCT'],
      [4, 'licenseType', 'UNKNOWN_LICENSE_TYPE'],
      [4, 'coverageStart', 'INVALID_DATE'],
      [5, 'product', 'MISSING_VALUE'],
      [5, 'grant', 'INVALID_FLAG'],
    ]);
    expect(problem.errors[0].message).toBe('Not a whole number.');
    expect(JSON.stringify(problem)).not.toContain('lines.');
    expect(await written()).toEqual(before);

    // What is wrong with the order itself has no line: VALIDATION_FAILED, as for any request.
    const noDate = await t.as(operator).post('/operator/orders', { ...order('NW-1011', [lsa(1)]), orderDate: 'soon' });
    expect(noDate.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'body.orderDate' }] });
    expect((await t.as(operator).post('/operator/orders', order('NW-1012', []))).json().code).toBe('VALIDATION_FAILED');
    expect((await t.as(operator).post('/operator/orders', { ...order('NW-1013', [lsa(1)]), lines: ['not a line'] })).json().code).toBe(
      'VALIDATION_FAILED',
    );
    const longKey = await t
      .as(operator, { headers: { 'idempotency-key': 'k'.repeat(300) } })
      .post('/operator/orders', order('NW-1014', [{ ...lsa(1), quantity: 'x' }]));
    expect(longKey.json().code).toBe('VALIDATION_FAILED');
    expect(await written()).toEqual(before);
  });

  it('R-BC-7: customers cannot change orders: no customer route writes them, the operator route refuses them, the rows refuse updates', async () => {
    const writes = t.app.routeCatalog.filter((r) => /order/.test(r.url) && r.method !== 'GET');
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((r) => r.action === 'operator')).toBe(true);
    const admin = await signIn(t.app, 'admin@contoso.example');
    const res = await t.as(admin).post('/operator/orders', order('NW-1008', [lsa(1)]));
    expect(res.statusCode).toBe(403);
    await expect(t.database.db.execute(sql`update order_line set quantity = quantity + 1`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from license_order`)).rejects.toThrow();
  });

  it('R-BC-7: concurrent deliveries of one order record it once', async () => {
    const body = order('NW-1009', [lsa(2), lsa(3, 'SRV-DC-2022')]);
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() => t.as(operator, { headers: { 'idempotency-key': 'key-1009' } }).post('/operator/orders', body)),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(await count(sql`select count(*) as n from license_order where order_number = 'NW-1009'`)).toBe(1);
    expect(await count(sql`select count(*) as n from audit_log where action = 'order.ingest' and after->>'orderNumber' = 'NW-1009'`)).toBe(
      1,
    );
  });

  it('the positions, per Licensing ID and per organization, always equal the sum of the lines they stand for', async () => {
    const res = await t.database.db.execute<{ n: string }>(sql`
      select count(*) as n from (
        select licensing_id, product_id, license_type, is_grant, sum(quantity)::bigint as quantity, count(*)::int as line_count
        from order_line group by 1, 2, 3, 4
        except select licensing_id, product_id, license_type, is_grant, quantity, line_count from license_position
      ) diff`);
    expect(Number(res.rows[0]?.n)).toBe(0);
    const byOrganization = await t.database.db.execute<{ n: string }>(sql`
      select count(*) as n from (
        select o.organization_id, l.product_id, l.license_type, l.is_grant, sum(l.quantity)::bigint as quantity, count(*)::int as line_count
        from order_line l join license_order o on o.id = l.order_id group by 1, 2, 3, 4
        except select organization_id, product_id, license_type, is_grant, quantity, line_count from organization_position
      ) diff`);
    expect(Number(byOrganization.rows[0]?.n)).toBe(0);
    expect(await count(sql`select count(*) as n from license_position`)).toBe(
      await count(sql`select count(*) as n from (select distinct licensing_id, product_id, license_type, is_grant from order_line) k`),
    );
  });
});
