import { agreementsReportSql } from '../../relationship/for-reports.js';
import { CONTACT_TYPES, LIFECYCLE_STATUSES, PROGRAM_CODES } from '../../relationship/rules.js';
import { defineReport, licensingIdFilter } from './report.js';

/** Agreements: each Licensing ID with its agreement and the contacts named on them. */
export default defineReport({
  id: 'agreements',
  group: 'AGREEMENTS',
  action: 'reports.view',
  columns: [
    { id: 'agreementNumber', type: 'text', required: true, selected: true },
    { id: 'program', type: 'code', selected: true },
    { id: 'licensingId', type: 'text', required: true, selected: true },
    { id: 'licensingName', type: 'text', selected: true },
    { id: 'status', type: 'code', selected: true },
    { id: 'startDate', type: 'date' },
    { id: 'endDate', type: 'date', selected: true },
    { id: 'priceLevel', type: 'text' },
    { id: 'contactType', type: 'code', selected: true },
    { id: 'contactName', type: 'text', selected: true },
    { id: 'contactEmail', type: 'text', selected: true },
  ],
  filters: [
    { id: 'agreementNumber', type: 'text', column: 'agreementNumber', primary: true },
    { id: 'contactName', type: 'text', column: 'contactName', primary: true },
    { id: 'contactEmail', type: 'text', column: 'contactEmail', primary: true },
    { ...licensingIdFilter, primary: false },
    { id: 'program', type: 'enum', column: 'program', primary: false, values: PROGRAM_CODES },
    { id: 'status', type: 'enum', column: 'status', primary: false, values: LIFECYCLE_STATUSES },
    { id: 'contactType', type: 'enum', column: 'contactType', primary: false, values: CONTACT_TYPES },
    { id: 'endDate', type: 'dateRange', column: 'endDate', primary: false },
  ],
  source: agreementsReportSql,
});
