/** A timestamp (ISO 8601) as date and time in the user's language. */
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** "Anna Lind" or, for an invited user without a name yet, the e-mail address. */
export function personName(p: { firstName: string; lastName: string; email: string }): string {
  return `${p.firstName} ${p.lastName}`.trim() || p.email;
}
