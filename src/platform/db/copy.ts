import type pg from 'pg';
import type { DbOrTx } from './client.js';

/** The pg messages a COPY FROM STDIN takes part in (pg's Connection has no type for them). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** Rows of COPY's text format travel in messages of about this size, not one message for the whole table. */
const CHUNK = 1 << 20;

/**
 * `COPY … FROM STDIN` as a pg Submittable: pg sends a query, hands the COPY phase to the active
 * query (handleCopyInResponse), then reports the end (handleReadyForQuery) or an error
 * (handleError, after which the client clears the query and no readyForQuery reaches it).
 */
class CopyFrom {
  readonly done: Promise<number>;
  private resolve: (rows: number) => void = () => {};
  private reject: (e: Error) => void = () => {};
  private rows = 0;

  constructor(
    private readonly text: string,
    private readonly lines: Iterable<string>,
  ) {
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  submit(connection: CopyConnection) {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection) {
    let chunk = '';
    for (const line of this.lines) {
      chunk += line;
      if (chunk.length >= CHUNK) {
        connection.sendCopyFromChunk(Buffer.from(chunk));
        chunk = '';
      }
    }
    if (chunk) connection.sendCopyFromChunk(Buffer.from(chunk));
    connection.endCopyFrom();
  }

  handleCommandComplete(msg: { text?: string }) {
    this.rows = Number(/(\d+)$/.exec(msg.text ?? '')?.[1] ?? 0);
  }

  handleReadyForQuery() {
    this.resolve(this.rows);
  }

  handleError(e: Error) {
    this.reject(e);
  }

  // A COPY FROM answers with none of these; pg's client calls them only for a query that returns rows.
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

/** A value in COPY's text format: \N for null, and the four characters that end a field or a row escaped. */
export function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] ?? c) : s;
}

/**
 * The connection of a transaction, which COPY needs (a pool would run it on any of its clients,
 * outside the transaction); null for the pool itself. Drizzle keeps it on the transaction's
 * session and has no public way to it.
 */
export function transactionClient(tx: DbOrTx): pg.PoolClient | null {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  return client && typeof (client as pg.PoolClient).release === 'function' ? (client as pg.PoolClient) : null;
}

/**
 * Rows into a table with `COPY … FROM STDIN` on the transaction's connection: the server reads
 * each value with its column type's input function, as `'…'::type` would, and without a
 * statement parameter per value or an array literal to build and parse. Returns the rows written.
 */
export async function copyInto(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly unknown[]>,
): Promise<number> {
  const copy = new CopyFrom(
    `copy ${table} (${columns.map((c) => `"${c}"`).join(', ')}) from stdin`,
    (function* () {
      for (const r of rows) yield `${r.map(copyField).join('\t')}\n`;
    })(),
  );
  client.query(copy as unknown as pg.QueryConfig);
  return copy.done;
}
