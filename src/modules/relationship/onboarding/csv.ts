import { CsvError, parse } from 'csv-parse/sync';
import type { Lines, OnboardingError, OnboardingErrorCode } from './rules.js';
import { type AgreementBody, AgreementBodySchema } from './schemas.js';

/**
 * The columns of an agreements file (`lsc import-agreements`): one row per Licensing ID, per
 * contact, or both; the agreement's own columns repeat on each of its rows, and its rows are
 * grouped by agreement_number. Domains are separated by spaces or semicolons.
 */
export const AGREEMENT_CSV_COLUMNS = [
  'organization_name',
  'organization_domains',
  'country',
  'agreement_number',
  'program',
  'price_level',
  'start_date',
  'end_date',
  'mbsa_number',
  'licensing_id',
  'licensing_id_name',
  'licensing_id_start',
  'licensing_id_end',
  'authorization_number',
  'affiliate_role',
  'contact_type',
  'contact_name',
  'contact_email',
  'contact_locale',
  'channel_partner_number',
] as const;
type Column = (typeof AGREEMENT_CSV_COLUMNS)[number];
/** Columns a file may leave out (every cell empty). */
const OPTIONAL: readonly Column[] = [
  'price_level',
  'end_date',
  'mbsa_number',
  'licensing_id_start',
  'licensing_id_end',
  'authorization_number',
  'affiliate_role',
  'contact_locale',
  'channel_partner_number',
];

/** The file's column for a field of an agreement as the API names it, so every error names what the file shows. */
const COLUMN_OF_FIELD: Record<string, Column> = {
  'organization.name': 'organization_name',
  'organization.domains': 'organization_domains',
  'organization.country': 'country',
  number: 'agreement_number',
  program: 'program',
  priceLevel: 'price_level',
  startDate: 'start_date',
  endDate: 'end_date',
  mbsaNumber: 'mbsa_number',
  channelPartnerNumber: 'channel_partner_number',
  licensingIds: 'licensing_id',
  contacts: 'contact_type',
};
const LICENSING_FIELD: Record<string, Column> = {
  number: 'licensing_id',
  name: 'licensing_id_name',
  startDate: 'licensing_id_start',
  endDate: 'licensing_id_end',
  priceLevel: 'price_level',
  authorizationNumber: 'authorization_number',
  affiliateRole: 'affiliate_role',
};
const CONTACT_FIELD: Record<string, Column> = {
  type: 'contact_type',
  name: 'contact_name',
  email: 'contact_email',
  locale: 'contact_locale',
};

/** An API field path ("licensingIds.2.endDate") as the file's column. */
export function columnOf(field: string): string {
  const [head, , leaf] = field.split('.');
  if (head === 'licensingIds' && leaf) return LICENSING_FIELD[leaf] ?? field;
  if (head === 'contacts' && leaf) return CONTACT_FIELD[leaf] ?? field;
  if (head === 'organization') return COLUMN_OF_FIELD[field] ?? field;
  return COLUMN_OF_FIELD[head ?? ''] ?? field;
}

export interface CsvAgreement {
  /** The agreement as the API's schema read it; null when a value did not fit (see errors). */
  agreement: AgreementBody | null;
  number: string;
  lines: Lines;
  errors: OnboardingError[];
}

export interface CsvAgreements {
  agreements: CsvAgreement[];
  missingColumns: Column[];
  unreadable: string | null;
  /** Rows naming no agreement. */
  orphanErrors: OnboardingError[];
}

interface Group {
  header: Record<string, string>;
  headerLine: number;
  licensingIds: { line: number; cells: Record<string, string> }[];
  contacts: { line: number; cells: Record<string, string> }[];
  mismatches: OnboardingError[];
}

const HEADER_COLUMNS: readonly Column[] = [
  'organization_name',
  'organization_domains',
  'country',
  'program',
  'price_level',
  'start_date',
  'end_date',
  'mbsa_number',
  'channel_partner_number',
];
const given = (v: string | undefined) => (v ? v : undefined);

