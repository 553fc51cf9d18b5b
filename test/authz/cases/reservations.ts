import { NIL, type RouteCase } from './types.js';

// The walk's Online Services Manager holds "Manage Reservation" (R-PERM-9 narrows the role; reservations.test.ts proves it).
export const RESERVATIONS_CASES: Record<string, RouteCase> = {
  'GET /api/v1/reservations/licensing-ids': {},
  'GET /api/v1/licensing-ids/:licensingId/reservations/services': {},
  'POST /api/v1/licensing-ids/:licensingId/reservations': {
    body: { productId: NIL, action: 'ADD_LICENSE', quantity: 1, usageDate: '2026-01-01', acceptTerms: true },
  },
  'POST /api/v1/reservations/:reservationId/cancel': { params: { reservationId: NIL } },
  'GET /api/v1/reservations': { query: 'view=service' },
  'GET /api/v1/licensing-ids/:licensingId/reservations/true-up': {},
  'GET /api/v1/operator/reservation-offers': {},
  'PUT /api/v1/operator/reservation-offers/:productId': { params: { productId: NIL }, body: { category: 'STANDARD' } },
  'GET /api/v1/operator/licensing-ids/:licensingId/reservation-price-locks': {},
  'POST /api/v1/operator/licensing-ids/:licensingId/reservation-price-locks': { body: { productId: NIL } },
  'DELETE /api/v1/operator/licensing-ids/:licensingId/reservation-price-locks/:productId': { params: { productId: NIL } },
};
