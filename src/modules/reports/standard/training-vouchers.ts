import { benefitUseReportSql } from '../../software-assurance/for-reports.js';
import { benefitUseColumns, benefitUseFilters } from './benefit-state.js';
import { defineReport } from './report.js';

/** Training Vouchers: every voucher assigned, to whom, for how many days, and whether it was redeemed. */
export default defineReport({
  id: 'training-vouchers',
  group: 'SA_BENEFITS',
  action: 'sa.view',
  columns: benefitUseColumns,
  filters: benefitUseFilters,
  source: () => benefitUseReportSql('TRAINING_VOUCHERS'),
});
