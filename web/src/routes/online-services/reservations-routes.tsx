import { createRoute } from '@tanstack/react-router';
import { appRoute } from '../base';
import { MakeReservationPage } from './reservations';
import { ReservationHistoryPage } from './reservations-history';
import { ReservationTrueUpPage } from './reservations-true-up';

const make = createRoute({ getParentRoute: () => appRoute, path: '/online-services/reservations', component: MakeReservationPage });
const history = createRoute({
  getParentRoute: () => appRoute,
  path: '/online-services/reservations/history',
  component: ReservationHistoryPage,
});
const trueUp = createRoute({
  getParentRoute: () => appRoute,
  path: '/online-services/reservations/true-up',
  component: ReservationTrueUpPage,
});

/** R-RES-1…R-RES-5: make a reservation, its history with cancellation, and the true-up. */
export const reservationRoutes = [make, history, trueUp] as const;
