import type { Readable } from 'node:stream';
import { type Cell, csvStream } from '../../platform/csv.js';
import type { Locale } from '../../platform/i18n/locale.js';
import type { AuditEntry } from './schemas.js';

const HEADINGS = {
  en: ['Time (UTC)', 'Action', 'Person', 'E-mail', 'Organization', 'Target type', 'Target', 'Licensing IDs', 'Before', 'After', 'Details'],
  sv: ['Tid (UTC)', 'Åtgärd', 'Person', 'E-post', 'Organisation', 'Måltyp', 'Mål', 'Licens-ID:n', 'Före', 'Efter', 'Detaljer'],
} satisfies Record<Locale, string[]>;

const WITHHELD = {
  en: 'Withheld: it also concerns Licensing IDs you do not administer',
  sv: 'Undanhållet: gäller även licens-ID:n som du inte administrerar',
} satisfies Record<Locale, string>;

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

function cells(e: AuditEntry, locale: Locale): Cell[] {
  return [
    e.at.toISOString(),
    e.action,
    e.actor?.name ?? '',
    e.actor?.email ?? '',
    e.organization?.name ?? '',
    e.targetType,
    e.targetId ?? '',
    e.licensingIds.map((l) => l.number).join(' '),
    json(e.before),
    json(e.after),
    e.detailWithheld ? WITHHELD[locale] : '',
  ];
}

/**
 * The audit trail as CSV, streamed page by page, with a BOM for Excel; every cell goes through the
 * one spreadsheet-safe rule (names and values come from users).
 */
export function auditCsv(entries: AsyncIterable<AuditEntry>, locale: Locale): Readable {
  async function* table() {
    yield HEADINGS[locale];
    for await (const e of entries) yield cells(e, locale);
  }
  return csvStream(table(), { bom: true });
}
