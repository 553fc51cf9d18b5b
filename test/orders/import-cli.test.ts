import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ordersFromCsv, parseCsv } from '../../src/modules/orders/csv.js';
import { MAX_LINES_PER_ORDER } from '../../src/modules/orders/schemas.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { LSC_RUNS_MS, lscCommand } from '../helpers/lsc-command.js';
import { signIn } from '../helpers/session.js';

const HEADER = 'order_number,order_date,program,licensing_id,product,license_type,quantity,coverage_start,coverage_end,grant';

describe('order files (R-BC-7)', () => {
  it('reads RFC 4180 CSV: quoted commas, quotes and line breaks, CRLF, a BOM, and the row of each record as a spreadsheet shows it', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n\r\n2,"two\nlines",z\n3,,\n';
    // Rows from 1 (the header); an empty line is a row, a line break inside a quoted cell is not.
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', 'x, y', 'say "hi"'] },
      { line: 4, cells: ['2', 'two\nlines', 'z'] },
      { line: 5, cells: ['3', '', ''] },
    ]);
  });

  it('groups rows into one order per order number and reports unreadable cells by line', () => {
    const parsed = ordersFromCsv(
      [
        HEADER,
        'A-1,2026-01-10,enterprise,67012345,OFF-PP-2024,L&SA,10,2026-02-01,2027-06-30,',
        'B-1,2026-01-10,OPEN_LICENSE,V1234567,OFF-STD-2021,Full,2,2026-02-01,,no',
        'A-1,2026-01-10,ENTERPRISE,67012345,CHAT-STD-2019,full,2,2026-02-01,,yes',
        'A-1,2026-01-11,ENTERPRISE,67012345,OFF-PP-2024,OEM,ten,2026-02-30,,maybe',
        ',2026-01-10,ENTERPRISE,67012345,OFF-PP-2024,SA,1,2026-02-01,2027-01-01,',
      ].join('\n'),
    );
    expect(parsed.missingColumns).toEqual([]);
    expect(parsed.orders.map((o) => [o.order.orderNumber, o.order.lines.length])).toEqual([
      ['A-1', 2],
      ['B-1', 1],
    ]);
    const a = parsed.orders[0];
    expect(a?.order).toMatchObject({ licensingId: { program: 'ENTERPRISE', number: '67012345' }, headerLine: 2 });
    expect(a?.order.lines[0]).toMatchObject({ line: 2, licenseType: 'LSA', quantity: 10, coverageEnd: '2027-06-30', grant: false });
    expect(a?.order.lines[1]).toMatchObject({ line: 4, licenseType: 'FULL', coverageEnd: null, grant: true });
    expect(a?.errors.map((e) => `${e.line}:${e.field}:${e.code}`)).toEqual([
      '5:license_type:UNKNOWN_LICENSE_TYPE',
      '5:quantity:INVALID_NUMBER',
      '5:coverage_start:INVALID_DATE',
      '5:grant:INVALID_FLAG',
      '5:order_number:ORDER_HEADER_MISMATCH',
    ]);
    expect(parsed.orphanErrors).toEqual([{ line: 6, field: 'order_number', code: 'MISSING_VALUE' }]);
    expect(ordersFromCsv('order_number,product\nA,B').missingColumns).toContain('license_type');
  });

  it('R-BC-7: holds a file to the API’s schema: an order number over 60 characters, too many lines, values out of range', () => {
    const row = (orderNumber: string, cells = 'OFF-PP-2024,Full,1,2026-02-01,,') =>
      `${orderNumber},2026-01-10,ENTERPRISE,67012345,${cells}`;
    const parsed = ordersFromCsv(
      [
        HEADER,
        row('N'.repeat(61)),
        row('L-1', `${'P'.repeat(61)},Full,1000000001,2026-02-01,,`),
        row('L-2', 'OFF-PP-2024,Full,1,2026-02-01,,'),
        ...Array.from({ length: MAX_LINES_PER_ORDER }, () => row('L-2')),
      ].join('\n'),
    );
    const [long, values, many] = parsed.orders;
    expect(long).toMatchObject({ refused: true, errors: [{ line: 2, field: 'order_number', code: 'ORDER_NUMBER_TOO_LONG' }] });
    expect(values).toMatchObject({ refused: false, order: { lines: [] } });
    expect(values?.errors).toEqual([
      { line: 3, field: 'product', code: 'UNKNOWN_PRODUCT' },
      { line: 3, field: 'quantity', code: 'INVALID_NUMBER' },
    ]);
    // The row after the 5000th of the order is where it has too many.
    expect(many).toMatchObject({
      refused: true,
      errors: [{ line: 4 + MAX_LINES_PER_ORDER, field: 'order_number', code: 'TOO_MANY_LINES' }],
    });
  });

  it('refuses a file that is not CSV, naming the line', () => {
    const parsed = ordersFromCsv(`${HEADER}\nA-1,2026-01-10,ENTERPRISE,67012345,"OFF-PP-2024,Full,1,2026-02-01,,\n`);
    expect(parsed.orders).toEqual([]);
    expect(parsed.unreadable).toMatch(/quote.*line 2/i);
  });

  describe('lsc import-orders FILE.csv', { timeout: LSC_RUNS_MS }, () => {
    let t: TestApp;
    let dir: string;
    beforeAll(async () => {
      t = await createTestApp();
      dir = await mkdtemp(path.join(tmpdir(), 'lsc-import-'));
    });
    afterAll(async () => {
      await t.close();
      await rm(dir, { recursive: true, force: true });
    });

    const lsc = (file: string) => lscCommand(t.database.url, dir, ['import-orders', file]);
    const count = async (q: ReturnType<typeof sql>) => Number((await t.database.db.execute<{ n: string }>(q)).rows[0]?.n);

    it('R-BC-7: records the good orders, rejects a bad one whole with line-numbered errors, and a second run writes nothing', async () => {
      const file = path.join(dir, 'orders.csv');
      await writeFile(
        file,
        [
          HEADER,
          'CSV-1,2026-01-10,ENTERPRISE,67012345,OFF-PP-2024,L&SA,10,2026-02-01,2027-06-30,',
          'CSV-1,2026-01-10,ENTERPRISE,67012345,SRV-DC-2022,SA Step-Up,2,2026-02-01,2027-06-30,',
          'CSV-2,2026-01-12,OPEN_LICENSE,V1234567,OFF-STD-2021,Full,3,2026-02-01,,',
          'CSV-3,2026-01-12,ENTERPRISE,67012345,OFF-PP-2024,Full,1,2026-02-01,,',
          'CSV-3,2026-01-12,ENTERPRISE,67012345,NO-SUCH,Full,1,2026-02-01,,',
          'CSV-3,2026-01-12,ENTERPRISE,67012345,OFF-PP-2024,SA,0,2026-02-01,2025-01-01,',
          'CSV-3,2026-01-12,ENTERPRISE,67012345,OFF-PP-2024,OEM,1,2026-02-01,,',
          'CSV-4,2026-01-12,SELECT,11112222,OFF-PP-2024,Full,1,2026-02-01,,',
        ].join('\r\n'),
      );
      const orders = await count(sql`select count(*) as n from license_order`);
      const first = await lsc(file);
      expect(first.code).toBe(1);
      expect(first.out).toContain('Order CSV-1: recorded (2 lines)');
      expect(first.out).toContain('Order CSV-2: recorded (1 lines)');
      expect(first.out).toContain('Order CSV-3: rejected, nothing written');
      expect(first.out).toContain('line 6, product: UNKNOWN_PRODUCT');
      expect(first.out).toContain('line 7, quantity: QUANTITY_NOT_POSITIVE');
      expect(first.out).toContain('line 7, coverage_end: COVERAGE_END_BEFORE_START');
      expect(first.out).toContain('line 8, license_type: UNKNOWN_LICENSE_TYPE');
      expect(first.out).toContain('line 9, licensing_id: UNKNOWN_LICENSING_ID');
      expect(first.out).toContain('2 recorded, 0 unchanged, 2 rejected.');
      expect(await count(sql`select count(*) as n from license_order`)).toBe(orders + 2);
      expect(await count(sql`select count(*) as n from license_order where order_number = 'CSV-3'`)).toBe(0);
      expect(await count(sql`select count(*) as n from audit_log where action = 'order.ingest' and after->>'source' = 'CSV'`)).toBe(2);

      const again = await lsc(file);
      expect(again.out).toContain('Order CSV-1: already recorded with the same content, nothing written');
      expect(again.out).toContain('0 recorded, 2 unchanged, 2 rejected.');
      expect(await count(sql`select count(*) as n from license_order`)).toBe(orders + 2);
    });

    it('R-LIC-2: an order file names Maintenance and Upgrade Advantage as order systems write them', async () => {
      const file = path.join(dir, 'coverage.csv');
      await writeFile(
        file,
        [
          HEADER,
          'CSV-LIC2,2026-01-10,ENTERPRISE,67012345,SRV-STD-2022,Maintenance,3,2026-02-01,2028-01-31,',
          'CSV-LIC2,2026-01-10,ENTERPRISE,67012345,SRV-STD-2022,Upgrade Advantage,2,2026-02-01,2028-01-31,',
          'CSV-LIC2,2026-01-10,ENTERPRISE,67012345,SRV-STD-2022,UPGRADE_ADVANTAGE,1,2026-02-01,2028-01-31,',
        ].join('\n'),
      );
      const result = await lsc(file);
      expect(result.out).toContain('Order CSV-LIC2: recorded (3 lines)');
      expect(result.code).toBe(0);
      const types = await t.database.db.execute<{ license_type: string }>(sql`
        select ol.license_type from order_line ol join license_order o on o.id = ol.order_id
        where o.order_number = 'CSV-LIC2' order by ol.line_number`);
      expect(types.rows.map((r) => r.license_type)).toEqual(['MAINTENANCE', 'UPGRADE_ADVANTAGE', 'UPGRADE_ADVANTAGE']);
    });

    it('R-BC-7: an order already recorded through the API is recognised in a file; a changed one is refused', async () => {
      const operator = await signIn(t.app, 'operator@northwind.example');
      const api = await t.as(operator).post('/operator/orders', {
        orderNumber: 'API-7',
        orderDate: '2026-01-10',
        licensingId: { program: 'ENTERPRISE', number: '67012345' },
        lines: [
          { product: 'OFF-PP-2024', licenseType: 'LSA', quantity: 10, coverageStart: '2026-02-01', coverageEnd: '2027-06-30' },
          { product: 'CHAT-STD-2019', licenseType: 'FULL', quantity: 1, coverageStart: '2026-02-01', grant: true },
        ],
      });
      expect(api.statusCode).toBe(201);
      const file = path.join(dir, 'replay.csv');
      await writeFile(
        file,
        [
          HEADER,
          'API-7,2026-01-10,Enterprise,67012345,OFF-PP-2024,L&SA,10,2026-02-01,2027-06-30,no',
          'API-7,2026-01-10,Enterprise,67012345,CHAT-STD-2019,Full,1,2026-02-01,,yes',
        ].join('\n'),
      );
      const same = await lsc(file);
      expect(same.code).toBe(0);
      expect(same.out).toContain('Order API-7: already recorded with the same content, nothing written');
      await writeFile(file, [HEADER, 'CSV-2,2026-01-12,OPEN_LICENSE,V1234567,OFF-STD-2021,Full,4,2026-02-01,,'].join('\n'));
      const changed = await lsc(file);
      expect(changed.code).toBe(1);
      expect(changed.out).toContain('Order CSV-2: rejected, nothing written (ORDER_NUMBER_CONFLICT');
    });

    it('R-BC-7: a file and the API refuse the same order with the same codes, the file at its rows', async () => {
      const operator = await signIn(t.app, 'operator@northwind.example');
      const body = {
        orderNumber: 'SAME-1',
        orderDate: '2026-01-10',
        licensingId: { program: 'ENTERPRISE', number: '67012345' },
        lines: [
          { product: 'OFF-PP-2024', licenseType: 'FULL', quantity: 1, coverageStart: '2026-02-01' },
          { product: 'X'.repeat(61), licenseType: 'FULL', quantity: 2_000_000_000, coverageStart: '2026-02-01' },
        ],
      };
      const api = await t.as(operator).post('/operator/orders', body);
      expect(api.json()).toMatchObject({ code: 'ORDER_INVALID' });
      const apiErrors = api.json().errors.map((e: { line: number; field: string; code: string }) => `${e.line + 1}:${e.field}:${e.code}`);
      const file = path.join(dir, 'same.csv');
      await writeFile(
        file,
        [
          HEADER,
          'SAME-1,2026-01-10,ENTERPRISE,67012345,OFF-PP-2024,Full,1,2026-02-01,,',
          `SAME-1,2026-01-10,ENTERPRISE,67012345,${'X'.repeat(61)},Full,2000000000,2026-02-01,,`,
          `${'N'.repeat(61)},2026-01-10,ENTERPRISE,67012345,OFF-PP-2024,Full,1,2026-02-01,,`,
        ].join('\n'),
      );
      const res = await lsc(file);
      expect(res.code).toBe(1);
      expect(apiErrors).toEqual(['3:product:UNKNOWN_PRODUCT', '3:quantity:INVALID_NUMBER']);
      expect(res.out).toContain('line 3, product: UNKNOWN_PRODUCT');
      expect(res.out).toContain('line 3, quantity: INVALID_NUMBER');
      // What the API refuses as VALIDATION_FAILED, the file refuses at the order's row.
      const tooLong = await t.as(operator).post('/operator/orders', { ...body, orderNumber: 'N'.repeat(61), lines: [body.lines[0]] });
      expect(tooLong.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(res.out).toContain('line 4, order_number: ORDER_NUMBER_TOO_LONG An order number has at most 60 characters.');
      expect(res.out).toContain('0 recorded, 0 unchanged, 2 rejected.');
      expect(await count(sql`select count(*) as n from license_order where order_number in ('SAME-1', ${'N'.repeat(61)})`)).toBe(0);
    });

    it('refuses a file without the order columns', async () => {
      const file = path.join(dir, 'bad.csv');
      await writeFile(file, 'order,qty\n1,2\n');
      const res = await lsc(file);
      expect(res.code).toBe(1);
      expect(res.out).toContain('missing column(s) order_number');
    });
  });
});