/** The values of an agreement's rows as the API's body, where the file's way of writing them is understood. */
function bodyOf(g: Group, number: string) {
  const h = g.header;
  return {
    organization: {
      name: given(h.organization_name),
      domains: (h.organization_domains ?? '').split(/[\s;,]+/).filter(Boolean),
      country: given(h.country),
    },
    number,
    program: given(h.program),
    priceLevel: h.price_level || null,
    startDate: given(h.start_date),
    endDate: h.end_date || null,
    mbsaNumber: h.mbsa_number || null,
    channelPartnerNumber: h.channel_partner_number || null,
    licensingIds: g.licensingIds.map(({ cells: c }) => ({
      number: given(c.licensing_id),
      name: given(c.licensing_id_name),
      startDate: given(c.licensing_id_start),
      endDate: given(c.licensing_id_end),
      authorizationNumber: c.authorization_number || null,
      affiliateRole: c.affiliate_role ? c.affiliate_role.toUpperCase() : null,
    })),
    contacts: g.contacts.map(({ cells: c }) => ({
      type: given(c.contact_type?.toUpperCase().replace(/[\s-]+/g, '_')),
      name: given(c.contact_name),
      email: given(c.contact_email),
      locale: given(c.contact_locale?.toLowerCase()),
    })),
  };
}

/**
 * Reads an agreements file: groups its rows by agreement number and reads each agreement with the
 * API's schema (AgreementBodySchema), so that a file and the API refuse the same values, here at
 * the file's rows (counted from 1, the header row) and named by its columns.
 */
export function agreementsFromCsv(text: string): CsvAgreements {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] });
  } catch (e) {
    if (e instanceof CsvError) return { agreements: [], missingColumns: [], unreadable: e.message, orphanErrors: [] };
    throw e;
  }
  const [head = [], ...rows] = records;
  const names = head.map((c) =>
    c
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const missingColumns = AGREEMENT_CSV_COLUMNS.filter((c) => !names.includes(c) && !OPTIONAL.includes(c));
  if (missingColumns.length > 0) return { agreements: [], missingColumns, unreadable: null, orphanErrors: [] };

  const groups = new Map<string, Group>();
  const orphanErrors: OnboardingError[] = [];
  rows.forEach((cells, i) => {
    const line = i + 2;
    if (cells.every((c) => !c.trim())) return;
    const row: Record<string, string> = {};
    names.forEach((n, at) => {
      row[n] = (cells[at] ?? '').trim();
    });
    const number = row.agreement_number ?? '';
    if (!number) {
      orphanErrors.push({ line, field: 'agreement_number', code: 'MISSING_VALUE' });
      return;
    }
    let g = groups.get(number);
    if (!g) {
      g = { header: row, headerLine: line, licensingIds: [], contacts: [], mismatches: [] };
      groups.set(number, g);
    } else if (HEADER_COLUMNS.some((c) => (row[c] ?? '') !== (g?.header[c] ?? ''))) {
      g.mismatches.push({ line, field: 'agreement_number', code: 'AGREEMENT_HEADER_MISMATCH' });
      return;
    }
    if (row.licensing_id || row.licensing_id_name) g.licensingIds.push({ line, cells: row });
    if (row.contact_type || row.contact_email || row.contact_name) g.contacts.push({ line, cells: row });
  });

  const agreements = [...groups.entries()].map(([number, g]): CsvAgreement => {
    const lines: Lines = {
      header: g.headerLine,
      licensingIds: g.licensingIds.map((l) => l.line),
      contacts: g.contacts.map((c) => c.line),
    };
    const values = bodyOf(g, number);
    const parsed = AgreementBodySchema.safeParse(values);
    const errors = [...g.mismatches];
    if (!parsed.success) {
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String);
        const key = path.join('.');
        if (seen.has(key)) continue;
        seen.add(key);
        const [list, index] = path;
        const line =
          list === 'licensingIds' && index !== undefined
            ? (lines.licensingIds?.[Number(index)] ?? g.headerLine)
            : list === 'contacts' && index !== undefined
              ? (lines.contacts?.[Number(index)] ?? g.headerLine)
              : g.headerLine;
        const value = path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], values);
        const code: OnboardingErrorCode = value === undefined || value === null || value === '' ? 'MISSING_VALUE' : 'INVALID_VALUE';
        errors.push({ line, field: key, code });
      }
    }
    return {
      agreement: parsed.success ? parsed.data : null,
      number,
      lines,
      errors: errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
    };
  });
  return { agreements, missingColumns: [], unreadable: null, orphanErrors };
}
