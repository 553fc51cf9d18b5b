import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purchasedOfTypes } from '../../src/modules/orders/purchased.js';
import { purchasedOn, SUBSCRIPTION_LICENSE_TYPES, type SubscriptionLine } from '../../src/modules/subscriptions/rules.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

/** What the orders module's port sums in SQL is what the pure rule says, day by day. */
describe('purchased subscriptions: the orders port agrees with the rule (R-PERM-2)', () => {
  let t: TestApp;
  let lid = '';
  let productId = '';
  const lines: (SubscriptionLine & { type: string })[] = [
    { type: 'SUBSCRIPTION', quantity: 5, coverageStart: '2024-07-01', coverageEnd: '2027-06-30', countsFrom: '2024-07-01' },
    { type: 'SUBSCRIPTION', quantity: 3, coverageStart: '2026-03-02', coverageEnd: '2027-06-30', countsFrom: '2026-03-02' },
    { type: 'SUBSCRIPTION', quantity: 7, coverageStart: '2023-01-01', coverageEnd: '2026-02-28', countsFrom: '2023-01-01' },
    { type: 'SUBSCRIPTION', quantity: 2, coverageStart: '2026-01-01', coverageEnd: '2026-03-01', countsFrom: '2026-01-01' },
    { type: 'SUBSCRIPTION', quantity: 4, coverageStart: '2026-01-01', coverageEnd: null, countsFrom: '2026-04-01' },
    // Not subscriptions: never counted.
    { type: 'ONLINE_SERVICE', quantity: 100, coverageStart: '2024-07-01', coverageEnd: '2027-06-30', countsFrom: '2024-07-01' },
    { type: 'FULL', quantity: 50, coverageStart: '2024-07-01', coverageEnd: null, countsFrom: '2024-07-01' },
  ];

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const one = async (q: ReturnType<typeof sql>) => (await db.execute<{ id: string }>(q)).rows[0]?.id ?? '';
    lid = await one(sql`select id from licensing_id where number = '67099999'`);
    productId = await one(sql`
      insert into product (code, family_id, name, version, edition, pool, category, requires_key)
      select 'RULE-SUB', family_id, 'Rule Subscription', '1', 'Standard', 'APPLICATIONS', 'Developer tools', false
      from product where code = 'DEV-SUB-ENT' returning id`);
    const order = await one(sql`
      insert into license_order (order_number, licensing_id, organization_id, order_date, received_at, source, content_hash)
      select 'RULE-SUB-1', id, organization_id, date '2023-01-01', now(), 'API', 'rule' from licensing_id where id = ${lid} returning id`);
    for (const [i, l] of lines.entries()) {
      await db.execute(sql`
        insert into order_line (order_id, line_number, licensing_id, product_id, license_type, quantity, coverage_start, coverage_end, counts_from)
        values (${order}, ${i + 1}, ${lid}, ${productId}, ${l.type}::license_type, ${l.quantity}, ${l.coverageStart}, ${l.coverageEnd}, ${l.countsFrom})`);
    }
  });
  afterAll(() => t.close());

  it('R-PERM-2: on each day around the lines’ edges the SQL sum equals purchasedOn over the subscription lines', async () => {
    const subscriptions = lines.filter((l) => l.type === 'SUBSCRIPTION');
    for (const day of [
      '2022-12-31',
      '2023-01-01',
      '2024-07-01',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
      '2026-04-01',
      '2027-06-30',
      '2027-07-01',
    ]) {
      const [found] = await purchasedOfTypes(t.database.db, lid, SUBSCRIPTION_LICENSE_TYPES, day, productId);
      expect(found?.quantity ?? 0, day).toBe(purchasedOn(subscriptions, day));
    }
  });
});
