import agreementOffers from './agreement-offers.js';
import agreements from './agreements.js';
import homeUseProgram from './home-use-program.js';
import licensesAndServices from './licenses-and-services.js';
import onlineServicesRenewals from './online-services-renewals.js';
import packagesAndProducts from './packages-and-products.js';
import planningServices from './planning-services.js';
import type { StandardReport } from './report.js';
import support24x7Phone from './support-24x7-phone.js';
import support24x7Web from './support-24x7-web.js';
import trainingVouchers from './training-vouchers.js';
import unpaidOnlineServicesReconciliation from './unpaid-online-services-reconciliation.js';

/** R-REP-1: the eleven standard reports, in the order the portal lists them within their groups. */
export const STANDARD_REPORTS: readonly StandardReport[] = [
  agreements,
  agreementOffers,
  licensesAndServices,
  onlineServicesRenewals,
  packagesAndProducts,
  unpaidOnlineServicesReconciliation,
  support24x7Phone,
  support24x7Web,
  homeUseProgram,
  planningServices,
  trainingVouchers,
];

export const REPORT_IDS = STANDARD_REPORTS.map((r) => r.id) as [string, ...string[]];

export const reportById = (id: string): StandardReport | undefined => STANDARD_REPORTS.find((r) => r.id === id);
