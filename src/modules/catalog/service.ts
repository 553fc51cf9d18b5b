import { and, asc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { conflict, DomainError, invalid, notFound } from '../../platform/errors.js';
import { type ProductProblem, productProblems } from './rules.js';
import type { NewFamily, NewProduct, ProductQuery } from './schemas.js';
import { product, productFamily } from './tables.js';

const isUniqueViolation = (e: unknown) => {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
};

const PROBLEM_MESSAGES: Record<ProductProblem, string> = {
  CAL_REQUIRES_NO_KEY: 'A Client Access License has no product key.',
  PRIOR_VERSION_INVALID: 'The prior version must be an earlier version in the same product family.',
};

const columns = {
  id: product.id,
  code: product.code,
  name: product.name,
  version: product.version,
  edition: product.edition,
  pool: product.pool,
  category: product.category,
  isCal: product.isCal,
  requiresKey: product.requiresKey,
  family: { id: productFamily.id, name: productFamily.name },
  priorVersionId: product.priorVersionId,
};

export type ProductView = Awaited<ReturnType<typeof selectProducts>>[number];

function selectProducts(db: DbOrTx, where?: SQL) {
  const q = db.select(columns).from(product).innerJoin(productFamily, eq(productFamily.id, product.familyId));
  return (where ? q.where(where) : q).orderBy(asc(productFamily.name), asc(product.name));
}

/** Products by the part code orders name them with (order ingestion, R-BC-7). */
export async function productsByCode(db: DbOrTx, codes: string[]): Promise<Map<string, ProductView>> {
  if (codes.length === 0) return new Map();
  const rows = await selectProducts(db, inArray(product.code, codes));
  return new Map(rows.map((r) => [r.code, r]));
}

/** Products by id: the License Summary aggregates per product and names family, version and pool from here. */
export async function productsById(db: DbOrTx, ids: string[]): Promise<Map<string, ProductView>> {
  if (ids.length === 0) return new Map();
  const rows = await selectProducts(db, inArray(product.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

export function createCatalogService({ db }: { db: Db }) {
  return {
    async createFamily(actor: Actor, input: NewFamily) {
      try {
        return await db.transaction(async (tx) => {
          const [row] = await tx
            .insert(productFamily)
            .values({ name: input.name })
            .returning({ id: productFamily.id, name: productFamily.name });
          if (!row) throw new Error('insert returned nothing');
          await audit(tx, actor, { action: 'catalog.family.create', targetType: 'product_family', targetId: row.id, after: row });
          return { ...row, productCount: 0 };
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict('PRODUCT_FAMILY_EXISTS', `A product family named "${input.name}" already exists.`);
        throw e;
      }
    },

    async listFamilies() {
      return db
        .select({ id: productFamily.id, name: productFamily.name, productCount: sql<number>`count(${product.id})::int` })
        .from(productFamily)
        .leftJoin(product, eq(product.familyId, productFamily.id))
        .groupBy(productFamily.id)
        .orderBy(asc(productFamily.name));
    },

    async createProduct(actor: Actor, input: NewProduct) {
      try {
        return await db.transaction(async (tx) => {
          const [family] = await tx.select({ id: productFamily.id }).from(productFamily).where(eq(productFamily.id, input.familyId));
          if (!family) throw invalid('UNKNOWN_PRODUCT_FAMILY', 'There is no product family with this id.');
          const [prior] = input.priorVersionId
            ? await tx
                .select({ familyId: product.familyId, version: product.version })
                .from(product)
                .where(eq(product.id, input.priorVersionId))
            : [];
          if (input.priorVersionId && !prior) throw invalid('PRIOR_VERSION_INVALID', 'The prior version does not exist.');
          const [problem] = productProblems(input, prior ?? null);
          if (problem) throw new DomainError(problem, 400, PROBLEM_MESSAGES[problem]);
          const [row] = await tx.insert(product).values(input).returning({ id: product.id });
          if (!row) throw new Error('insert returned nothing');
          await audit(tx, actor, { action: 'catalog.product.create', targetType: 'product', targetId: row.id, after: input });
          const [created] = await selectProducts(tx, eq(product.id, row.id));
          if (!created) throw new Error('created product vanished');
          return created;
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict('PRODUCT_CODE_TAKEN', `Another product already has the code ${input.code}.`);
        throw e;
      }
    },

    async listProducts(query: ProductQuery) {
      const where: SQL[] = [];
      if (query.familyId) where.push(eq(product.familyId, query.familyId));
      if (query.pool) where.push(eq(product.pool, query.pool));
      if (query.category) where.push(eq(product.category, query.category));
      if (query.q) {
        const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        const match = or(ilike(product.name, like), ilike(product.code, like));
        if (match) where.push(match);
      }
      return selectProducts(db, where.length ? and(...where) : undefined);
    },

    /** One product with its downgrade chain (R-DL-7): prior versions, nearest first. */
    async getProduct(id: string) {
      const [row] = await selectProducts(db, eq(product.id, id));
      if (!row) throw notFound('product');
      const chain = await db.execute<{ id: string; code: string; name: string; version: string }>(sql`
        with recursive prior(id, depth) as (
          select prior_version_id, 1 from product where id = ${id} and prior_version_id is not null
          union all
          select p.prior_version_id, prior.depth + 1 from product p join prior on p.id = prior.id
          where p.prior_version_id is not null and prior.depth < 50
        )
        select p.id, p.code, p.name, p.version from prior join product p on p.id = prior.id order by prior.depth`);
      return { ...row, downgradeChain: chain.rows };
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
