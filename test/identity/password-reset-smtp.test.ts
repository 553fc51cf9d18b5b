import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { startSmtpSink } from '../helpers/smtp.js';

/** Quoted-printable bodies: join soft line breaks and decode =XX, enough to read the text back. */
const decode = (raw: string) =>
  Buffer.from(
    raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

describe('password reset mails over a real SMTP server', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let database: TestDatabase;
  let server: RunningServer;
  let dataDir: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'lsc-reset-mail-'));
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

  const post = (url: string, body: object) =>
    fetch(`${server.url}/api/v1${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('R-SUP-3: the reset link reaches the owner in their language, works, and the change is confirmed by mail', async () => {
    // viewer@contoso.example is seeded with Swedish.
    const asked = await post('/auth/password-reset/request', { email: 'viewer@contoso.example' });
    expect(asked.status).toBe(202);
    const link = await sink.next();
    expect(link.to).toEqual(['viewer@contoso.example']);
    expect(link.raw).toMatch(/Subject: =\?UTF-8\?[QB]\?/);
    const text = decode(link.raw);
    expect(text).toContain('Hej Erik');
    expect(text).toContain('Välj ett nytt lösenord');
    const token = /http:\/\/portal\.test\/reset-password\?token=([\w-]+)/.exec(text)?.[1];
    expect(token).toBeTruthy();

    const reset = await post('/auth/password-reset', { token, password: 'eriks-new-password-2026' });
    expect(reset.status).toBe(200);
    const confirmed = await sink.next();
    expect(confirmed.to).toEqual(['viewer@contoso.example']);
    expect(decode(confirmed.raw)).toContain('återställdes med en mejlad länk');

    const signIn = await post('/auth/sign-in', { email: 'viewer@contoso.example', password: 'eriks-new-password-2026' });
    expect(signIn.status).toBe(200);
  });
});
