import type { Locale } from '../../platform/i18n/locale.js';
import { PROGRAM_NAMES } from '../relationship/program-names.js';

/** The program column's codes, by the portal's program names. */
export const PROGRAM_LABELS = PROGRAM_NAMES;

/**
 * R-REP-4: a code column's values as the report table shows them (web/src/i18n reports.codes, and
 * programs for the program column), so a workbook or CSV made for people says "Active", not
 * ACTIVE. test/reports/code-labels keeps these equal to the portal's.
 */
export const CODE_LABELS: Record<Locale, Record<string, string>> = {
  en: {
    ACTIVE: 'Active',
    INACTIVE: 'Inactive',
    EXPIRED: 'Expired',
    PRIMARY_CONTACT: 'Primary Contact',
    NOTICES_CORRESPONDENT: 'Notices Correspondent',
    ONLINE_ADMINISTRATOR: 'Online Administrator',
    SA_MANAGER: 'Software Assurance Manager',
    ONLINE_SERVICES_MANAGER: 'Online Services Manager',
    SUBSCRIPTIONS_MANAGER: 'Subscriptions Manager',
    CHANNEL_PARTNER: 'Channel Partner',
    APPLICATIONS: 'Applications',
    SYSTEMS: 'Systems',
    SERVERS: 'Servers',
    FULL: 'Full',
    UPGRADE: 'Upgrade',
    LSA: 'License and Software Assurance',
    SA: 'Software Assurance',
    SA_STEP_UP: 'SA Step-Up',
    SUBSCRIPTION: 'Subscription',
    ONLINE_SERVICE: 'Online service',
    MAINTENANCE: 'Maintenance',
    UPGRADE_ADVANTAGE: 'Upgrade Advantage',
    PURCHASED: 'Purchased',
    GRANTED: 'Granted (promotion)',
    REQUIRES_ACTIVATION: 'Requires activation',
    ACTIVATED: 'Activated',
    HAR: 'Held by the publisher',
    ASSIGNED: 'Assigned',
    REDEEMED: 'Redeemed',
    CANCELLED: 'Cancelled',
  },
  sv: {
    ACTIVE: 'Aktiv',
    INACTIVE: 'Inaktiv',
    EXPIRED: 'Upphört',
    PRIMARY_CONTACT: 'Primär kontakt',
    NOTICES_CORRESPONDENT: 'Mottagare av meddelanden',
    ONLINE_ADMINISTRATOR: 'Onlineadministratör',
    SA_MANAGER: 'Software Assurance-ansvarig',
    ONLINE_SERVICES_MANAGER: 'Ansvarig för onlinetjänster',
    SUBSCRIPTIONS_MANAGER: 'Prenumerationsansvarig',
    CHANNEL_PARTNER: 'Kanalpartner',
    APPLICATIONS: 'Program',
    SYSTEMS: 'System',
    SERVERS: 'Servrar',
    FULL: 'Full',
    UPGRADE: 'Uppgradering',
    LSA: 'Licens och Software Assurance',
    SA: 'Software Assurance',
    SA_STEP_UP: 'SA Step-Up',
    SUBSCRIPTION: 'Prenumeration',
    ONLINE_SERVICE: 'Onlinetjänst',
    MAINTENANCE: 'Underhåll',
    UPGRADE_ADVANTAGE: 'Upgrade Advantage',
    PURCHASED: 'Köpt',
    GRANTED: 'Tilldelad (kampanj)',
    REQUIRES_ACTIVATION: 'Kräver aktivering',
    ACTIVATED: 'Aktiverad',
    HAR: 'Spärrad av utgivaren',
    ASSIGNED: 'Tilldelad',
    REDEEMED: 'Inlöst',
    CANCELLED: 'Avbruten',
  },
};

/** A code cell in `locale`'s words; a code without a label stays as it is (as on screen). */
export function codeLabel(column: string, code: string, locale: Locale): string {
  const labels = column === 'program' ? PROGRAM_LABELS[locale] : CODE_LABELS[locale];
  return labels[code] ?? code;
}
