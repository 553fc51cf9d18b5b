import { ACTIVATION_PROBLEMS } from './modules/activation/problems.js';
import { AUDIT_PROBLEMS } from './modules/audit/problems.js';
import { BC_AGREEMENTS_PROBLEMS } from './modules/business-center/agreements/problems.js';
import { BC_BACK_OFFICE_PROBLEMS } from './modules/business-center/back-office/problems.js';
import { ORDER_HISTORY_PROBLEMS } from './modules/business-center/order-history/problems.js';
import { SELF_PROVISIONING_PROBLEMS } from './modules/business-center/self-provisioning/problems.js';
import { BC_USERS_PROBLEMS } from './modules/business-center/users/problems.js';
import { CATALOG_PROBLEMS } from './modules/catalog/problems.js';
import { DOWNLOADS_PROBLEMS } from './modules/downloads/problems.js';
import { EXPORT_PROBLEMS } from './modules/exports/problems.js';
import { SECOND_FACTOR_PROBLEMS } from './modules/identity/mfa/problems.js';
import { IDENTITY_PROBLEMS } from './modules/identity/problems.js';
import { RECOVERY_PROBLEMS } from './modules/identity/recovery/problems.js';
import { KEYS_PROBLEMS } from './modules/keys/problems.js';
import { ONLINE_SERVICES_PROBLEMS } from './modules/online-services/problems.js';
import { ORDERS_PROBLEMS } from './modules/orders/problems.js';
import { PARTNER_CHANGE_PROBLEMS } from './modules/partners/change/problems.js';
import { BENEFIT_DELEGATION_PROBLEMS } from './modules/partners/delegation/problems.js';
import { PARTNERS_PROBLEMS } from './modules/partners/problems.js';
import { ADD_OPEN_PROBLEMS, PERMISSIONS_PROBLEMS } from './modules/permissions/problems.js';
import { PROVISIONING_PROBLEMS } from './modules/provisioning/problems.js';
import { ONBOARDING_PROBLEMS } from './modules/relationship/onboarding/problems.js';
import { REPORTS_PROBLEMS } from './modules/reports/problems.js';
import { RESERVATIONS_PROBLEMS } from './modules/reservations/problems.js';
import { SA_PROBLEMS } from './modules/software-assurance/problems.js';
import { TRAINING_PROVIDER_PROBLEMS } from './modules/software-assurance/providers/problems.js';
import { SUBSCRIPTIONS_PROBLEMS } from './modules/subscriptions/problems.js';
import { SUPPORT_PROBLEMS } from './modules/support/problems.js';
import { PLATFORM_PROBLEMS, type ProblemTitles } from './platform/i18n/problems.js';
import { MAIL_PROBLEMS } from './platform/mail/problems.js';
import { NET_PROBLEMS } from './platform/net/problems.js';

/** The title of every problem code in every language, gathered from the modules that raise them. */
export const ALL_PROBLEMS: ProblemTitles = {
  ...PLATFORM_PROBLEMS,
  ...NET_PROBLEMS,
  ...MAIL_PROBLEMS,
  ...IDENTITY_PROBLEMS,
  ...RECOVERY_PROBLEMS,
  ...SECOND_FACTOR_PROBLEMS,
  ...PERMISSIONS_PROBLEMS,
  ...ADD_OPEN_PROBLEMS,
  ...CATALOG_PROBLEMS,
  ...ORDERS_PROBLEMS,
  ...ONBOARDING_PROBLEMS,
  ...PARTNERS_PROBLEMS,
  ...REPORTS_PROBLEMS,
  ...KEYS_PROBLEMS,
  ...ACTIVATION_PROBLEMS,
  ...DOWNLOADS_PROBLEMS,
  ...AUDIT_PROBLEMS,
  ...SUPPORT_PROBLEMS,
  ...PARTNER_CHANGE_PROBLEMS,
  ...SA_PROBLEMS,
  ...TRAINING_PROVIDER_PROBLEMS,
  ...BENEFIT_DELEGATION_PROBLEMS,
  ...BC_AGREEMENTS_PROBLEMS,
  ...RESERVATIONS_PROBLEMS,
  ...PROVISIONING_PROBLEMS,
  ...ONLINE_SERVICES_PROBLEMS,
  ...SUBSCRIPTIONS_PROBLEMS,
  ...EXPORT_PROBLEMS,
  ...BC_USERS_PROBLEMS,
  ...BC_BACK_OFFICE_PROBLEMS,
  ...ORDER_HISTORY_PROBLEMS,
  ...SELF_PROVISIONING_PROBLEMS,
};
