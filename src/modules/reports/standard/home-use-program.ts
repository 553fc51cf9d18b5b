import { benefitUseReportSql } from '../../software-assurance/for-reports.js';
import { benefitUseColumns, benefitUseFilters } from './benefit-state.js';
import { defineReport } from './report.js';

/** Home Use Program: the employees given the benefit, each with the licenses it took. */
export default defineReport({
  id: 'home-use-program',
  group: 'SA_BENEFITS',
  action: 'sa.view',
  columns: benefitUseColumns,
  filters: benefitUseFilters,
  source: () => benefitUseReportSql('HOME_USE_PROGRAM'),
});
