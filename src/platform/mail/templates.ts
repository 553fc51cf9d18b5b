import type { Locale } from '../i18n/locale.js';

/**
 * Every mail in every language. `{name}` placeholders are filled from the params; the body's
 * paragraphs are separated by blank lines and a line `[label](url)` becomes a button in HTML.
 */
export const TEMPLATES = {
  'token-created': {
    subject: {
      en: 'A personal API token was created for your account',
      sv: 'En personlig API-token skapades för ditt konto',
    },
    body: {
      en: 'Hello {firstName},\n\nA personal API token named "{tokenName}" was created for {email} on {createdAt}. Scripts can use it to act as you until {expiresAt}.\n\nIf this was not you, revoke it at once and tell your administrator.\n\n[Review your tokens]({url})',
      sv: 'Hej {firstName},\n\nEn personlig API-token med namnet "{tokenName}" skapades för {email} den {createdAt}. Skript kan använda den för att agera som du fram till {expiresAt}.\n\nOm det inte var du, återkalla den direkt och kontakta din administratör.\n\n[Granska dina token]({url})',
    },
  },
} as const satisfies Record<string, { subject: Record<Locale, string>; body: Record<Locale, string> }>;

export type TemplateName = keyof typeof TEMPLATES;
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

const LINK = /^\[(.+)\]\((.+)\)$/;

export function renderMail(name: TemplateName, locale: Locale, params: MailParams): RenderedMail {
  const t = TEMPLATES[name];
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
      return `<p>${escapeHtml(p)}</p>`;
    })
    .join('\n');
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:Segoe UI,Arial,sans-serif;color:#1b1b1b;max-width:600px">${htmlBody}</body></html>`;
  return { subject, text, html };
}
