import type { Readable } from 'node:stream';
import { type TableFormat, tableText, tsvCell, tsvLine } from '../../platform/csv.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { type Column, workbookStream } from '../../platform/xlsx.js';
import { EXPORT_COLUMNS, type KeyFileLabels, MACHINE_LABELS, peopleLabels } from './export-labels.js';
import type { KeyType } from './rules.js';

export { EXPORT_COLUMNS } from './export-labels.js';

export interface ExportRow {
  licensingIdNumber: string;
  parentProgram: string;
  organization: string;
  product: string;
  productKey: string;
  type: KeyType;
  /** MAK only. */
  activations: { used: number; available: number } | null;
}

/** Whether `name` says `part` already, as whole words ("Server 2022" says "2022", "Office 2021" does not say "1"). */
function says(name: string, part: string): boolean {
  const words = (s: string) => s.toLowerCase().split(/\s+/).filter(Boolean);
  const whole = words(name);
  const wanted = words(part);
  if (wanted.length === 0) return true;
  return whole.some((_, i) => wanted.every((w, j) => whole[i + j] === w));
}

/**
 * How a product is named in the key file and the key lists: its name, with its version and
 * edition added only where the name does not already say them. Catalog names usually carry both
 * ("Northwind Office Professional Plus 2024", version 2024, edition Professional Plus); a name
 * without them ("Windows", 11, Enterprise) gets them appended.
 */
export function productLabel(p: { name: string; version: string; edition: string }): string {
  const name = p.name.trim();
  return [name, ...[p.version, p.edition].map((x) => x.trim()).filter((x) => !says(name, x))].join(' ');
}

/** A key's cells; its Type in the words of `labels` (the TSV's stable ones unless told). */
export function exportCells(r: ExportRow, labels: KeyFileLabels = MACHINE_LABELS): string[] {
  return [
    r.licensingIdNumber,
    r.parentProgram,
    r.organization,
    r.product,
    r.productKey,
    labels.types[r.type],
    r.activations ? `${r.activations.used}/${r.activations.available}` : '',
  ];
}

/** The TSV is for scripts, in stable words; a CSV is opened by people, in the user's language. */
const labelsFor = (format: TableFormat, locale: Locale) => (format === 'tsv' ? MACHINE_LABELS : peopleLabels(locale));

const TYPE_CELLS = Object.fromEntries(Object.entries(MACHINE_LABELS.types).map(([type, label]) => [type, tsvCell(label)])) as Record<
  KeyType,
  string
>;

/**
 * R-KEY-7: the key file's TSV lines written straight from a key's values, byte for byte
 * `tsvLine(exportCells(row))`, with no row object or cell array per key (a million-key export).
 * The file is sorted by Licensing ID and product, so the cells before the key repeat from line to
 * line: they are escaped once per run of lines. `activations` is '' for a key that is not a MAK.
 */
export function tsvKeyLines() {
  let number: string | undefined;
  let parent: string | undefined;
  let org: string | undefined;
  let product: string | undefined;
  let head = '';
  return (
    licensingIdNumber: string,
    parentProgram: string,
    organization: string,
    productLabel: string,
    key: string,
    type: KeyType,
    activations: string,
  ) => {
    if (licensingIdNumber !== number || parentProgram !== parent || organization !== org || productLabel !== product) {
      number = licensingIdNumber;
      parent = parentProgram;
      org = organization;
      product = productLabel;
      head = `${tsvCell(number)}\t${tsvCell(parent)}\t${tsvCell(org)}\t${tsvCell(product)}\t`;
    }
    return `${head}${tsvCell(key)}\t${TYPE_CELLS[type]}\t${tsvCell(activations)}\r\n`;
  };
}

/** R-KEY-7: the key file, one key a line after the header: tab-delimited (stable words), or CSV (in `locale`). */
export function keyFile(rows: readonly ExportRow[], format: TableFormat, locale: Locale): string {
  const labels = labelsFor(format, locale);
  return tableText([labels.columns, ...rows.map((r) => exportCells(r, labels))], format);
}

/** R-KEY-7: the key file's rows as the print view shows them: people's words, in `locale`. */
export const printCells = (rows: readonly ExportRow[], locale: Locale) => rows.map((r) => exportCells(r, peopleLabels(locale)));

/**
 * R-KEY-7, R-REP-4: the key file as an Excel workbook, in the user's language. Every column is
 * text: a key, a Licensing ID like '0012' and the MAK count '1/9' must open as written, never as a
 * number or a date.
 */
export function keyWorkbook(rows: readonly ExportRow[], locale: Locale): Readable {
  const labels = peopleLabels(locale);
  return workbookStream({ sheet: SHEET[locale], columns: workbookColumns(labels), rows: rows.map((r) => exportCells(r, labels)) });
}

const SHEET: Record<Locale, string> = { en: 'Product Keys', sv: 'Produktnycklar' };

// The Product Key column (the fifth) is wider: a key is 29 characters.
const workbookColumns = (labels: KeyFileLabels): Column[] =>
  labels.columns.map((header, i) => ({ header, kind: 'text', width: i === 4 ? 34 : 24 }));

/**
 * R-KEY-7: the key file written a batch of rows at a time (header first), each batch one chunk,
 * byte for byte what keyFile writes for the same rows. `onRows` hears how many went out.
 */
export async function* keyFileChunks(
  batches: AsyncIterable<readonly ExportRow[]>,
  format: TableFormat,
  locale: Locale,
  onRows: (n: number) => void | Promise<void> = () => {},
): AsyncGenerator<Buffer> {
  const labels = labelsFor(format, locale);
  yield Buffer.from(tableText([labels.columns], format));
  for await (const rows of batches) {
    let text = '';
    if (format === 'tsv') for (const r of rows) text += tsvLine(exportCells(r));
    else
      text = tableText(
        rows.map((r) => exportCells(r, labels)),
        format,
      );
    yield Buffer.from(text);
    await onRows(rows.length);
  }
}

/** R-KEY-7: the TSV key file from batches of ready lines (header first), written as they come. */
export async function* keyTsvChunks(
  batches: AsyncIterable<{ pieces: readonly Buffer[]; rows: number }>,
  onRows: (n: number) => void | Promise<void> = () => {},
): AsyncGenerator<Buffer> {
  yield Buffer.from(tableText([EXPORT_COLUMNS], 'tsv'));
  for await (const batch of batches) {
    yield* batch.pieces;
    await onRows(batch.rows);
  }
}

/** R-KEY-7, R-REP-4: the workbook from batches of rows, streamed, in the user's language. */
export function keyWorkbookFromBatches(
  batches: AsyncIterable<readonly ExportRow[]>,
  locale: Locale,
  onRows: (n: number) => void | Promise<void> = () => {},
): Readable {
  const labels = peopleLabels(locale);
  async function* cells() {
    for await (const rows of batches) {
      for (const r of rows) yield exportCells(r, labels);
      await onRows(rows.length);
    }
  }
  return workbookStream({ sheet: SHEET[locale], columns: workbookColumns(labels), rows: cells() });
}
