import type { Locale } from '../../platform/i18n/locale.js';

/**
 * The programs' names as the portal shows them (web/src/i18n programs), for what people read outside
 * the portal: a report export, a sales package's PDF. test/reports/code-labels keeps them equal to
 * the portal's. MBSA is the master agreement, named though no enrollment has it as its program.
 */
export const PROGRAM_NAMES: Record<Locale, Record<string, string>> = {
  en: {
    ENTERPRISE: 'Enterprise',
    ENTERPRISE_SUBSCRIPTION: 'Enterprise Subscription',
    ENTERPRISE_GOV_PARTNERS: 'Enterprise for Government Partners',
    SELECT: 'Select',
    SELECT_PLUS: 'Select Plus',
    CAMPUS: 'Campus and School Agreement',
    SCHOOL: 'School Enrollment',
    OPEN_LICENSE: 'Open License',
    OPEN_VALUE: 'Open Value',
    OPEN_VALUE_SUBSCRIPTION: 'Open Value Subscription',
    MBSA: 'Master Business and Services Agreement',
  },
  sv: {
    ENTERPRISE: 'Enterprise',
    ENTERPRISE_SUBSCRIPTION: 'Enterprise-prenumeration',
    ENTERPRISE_GOV_PARTNERS: 'Enterprise för myndighetspartner',
    SELECT: 'Select',
    SELECT_PLUS: 'Select Plus',
    CAMPUS: 'Campus- och skolavtal',
    SCHOOL: 'Skolregistrering',
    OPEN_LICENSE: 'Open License',
    OPEN_VALUE: 'Open Value',
    OPEN_VALUE_SUBSCRIPTION: 'Open Value-prenumeration',
    MBSA: 'Huvudavtal för affärer och tjänster',
  },
};

/** A program's name in `locale`; an unknown code stays as it is. */
export const programName = (code: string, locale: Locale): string => PROGRAM_NAMES[locale][code] ?? code;
