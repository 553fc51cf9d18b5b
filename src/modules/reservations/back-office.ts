import { sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { conflict, DomainError } from '../../platform/errors.js';
import { enqueueMails } from '../../platform/mail/outbox.js';
import { reservationMails } from './mails.js';
import { mustFindEnrollment } from './offers.js';
import { recipients } from './records.js';
import type { ReservationCategory } from './rules.js';

export interface OfferRow {
  productId: string;
  code: string;
  name: string;
  category: ReservationCategory;
}

/** A product without a reservation_offer row reads a null category: not configured. */
type RawOffer = Omit<OfferRow, 'category'> & { category: ReservationCategory | null } & Record<string, unknown>;

/**
 * R-RES-4: the online services as the publisher configures them: every product with a reservation
 * category and every product ordered anywhere as an online service (without a row it is not
 * configured). `productId` narrows to one product, returned only when it is an online service.
 */
async function onlineServices(db: DbOrTx, productId?: string): Promise<OfferRow[]> {
  const res = await db.execute<RawOffer>(sql`
    select p.id as "productId", p.code, p.name, o.category
    from product p left join reservation_offer o on o.product_id = p.id
    where (o.product_id is not null
      or exists (select 1 from license_position lp where lp.product_id = p.id and lp.license_type = 'ONLINE_SERVICE'))
      ${productId ? sql`and p.id = ${productId}` : sql``}
    order by p.name, p.code`);
  return res.rows.map((r) => ({ ...r, category: r.category ?? 'NOT_CONFIGURED' }));
}

const unknownProduct = () => new DomainError('RESERVATION_OFFER_UNKNOWN_PRODUCT', 404, 'No product has this id.');

/** An unknown product and a product that is no online service are refused apart: the operator fixes them differently. */
async function mustFindService(db: DbOrTx, productId: string): Promise<OfferRow> {
  const [service] = await onlineServices(db, productId);
  if (service) return service;
  const exists = await db.execute(sql`select 1 from product where id = ${productId}`);
  if (!exists.rowCount) throw unknownProduct();
  throw conflict('RESERVATION_OFFER_NOT_ONLINE_SERVICE', 'Only online services can be configured for reservation.');
}

async function locksOf(db: DbOrTx, licensingId: string): Promise<OfferRow[]> {
  const res = await db.execute<RawOffer>(sql`
    select p.id as "productId", p.code, p.name, o.category
    from reservation_price_lock pl join product p on p.id = pl.product_id left join reservation_offer o on o.product_id = p.id
    where pl.licensing_id = ${licensingId}
    order by p.name, p.code`);
  return res.rows.map((r) => ({ ...r, category: r.category ?? 'NOT_CONFIGURED' }));
}

/**
 * R-RES-4: the publisher's back office for reservations: which category each online service is
 * in, and which services have a fixed price for an enrollment (what makes a License Reservation
 * Only service reservable without a prior purchase).
 */
export function createReservationBackOffice({ db, config }: { db: Db; config: Config }) {
  const url = `${config.publicUrl}/online-services/reservations`;

  async function enrollmentLocks(licensingId: string) {
    const e = await mustFindEnrollment(db, licensingId);
    return {
      licensingId: { id: e.id, number: e.number, name: e.name, program: e.program, mayLock: e.programMayReserve },
      items: await locksOf(db, licensingId),
    };
  }

  /** Add or remove one price lock; the enrollment's Administrators are told, since it changes what they may reserve. */
  async function changeLock(actor: Actor, licensingId: string, productId: string, add: boolean) {
    const e = await mustFindEnrollment(db, licensingId);
    const service = await mustFindService(db, productId);
    // R-RES-1: only the Enterprise programs reserve, so a fixed price for reservation means nothing elsewhere.
    if (add && !e.programMayReserve) {
      throw conflict(
        'RESERVATION_PRICE_LOCK_PROGRAM_NOT_ELIGIBLE',
        'Only Enterprise-family enrollments can have a fixed price for reservation.',
      );
    }
    await db.transaction(async (tx) => {
      // One statement decides, so two operators adding (or removing) at once change it once.
      const changed = add
        ? await tx.execute(sql`
            insert into reservation_price_lock (licensing_id, product_id) values (${licensingId}, ${productId})
            on conflict do nothing returning product_id`)
        : await tx.execute(sql`
            delete from reservation_price_lock where licensing_id = ${licensingId} and product_id = ${productId} returning product_id`);
      if (!changed.rowCount) {
        if (add) throw conflict('RESERVATION_PRICE_LOCK_EXISTS', 'This service already has a fixed price for this enrollment.');
        throw new DomainError('RESERVATION_PRICE_LOCK_UNKNOWN', 404, 'This service has no fixed price for this enrollment.');
      }
      await audit(tx, actor, {
        action: add ? 'reservation.price-lock.add' : 'reservation.price-lock.remove',
        targetType: 'licensing_id',
        targetId: licensingId,
        organizationId: e.organizationId,
        before: add ? null : { productCode: service.code, fixedPrice: true },
        after: add ? { productCode: service.code, fixedPrice: true } : { productCode: service.code, fixedPrice: false },
      });
      await enqueueMails(
        tx,
        (await recipients(tx, licensingId, [])).map((r) => ({
          to: r.email,
          locale: r.locale,
          template: add ? reservationMails.priceLockAdded : reservationMails.priceLockRemoved,
          params: { firstName: r.firstName, service: service.name, licensingId: e.number, licensingName: e.name, url },
        })),
      );
    });
    return enrollmentLocks(licensingId);
  }

  return {
    offers: () => onlineServices(db),

    /** R-RES-4: put an online service in a category; setting the category it already has changes and records nothing. */
    async setCategory(actor: Actor, productId: string, category: ReservationCategory): Promise<OfferRow> {
      return db.transaction(async (tx) => {
        await tx.execute(sql`select 1 from reservation_offer where product_id = ${productId} for update`);
        const before = await mustFindService(tx, productId);
        if (before.category === category) return before;
        await tx.execute(sql`
          insert into reservation_offer (product_id, category) values (${productId}, ${category})
          on conflict (product_id) do update set category = excluded.category`);
        await audit(tx, actor, {
          action: 'reservation.offer.set',
          targetType: 'product',
          targetId: productId,
          before: { productCode: before.code, category: before.category },
          after: { productCode: before.code, category },
        });
        return { ...before, category };
      });
    },

    locks: (licensingId: string) => enrollmentLocks(licensingId),
    addLock: (actor: Actor, licensingId: string, productId: string) => changeLock(actor, licensingId, productId, true),
    removeLock: (actor: Actor, licensingId: string, productId: string) => changeLock(actor, licensingId, productId, false),
  };
}
