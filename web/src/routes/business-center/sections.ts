import type { AccountRole } from '../../api/business-center';

/**
 * The business center's sections for the chosen purchasing account, in menu order. Each is a child
 * route of /business-center/$accountId; a section adds itself here and to routes.tsx.
 */
export type Section = {
  to: `/business-center/$accountId${string}`;
  labelKey: string;
  /** Shown only to holders of one of these roles on the account (R-PERM-14); everyone when absent. */
  roles?: readonly AccountRole[];
};

export const SECTIONS: Section[] = [
  { to: '/business-center/$accountId', labelKey: 'businessCenter.sections.overview' },
  { to: '/business-center/$accountId/agreements', labelKey: 'bcAgreements.sections.agreements' },
  { to: '/business-center/$accountId/sales-packages', labelKey: 'bcAgreements.sections.salesPackages' },
  {
    to: '/business-center/$accountId/users',
    labelKey: 'bcUsers.section',
    roles: ['USER_ADMINISTRATOR', 'AGREEMENT_ADMINISTRATOR', 'ACCOUNT_ADMINISTRATOR'],
  },
  { to: '/business-center/$accountId/orders', labelKey: 'bcOrders.sections.orders' },
  { to: '/business-center/$accountId/inventory', labelKey: 'bcOrders.sections.inventory' },
  { to: '/business-center/$accountId/online-services', labelKey: 'bcOrders.sections.selfProvisioning' },
];
