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

/** The same month and day in another year; 29 February is the 28th in a year without it. */
function inYear(anniversary: string, year: number): string {
  const month = Number(anniversary.slice(5, 7));
  const day = Number(anniversary.slice(8, 10));
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return iso(Date.UTC(year, month - 1, Math.min(day, last)));
}

/**
 * R-BC-6: the service year `today` falls in: from the last anniversary of `start` (the
 * subscription's first day) on or before today, to the day before the next one. Before the start
 * itself, the first service year.
 */
export function serviceYearOf(start: string, today: string): { from: string; nextAnniversary: string } {
  if (today < start) return { from: start, nextAnniversary: inYear(start, Number(start.slice(0, 4)) + 1) };
  const year = Number(today.slice(0, 4));
  const thisYear = inYear(start, year);
  const from = thisYear <= today ? thisYear : inYear(start, year - 1);
  return { from, nextAnniversary: inYear(start, Number(from.slice(0, 4)) + 1) };
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
