import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ALL_MAILS } from '../../src/mails.js';
import { placeholders, renderMail } from '../../src/platform/mail/templates.js';
import { decodeMail as decode, serverWithSmtp } from '../helpers/smtp-server.js';

describe('mail through the outbox to a real SMTP server', () => {
  const served = serverWithSmtp();
  const session = (email: string) => served.session(email);

  it('R-SUP-3: a security mail arrives over SMTP, in the recipient’s language (English, then Swedish)', async () => {
    const h = await session('admin@contoso.example');
    const created = await fetch(`${served.server.url}/api/v1/me/tokens`, {
      method: 'POST',
      headers: h,
      body: JSON.stringify({ name: 'ci-export' }),
    });
    expect(created.status).toBe(201);
    const en = await served.sink.next();
    expect(en.to).toEqual(['admin@contoso.example']);
    expect(en.raw).toMatch(/Subject: A personal API token was created for your account/);
    expect(decode(en.raw)).toContain('ci-export');
    expect(decode(en.raw)).toContain('http://portal.test/profile');

    const viewer = await session('viewer@contoso.example'); // seeded with Swedish
    await fetch(`${served.server.url}/api/v1/me/tokens`, { method: 'POST', headers: viewer, body: JSON.stringify({ name: 'rapport' }) });
    const sv = await served.sink.next();
    expect(sv.to).toEqual(['viewer@contoso.example']);
    expect(sv.raw).toMatch(/Subject: =\?UTF-8\?[QB]\?/); // non-ASCII subject, encoded
    expect(decode(sv.raw)).toContain('Hej Erik');
    expect(decode(sv.raw)).toContain('återkalla');

    const sent = await served.database.db.execute(sql`select count(*)::int as n from outbox where sent_at is not null`);
    expect(sent.rows[0]?.n).toBe(2);
  });

  it('R-SUP-3: every template renders in English and Swedish, and the languages differ', () => {
    expect(ALL_MAILS.length).toBeGreaterThan(0);
    for (const t of ALL_MAILS) {
      expect(placeholders(t, 'sv'), t.name).toEqual(placeholders(t, 'en'));
      const params = Object.fromEntries(placeholders(t, 'en').map((p) => [p, p === 'url' ? 'https://x.example/<y>' : `<${p}>`]));
      const en = renderMail(t, 'en', params);
      const sv = renderMail(t, 'sv', params);
      expect(en.subject, t.name).not.toEqual(sv.subject);
      expect(en.text, t.name).not.toEqual(sv.text);
      expect(en.html).toContain('lang="en"');
      expect(sv.html).toContain('lang="sv"');
      expect(sv.html).not.toContain('<y>'); // parameters are escaped in HTML
    }
  });
});
