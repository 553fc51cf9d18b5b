import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash, type OrderInput } from '../../src/modules/orders/rules.js';
import { fixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { openedInLibreOffice, trimmed } from '../helpers/libreoffice.js';
import { type Session, signIn } from '../helpers/session.js';

type Account = { id: string; number: string };
type OrderRow = { orderNumber: string; orderType: string; poNumber: string | null; licensingId: { number: string } };

const lsa = (quantity: number) => ({
  product: 'OFF-PP-2024',
  licenseType: 'LSA',
  quantity,
  coverageStart: '2026-03-01',
  coverageEnd: '2027-06-30',
});
const service = (product: string, quantity: number) => ({
  product,
  licenseType: 'ONLINE_SERVICE',
  quantity,
  coverageStart: '2026-03-01',
  coverageEnd: '2027-06-30',
});

describe('Business-center order history (R-BC-4), inventory and self-provisioning (R-BC-5, R-BC-6)', () => {
  let t: TestApp;
  let operator: Session;
  let admin: Session;
  let hq: Account;
  let nordics: Account;
  let fabrikam: Account;
  const clock = fixedClock('2026-03-01T09:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({ clock });
    operator = await signIn(t.app, 'operator@northwind.example');
    admin = await signIn(t.app, 'admin@contoso.example');
    [hq, nordics] = (await t.as(admin).get('/purchasing-accounts')).json().accounts as [Account, Account];
    fabrikam = (await t.as(await signIn(t.app, 'admin@fabrikam.example')).get('/purchasing-accounts')).json().accounts[0] as Account;
    const ingest = async (body: object) => expect((await t.as(operator).post('/operator/orders', body)).statusCode).toBe(201);
    const enrollment = { program: 'ENTERPRISE', number: '67012345' };
    await ingest({
      orderNumber: 'BC3-A',
      orderDate: '2026-01-10',
      licensingId: enrollment,
      lines: [lsa(5)],
      orderType: 'ADD_ON',
      orderingParty: 'Adatum Licensing Partners',
      poNumber: '0012',
      poStatus: 'INVOICED',
    });
    await ingest({
      orderNumber: 'BC3-B',
      orderDate: '2026-02-15',
      licensingId: enrollment,
      lines: [lsa(7)],
      orderType: 'RENEWAL',
      orderingParty: 'Other Reseller AB',
      poStatus: 'CLOSED',
    });
    // Another organization's account, with the very same facts: never in Contoso's history.
    await ingest({
      orderNumber: 'BC3-F',
      orderDate: '2026-01-10',
      licensingId: { program: 'ENTERPRISE', number: '67099999' },
      lines: [lsa(5)],
      orderType: 'ADD_ON',
      orderingParty: 'Adatum Licensing Partners',
      poNumber: '0012',
      poStatus: 'INVOICED',
    });
  });
  afterAll(() => t.close());

  const numbers = async (query: string, account: Account = hq) => {
    const res = await t.as(admin).get(`/purchasing-accounts/${account.id}/orders?sort=orderNumber&${query}`);
    expect(res.statusCode).toBe(200);
    return (res.json().items as OrderRow[]).map((o) => o.orderNumber);
  };

  it('R-BC-4: the history lists the account’s orders only; another account’s orders never appear', async () => {
    const all = await numbers('');
    expect(all).toEqual(['BC3-A', 'BC3-B', 'EA-2021-0001', 'EA-2024-0001', 'EA-2024-0002', 'EA-2025-TU01', 'OV-2024-0015']);
    expect(all).not.toContain('BC3-F');
    expect(await numbers('', nordics)).not.toEqual(expect.arrayContaining(['BC3-A']));
    expect((await t.as(admin).get(`/purchasing-accounts/${fabrikam.id}/orders`)).statusCode).toBe(404);
  });

  it('R-BC-4: each of the seven filters narrows the list', async () => {
    expect(await numbers('from=2026-01-01&to=2026-01-31')).toEqual(['BC3-A']);
    expect(await numbers('orderType=RENEWAL')).toEqual(['BC3-B', 'EA-2024-0001']);
    expect(await numbers('orderingParty=other%20reseller')).toEqual(['BC3-B']);
    expect(await numbers('orderNumber=BC3-A')).toEqual(['BC3-A']);
    expect(await numbers('agreementNumber=54011111')).toEqual(['EA-2021-0001']);
    expect(await numbers('purchasingAccountNumber=71000101')).toHaveLength(7);
    expect(await numbers('purchasingAccountNumber=72000201')).toEqual([]);
    expect(await numbers('poStatus=CLOSED')).toEqual(['BC3-B', 'EA-2021-0001']);
    // Filters combine.
    expect(await numbers('poStatus=INVOICED&from=2025-01-01')).toEqual(['BC3-A']);
    const bad = await t.as(admin).get(`/purchasing-accounts/${hq.id}/orders?orderType=GIFT`);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
  });

  it('R-BC-4: pages by cursor in the order asked, newest first by default', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: OrderRow[]; next: string | null } = (
        await t.as(admin).get(`/purchasing-accounts/${hq.id}/orders?limit=4${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((o) => o.orderNumber));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(['BC3-B', 'BC3-A', 'EA-2025-TU01', 'EA-2024-0002', 'EA-2024-0001', 'OV-2024-0015', 'EA-2021-0001']);
    expect((await t.as(admin).get(`/purchasing-accounts/${hq.id}/orders?cursor=nonsense`)).json().code).toBe(
      'ORDER_HISTORY_CURSOR_INVALID',
    );
  });

  it('R-BC-4: the export opens in LibreOffice with order and purchase order numbers kept as text; CSV too', async () => {
    const xlsx = await t.as(admin).get(`/purchasing-accounts/${hq.id}/orders/export?format=xlsx&sort=orderNumber`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['order-history-truncated']).toBeUndefined();
    const { book = [] } = await openedInLibreOffice({ book: xlsx.rawPayload });
    const rows = book.map(trimmed);
    const header = rows.findIndex((r) => r[0] === 'Order number');
    expect(rows[header]).toEqual([
      'Order number',
      'Order date',
      'Order type',
      'Ordering party',
      'Agreement number',
      'Purchasing account number',
      'Purchase order number',
      'Purchase order status',
      'Lines',
      'Quantity',
    ]);
    const a = rows.find((r) => r[0] === 'BC3-A');
    expect(a).toEqual(['BC3-A', '2026-01-10', 'Add-on', 'Adatum Licensing Partners', '67012345', '71000101', '0012', 'Invoiced', '1', '5']);
    expect(rows.find((r) => r[0] === 'EA-2024-0002')?.[6]).toBe('00731');
    expect(rows.some((r) => r[0] === 'BC3-F')).toBe(false);

    const csv = await t.as(admin).get(`/purchasing-accounts/${hq.id}/orders/export?format=csv&orderNumber=BC3`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('BC3-A,2026-01-10,Add-on,Adatum Licensing Partners,67012345,71000101,0012,Invoiced,1,5');
    expect(csv.body).not.toContain('EA-2024');
  }, 120_000);

  it('R-BC-7: an order sent without the new fields keeps the hash it had; with them, they count', () => {
    const order: OrderInput = {
      orderNumber: 'X-1',
      orderDate: '2026-01-01',
      licensingId: { program: 'ENTERPRISE', number: '67012345' },
      lines: [{ line: 1, product: 'P', licenseType: 'FULL', quantity: 1, coverageStart: '2026-01-01', coverageEnd: null, grant: false }],
    };
    // The canonical form orders were hashed by before R-BC-4's fields existed.
    const legacy = createHash('sha256')
      .update(
        JSON.stringify({
          orderNumber: 'X-1',
          orderDate: '2026-01-01',
          licensingId: { program: 'ENTERPRISE', number: '67012345' },
          lines: [['P', 'FULL', 1, '2026-01-01', null, false]],
        }),
      )
      .digest('hex');
    expect(contentHash(order)).toBe(legacy);
    expect(contentHash({ ...order, poNumber: '0012' })).not.toBe(legacy);
    expect(contentHash({ ...order, poNumber: '0012' })).not.toBe(contentHash({ ...order, poNumber: '0013' }));
  });

  it('inventory: what the account holds, each with its next expiration and flag; expiring only on request', async () => {
    const res = await t.as(admin).get(`/purchasing-accounts/${hq.id}/inventory`);
    expect(res.statusCode).toBe(200);
    const inv = res.json() as {
      asOf: string;
      items: { product: { code: string }; licenseType: string; nextExpiration: string | null; expiry: { flag: string } }[];
    };
    expect(inv.asOf).toBe('2026-03-01');
    const mail = inv.items.find((i) => i.product.code === 'CLOUD-MAIL-P1' && i.licenseType === 'ONLINE_SERVICE');
    expect(mail).toMatchObject({ nextExpiration: '2027-06-30', expiry: { flag: 'NONE' } });
    const perpetual = inv.items.find((i) => i.licenseType === 'UPGRADE');
    expect(perpetual).toMatchObject({ nextExpiration: null, expiry: { flag: 'NONE' } });
    const expiring = (await t.as(admin).get(`/purchasing-accounts/${hq.id}/inventory?expiring=true`)).json().items as {
      expiry: { flag: string };
    }[];
    expect(expiring.every((i) => i.expiry.flag !== 'NONE')).toBe(true);
    expect((await t.as(admin).get(`/purchasing-accounts/${fabrikam.id}/inventory`)).statusCode).toBe(404);
  });

  describe('self-provisioning', () => {
    const count = async (q: ReturnType<typeof sql>) => Number((await t.database.db.execute<{ n: string }>(q)).rows[0]?.n ?? 0);
    const state = async () => ({
      requests: await count(sql`select count(*) as n from self_provisioning_request`),
      mails: await count(sql`select count(*) as n from outbox where template = 'selfProvisioningRequested'`),
      audit: await count(sql`select count(*) as n from audit_log where action like 'self-provisioning.%'`),
    });
    const plansOf = async () =>
      (await t.as(admin).get(`/purchasing-accounts/${hq.id}/online-service-plans`)).json().plans as {
        productId: string;
        code: string;
        todaysPrice: number;
        agreements: { number: string; unitPrice: number; licensingId: string; nextAnniversary: string }[];
      }[];

    it('R-BC-5: a quantity of zero or less, or no commitment, is refused and nothing changes', async () => {
      const [plan] = await plansOf();
      const lid = plan?.agreements.find((a) => a.number === '67012345')?.licensingId;
      const before = await state();
      for (const quantity of [0, -3]) {
        const res = await t.as(admin).post(`/purchasing-accounts/${hq.id}/self-provisioning`, {
          licensingId: lid,
          productId: plan?.productId,
          quantity,
          commitToOrder: true,
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('SELF_PROVISIONING_QUANTITY_INVALID');
      }
      const uncommitted = await t.as(admin).post(`/purchasing-accounts/${hq.id}/self-provisioning`, {
        licensingId: lid,
        productId: plan?.productId,
        quantity: 5,
        commitToOrder: false,
      });
      expect(uncommitted.json().code).toBe('SELF_PROVISIONING_COMMITMENT_REQUIRED');
      expect(await state()).toEqual(before);
      // An Account viewer may not set up services (account.manage).
      const viewer = await signIn(t.app, 'viewer@contoso.example');
      const refused = await t.as(viewer).post(`/purchasing-accounts/${hq.id}/self-provisioning`, {
        licensingId: lid,
        productId: plan?.productId,
        quantity: 5,
        commitToOrder: true,
      });
      expect(refused.statusCode).toBe(403);
      expect(await state()).toEqual(before);
    });

    it('R-BC-5, R-BC-6: request → partner mailed → the partner sees it → an order arrives → ORDERED; cancel before, not after', async () => {
      const plans = await plansOf();
      const p2 = plans.find((p) => p.code === 'CLOUD-MAIL-P2');
      const p1 = plans.find((p) => p.code === 'CLOUD-MAIL-P1');
      const lid = p2?.agreements.find((a) => a.number === '67012345')?.licensingId;
      expect(p2?.todaysPrice).toBe(20);
      // R-BC-6: no purchase of Plan 1 in this service year (from 2025-07-01): today's price applies.
      expect(p1?.agreements.find((a) => a.number === '67012345')?.unitPrice).toBe(10);

      const before = await state();
      const res = await t.as(admin).post(`/purchasing-accounts/${hq.id}/self-provisioning`, {
        licensingId: lid,
        productId: p2?.productId,
        quantity: 12,
        commitToOrder: true,
      });
      expect(res.statusCode).toBe(201);
      const request = res.json();
      expect(request).toMatchObject({
        state: 'REQUESTED',
        quantity: 12,
        unitPrice: 20,
        currency: 'USD',
        product: { code: 'CLOUD-MAIL-P2' },
      });
      expect(await state()).toEqual({ requests: before.requests + 1, mails: before.mails + 1, audit: before.audit + 1 });
      const mail = await t.database.db.execute<{ to_address: string; subject: string }>(
        sql`select to_address, subject from outbox where template = 'selfProvisioningRequested' order by id desc limit 1`,
      );
      expect(mail.rows[0]?.to_address).toBe('orders@adatum-partners.example');
      expect(mail.rows[0]?.subject).toContain('Contoso Ltd');

      const partner = await signIn(t.app, 'partner@adatum-partners.example');
      const seen = (await t.as(partner).get('/partner/self-provisioning')).json().items as { id: string }[];
      expect(seen.map((r) => r.id)).toContain(request.id);
      const other = await signIn(t.app, 'partner@proseware.example');
      expect(((await t.as(other).get('/partner/self-provisioning')).json().items as { id: string }[]).map((r) => r.id)).not.toContain(
        request.id,
      );

      // A second request, cancelled before any order.
      const second = (
        await t.as(admin).post(`/purchasing-accounts/${hq.id}/self-provisioning`, {
          licensingId: lid,
          productId: p1?.productId,
          quantity: 3,
          commitToOrder: true,
        })
      ).json();
      const cancelled = await t.as(admin).post(`/purchasing-accounts/${hq.id}/self-provisioning/${second.id}/cancel`);
      expect(cancelled.json()).toMatchObject({ state: 'CANCELLED' });

      const order = await t.as(operator).post('/operator/orders', {
        orderNumber: 'BC3-SP-1',
        // In the service year that began on the anniversary 2025-07-01, when Plan 1 cost 8.00.
        orderDate: '2025-09-01',
        licensingId: { program: 'ENTERPRISE', number: '67012345' },
        lines: [service('CLOUD-MAIL-P2', 12), service('CLOUD-MAIL-P1', 3)],
      });
      expect(order.statusCode).toBe(201);
      const list = (await t.as(admin).get(`/purchasing-accounts/${hq.id}/self-provisioning`)).json().items as {
        id: string;
        state: string;
        orderNumber: string | null;
      }[];
      expect(list.find((r) => r.id === request.id)).toMatchObject({ state: 'ORDERED', orderNumber: 'BC3-SP-1' });
      // A cancelled request stays cancelled when the product is ordered after all.
      expect(list.find((r) => r.id === second.id)).toMatchObject({ state: 'CANCELLED', orderNumber: null });
      const late = await t.as(admin).post(`/purchasing-accounts/${hq.id}/self-provisioning/${request.id}/cancel`);
      expect(late.json().code).toBe('SELF_PROVISIONING_NOT_CANCELLABLE');

      // R-BC-6: Plan 1's first purchase in the service year was at 8.00, below today's 10.00: it sets the price,
      // and today's price rising again before the anniversary does not reach the customer.
      expect((await plansOf()).find((p) => p.code === 'CLOUD-MAIL-P1')?.agreements.find((a) => a.number === '67012345')?.unitPrice).toBe(8);
      const put = await t.as(operator).put(`/operator/online-service-prices/${p1?.productId}`, {
        effectiveFrom: '2026-03-01',
        unitPrice: 12,
        currency: 'USD',
      });
      expect(put.statusCode).toBe(200);
      const after = (await plansOf()).find((p) => p.code === 'CLOUD-MAIL-P1');
      expect(after?.todaysPrice).toBe(12);
      expect(after?.agreements.find((a) => a.number === '67012345')?.unitPrice).toBe(8);
      expect(after?.agreements.find((a) => a.number === '67012345')?.nextAnniversary).toBe('2026-07-01');

      // R-BC-6 with R-BC-3: the account manager moves the anniversary to October. The service year now began
      // on 2025-10-01, after the 8.00 purchase of 2025-09-01, so today's 12.00 applies until 2026-10-01.
      const anniversary = (month: number) =>
        t.as(admin).put(`/purchasing-accounts/${hq.id}/agreements/${lid}/anniversary-month`, { month });
      expect((await anniversary(10)).statusCode).toBe(200);
      const moved = (await plansOf()).find((p) => p.code === 'CLOUD-MAIL-P1')?.agreements.find((a) => a.number === '67012345');
      expect(moved).toMatchObject({ unitPrice: 12, nextAnniversary: '2026-10-01' });
      // Back to the start's own month (July): the year it had, and the price its first purchase set.
      expect((await anniversary(7)).statusCode).toBe(200);
      const back = (await plansOf()).find((p) => p.code === 'CLOUD-MAIL-P1')?.agreements.find((a) => a.number === '67012345');
      expect(back).toMatchObject({ unitPrice: 8, nextAnniversary: '2026-07-01' });
    });
  });
});
