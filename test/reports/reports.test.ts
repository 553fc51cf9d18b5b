import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { type Session, signIn } from '../helpers/session.js';

describe('Licensing Information reports (R-REL-4, R-REL-5)', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const sessions = new Map<string, Session>();
  beforeAll(async () => {
    t = await createTestApp({ clock: fixedClock('2026-03-01T09:00:00Z') });
    const db = t.database.db;
    // A participating affiliate beside the demo's lead affiliate, under the same Select Plus agreement.
    await db.execute(sql`
      insert into licensing_id (organization_id, program_code, parent_agreement_id, kind, number, name, start_date, affiliate_role)
      select organization_id, program_code, parent_agreement_id, kind, '8765-9999', 'Contoso Norway (participating affiliate)', '2022-01-01', 'PARTICIPATING'
      from licensing_id where number = '8765-4321'`);
    for (const r of (await db.execute<{ number: string; id: string }>(sql`select number, id from licensing_id`)).rows) ids[r.number] = r.id;
    for (const who of ['admin', 'viewer', 'keys']) sessions.set(who, await signIn(t.app, `${who}@contoso.example`));
    const affiliate = await t.given.signedIn('affiliate@contoso.example', {
      firstName: 'Nora',
      lastName: 'Dahl',
      grants: [{ on: '8765-9999', roles: ['LICENSING_INFO_VIEWER'] }],
    });
    sessions.set('affiliate', affiliate.session);
  });
  afterAll(() => t.close());

  const report = (who: string, number: string, kind = 'report') => t.as(sessions.get(who)).get(`/licensing-ids/${ids[number]}/${kind}`);

  it('R-REL-4: Licensing ID details: contacts with the Channel Partner (R-REL-6), related licenses, orders, order details, purchase history', async () => {
    const res = await report('admin', '67012345');
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.licensingId).toMatchObject({
      number: '67012345',
      programCode: 'ENTERPRISE',
      parent: { number: '01E73628-EA' },
      mbsa: { number: '01E73628' },
      roles: expect.arrayContaining(['ADMINISTRATOR']),
      expiry: { notice: 'NONE', daysLeft: 486 },
    });
    expect(r.contacts.map((c: { type: string }) => c.type)).toEqual(
      expect.arrayContaining(['NOTICES_CORRESPONDENT', 'PRIMARY_CONTACT', 'CHANNEL_PARTNER', 'ONLINE_SERVICES_MANAGER']),
    );
    expect(r.channelPartner).toEqual({ name: 'Adatum Licensing Partners', email: 'orders@adatum-partners.example' });
    expect(r.relatedLicenses.visible).toBe(true);
    expect(r.relatedLicenses.rows.find((x: { family: string }) => x.family === 'Northwind Desktop OS')).toMatchObject({
      unresolvedQuantity: 300,
    });
    // R-LIC-5: the grant is marked in the Relationship Summary's reports too.
    expect(r.relatedLicenses.rows.find((x: { family: string }) => x.family === 'Northwind Chat Server')).toMatchObject({ granted: true });
    expect(r.orders).toMatchObject({
      visible: true,
      items: [
        { orderNumber: 'EA-2025-TU01', lineCount: 1 },
        { orderNumber: 'EA-2024-0002', lineCount: 2, totalQuantity: 7 },
        { orderNumber: 'EA-2024-0001', lineCount: 7, totalQuantity: 1112 },
      ],
    });
    expect(r.orderDetails.visible).toBe(true);
    expect(r.orderDetails.truncated).toBe(false);
    expect(r.orderDetails.items).toHaveLength(10);
    expect(r.orderDetails.items.find((l: { product: { code: string } }) => l.product.code === 'CHAT-STD-2019')).toMatchObject({
      grant: true,
      line: 5,
    });
    expect(r.purchaseHistory.items.find((h: { product: { code: string } }) => h.product.code === 'OFF-PP-2024')).toMatchObject({
      licenseType: 'LSA',
      quantity: 270,
      orderCount: 2,
      firstOrderDate: '2024-06-25',
      lastOrderDate: '2025-06-20',
    });
    expect(r.affiliates).toBeNull();
    expect(r.reports).toEqual({ parent: { offered: true, visible: true }, mbsa: { offered: true, visible: true } });
  });

  it('R-REL-5: sections that need reports.view are dimmed for other roles: { visible: false } and none of their data', async () => {
    const res = await report('keys', '67012345');
    expect(res.statusCode).toBe(200);
    const r = res.json();
    for (const s of ['relatedLicenses', 'orders', 'orderDetails', 'purchaseHistory']) expect(r[s]).toEqual({ visible: false });
    expect(r.reports).toEqual({ parent: { offered: true, visible: false }, mbsa: { offered: true, visible: false } });
    expect(res.body).not.toContain('EA-2024-0001');
    expect(res.body).not.toContain('OFF-PP-2024');
    expect((await report('keys', '67012345', 'parent-report')).statusCode).toBe(403);
    expect((await report('keys', '67012345', 'mbsa-report')).statusCode).toBe(403);
  });

  it('R-REL-4 / R-REL-5: Parent Program details list the organization’s Licensing IDs under it, the ones the user may not see dimmed', async () => {
    const admin = (await report('admin', '67012345', 'parent-report')).json();
    expect(admin.agreement).toMatchObject({ number: '01E73628-EA', programCode: 'ENTERPRISE' });
    expect(admin.licensingIds.map((l: { number?: string }) => l.number)).toEqual(['54011111', '67012345']);
    const viewer = await report('viewer', '67012345', 'parent-report');
    expect(viewer.statusCode).toBe(200);
    expect(viewer.json().licensingIds).toEqual([expect.objectContaining({ visible: true, number: '67012345' }), { visible: false }]);
    expect(viewer.body).not.toContain('54011111');
    expect(viewer.body).not.toContain(ids['54011111']);
  });

  it('R-REL-4: MBSA details list its parent agreements and their Licensing IDs', async () => {
    const res = await report('admin', '67012345', 'mbsa-report');
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.mbsa.number).toBe('01E73628');
    expect(r.contacts).toEqual([{ type: 'NOTICES_CORRESPONDENT', name: 'Anna Lind', email: 'admin@contoso.example' }]);
    expect(r.parents.map((p: { agreement: { number: string } }) => p.agreement.number)).toEqual(['01E73628-EA', '4455-SP']);
    const sp = r.parents[1].licensingIds;
    // The admin holds no role on the participating affiliate: seen from the enrollment it stays dimmed (only the lead's reports show it).
    expect(sp.map((l: { number?: string; visible: boolean }) => l.number ?? l.visible)).toEqual(['8765-4321', false]);
  });

  it('R-REL-2: the MBSA report is not offered for Open programs (409 MBSA_REPORT_NOT_OFFERED), nor a parent report without a parent', async () => {
    for (const number of ['V1234567', 'V9876543']) {
      const mbsa = await report('admin', number, 'mbsa-report');
      expect(mbsa.statusCode).toBe(409);
      expect(mbsa.json().code).toBe('MBSA_REPORT_NOT_OFFERED');
      const parent = await report('admin', number, 'parent-report');
      expect(parent.statusCode).toBe(409);
      expect(parent.json().code).toBe('PARENT_REPORT_NOT_OFFERED');
      expect((await report('admin', number)).json().reports).toEqual({
        parent: { offered: false, visible: true },
        mbsa: { offered: false, visible: true },
      });
      // The server says why, so the portal keeps no list of Open programs of its own.
      expect((await report('admin', number)).json().licensingId.openProgram).toBe(true);
    }
    expect((await report('admin', '67012345')).json().licensingId.openProgram).toBe(false);
  });

  it('R-REL-5: in Select Plus the lead affiliate sees every participating affiliate’s details; a participating one only its own', async () => {
    const lead = (await report('admin', '8765-4321')).json();
    expect(lead.licensingId.affiliateRole).toBe('LEAD');
    expect(lead.affiliates).toEqual({
      visible: true,
      items: [
        expect.objectContaining({ number: '8765-9999', name: 'Contoso Norway (participating affiliate)', affiliateRole: 'PARTICIPATING' }),
      ],
    });
    const leadParent = (await report('admin', '8765-4321', 'parent-report')).json();
    expect(leadParent.licensingIds.map((l: { number: string }) => l.number)).toEqual(['8765-4321', '8765-9999']);

    const participating = await report('affiliate', '8765-9999');
    expect(participating.statusCode).toBe(200);
    expect(participating.json().affiliates).toEqual({ visible: false });
    const parent = await report('affiliate', '8765-9999', 'parent-report');
    expect(parent.json().licensingIds).toEqual([expect.objectContaining({ number: '8765-9999', visible: true }), { visible: false }]);
    expect(parent.body).not.toContain('8765-4321');
    expect((await report('affiliate', '8765-4321')).statusCode).toBe(403);
  });

  it('another organization’s Licensing ID answers 404 on every report', async () => {
    const fabrikam = (await t.database.db.execute<{ id: string }>(sql`select id from licensing_id where number = '67099999'`)).rows[0]?.id;
    for (const kind of ['report', 'parent-report', 'mbsa-report']) {
      const res = await t.as(sessions.get('admin')).get(`/licensing-ids/${fabrikam}/${kind}`);
      expect(res.statusCode).toBe(404);
    }
  });
});
