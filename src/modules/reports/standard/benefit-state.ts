import { licensingIdFilter, type ReportColumn, type ReportFilter } from './report.js';

/** The columns of a benefit's state per Licensing ID (24x7 support, Planning Services). */
export const benefitStateColumns: readonly ReportColumn[] = [
  { id: 'licensingId', type: 'text', required: true, selected: true },
  { id: 'licensingName', type: 'text', selected: true },
  { id: 'program', type: 'code' },
  { id: 'status', type: 'code', selected: true },
  { id: 'activatedOn', type: 'date', selected: true },
  { id: 'used', type: 'integer', selected: true },
  { id: 'uses', type: 'integer' },
];

export const benefitStateFilters: readonly ReportFilter[] = [
  licensingIdFilter,
  { id: 'status', type: 'enum', column: 'status', primary: true, values: ['REQUIRES_ACTIVATION', 'ACTIVATED', 'HAR'] },
  { id: 'activatedOn', type: 'dateRange', column: 'activatedOn', primary: false },
];

/** The columns of a benefit's uses (training vouchers, Home Use Program users). */
export const benefitUseColumns: readonly ReportColumn[] = [
  { id: 'licensingId', type: 'text', required: true, selected: true },
  { id: 'licensingName', type: 'text' },
  { id: 'reference', type: 'text', required: true, selected: true },
  { id: 'holderName', type: 'text', selected: true },
  { id: 'holderEmail', type: 'text', selected: true },
  { id: 'quantity', type: 'integer', selected: true },
  { id: 'status', type: 'code', selected: true },
  { id: 'assignedOn', type: 'date', selected: true },
  { id: 'redeemedOn', type: 'date' },
  { id: 'cancelledOn', type: 'date' },
];

export const benefitUseFilters: readonly ReportFilter[] = [
  licensingIdFilter,
  { id: 'holder', type: 'text', column: 'holderName', primary: true },
  { id: 'holderEmail', type: 'text', column: 'holderEmail', primary: false },
  { id: 'status', type: 'enum', column: 'status', primary: false, values: ['ASSIGNED', 'REDEEMED', 'CANCELLED'] },
  { id: 'assignedOn', type: 'dateRange', column: 'assignedOn', primary: false },
];
