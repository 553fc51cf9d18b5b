/**
 * The business center's sections for the chosen purchasing account, in menu order. Each is a child
 * route of /business-center/$accountId; a section adds itself here and to routes.tsx.
 */
export type Section = { to: `/business-center/$accountId${string}`; labelKey: string };

export const SECTIONS: Section[] = [
  { to: '/business-center/$accountId', labelKey: 'businessCenter.sections.overview' },
  { to: '/business-center/$accountId/orders', labelKey: 'bcOrders.sections.orders' },
  { to: '/business-center/$accountId/inventory', labelKey: 'bcOrders.sections.inventory' },
  { to: '/business-center/$accountId/online-services', labelKey: 'bcOrders.sections.selfProvisioning' },
];
