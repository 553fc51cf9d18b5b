import { benefitStateReportSql } from '../../software-assurance/for-reports.js';
import { benefitStateColumns, benefitStateFilters } from './benefit-state.js';
import { defineReport } from './report.js';

/**
 * 24x7 Phone Support: the 24x7 Problem Resolution Support benefit per Licensing ID. Phone and web
 * requests draw on the same benefit and the records do not tell them apart, so both reports list it.
 */
export default defineReport({
  id: 'support-24x7-phone',
  group: 'SA_BENEFITS',
  action: 'sa.view',
  columns: benefitStateColumns,
  filters: benefitStateFilters,
  source: () => benefitStateReportSql('SUPPORT_24X7'),
});
