import type { KeyType } from './rules.js';

/** R-KEY-7: the columns of the key file, in this order, named exactly so. */
export const EXPORT_COLUMNS = [
  'Licensing ID',
  'Parent Program',
  'Organization',
  'Product',
  'Product Key',
  'Type',
  'MAK Activations-Used/Available',
] as const;

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

const TYPE_LABELS: Record<KeyType, string> = {
  MAK: 'MAK',
  KMS_HOST: 'KMS',
  SETUP: 'Setup Key',
  OSA: 'Online Service Activation',
};

export function exportCells(r: ExportRow): string[] {
  return [
    r.licensingIdNumber,
    r.parentProgram,
    r.organization,
    r.product,
    r.productKey,
    TYPE_LABELS[r.type],
    r.activations ? `${r.activations.used}/${r.activations.available}` : '',
  ];
}

/** Tab-delimited, one key a line; a tab or line break inside a value would shift the columns, so it becomes a space. */
export function toTsv(rows: readonly ExportRow[]): string {
  const clean = (v: string) => v.replace(/[\t\r\n]+/g, ' ');
  return `${[EXPORT_COLUMNS, ...rows.map(exportCells)].map((cells) => cells.map(clean).join('\t')).join('\r\n')}\r\n`;
}

/**
 * RFC 4180 CSV. A value a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with an
 * apostrophe: product names come from the catalog, but a file opened in Excel must not execute.
 */
export function toCsv(rows: readonly ExportRow[]): string {
  const cell = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return `${[EXPORT_COLUMNS, ...rows.map(exportCells)].map((cells) => cells.map(cell).join(',')).join('\r\n')}\r\n`;
}
