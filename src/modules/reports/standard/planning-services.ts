import { benefitStateReportSql } from '../../software-assurance/for-reports.js';
import { benefitStateColumns, benefitStateFilters } from './benefit-state.js';
import { defineReport } from './report.js';

/** Planning Services: the benefit per Licensing ID, its state and the days used. */
export default defineReport({
  id: 'planning-services',
  group: 'SA_BENEFITS',
  action: 'sa.view',
  columns: benefitStateColumns,
  filters: benefitStateFilters,
  source: () => benefitStateReportSql('PLANNING_SERVICES'),
});
