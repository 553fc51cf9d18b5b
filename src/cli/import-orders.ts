import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { selfProvisioningOrderHook } from '../modules/business-center/self-provisioning/order-hook.js';
import { onlineServicesOrderHook } from '../modules/online-services/activation.js';
import { columnOf, ordersFromCsv } from '../modules/orders/csv.js';
import { createOrderIngestion } from '../modules/orders/ingestion.js';
import { ORDER_LINE_MESSAGES } from '../modules/orders/problems.js';
import type { LineError } from '../modules/orders/rules.js';
import { systemClock } from '../platform/clock.js';
import type { Db } from '../platform/db/client.js';
import { DomainError } from '../platform/errors.js';

export interface ImportOutcome {
  orderNumber: string | null;
  result: 'recorded' | 'unchanged' | 'rejected';
  lineCount: number;
  errors: LineError[];
  /** For a refused order that is not a line problem (ORDER_NUMBER_CONFLICT). */
  code?: string;
  detail?: string;
}

/**
 * `lsc import-orders FILE.csv` (R-BC-7): each order of the file in its own transaction, through the
 * same ingestion as the API. A bad order is rejected whole and the others still go in; a file
 * imported twice records nothing the second time.
 */
export async function importOrdersFile(db: Db, config: Config, file: string): Promise<{ outcomes: ImportOutcome[]; fileErrors: string[] }> {
  const text = await readFile(file, 'utf8');
  const parsed = ordersFromCsv(text);
  if (parsed.unreadable) return { outcomes: [], fileErrors: [`${path.basename(file)}: not a CSV file: ${parsed.unreadable}`] };
  if (parsed.missingColumns.length > 0) {
    return { outcomes: [], fileErrors: [`${path.basename(file)}: missing column(s) ${parsed.missingColumns.join(', ')}`] };
  }
  // The same reactions to an order as the API's (R-OS-1: online-service activation).
  const ingestion = createOrderIngestion({
    db,
    config,
    clock: systemClock,
    onRecorded: [onlineServicesOrderHook(config), selfProvisioningOrderHook()],
  });
  const outcomes: ImportOutcome[] = [];
  if (parsed.orphanErrors.length > 0) outcomes.push({ orderNumber: null, result: 'rejected', lineCount: 0, errors: parsed.orphanErrors });
  for (const { order, errors, refused } of parsed.orders) {
    if (refused) {
      outcomes.push({ orderNumber: order.orderNumber, result: 'rejected', lineCount: 0, errors });
      continue;
    }
    try {
      const done = await ingestion.ingest(null, order, { source: 'CSV', parseErrors: errors });
      outcomes.push({
        orderNumber: order.orderNumber,
        result: done.replayed ? 'unchanged' : 'recorded',
        lineCount: done.order.lineCount,
        errors: [],
      });
    } catch (e) {
      if (!(e instanceof DomainError) || e.status >= 500) throw e;
      // Errors found after reading name the API's fields; a file's reader knows its columns.
      const lineErrors = ((e.details?.errors as LineError[] | undefined) ?? []).map((x) => ({ ...x, field: columnOf(x.field) }));
      outcomes.push({
        orderNumber: order.orderNumber,
        result: 'rejected',
        lineCount: 0,
        errors: lineErrors,
        code: e.code,
        detail: e.message,
      });
    }
  }
  return { outcomes, fileErrors: [] };
}

export function describeImport(outcomes: ImportOutcome[]): string {
  const out: string[] = [];
  for (const o of outcomes) {
    const name = o.orderNumber ? `Order ${o.orderNumber}` : 'Rows without an order number';
    if (o.result === 'recorded') out.push(`${name}: recorded (${o.lineCount} lines)`);
    else if (o.result === 'unchanged') out.push(`${name}: already recorded with the same content, nothing written`);
    else {
      out.push(`${name}: rejected, nothing written${o.errors.length ? '' : ` (${o.code}: ${o.detail})`}`);
      for (const e of o.errors) out.push(`  line ${e.line ?? '-'}, ${e.field}: ${e.code} ${ORDER_LINE_MESSAGES[e.code].en}`);
    }
  }
  const count = (r: ImportOutcome['result']) => outcomes.filter((o) => o.result === r && o.orderNumber !== null).length;
  out.push(`${count('recorded')} recorded, ${count('unchanged')} unchanged, ${count('rejected')} rejected.`);
  return out.join('\n');
}
