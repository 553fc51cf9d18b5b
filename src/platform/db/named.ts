import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { QueryResult, QueryResultRow } from 'pg';
import type { DbOrTx } from './client.js';

const dialect = new PgDialect();

/**
 * A query run as a statement prepared once per connection under `name`: PostgreSQL parses it once
 * per connection and, after a few runs, plans it once, instead of on every call. For the queries
 * every request (or every submission) asks: the session, the guard's check on a Licensing ID. The
 * query's text under one name must never change (node-postgres refuses a name reused for another
 * text), only its values; a fragment whose text depends on its arguments does not belong here.
 */
export async function executeNamed<T extends QueryResultRow>(db: DbOrTx, name: string, query: SQL): Promise<QueryResult<T>> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  // Through the handle's own session, so a transaction's query runs on the transaction's connection.
  return db._.session
    .prepareQuery<{ execute: QueryResult<T>; all: T[]; values: unknown[][] }>({ sql: text, params }, undefined, name, false)
    .execute();
}
