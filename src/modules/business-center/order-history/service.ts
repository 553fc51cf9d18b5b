import type { Clock } from '../../../platform/clock.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { invalid, notFound } from '../../../platform/errors.js';
import { type OrderCursor, type OrderHistoryRow, type OrderSort, orderHistoryOf } from '../../orders/for-business-center.js';
import { accountNumberOf } from '../account-facts.js';
import { accountLicensingIds } from '../accounts.js';
import type { OrderHistoryFilterQuery } from './schemas.js';

/** R-BC-4, like R-REP-4: an export holds at most this many orders, with a warning when there were more. */
export const EXPORT_LIMIT = 10_000;

const encodeCursor = (c: OrderCursor) => Buffer.from(JSON.stringify([c.key, c.orderNumber, c.id])).toString('base64url');

function decodeCursor(text: string): OrderCursor {
  try {
    const [key, orderNumber, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof key === 'string' && typeof orderNumber === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) {
      return { key, orderNumber, id };
    }
  } catch {
    // falls through to the refusal
  }
  throw invalid('ORDER_HISTORY_CURSOR_INVALID', 'The cursor is not one this list gave.');
}

export type AccountOrder = OrderHistoryRow & { purchasingAccountNumber: string };

/**
 * R-BC-4: the order history of one purchasing account (authorized by the route): the orders of
 * its Licensing IDs only. The purchasing account number filter names this account or matches
 * nothing; the agreement number one of its Licensing IDs.
 */
export function createOrderHistory({ db }: { db: DbOrTx; clock: Clock }) {
  async function scope(accountId: string, f: OrderHistoryFilterQuery) {
    const number = await accountNumberOf(db, accountId);
    if (number === null) throw notFound('purchasing account');
    const ids = (await accountLicensingIds(db, accountId)).licensingIds.map((l) => l.id);
    const wrongAccount = f.purchasingAccountNumber !== undefined && f.purchasingAccountNumber !== number;
    return { number, ids: wrongAccount ? [] : ids };
  }
  const filterOf = (f: OrderHistoryFilterQuery) => ({
    from: f.from,
    to: f.to,
    orderType: f.orderType,
    orderingParty: f.orderingParty,
    orderNumber: f.orderNumber,
    agreementNumber: f.agreementNumber,
    poStatus: f.poStatus,
  });

  return {
    async page(accountId: string, q: OrderHistoryFilterQuery & { sort: OrderSort; limit: number; cursor?: string | undefined }) {
      const after = q.cursor ? decodeCursor(q.cursor) : undefined;
      const { number, ids } = await scope(accountId, q);
      const { items, next } = await orderHistoryOf(db, ids, filterOf(q), { sort: q.sort, limit: q.limit, after });
      return { items: items.map((o) => ({ ...o, purchasingAccountNumber: number })), next: next ? encodeCursor(next) : null };
    },

    /** Up to EXPORT_LIMIT orders; `truncated` says there were more. */
    async all(accountId: string, q: OrderHistoryFilterQuery & { sort: OrderSort }): Promise<{ items: AccountOrder[]; truncated: boolean }> {
      const { number, ids } = await scope(accountId, q);
      const { items, next } = await orderHistoryOf(db, ids, filterOf(q), { sort: q.sort, limit: EXPORT_LIMIT });
      return { items: items.map((o) => ({ ...o, purchasingAccountNumber: number })), truncated: next !== null };
    },
  };
}
