import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { startSmtpSink } from './smtp.js';

/** Quoted-printable bodies: join soft line breaks and decode =XX, enough to read the text back. */
export const decodeMail = (raw: string) =>
  Buffer.from(
    raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

export interface ServedWithSmtp {
  readonly server: RunningServer;
  readonly sink: Awaited<ReturnType<typeof startSmtpSink>>;
  readonly database: TestDatabase;
  /** Headers of a signed-in session (cookie, CSRF, JSON) for `fetch`. */
  session(email: string, password?: string): Promise<Record<string, string>>;
  /** POST a JSON body to `/api/v1${url}` without a session. */
  post(url: string, body: object): Promise<Response>;
}

/**
 * `lsc start` as a deployment with SMTP runs it: a real server on a fresh seeded database whose
 * mail dispatcher delivers to a real SMTP server process, links under http://portal.test.
 * beforeAll starts it, afterAll stops it; call it inside the file's `describe`.
 */
export function serverWithSmtp(): ServedWithSmtp {
  let parts: { server: RunningServer; sink: ServedWithSmtp['sink']; database: TestDatabase; dataDir: string } | undefined;

  beforeAll(async () => {
    const sink = await startSmtpSink();
    const database = await createTestDatabase();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'lsc-smtp-'));
    const server = await startServer(
      loadConfig({
        DATABASE_URL: database.url,
        SMTP_URL: sink.url,
        PORT: '0',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        PUBLIC_URL: 'http://portal.test',
      }),
    );
    parts = { server, sink, database, dataDir };
  });
  afterAll(async () => {
    if (!parts) return;
    await parts.server.stop();
    await parts.database.drop();
    await parts.sink.stop();
    await rm(parts.dataDir, { recursive: true, force: true });
  });

  const started = () => {
    if (!parts) throw new Error('the server starts in beforeAll');
    return parts;
  };
  const post = (url: string, body: object) =>
    fetch(`${started().server.url}/api/v1${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  return {
    get server() {
      return started().server;
    },
    get sink() {
      return started().sink;
    },
    get database() {
      return started().database;
    },
    post,
    async session(email, password = 'demo-password-1') {
      const res = await post('/auth/sign-in', { email, password });
      if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status}`);
      const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
      const csrf = cookies.find((c) => c.startsWith('lsc_csrf='))?.slice('lsc_csrf='.length) ?? '';
      return { cookie: cookies.join('; '), 'x-csrf-token': csrf, 'content-type': 'application/json' };
    },
  };
}
