import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/http/guard.js';
import type { ModuleDeps, ModuleRoutes } from '../../platform/module.js';
import { createReservationBackOffice } from './back-office.js';
import { reservationBackOfficeRoutes } from './back-office-routes.js';
import { createReservationHistory } from './history.js';
import { enrollmentOf, enrollmentView, mustFindEnrollment, mustReserve, reservingLicensingIds, servicesOf, serviceView } from './offers.js';
import type { PartnerOfRecord } from './ports.js';
import {
  HistoryQuerySchema,
  HistorySchema,
  LicensingIdParams,
  ReservableEnrollmentsSchema,
  ReservableServicesSchema,
  ReservationInputSchema,
  ReservationParams,
  ReservationSchema,
  TrueUpSchema,
} from './schemas.js';
import { createReservationCommitments } from './submit.js';

/** Online service reservations (R-RES-1…R-RES-5, R-PERM-9): the flow, the history with cancellation, the true-up, and the publisher's back office (R-RES-4). */
export function reservationsModule({ db, database, clock, config }: ModuleDeps, partners: PartnerOfRecord): ModuleRoutes {
  const commitments = createReservationCommitments({ db, database, clock, config, partners });
  const history = createReservationHistory({ db, clock, partners });
  const backOffice = createReservationBackOffice({ db, config });
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['reservations'];

    app.get(
      '/reservations/licensing-ids',
      {
        config: { action: 'reservations.create' },
        schema: {
          tags,
          summary:
            'The Licensing IDs I may reserve on (R-PERM-9), each with its usage-date window and why it cannot reserve now (R-RES-1, R-RES-2, R-RES-4)',
          response: { 200: ReservableEnrollmentsSchema },
        },
      },
      async (req) => {
        const now = clock.now();
        const items = [];
        for (const id of await reservingLicensingIds(db, actorOf(req))) {
          const e = await enrollmentOf(db, id);
          if (e) items.push(enrollmentView(e, now));
        }
        return { items: items.sort((a, b) => Number(a.refusal !== null) - Number(b.refusal !== null) || a.number.localeCompare(b.number)) };
      },
    );

    app.get(
      '/licensing-ids/:licensingId/reservations/services',
      {
        config: { action: 'reservations.create', target: 'params.licensingId' },
        schema: {
          tags,
          summary: 'The online services of an enrollment with their reservation category and why one cannot be reserved (R-RES-1, R-RES-4)',
          params: LicensingIdParams,
          response: { 200: ReservableServicesSchema },
        },
      },
      async (req) => {
        const { licensingId } = req.params;
        await mustReserve(db, actorOf(req), licensingId);
        const e = await mustFindEnrollment(db, licensingId);
        return {
          enrollment: enrollmentView(e, clock.now()),
          partner: await partners.contactOf(db, licensingId),
          services: (await servicesOf(db, licensingId)).map(serviceView),
        };
      },
    );

    app.post(
      '/licensing-ids/:licensingId/reservations',
      {
        config: { action: 'reservations.create', target: 'params.licensingId' },
        schema: {
          tags,
          summary:
            'Submit a reservation: an online service, Add License or Step-up License, a quantity and a usage date, with the commitment terms accepted (R-RES-1…R-RES-5)',
          params: LicensingIdParams,
          body: ReservationInputSchema,
          response: { 201: ReservationSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await commitments.submit(actorOf(req), req.params.licensingId, req.body)),
    );

    app.post(
      '/reservations/:reservationId/cancel',
      {
        config: { action: 'reservations.create', target: 'service' },
        schema: {
          tags,
          summary: 'Cancel a reservation within 72 hours of its submission; after that the answer names the partner to contact (R-RES-3)',
          params: ReservationParams,
          response: { 200: ReservationSchema },
        },
      },
      async (req) => commitments.cancel(actorOf(req), req.params.reservationId),
    );

    app.get(
      '/reservations',
      {
        config: { action: 'reservations.create' },
        schema: {
          tags,
          summary: 'Reservation history by reservation, service or Licensing ID; cancellable ones first, newest first (R-RES-5)',
          querystring: HistoryQuerySchema,
          response: { 200: HistorySchema },
        },
      },
      async (req) => history.history(actorOf(req), req.query.view),
    );

    app.get(
      '/licensing-ids/:licensingId/reservations/true-up',
      {
        config: { action: 'reservations.create', target: 'params.licensingId' },
        schema: {
          tags,
          summary:
            'What the enrollment orders at its anniversary: reservations past their cancellation window, per service and action (R-RES-3)',
          params: LicensingIdParams,
          response: { 200: TrueUpSchema },
        },
      },
      async (req) => {
        await mustReserve(db, actorOf(req), req.params.licensingId);
        return history.trueUp(req.params.licensingId);
      },
    );

    reservationBackOfficeRoutes(app, backOffice);
  };
}
