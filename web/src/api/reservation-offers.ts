import { queryOptions } from '@tanstack/react-query';
import { type Answer, answer, api } from './client';

/** The publisher's reservation back office (R-RES-4): online services' categories and an enrollment's fixed prices. */
export type OnlineServiceOffer = Answer<'/api/v1/operator/reservation-offers', 'get'>['items'][number];
export type ReservationCategory = OnlineServiceOffer['category'];
export type PriceLocks = Answer<'/api/v1/operator/licensing-ids/{licensingId}/reservation-price-locks', 'get'>;

export const RESERVATION_CATEGORIES: readonly ReservationCategory[] = ['STANDARD', 'LICENSE_RESERVATION_ONLY', 'NOT_CONFIGURED'];

export const reservationOffersQuery = queryOptions({
  queryKey: ['operator-reservation-offers'],
  queryFn: () => answer(api.GET('/api/v1/operator/reservation-offers')),
});

export const setReservationCategory = (productId: string, category: ReservationCategory) =>
  answer(api.PUT('/api/v1/operator/reservation-offers/{productId}', { params: { path: { productId } }, body: { category } }));

export const priceLocksQuery = (licensingId: string) =>
  queryOptions({
    queryKey: ['operator-reservation-price-locks', licensingId],
    queryFn: () =>
      answer(api.GET('/api/v1/operator/licensing-ids/{licensingId}/reservation-price-locks', { params: { path: { licensingId } } })),
  });

export const addPriceLock = (licensingId: string, productId: string) =>
  answer(
    api.POST('/api/v1/operator/licensing-ids/{licensingId}/reservation-price-locks', {
      params: { path: { licensingId } },
      body: { productId },
    }),
  );

export const removePriceLock = (licensingId: string, productId: string) =>
  answer(
    api.DELETE('/api/v1/operator/licensing-ids/{licensingId}/reservation-price-locks/{productId}', {
      params: { path: { licensingId, productId } },
    }),
  );
