import type { Readable } from 'node:stream';
import { type Cell, csvStream } from '../../platform/csv.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { type ColumnKind, workbookStream } from '../../platform/xlsx.js';
import type { BenefitStatus, BenefitUnit } from './benefits.js';
import { BENEFIT_NAMES } from './mails.js';
import type { SummaryRow } from './summary.js';

const LABELS = {
  en: {
    sheet: 'Software Assurance Summary',
    asOf: 'As of',
    head: [
      'Organization',
      'City',
      'Benefit',
      'Licensing ID',
      'Status',
      'Eligible quantity',
      'Quantity used',
      'Quantity remaining',
      'Unit',
      'Coverage ends',
      'Expiring',
    ],
    status: {
      REQUIRES_ACTIVATION: 'Requires Activation',
      ACTIVATED: 'Activated',
      HAR: 'HAR (hold awaiting reactivation)',
      EXPIRED: 'Expired',
    },
    unit: {
      SUPPORT_INCIDENTS: 'support incidents',
      PARTICIPANTS: 'participants',
      DOWNLOADS: 'downloads',
      LICENSES: 'licenses',
      DAYS: 'days',
      UNMEASURED: 'not measured',
    },
    soon: 'within 90 days',
    urgent: 'within 30 days',
  },
  sv: {
    sheet: 'Sammanfattning av Software Assurance',
    asOf: 'Per',
    head: [
      'Organisation',
      'Ort',
      'Förmån',
      'Licens-ID',
      'Status',
      'Berättigat antal',
      'Använt antal',
      'Återstående antal',
      'Enhet',
      'Täckningen upphör',
      'Upphör snart',
    ],
    status: { REQUIRES_ACTIVATION: 'Kräver aktivering', ACTIVATED: 'Aktiverad', HAR: 'HAR (väntar på återaktivering)', EXPIRED: 'Upphörd' },
    unit: {
      SUPPORT_INCIDENTS: 'supportärenden',
      PARTICIPANTS: 'deltagare',
      DOWNLOADS: 'nedladdningar',
      LICENSES: 'licenser',
      DAYS: 'dagar',
      UNMEASURED: 'mäts inte',
    },
    soon: 'inom 90 dagar',
    urgent: 'inom 30 dagar',
  },
} satisfies Record<Locale, { status: Record<BenefitStatus, string>; unit: Record<BenefitUnit, string> } & Record<string, unknown>>;

function cells(r: SummaryRow, locale: Locale): Cell[] {
  const l = LABELS[locale];
  const flag = r.expiry.notice === 'EXPIRING_URGENT' ? l.urgent : r.expiry.notice === 'EXPIRING_SOON' ? l.soon : '';
  return [
    r.organization,
    r.city ?? '',
    BENEFIT_NAMES[locale][r.benefit],
    r.licensingNumber,
    l.status[r.status],
    r.eligibleQuantity ?? '',
    r.usedQuantity ?? '',
    r.quantityRemaining ?? '',
    l.unit[r.unit],
    r.expiresOn ?? '',
    flag,
  ];
}

/** R-SA-3: the summary's rows as filtered and sorted, as CSV with a BOM (Excel reads it as UTF-8). */
export function saSummaryCsv(rows: readonly SummaryRow[], locale: Locale): Readable {
  function* table() {
    yield LABELS[locale].head;
    for (const r of rows) yield cells(r, locale);
  }
  return csvStream(table(), { bom: true });
}

/** What each column of `head` holds: quantities are numbers, the coverage end a date (R-REP-4). */
const KINDS: ColumnKind[] = ['text', 'text', 'text', 'text', 'text', 'integer', 'integer', 'integer', 'text', 'date', 'text'];

/** R-REP-4: the summary as an Excel workbook, streamed, with typed columns. */
export function saSummaryXlsx(rows: readonly SummaryRow[], asOf: string, locale: Locale): Readable {
  const l = LABELS[locale];
  return workbookStream({
    sheet: l.sheet,
    preamble: [[l.sheet], [l.asOf, asOf]],
    columns: l.head.map((h, i) => ({ header: h, kind: KINDS[i] ?? 'text', width: i === 0 || i === 2 ? 32 : 16 })),
    rows: rows.map((r) => cells(r, locale)),
  });
}
