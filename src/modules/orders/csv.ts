import { CsvError, parse } from 'csv-parse/sync';
import { readOrder } from './api-order.js';
import { type LineError, type OrderInput, parseLicenseType } from './rules.js';

/**
 * A record of the file and its row as a spreadsheet shows it: counted from 1 (the header row),
 * every record one row, an empty line too, a line break inside a quoted cell none.
 */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** RFC 4180 (csv-parse): comma-separated, double-quoted fields with "" for a quote, CRLF, LF or CR line ends, a BOM allowed. */
export function parseCsv(text: string): CsvRecord[] {
  const records: string[][] = parse(text, { bom: true, relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] });
  // Every record is a row, an empty line included (csv-parse gives it one empty cell): it counts, and is left out.
  return records.map((cells, i) => ({ line: i + 1, cells })).filter((r) => r.cells.length > 1 || r.cells[0]?.trim());
}

/** The columns of an order file, one row per order line; the order's header repeats on each of its rows. */
export const ORDER_CSV_COLUMNS = [
  'order_number',
  'order_date',
  'program',
  'licensing_id',
  'product',
  'license_type',
  'quantity',
  'coverage_start',
  'coverage_end',
  'grant',
] as const;
/** R-BC-4: columns a file may have; an empty cell or no column is no value. */
export const OPTIONAL_ORDER_CSV_COLUMNS = ['order_type', 'ordering_party', 'po_number', 'po_status'] as const;
type Column = (typeof ORDER_CSV_COLUMNS)[number] | (typeof OPTIONAL_ORDER_CSV_COLUMNS)[number];

/** "Add-on", "true up", "ADD_ON" alike: the API's code for a choice written in a file. */
const choice = (cell: string): string | undefined => (cell ? cell.toUpperCase().replace(/[\s-]+/g, '_') : undefined);

/** The file's column for a field of an order as the API names it, so that every error names what the file shows. */
const COLUMN_OF_FIELD: Record<string, Column> = {
  orderNumber: 'order_number',
  orderDate: 'order_date',
  licensingId: 'licensing_id',
  'licensingId.program': 'program',
  'licensingId.number': 'licensing_id',
  orderType: 'order_type',
  orderingParty: 'ordering_party',
  poNumber: 'po_number',
  poStatus: 'po_status',
  lines: 'order_number',
  product: 'product',
  licenseType: 'license_type',
  quantity: 'quantity',
  coverageStart: 'coverage_start',
  coverageEnd: 'coverage_end',
  grant: 'grant',
};
export const columnOf = (field: string): string => COLUMN_OF_FIELD[field] ?? field;

export interface CsvOrder {
  /** The well-formed lines; lines with a cell that could not be read are left out and reported in `errors`. */
  order: OrderInput;
  errors: LineError[];
  /**
   * The order itself is wrong (its number, date or Licensing ID, or too many lines): as the API
   * does, nothing is looked up for it; `errors` says why.
   */
  refused: boolean;
}

export interface CsvOrders {
  orders: CsvOrder[];
  /** Problems with the file itself (a missing column): nothing can be imported. */
  missingColumns: Column[];
  /** The file is not CSV (a quote never closed, …): csv-parse's reason, with its line. */
  unreadable: string | null;
  /** Rows without an order number belong to no order. */
  orphanErrors: LineError[];
}

const FLAG_TRUE = new Set(['yes', 'y', 'true', '1', '*']);
const FLAG_FALSE = new Set(['', 'no', 'n', 'false', '0']);

/**
 * A row's cells as the API's values, where the file's way of writing them is understood ("L&SA",
 * "yes", "12"); a cell that is not is passed on as written, for the API's schema to refuse with
 * the API's code, and an empty cell is no value.
 */
