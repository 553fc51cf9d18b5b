import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadFile } from '../../src/cli/upload-file.js';
import { linksFor, onServer, webSignIn } from '../downloads/helpers.js';
import { personalToken } from '../downloads/manager-helpers.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { freePort } from '../helpers/free-port.js';
import { readSlowly } from '../helpers/slow-reader.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MiB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `lsc start` as an operator runs it: a process of its own, its log kept for the failure message. */
function startNode(env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(root, 'bin/lsc.mjs'), 'start'], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (b: Buffer) => {
    log += b.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, log: () => log };
}

async function waitUntil(what: string, check: () => Promise<boolean>, child: ChildProcess, limitMs = 120_000) {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${what}: the node exited with ${child.exitCode}`);
    if (await check().catch(() => false)) return;
    await sleep(50);
  }
  throw new Error(`${what}: not in time`);
}

const status = (url: string) =>
  fetch(url, { headers: { connection: 'close' } }).then(
    async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }),
    (e: unknown) => ({ status: 0, body: { error: String((e as { cause?: { code?: string } }).cause?.code ?? e) } }),
  );

describe('a node leaves a load balancer’s rotation without failing a request', () => {
  let database: TestDatabase;
  let dir: string;
  let proxy: TcpProxy | undefined;
  const nodes: ReturnType<typeof startNode>[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(path.join(tmpdir(), 'lsc-shutdown-'));
  });
  afterAll(async () => {
    for (const n of nodes) {
      if (n.child.exitCode === null) {
        n.child.kill('SIGKILL');
        await n.exited;
      }
    }
    await proxy?.close();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('on SIGTERM ready turns 503 at once, new connections are refused after SHUTDOWN_DELAY_SECONDS, a slow download in flight completes in full, and the process exits 0', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const node = startNode({
      DATABASE_URL: database.url,
      PORT: String(port),
      PUBLIC_URL: url,
      DATA_DIR: path.join(dir, 'drain'),
      SEED_DEMO: 'true',
      SIGN_IN_IP_LIMIT: '10000',
      SHUTDOWN_DELAY_SECONDS: '1',
      SHUTDOWN_GRACE_SECONDS: '60',
    });
    nodes.push(node);
    await waitUntil('ready', async () => (await status(`${url}/api/health/ready`)).status === 200, node.child);
    expect((await status(`${url}/api/health/ready`)).body).toMatchObject({ status: 'ready', database: { up: true } });

    // A file large enough that the socket buffers between the node and a slow client cannot hold it.
    const bytes = randomBytes(24 * MiB);
    const local = path.join(dir, 'large.iso');
    await writeFile(local, bytes);
    const operator = await personalToken(url, await webSignIn(url, 'operator@northwind.example', 'demo-password-1'));
    const file = await uploadFile({
      server: url,
      token: operator,
      product: 'OFF-PP-2024',
      file: local,
      name: 'NW_Drain_Test.iso',
      language: 'en',
      os: 'WINDOWS',
      arch: 'X64',
      format: 'ISO',
    });
    const admin = await webSignIn(url, 'admin@contoso.example', 'demo-password-1');
    const [link] = await linksFor(url, admin, file.productId, { fileIds: [file.id] });
    if (!link) throw new Error('no link');

    const res = await fetch(onServer(url, link.url));
    expect(res.status).toBe(200);
    const progress = { bytes: 0 };
    const downloaded = readSlowly(res, 6 * MiB, progress);
    while (progress.bytes < MiB) await sleep(10);

    const signalled = performance.now();
    node.child.kill('SIGTERM');
    await sleep(100);
    // Still listening (SHUTDOWN_DELAY_SECONDS), but out of rotation; the process itself is live.
    expect(await status(`${url}/api/health/ready`)).toMatchObject({ status: 503, body: { status: 'draining' } });
    expect((await status(`${url}/api/health/live`)).status).toBe(200);

    // Then no new connection is taken, while the download is still on its way.
    let refused = false;
    while (performance.now() - signalled < 10_000) {
      if ((await status(`${url}/api/health/live`)).body.error === 'ECONNREFUSED') {
        refused = true;
        break;
      }
      await sleep(50);
    }
    expect(refused).toBe(true);
    expect(performance.now() - signalled).toBeGreaterThanOrEqual(1000);
    expect(progress.bytes).toBeLessThan(bytes.length);
    expect(node.child.exitCode).toBeNull();

    expect(await downloaded).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(progress.bytes).toBe(bytes.length);
    expect(await node.exited, node.log()).toBe(0);
  }, 180_000);

  it('ready is 503 while the node cannot reach its database (a cut connection), live stays 200', async () => {
    proxy = await startTcpProxy();
    proxy.forwardTo(Number(new URL(database.url).port));
    const viaProxy = new URL(database.url);
    viaProxy.host = new URL(proxy.url).host;
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const node = startNode({
      DATABASE_URL: viaProxy.toString(),
      PORT: String(port),
      DATA_DIR: path.join(dir, 'cut'),
      SEED_DEMO: 'false',
      READY_DB_TIMEOUT_MS: '500',
    });
    nodes.push(node);
    await waitUntil('ready', async () => (await status(`${url}/api/health/ready`)).status === 200, node.child);

    await proxy.close();
    await waitUntil('not ready', async () => (await status(`${url}/api/health/ready`)).status === 503, node.child, 10_000);
    expect(await status(`${url}/api/health/ready`)).toMatchObject({
      status: 503,
      body: { status: 'database-unreachable', database: { up: false } },
    });
    expect((await status(`${url}/api/health/live`)).status).toBe(200);
    expect((await status(`${url}/api/health`)).status).toBe(503);
  }, 180_000);
});
