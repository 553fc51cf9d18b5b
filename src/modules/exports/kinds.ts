import type { ExportKind } from './kinds/kind.js';
import { licenseSummaryExport } from './kinds/license-summary.js';
import { productKeysExport } from './kinds/product-keys.js';

/**
 * The registry of background exports: a kind's name (stored on the job) → what it writes. A new
 * kind (a standard or custom report) is one file in kinds/ and one line here.
 */
export const EXPORT_KINDS = {
  'product-keys': productKeysExport,
  'license-summary': licenseSummaryExport,
} as const satisfies Record<string, ExportKind>;

export type ExportKindName = keyof typeof EXPORT_KINDS;
export const EXPORT_KIND_NAMES = Object.keys(EXPORT_KINDS) as [ExportKindName, ...ExportKindName[]];

export const kindOf = (name: string): ExportKind | undefined =>
  Object.hasOwn(EXPORT_KINDS, name) ? EXPORT_KINDS[name as ExportKindName] : undefined;
