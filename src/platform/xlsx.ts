import { PassThrough, type Readable } from 'node:stream';
import type ExcelJS from 'exceljs';

/**
 * What a column holds, so a spreadsheet reads it right (R-REP-4):
 * - text: an explicit string cell with the text format '@', so '1/9', '0012', '1-2', '3E5' and '=1+1'
 *   open as typed and stay text when edited (a string cell is never a formula, so no apostrophe);
 * - integer / decimal: a number, so it sums;
 * - date: an ISO day ('2026-01-31') written as a real date with a day format;
 * - currency: an amount as a number; its currency code goes in a text column of its own, so an
 *   amount is never a string like 'USD 12.50' that no formula can add.
 */
export type ColumnKind = 'text' | 'integer' | 'decimal' | 'date' | 'currency';

export interface Column {
  header: string;
  kind: ColumnKind;
  /** In characters. */
  width?: number;
}

export type XlsxValue = string | number | null;

export interface WorkbookSpec {
  sheet: string;
  /** Lines above the table (a title, "As of …"), each written as text cells; the first is bold. */
  preamble?: readonly (readonly string[])[];
  columns: readonly Column[];
  rows: Iterable<readonly XlsxValue[]> | AsyncIterable<readonly XlsxValue[]>;
  /** Lines right below the table (a total), typed by the same columns; bold. */
  footer?: readonly (readonly XlsxValue[])[];
  /** Text lines after a blank line below everything (a footnote). */
  notes?: readonly string[];
}

const FORMATS: Record<ColumnKind, string> = {
  text: '@',
  integer: '0',
  decimal: '0.00##',
  date: 'yyyy-mm-dd',
  currency: '#,##0.00',
};

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters matched.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * A workbook is XML, which cannot hold most control characters: one in a stored name would make
 * the whole file unreadable, so it becomes a space (tab and line breaks are kept).
 */
function xmlSafe(text: string): string {
  return text.replace(NOT_XML, ' ');
}

/** A value as the cell its column says; an empty value is an empty cell, not '' or 0. */
export function cellValue(kind: ColumnKind, value: XlsxValue): string | number | Date | null {
  if (value === null || value === '') return null;
  if (kind === 'text') return xmlSafe(String(value));
  if (kind === 'date') {
    const m = typeof value === 'string' ? ISO_DAY.exec(value) : null;
    // A date at UTC midnight: Excel dates carry no zone, and exceljs writes the UTC day.
    if (!m) throw new Error(`not an ISO day: ${value}`);
    return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`not a number for a ${kind} column: ${value}`);
  return value;
}

/**
 * The one workbook writer for every Excel file the product writes: one sheet, typed columns,
 * written with exceljs's streaming writer a row at a time, so a large export never sits in memory.
 */
export function workbookStream(spec: WorkbookSpec): Readable {
  const out = new PassThrough();
  write(spec, out).catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

/** The workbook as one buffer, for callers that need its bytes (tests, attachments). */
export async function workbookBuffer(spec: WorkbookSpec): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of workbookStream(spec)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function write(spec: WorkbookSpec, out: PassThrough): Promise<void> {
  // Shared strings on: without them exceljs marks a text cell t="str", which the format reserves
  // for a formula's result; t="s" is what Excel itself writes for text. Rows still stream; only
  // the table of distinct strings is held until the end.
  // Loaded on the first export, not at start: exceljs is the heaviest library the server has.
  const { default: excel } = await import('exceljs');
  const book = new excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  const sheet = book.addWorksheet(spec.sheet);
  sheet.columns = spec.columns.map((c) => ({ width: c.width ?? 16 }));
  const text = (values: readonly string[], font?: Partial<ExcelJS.Font>) => {
    const row = sheet.addRow([]);
    values.forEach((v, j) => {
      const cell = row.getCell(j + 1);
      cell.value = v === '' ? null : xmlSafe(v);
      cell.numFmt = FORMATS.text;
    });
    if (font) row.font = font;
    row.commit();
  };
  // One style object per column kind, shared by every data cell: exceljs remembers the id of a style
  // object it has seen, so a shared one is looked up once, not serialized for each of a million cells.
  // Only data rows use them (a bold row would set its font on the shared object).
  const shared = Object.fromEntries(Object.entries(FORMATS).map(([kind, numFmt]) => [kind, { numFmt }])) as Record<
    ColumnKind,
    Partial<ExcelJS.Style>
  >;
  const typed = (values: readonly XlsxValue[], bold: boolean) => {
    const row = sheet.addRow([]);
    values.forEach((v, i) => {
      const kind = spec.columns[i]?.kind ?? 'text';
      const cell = row.getCell(i + 1);
      cell.value = cellValue(kind, v);
      if (bold) cell.numFmt = FORMATS[kind];
      else cell.style = shared[kind];
    });
    if (bold) row.font = { bold: true };
    row.commit();
  };
  const blank = () => sheet.addRow([]).commit();
  const preamble = spec.preamble ?? [];
  for (const [i, line] of preamble.entries()) text(line, i === 0 ? { bold: true, size: 14 } : undefined);
  if (preamble.length) blank();
  // Headers are text whatever their column holds.
  text(
    spec.columns.map((c) => c.header),
    { bold: true },
  );
  for await (const r of spec.rows) typed(r, false);
  for (const f of spec.footer ?? []) typed(f, true);
  if (spec.notes?.length) {
    blank();
    for (const n of spec.notes) text([n]);
  }
  sheet.commit();
  await book.commit();
}
