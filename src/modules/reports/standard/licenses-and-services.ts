import { LICENSE_POOLS } from '../../catalog/rules.js';
import { licensePositionsReportSql } from '../../orders/for-reports.js';
import { LICENSE_TYPES } from '../../orders/rules.js';
import { defineReport, licensingIdFilter } from './report.js';

/** Licenses and Services: every license position, online services included, per Licensing ID and product. */
export default defineReport({
  id: 'licenses-and-services',
  group: 'LICENSES_AND_SERVICES',
  action: 'reports.view',
  columns: [
    { id: 'licensingId', type: 'text', required: true, selected: true },
    { id: 'licensingName', type: 'text' },
    { id: 'productCode', type: 'text', required: true, selected: true },
    { id: 'productName', type: 'text', selected: true },
    { id: 'family', type: 'text', selected: true },
    { id: 'version', type: 'text', selected: true },
    { id: 'pool', type: 'code' },
    { id: 'licenseType', type: 'code', selected: true },
    { id: 'acquired', type: 'code', selected: true },
    { id: 'quantity', type: 'integer', selected: true },
    { id: 'orderLines', type: 'integer' },
  ],
  filters: [
    licensingIdFilter,
    { id: 'product', type: 'text', column: 'productName', primary: true },
    { id: 'licenseType', type: 'enum', column: 'licenseType', primary: true, values: LICENSE_TYPES },
    { id: 'family', type: 'text', column: 'family', primary: false },
    { id: 'pool', type: 'enum', column: 'pool', primary: false, values: LICENSE_POOLS },
    { id: 'acquired', type: 'enum', column: 'acquired', primary: false, values: ['PURCHASED', 'GRANTED'] },
  ],
  source: licensePositionsReportSql,
});
