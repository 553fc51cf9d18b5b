import { z } from 'zod';
import { invalid } from '../errors.js';

/**
 * Keyset page positions of every list (`?limit=&cursor=`): the last row's sort key as base64url
 * JSON, opaque to clients. One codec and one problem code, so a client handles a stale or forged
 * cursor the same way on every list: start again from the first page (INVALID_CURSOR, titled
 * with the platform's problems).
 */

/** The `cursor` query parameter, as it arrives: its meaning is checked when it is decoded. */
export const CursorParam = z.string().trim().max(600).describe('The nextCursor of the previous page; absent for the first page');

export const encodeCursor = (position: readonly unknown[]): string => Buffer.from(JSON.stringify(position)).toString('base64url');

/** The position a cursor holds, read with the list's own shape; anything else is INVALID_CURSOR (400). */
export function decodeCursor<T>(cursor: string, shape: z.ZodType<T>): T {
  let value: unknown = null;
  if (/^[A-Za-z0-9_-]+$/.test(cursor)) {
    try {
      value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      // not JSON: refused below like any other cursor this API did not give out
    }
  }
  const read = shape.safeParse(value);
  if (!read.success) throw invalid('INVALID_CURSOR', 'The cursor is not one this list returned.');
  return read.data;
}
