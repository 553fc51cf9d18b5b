import type { Locale } from '../i18n/locale.js';

/**
 * A mail in every language. `{name}` placeholders are filled from the params; paragraphs are
 * separated by blank lines, and a paragraph `[label](url)` becomes a button in HTML.
 */
export interface MailTemplate {
  name: string;
  subject: Record<Locale, string>;
  body: Record<Locale, string>;
}

/** Each module defines its mails with this; the key becomes the template's name in the outbox. */
export function defineMails<K extends string>(mails: Record<K, Omit<MailTemplate, 'name'>>): Record<K, MailTemplate> {
  return Object.fromEntries(Object.entries(mails).map(([name, m]) => [name, { name, ...(m as Omit<MailTemplate, 'name'>) }])) as Record<
    K,
    MailTemplate
  >;
}

export type MailParams = Record<string, string | number>;

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

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
  return [...`${t.subject[locale]}\n${t.body[locale]}`.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

const LINK = /^\[(.+)\]\((.+)\)$/;

export function renderMail(t: MailTemplate, locale: Locale, params: MailParams): RenderedMail {
  const subject = fill(t.subject[locale], params);
  const paragraphs = fill(t.body[locale], params).split('\n\n');
  const text = paragraphs.map((p) => p.replace(LINK, '$1: $2')).join('\n\n');
  const htmlBody = paragraphs
    .map((p) => {
      const link = LINK.exec(p);
      if (link) {
        const [, label = '', url = ''] = link;
        return `<p><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 16px;background:#0b5cad;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(label)}</a></p>`;
      }
      return `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`;
    })
    .join('\n');
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:Segoe UI,Arial,sans-serif;color:#1b1b1b;max-width:600px">${htmlBody}</body></html>`;
  return { subject, text, html };
}
