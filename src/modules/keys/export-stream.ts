import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { alias, PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { Holder } from '../../platform/authz/scope.js';
import { visibleTo } from '../../platform/authz/scope.js';
import type { Db } from '../../platform/db/client.js';
import { cursorBatches } from '../../platform/db/cursor.js';
import { product } from '../catalog/tables.js';
import { organization } from '../identity/tables.js';
import { agreement, licensingId, program } from '../relationship/tables.js';
import { type ExportRow, productLabel } from './export-format.js';
import { createKeyVault } from './key-crypto.js';
import type { KeyType } from './rules.js';
import { productKey } from './tables.js';

const parentAgreement = alias(agreement, 'parent_agreement');
const parentProgram = alias(program, 'parent_program');

/** Rows fetched per round trip: large, so a million keys take a hundred trips, not a million. */
const BATCH = 10_000;
/** The key file's ORDER BY over every key of a large customer sorts in memory with this (bench/keys-tsv.ts). */
const SORT_MEMORY = '64MB';

export interface KeyExportDeps {
  db: Db;
  pool: pg.Pool;
  keyEncryptionKey: Buffer;
}

/** Whose keys: every key the holder may view (R-KEY-9), or those of one Licensing ID among them. */
const scope = (holder: Holder, only?: string): SQL | undefined =>
  and(visibleTo(holder, 'keys.view', productKey.licensingId), only !== undefined ? eq(productKey.licensingId, only) : undefined);

/** The key file's query, in the key list's order; the SQL a benchmark can also COPY. */
export function keyExportQuery(db: Db, holder: Holder, only?: string) {
  return db
    .select({
      id: productKey.id,
      number: licensingId.number,
      parentProgram: sql<string>`coalesce(${parentProgram.name}, ${program.name})`,
      organization: organization.name,
      name: product.name,
      version: product.version,
      edition: product.edition,
      type: productKey.type,
      keyCiphertext: productKey.keyCiphertext,
      limit: productKey.activationLimit,
      used: productKey.used,
    })
    .from(productKey)
    .innerJoin(licensingId, eq(licensingId.id, productKey.licensingId))
    .innerJoin(program, eq(program.code, licensingId.programCode))
    .innerJoin(organization, eq(organization.id, productKey.organizationId))
    .innerJoin(product, eq(product.id, productKey.productId))
    .leftJoin(parentAgreement, eq(parentAgreement.id, licensingId.parentAgreementId))
    .leftJoin(parentProgram, eq(parentProgram.code, parentAgreement.programCode))
    .where(scope(holder, only))
    .orderBy(
      asc(licensingId.number),
      asc(product.name),
      asc(product.version),
      asc(product.edition),
      asc(productKey.type),
      asc(productKey.issuedAt),
      // Keys issued in the same instant still come out in one order in every export.
      asc(productKey.id),
    );
}

/** The query as SQL text with its parameters inlined nowhere: for COPY in the benchmark. */
export function keyExportSql(db: Db, holder: Holder, only?: string) {
  return new PgDialect().sqlToQuery(keyExportQuery(db, holder, only).getSQL());
}

/**
 * R-KEY-7: the key file's rows for the keys `holder` may view now, read through a cursor in large
 * batches and decrypted a batch at a time, so a million keys stream with flat memory. The port
 * the background exports and the streaming key file use; the scope is checked in the query itself.
 */
export function keyExportSource(deps: KeyExportDeps, holder: Holder, only?: string) {
  const vault = createKeyVault(deps.keyEncryptionKey);
  return {
    async count(): Promise<number> {
      const [row] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(productKey).where(scope(holder, only));
      return row?.n ?? 0;
    },
    async *batches(): AsyncGenerator<ExportRow[]> {
      const labels = new Map<string, string>();
      const label = (name: string, version: string, edition: string) => {
        const k = `${name}\u0000${version}\u0000${edition}`;
        let l = labels.get(k);
        if (l === undefined) {
          l = productLabel({ name, version, edition });
          labels.set(k, l);
        }
        return l;
      };
      for await (const rows of cursorBatches(deps.pool, keyExportQuery(deps.db, holder, only).getSQL(), {
        batch: BATCH,
        workMem: SORT_MEMORY,
      })) {
        yield rows.map((r) => {
          const [id, number, parent, org, name, version, edition, type, sealed, limit, used] = r as [
            string,
            string,
            string,
            string,
            string,
            string,
            string,
            KeyType,
            string,
            number,
            number,
          ];
          return {
            licensingIdNumber: number,
            parentProgram: parent,
            organization: org,
            product: label(name, version, edition),
            productKey: vault.decrypt(sealed, id),
            type,
            activations: type === 'MAK' ? { used, available: limit - used } : null,
          };
        });
      }
    },
  };
}
