import { eq } from 'drizzle-orm';
import { product } from '../modules/catalog/tables.js';
import type { ReservationCategory } from '../modules/reservations/rules.js';
import { reservationOffer } from '../modules/reservations/tables.js';
import type { Tx } from '../platform/db/client.js';

/**
 * R-RES-4: the demo's online services in each reservation category. The Enterprise enrollment
 * bought Cloud Mail Plan 1 (License Reservation Only: reservable after that purchase) and may
 * reserve Plan 2 (Standard); the Archiving add-on needs a purchase it lacks, and Cloud Voice is
 * not configured (the partner orders it).
 */
export async function seedDemoReservationOffers(tx: Tx) {
  const offers: [code: string, category: ReservationCategory][] = [
    ['CLOUD-MAIL-P1', 'LICENSE_RESERVATION_ONLY'],
    ['CLOUD-MAIL-P2', 'STANDARD'],
    ['CLOUD-MAIL-ARCHIVE', 'LICENSE_RESERVATION_ONLY'],
    ['CLOUD-MAIL-VOICE', 'NOT_CONFIGURED'],
  ];
  for (const [code, category] of offers) {
    const [p] = await tx.select({ id: product.id }).from(product).where(eq(product.code, code));
    if (!p) throw new Error(`seed: product ${code}`);
    await tx.insert(reservationOffer).values({ productId: p.id, category });
  }
}
