import { ADD_OPEN_CASES } from './cases/add-open.js';
import { AUDIT_CASES } from './cases/audit.js';
import { BC_ORDERS_CASES } from './cases/bc-orders.js';
import { BENEFIT_DELEGATION_CASES } from './cases/benefit-delegation.js';
import { BUSINESS_CENTER_CASES } from './cases/business-center.js';
import { DOWNLOADS_CASES } from './cases/downloads.js';
import { EXPORTS_CASES } from './cases/exports.js';
import { FOUNDATION_CASES } from './cases/foundation.js';
import { KEYS_CASES } from './cases/keys.js';
import { ONBOARDING_CASES } from './cases/onboarding.js';
import { ONLINE_SERVICES_CASES } from './cases/online-services.js';
import { ORDERS_CASES } from './cases/orders.js';
import { PARTNER_CHANGE_CASES } from './cases/partner-change.js';
import { PARTNERS_CASES } from './cases/partners.js';
import { PERMISSIONS_CASES } from './cases/permissions.js';
import { PROVISIONING_CASES } from './cases/provisioning.js';
import { RECOVERY_CASES } from './cases/recovery.js';
import { REGISTRATION_CASES } from './cases/registration.js';
import { REPORTS_CASES } from './cases/reports.js';
import { RESERVATIONS_CASES } from './cases/reservations.js';
import { SECOND_FACTOR_CASES } from './cases/second-factor.js';
import { SOFTWARE_ASSURANCE_CASES } from './cases/software-assurance.js';
import { SSO_CASES } from './cases/sso.js';
import { SUBSCRIPTIONS_CASES } from './cases/subscriptions.js';
import { SUPPORT_CASES } from './cases/support.js';

export type { RouteCase } from './cases/types.js';

export const ROUTE_CASES: Record<string, import('./cases/types.js').RouteCase> = {
  ...FOUNDATION_CASES,
  ...REGISTRATION_CASES,
  ...SECOND_FACTOR_CASES,
  ...RECOVERY_CASES,
  ...SSO_CASES,
  ...PERMISSIONS_CASES,
  ...ADD_OPEN_CASES,
  ...ORDERS_CASES,
  ...REPORTS_CASES,
  ...ONBOARDING_CASES,
  ...PARTNERS_CASES,
  ...KEYS_CASES,
  ...DOWNLOADS_CASES,
  ...AUDIT_CASES,
  ...SUPPORT_CASES,
  ...PARTNER_CHANGE_CASES,
  ...SOFTWARE_ASSURANCE_CASES,
  ...BENEFIT_DELEGATION_CASES,
  ...RESERVATIONS_CASES,
  ...PROVISIONING_CASES,
  ...ONLINE_SERVICES_CASES,
  ...SUBSCRIPTIONS_CASES,
  ...BUSINESS_CENTER_CASES,
  ...EXPORTS_CASES,
  ...BC_ORDERS_CASES,
};
