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
    expect((await ids('sa')).sort()).toEqual(['home-use-program', 'planning-services', 'support-24x7-phone', 'support-24x7-web', 'training-vouchers']);
    expect((await as('sa').post('/reports/agreements/run', {})).json().code).toBe('REPORT_UNKNOWN');
    // A viewer of one Licensing ID sees that ID's rows and no other's.
    const viewer = await run('viewer', 'licenses-and-services');
    expect(viewer.rows.length).toBeGreaterThan(0);
    expect(new Set(viewer.rows.map((r) => r.licensingId))).toEqual(new Set(['67012345']));
    const admin = await run('admin', 'licenses-and-services');
    expect(admin.total).toBeGreaterThanOrEqual(viewer.total);
  });

  it('R-REP-1: another organization’s data never appears, in any report', async () => {
    const foreign = (await t.database.db.execute<{ number: string }>(sql`
      select l.number from licensing_id l join organization o on o.id = l.organization_id where o.name = 'Fabrikam Inc'`)).rows.map(
      (r) => r.number,
    );
    expect(foreign.length).toBeGreaterThan(0);
    for (const id of ALL_REPORTS) {
      const r = await run('admin', id);
      for (const row of r.rows) expect(foreign).not.toContain(row.licensingId);
    }
    const fab = await run('fabrikam', 'agreements');
    for (const row of fab.rows) expect(foreign).toContain(row.licensingId);
  });
});
