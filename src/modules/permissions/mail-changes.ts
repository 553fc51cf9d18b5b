import type { Role } from '../../platform/authz/roles.js';
import type { Locale } from '../../platform/i18n/locale.js';
import type { SubRole } from './role-groups.js';
import type { Holding } from './rules.js';

/** Names as the portal shows them (web/src/i18n), for mails the user reads in their language. */
const ROLE_NAMES: Record<Locale, Record<Role, string>> = {
  en: {
    ADMINISTRATOR: 'Administrator',
    LICENSING_INFO_VIEWER: 'Licensing Info Viewer',
    DOWNLOAD: 'Download',
    PRODUCT_KEYS: 'Product Keys',
    SA_MANAGER: 'Software Assurance Manager',
    ONLINE_SERVICES_MANAGER: 'Online Services Manager',
    SUBSCRIPTIONS_MANAGER: 'Subscriptions Manager',
  },
  sv: {
    ADMINISTRATOR: 'Administratör',
    LICENSING_INFO_VIEWER: 'Visare av licensinformation',
    DOWNLOAD: 'Nedladdning',
    PRODUCT_KEYS: 'Produktnycklar',
    SA_MANAGER: 'Software Assurance-ansvarig',
    ONLINE_SERVICES_MANAGER: 'Ansvarig för onlinetjänster',
    SUBSCRIPTIONS_MANAGER: 'Prenumerationsansvarig',
  },
};

const SUB_ROLE_NAMES: Record<Locale, Record<SubRole, string>> = {
  en: {
    PLANNING_SERVICES: 'Planning Services',
    TRAINING_VOUCHERS: 'Training Vouchers',
    E_LEARNING: 'E-Learning',
    EMPLOYEE_PURCHASE_PROGRAM: 'Employee Purchase Program',
    HOME_USE_PROGRAM: 'Home Use Program',
    PROBLEM_RESOLUTION_SUPPORT_24X7: '24x7 Problem Resolution Support',
    SERVICE_ACTIVATION: 'Service activation',
    SUBSCRIPTION_CONTACT: 'Subscription contact',
    VISUAL_STUDIO_SUBSCRIPTIONS: 'Visual Studio subscriptions',
  },
  sv: {
    PLANNING_SERVICES: 'Planeringstjänster',
    TRAINING_VOUCHERS: 'Utbildningskuponger',
    E_LEARNING: 'E-learning',
    EMPLOYEE_PURCHASE_PROGRAM: 'Personalköpsprogram',
    HOME_USE_PROGRAM: 'Hemanvändningsprogram',
    PROBLEM_RESOLUTION_SUPPORT_24X7: 'Problemlösningssupport dygnet runt',
    SERVICE_ACTIVATION: 'Tjänsteaktivering',
    SUBSCRIPTION_CONTACT: 'Prenumerationskontakt',
    VISUAL_STUDIO_SUBSCRIPTIONS: 'Visual Studio-prenumerationer',
  },
};

const WORDS: Record<Locale, { none: string; before: string; reservation: string; unchanged: string }> = {
  en: { none: 'no roles', before: 'before', reservation: 'Manage Reservation', unchanged: '• No roles changed.' },
  sv: { none: 'inga roller', before: 'tidigare', reservation: 'Hantera reservationer', unchanged: '• Inga roller ändrades.' },
};

/** "Software Assurance Manager (Home Use Program), Online Services Manager (Manage Reservation)". */
export function describeHolding(locale: Locale, h: Holding): string {
  if (h.roles.length === 0) return WORDS[locale].none;
  return h.roles
    .map((role) => {
      const details: string[] = [...((h.subRoles as Partial<Record<Role, SubRole[]>>)[role] ?? []).map((s) => SUB_ROLE_NAMES[locale][s])];
      if (role === 'ONLINE_SERVICES_MANAGER' && h.manageReservation) details.push(WORDS[locale].reservation);
      return details.length ? `${ROLE_NAMES[locale][role]} (${details.join(', ')})` : ROLE_NAMES[locale][role];
    })
    .join(', ');
}

export interface ChangedLicensingId {
  number: string;
  name: string;
  before: Holding;
  after: Holding;
}

/** One line per Licensing ID: what the user holds now, and before. */
export function describeChanges(locale: Locale, changes: readonly ChangedLicensingId[]): string {
  const w = WORDS[locale];
  if (changes.length === 0) return w.unchanged;
  return changes
    .map((c) => `• ${c.number} (${c.name}): ${describeHolding(locale, c.after)} (${w.before}: ${describeHolding(locale, c.before)})`)
    .join('\n');
}
