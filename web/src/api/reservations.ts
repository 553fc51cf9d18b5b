import { queryOptions } from '@tanstack/react-query';
import { type Answer, answer, api, type Body } from './client';

/** R-RES-1…R-RES-5: online service reservations, their history and the true-up. */
export type ReservableEnrollment = Answer<'/api/v1/reservations/licensing-ids', 'get'>['items'][number];
export type ReservableServices = Answer<'/api/v1/licensing-ids/{licensingId}/reservations/services', 'get'>;
export type ReservableService = ReservableServices['services'][number];
export type ReservationInput = Body<'/api/v1/licensing-ids/{licensingId}/reservations', 'post'>;
export type Reservation = Answer<'/api/v1/licensing-ids/{licensingId}/reservations', 'post'>;
export type ReservationAction = ReservationInput['action'];
export type ReservationHistory = Answer<'/api/v1/reservations', 'get'>;
export type HistoryView = ReservationHistory['view'];
export type PartnerContact = ReservationHistory['partners'][number]['partner'];
export type TrueUp = Answer<'/api/v1/licensing-ids/{licensingId}/reservations/true-up', 'get'>;

export const RESERVATION_ACTIONS: ReservationAction[] = ['ADD_LICENSE', 'STEP_UP_LICENSE'];
export const HISTORY_VIEWS: HistoryView[] = ['reservation', 'service', 'licensing-id'];

export const reservableEnrollmentsQuery = queryOptions({
  queryKey: ['reservations', 'licensing-ids'],
  queryFn: () => answer(api.GET('/api/v1/reservations/licensing-ids')),
});

export const reservableServicesQuery = (licensingId: string) =>
  queryOptions({
    queryKey: ['reservations', 'services', licensingId],
    queryFn: () => answer(api.GET('/api/v1/licensing-ids/{licensingId}/reservations/services', { params: { path: { licensingId } } })),
  });

export const submitReservation = (licensingId: string, body: ReservationInput) =>
  answer(api.POST('/api/v1/licensing-ids/{licensingId}/reservations', { params: { path: { licensingId } }, body }));

export const cancelReservation = (reservationId: string) =>
  answer(api.POST('/api/v1/reservations/{reservationId}/cancel', { params: { path: { reservationId } } }));

export const reservationHistoryQuery = (view: HistoryView) =>
  queryOptions({
    queryKey: ['reservations', 'history', view],
    queryFn: () => answer(api.GET('/api/v1/reservations', { params: { query: { view } } })),
  });

export const trueUpQuery = (licensingId: string) =>
  queryOptions({
    queryKey: ['reservations', 'true-up', licensingId],
    queryFn: () => answer(api.GET('/api/v1/licensing-ids/{licensingId}/reservations/true-up', { params: { path: { licensingId } } })),
  });
