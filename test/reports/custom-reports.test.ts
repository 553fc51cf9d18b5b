import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

describe('Custom reports (R-REP-3)', () => {
  let t: TestApp;
  let admin: Session;
  let other: Session;
  beforeAll(async () => {
    t = await createTestApp({ clock: fixedClock('2026-03-01T09:00:00Z') });
    admin = await signIn(t.app, 'admin@contoso.example');
    other = (await t.given.signedIn('rep-other@contoso.example', { grants: [{ on: '67012345', roles: ['ADMINISTRATOR'] }] })).session;
  });
  afterAll(() => t.close());

  const body = {
    baseReport: 'packages-and-products',
    name: 'EA 2024 lines',
    description: 'The first enrollment order',
    filters: { orderNumber: 'EA-2024-0001', licenseType: '' },
    columns: ['quantity', 'licensingId', 'orderNumber', 'productName'],
  };

  it('R-REP-3: a custom report is saved with its query and chosen columns, listed, viewed, exported, renamed and removed (audited)', async () => {
    const created = await t.as(admin).post('/custom-reports', body);
    expect(created.statusCode, created.body).toBe(201);
    const saved = created.json();
    // Columns in the report's order; empty filters are not kept.
    expect(saved).toMatchObject({
      baseReport: 'packages-and-products',
      name: 'EA 2024 lines',
      filters: { orderNumber: 'EA-2024-0001' },
      columns: ['licensingId', 'orderNumber', 'productName', 'quantity'],
    });
    const list = (await t.as(admin).get('/custom-reports')).json().items;
    expect(list.map((r: { id: string }) => r.id)).toContain(saved.id);

    const ran = await t.as(admin).post(`/custom-reports/${saved.id}/run`, { limit: 100 });
    expect(ran.statusCode, ran.body).toBe(200);
    const result = ran.json();
    expect(result.columns.map((c: { id: string }) => c.id)).toEqual(['licensingId', 'orderNumber', 'productName', 'quantity']);
    expect(result.total).toBeGreaterThan(0);
    expect(result.rows.every((r: { orderNumber: string }) => r.orderNumber === 'EA-2024-0001')).toBe(true);

    const csv = await t.as(admin).get(`/custom-reports/${saved.id}/export?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="ea-2024-lines.csv"');
    expect(csv.headers['x-report-truncated']).toBe('false');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Licensing ID,Order number,Product,Quantity');
    expect(lines).toHaveLength(result.total + 1);
    const xlsx = await t.as(admin).get(`/custom-reports/${saved.id}/export?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

    const renamed = await t.as(admin).patch(`/custom-reports/${saved.id}`, { name: 'Renamed', description: null });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Renamed', description: null });

    const removed = await t.as(admin).delete(`/custom-reports/${saved.id}`);
    expect(removed.statusCode).toBe(204);
    expect((await t.as(admin).get(`/custom-reports/${saved.id}`)).statusCode).toBe(404);
    const actions = (
      await t.database.db.execute<{ action: string }>(sql`select action from audit_log where target_id = ${saved.id} order by at, action`)
    ).rows.map((r) => r.action);
    expect(actions.sort()).toEqual(['custom-report.create', 'custom-report.delete', 'custom-report.update']);
  });

  it('R-REP-3: required columns cannot be removed; unknown columns, filters and values are refused; nothing is saved', async () => {
    const refuse = async (payload: object, status: number, code: string) => {
      const res = await t.as(admin).post('/custom-reports', { ...body, name: `Refused ${code}`, ...payload });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().code).toBe(code);
    };
    await refuse({ columns: ['licensingId', 'quantity'] }, 400, 'REPORT_REQUIRED_COLUMN');
    await refuse({ columns: ['licensingId', 'orderNumber', 'bogus'] }, 400, 'REPORT_UNKNOWN_COLUMN');
    await refuse({ filters: { bogus: '1' } }, 400, 'REPORT_UNKNOWN_FILTER');
    await refuse({ filters: { orderDate: 'yesterday' } }, 400, 'REPORT_FILTER_INVALID');
    await refuse({ baseReport: 'no-such-report' }, 404, 'REPORT_UNKNOWN');
    await refuse({ name: '' }, 400, 'VALIDATION_FAILED');
    await refuse({ name: 'x'.repeat(101) }, 400, 'VALIDATION_FAILED');
    const names = (await t.as(admin).get('/custom-reports')).json().items.map((r: { name: string }) => r.name);
    expect(names.filter((n: string) => n.startsWith('Refused'))).toEqual([]);

    const kept = await t.as(admin).post('/custom-reports', { ...body, name: 'Kept' });
    expect(kept.statusCode).toBe(201);
    const id = kept.json().id;
    const patched = await t.as(admin).patch(`/custom-reports/${id}`, { columns: ['productName'] });
    expect(patched.json().code).toBe('REPORT_REQUIRED_COLUMN');
    // The name is unique per owner (whatever its case); another user may use it.
    expect((await t.as(admin).post('/custom-reports', { ...body, name: 'KEPT' })).json().code).toBe('CUSTOM_REPORT_NAME_TAKEN');
    expect((await t.as(other).post('/custom-reports', { ...body, name: 'Kept' })).statusCode).toBe(201);
  });

  it('R-REP-3: another user’s custom report is 404 to every route', async () => {
    const mine = (await t.as(admin).post('/custom-reports', { ...body, name: 'Mine alone' })).json();
    const calls = [
      t.as(other).get(`/custom-reports/${mine.id}`),
      t.as(other).patch(`/custom-reports/${mine.id}`, { name: 'Taken over' }),
      t.as(other).post(`/custom-reports/${mine.id}/run`, {}),
      t.as(other).get(`/custom-reports/${mine.id}/export?format=xlsx`),
      t.as(other).delete(`/custom-reports/${mine.id}`),
    ];
    for (const res of await Promise.all(calls)) expect(res.statusCode).toBe(404);
    const theirs = (await t.as(other).get('/custom-reports')).json().items.map((r: { id: string }) => r.id);
    expect(theirs).not.toContain(mine.id);
    expect((await t.as(admin).get(`/custom-reports/${mine.id}`)).json().name).toBe('Mine alone');
  });
});
