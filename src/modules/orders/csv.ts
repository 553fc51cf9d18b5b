import { isDay, type LineError, type OrderInput, type OrderLineInput, parseLicenseType } from './rules.js';

/**
 * A record of the file and its row as a spreadsheet shows it: counted from 1 (the header row),
 * every record one row, an empty line too, a line break inside a quoted cell none.
 */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** RFC 4180: comma-separated, double-quoted fields with "" for a quote, CRLF or LF line ends. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let row = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]?.trim()) records.push({ line: row, cells });
    cells = [];
    cell = '';
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      row++;
    } else cell += c;
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}

/** The file's column for a field of an order ("coverageEnd" is coverage_end), so that every error names what the file shows. */
export const columnOf = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

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
type Column = (typeof ORDER_CSV_COLUMNS)[number];

export interface CsvOrder {
  /** The well-formed lines; lines with a cell that could not be read are left out and reported in `errors`. */
  order: OrderInput;
  errors: LineError[];
}

export interface CsvOrders {
  orders: CsvOrder[];
  /** Problems with the file itself (a missing column): nothing can be imported. */
  missingColumns: Column[];
  /** Rows without an order number belong to no order. */
  orphanErrors: LineError[];
}

const FLAG_TRUE = new Set(['yes', 'y', 'true', '1', '*']);
const FLAG_FALSE = new Set(['', 'no', 'n', 'false', '0']);

/** Groups the rows of an order file into orders by order number (R-BC-7: one order per order number). */
export function ordersFromCsv(text: string): CsvOrders {
  const [head, ...rows] = parseCsv(text);
  const names = (head?.cells ?? []).map((c) =>
    c
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const index = new Map<Column, number>();
  for (const col of ORDER_CSV_COLUMNS) {
    const at = names.indexOf(col);
    if (at >= 0) index.set(col, at);
  }
  const missingColumns = ORDER_CSV_COLUMNS.filter((c) => !index.has(c));
  if (missingColumns.length > 0) return { orders: [], missingColumns, orphanErrors: [] };

  const byNumber = new Map<string, CsvOrder>();
  const orphanErrors: LineError[] = [];
  for (const row of rows) {
    const get = (col: Column) => (row.cells[index.get(col) ?? -1] ?? '').trim();
    const errors: LineError[] = [];
    const need = (col: Column) => {
      const v = get(col);
      if (!v) errors.push({ line: row.line, field: col, code: 'MISSING_VALUE' });
      return v;
    };
    const day = (col: Column, required: boolean) => {
      const v = get(col);
      if (!v) {
        if (required) errors.push({ line: row.line, field: col, code: 'MISSING_VALUE' });
        return null;
      }
      if (!isDay(v)) errors.push({ line: row.line, field: col, code: 'INVALID_DATE' });
      return v;
    };
    const orderNumber = get('order_number');
    if (!orderNumber) {
      orphanErrors.push({ line: row.line, field: 'order_number', code: 'MISSING_VALUE' });
      continue;
    }
    const orderDate = day('order_date', true) ?? '';
    const program = need('program').toUpperCase();
    const number = need('licensing_id');
    const product = need('product');
    const typeCell = need('license_type');
    const licenseType = typeCell ? parseLicenseType(typeCell) : null;
    if (typeCell && !licenseType) errors.push({ line: row.line, field: 'license_type', code: 'UNKNOWN_LICENSE_TYPE' });
    const qtyCell = need('quantity');
    const quantity = /^[+-]?\d{1,10}$/.test(qtyCell) ? Number(qtyCell) : Number.NaN;
    if (qtyCell && Number.isNaN(quantity)) errors.push({ line: row.line, field: 'quantity', code: 'INVALID_NUMBER' });
    const coverageStart = day('coverage_start', true);
    const coverageEnd = day('coverage_end', false);
    const flag = get('grant').toLowerCase();
    if (!FLAG_TRUE.has(flag) && !FLAG_FALSE.has(flag)) errors.push({ line: row.line, field: 'grant', code: 'INVALID_FLAG' });

    let entry = byNumber.get(orderNumber);
    if (!entry) {
      entry = { order: { orderNumber, orderDate, licensingId: { program, number }, lines: [], headerLine: row.line }, errors: [] };
      byNumber.set(orderNumber, entry);
    } else {
      const o = entry.order;
      if (o.orderDate !== orderDate || o.licensingId.program !== program || o.licensingId.number !== number) {
        errors.push({ line: row.line, field: 'order_number', code: 'ORDER_HEADER_MISMATCH' });
      }
    }
    if (errors.length > 0 || !licenseType || coverageStart === null) {
      entry.errors.push(...errors);
      continue;
    }
    const line: OrderLineInput = { line: row.line, product, licenseType, quantity, coverageStart, coverageEnd, grant: FLAG_TRUE.has(flag) };
    entry.order.lines.push(line);
  }
  return { orders: [...byNumber.values()], missingColumns: [], orphanErrors };
}
