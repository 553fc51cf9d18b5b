import type { BenefitCode, BenefitStatus } from './benefits.js';
import type { Benefit } from './rules.js';

/** R-SA-3: one benefit of one Licensing ID, with the organization it belongs to. */
export interface SummaryRow extends Benefit {
  licensingId: string;
  licensingNumber: string;
  licensingName: string;
  organization: string;
  city: string | null;
}

export const SUMMARY_SORTS = [
  'organization',
  'city',
  'benefit',
  'licensingId',
  'status',
  'eligibleQuantity',
  'quantityRemaining',
  'expiresOn',
] as const;
export type SummarySort = (typeof SUMMARY_SORTS)[number];

export interface SummaryFilter {
  /** Part of the organization, city, Licensing ID number or name, any case. */
  text?: string;
  benefit?: BenefitCode;
  status?: BenefitStatus;
  /** Only benefits whose coverage ends within this many days (90 or 30), not yet expired. */
  expiringWithin?: number;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

const keyOf = (r: SummaryRow, sort: SummarySort): string | number | null => {
  switch (sort) {
    case 'licensingId':
      return r.licensingNumber;
    case 'eligibleQuantity':
    case 'quantityRemaining':
      return r[sort];
    default:
      return r[sort];
  }
};

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
}

export function matches(r: SummaryRow, f: SummaryFilter): boolean {
  if (f.benefit && r.benefit !== f.benefit) return false;
  if (f.status && r.status !== f.status) return false;
  if (f.expiringWithin !== undefined) {
    const d = r.expiry.daysLeft;
    if (r.status === 'EXPIRED' || d === null || d < 0 || d > f.expiringWithin) return false;
  }
  if (f.text) {
    const t = f.text.toLocaleLowerCase();
    const hay = [r.organization, r.city ?? '', r.licensingNumber, r.licensingName];
    if (!hay.some((h) => h.toLocaleLowerCase().includes(t))) return false;
  }
  return true;
}

/**
 * Filters and orders the rows; ties fall back to organization, Licensing ID and benefit so that
 * pages never overlap or skip. Empty quantities (unmeasured) sort last either way.
 */
export function arrange(rows: readonly SummaryRow[], f: SummaryFilter, sort: SummarySort, descending: boolean): SummaryRow[] {
  const sign = descending ? -1 : 1;
  const ties: SummarySort[] = ['organization', 'licensingId', 'benefit'];
  return rows
    .filter((r) => matches(r, f))
    .sort((a, b) => {
      const ka = keyOf(a, sort);
      const kb = keyOf(b, sort);
      const primary = ka === null || kb === null ? compare(ka, kb) : sign * compare(ka, kb);
      if (primary !== 0) return primary;
      for (const t of ties) {
        const c = compare(keyOf(a, t), keyOf(b, t));
        if (c !== 0) return c;
      }
      return 0;
    });
}
