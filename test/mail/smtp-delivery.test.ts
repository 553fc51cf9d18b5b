import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ALL_MAILS } from '../../src/mails.js';
import { placeholders, renderMail } from '../../src/platform/mail/templates.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startSmtpSink } from '../helpers/smtp.js';

/** Quoted-printable bodies: join soft line breaks and decode =XX, enough to read the text back. */
const decode = (raw: string) =>
  Buffer.from(
    raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

describe('mail through the outbox to a real SMTP server', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let database: TestDatabase;
  let server: RunningServer;
  let dataDir: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'lsc-mail-'));
    server = await startServer(
      loadConfig({
        DATABASE_URL: database.url,
        SMTP_URL: sink.url,
        PORT: '0',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        PUBLIC_URL: 'http://portal.test',
      }),
    );
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
    await sink.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function session(email: string) {
    const res = await fetch(`${server.url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'demo-password-1' }),
    });
    expect(res.status).toBe(200);
    const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
    const csrf = cookies.find((c) => c.startsWith('lsc_csrf='))?.slice('lsc_csrf='.length) ?? '';
    return { cookie: cookies.join('; '), 'x-csrf-token': csrf, 'content-type': 'application/json' };
  }

  it('R-SUP-3: a security mail arrives over SMTP, in the recipient’s language (English, then Swedish)', async () => {
    const h = await session('admin@contoso.example');
    const created = await fetch(`${server.url}/api/v1/me/tokens`, {
      method: 'POST',
      headers: h,
      body: JSON.stringify({ name: 'ci-export' }),
    });
    expect(created.status).toBe(201);
    const en = await sink.next();
    expect(en.to).toEqual(['admin@contoso.example']);
    expect(en.raw).toMatch(/Subject: A personal API token was created for your account/);
    expect(decode(en.raw)).toContain('ci-export');
    expect(decode(en.raw)).toContain('http://portal.test/profile');

    const viewer = await session('viewer@contoso.example'); // seeded with Swedish
    await fetch(`${server.url}/api/v1/me/tokens`, { method: 'POST', headers: viewer, body: JSON.stringify({ name: 'rapport' }) });
    const sv = await sink.next();
    expect(sv.to).toEqual(['viewer@contoso.example']);
    expect(sv.raw).toMatch(/Subject: =\?UTF-8\?[QB]\?/); // non-ASCII subject, encoded
    expect(decode(sv.raw)).toContain('Hej Erik');
    expect(decode(sv.raw)).toContain('återkalla');

    const sent = await database.db.execute(sql`select count(*)::int as n from outbox where sent_at is not null`);
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
