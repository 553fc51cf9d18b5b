import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.js';
import { visibleLicensingIds } from '../../platform/authz/scope.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { canReserve } from '../permissions/reservation/service.js';
import { type Enrollment, enrollmentRefusal, type Offer, offerRefusal, type ReservationCategory, usageWindow } from './rules.js';

export interface EnrollmentRow extends Enrollment {
  id: string;
  organizationId: string;
  number: string;
  name: string;
  program: string;
  startDate: string;
}

/** What the rules need to know of an enrollment, with its program's flag and its parent agreement. */
export async function enrollmentOf(db: DbOrTx, licensingId: string): Promise<EnrollmentRow | null> {
  const res = await db.execute<EnrollmentRow & Record<string, unknown>>(enrollmentSql(licensingId));
  return res.rows[0] ?? null;
}

/** The query of enrollmentOf, as a fragment a submission reads beside its other checks (submission-facts.ts). */
export function enrollmentSql(licensingId: string): SQL {
  return sql`
    select l.id, l.organization_id as "organizationId", l.number, l.name, p.name as program, l.status,
      l.start_date::text as "startDate", l.end_date::text as "endDate", p.may_reserve as "programMayReserve",
      coalesce(a.start_date, l.start_date)::text as "agreementStartDate",
      coalesce(a.updated_ea_amendment, false) as "updatedEaAmendment"
    from licensing_id l join program p on p.code = l.program_code left join agreement a on a.id = l.parent_agreement_id
    where l.id = ${licensingId}`;
}

/** The enrollment as the flow shows it: its usage-date window and why it cannot reserve, if it cannot. */
export const enrollmentView = (e: EnrollmentRow, now: Date) => ({
  id: e.id,
  number: e.number,
  name: e.name,
  program: e.program,
  endDate: e.endDate,
  usageWindow: usageWindow(now, e.endDate),
  refusal: enrollmentRefusal(e, now),
});

/**
 * R-PERM-9: the guard let every holder of `reservations.create` through; the Online Services
 * Manager without "Manage Reservation" stops here.
 */
export async function mustReserve(db: DbOrTx, actor: Actor, licensingId: string): Promise<void> {
  if (!(await canReserve(db, actor, licensingId))) throw forbidden('reservations.create');
}

/** The Licensing IDs the actor may reserve on (R-PERM-9), of every program: the flow says why one cannot. */
export async function reservingLicensingIds(db: DbOrTx, actor: Actor): Promise<string[]> {
  const ids = await visibleLicensingIds(db, actor, 'reservations.create');
  const allowed: string[] = [];
  for (const id of ids) if (await canReserve(db, actor, id)) allowed.push(id);
  return allowed;
}

export interface ServiceRow extends Offer {
  productId: string;
  code: string;
  name: string;
}

/**
 * R-RES-1, R-RES-4: the online services as the enrollment sees them: every product the publisher
 * configured for reservation and every product ordered anywhere as an online service (these, not
 * configured, the partner orders), with this enrollment's prior purchase and fixed price.
 * `productId` narrows to one product, which is returned even when it is no online service.
 */
export async function servicesOf(db: DbOrTx, licensingId: string, productId?: string): Promise<ServiceRow[]> {
  const res = await db.execute<ServiceQueryRow>(servicesSql(licensingId, productId));
  return res.rows.map(serviceOf);
}

/** A row of servicesSql, before the offer is judged. */
export interface ServiceQueryRow extends Record<string, unknown> {
  productId: string;
  code: string;
  name: string;
  category: ReservationCategory | null;
  orderedAsService: boolean;
  priorPurchase: boolean;
  fixedPrice: boolean;
}

/** The query of servicesOf, as a fragment a submission reads beside its other checks (submission-facts.ts). */
export function servicesSql(licensingId: string, productId?: string): SQL {
  return sql`
    select p.id as "productId", p.code, p.name, o.category,
      exists (select 1 from license_position lp where lp.product_id = p.id and lp.license_type = 'ONLINE_SERVICE') as "orderedAsService",
      exists (select 1 from license_position lp where lp.licensing_id = ${licensingId} and lp.product_id = p.id
        and lp.license_type = 'ONLINE_SERVICE') as "priorPurchase",
      exists (select 1 from reservation_price_lock pl where pl.licensing_id = ${licensingId} and pl.product_id = p.id) as "fixedPrice"
    from product p left join reservation_offer o on o.product_id = p.id
    where ${
      productId
        ? sql`p.id = ${productId}`
        : sql`(o.product_id is not null or exists (select 1 from license_position lp where lp.product_id = p.id and lp.license_type = 'ONLINE_SERVICE'))`
    }
    order by p.name, p.code`;
}

export const serviceOf = (r: ServiceQueryRow): ServiceRow => ({
  productId: r.productId,
  code: r.code,
  name: r.name,
  isOnlineService: r.category !== null || r.orderedAsService,
  category: r.category ?? 'NOT_CONFIGURED',
  priorPurchase: r.priorPurchase,
  fixedPrice: r.fixedPrice,
});

export const serviceView = (s: ServiceRow) => ({
  productId: s.productId,
  code: s.code,
  name: s.name,
  category: s.category,
  refusal: offerRefusal(s),
});

export async function mustFindEnrollment(db: DbOrTx, licensingId: string): Promise<EnrollmentRow> {
  const e = await enrollmentOf(db, licensingId);
  if (!e) throw notFound('Licensing ID');
  return e;
}
