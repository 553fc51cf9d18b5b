/** Within this many days of its next expiration an item is "Expiring soon". */
export const EXPIRING_SOON_DAYS = 90;
/** Within this many days its expiration date is shown as urgent (in red, with text). */
export const EXPIRING_URGENT_DAYS = 30;

export const EXPIRY_FLAGS = ['NONE', 'EXPIRING_SOON', 'EXPIRING_URGENT'] as const;
export type ExpiryFlag = (typeof EXPIRY_FLAGS)[number];

/**
 * The inventory's expiry flag (seed 004, "Find accounts that will expire soon"): an item whose
 * next expiration is within 90 days (that day included) is expiring soon, within 30 days urgently;
 * a perpetual item (no expiration) never. `today` is the caller's clock's day.
 */
export function expiryFlag(nextExpiration: string | null, today: string): { flag: ExpiryFlag; daysLeft: number | null } {
  if (nextExpiration === null) return { flag: 'NONE', daysLeft: null };
  const daysLeft = Math.round((Date.parse(`${nextExpiration}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (daysLeft <= EXPIRING_URGENT_DAYS) return { flag: 'EXPIRING_URGENT', daysLeft };
  if (daysLeft <= EXPIRING_SOON_DAYS) return { flag: 'EXPIRING_SOON', daysLeft };
  return { flag: 'NONE', daysLeft };
}
