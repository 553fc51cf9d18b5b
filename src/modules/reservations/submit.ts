import { sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Database, Db } from '../../platform/db/client.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { enqueueMails, outboxRows } from '../../platform/mail/outbox.js';
import { ACTION_NAMES, reservationMails } from './mails.js';
import { mustFindEnrollment, mustReserve } from './offers.js';
import type { PartnerOfRecord } from './ports.js';
import { actorName, type Reservation, recipients, reservationOf, reservationsWhere, submitterOf } from './records.js';
import {
  CANCEL_WINDOW_HOURS,
  cancellableUntil,
  enrollmentRefusal,
  offerRefusal,
  type ReservationAction,
  usageDateAllowed,
} from './rules.js';
import { submissionFacts } from './submission-facts.js';

export interface ReservationInput {
  productId: string;
  action: ReservationAction;
  quantity: number;
  usageDate: string;
  acceptTerms: boolean;
}

/**
 * A reservation's writes, one statement: the function submit_reservation (migration 0033),
 * prepared once per connection by name, as activate_machine is.
 */
const SUBMIT_RESERVATION = 'select submit_reservation($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)';

/** The refusals that depend on what the enrollment or the service is, not on the input: 409, with the partner to ask. */
const STATE_REFUSALS = new Set([
  'RESERVATION_PROGRAM_NOT_ELIGIBLE',
  'RESERVATION_AGREEMENT_NOT_ELIGIBLE',
  'RESERVATION_ENROLLMENT_EXPIRED',
  'RESERVATION_ENROLLMENT_LAST_MONTH',
  'RESERVATION_NOT_CONFIGURED',
  'RESERVATION_NEEDS_PRIOR_PURCHASE',
]);

