import { LICENSE_POOLS } from '../../catalog/rules.js';
import { poolOffersReportSql } from '../../orders/for-reports.js';
import { PROGRAM_CODES } from '../../relationship/rules.js';
import { defineReport, licensingIdFilter } from './report.js';

/**
 * Agreement Offers: each Licensing ID × product pool it holds licenses in, with its price level.
 * The records hold no pool points, so the report has no such column.
 */
export default defineReport({
  id: 'agreement-offers',
  group: 'AGREEMENTS',
  action: 'reports.view',
  columns: [
    { id: 'agreementNumber', type: 'text', selected: true },
    { id: 'licensingId', type: 'text', required: true, selected: true },
    { id: 'licensingName', type: 'text', selected: true },
    { id: 'program', type: 'code', selected: true },
    { id: 'pool', type: 'code', required: true, selected: true },
    { id: 'priceLevel', type: 'text', selected: true },
    { id: 'products', type: 'integer', selected: true },
    { id: 'quantity', type: 'integer' },
  ],
  filters: [
    licensingIdFilter,
    { id: 'agreementNumber', type: 'text', column: 'agreementNumber', primary: true },
    { id: 'pool', type: 'enum', column: 'pool', primary: false, values: LICENSE_POOLS },
    { id: 'program', type: 'enum', column: 'program', primary: false, values: PROGRAM_CODES },
    { id: 'priceLevel', type: 'text', column: 'priceLevel', primary: false },
  ],
  source: poolOffersReportSql,
});
