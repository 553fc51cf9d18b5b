import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { cancellableUntil, isCancellable, type ReservationAction } from './rules.js';

export interface Reservation {
  id: string;
  licensingId: string;
  licensingNumber: string;
  licensingName: string;
  productId: string;
  serviceCode: string;
  serviceName: string;
  action: ReservationAction;
  quantity: number;
  usageDate: string;
  submittedAt: string;
  submittedBy: string;
  cancelledAt: string | null;
  cancellableUntil: string;
  cancellable: boolean;
}

type Row = Omit<Reservation, 'submittedAt' | 'cancelledAt' | 'cancellableUntil' | 'cancellable'> & {
  submittedAt: Date | string;
  cancelledAt: Date | string | null;
};

/** Reservations with their enrollment and service, as every view shows them, with the clock's word on cancelling (R-RES-3). */
export async function reservationsWhere(db: DbOrTx, where: SQL, now: Date): Promise<Reservation[]> {
  const res = await db.execute<Row & Record<string, unknown>>(sql`
    select r.id, r.licensing_id as "licensingId", l.number as "licensingNumber", l.name as "licensingName",
      r.product_id as "productId", p.code as "serviceCode", p.name as "serviceName", r.action, r.quantity,
      r.usage_date::text as "usageDate", r.submitted_at as "submittedAt", r.cancelled_at as "cancelledAt",
      trim(u.first_name || ' ' || u.last_name) as "submittedBy"
    from reservation r
    join licensing_id l on l.id = r.licensing_id
    join product p on p.id = r.product_id
    join "user" u on u.id = r.submitted_by
    where ${where}`);
  return res.rows.map((r) => reservationOf(r, now));
}

/** A reservation as every view shows it, from its stored row, with the clock's word on cancelling (R-RES-3). */
export function reservationOf(r: Row, now: Date): Reservation {
  const submittedAt = new Date(r.submittedAt);
  const cancelledAt = r.cancelledAt ? new Date(r.cancelledAt) : null;
  return {
    ...r,
    submittedAt: submittedAt.toISOString(),
    cancelledAt: cancelledAt?.toISOString() ?? null,
    cancellableUntil: cancellableUntil(submittedAt).toISOString(),
    cancellable: isCancellable({ submittedAt, cancelledAt }, now),
  };
}

export interface Recipient {
  email: string;
  firstName: string;
  locale: Locale;
}

/** Who hears of a reservation: whoever submitted or cancelled it and the enrollment's active Administrators, once each. */
export async function recipients(db: DbOrTx, licensingId: string, userIds: readonly string[]): Promise<Recipient[]> {
  const res = await db.execute<Recipient & Record<string, unknown>>(sql`
    select u.email, u.first_name as "firstName", u.locale from "user" u
    where u.status = 'active' and (u.id = any(${sql.param([...userIds])}::uuid[]) or u.id in (
      select g.user_id from role_grant g where g.licensing_id = ${licensingId} and g.active and g.role = 'ADMINISTRATOR'))
    order by u.email`);
  return res.rows;
}

/**
 * Who hears of a submission (as `recipients` with the submitter alone) and the submitter's name,
 * in one query, read in the same statement as the submission's other checks (submission-facts.ts).
 */
export function submissionAudienceSql(licensingId: string, submitterId: string): SQL {
  return sql`
    select u.email, u.first_name as "firstName", u.locale, trim(u.first_name || ' ' || u.last_name) as name,
      u.id = ${submitterId} as "isSubmitter", u.status = 'active' as told
    from "user" u
    where u.id = ${submitterId} or u.id in (
      select g.user_id from role_grant g where g.licensing_id = ${licensingId} and g.active and g.role = 'ADMINISTRATOR')
    order by u.email`;
}

/** A row of submissionAudienceSql: a person who may hear of the submission. */
export interface AudienceRow extends Recipient, Record<string, unknown> {
  told: boolean;
  isSubmitter: boolean;
  name: string;
}

/** The active ones of the audience are told; the submitter is named whether told or not. */
export function audienceOf(rows: readonly AudienceRow[]): { recipients: Recipient[]; submitter: string } {
  return {
    recipients: rows.filter((r) => r.told).map(({ email, firstName, locale }) => ({ email, firstName, locale })),
    submitter: rows.find((r) => r.isSubmitter)?.name ?? '',
  };
}

export async function actorName(db: DbOrTx, userId: string): Promise<string> {
  const res = await db.execute<{ name: string }>(sql`select trim(first_name || ' ' || last_name) as name from "user" where id = ${userId}`);
  return res.rows[0]?.name ?? '';
}

export async function submitterOf(db: DbOrTx, reservationId: string): Promise<string | null> {
  const res = await db.execute<{ submitted_by: string }>(sql`select submitted_by from reservation where id = ${reservationId}`);
  return res.rows[0]?.submitted_by ?? null;
}
