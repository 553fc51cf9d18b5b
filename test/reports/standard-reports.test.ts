import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

type Json = Record<string, unknown>;
type Result = { columns: { id: string }[]; rows: Json[]; total: number; truncated: boolean; nextCursor: string | null };

const ALL_REPORTS = [
  'agreements',
  'agreement-offers',
  'licenses-and-services',
  'online-services-renewals',
  'packages-and-products',
  'unpaid-online-services-reconciliation',
  'support-24x7-phone',
  'support-24x7-web',
  'home-use-program',
  'planning-services',
  'training-vouchers',
];

describe('Standard reports (R-REP-1, R-REP-2, R-REP-4)', () => {
  let t: TestApp;
  const who = new Map<string, Session>();
  beforeAll(async () => {
    t = await createTestApp({ clock: fixedClock('2026-03-01T09:00:00Z') });
    who.set('admin', await signIn(t.app, 'admin@contoso.example'));
    const grants = {
      viewer: ['LICENSING_INFO_VIEWER'],
      download: ['DOWNLOAD'],
      sa: ['SA_MANAGER'],
    } as const;
    for (const [name, roles] of Object.entries(grants)) {
      const u = await t.given.signedIn(`rep-${name}@contoso.example`, { grants: [{ on: '67012345', roles }] });
      who.set(name, u.session);
    }
    const fab = await t.given.signedIn('rep-fabrikam@fabrikam.example', {
      organization: 'Fabrikam Inc',
      grants: [{ on: '67099999', roles: ['ADMINISTRATOR'] }],
    });
    who.set('fabrikam', fab.session);
  });
  afterAll(() => t.close());

  const as = (name: string) => t.as(who.get(name));
  const run = async (name: string, report: string, body: Json = {}) => {
    const res = await as(name).post(`/reports/${report}/run`, { limit: 500, ...body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Result;
  };

  it('R-REP-1: the catalogue lists the eleven reports in the four groups for an Administrator', async () => {
    const res = await as('admin').get('/reports');
    expect(res.statusCode, res.body).toBe(200);
    const groups = res.json().groups as { group: string; reports: { id: string; columns: Json[]; filters: Json[] }[] }[];
    expect(groups.map((g) => g.group)).toEqual(['AGREEMENTS', 'LICENSES_AND_SERVICES', 'ORDERS_AND_INVOICES', 'SA_BENEFITS']);
    expect(groups.flatMap((g) => g.reports.map((r) => r.id)).sort()).toEqual([...ALL_REPORTS].sort());
    for (const r of groups.flatMap((g) => g.reports)) {
      expect(r.columns.some((c) => c.required)).toBe(true);
      expect(r.filters.some((f) => f.primary)).toBe(true);
    }
    // Every report runs for the Administrator, with data or with none (never a stub row).
    for (const id of ALL_REPORTS) {
      const r = await run('admin', id);
      expect(r.total).toBe(r.rows.length);
    }
  });

  it('R-REP-1: each report shows only what the user’s roles cover', async () => {
    const ids = async (name: string) =>
      ((await as(name).get('/reports')).json().groups as { reports: { id: string }[] }[]).flatMap((g) => g.reports.map((r) => r.id));
    // DOWNLOAD alone covers no report: none listed, and running one is as for a report that does not exist.
    expect(await ids('download')).toEqual([]);
    const refused = await as('download').post('/reports/licenses-and-services/run', {});
    expect(refused.statusCode).toBe(404);
    expect(refused.json().code).toBe('REPORT_UNKNOWN');
    // The SA Manager has sa.view, not reports.view: the benefit reports only.
    expect((await ids('sa')).sort()).toEqual([
      'home-use-program',
      'planning-services',
      'support-24x7-phone',
      'support-24x7-web',
      'training-vouchers',
    ]);
    expect((await as('sa').post('/reports/agreements/run', {})).json().code).toBe('REPORT_UNKNOWN');
    // A viewer of one Licensing ID sees that ID's rows and no other's.
    const viewer = await run('viewer', 'licenses-and-services');
    expect(viewer.rows.length).toBeGreaterThan(0);
    expect(new Set(viewer.rows.map((r) => r.licensingId))).toEqual(new Set(['67012345']));
    const admin = await run('admin', 'licenses-and-services');
    expect(admin.total).toBeGreaterThanOrEqual(viewer.total);
  });

  it('R-REP-1: another organization’s data never appears, in any report', async () => {
    const foreign = (
      await t.database.db.execute<{ number: string }>(sql`
      select l.number from licensing_id l join organization o on o.id = l.organization_id where o.name = 'Fabrikam Inc'`)
    ).rows.map((r) => r.number);
    expect(foreign.length).toBeGreaterThan(0);
    for (const id of ALL_REPORTS) {
      const r = await run('admin', id);
      for (const row of r.rows) expect(foreign).not.toContain(row.licensingId);
    }
    const fab = await run('fabrikam', 'agreements');
    for (const row of fab.rows) expect(foreign).toContain(row.licensingId);
  });

  it('R-REP-2: every filter of every report narrows the rows to those that match it, and any subset of filters combines', async () => {
    const catalogue = (await as('admin').get('/reports')).json().groups as {
      reports: { id: string; columns: { id: string }[]; filters: { id: string; type: string; primary: boolean }[] }[];
    }[];
    let tried = 0;
    for (const report of catalogue.flatMap((g) => g.reports)) {
      const columns = report.columns.map((c) => c.id);
      const all = await run('admin', report.id, { columns });
      const sample = all.rows[0];
      if (!sample) continue;
      const def = (await import('../../src/modules/reports/standard/catalogue.js')).reportById(report.id);
      const applied: Record<string, string> = {};
      for (const f of report.filters) {
        const column = def?.filters.find((x) => x.id === f.id)?.column ?? f.id;
        const v = sample[column];
        if (v === null || v === undefined || v === '') continue;
        const value = f.type === 'text' ? String(v).slice(1, 4) || String(v) : f.type === 'dateRange' ? `${v}..${v}` : String(v);
        const narrowed = await run('admin', report.id, { columns, filters: { [f.id]: value } });
        tried++;
        expect(narrowed.total, `${report.id} ${f.id}`).toBeGreaterThan(0);
        expect(narrowed.total).toBeLessThanOrEqual(all.total);
        for (const r of narrowed.rows) {
          if (f.type === 'text') expect(String(r[column]).toLowerCase()).toContain(value.toLowerCase());
          else expect(String(r[column])).toBe(String(v));
        }
        applied[f.id] = value;
        // The filters so far together: each row matches all of them (the sample row does).
        const together = await run('admin', report.id, { columns, filters: applied });
        expect(together.total).toBeGreaterThan(0);
        expect(together.total).toBeLessThanOrEqual(narrowed.total);
      }
    }
    expect(tried).toBeGreaterThan(10);
  });

  it('R-REP-2: order lines by order number, product, license type and order date (behind "Show more filters"); nothing matching is an empty result', async () => {
    const all = await run('admin', 'packages-and-products');
    expect(all.total).toBeGreaterThan(3);
    const one = await run('admin', 'packages-and-products', { filters: { orderNumber: 'EA-2024-0001' } });
    expect(one.total).toBeGreaterThan(0);
    expect(one.total).toBeLessThan(all.total);
    expect(one.rows.every((r) => r.orderNumber === 'EA-2024-0001')).toBe(true);
    const dated = await run('admin', 'packages-and-products', { filters: { orderDate: '2025-01-01..' } });
    expect(dated.rows.every((r) => String(r.orderDate) >= '2025-01-01')).toBe(true);
    const lsa = await run('admin', 'packages-and-products', { filters: { licenseType: 'LSA', orderNumber: '', product: '' } });
    expect(lsa.rows.every((r) => r.licenseType === 'LSA')).toBe(true);
    const none = await run('admin', 'packages-and-products', { filters: { orderNumber: 'NO-SUCH-ORDER' } });
    expect(none).toMatchObject({ rows: [], total: 0, truncated: false, nextCursor: null });
    // Wildcards are plain text: '%' matches only a '%'.
    expect((await run('admin', 'packages-and-products', { filters: { orderNumber: '%' } })).total).toBe(0);
  });

  it('R-REP-2: pages of a run follow each other by cursor, in a stable order', async () => {
    const all = await run('admin', 'licenses-and-services');
    const first = await run('admin', 'licenses-and-services', { limit: 2 });
    expect(first.rows).toEqual(all.rows.slice(0, 2));
    expect(first.nextCursor).not.toBeNull();
    const second = await run('admin', 'licenses-and-services', { limit: 2, cursor: first.nextCursor });
    expect(second.rows).toEqual(all.rows.slice(2, 4));
  });

  it('bad input: unknown report, column or filter, a bad filter value, NUL: a stable code, never a 5xx', async () => {
    const post = (report: string, body: Json) => as('admin').post(`/reports/${report}/run`, body);
    const cases: [string, Json, number, string][] = [
      ['no-such-report', {}, 404, 'REPORT_UNKNOWN'],
      ['agreements', { columns: ['nope'] }, 400, 'REPORT_UNKNOWN_COLUMN'],
      ['agreements', { filters: { nope: 'x' } }, 400, 'REPORT_UNKNOWN_FILTER'],
      ['agreements', { filters: { status: 'SOMETIMES' } }, 400, 'REPORT_FILTER_INVALID'],
      ['agreements', { filters: { endDate: '2026-13-01..' } }, 400, 'REPORT_FILTER_INVALID'],
      ['agreements', { filters: { endDate: '2027-01-01..2026-01-01' } }, 400, 'REPORT_FILTER_INVALID'],
      ['agreements', { filters: { contactName: 'a\u0000b' } }, 400, 'INVALID_CHARACTERS'],
      ['agreements', { cursor: 'forged' }, 400, 'INVALID_CURSOR'],
    ];
    for (const [report, body, status, code] of cases) {
      const res = await post(report, body);
      expect(res.statusCode, `${report} ${JSON.stringify(body)} ${res.body}`).toBe(status);
      if (code) expect(res.json().code).toBe(code);
    }
    const exp = await as('admin').get('/reports/agreements/export?format=csv&nope=1');
    expect(exp.statusCode).toBe(400);
    expect(exp.json().code).toBe('REPORT_UNKNOWN_FILTER');
    const twice = await as('admin').get('/reports/agreements/export?format=csv&status=ACTIVE&status=EXPIRED');
    expect(twice.statusCode).toBe(400);
    const cols = await as('admin').get('/reports/agreements/export?format=csv&columns=agreementNumber,bogus');
    expect(cols.json().code).toBe('REPORT_UNKNOWN_COLUMN');
  });
});
