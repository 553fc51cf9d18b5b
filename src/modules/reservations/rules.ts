/**
 * The reservation rules (R-RES-1…R-RES-4) as pure functions: what they need is passed in, the
 * clock included, so tests fix every window.
 */

export const RESERVATION_ACTIONS = ['ADD_LICENSE', 'STEP_UP_LICENSE'] as const;
export type ReservationAction = (typeof RESERVATION_ACTIONS)[number];

/** R-RES-4: how the publisher configured an online service for online reservation. */
export const RESERVATION_CATEGORIES = ['STANDARD', 'LICENSE_RESERVATION_ONLY', 'NOT_CONFIGURED'] as const;
export type ReservationCategory = (typeof RESERVATION_CATEGORIES)[number];

/** R-RES-3: a submitted reservation may be cancelled for this long; plain elapsed time, weekends and holidays included. */
export const CANCEL_WINDOW_HOURS = 72;
const CANCEL_WINDOW_MS = CANCEL_WINDOW_HOURS * 60 * 60 * 1000;

/** R-RES-2: the usage date may lie this many calendar months ahead of today at most. */
export const USAGE_WINDOW_MONTHS = 6;

/** R-RES-4: agreements signed from this day on need no updated EA amendment. */
export const AGREEMENTS_ELIGIBLE_FROM = '2011-01-01';

/** The UTC calendar day of an instant, as YYYY-MM-DD: usage dates and enrollment ends are days. */
export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

/**
 * A calendar day moved by whole months; a day the target month lacks falls to its last day
 * (31 August + 6 months is 28 or 29 February), so the window never spills into the next month.
 */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return dayOf(first);
}

export interface Enrollment {
  programMayReserve: boolean;
  status: string;
  endDate: string | null;
  /** The parent agreement's start (or the enrollment's own when it has none). */
  agreementStartDate: string;
  /** The customer signed the updated Enterprise Agreement (uEA) amendment. */
  updatedEaAmendment: boolean;
}

export type EnrollmentRefusal =
  | 'RESERVATION_PROGRAM_NOT_ELIGIBLE'
  | 'RESERVATION_AGREEMENT_NOT_ELIGIBLE'
  | 'RESERVATION_ENROLLMENT_EXPIRED'
  | 'RESERVATION_ENROLLMENT_LAST_MONTH';

/**
 * R-RES-1: only Enterprise programs reserve (the program's flag). R-RES-4: the agreement is from
 * 2011 on, or the updated EA amendment was signed. R-RES-2: not on an expired enrollment, nor in
 * the last month before it expires (the partner orders then).
 */
export function enrollmentRefusal(e: Enrollment, now: Date): EnrollmentRefusal | null {
  if (!e.programMayReserve) return 'RESERVATION_PROGRAM_NOT_ELIGIBLE';
  if (!e.updatedEaAmendment && e.agreementStartDate < AGREEMENTS_ELIGIBLE_FROM) return 'RESERVATION_AGREEMENT_NOT_ELIGIBLE';
  const today = dayOf(now);
  if (e.status === 'EXPIRED' || (e.endDate !== null && e.endDate < today)) return 'RESERVATION_ENROLLMENT_EXPIRED';
  if (e.endDate !== null && today > addMonths(e.endDate, -1)) return 'RESERVATION_ENROLLMENT_LAST_MONTH';
  return null;
}

/**
 * R-RES-2: the usage dates open to a reservation: from today up to six months ahead, and never
 * past the enrollment's end (what is used after it is not the enrollment's to true up).
 */
export function usageWindow(now: Date, enrollmentEnd: string | null): { from: string; to: string } {
  const from = dayOf(now);
  const sixMonths = addMonths(from, USAGE_WINDOW_MONTHS);
  return { from, to: enrollmentEnd !== null && enrollmentEnd < sixMonths ? enrollmentEnd : sixMonths };
}

export function usageDateAllowed(usageDate: string, now: Date, enrollmentEnd: string | null): boolean {
  const w = usageWindow(now, enrollmentEnd);
  return usageDate >= w.from && usageDate <= w.to;
}

export interface Offer {
  /** The product is an online service (configured for reservation or ordered as one). */
  isOnlineService: boolean;
  category: ReservationCategory;
  /** The enrollment ordered this service before. */
  priorPurchase: boolean;
  /** The service's price is fixed for the enrollment (price-locked in the customer price sheet). */
  fixedPrice: boolean;
}

export type OfferRefusal = 'RESERVATION_NOT_ONLINE_SERVICE' | 'RESERVATION_NOT_CONFIGURED' | 'RESERVATION_NEEDS_PRIOR_PURCHASE';

/**
 * R-RES-1: only online services. R-RES-4: a Standard service is open to every eligible
 * enrollment; a License-Reservation-Only one needs a prior purchase or a fixed price; one not
 * configured for online reservation is ordered by the partner.
 */
export function offerRefusal(o: Offer): OfferRefusal | null {
  if (!o.isOnlineService) return 'RESERVATION_NOT_ONLINE_SERVICE';
  if (o.category === 'NOT_CONFIGURED') return 'RESERVATION_NOT_CONFIGURED';
  if (o.category === 'LICENSE_RESERVATION_ONLY' && !o.priorPurchase && !o.fixedPrice) return 'RESERVATION_NEEDS_PRIOR_PURCHASE';
  return null;
}

/** R-RES-3: the last instant a reservation submitted at `submittedAt` may be cancelled. */
export const cancellableUntil = (submittedAt: Date): Date => new Date(submittedAt.getTime() + CANCEL_WINDOW_MS);

/** R-RES-3: cancellable while not cancelled and no more than 72 elapsed hours after submission. */
export function isCancellable(r: { submittedAt: Date; cancelledAt: Date | null }, now: Date): boolean {
  return r.cancelledAt === null && now.getTime() <= cancellableUntil(r.submittedAt).getTime();
}

/**
 * R-RES-3: after the window a reservation is a financial commitment at the true-up; until then
 * it may still be cancelled and is not yet owed.
 */
export function isCommitted(r: { submittedAt: Date; cancelledAt: Date | null }, now: Date): boolean {
  return r.cancelledAt === null && now.getTime() > cancellableUntil(r.submittedAt).getTime();
}

export interface HistoryEntry {
  submittedAt: Date;
  cancellable: boolean;
}

/** R-RES-5: the history lists cancellable reservations first, then the rest, each newest first. */
export function historyOrder(a: HistoryEntry, b: HistoryEntry): number {
  if (a.cancellable !== b.cancellable) return a.cancellable ? -1 : 1;
  return b.submittedAt.getTime() - a.submittedAt.getTime();
}

/**
 * The true-up is ordered at the enrollment's anniversary: the first anniversary of its start
 * after today (its end, when none is left before it).
 */
export function nextAnniversary(startDate: string, endDate: string | null, now: Date): string | null {
  const today = dayOf(now);
  for (let years = 1; years < 100; years++) {
    const a = addMonths(startDate, 12 * years);
    if (endDate !== null && a > endDate) return endDate >= today ? endDate : null;
    if (a > today) return a;
  }
  return null;
}
