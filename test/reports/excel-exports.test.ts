import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENEFIT_NAMES } from '../../src/modules/software-assurance/mails.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { openedInLibreOffice, trimmed } from '../helpers/libreoffice.js';
import { type Session, signIn } from '../helpers/session.js';

/**
 * R-REP-4: every Excel file the product writes, fetched through its real route, opened by
 * LibreOffice Calc and read back cell by cell against the rows it came from. The data is seeded
 * with text a spreadsheet likes to "fix": a fraction or a day (1/9), leading zeros (0012), a range
 * or a day (1-2), scientific notation (3E5), a formula (=1+1), a phone number (+46 8 123).
 */
const TRICKY = ['1/9', '0012', '1-2', '3E5', '=1+1', '+46 8 123', '@x', '-7'];

type Json = Record<string, unknown>;

describe('Excel exports open in LibreOffice with every cell as written (R-REP-4)', () => {
  let t: TestApp;
  let admin: Session;
  let opened: Record<string, string[][]>;
  let payloads: Record<string, Buffer>;
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

  const json = async (path: string) => {
    const res = await t.as(admin).get(path);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const workbook = async (path: string) => {
    const res = await t.as(admin).get(path);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    return res.rawPayload;
  };
  /** A quantity as Calc shows it with the integer format; an empty cell for none. */
  const n = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

  beforeAll(async () => {
    t = await createTestApp({ clock: fixedClock('2026-03-01T09:00:00Z') });
    const db = t.database.db;
    const run = (q: ReturnType<typeof sql>) => db.execute(q);
    // Contoso's organization, its product families, versions and names become the tricky texts.
    await run(sql`update organization set name = '0012', city = '=1+1' where name = 'Contoso Ltd'`);
    const families = (await db.execute<{ id: string }>(sql`select id from product_family order by name`)).rows;
    for (const [i, f] of families.entries()) {
      const name = i < TRICKY.length ? (TRICKY[i] as string) : `0${i}/1${i}`;
      await run(sql`update product_family set name = ${name} where id = ${f.id}`);
    }
    const products = (await db.execute<{ id: string }>(sql`select id from product order by code`)).rows;
    for (const [i, p] of products.entries()) {
      const trick = TRICKY[i % TRICKY.length] as string;
      // The key file says name, version and edition; the summary groups by version.
      await run(sql`update product set name = ${trick}, version = ${TRICKY[(i + 1) % TRICKY.length]}, edition = '' where id = ${p.id}`);
    }
    // R-KEY-7: one MAK with 1 of 10 activations used reads "1/9" (used/available).
    await run(
      sql`update product_key set activation_limit = 10, used = 1 where id = (select id from product_key where type = 'MAK' order by id limit 1)`,
    );
    admin = await signIn(t.app, 'admin@contoso.example');
    payloads = {
      keys: await workbook('/api/v1/product-keys/workbook'),
      license: await workbook('/api/v1/license-summary/export?format=xlsx'),
      sa: await workbook('/api/v1/sa-summary/export?format=xlsx'),
    };
    // One soffice start for all three files: starting it is the slow part.
    opened = await openedInLibreOffice(payloads);
  }, 180_000);
  afterAll(() => t.close());

  it('R-KEY-7, R-REP-4: the product keys workbook has the key file’s columns and rows, MAK count 1/9 and texts like 0012 intact', async () => {
    const print = await json('/api/v1/product-keys/print');
    const sheet = opened.keys ?? [];
    expect(sheet[0]).toEqual(print.columns);
    expect(print.rows.length).toBeGreaterThan(0);
    expect(sheet.slice(1).map(trimmed)).toEqual((print.rows as string[][]).map(trimmed));
    // The seeded texts came through as typed, not as dates or numbers.
    const cells = sheet.slice(1).flat();
    expect(cells).toContain('1/9');
    for (const trick of ['0012', '=1+1', '3E5', '1-2']) expect(cells.some((c) => c.includes(trick))).toBe(true);
    // The Type in the words the key list shows (the tab-delimited file keeps the code-like 'MAK').
    expect(sheet.slice(1).some((r) => r[5] === 'Multiple Activation Key (MAK)' && r[6] === '1/9')).toBe(true);
    // The organization alone in its cell: 0012, not 12.
    expect(sheet.slice(1).every((r) => r[2] === '0012')).toBe(true);
  });

  it('R-KEY-7: the workbook is an attachment that is never cached, and one Licensing ID gives only its keys', async () => {
    const res = await t.as(admin).get('/api/v1/product-keys/workbook');
    expect(res.headers['content-disposition']).toBe('attachment; filename="product-keys.xlsx"');
    expect(res.headers['cache-control']).toBe('no-store');
    const lid = (await json('/api/v1/product-keys')).items[0].licensingId as string;
    const one = await workbook(`/api/v1/product-keys/workbook?licensingId=${lid}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(one as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    book.worksheets[0]?.eachRow((r) => {
      rows.push((r.values as unknown[]).slice(1));
    });
    const print = await json(`/api/v1/product-keys/print?licensingId=${lid}`);
    expect(print.rows.length).toBeGreaterThan(0);
    expect(rows.slice(1).map((r) => trimmed(r.map((c) => (c ?? '') as string)))).toEqual((print.rows as string[][]).map(trimmed));
    expect((await t.as(admin).get('/api/v1/product-keys/workbook?licensingId=nope')).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('R-REP-4, R-LIC-1: the License Summary workbook: names and versions as text, quantities as numbers, totals below', async () => {
    const s = await json('/api/v1/license-summary');
    const pools: Record<string, string> = { APPLICATIONS: 'Applications', SYSTEMS: 'Systems', SERVERS: 'Servers' };
    const types = ['FULL', 'UPGRADE', 'LSA', 'SA', 'SA_STEP_UP', 'SUBSCRIPTION', 'MAINTENANCE', 'UPGRADE_ADVANTAGE'];
    const expected = (s.rows as Json[]).map((r) => [
      pools[r.pool as string] ?? '',
      r.family as string,
      r.version as string,
      n(r.effectiveQuantity as number),
      n(r.activeSaQuantity as number),
      n(r.unresolvedQuantity as number),
      r.granted ? '*' : '',
      ...types.map((k) => n((r.purchased as Record<string, number>)[k])),
    ]);
    const sheet = (opened.license ?? []).map(trimmed);
    expect(sheet[0]).toEqual(['License Summary']);
    expect(sheet[1]).toEqual(['As of', s.asOf]);
    expect(sheet[2]).toEqual(['Licensing IDs', (s.licensingIds as Json[]).map((l) => l.number).join(', ')]);
    expect(sheet[4]?.slice(0, 3)).toEqual(['License pool', 'Product family', 'Version']);
    expect(expected.length).toBeGreaterThan(0);
    expect(sheet.slice(5, 5 + expected.length)).toEqual(expected.map(trimmed));
    const tot = s.totals as Json;
    expect(sheet[5 + expected.length]).toEqual([
      'Total',
      '',
      '',
      n(tot.effectiveQuantity as number),
      n(tot.activeSaQuantity as number),
      n(tot.unresolvedQuantity as number),
    ]);
    expect(sheet.at(-1)?.[0]).toMatch(/^\* Granted with another product/);
    // The seeded family names and versions are among them, as typed.
    const texts = expected.flatMap((r) => [r[1], r[2]]);
    for (const trick of ['1/9', '0012', '3E5', '=1+1']) expect(texts).toContain(trick);
  });

  it('R-REP-4, R-SA-3: the SA Summary workbook: texts as typed, quantities as numbers, the coverage end a real date', async () => {
    const s = await json('/api/v1/sa-summary?pageSize=200');
    expect(s.total).toBeLessThanOrEqual(200);
    const status: Record<string, string> = {
      REQUIRES_ACTIVATION: 'Requires Activation',
      ACTIVATED: 'Activated',
      HAR: 'HAR (hold awaiting reactivation)',
      EXPIRED: 'Expired',
    };
    const unit: Record<string, string> = {
      SUPPORT_INCIDENTS: 'support incidents',
      PARTICIPANTS: 'participants',
      DOWNLOADS: 'downloads',
      LICENSES: 'licenses',
      DAYS: 'days',
      UNMEASURED: 'not measured',
    };
    const flag: Record<string, string> = { EXPIRING_URGENT: 'within 30 days', EXPIRING_SOON: 'within 90 days' };
    const expected = (s.items as Json[]).map((r) => [
      r.organization as string,
      (r.city as string | null) ?? '',
      BENEFIT_NAMES.en[r.benefit as keyof typeof BENEFIT_NAMES.en],
      r.licensingNumber as string,
      status[r.status as string] ?? '',
      n(r.eligibleQuantity as number | null),
      n(r.usedQuantity as number | null),
      n(r.quantityRemaining as number | null),
      unit[r.unit as string] ?? '',
      (r.expiresOn as string | null) ?? '',
      flag[(r.expiry as Json).notice as string] ?? '',
    ]);
    const sheet = (opened.sa ?? []).map(trimmed);
    expect(sheet[0]).toEqual(['Software Assurance Summary']);
    expect(sheet[1]).toEqual(['As of', s.asOf]);
    expect(sheet[3]?.[0]).toBe('Organization');
    expect(expected.length).toBeGreaterThan(0);
    expect(sheet.slice(4)).toEqual(expected.map(trimmed));
    expect(sheet.slice(4).some((r) => r[0] === '0012' && r[1] === '=1+1')).toBe(true);
    // Calc shows the coverage end as the ISO day; the cell itself is a date, not text.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(payloads.sa as unknown as ArrayBuffer);
    const dated = expected.findIndex((r) => r[9] !== '');
    expect(dated).toBeGreaterThanOrEqual(0);
    expect(book.worksheets[0]?.getRow(5 + dated).getCell(10).value).toBeInstanceOf(Date);
    expect(book.worksheets[0]?.getRow(5 + dated).getCell(6).type).toBe(ExcelJS.ValueType.Number);
  });
});
