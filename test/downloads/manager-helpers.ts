import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type UploadedFile, uploadFile } from '../../src/cli/upload-file.js';
import type { Clock } from '../../src/platform/clock.js';
import { startTestServer } from '../helpers/server.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { type WebSession, webSignIn } from './helpers.js';

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A personal API token, created the way a user does in the portal. */
export async function personalToken(base: string, session: WebSession): Promise<string> {
  const res = await fetch(`${base}/api/v1/me/tokens`, {
    method: 'POST',
    headers: { ...session.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `test ${randomBytes(4).toString('hex')}`, expiresInDays: 1 }),
  });
  if (res.status !== 201) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/**
 * A test server whose signed links name a TCP proxy in front of it (PUBLIC_URL), so file
 * transfers, and only they, can be cut, refused or throttled; API calls go to `server.url`.
 */
export async function startManagerServer(opts: { clock?: Clock; env?: Record<string, string> } = {}) {
  const proxy: TcpProxy = await startTcpProxy();
  const storeDir = await mkdtemp(path.join(tmpdir(), 'lsc-manager-store-'));
  const work = await mkdtemp(path.join(tmpdir(), 'lsc-manager-work-'));
  const server = await startTestServer({
    ...(opts.clock ? { clock: opts.clock } : {}),
    env: { FILE_STORE_DIR: storeDir, PUBLIC_URL: proxy.url, SIGN_IN_IP_LIMIT: '10000', ...opts.env },
  });
  proxy.forwardTo(Number(new URL(server.url).port));
  const operatorToken = await personalToken(server.url, await webSignIn(server.url, 'operator@northwind.example', 'demo-password-1'));
  const adminToken = await personalToken(server.url, await webSignIn(server.url, 'admin@contoso.example', 'demo-password-1'));
  let uploads = 0;

  return {
    server,
    proxy,
    /** A scratch folder of the test file's own, removed at close. */
    work,
    operatorToken,
    /** Administrator of every Contoso Licensing ID: may download the whole catalog. */
    adminToken,
    /** Random files published for `product` in one language (a bundle of its own), through the CLI's upload. */
    async publish(product: string, language: string, sizes: number[]): Promise<{ file: UploadedFile; bytes: Buffer }[]> {
      const out: { file: UploadedFile; bytes: Buffer }[] = [];
      for (const size of sizes) {
        uploads += 1;
        const bytes = randomBytes(size);
        const local = path.join(work, `upload-${uploads}-${randomBytes(4).toString('hex')}.iso`);
        await writeFile(local, bytes);
        const name = `NW_Test_${language}_${uploads}_${randomBytes(3).toString('hex')}.iso`;
        const file = await uploadFile({
          server: server.url,
          token: operatorToken,
          product,
          file: local,
          name,
          language,
          os: 'WINDOWS',
          arch: 'X64',
          format: 'ISO',
        });
        await rm(local);
        out.push({ file, bytes });
      }
      return out;
    },
    /** The download records of a file, as the server wrote them (status and Range of each GET). */
    async events(fileId: string) {
      return (
        await server.database.db.execute<{ status: number; range: string | null; method: string }>(
          sql`select status, range, method::text from download_event where file_id = ${fileId} order by id`,
        )
      ).rows;
    },
    async close() {
      await proxy.close();
      await server.close();
      await rm(storeDir, { recursive: true, force: true });
      await rm(work, { recursive: true, force: true });
    },
  };
}

export type ManagerServer = Awaited<ReturnType<typeof startManagerServer>>;
