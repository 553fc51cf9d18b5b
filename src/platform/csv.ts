import { pipeline, Readable } from 'node:stream';
import { type Options, stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';

export type Cell = string | number;
export type TableFormat = 'csv' | 'tsv';

/**
 * The one rule for every table a user downloads and opens in a spreadsheet. A text cell starting
 * with = + - @, a tab or a carriage return (or their full-width forms) gets an apostrophe in front
 * (csv-stringify's escape_formulas), because names in these files come from users and the catalog
 * and a file opened in Excel must never run a formula; a number is left alone (-3 is a quantity).
 * Rows end with CRLF, as spreadsheets write them.
 */
const SPREADSHEET_SAFE: Options = { escape_formulas: true, record_delimiter: '\r\n' };

const FORMATS: Record<TableFormat, Options> = {
  // RFC 4180 quoting, and a cell with a semicolon quoted too: spreadsheets in locales whose list
  // separator is ";" (Swedish among them) would otherwise split it.
  csv: { ...SPREADSHEET_SAFE, quote_record_delimiter: true, quoted_match: [';'] },
  // Nothing is quoted in a TSV (tools reading key files split on tabs): a tab or line break
  // inside a value would shift the columns, so it becomes a space.
  tsv: {
    ...SPREADSHEET_SAFE,
    delimiter: '\t',
    quote: false,
    cast: { string: (v) => v.replace(/[\t\r\n]+/g, ' ') },
  },
};

/** A whole table as text, header row first. */
export function tableText(rows: Iterable<readonly Cell[]>, format: TableFormat): string {
  return stringifySync([...rows] as Cell[][], FORMATS[format]);
}

/**
 * A table as CSV, a row at a time, so a large one never sits in memory as one string (rows may
 * come from an async source, read page by page); `bom` for Excel to read it as UTF-8.
 */
export function csvStream(rows: Iterable<readonly Cell[]> | AsyncIterable<readonly Cell[]>, { bom = false } = {}): Readable {
  return pipeline(Readable.from(rows), stringify({ ...FORMATS.csv, bom }), () => {});
}

const TSV_BREAKS = /[\t\r\n]+/g;
const FORMULA_START = new Set(['-', '=', '+', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/** One text cell of a TSV table, as `tableText(…, 'tsv')` writes it: breaks made spaces, a formula start escaped. */
export function tsvCell(value: string): string {
  if (!value.length) return value;
  const v = value.includes('\t') || value.includes('\r') || value.includes('\n') ? value.replace(TSV_BREAKS, ' ') : value;
  return FORMULA_START.has(v[0] as string) ? `'${v}` : v;
}

/**
 * One line of a TSV table (text cells), exactly as `tableText(…, 'tsv')` writes it, without a
 * stringifier per row: a long key file is written a batch of lines at a time (bench/keys-tsv.ts).
 */
export function tsvLine(cells: readonly string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += i === 0 ? tsvCell(cells[i] ?? '') : `\t${tsvCell(cells[i] ?? '')}`;
  return `${line}\r\n`;
}
