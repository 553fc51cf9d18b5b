import { type SQL, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { conflict, DomainError } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import { productsByCode } from '../catalog/service.js';
import { administratorsOfRecord } from '../permissions/admins.js';
import { licensingIdByNumber } from '../relationship/service.js';
import { ordersMails } from './mails.js';
import { ORDER_LINE_MESSAGES } from './problems.js';
import {
  contentHash,
  countsFrom,
  dayOf,
  type LineError,
  type OrderInput,
  type OrderSource,
  orderErrors,
  PUBLISHER_PARTY,
} from './rules.js';
import { licenseOrder, orderLine } from './tables.js';

/** Lines per INSERT: large orders go in a few statements, each well under PostgreSQL's parameter limit. */
const INSERT_CHUNK = 1000;

export interface OrderReceipt {
  id: string;
  orderNumber: string;
  licensingId: { id: string; programCode: string; number: string };
  orderDate: string;
  receivedAt: Date;
  source: OrderSource;
  lineCount: number;
  totalQuantity: number;
}

export interface IngestResult {
  /** True when the order was already recorded with the same content: nothing was written this time. */
  replayed: boolean;
  order: OrderReceipt;
}

/** Who ingests: an operator through the API, or the command line (no user). */
export type IngestActor = Actor | null;

/** An order as it was just recorded, for the modules that react to orders. */
export interface RecordedOrder {
  id: string;
  orderNumber: string;
  licensingId: string;
  organizationId: string;
  orderDate: string;
  lines: readonly { productId: string; licenseType: string; quantity: number; countsFrom: string; coverageEnd: string | null }[];
}

/**
 * What another module does in the transaction that records an order (the online-services
 * activation, R-OS-1). Those modules read orders, so orders cannot import them: app.ts and the
 * CLI pass it in. Throwing a DomainError refuses the order: nothing is recorded.
 */
export type OrderRecordedHook = (tx: DbOrTx, order: RecordedOrder, actor: IngestActor, now: Date) => Promise<void>;

async function receipt(db: DbOrTx, where: SQL): Promise<(OrderReceipt & { contentHash: string }) | null> {
  const res = await db.execute<{
    id: string;
    order_number: string;
    licensing_id: string;
    program_code: string;
    number: string;
    order_date: string;
    received_at: Date;
    source: OrderSource;
    content_hash: string;
    line_count: number;
    total_quantity: string;
  }>(sql`
    select o.id, o.order_number, o.licensing_id, l.program_code, l.number, o.order_date, o.received_at, o.source, o.content_hash,
      (select count(*)::int from order_line ol where ol.order_id = o.id) as line_count,
      (select coalesce(sum(ol.quantity), 0) from order_line ol where ol.order_id = o.id) as total_quantity
    from license_order o join licensing_id l on l.id = o.licensing_id
    where ${where}`);
  const r = res.rows[0];
  if (!r) return null;
  return {
    id: r.id,
    orderNumber: r.order_number,
    licensingId: { id: r.licensing_id, programCode: r.program_code, number: r.number },
    orderDate: r.order_date,
    receivedAt: new Date(r.received_at),
    source: r.source,
    lineCount: r.line_count,
    totalQuantity: Number(r.total_quantity),
    contentHash: r.content_hash,
  };
}

export function createOrderIngestion({
  db,
  config,
  clock,
  onRecorded = [],
}: {
  db: Db;
  config: Config;
  clock: Clock;
  onRecorded?: readonly OrderRecordedHook[];
}) {
  /** An order already recorded under this key or number: the same content is a replay, other content a conflict. */
  async function previous(order: OrderInput, hash: string, idempotencyKey: string | undefined): Promise<IngestResult | null> {
    if (idempotencyKey) {
      const byKey = await receipt(db, sql`o.idempotency_key = ${idempotencyKey}`);
      if (byKey) {
        if (byKey.contentHash !== hash) {
          throw conflict('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different order.', {
            orderNumber: byKey.orderNumber,
          });
        }
        const { contentHash: _, ...first } = byKey;
        return { replayed: true, order: first };
      }
    }
    const byNumber = await receipt(db, sql`o.order_number = ${order.orderNumber}`);
    if (!byNumber) return null;
    if (byNumber.contentHash !== hash) {
      throw conflict('ORDER_NUMBER_CONFLICT', `Order ${order.orderNumber} was already recorded with different content.`, {
        orderNumber: order.orderNumber,
      });
    }
    const { contentHash: _, ...first } = byNumber;
    return { replayed: true, order: first };
  }

  function rejected(errors: LineError[], locale: Locale): DomainError {
    return new DomainError('ORDER_INVALID', 400, `The order has ${errors.length} invalid value(s); nothing was written.`, {
      errors: errors.map((e) => ({ ...e, message: ORDER_LINE_MESSAGES[e.code][locale] })),
    });
  }

  return {
    /**
     * R-BC-7: records one order, all of it or nothing. Idempotent by order number and by
     * Idempotency-Key; a line error rejects the whole order with every error, line by line.
     */
    async ingest(
      actor: IngestActor,
      order: OrderInput,
      opts: { source: OrderSource; idempotencyKey?: string; parseErrors?: LineError[] },
    ): Promise<IngestResult> {
      const hash = contentHash(order);
      const locale = actor?.locale ?? 'en';
      const parseErrors = opts.parseErrors ?? [];
      // A file row that could not be read is left out of `order`, so its hash says nothing yet.
      const earlier = parseErrors.length === 0 ? await previous(order, hash, opts.idempotencyKey) : null;
      if (earlier) return earlier;

      const lid = await licensingIdByNumber(db, order.licensingId.program, order.licensingId.number);
      const products = await productsByCode(db, [...new Set(order.lines.map((l) => l.product))]);
      const errors = [
        ...parseErrors,
        ...orderErrors(order, { licensingIdFound: lid !== null, productCodes: new Set(products.keys()) }),
      ].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      if (errors.length > 0 || !lid) throw rejected(errors, locale);

      const now = clock.now();
      const receivedOn = dayOf(now);
      const totalQuantity = order.lines.reduce((n, l) => n + l.quantity, 0);
      const created = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(licenseOrder)
          .values({
            orderNumber: order.orderNumber,
            licensingId: lid.id,
            organizationId: lid.organizationId,
            orderDate: order.orderDate,
            receivedAt: now,
            source: opts.source,
            contentHash: hash,
            idempotencyKey: opts.idempotencyKey ?? null,
            createdBy: actor?.userId ?? null,
            orderType: order.orderType ?? 'NEW',
            orderingParty: order.orderingParty ?? PUBLISHER_PARTY,
            poNumber: order.poNumber ?? null,
            poStatus: order.poStatus ?? 'OPEN',
          })
          .onConflictDoNothing()
          .returning({ id: licenseOrder.id });
        // Someone recorded the same number or key a moment ago: answer as for any replay.
        if (!row) return null;
        const values = order.lines.map((l, i) => ({
          orderId: row.id,
          lineNumber: i + 1,
          licensingId: lid.id,
          productId: products.get(l.product)?.id ?? '',
          licenseType: l.licenseType,
          quantity: l.quantity,
          coverageStart: l.coverageStart,
          coverageEnd: l.coverageEnd,
          countsFrom: countsFrom(lid.programCode, l.coverageStart, receivedOn),
          isGrant: l.grant,
        }));
        for (let i = 0; i < values.length; i += INSERT_CHUNK) await tx.insert(orderLine).values(values.slice(i, i + INSERT_CHUNK));
        await audit(tx, actor, {
          action: 'order.ingest',
          targetType: 'order',
          targetId: row.id,
          organizationId: lid.organizationId,
          licensingIds: [lid.id],
          after: {
            orderNumber: order.orderNumber,
            licensingId: lid.id,
            orderDate: order.orderDate,
            lineCount: values.length,
            totalQuantity,
            source: opts.source,
            idempotencyKey: opts.idempotencyKey ?? null,
          },
        });
        const recorded: RecordedOrder = {
          id: row.id,
          orderNumber: order.orderNumber,
          licensingId: lid.id,
          organizationId: lid.organizationId,
          orderDate: order.orderDate,
          lines: values,
        };
        for (const hook of onRecorded) await hook(tx, recorded, actor, now);
        for (const admin of await administratorsOfRecord(tx, lid.id)) {
          await enqueueMail(tx, {
            to: admin.email,
            locale: admin.locale,
            template: ordersMails.orderRecorded,
            params: {
              firstName: admin.firstName || admin.email,
              orderNumber: order.orderNumber,
              orderDate: order.orderDate,
              licensingName: lid.name,
              licensingNumber: lid.number,
              lineCount: values.length,
              totalQuantity,
              url: `${config.publicUrl}/licenses/license-summary`,
            },
          });
        }
        return row;
      });
      if (!created) {
        const raced = await previous(order, hash, opts.idempotencyKey);
        if (raced) return raced;
        throw new DomainError('INTERNAL', 500, 'The order was neither recorded nor found.');
      }
      const first = await receipt(db, sql`o.id = ${created.id}`);
      if (!first) throw new DomainError('INTERNAL', 500, 'The recorded order vanished.');
      const { contentHash: _, ...answer } = first;
      return { replayed: false, order: answer };
    },
  };
}

export type OrderIngestion = ReturnType<typeof createOrderIngestion>;
