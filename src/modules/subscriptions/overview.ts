import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.js';
import { visibleLicensingIdsSql } from '../../platform/authz/scope.js';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { purchasedOfTypes } from '../orders/purchased.js';
import { remaining, SUBSCRIPTION_LICENSE_TYPES, todayOf } from './rules.js';

export interface LicensingIdRef {
  id: string;
  number: string;
  name: string | null;
  organization: string;
}

export interface SubscriptionProduct {
  productId: string;
  productCode: string;
  productName: string;
  purchased: number;
  assigned: number;
  remaining: number;
}

/** The Licensing IDs on which the actor assigns subscriptions (Subscriptions Manager or Administrator). */
export async function assignableLicensingIds(db: DbOrTx, actor: Actor): Promise<LicensingIdRef[]> {
  const res = await db.execute<LicensingIdRef & Record<string, unknown>>(sql`
    select l.id, l.number, l.name, o.name as organization from licensing_id l join organization o on o.id = l.organization_id
    where l.id in (${visibleLicensingIdsSql(actor, 'subscriptions.assign')})
    order by l.number, l.id`);
  return res.rows;
}

export async function licensingIdRef(db: DbOrTx, licensingId: string): Promise<LicensingIdRef & { organizationId: string }> {
  const res = await db.execute<LicensingIdRef & { organizationId: string } & Record<string, unknown>>(sql`
    select l.id, l.number, l.name, o.name as organization, o.id as "organizationId"
    from licensing_id l join organization o on o.id = l.organization_id where l.id = ${licensingId}`);
  const found = res.rows[0];
  if (!found) throw notFound('Licensing ID');
  return found;
}

/** The assigned counters of a Licensing ID (or one product of it). */
async function assignedCounts(db: DbOrTx, licensingId: string, productId?: string): Promise<Map<string, number>> {
  const res = await db.execute<{ product_id: string; assigned: number }>(sql`
    select product_id, assigned from subscription_count
    where licensing_id = ${licensingId} ${productId ? sql`and product_id = ${productId}` : sql``}`);
  return new Map(res.rows.map((r) => [r.product_id, Number(r.assigned)]));
}

/**
 * Per product: purchased today (from the orders module), assigned and remaining. A product whose
 * term has ended but that still has people assigned stays listed (purchased 0), so they can be removed.
 */
export async function subscriptionProducts(
  db: DbOrTx,
  clock: Clock,
  licensingId: string,
  productId?: string,
): Promise<SubscriptionProduct[]> {
  // Two independent reads, on two of the pool's connections at once when `db` is the pool.
  const [bought, counts] = await Promise.all([
    purchasedOfTypes(db, licensingId, SUBSCRIPTION_LICENSE_TYPES, todayOf(clock), productId),
    assignedCounts(db, licensingId, productId),
  ]);
  const out: SubscriptionProduct[] = bought.map((p) => {
    const assigned = counts.get(p.productId) ?? 0;
    return {
      productId: p.productId,
      productCode: p.productCode,
      productName: p.productName,
      purchased: p.quantity,
      assigned,
      remaining: remaining(p.quantity, assigned),
    };
  });
  const lapsed = [...counts].filter(([id, n]) => n > 0 && !bought.some((p) => p.productId === id)).map(([id]) => id);
  if (lapsed.length) {
    const res = await db.execute<{ id: string; code: string; name: string }>(
      sql`select id, code, name from product where id in (${sql.join(
        lapsed.map((id) => sql`${id}`),
        sql`, `,
      )}) order by name, code`,
    );
    for (const p of res.rows) {
      out.push({ productId: p.id, productCode: p.code, productName: p.name, purchased: 0, assigned: counts.get(p.id) ?? 0, remaining: 0 });
    }
  }
  return out;
}
