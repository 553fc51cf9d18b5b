import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketLines, type SummaryLine, type SummaryRow, summarize } from '../../src/modules/orders/license-summary-rules.js';
import { licenseSummaryAggregate, licenseSummaryFromLines, planScope } from '../../src/modules/orders/license-summary-sql.js';
import { countsFrom, LICENSE_TYPES } from '../../src/modules/orders/rules.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

type Row = SummaryRow & { family: string };
const find = (rows: Row[], family: string, version: string) =>
  rows.find((r) => r.family === `Northwind ${family}` && r.version === version);

describe('License Summary (R-LIC-1 … R-LIC-7)', () => {
  let t: TestApp;
  const clock = fixedClock('2026-03-01T09:00:00Z');
  const ids: Record<string, string> = {};
  let operator: Session;
  const sessions = new Map<string, Session>();
  beforeAll(async () => {
    t = await createTestApp({ clock });
    const rows = await t.database.db.execute<{ number: string; id: string }>(sql`select number, id from licensing_id`);
    for (const r of rows.rows) ids[r.number] = r.id;
    operator = await signIn(t.app, 'operator@northwind.example');
    for (const who of ['admin', 'viewer', 'keys']) sessions.set(who, await signIn(t.app, `${who}@contoso.example`));
    sessions.set('fabrikam', await signIn(t.app, 'admin@fabrikam.example'));
  });
  afterAll(() => t.close());

  /** Sessions live hours, not years: moving the clock means signing in again. */
  const travel = async (at: string) => {
    clock.set(new Date(at));
    for (const who of ['admin', 'viewer', 'keys']) sessions.set(who, await signIn(t.app, `${who}@contoso.example`));
  };
  const ingest = (body: object) =>
    t
      .as(operator)
      .post('/operator/orders', body)
      .then((r) => {
        if (r.statusCode !== 201) throw new Error(r.body);
        return r.json();
      });

  it('R-LIC-1 / R-LIC-2: entitlements per product family and version over every Licensing ID the user can see, active and inactive', async () => {
    const res = await t.as(sessions.get('admin')).get('/license-summary');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.asOf).toBe('2026-03-01');
    expect(body.status).toBe('all');
    expect(body.licensingIds.map((l: { number: string }) => l.number).sort()).toEqual([
      '54011111',
      '67012345',
      '8765-4321',
      'V1234567',
      'V9876543',
    ]);
    const rows = body.rows as Row[];
    // The PCN's 30 upgrades to 2024 take 30 of the 45 Office 2021 licenses (PCN and Open License) and move them to 2024.
    expect(find(rows, 'Office', '2019')).toMatchObject({ effectiveQuantity: 200, activeSaQuantity: 0, unresolvedQuantity: 0 });
    expect(find(rows, 'Office', '2021')).toMatchObject({ effectiveQuantity: 15, activeSaQuantity: 0, unresolvedQuantity: 0 });
    expect(find(rows, 'Office', '2024')).toMatchObject({
      effectiveQuantity: 310,
      activeSaQuantity: 295,
      unresolvedQuantity: 0,
      purchased: { LSA: 280, UPGRADE: 30, SA: 15 },
      pool: 'APPLICATIONS',
    });
    // An upgrade without a base license (R-LIC-2): unresolved.
    expect(find(rows, 'Desktop OS', '11')).toMatchObject({ effectiveQuantity: 0, unresolvedQuantity: 300, pool: 'SYSTEMS' });
    // The previous enrollment's SA has expired: the licenses stay, the SA does not.
    expect(find(rows, 'Server', '2019')).toMatchObject({ effectiveQuantity: 4, activeSaQuantity: 0, unresolvedQuantity: 0 });
    expect(find(rows, 'Server', '2022')).toMatchObject({ effectiveQuantity: 8, activeSaQuantity: 8 });
    expect(find(rows, 'Server CAL', '2022')).toMatchObject({ effectiveQuantity: 300 });
    // R-LIC-5: the grant is flagged.
    expect(find(rows, 'Chat Server', '2019')).toMatchObject({ effectiveQuantity: 2, granted: true, grantQuantity: 2 });
    expect(find(rows, 'Mail Server', '2019')).toMatchObject({ granted: false });
    // R-LIC-6: online services are not license entitlements.
    expect(rows.some((r) => r.family === 'Northwind Cloud Mail')).toBe(false);
    expect(body.totals).toEqual({
      effectiveQuantity: rows.reduce((n, r) => n + r.effectiveQuantity, 0),
      activeSaQuantity: rows.reduce((n, r) => n + r.activeSaQuantity, 0),
      unresolvedQuantity: rows.reduce((n, r) => n + r.unresolvedQuantity, 0),
    });
  });

  it('R-LIC-1: filterable to chosen Licensing IDs and to active ones; the single-ID view may show unresolved quantities', async () => {
    const pcn = (await t.as(sessions.get('admin')).get(`/license-summary?licensingId=${ids['8765-4321']}`)).json();
    expect(pcn.licensingIds.map((l: { number: string }) => l.number)).toEqual(['8765-4321']);
    expect(find(pcn.rows, 'Office', '2021')).toMatchObject({ effectiveQuantity: 10 });
    expect(find(pcn.rows, 'Office', '2024')).toMatchObject({ effectiveQuantity: 30, activeSaQuantity: 15, unresolvedQuantity: 0 });
    const two = (
      await t.as(sessions.get('admin')).get(`/license-summary?licensingId=${ids['8765-4321']}&licensingId=${ids.V1234567}`)
    ).json();
    expect(two.licensingIds).toHaveLength(2);
    const active = (await t.as(sessions.get('admin')).get('/license-summary?status=active')).json();
    expect(active.licensingIds.map((l: { number: string }) => l.number)).not.toContain('54011111');
    expect(find(active.rows, 'Office', '2019')).toBeUndefined();
  });

  it('R-LIC-1: hidden Licensing IDs never reach the totals; a chosen one outside the user’s scope is 404', async () => {
    const viewer = (await t.as(sessions.get('viewer')).get('/license-summary')).json();
    expect(viewer.licensingIds.map((l: { number: string }) => l.number)).toEqual(['67012345']);
    const adminOnEnrollment = (await t.as(sessions.get('admin')).get(`/license-summary?licensingId=${ids['67012345']}`)).json();
    expect(viewer.rows).toEqual(adminOnEnrollment.rows);
    expect(viewer.totals).toEqual(adminOnEnrollment.totals);
    expect(viewer.totals.effectiveQuantity).toBeLessThan(
      (await t.as(sessions.get('admin')).get('/license-summary')).json().totals.effectiveQuantity,
    );
    expect(find(viewer.rows, 'Office', '2019')).toBeUndefined();
    for (const id of [ids['8765-4321'], ids['67099999'], '00000000-0000-4000-8000-000000000000']) {
      const res = await t.as(sessions.get('viewer')).get(`/license-summary?licensingId=${ids['67012345']}&licensingId=${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    }
    // Product Keys and Download do not include reports: an empty summary, not someone else's.
    const keys = (await t.as(sessions.get('keys')).get('/license-summary')).json();
    expect(keys.licensingIds).toEqual([]);
    expect(keys.rows).toEqual([]);
    const fabrikam = (await t.as(sessions.get('fabrikam')).get('/license-summary')).json();
    expect(fabrikam.rows).toEqual([]);
    expect((await t.as(sessions.get('fabrikam')).get(`/license-summary?licensingId=${ids['67012345']}`)).statusCode).toBe(404);
  });

  it('R-LIC-3: an order line counts from its coverage start; an Open License line at once', async () => {
    await ingest({
      orderNumber: 'FUT-EA-1',
      orderDate: '2026-02-25',
      licensingId: { program: 'ENTERPRISE', number: '67012345' },
      lines: [{ product: 'SRV-STD-2022', licenseType: 'FULL', quantity: 6, coverageStart: '2026-04-01' }],
    });
    await ingest({
      orderNumber: 'FUT-OL-1',
      orderDate: '2026-02-25',
      licensingId: { program: 'OPEN_LICENSE', number: 'V1234567' },
      lines: [{ product: 'MAIL-STD-2019', licenseType: 'FULL', quantity: 3, coverageStart: '2026-04-01' }],
    });
    const now = (await t.as(sessions.get('admin')).get('/license-summary')).json();
    expect(find(now.rows, 'Server', '2022')).toMatchObject({ effectiveQuantity: 8 });
    expect(find(now.rows, 'Mail Server', '2019')).toMatchObject({ effectiveQuantity: 5 });
    await travel('2026-04-01T00:00:00Z');
    try {
      const later = (await t.as(sessions.get('admin')).get('/license-summary')).json();
      expect(find(later.rows, 'Server', '2022')).toMatchObject({ effectiveQuantity: 14 });
    } finally {
      await travel('2026-03-01T09:00:00Z');
    }
  });

  it('R-LIC-7: each Licensing ID carries its expiry notice (Expiring soon within 90 days, red within 30)', async () => {
    await travel('2027-04-15T09:00:00Z');
    try {
      const body = (await t.as(sessions.get('admin')).get('/license-summary')).json();
      const notice = (n: string) => body.licensingIds.find((l: { number: string }) => l.number === n)?.expiry;
      expect(notice('67012345')).toEqual({ notice: 'EXPIRING_SOON', daysLeft: 76 });
      expect(notice('V1234567')).toEqual({ notice: 'EXPIRED', daysLeft: -46 });
      expect(notice('8765-4321')).toEqual({ notice: 'NONE', daysLeft: null });
    } finally {
      await travel('2026-03-01T09:00:00Z');
    }
  });

  it('R-LIC-2: Maintenance and Upgrade Advantage beyond the qualifying full licenses are Unresolved, never Active SA', async () => {
    const fabrikam = { program: 'ENTERPRISE', number: '67099999' };
    const coverage = { coverageStart: '2026-01-01', coverageEnd: '2028-12-31' };
    await ingest({
      orderNumber: 'FAB-LIC2-1',
      orderDate: '2026-01-01',
      licensingId: fabrikam,
      lines: [
        { product: 'SRV-STD-2019', licenseType: 'FULL', quantity: 10, coverageStart: '2026-01-01' },
        { product: 'SRV-STD-2022', licenseType: 'MAINTENANCE', quantity: 6, ...coverage },
        { product: 'SRV-STD-2022', licenseType: 'UPGRADE_ADVANTAGE', quantity: 7, ...coverage },
      ],
    });
    const body = (await t.as(sessions.get('fabrikam')).get('/license-summary')).json();
    expect(find(body.rows, 'Server', '2019')).toMatchObject({ effectiveQuantity: 10, unresolvedQuantity: 0 });
    expect(find(body.rows, 'Server', '2022')).toMatchObject({
      effectiveQuantity: 0,
      activeSaQuantity: 0,
      unresolvedQuantity: 3,
      purchased: { MAINTENANCE: 6, UPGRADE_ADVANTAGE: 7 },
    });
    expect(body.totals).toMatchObject({ activeSaQuantity: 0, unresolvedQuantity: 3 });
  });

  it('R-LIC-2: the positions-based aggregate equals the pure rules over the very lines, for random orders and days', async () => {
    const db = t.database.db;
    const products = (
      await db.execute<{ code: string; id: string; version: string; family_id: string; family: string; pool: string }>(sql`
      select p.code, p.id, p.version, p.family_id, f.name as family, p.pool from product p join product_family f on f.id = p.family_id
      where f.name in ('Northwind Office', 'Northwind Server')`)
    ).rows;
    const targets = [
      { program: 'SELECT_PLUS', number: '8765-4321' },
      { program: 'OPEN_LICENSE', number: 'V1234567' },
      { program: 'OPEN_VALUE', number: 'V9876543' },
    ];
    const day = fc.integer({ min: 0, max: 2400 }).map((n) => new Date(Date.UTC(2022, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const lineArb = fc.record({
      product: fc.constantFrom(...products.map((p) => p.code)),
      licenseType: fc.constantFrom(...LICENSE_TYPES),
      quantity: fc.integer({ min: 1, max: 90 }),
      coverageStart: day,
      days: fc.integer({ min: 0, max: 1100 }),
      grant: fc.boolean(),
    });
    const orders = fc.sample(
      fc.record({ target: fc.constantFrom(...targets), lines: fc.array(lineArb, { minLength: 1, maxLength: 12 }) }),
      {
        numRuns: 25,
        seed: 4242,
      },
    );
    const received = '2026-03-01';
    const expectedLines: (SummaryLine & { lid: string })[] = [];
    for (const [i, o] of orders.entries()) {
      const lines = o.lines.map((l) => ({
        product: l.product,
        licenseType: l.licenseType,
        quantity: l.quantity,
        coverageStart: l.coverageStart,
        coverageEnd: new Date(Date.parse(`${l.coverageStart}T00:00:00Z`) + l.days * 86_400_000).toISOString().slice(0, 10),
        grant: l.grant,
      }));
      await ingest({ orderNumber: `RND-${i}`, orderDate: '2026-02-01', licensingId: o.target, lines });
      for (const l of lines) {
        const p = products.find((x) => x.code === l.product);
        if (!p) throw new Error('product');
        expectedLines.push({
          lid: o.target.number,
          familyId: p.family_id,
          family: p.family,
          version: p.version,
          pool: p.pool as SummaryLine['pool'],
          licenseType: l.licenseType,
          quantity: l.quantity,
          coverageStart: l.coverageStart,
          coverageEnd: l.coverageEnd,
          countsFrom: countsFrom(o.target.program, l.coverageStart, received),
          isGrant: l.grant,
        });
      }
    }
    // The demo orders on these Licensing IDs count too.
    const demo = (
      await db.execute<{ number: string } & Record<string, string | number | boolean | null>>(sql`
      select l.number, p.family_id, f.name as family, p.version, p.pool, ol.license_type, ol.quantity, ol.coverage_start, ol.coverage_end,
        ol.counts_from, ol.is_grant
      from order_line ol join licensing_id l on l.id = ol.licensing_id join license_order o on o.id = ol.order_id
      join product p on p.id = ol.product_id join product_family f on f.id = p.family_id
      where l.number in ('8765-4321', 'V1234567', 'V9876543') and o.order_number not like 'RND-%'`)
    ).rows;
    for (const d of demo) {
      expectedLines.push({
        lid: d.number,
        familyId: String(d.family_id),
        family: String(d.family),
        version: String(d.version),
        pool: d.pool as SummaryLine['pool'],
        licenseType: d.license_type as SummaryLine['licenseType'],
        quantity: Number(d.quantity),
        coverageStart: String(d.coverage_start),
        coverageEnd: d.coverage_end === null ? null : String(d.coverage_end),
        countsFrom: String(d.counts_from),
        isGrant: Boolean(d.is_grant),
      });
    }
    const chosen = targets.map((x) => ids[x.number]).join('&licensingId=');
    const members = (
      await db.execute<{ id: string; organizationId: string }>(sql`select id, organization_id as "organizationId" from licensing_id`)
    ).rows;
    const contoso = members.find((m) => m.id === ids['67012345'])?.organizationId ?? '';
    // Back to the day the other tests live on even when this one fails, so that its failure stays its own.
    try {
      for (const today of ['2022-06-30', '2023-12-31', '2025-01-01', '2026-03-01', '2027-06-30', '2029-01-01']) {
        await travel(`${today}T12:00:00Z`);
        const api = (await t.as(sessions.get('admin')).get(`/license-summary?licensingId=${chosen}`)).json();
        const expected = summarize(bucketLines(expectedLines, today));
        expect(api.rows, today).toEqual(expected);
        const lids = targets.map((x) => ids[x.number] ?? '');
        const chosenWithOrg = lids.map((id) => ({ id, organizationId: contoso }));
        const whole = planScope(chosenWithOrg, members);
        // Three of Contoso's five: its total less the other two. One by one must agree.
        expect(whole).toMatchObject({ wholeOrganizations: [contoso], direct: [] });
        expect(whole.excluded).toHaveLength(2);
        const viaLines = (await db.execute(licenseSummaryFromLines(lids, today))).rows.filter((r) => Number(r.quantity) > 0);
        const norm = (rows: Record<string, unknown>[]) =>
          rows.map((r) => `${r.product_id}/${r.license_type}/${r.is_grant}/${Number(r.quantity)}/${Number(r.active_quantity)}`).sort();
        for (const scope of [whole, planScope(chosenWithOrg, [])]) {
          expect(norm((await db.execute(licenseSummaryAggregate(scope, today))).rows), today).toEqual(norm(viaLines));
        }
      }
    } finally {
      await travel('2026-03-01T09:00:00Z');
    }
  }, 120_000); // 25 random orders through the API, then six days: seconds alone, more with files side by side

  describe('exports', () => {
    it('R-LIC-1: CSV, streamed, headings in the user’s language, grants marked with an asterisk (R-LIC-5)', async () => {
      const res = await t.as(sessions.get('admin')).get('/license-summary/export?format=csv');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="license-summary-2026-03-01.csv"');
      const lines = res.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe(
        'License pool,Product family,Version,Effective Quantity,Active SA Quantity,Unresolved Quantity,Grant,Full,Upgrade,L&SA,SA,SA Step-Up,Subscription,Maintenance,Upgrade Advantage',
      );
      const json = (await t.as(sessions.get('admin')).get('/license-summary')).json();
      expect(lines).toHaveLength(json.rows.length + 1);
      expect(lines).toContain('Servers,Northwind Chat Server,2019,2,0,0,*,2,0,0,0,0,0,0,0');
      expect(lines).toContain('Systems,Northwind Desktop OS,11,0,0,300,,0,300,0,0,0,0,0,0');
      const sv = await t.as(sessions.get('viewer')).get('/license-summary/export');
      expect(sv.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toContain('Produktfamilj,Version,Effektivt antal');
    });

    it('R-LIC-1: an Excel workbook with the same rows and the totals', async () => {
      const res = await t.as(sessions.get('admin')).get('/license-summary/export?format=xlsx');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const ExcelJS = (await import('exceljs')).default;
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('License Summary');
      const values: unknown[][] = [];
      sheet?.eachRow((r) => {
        values.push((r.values as unknown[]).slice(1));
      });
      const json = (await t.as(sessions.get('admin')).get('/license-summary')).json();
      expect(values.find((v) => v[1] === 'Northwind Desktop OS')).toEqual([
        'Systems',
        'Northwind Desktop OS',
        '11',
        0,
        0,
        300,
        undefined, // no grant: an empty cell, not an empty string (R-REP-4)
        0,
        300,
        0,
        0,
        0,
        0,
        0,
        0,
      ]);
      expect(values.find((v) => v[0] === 'Total')?.slice(3, 6)).toEqual([
        json.totals.effectiveQuantity,
        json.totals.activeSaQuantity,
        json.totals.unresolvedQuantity,
      ]);
    });

    it('exports only what the user may see', async () => {
      const res = await t.as(sessions.get('viewer')).get(`/license-summary/export?licensingId=${ids['8765-4321']}`);
      expect(res.statusCode).toBe(404);
      const keys = await t.as(sessions.get('keys')).get('/license-summary/export');
      expect(
        keys.body
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\r\n'),
      ).toHaveLength(1);
    });
  });
});
