/** A moment (ISO timestamp) in the reader's language, date and time. */
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A file size in the reader's language: 1.2 GB, 640 kB. */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** "Northwind Server 2022 Standard": the name, with the version and edition when the name lacks them. */
export function productLabel(p: { name: string; version: string; edition: string }): string {
  return [p.name, p.name.includes(p.version) ? '' : p.version, p.name.includes(p.edition) ? '' : p.edition].filter(Boolean).join(' ');
}
