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
import { type ExportRow, productLabel, tsvKeyLines } from './export-format.js';
import { createKeyVault } from './key-crypto.js';
import type { KeyType } from './rules.js';
import { productKey } from './tables.js';

const parentAgreement = alias(agreement, 'parent_agreement');
const parentProgram = alias(program, 'parent_program');

/** Rows fetched per round trip: large, so a million keys take a hundred trips, not a million. */
const BATCH = 10_000;
/** Lines per piece of TSV text: about 50 kB, under V8's large-object size (tsvBatches). */
const LINES_PER_PIECE = 400;
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
      // The cells a key shares with the keys around it (Licensing ID, programs, organization, product)
      // as one JSON array, read once per distinct value: a million keys, a few thousand distinct.
      shared: sql<string>`json_build_array(${licensingId.number}, coalesce(${parentProgram.name}, ${program.name}), ${organization.name}, ${product.name}, ${product.version}, ${product.edition})::text`,
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

/** A key's row as the cursor reads it: keyExportQuery's columns, in order. */
type Row = [id: string, shared: string, type: KeyType, sealed: string, limit: number, used: number];

/** The cells a key shares with the keys around it, as the key file writes them. */
interface Shared {
  licensingIdNumber: string;
  parentProgram: string;
  organization: string;
  product: string;
}

/**
 * R-KEY-7: the key file's rows for the keys `holder` may view now, read through a cursor in large
 * batches and decrypted a batch at a time, so a million keys stream with flat memory. The port
 * the background exports and the streaming key file use; the scope is checked in the query itself.
 */
export function keyExportSource(deps: KeyExportDeps, holder: Holder, only?: string) {
  const vault = createKeyVault(deps.keyEncryptionKey);
  // Bounded by the catalog, not by the keys.
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
  // The file is in Licensing ID and product order: a key mostly shares its cells with the key before.
  let lastJson = '';
  let last: Shared | undefined;
  const sharedOf = (json: string): Shared => {
    if (json !== lastJson || last === undefined) {
      const [number, parent, org, name, version, edition] = JSON.parse(json) as string[];
      lastJson = json;
      last = {
        licensingIdNumber: number ?? '',
        parentProgram: parent ?? '',
        organization: org ?? '',
        product: label(name ?? '', version ?? '', edition ?? ''),
      };
    }
    return last;
  };
  const open = (rows: Row[]) =>
    vault
      .decryptMany(
        rows.map((r) => r[3]),
        rows.map((r) => r[0]),
      )
      .then((keys) => ({ rows, keys }));

  /**
   * The rows a batch at a time with their keys in clear. A batch's keys are decrypted on the
   * worker thread while the batch before goes out and the cursor fetches the one after: the
   * database, the worker and this thread each work at once, and no more than three batches are
   * held however long the file.
   */
  async function* opened(): AsyncGenerator<{ rows: Row[]; keys: string[] }> {
    let ahead: Promise<{ rows: Row[]; keys: string[] }> | null = null;
    try {
      for await (const rows of cursorBatches(deps.pool, keyExportQuery(deps.db, holder, only).getSQL(), {
        batch: BATCH,
        workMem: SORT_MEMORY,
      })) {
        const next = open(rows as Row[]);
        // Its failure is seen where it is awaited; until then it is not unhandled.
        next.catch(() => {});
        if (ahead) yield await ahead;
        ahead = next;
      }
      const last = ahead;
      ahead = null;
      if (last) yield await last;
    } finally {
      await ahead?.catch(() => {});
    }
  }

  return {
    async count(): Promise<number> {
      const [row] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(productKey).where(scope(holder, only));
      return row?.n ?? 0;
    },
    async *batches(): AsyncGenerator<ExportRow[]> {
      for await (const { rows, keys } of opened()) {
        yield rows.map(([, json, type, , limit, used], i) => ({
          ...sharedOf(json),
          productKey: keys[i] as string,
          type,
          activations: type === 'MAK' ? { used, available: limit - used } : null,
        }));
      }
    },
    /**
     * The TSV key file's lines a batch at a time, with no row object per key (tsvKeyLines), as
     * pieces of a few hundred lines: a piece's text stays small enough for the young generation,
     * where a whole batch's (a megabyte) would go straight to the old one and pile up until a full GC.
     */
    async *tsvBatches(): AsyncGenerator<{ pieces: Buffer[]; rows: number }> {
      const line = tsvKeyLines();
      for await (const { rows, keys } of opened()) {
        const pieces: Buffer[] = [];
        for (let from = 0; from < rows.length; from += LINES_PER_PIECE) {
          let text = '';
          for (let i = from; i < Math.min(rows.length, from + LINES_PER_PIECE); i++) {
            const [, json, type, , limit, used] = rows[i] as Row;
            const c = sharedOf(json);
            text += line(
              c.licensingIdNumber,
              c.parentProgram,
              c.organization,
              c.product,
              keys[i] as string,
              type,
              type === 'MAK' ? `${used}/${limit - used}` : '',
            );
          }
          pieces.push(Buffer.from(text));
        }
        yield { pieces, rows: rows.length };
      }
    },
  };
}
