import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../platform/db/client.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import type { LicensePool as Pool } from '../catalog/rules.js';
import { hasDownload, likeEscape, searchWords } from './rules.js';
import type { CatalogQuery } from './schemas.js';
import { type DownloadScope, downloadableProducts, grantedColumn } from './scope.js';

export interface CatalogRow {
  productId: string;
  code: string;
  name: string;
  version: string;
  edition: string;
  family: string;
  category: string;
  pool: Pool;
  granted: boolean;
  isCal: boolean;
  hasDownload: boolean;
  requiresKey: boolean;
  priorVersions: { productId: string; version: string; name: string }[];
}

type RawRow = {
  id: string;
  code: string;
  name: string;
  version: string;
  edition: string;
  family: string;
  category: string;
  pool: Pool;
  granted: boolean;
  is_cal: boolean;
  requires_key: boolean;
  live_files: number;
};

/** The page position: the last row's name and id. */
const CatalogPosition = z.tuple([z.string(), z.string().regex(/^[0-9a-f-]{36}$/)]);

const categoryFilter = (c: CatalogQuery['category']): SQL | undefined => {
  const list = c === undefined ? [] : Array.isArray(c) ? c : [c];
  if (list.length === 0) return undefined;
  return sql`p.category in (${sql.join(
    list.map((x) => sql`${x}`),
    sql`, `,
  )})`;
};

/** R-DL-6: every word of the search in the name or the product code. */
const wordsFilter = (q: string | undefined): SQL | undefined => {
  const words = q ? searchWords(q) : [];
  if (words.length === 0) return undefined;
  return sql.join(
    words.map((w) => sql`(p.name ilike ${`%${likeEscape(w)}%`} or p.code ilike ${`%${likeEscape(w)}%`})`),
    sql` and `,
  );
};

const and = (parts: (SQL | undefined)[]) =>
  sql.join(
    parts.filter((p): p is SQL => p !== undefined),
    sql` and `,
  );

async function selectRows(db: DbOrTx, scope: DownloadScope, where: SQL, tail: SQL): Promise<RawRow[]> {
  const res = await db.execute<RawRow>(sql`
    select p.id, p.code, p.name, p.version, p.edition, f.name as family, p.category, p.pool, p.is_cal, p.requires_key,
      ${grantedColumn(scope)} as granted,
      (select count(*)::int from download_file df where df.product_id = p.id and df.deleted_at is null) as live_files
    from product p join product_family f on f.id = p.family_id
    where ${and([downloadableProducts(scope), where])}
    ${tail}`);
  return res.rows;
}

/** R-DL-7: each product's prior versions, nearest first. */
export async function priorVersionsOf(db: DbOrTx, productIds: string[]): Promise<Map<string, CatalogRow['priorVersions']>> {
  const out = new Map<string, CatalogRow['priorVersions']>(productIds.map((id) => [id, []]));
  if (productIds.length === 0) return out;
  const res = await db.execute<{ root: string; id: string; version: string; name: string }>(sql`
    with recursive chain(root, id, depth) as (
      select p.id, p.prior_version_id, 1 from product p
      where p.id in (${sql.join(
        productIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}) and p.prior_version_id is not null
      union all
      select c.root, p.prior_version_id, c.depth + 1 from chain c join product p on p.id = c.id
      where p.prior_version_id is not null and c.depth < 50
    )
    select c.root, p.id, p.version, p.name from chain c join product p on p.id = c.id order by c.root, c.depth`);
  for (const r of res.rows) out.get(r.root)?.push({ productId: r.id, version: r.version, name: r.name });
  return out;
}

async function toRows(db: DbOrTx, raw: RawRow[]): Promise<CatalogRow[]> {
  const prior = await priorVersionsOf(
    db,
    raw.map((r) => r.id),
  );
  return raw.map((r) => ({
    productId: r.id,
    code: r.code,
    name: r.name,
    version: r.version,
    edition: r.edition,
    family: r.family,
    category: r.category,
    pool: r.pool,
    granted: Boolean(r.granted),
    isCal: r.is_cal,
    hasDownload: hasDownload({ isCal: r.is_cal }, r.live_files),
    // R-DL-4: a CAL has no key either, whatever the flag says.
    requiresKey: r.requires_key && !r.is_cal,
    priorVersions: prior.get(r.id) ?? [],
  }));
}

/** R-DL-2, R-DL-6: a page of the catalog this scope may download, by name. */
export async function catalogPage(db: DbOrTx, scope: DownloadScope, q: CatalogQuery) {
  const after = q.cursor ? decodeCursor(q.cursor, CatalogPosition) : null;
  const raw = await selectRows(
    db,
    scope,
    and([
      sql`true`,
      categoryFilter(q.category),
      wordsFilter(q.q),
      after ? sql`(p.name, p.id) > (${after[0]}, ${after[1]}::uuid)` : undefined,
    ]),
    sql`order by p.name, p.id limit ${q.limit + 1}`,
  );
  const more = raw.length > q.limit;
  const page = more ? raw.slice(0, q.limit) : raw;
  const last = page[page.length - 1];
  return { items: await toRows(db, page), nextCursor: more && last ? encodeCursor([last.name, last.id]) : null };
}

/** One product of the scope's catalog, or undefined when the scope may not download it. */
export async function catalogProduct(db: DbOrTx, scope: DownloadScope, productId: string): Promise<CatalogRow | undefined> {
  const raw = await selectRows(db, scope, sql`p.id = ${productId}::uuid`, sql``);
  return (await toRows(db, raw))[0];
}

/** R-DL-6: the categories the scope's catalog has, with how many products each. */
export async function catalogCategories(db: DbOrTx, scope: DownloadScope) {
  const res = await db.execute<{ name: string; count: number }>(sql`
    select p.category as name, count(*)::int as count from product p
    where ${downloadableProducts(scope)} group by p.category order by p.category`);
  return res.rows;
}

/**
 * R-DL-6: names while the user types: names (or codes) that start with the text first, then names
 * with a word that starts with it, then names with every word typed, the last one perhaps
 * unfinished; at most `limit`.
 */
export async function catalogSuggestions(db: DbOrTx, scope: DownloadScope, q: string, limit: number) {
  const text = q.trim().replace(/\s+/g, ' ');
  const prefix = `${likeEscape(text)}%`;
  const wordPrefix = `% ${likeEscape(text)}%`;
  // Every word typed so far, the last one perhaps unfinished: it must start a word of the name.
  const words = searchWords(text);
  const last = words.pop() ?? '';
  const typing = and([
    wordsFilter(words.join(' ')),
    sql`(p.name ilike ${`${likeEscape(last)}%`} or p.name ilike ${`% ${likeEscape(last)}%`})`,
  ]);
  const res = await db.execute<{ id: string; name: string }>(sql`
    select p.id, p.name from product p
    where ${downloadableProducts(scope)} and (p.name ilike ${prefix} or p.code ilike ${prefix} or p.name ilike ${wordPrefix} or ${typing})
    order by case when p.name ilike ${prefix} or p.code ilike ${prefix} then 0 when p.name ilike ${wordPrefix} then 1 else 2 end, p.name
    limit ${limit}`);
  return res.rows.map((r) => ({ productId: r.id, name: r.name }));
}
