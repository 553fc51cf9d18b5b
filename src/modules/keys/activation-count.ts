import { type SQL, sql } from 'drizzle-orm';

/**
 * SQL: takes one of the key's activations when one is left, answering the new `used` and
 * `activation_limit`; no row when none is left. The activation module puts it into the statement
 * that records what was activated, so the count and the record commit together and concurrent
 * requests can never take more than the key allows (R-KEY-3).
 */
export const takeActivation = (keyId: string): SQL =>
  sql`update product_key set used = used + 1 where id = ${keyId} and used < activation_limit returning used, activation_limit`;
