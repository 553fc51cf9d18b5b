import { and, eq, inArray, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { holdersSql } from '../../platform/authz/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import type { Locale } from '../../platform/i18n/locale.js';
import type { LicensePool } from '../catalog/rules.js';
import { product } from '../catalog/tables.js';
import { organization } from '../identity/tables.js';
import { orderLine } from '../orders/tables.js';
import { agreement, licensingId, program } from '../relationship/tables.js';
import type { CatalogProduct, LicensedLine } from './rules.js';

/**
 * What key issuing reads from the modules it builds on: the Licensing ID with its program terms,
 * the order lines that count today (R-LIC-3), and the catalog's key flags. Read only.
 */

const parentAgreement = alias(agreement, 'parent_agreement');
const parentProgram = alias(program, 'parent_program');

export interface LicensingTerms {
  id: string;
  organizationId: string;
  organizationName: string;
  number: string;
  name: string;
  programCode: string;
  keysPerPool: boolean;
  priceLevel: string | null;
  /** R-KEY-7: the parent agreement's program, or the Licensing ID's own when it has no parent (Open). */
  parentProgram: string;
}

export async function licensingTerms(db: DbOrTx, id: string): Promise<LicensingTerms | undefined> {
  const [row] = await db
    .select({
      id: licensingId.id,
      organizationId: licensingId.organizationId,
      organizationName: organization.name,
      number: licensingId.number,
      name: licensingId.name,
      programCode: licensingId.programCode,
      keysPerPool: program.keysPerPool,
      priceLevel: licensingId.priceLevel,
      parentProgram: sql<string>`coalesce(${parentProgram.name}, ${program.name})`,
    })
    .from(licensingId)
    .innerJoin(program, eq(program.code, licensingId.programCode))
    .innerJoin(organization, eq(organization.id, licensingId.organizationId))
    .leftJoin(parentAgreement, eq(parentAgreement.id, licensingId.parentAgreementId))
    .leftJoin(parentProgram, eq(parentProgram.code, parentAgreement.programCode))
    .where(eq(licensingId.id, id));
  return row;
}

/** The Licensing ID's order lines that count on `today`. */
export async function licensedLines(db: DbOrTx, id: string, today: string): Promise<LicensedLine[]> {
  return db
    .select({ orderLineId: orderLine.id, productId: orderLine.productId, licenseType: orderLine.licenseType, quantity: orderLine.quantity })
    .from(orderLine)
    .where(and(eq(orderLine.licensingId, id), lte(orderLine.countsFrom, today)))
    .orderBy(orderLine.id);
}

/** The licensed products and, for per-pool programs, every product of the pools they belong to. */
export async function catalogFor(db: DbOrTx, productIds: string[], wholePools: boolean): Promise<Map<string, CatalogProduct>> {
  if (productIds.length === 0) return new Map();
  const licensed = inArray(product.id, productIds);
  const pools = sql`${product.pool} in (select p.pool from ${product} p where p.id in (${sql.join(
    productIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}))`;
  const rows = await db
    .select({ id: product.id, pool: product.pool, requiresKey: product.requiresKey, isCal: product.isCal })
    .from(product)
    .where(wholePools ? or(licensed, pools) : licensed);
  return new Map(rows.map((r) => [r.id, { ...r, pool: r.pool as LicensePool }]));
}

export interface KeyHolder {
  email: string;
  firstName: string;
  locale: Locale;
}

/** R-KEY-9: the people who see a Licensing ID's keys (Administrator, Product Keys), who hear of new ones. */
export async function keyHolders(db: DbOrTx, id: string): Promise<KeyHolder[]> {
  const res = await db.execute<{ email: string; first_name: string; locale: Locale }>(sql`
    select u.email, u.first_name, u.locale from "user" u
    where u.id in (${holdersSql(id, 'keys.view')}) and u.status = 'active'
    order by u.email`);
  return res.rows.map((r) => ({ email: r.email, firstName: r.first_name, locale: r.locale }));
}
