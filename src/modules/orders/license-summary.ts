import type { Config } from '../../config.js';
import type { Actor } from '../../platform/auth/actor.js';
import { visibleLicensingIds } from '../../platform/authz/scope.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { productsById } from '../catalog/service.js';
import { licensingIdsByIds, licensingIdsOfOrganizations } from '../relationship/service.js';
import { type Bucket, expiryNotice, type SummaryRow, summarize, totalsOf } from './license-summary-rules.js';
import { planScope, productBuckets } from './license-summary-sql.js';
import { dayOf } from './rules.js';

export interface SummaryQuery {
  licensingIds?: string[];
  status: 'active' | 'all';
}

/** Rows of the License Summary over exactly these Licensing IDs (the caller has scoped them) on `today`. */
export async function summaryRows(
  db: DbOrTx,
  chosen: readonly { id: string; organizationId: string }[],
  today: string,
): Promise<SummaryRow[]> {
  const perOrganization = new Map<string, number>();
  for (const c of chosen) perOrganization.set(c.organizationId, (perOrganization.get(c.organizationId) ?? 0) + 1);
  // Only an organization with two or more chosen Licensing IDs can be cheaper as a whole less the rest.
  const worthIt = [...perOrganization].filter(([, n]) => n > 1).map(([org]) => org);
  const members = await licensingIdsOfOrganizations(db, worthIt);
  const rows = await productBuckets(db, planScope(chosen, members), today);
  const products = await productsById(db, [...new Set(rows.map((r) => r.product_id))]);
  const buckets: Bucket[] = [];
  for (const r of rows) {
    const p = products.get(r.product_id);
    if (!p) continue;
    buckets.push({
      familyId: p.family.id,
      family: p.family.name,
      version: p.version,
      pool: p.pool,
      licenseType: r.license_type,
      isGrant: r.is_grant,
      quantity: Number(r.quantity),
      activeQuantity: Number(r.active_quantity),
    });
  }
  return summarize(buckets);
}

export function createLicenseSummaryService({ db, clock, config }: { db: Db; clock: Clock; config: Config }) {
  return {
    /**
     * R-LIC-1: over every active and inactive Licensing ID the user may see reports of, or the
     * chosen ones. A chosen id outside that scope is 404, as if it did not exist; hidden
     * Licensing IDs never reach the totals.
     */
    async summary(actor: Actor, query: SummaryQuery) {
      const today = dayOf(clock.now());
      const scope = new Set(await visibleLicensingIds(db, actor, 'reports.view'));
      const chosen = query.licensingIds?.length ? [...new Set(query.licensingIds)] : null;
      if (chosen?.some((id) => !scope.has(id))) throw notFound('Licensing ID');
      const candidates = await licensingIdsByIds(db, chosen ?? [...scope]);
      const included = candidates.filter((l) => query.status === 'all' || l.status === 'ACTIVE');
      const rows = await summaryRows(db, included, today);
      return {
        asOf: today,
        status: query.status,
        licensingIds: included.map((l) => ({
          id: l.id,
          number: l.number,
          name: l.name,
          programCode: l.programCode,
          status: l.status,
          endDate: l.endDate,
          expiry: expiryNotice(l.endDate, today, config.EXPIRING_SOON_DAYS, config.EXPIRY_URGENT_DAYS),
        })),
        rows,
        totals: totalsOf(rows),
      };
    },
  };
}

export type LicenseSummaryService = ReturnType<typeof createLicenseSummaryService>;
export type LicenseSummary = Awaited<ReturnType<LicenseSummaryService['summary']>>;
