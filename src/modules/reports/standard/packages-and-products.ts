import { orderLinesReportSql } from '../../orders/for-reports.js';
import { LICENSE_TYPES } from '../../orders/rules.js';
import { defineReport, licensingIdFilter } from './report.js';

/** Packages and Products: every order line, how it was acquired (purchased or granted) and what it covers. */
export default defineReport({
  id: 'packages-and-products',
  group: 'ORDERS_AND_INVOICES',
  action: 'reports.view',
  columns: [
    { id: 'licensingId', type: 'text', required: true, selected: true },
    { id: 'orderNumber', type: 'text', required: true, selected: true },
    { id: 'orderDate', type: 'date', selected: true },
    { id: 'line', type: 'integer' },
    { id: 'productCode', type: 'text', selected: true },
    { id: 'productName', type: 'text', selected: true },
    { id: 'family', type: 'text' },
    { id: 'version', type: 'text' },
    { id: 'pool', type: 'code' },
    { id: 'licenseType', type: 'code', selected: true },
    { id: 'acquired', type: 'code', selected: true },
    { id: 'quantity', type: 'integer', selected: true },
    { id: 'coverageStart', type: 'date' },
    { id: 'coverageEnd', type: 'date' },
    { id: 'countsFrom', type: 'date' },
  ],
  filters: [
    licensingIdFilter,
    { id: 'orderNumber', type: 'text', column: 'orderNumber', primary: true },
    { id: 'product', type: 'text', column: 'productName', primary: true },
    { id: 'orderDate', type: 'dateRange', column: 'orderDate', primary: false },
    { id: 'licenseType', type: 'enum', column: 'licenseType', primary: false, values: LICENSE_TYPES },
    { id: 'acquired', type: 'enum', column: 'acquired', primary: false, values: ['PURCHASED', 'GRANTED'] },
    { id: 'productCode', type: 'text', column: 'productCode', primary: false },
  ],
  source: orderLinesReportSql,
});
