import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/http/guard.js';
import type { createReservationBackOffice } from './back-office.js';
import {
  LicensingIdParams,
  OfferCategoryInputSchema,
  OnlineServiceOfferSchema,
  OnlineServiceOffersSchema,
  PriceLockInputSchema,
  PriceLockParams,
  PriceLocksSchema,
  ProductParams,
} from './schemas.js';

const tags = ['reservations'];

/**
 * R-RES-4: the publisher (`operator`) sets each online service's reservation category and the
 * fixed prices of an enrollment. The Licensing ID is found by number with the operator's lookup
 * GET /operator/sa-benefits/licensing-ids.
 */
export function reservationBackOfficeRoutes(fastify: FastifyInstance, office: ReturnType<typeof createReservationBackOffice>) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/operator/reservation-offers',
    {
      config: { action: 'operator' },
      schema: {
        tags,
        summary: 'The online services with their reservation category; one never configured is NOT_CONFIGURED (R-RES-4)',
        response: { 200: OnlineServiceOffersSchema },
      },
    },
    async () => ({ items: await office.offers() }),
  );

  app.put(
    '/operator/reservation-offers/:productId',
    {
      config: { action: 'operator' },
      schema: {
        tags,
        summary:
          'Set an online service’s reservation category (RESERVATION_OFFER_UNKNOWN_PRODUCT, RESERVATION_OFFER_NOT_ONLINE_SERVICE) (R-RES-4)',
        params: ProductParams,
        body: OfferCategoryInputSchema,
        response: { 200: OnlineServiceOfferSchema },
      },
    },
    async (req) => office.setCategory(actorOf(req), req.params.productId, req.body.category),
  );

  app.get(
    '/operator/licensing-ids/:licensingId/reservation-price-locks',
    {
      config: { action: 'operator' },
      schema: {
        tags,
        summary: 'The online services whose price is fixed for any Licensing ID (R-RES-4)',
        params: LicensingIdParams,
        response: { 200: PriceLocksSchema },
      },
    },
    async (req) => office.locks(req.params.licensingId),
  );

  app.post(
    '/operator/licensing-ids/:licensingId/reservation-price-locks',
    {
      config: { action: 'operator' },
      schema: {
        tags,
        summary:
          'Fix an online service’s price for an Enterprise-family enrollment; its Administrators are mailed (RESERVATION_PRICE_LOCK_PROGRAM_NOT_ELIGIBLE, RESERVATION_PRICE_LOCK_EXISTS, RESERVATION_OFFER_UNKNOWN_PRODUCT, RESERVATION_OFFER_NOT_ONLINE_SERVICE) (R-RES-4)',
        params: LicensingIdParams,
        body: PriceLockInputSchema,
        response: { 201: PriceLocksSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await office.addLock(actorOf(req), req.params.licensingId, req.body.productId)),
  );

  app.delete(
    '/operator/licensing-ids/:licensingId/reservation-price-locks/:productId',
    {
      config: { action: 'operator' },
      schema: {
        tags,
        summary:
          'Remove an online service’s fixed price from an enrollment; its Administrators are mailed (RESERVATION_PRICE_LOCK_UNKNOWN) (R-RES-4)',
        params: PriceLockParams,
        response: { 200: PriceLocksSchema },
      },
    },
    async (req) => office.removeLock(actorOf(req), req.params.licensingId, req.params.productId),
  );
}