export function createReservationCommitments({
  db,
  database,
  clock,
  config,
  partners,
}: {
  db: Db;
  database: Database;
  clock: Clock;
  config: Config;
  partners: PartnerOfRecord;
}) {
  const url = `${config.publicUrl}/online-services/reservations/history`;

  async function refuse(code: string, licensingId: string, message: string): Promise<never> {
    const partner = await partners.contactOf(db, licensingId);
    if (STATE_REFUSALS.has(code)) throw conflict(code, message, { partner });
    throw invalid(code, message, { partner });
  }

  return {
    /**
     * R-RES-1…R-RES-5: a reservation is submitted once every rule holds and the commitment terms
     * are accepted; nothing is kept of a flow left before that. The reads come first, in one
     * statement (submission-facts.ts); the writes (the row, the enrollment's running total by quantity = quantity + n, the audit row and
     * the mails) are one statement, submit_reservation (migration 0033): one round trip and one
     * commit instead of a transaction's seven.
     */
    async submit(actor: Actor, licensingId: string, input: ReservationInput): Promise<Reservation> {
      const now = clock.now();
      // Every read in one statement; its answers are judged in the rules' order.
      const { allowed, enrollment, service, recipients: told, submitter } = await submissionFacts(db, actor, licensingId, input.productId);
      if (!allowed) throw forbidden('reservations.create');
      if (!enrollment) throw notFound('Licensing ID');
      const enrollmentNo = enrollmentRefusal(enrollment, now);
      if (enrollmentNo) return refuse(enrollmentNo, licensingId, 'This enrollment cannot reserve now.');
      if (!service) throw notFound('product');
      const serviceNo = offerRefusal(service);
      if (serviceNo) return refuse(serviceNo, licensingId, 'This service cannot be reserved online.');
      if (!usageDateAllowed(input.usageDate, now, enrollment.endDate)) {
        return refuse('RESERVATION_USAGE_DATE_OUT_OF_WINDOW', licensingId, 'The usage date is outside the window.');
      }
      if (input.acceptTerms !== true)
        return refuse('RESERVATION_TERMS_NOT_ACCEPTED', licensingId, 'The commitment terms were not accepted.');

      const id = uuidv7(now);
      const until = cancellableUntil(now).toISOString().replace('T', ' ').slice(0, 16);
      const mails = outboxRows(
        told.map((r) => ({
          to: r.email,
          locale: r.locale,
          template: reservationMails.reservationSubmitted,
          params: {
            firstName: r.firstName,
            submitter,
            quantity: input.quantity,
            service: service.name,
            action: ACTION_NAMES[r.locale][input.action],
            licensingId: enrollment.number,
            licensingName: enrollment.name,
            usageDate: input.usageDate,
            cancellableUntil: `${until} UTC`,
            url,
          },
        })),
      );
      const after = {
        reservationId: id,
        productCode: service.code,
        action: input.action,
        quantity: input.quantity,
        usageDate: input.usageDate,
      };
      await database.pool.query({
        name: 'lsc-submit-reservation',
        text: SUBMIT_RESERVATION,
        values: [
          id,
          licensingId,
          input.productId,
          input.action,
          input.quantity,
          input.usageDate,
          actor.userId,
          now.toISOString(),
          enrollment.organizationId,
          JSON.stringify(after),
          actor.requestId,
          JSON.stringify(mails),
        ],
      });
      return reservationOf(
        {
          id,
          licensingId,
          licensingNumber: enrollment.number,
          licensingName: enrollment.name,
          productId: input.productId,
          serviceCode: service.code,
          serviceName: service.name,
          action: input.action,
          quantity: input.quantity,
          usageDate: input.usageDate,
          submittedAt: now,
          submittedBy: submitter,
          cancelledAt: null,
        },
        now,
      );
    },

    /**
     * R-RES-3: cancelled within 72 elapsed hours of submission, never after; the cancelling
     * statement itself checks the window and that it is not cancelled yet, so two cancellations
     * at once cancel (and subtract) once. After the window the answer names the partner to contact.
     */
    async cancel(actor: Actor, reservationId: string): Promise<Reservation> {
      const now = clock.now();
      const [before] = await reservationsWhere(db, sql`r.id = ${reservationId}`, now);
      if (!before) throw notFound('reservation');
      const scoped = await db.execute(sql`
        select 1 from role_grant g where g.licensing_id = ${before.licensingId} and g.user_id = ${actor.userId} and g.active`);
      if (!scoped.rowCount) throw notFound('reservation');
      await mustReserve(db, actor, before.licensingId);
      const enrollment = await mustFindEnrollment(db, before.licensingId);
      return db.transaction(async (tx) => {
        const windowStart = new Date(now.getTime() - CANCEL_WINDOW_HOURS * 60 * 60 * 1000).toISOString();
        const updated = await tx.execute<{ product_id: string; action: string; quantity: number }>(sql`
          update reservation set cancelled_at = ${now.toISOString()}, cancelled_by = ${actor.userId}
          where id = ${reservationId} and cancelled_at is null and submitted_at >= ${windowStart}
          returning product_id, action, quantity`);
        const row = updated.rows[0];
        if (!row) {
          const partner = await partners.contactOf(tx, before.licensingId);
          if (before.cancelledAt) throw conflict('RESERVATION_ALREADY_CANCELLED', 'This reservation is already cancelled.', { partner });
          const [again] = await reservationsWhere(tx, sql`r.id = ${reservationId}`, now);
          if (again?.cancelledAt) throw conflict('RESERVATION_ALREADY_CANCELLED', 'This reservation is already cancelled.', { partner });
          throw conflict('RESERVATION_CANCEL_WINDOW_PASSED', 'More than 72 hours have passed since submission; contact your partner.', {
            partner,
            cancellableUntil: before.cancellableUntil,
          });
        }
        await tx.execute(sql`
          update reservation_total set quantity = quantity - ${row.quantity}
          where licensing_id = ${before.licensingId} and product_id = ${row.product_id} and action = ${row.action}`);
        await audit(tx, actor, {
          action: 'reservation.cancel',
          targetType: 'licensing_id',
          targetId: before.licensingId,
          organizationId: enrollment.organizationId,
          before: {
            reservationId,
            productCode: before.serviceCode,
            action: before.action,
            quantity: before.quantity,
            usageDate: before.usageDate,
          },
          after: { cancelled: true },
        });
        const canceller = await actorName(tx, actor.userId);
        await enqueueMails(
          tx,
          (await recipients(tx, before.licensingId, [actor.userId, (await submitterOf(tx, reservationId)) ?? actor.userId])).map((r) => ({
            to: r.email,
            locale: r.locale,
            template: reservationMails.reservationCancelled,
            params: {
              firstName: r.firstName,
              canceller,
              quantity: before.quantity,
              service: before.serviceName,
              action: ACTION_NAMES[r.locale][before.action],
              licensingId: enrollment.number,
              licensingName: enrollment.name,
              usageDate: before.usageDate,
              url,
            },
          })),
        );
        const [after] = await reservationsWhere(tx, sql`r.id = ${reservationId}`, now);
        if (!after) throw notFound('reservation');
        return after;
      });
    },
  };
}
