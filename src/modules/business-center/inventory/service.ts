import type { Clock } from '../../../platform/clock.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { holdingsOf } from '../../orders/for-business-center.js';
import { dayOf } from '../../orders/rules.js';
import { accountLicensingIds } from '../accounts.js';
import { expiryFlag } from './rules.js';

/**
 * What a purchasing account holds today (seed 004, Licenses, Services and Benefits): licenses and
 * online-service subscriptions of its Licensing IDs, each with its next expiration and flag.
 */
export async function inventoryOf(db: DbOrTx, clock: Clock, accountId: string, expiringOnly: boolean) {
  const asOf = dayOf(clock.now());
  const lids = (await accountLicensingIds(db, accountId)).licensingIds;
  const byId = new Map(lids.map((l) => [l.id, l]));
  const holdings = await holdingsOf(
    db,
    lids.map((l) => l.id),
    asOf,
  );
  const items = holdings.map((h) => {
    const l = byId.get(h.licensingId);
    return {
      licensingId: { id: h.licensingId, number: l?.number ?? '', programCode: l?.programCode ?? '' },
      product: { id: h.productId, code: h.productCode, name: h.productName },
      licenseType: h.licenseType,
      onlineService: h.licenseType === 'ONLINE_SERVICE',
      quantity: h.quantity,
      nextExpiration: h.nextExpiration,
      expiry: expiryFlag(h.nextExpiration, asOf),
    };
  });
  return { asOf, items: expiringOnly ? items.filter((i) => i.expiry.flag !== 'NONE') : items };
}
