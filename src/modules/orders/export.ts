import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvStream } from '../../platform/csv.js';
import type { Locale } from '../../platform/i18n/locale.js';
import type { LicenseSummary } from './license-summary.js';
import type { SummaryRow } from './license-summary-rules.js';

const LABELS = {
  en: {
    sheet: 'License Summary',
    pool: 'License pool',
    family: 'Product family',
    version: 'Version',
    effective: 'Effective Quantity',
    activeSa: 'Active SA Quantity',
    unresolved: 'Unresolved Quantity',
    grant: 'Grant',
    full: 'Full',
    upgrade: 'Upgrade',
    lsa: 'L&SA',
    sa: 'SA',
    stepUp: 'SA Step-Up',
    subscription: 'Subscription',
    maintenance: 'Maintenance',
    upgradeAdvantage: 'Upgrade Advantage',
    total: 'Total',
    asOf: 'As of',
    licensingIds: 'Licensing IDs',
    grantNote: '* Granted with another product (a promotion), not purchased.',
    pools: { APPLICATIONS: 'Applications', SYSTEMS: 'Systems', SERVERS: 'Servers' },
  },
  sv: {
    sheet: 'Licenssammanfattning',
    pool: 'Licenspool',
    family: 'Produktfamilj',
    version: 'Version',
    effective: 'Effektivt antal',
    activeSa: 'Antal med aktiv SA',
    unresolved: 'Olöst antal',
    grant: 'Tilldelning',
    full: 'Full',
    upgrade: 'Uppgradering',
    lsa: 'L&SA',
    sa: 'SA',
    stepUp: 'SA Step-Up',
    subscription: 'Prenumeration',
    maintenance: 'Underhåll',
    upgradeAdvantage: 'Upgrade Advantage',
    total: 'Totalt',
    asOf: 'Per',
    licensingIds: 'Licens-ID:n',
    grantNote: '* Tilldelad tillsammans med en annan produkt (en kampanj), inte köpt.',
    pools: { APPLICATIONS: 'Program', SYSTEMS: 'System', SERVERS: 'Servrar' },
  },
} satisfies Record<Locale, unknown>;

function header(locale: Locale): string[] {
  const l = LABELS[locale];
  return [
    l.pool,
    l.family,
    l.version,
    l.effective,
    l.activeSa,
    l.unresolved,
    l.grant,
    l.full,
    l.upgrade,
    l.lsa,
    l.sa,
    l.stepUp,
    l.subscription,
    l.maintenance,
    l.upgradeAdvantage,
  ];
}

function cells(r: SummaryRow, locale: Locale): (string | number)[] {
  const p = r.purchased;
  return [
    LABELS[locale].pools[r.pool],
    r.family,
    r.version,
    r.effectiveQuantity,
    r.activeSaQuantity,
    r.unresolvedQuantity,
    r.granted ? '*' : '',
    p.FULL,
    p.UPGRADE,
    p.LSA,
    p.SA,
    p.SA_STEP_UP,
    p.SUBSCRIPTION,
    p.MAINTENANCE,
    p.UPGRADE_ADVANTAGE,
  ];
}

/** The summary as CSV, streamed a row at a time, with a BOM so that Excel reads it as UTF-8. */
export function summaryCsv(summary: LicenseSummary, locale: Locale): Readable {
  function* table() {
    yield header(locale);
    for (const r of summary.rows) yield cells(r, locale);
  }
  return csvStream(table(), { bom: true });
}

export async function summaryXlsx(summary: LicenseSummary, locale: Locale): Promise<Buffer> {
  const l = LABELS[locale];
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(l.sheet);
  sheet.addRow([l.sheet]).font = { bold: true, size: 14 };
  sheet.addRow([l.asOf, summary.asOf]);
  sheet.addRow([l.licensingIds, summary.licensingIds.map((x) => x.number).join(', ')]);
  sheet.addRow([]);
  const head = sheet.addRow(header(locale));
  head.font = { bold: true };
  for (const r of summary.rows) sheet.addRow(cells(r, locale));
  const t = summary.totals;
  sheet.addRow([l.total, '', '', t.effectiveQuantity, t.activeSaQuantity, t.unresolvedQuantity]).font = { bold: true };
  sheet.addRow([]);
  sheet.addRow([l.grantNote]);
  sheet.columns.forEach((c, i) => {
    c.width = i === 1 ? 36 : 16;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
