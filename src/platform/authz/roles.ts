/** R-PERM-1: the seven roles a user can hold per Licensing ID. */
export const ROLES = [
  'ADMINISTRATOR',
  'LICENSING_INFO_VIEWER',
  'DOWNLOAD',
  'PRODUCT_KEYS',
  'SA_MANAGER',
  'ONLINE_SERVICES_MANAGER',
  'SUBSCRIPTIONS_MANAGER',
] as const;
export type Role = (typeof ROLES)[number];
