import { onlineServiceTermsReportSql } from '../../orders/for-reports.js';
import { defineReport, licensingIdFilter } from './report.js';

/** Online Services Renewals: each online-service term ordered and the day it expires (renewal due). */
export default defineReport({
  id: 'online-services-renewals',
  group: 'LICENSES_AND_SERVICES',
  action: 'reports.view',
  columns: [
    { id: 'licensingId', type: 'text', required: true, selected: true },
    { id: 'licensingName', type: 'text' },
    { id: 'orderNumber', type: 'text', selected: true },
    { id: 'productCode', type: 'text', selected: true },
    { id: 'productName', type: 'text', required: true, selected: true },
    { id: 'quantity', type: 'integer', selected: true },
    { id: 'termStart', type: 'date', selected: true },
    { id: 'expiresOn', type: 'date', required: true, selected: true },
  ],
  filters: [
    licensingIdFilter,
    { id: 'expiresOn', type: 'dateRange', column: 'expiresOn', primary: true },
    { id: 'product', type: 'text', column: 'productName', primary: false },
    { id: 'orderNumber', type: 'text', column: 'orderNumber', primary: false },
  ],
  source: onlineServiceTermsReportSql,
});
