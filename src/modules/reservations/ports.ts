import type { DbOrTx } from '../../platform/db/client.js';

/** R-RES-3: who the customer contacts once a reservation can no longer be cancelled. */
export interface PartnerContact {
  name: string;
  email: string;
  number: string;
}

/**
 * What reservations ask of the partners module, which owns who is the channel partner of record
 * (R-REL-6). Partners imports relationship and the catalog but not reservations, and reservations
 * must not import partners, so app.ts passes it in.
 */
export interface PartnerOfRecord {
  contactOf(db: DbOrTx, licensingId: string): Promise<PartnerContact | null>;
}
