import { type SQL, sql } from 'drizzle-orm';
import { visibleLicensingIdsSql } from '../../platform/authz/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { type CatalogScope, catalogScope } from './rules.js';

/** Who may download what: the user's downloads.get Licensing IDs and the catalog they open (R-DL-1, R-DL-2). */
export interface DownloadScope {
  userId: string;
  organizationId: string;
  scope: CatalogScope;
  /** Every Licensing ID where the user holds Administrator, Download or SA Manager. */
  licensingIds: string[];
}

const ids = (list: string[]) =>
  sql.join(
    list.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/**
 * R-DL-1, R-DL-2: the scope of an active user. A signed link names its user, so this is also how
 * a link is checked against the user's roles at the moment of the download.
 */
export async function downloadScope(db: DbOrTx, userId: string): Promise<DownloadScope | null> {
  const res = await db.execute<{ organization_id: string; licensing_id: string | null; full: boolean | null }>(sql`
    select u.organization_id, l.id as licensing_id, p.full_catalog_downloads as full
    from "user" u
    left join licensing_id l on l.id in (${visibleLicensingIdsSql({ userId }, 'downloads.get')})
    left join program p on p.code = l.program_code
    where u.id = ${userId} and u.status = 'active'`);
  const first = res.rows[0];
  if (!first) return null;
  const held = new Map<string, boolean>();
  for (const r of res.rows) if (r.licensing_id) held.set(r.licensing_id, Boolean(r.full));
  return {
    userId,
    organizationId: first.organization_id,
    scope: catalogScope([...held.values()].map((full) => ({ fullCatalogDownloads: full }))),
    licensingIds: [...held.keys()],
  };
}

/**
 * The products a scope may download, as a condition on `product p`. Purchased means an order line
 * on one of the Licensing IDs, and, by downgrade rights (R-DL-7), every prior version down the
 * chain; UNION (not ALL) ends the recursion even on a cyclic chain.
 */
export function downloadableProducts(s: DownloadScope): SQL {
  if (s.scope === 'FULL') return sql`true`;
  if (s.scope === 'NONE') return sql`false`;
  return sql`p.id in (
    with recursive owned(id) as (
      select ol.product_id from order_line ol where ol.licensing_id in (${ids(s.licensingIds)})
      union
      select pr.prior_version_id from product pr join owned o on pr.id = o.id where pr.prior_version_id is not null
    )
    select id from owned)`;
}

/** R-LIC-5: true when the scope's Licensing IDs hold the product only through grants. */
export function grantedColumn(s: DownloadScope): SQL<boolean> {
  if (s.licensingIds.length === 0) return sql<boolean>`false`;
  return sql<boolean>`coalesce((select bool_and(ol.is_grant) from order_line ol
    where ol.product_id = p.id and ol.licensing_id in (${ids(s.licensingIds)})), false)`;
}
