import type { Readable } from 'node:stream';
import { csvStream } from '../../platform/csv.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { type Column, workbookStream } from '../../platform/xlsx.js';
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

/** The header's columns typed for the workbook: names are text, quantities are numbers (R-REP-4). */
function columns(locale: Locale): Column[] {
  return header(locale).map((h, i) => ({ header: h, kind: i <= 2 || i === 6 ? 'text' : 'integer', width: i === 1 ? 36 : 16 }));
}

/** R-REP-4: the summary as an Excel workbook, streamed, with typed columns. */
export function summaryXlsx(summary: LicenseSummary, locale: Locale): Readable {
  const l = LABELS[locale];
  const t = summary.totals;
  return workbookStream({
    sheet: l.sheet,
    preamble: [[l.sheet], [l.asOf, summary.asOf], [l.licensingIds, summary.licensingIds.map((x) => x.number).join(', ')]],
    columns: columns(locale),
    rows: summary.rows.map((r) => cells(r, locale)),
    footer: [[l.total, '', '', t.effectiveQuantity, t.activeSaQuantity, t.unresolvedQuantity]],
    notes: [l.grantNote],
  });
}
