import type { ProgramCode } from '../../relationship/rules.js';

/** R-BC-2: a sales package's life: prepared, sent for signature, then signed or withdrawn. */
export const SALES_PACKAGE_STATUSES = ['DRAFT', 'SENT', 'SIGNED', 'WITHDRAWN'] as const;
export type SalesPackageStatus = (typeof SALES_PACKAGE_STATUSES)[number];

/** What the partner offers: a program, a start date, and product lines and/or a free-text offer. */
export interface SalesPackageTerms {
  program: ProgramCode;
  startDate: string;
  lines: { product: string; quantity: number }[];
  offer: string | null;
}

/** The consent text a signer agrees to, by version: a new text gets a new version. */
export const CONSENT_VERSION = 'bc-esign-1';

/** The largest paper-signed scan accepted. */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** Whether the bytes begin as a PDF does. */
export const hasPdfMagic = (bytes: Uint8Array) => PDF_MAGIC.every((b, i) => bytes[i] === b);

/** The package number as people read it. */
export const packageNumber = (seq: number) => `SP-${String(seq).padStart(6, '0')}`;

/**
 * Why a package in `status` cannot be signed, or null when it can: only a sent package is signed,
 * once.
 */
export function signRefusal(
  status: SalesPackageStatus,
): 'SALES_PACKAGE_ALREADY_SIGNED' | 'SALES_PACKAGE_WITHDRAWN' | 'SALES_PACKAGE_NOT_SENT' | null {
  if (status === 'SIGNED') return 'SALES_PACKAGE_ALREADY_SIGNED';
  if (status === 'WITHDRAWN') return 'SALES_PACKAGE_WITHDRAWN';
  if (status === 'DRAFT') return 'SALES_PACKAGE_NOT_SENT';
  return null;
}

/** R-BC-3: an anniversary month is a calendar month, 1–12. */
export const isMonth = (m: number) => Number.isInteger(m) && m >= 1 && m <= 12;