function apiValues(cell: (col: Column) => string) {
  const given = (col: Column) => cell(col) || undefined;
  const quantity = cell('quantity');
  const flag = cell('grant').toLowerCase();
  return {
    header: {
      orderNumber: given('order_number'),
      orderDate: given('order_date'),
      licensingId: { program: given('program'), number: given('licensing_id') },
      orderType: choice(cell('order_type')),
      orderingParty: given('ordering_party'),
      poNumber: given('po_number'),
      poStatus: choice(cell('po_status')),
    },
    line: {
      product: given('product'),
      licenseType: parseLicenseType(cell('license_type')) ?? given('license_type'),
      quantity: /^[+-]?\d+$/.test(quantity) ? Number(quantity) : quantity || undefined,
      coverageStart: given('coverage_start'),
      coverageEnd: cell('coverage_end') || null,
      grant: FLAG_TRUE.has(flag) ? true : FLAG_FALSE.has(flag) ? false : flag,
    },
  };
}

type Header = ReturnType<typeof apiValues>['header'];
/** The header as written, for comparing the rows of one order (the schema upper-cases a program). */
const sameHeader = (a: Header, b: Header) =>
  a.orderDate === b.orderDate &&
  a.licensingId.number === b.licensingId.number &&
  a.licensingId.program?.toUpperCase() === b.licensingId.program?.toUpperCase();

interface Rows {
  header: Header;
  headerLine: number;
  lines: { line: number; values: Record<string, unknown> }[];
  mismatches: LineError[];
}

/**
 * R-BC-7: groups the rows of an order file into orders by order number (one order per order
 * number) and reads each with the API's schema (readOrder), so that a file and the API refuse the
 * same values with the same codes, at the file's rows and named by its columns.
 */
export function ordersFromCsv(text: string): CsvOrders {
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvError) return { orders: [], missingColumns: [], unreadable: e.message, orphanErrors: [] };
    throw e;
  }
  const [head, ...rows] = records;
  const names = (head?.cells ?? []).map((c) =>
    c
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const index = new Map<Column, number>();
  for (const col of [...ORDER_CSV_COLUMNS, ...OPTIONAL_ORDER_CSV_COLUMNS]) {
    const at = names.indexOf(col);
    if (at >= 0) index.set(col, at);
  }
  const missingColumns = ORDER_CSV_COLUMNS.filter((c) => !index.has(c));
  if (missingColumns.length > 0) return { orders: [], missingColumns, unreadable: null, orphanErrors: [] };

  const byNumber = new Map<string, Rows>();
  const orphanErrors: LineError[] = [];
  for (const row of rows) {
    const { header, line } = apiValues((col) => (row.cells[index.get(col) ?? -1] ?? '').trim());
    if (!header.orderNumber) {
      orphanErrors.push({ line: row.line, field: 'order_number', code: 'MISSING_VALUE' });
      continue;
    }
    const rowsOf = byNumber.get(header.orderNumber) ?? { header, headerLine: row.line, lines: [], mismatches: [] };
    byNumber.set(header.orderNumber, rowsOf);
    if (!sameHeader(rowsOf.header, header))
      rowsOf.mismatches.push({ line: row.line, field: 'order_number', code: 'ORDER_HEADER_MISMATCH' });
    rowsOf.lines.push({ line: row.line, values: line });
  }

  const orders = [...byNumber.entries()].map(([orderNumber, { header, headerLine, lines, mismatches }]): CsvOrder => {
    const read = readOrder({ header, lines, headerLine });
    const mismatched = new Set(mismatches.map((m) => m.line));
    const errors = [...read.orderErrors, ...read.lineErrors, ...mismatches]
      .map((e) => ({ ...e, field: columnOf(e.field) }))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const order: OrderInput = read.order ?? {
      orderNumber,
      orderDate: header.orderDate ?? '',
      licensingId: { program: header.licensingId.program ?? '', number: header.licensingId.number ?? '' },
      lines: [],
      headerLine,
    };
    // A row naming another date or Licensing ID than its order's first row is no line of that order.
    return { order: { ...order, lines: order.lines.filter((l) => !mismatched.has(l.line)) }, errors, refused: read.order === null };
  });
  return { orders, missingColumns: [], unreadable: null, orphanErrors };
}
