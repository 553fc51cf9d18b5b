import type { Readable } from 'node:stream';
import { csvStream } from '../../../platform/csv.js';
import type { Locale } from '../../../platform/i18n/locale.js';
import { type Column, workbookStream } from '../../../platform/xlsx.js';
import type { AccountOrder } from './service.js';

const LABELS = {
  en: {
    sheet: 'Order history',
    account: 'Purchasing account',
    orderNumber: 'Order number',
    orderDate: 'Order date',
    orderType: 'Order type',
    orderingParty: 'Ordering party',
    agreement: 'Agreement number',
    accountNumber: 'Purchasing account number',
    poNumber: 'Purchase order number',
    poStatus: 'Purchase order status',
    lines: 'Lines',
    quantity: 'Quantity',
    truncated: 'Only the first 10,000 orders are included. Use the filters to narrow the list.',
    types: { NEW: 'New', ADD_ON: 'Add-on', RENEWAL: 'Renewal', TRUE_UP: 'True-up' },
    statuses: { OPEN: 'Open', INVOICED: 'Invoiced', CLOSED: 'Closed' },
  },
  sv: {
    sheet: 'Orderhistorik',
    account: 'Inköpskonto',
    orderNumber: 'Ordernummer',
    orderDate: 'Orderdatum',
    orderType: 'Ordertyp',
    orderingParty: 'Beställare',
    agreement: 'Avtalsnummer',
    accountNumber: 'Inköpskontonummer',
    poNumber: 'Inköpsordernummer',
    poStatus: 'Inköpsorderstatus',
    lines: 'Rader',
    quantity: 'Antal',
    truncated: 'Endast de första 10 000 orderna ingår. Använd filtren för att begränsa listan.',
    types: { NEW: 'Ny', ADD_ON: 'Tillägg', RENEWAL: 'Förnyelse', TRUE_UP: 'True-up' },
    statuses: { OPEN: 'Öppen', INVOICED: 'Fakturerad', CLOSED: 'Stängd' },
  },
} satisfies Record<Locale, unknown>;

const COLUMNS = [
  'orderNumber',
  'orderDate',
  'orderType',
  'orderingParty',
  'agreement',
  'accountNumber',
  'poNumber',
  'poStatus',
  'lines',
  'quantity',
] as const;
const KINDS: Column['kind'][] = ['text', 'date', 'text', 'text', 'text', 'text', 'text', 'text', 'integer', 'integer'];

function cells(o: AccountOrder, locale: Locale): (string | number | null)[] {
  const l = LABELS[locale];
  return [
    o.orderNumber,
    o.orderDate,
    l.types[o.orderType],
    o.orderingParty,
    o.licensingId.number,
    o.purchasingAccountNumber,
    o.poNumber,
    l.statuses[o.poStatus],
    o.lineCount,
    o.totalQuantity,
  ];
}

/** R-BC-4: the order history as CSV with a BOM; order and PO numbers are plain text. */
export function orderHistoryCsv(orders: readonly AccountOrder[], locale: Locale): Readable {
  const l = LABELS[locale];
  function* table() {
    yield COLUMNS.map((c) => l[c]);
    for (const o of orders) yield cells(o, locale).map((v) => v ?? '');
  }
  return csvStream(table(), { bom: true });
}

/** R-BC-4: the order history as a workbook; order numbers and PO numbers stay text; a warning when cut at 10,000. */
export function orderHistoryXlsx(
  orders: readonly AccountOrder[],
  p: { accountName: string; accountNumber: string; truncated: boolean },
  locale: Locale,
): Readable {
  const l = LABELS[locale];
  return workbookStream({
    sheet: l.sheet,
    preamble: [[l.sheet], [l.account, `${p.accountName} (${p.accountNumber})`], ...(p.truncated ? [[l.truncated]] : [])],
    columns: COLUMNS.map((c, i) => ({ header: l[c], kind: KINDS[i] ?? 'text', width: c === 'orderingParty' ? 30 : 18 })),
    rows: orders.map((o) => cells(o, locale)),
  });
}
