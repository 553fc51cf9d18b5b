/** R-BC-5: a self-provisioning request's states. */
export const REQUEST_STATES = ['REQUESTED', 'ORDERED', 'CANCELLED'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** More seats than this in one request are refused as a mistake. */
export const MAX_SEATS = 1_000_000;

/** R-BC-5: a quantity of seats is a whole number above zero. */
export const quantityValid = (quantity: number): boolean => Number.isInteger(quantity) && quantity > 0 && quantity <= MAX_SEATS;

/** R-BC-5: only a request not yet ordered can be cancelled by the customer. */
export const cancellable = (state: RequestState): boolean => state === 'REQUESTED';

const DAY_MS = 86_400_000;
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A day of a month in a year; a day the month lacks (29–31) is its last day, so 29 February is the 28th in a year without it. */
function dayIn(year: number, month: number, day: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return iso(Date.UTC(year, month - 1, Math.min(day, last)));
}

/**
 * R-BC-6: the service year `today` falls in: from the last anniversary on or before today, to the
 * day before the next one. The anniversary is the Licensing ID's start date (its month and day),
 * unless the account chose an anniversary month (R-BC-3, agreements profile): then it is the
 * start's day in that month, so choosing the start's own month moves nothing. A service year never
 * begins before the start: the first one runs from the start to the first anniversary after it
 * (shorter than a year when the chosen month comes sooner). Before the start itself, that first year.
 */
export function serviceYearOf(
  start: string,
  today: string,
  anniversaryMonth: number | null = null,
): { from: string; nextAnniversary: string } {
  const month = anniversaryMonth ?? Number(start.slice(5, 7));
  const day = Number(start.slice(8, 10));
  const anniversaryIn = (year: number) => dayIn(year, month, day);
  const startYear = Number(start.slice(0, 4));
  if (today < start) {
    const first = anniversaryIn(startYear) > start ? anniversaryIn(startYear) : anniversaryIn(startYear + 1);
    return { from: start, nextAnniversary: first };
  }
  const year = Number(today.slice(0, 4));
  const last = anniversaryIn(year) <= today ? anniversaryIn(year) : anniversaryIn(year - 1);
  return { from: last < start ? start : last, nextAnniversary: anniversaryIn(Number(last.slice(0, 4)) + 1) };
}

export interface Purchase {
  day: string;
  /** The price per seat charged for it. */
  unitPrice: number;
}

/**
 * R-BC-6: the price per seat charged today for additional seats of an online service. In the
 * service year (from its anniversary up to the next), the first purchase sets the price if it was
 * lower than today's, so the price never rises before the next anniversary; with no purchase yet
 * in the service year (a new year after the anniversary included) today's price applies.
 * Purchases outside the service year, or after today, do not count.
 */
export function renewalPrice(p: { serviceYearFrom: string; today: string; todaysPrice: number; purchases: readonly Purchase[] }): number {
  let first: Purchase | null = null;
  for (const purchase of p.purchases) {
    if (purchase.day < p.serviceYearFrom || purchase.day > p.today) continue;
    if (!first || purchase.day < first.day) first = purchase;
  }
  return first && first.unitPrice < p.todaysPrice ? first.unitPrice : p.todaysPrice;
}

/** Whole days from one day to another. */
export const daysBetween = (from: string, to: string): number => Math.round((dayMs(to) - dayMs(from)) / DAY_MS);
