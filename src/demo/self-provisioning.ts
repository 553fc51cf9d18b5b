import { sql } from 'drizzle-orm';
import type { OrderInput } from '../modules/orders/rules.js';
import type { Tx } from '../platform/db/client.js';

/** R-BC-4: the purchase facts of Contoso's demo orders (src/demo/orders.ts records them with the orders). */
export const DEMO_PURCHASE_FACTS: Record<string, Pick<OrderInput, 'orderType' | 'orderingParty' | 'poNumber' | 'poStatus'>> = {
  'EA-2021-0001': { orderType: 'NEW', orderingParty: 'Adatum Licensing Partners', poNumber: 'PO-2021-118', poStatus: 'CLOSED' },
  'EA-2024-0001': { orderType: 'RENEWAL', orderingParty: 'Adatum Licensing Partners', poNumber: 'PO-0042', poStatus: 'INVOICED' },
  'EA-2024-0002': { orderType: 'ADD_ON', orderingParty: 'Adatum Licensing Partners', poNumber: '00731', poStatus: 'INVOICED' },
  'EA-2025-TU01': { orderType: 'TRUE_UP', orderingParty: 'Adatum Licensing Partners', poStatus: 'OPEN' },
};

/**
 * R-BC-5, R-BC-6: the demo's self-provisionable plans. Cloud Mail Plan 1 rose from 8.00 to 10.00 per
 * seat in 2026 (the enrollment bought it in its service year, so it keeps the lower price until
 * its anniversary), Plan 2 costs 20.00.
 */
export async function seedDemoSelfProvisioning(tx: Tx) {
  const prices: [code: string, from: string, price: string][] = [
    ['CLOUD-MAIL-P1', '2024-01-01', '8.00'],
    ['CLOUD-MAIL-P1', '2026-01-01', '10.00'],
    ['CLOUD-MAIL-P2', '2024-01-01', '20.00'],
  ];
  for (const [code, from, price] of prices) {
    await tx.execute(sql`
      insert into online_service_price (product_id, effective_from, unit_price, currency, set_at)
      select id, ${from}::date, ${price}::numeric, 'USD', now() from product where code = ${code}`);
  }
}
