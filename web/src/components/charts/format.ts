/** A UTC day ('YYYY-MM-DD') for a chart, in the page's language ("5 Dec 2026", "5 dec. 2026"). */
export function formatDay(day: string, locale: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** A UTC month ('YYYY-MM') for a chart, in the page's language ("Dec 2026", "dec. 2026"). */
export function formatMonth(month: string, locale: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** The entry with the highest count (the first of equals), or undefined for an empty list. */
export function busiest<T extends { count: number }>(items: T[]): T | undefined {
  return items.reduce<T | undefined>((best, x) => (best === undefined || x.count > best.count ? x : best), undefined);
}
