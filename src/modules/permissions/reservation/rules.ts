import type { Role } from '../../../platform/authz/roles.js';

export interface ReservationAuthority {
  /** The actor's active roles on the enrollment. */
  roles: readonly Role[];
  /** The Administrator gave this Online Services Manager "Manage Reservation" on this enrollment. */
  manageReservation: boolean;
  /** The actor is the enrollment's Online Administrator contact. */
  isOnlineAdministratorContact: boolean;
}

/**
 * R-PERM-9: online reservations need the Administrator, the Online Administrator, or an Online
 * Services Manager given "Manage Reservation" on that enrollment. The OSM role alone is not enough,
 * and the flag without the role is not either.
 */
export function mayReserve(a: ReservationAuthority): boolean {
  if (a.roles.includes('ADMINISTRATOR')) return true;
  if (a.isOnlineAdministratorContact) return true;
  return a.roles.includes('ONLINE_SERVICES_MANAGER') && a.manageReservation;
}
