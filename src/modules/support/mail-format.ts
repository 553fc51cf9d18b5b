import type { Locale } from '../../platform/i18n/locale.js';

/** Made once: building a formatter costs more than formatting with it. */
const MAIL_DATES: Record<Locale, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
  sv: new Intl.DateTimeFormat('sv-SE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
};

/** Dates in a mail: the recipient's language, in UTC (the mail says so). */
export const mailDate = (d: Date, locale: Locale) => `${MAIL_DATES[locale].format(d)} UTC`;

export const fill = (text: string, params: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));

/**
 * What a person wrote, quoted line by line ("> …") in a mail: a paragraph of theirs that looks like
 * `[label](url)` would otherwise become a button in the HTML mail, a link the sender chose dressed
 * as the service center's own.
 */
export const quoted = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n');
