import type { Locale } from '../i18n/locale.js';

/**
 * A mail in every language. `{name}` placeholders are filled from the params; paragraphs are
 * separated by blank lines, and a paragraph `[label](url)` becomes a button in HTML.
 */
export interface MailTemplate {
  name: string;
  subject: Record<Locale, string>;
  body: Record<Locale, string>;
  /**
   * Parameters that carry a credential (a link with an invitation, confirmation or deny token).
   * The recipient gets them; the copy staff can read in the mail viewer has them withheld. Marked
   * here, where the mail is defined, so no viewer has to guess what looks like a secret.
   */
  secret: readonly string[];
}

type MailDefinition = Omit<MailTemplate, 'name' | 'secret'> & { secret?: readonly string[] };

const placeholdersIn = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');

/** Each module defines its mails with this; the key becomes the template's name in the outbox. */
export function defineMails<K extends string>(mails: Record<K, MailDefinition>): Record<K, MailTemplate> {
  return Object.fromEntries(
    Object.entries<MailDefinition>(mails).map(([name, m]) => {
      const secret = m.secret ?? [];
      for (const locale of Object.keys(m.subject) as Locale[]) {
        // Subjects are listed in the viewer as they are; a credential there could not be withheld.
        const leaked = placeholdersIn(m.subject[locale]).filter((p) => secret.includes(p));
        if (leaked.length) throw new Error(`Mail ${name}: secret parameter ${leaked.join(', ')} in the subject`);
        const unused = secret.filter((p) => !placeholdersIn(m.body[locale]).includes(p));
        if (unused.length) throw new Error(`Mail ${name}: secret parameter ${unused.join(', ')} not in the ${locale} body`);
      }
      return [name, { name, ...m, secret }];
    }),
  ) as Record<K, MailTemplate>;
}

export type MailParams = Record<string, string | number>;

export interface RenderedMail {
  subject: string;
  /** What the recipient gets. */
  text: string;
  html: string;
  /** The same mail with every secret parameter withheld: all that staff may read. */
  redactedText: string;
  redactedHtml: string;
}

/** Stands in for a withheld parameter in the staff's copy. */
export const WITHHELD: Record<Locale, string> = {
  en: '[withheld: this link carries a credential for the recipient only]',
  sv: '[undanhållen: länken innehåller en behörighet som bara är mottagarens]',
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function fill(template: string, params: MailParams): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    if (!(k in params)) throw new Error(`Mail parameter ${k} missing`);
    return String(params[k]);
  });
}

/** The placeholders a template uses, in both languages (tests check both name the same ones). */
export function placeholders(t: MailTemplate, locale: Locale): string[] {
  return placeholdersIn(`${t.subject[locale]}\n${t.body[locale]}`).sort();
}

const LINK = /^\[(.+)\]\((.+)\)$/;
const BUTTON = 'display:inline-block;padding:10px 16px;background:#0b5cad;color:#fff;text-decoration:none;border-radius:4px';
const WITHHELD_BUTTON = 'display:inline-block;padding:10px 16px;background:#6b6b6b;color:#fff;border-radius:4px';

function renderBody(t: MailTemplate, locale: Locale, params: MailParams) {
  const subject = fill(t.subject[locale], params);
  const paragraphs = fill(t.body[locale], params).split('\n\n');
  const text = paragraphs.map((p) => p.replace(LINK, '$1: $2')).join('\n\n');
  const htmlBody = paragraphs
    .map((p) => {
      const link = LINK.exec(p);
      if (link) {
        const [, label = '', url = ''] = link;
        // A withheld link keeps its button (the viewer shows what the recipient saw) but goes nowhere.
        if (url === WITHHELD[locale]) return `<p><a style="${WITHHELD_BUTTON}">${escapeHtml(label)}</a> ${escapeHtml(url)}</p>`;
        return `<p><a href="${escapeHtml(url)}" style="${BUTTON}">${escapeHtml(label)}</a></p>`;
      }
      return `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`;
    })
    .join('\n');
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:Segoe UI,Arial,sans-serif;color:#1b1b1b;max-width:600px">${htmlBody}</body></html>`;
  return { subject, text, html };
}

export function renderMail(t: MailTemplate, locale: Locale, params: MailParams): RenderedMail {
  const sent = renderBody(t, locale, params);
  const withheld = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, t.secret.includes(k) ? WITHHELD[locale] : v]));
  const redacted = renderBody(t, locale, withheld);
  return { ...sent, redactedText: redacted.text, redactedHtml: redacted.html };
}
