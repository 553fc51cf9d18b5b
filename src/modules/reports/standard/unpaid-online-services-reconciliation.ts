import { onlineServicesReconciliationSql } from '../../subscriptions/for-reports.js';
import { defineReport, licensingIdFilter } from './report.js';

/** Unpaid Online Services Reconciliation: online services in use (subscriptions assigned) against the quantity ordered. */
export default defineReport({
  id: 'unpaid-online-services-reconciliation',
  group: 'ORDERS_AND_INVOICES',
  action: 'reports.view',
  columns: [
    { id: 'agreementNumber', type: 'text', selected: true },
    { id: 'licensingId', type: 'text', required: true, selected: true },
    { id: 'licensingName', type: 'text' },
    { id: 'productCode', type: 'text', selected: true },
    { id: 'productName', type: 'text', required: true, selected: true },
    { id: 'ordered', type: 'integer', required: true, selected: true },
    { id: 'inUse', type: 'integer', required: true, selected: true },
    { id: 'unpaid', type: 'integer', selected: true },
    { id: 'orderNumbers', type: 'text', selected: true },
  ],
  filters: [
    { id: 'orderNumber', type: 'text', column: 'orderNumbers', primary: true },
    { id: 'agreementNumber', type: 'text', column: 'agreementNumber', primary: true },
    { id: 'product', type: 'text', column: 'productName', primary: true },
    { ...licensingIdFilter, primary: false },
  ],
  source: onlineServicesReconciliationSql,
});
