import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { freePort } from '../helpers/free-port.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const lsc = path.join(root, 'bin/lsc.mjs');

async function waitFor(check: () => Promise<boolean>, child: ChildProcess, what: string) {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not come up`);
}

describe('the `lsc kms-host` and `lsc activate` commands against a running service', () => {
  let database: TestDatabase;
  let dir: string;
  let server: ChildProcess;
  let host: ChildProcess | undefined;
  let url: string;
  let keys: { type: string; licensingIdNumber: string; productKey: string; product: { code: string; pool: string } }[];
  const env = (more: Record<string, string> = {}) => ({ ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn', ...more });
  const activate = async (args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [lsc, 'activate', '--service', url, ...args], { cwd: root, env: env() });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, stdout: err.stdout, stderr: err.stderr };
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(path.join(tmpdir(), 'lsc-cli-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // A server activates from the first counted machine, so one process is a network.
    server = spawn(process.execPath, [lsc, 'start'], {
      cwd: root,
      stdio: 'ignore',
      env: env({
        DATABASE_URL: database.url,
        PORT: String(port),
        SEED_DEMO: 'true',
        PUBLIC_URL: url,
        KMS_THRESHOLD_SERVER: '1',
        DATA_DIR: path.join(dir, 'server'),
      }),
    });
    await waitFor(() => fetch(`${url}/api/health`).then((r) => r.ok), server, 'lsc start');
    const signIn = await fetch(`${url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@contoso.example', password: 'demo-password-1' }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    // The active enrollment's keys (the expired one's no longer activate).
    keys = (await (await fetch(`${url}/api/v1/product-keys`, { headers: { cookie } })).json()).items.filter(
      (k: { licensingIdNumber: string }) => k.licensingIdNumber === '67012345',
    );
  }, 90_000);
  afterAll(async () => {
    for (const child of [host, server]) {
      if (child && child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    }
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('R-KEY-4: `lsc activate --key` activates the machine with a MAK and keeps the verified certificate; no further contact needed', async () => {
    const mak = keys.find((k) => k.type === 'MAK' && k.product.code === 'OFF-PP-2024');
    if (!mak) throw new Error('the demo data has no Office MAK');
    const state = path.join(dir, 'pc-1', 'activation.json');
    const first = await activate(['--key', mak.productKey, '--product', 'OFF-PP-2024', '--fingerprint', 'cli-pc-1', '--state', state]);
    expect(first.stdout).toContain('Activated with a MAK');
    expect(first.code).toBe(0);
    const status = await activate(['--status', '--state', state]);
    expect(status.stdout).toContain('Activated with a MAK: no further contact needed.');
    const wrong = await activate([
      '--key',
      mak.productKey,
      '--product',
      'DOS-ENT-11',
      '--fingerprint',
      'cli-pc-2',
      '--state',
      path.join(dir, 'pc-2.json'),
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('KEY_PRODUCT_MISMATCH');
    // R-KEY-6: not activated, yet working: a grace period.
    expect(wrong.stdout).toContain('grace period, 30 day(s) left');
  });

  it('R-KEY-5, R-KEY-6: `lsc kms-host` activates itself with a KMS host key and serves `lsc activate --kms` from the threshold', async () => {
    const kms = keys.find((k) => k.type === 'KMS_HOST' && k.product.pool === 'SERVERS');
    if (!kms) throw new Error('the demo data has no server KMS host key');
    const port = await freePort();
    let output = '';
    host = spawn(
      process.execPath,
      [
        lsc,
        'kms-host',
        '--service',
        url,
        '--key',
        kms.productKey,
        '--product',
        kms.product.code,
        '--port',
        String(port),
        '--state',
        path.join(dir, 'kms', 'host.json'),
        '--fingerprint',
        'cli-kms-1',
      ],
      { cwd: root, env: env() },
    );
    host.stdout?.on('data', (d) => {
      output += String(d);
    });
    await waitFor(async () => output.includes('listening at'), host, 'lsc kms-host');
    expect(output).toContain('Host activated (1 of 6 hosts on this key)');
    const kmsUrl = `http://127.0.0.1:${port}`;
    const srv = await activate([
      '--kms',
      kmsUrl,
      '--pool',
      'SERVERS',
      '--fingerprint',
      'cli-srv-1',
      '--virtual',
      '--state',
      path.join(dir, 'srv-1', 'a.json'),
    ]);
    expect(srv.stdout).toMatch(/Activated by KMS until \d{4}-/);
    // A client OS needs 25 counted machines: not yet; it keeps working in its grace period and retries later.
    const pc = await activate([
      '--kms',
      kmsUrl,
      '--pool',
      'SYSTEMS',
      '--fingerprint',
      'cli-pc-9',
      '--state',
      path.join(dir, 'pc-9', 'a.json'),
    ]);
    expect(pc.code).toBe(1);
    expect(pc.stderr).toContain('threshold not met (2 of 25)');
    expect(pc.stdout).toContain('grace period, 30 day(s) left');
    const status = await (await fetch(`${kmsUrl}/kms/v1/status`)).json();
    expect(status).toMatchObject({ activated: true, pool: 'SERVERS', counts: { OS: 2, APPS: 0 } });
  });
});
