import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeLabel } from '../../src/modules/reports/code-labels.js';
import { reportXlsx } from '../../src/modules/reports/export.js';
import type { ReportRun } from '../../src/modules/reports/runner.js';
import { reportById } from '../../src/modules/reports/standard/catalogue.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { openedInLibreOffice, trimmed } from '../helpers/libreoffice.js';
import { type Session, signIn } from '../helpers/session.js';

type Row = Record<string, string | number | null>;
const LINES = 10_050;

/**
 * R-REP-4: over 10,000 matching records a report shows and exports the first 10,000, says how many
 * there are, and the workbook warns; LibreOffice reads every cell back as the rows say, text that
 * looks like a date or a number included.
 */
describe('The 10,000-record cap and the report workbook (R-REP-4)', () => {
  let t: TestApp;
  let admin: Session;
  let existing: number;
  let opened: Record<string, string[][]>;
  let exported: { headers: Record<string, unknown>; body: Buffer };
  let csv: { headers: Record<string, unknown>; body: string };

  const runAll = async (filters: Record<string, string> = {}) => {
    const rows: Row[] = [];
    let cursor: string | null = null;
    let last: { total: number; truncated: boolean } = { total: 0, truncated: false };
    do {
      const res = await t.as(admin).post('/reports/packages-and-products/run', { filters, limit: 500, ...(cursor ? { cursor } : {}) });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json();
      rows.push(...page.rows);
      cursor = page.nextCursor;
      last = page;
    } while (cursor);
    return { ...last, rows };
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: fixedClock('2026-03-01T09:00:00Z') });
    const db = t.database.db;
    admin = await signIn(t.app, 'admin@contoso.example');
    existing = (await runAll()).total;
    // Texts a spreadsheet likes to turn into dates or numbers: an order numbered 1/9, products named 0012 and 3E5.
    await db.execute(sql`update product set name = '0012' where code = 'OFF-PP-2024'`);
    await db.execute(sql`
      insert into license_order (order_number, licensing_id, organization_id, order_date, received_at, source, content_hash)
      select '1/9', l.id, l.organization_id, '2026-01-09', now(), 'API', 'cap-test' from licensing_id l where l.number = '67012345'`);
    await db.execute(sql`
      insert into order_line (order_id, line_number, licensing_id, product_id, license_type, quantity, coverage_start, counts_from)
      select o.id, g, o.licensing_id, p.id, 'FULL', g % 7 + 1, '2026-01-09', '2026-01-09'
      from license_order o, product p, generate_series(1, ${LINES}) g
      where o.order_number = '1/9' and p.code = 'OFF-PP-2024'`);
    const ex = await t.as(admin).get('/reports/packages-and-products/export?format=xlsx');
    exported = { headers: ex.headers, body: ex.rawPayload };
    const c = await t.as(admin).get('/reports/packages-and-products/export?format=csv');
    csv = { headers: c.headers, body: c.body };
    const report = reportById('licenses-and-services');
    if (!report) throw new Error('no report');
    // No report's data holds amounts yet; the writer's money column is proven on rows made here.
    const money: ReportRun = {
      report,
      columns: [
        { id: 'productName', type: 'text' },
        { id: 'amount', type: 'money', currencyColumn: 'currency' },
        { id: 'currency', type: 'currency' },
      ],
      rows: [
        { productName: '1/9', amount: 1234.5, currency: 'SEK' },
        { productName: '0012', amount: 7, currency: 'USD' },
      ],
      total: 2,
      truncated: false,
    };
    const chunks: Buffer[] = [];
    for await (const chunk of reportXlsx(money, 'en', 'Money')) chunks.push(chunk as Buffer);
    opened = await openedInLibreOffice({ cap: exported.body, money: Buffer.concat(chunks) });
  }, 300_000);
  afterAll(() => t.close());

  it('R-REP-4: over 10,000 records the report shows 10,000, the total, and truncated', async () => {
    const all = await runAll();
    expect(all.total).toBe(existing + LINES);
    expect(all.truncated).toBe(true);
    expect(all.rows).toHaveLength(10_000);
    // A cursor cannot page past the cap.
    const page = await t.as(admin).post('/reports/packages-and-products/run', { limit: 500 });
    expect(page.json()).toMatchObject({ total: existing + LINES, truncated: true });
    // Narrowed under the cap: no warning.
    const narrowed = await t.as(admin).post('/reports/packages-and-products/run', { filters: { orderNumber: 'EA-2024' } });
    expect(narrowed.json().truncated).toBe(false);
  });

  it('R-REP-4: the export has 10,000 data rows, the warning in the workbook and the X-Report-Truncated header', async () => {
    expect(exported.headers['x-report-truncated']).toBe('true');
    expect(exported.headers['x-report-total']).toBe(String(existing + LINES));
    expect(csv.headers['x-report-truncated']).toBe('true');
    expect(
      csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
    ).toHaveLength(10_001);

    const sheet = (opened.cap ?? []).map(trimmed);
    const warning = `Showing 10,000 of ${existing + LINES} records; narrow the filters to see the rest.`;
    expect(sheet[0]).toEqual(['Packages and Products']);
    expect(sheet[1]).toEqual([warning]);
    expect(sheet[3]).toEqual([
      'Licensing ID',
      'Order number',
      'Order date',
      'Product code',
      'Product',
      'License type',
      'How acquired',
      'Quantity',
    ]);
    const data = sheet.slice(4, 4 + 10_000);
    const { rows } = await runAll();
    // The code columns (license type, how acquired) carry the words the report table shows, in English here.
    const codes = new Set(['licenseType', 'acquired']);
    const expected = rows.map((r) =>
      trimmed(
        ['licensingId', 'orderNumber', 'orderDate', 'productCode', 'productName', 'licenseType', 'acquired', 'quantity'].map((k) =>
          r[k] === null ? '' : codes.has(k) ? codeLabel(k, String(r[k]), 'en') : String(r[k]),
        ),
      ),
    );
    expect(data.some((r) => r[6] === 'Purchased')).toBe(true);
    expect(data.every((r) => !/^[A-Z_]+$/.test(r[5] ?? ''))).toBe(true);
    expect(data).toEqual(expected);
    // The texts came through as typed: 1/9 is no date, 0012 no number.
    expect(data.some((r) => r[1] === '1/9')).toBe(true);
    expect(data.some((r) => r[4] === '0012')).toBe(true);
    expect(sheet.at(-1)).toEqual([warning]);
  });

  it('R-REP-4: a money amount and its currency are two columns; the amount is a number', () => {
    const sheet = (opened.money ?? []).map(trimmed);
    expect(sheet[2]).toEqual(['Product', 'amount', 'currency']);
    expect(sheet.slice(3)).toEqual([
      ['1/9', '1,234.50', 'SEK'],
      ['0012', '7.00', 'USD'],
    ]);
  });
});
