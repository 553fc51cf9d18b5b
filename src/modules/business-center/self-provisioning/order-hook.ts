import { sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import type { IngestActor, RecordedOrder } from '../../orders/ingestion.js';

/**
 * R-BC-5: an order recorded under one of a purchasing account's Licensing IDs with an online-service
 * line of a product the account requested marks its open requests of that product ORDERED, in the
 * order's transaction. Orders cannot import the business center: app.ts and the CLI pass it in.
 */
export function selfProvisioningOrderHook() {
  return async (tx: DbOrTx, order: RecordedOrder, actor: IngestActor, now: Date): Promise<void> => {
    const products = [...new Set(order.lines.filter((l) => l.licenseType === 'ONLINE_SERVICE').map((l) => l.productId))];
    if (products.length === 0) return;
    const res = await tx.execute<{ id: string; licensing_id: string; organization_id: string }>(sql`
      update self_provisioning_request r set state = 'ORDERED', order_id = ${order.id}, ordered_at = ${now}
      from purchasing_account a
      where r.state = 'REQUESTED' and a.id = r.purchasing_account_id
        and r.purchasing_account_id = (select x.purchasing_account_id from purchasing_account_licensing_id x where x.licensing_id = ${order.licensingId})
        and r.product_id in (${sql.join(
          products.map((p) => sql`${p}::uuid`),
          sql`, `,
        )})
      returning r.id, r.licensing_id, a.organization_id`);
    for (const r of res.rows) {
      await audit(tx, actor, {
        action: 'self-provisioning.ordered',
        targetType: 'self_provisioning_request',
        targetId: r.id,
        organizationId: r.organization_id,
        licensingIds: [...new Set([r.licensing_id, order.licensingId])],
        before: { state: 'REQUESTED' },
        after: { state: 'ORDERED', orderNumber: order.orderNumber },
      });
    }
  };
}
