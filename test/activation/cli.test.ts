import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CertificateClaims, decodeClaims, signCertificate } from '../../src/modules/activation/certificate.js';
import { activateByProxy } from '../../src/modules/activation/client/service-client.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { freePort } from '../helpers/free-port.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const lsc = path.join(root, 'bin/lsc.mjs');
/** Each test runs several `lsc` processes, each a few seconds of start-up on a loaded machine. */
const CLI_RUNS_MS = 120_000;

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
  let keys: { id: string; type: string; licensingIdNumber: string; productKey: string; product: { code: string; pool: string } }[];
  const env = (more: Record<string, string> = {}) => ({ ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn', ...more });
  /** `lsc activate` against the service at LSC_SERVER (or where `--server` says). */
  const activate = async (args: string[], server = url) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [lsc, 'activate', ...args], { cwd: root, env: env({ LSC_SERVER: server }) });
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

  it(
    'R-KEY-4: `lsc activate --key` activates the machine with a MAK and keeps the verified certificate; no further contact needed',
    async () => {
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
    },
    CLI_RUNS_MS,
  );

  it(
    'R-KEY-5, R-KEY-6: `lsc kms-host` activates itself with a KMS host key and serves `lsc activate --kms` from the threshold',
    async () => {
      const kms = keys.find((k) => k.type === 'KMS_HOST' && k.product.pool === 'SERVERS');
      if (!kms) throw new Error('the demo data has no server KMS host key');
      const port = await freePort();
      let output = '';
      host = spawn(
        process.execPath,
        [
          lsc,
          'kms-host',
          '--server',
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
    },
    CLI_RUNS_MS,
  );

  const officeMak = () => {
    const mak = keys.find((k) => k.type === 'MAK' && k.product.code === 'OFF-PP-2024');
    if (!mak) throw new Error('the demo data has no Office MAK');
    return mak;
  };
  const counted = async (keyId: string, fingerprint: string) => {
    const [row] = (
      await database.db.execute<{ used: number; rows: number }>(sql`
        select k.used, (select count(*)::int from activation a where a.key_id = k.id and a.fingerprint = ${fingerprint}) as rows
        from product_key k where k.id = ${keyId}`)
    ).rows;
    return row;
  };

  it(
    '`lsc activate` takes the server from LSC_SERVER or --server and names the address it cannot reach, instead of "fetch failed"',
    async () => {
      const closed = `http://127.0.0.1:${await freePort()}`;
      const args = ['--key', officeMak().productKey, '--product', 'OFF-PP-2024', '--fingerprint', 'cli-pc-3', '--retries', '2'];
      const viaEnv = await activate([...args, '--state', path.join(dir, 'pc-3', 'a.json')], closed);
      expect(viaEnv.code).toBe(1);
      expect(viaEnv.stderr).toContain(`Could not reach the Licensing Service Center at ${closed} (connection refused`);
      expect(viaEnv.stderr).toContain('gave up after 2 attempt(s)');
      expect(viaEnv.stderr).not.toContain('fetch failed');
      // --server wins over LSC_SERVER.
      const viaOption = await activate([...args, '--server', closed, '--state', path.join(dir, 'pc-3b', 'a.json')], url);
      expect(viaOption.code).toBe(1);
      expect(viaOption.stderr).toContain(`at ${closed}`);
    },
    CLI_RUNS_MS,
  );

  it(
    'an activation whose answer is lost after the server counted it is fetched again by the retry (same fingerprint, same Idempotency-Key): the machine gets its certificate, the count does not double',
    async () => {
      const mak = officeMak();
      const proxy = await startTcpProxy();
      proxy.forwardTo(Number(new URL(url).port));
      try {
        const pem = path.join(dir, 'publisher.pem');
        await writeFile(
          pem,
          ((await (await fetch(`${url}/api/v1/activation/public-key`)).json()) as { publicKeyPem: string }).publicKeyPem,
        );
        const before = await counted(mak.id, 'cli-pc-retry');
        // The server answers, and the connection is cut before the first byte of that answer reaches the machine.
        proxy.cutNext(0);
        const state = path.join(dir, 'pc-retry', 'a.json');
        const args = [
          '--key',
          mak.productKey,
          '--product',
          'OFF-PP-2024',
          '--fingerprint',
          'cli-pc-retry',
          '--state',
          state,
          '--public-key',
          pem,
        ];
        const r = await activate(args, proxy.url);
        expect(r.stderr).toContain('the connection dropped');
        expect(r.stdout).toContain('Activated with a MAK');
        expect(r.code).toBe(0);
        const posts = proxy.exchanges.filter((x) => x.request.startsWith('POST /api/v1/activations '));
        expect(posts.map((x) => x.cut)).toEqual([true, false]);
        const keyOf = (request: string) => /^idempotency-key: (\S+)\r$/im.exec(request)?.[1];
        expect(keyOf(posts[0]?.request ?? '')).toBeTruthy();
        expect(keyOf(posts[1]?.request ?? '')).toBe(keyOf(posts[0]?.request ?? ''));
        expect(await counted(mak.id, 'cli-pc-retry')).toEqual({ used: (before?.used ?? 0) + 1, rows: 1 });
        expect(JSON.parse(await readFile(state, 'utf8')).mak.certificate).toMatch(/^LSC1\./);

        // A 503 from whatever stands in front of the service is asked again too.
        proxy.answerNext(
          'HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}',
        );
        const again = await activate(
          [
            '--key',
            mak.productKey,
            '--product',
            'OFF-PP-2024',
            '--fingerprint',
            'cli-pc-retry-2',
            '--state',
            path.join(dir, 'pc-retry-2', 'a.json'),
            '--public-key',
            pem,
          ],
          proxy.url,
        );
        expect(again.stderr).toContain('answered 503');
        expect(again.code).toBe(0);
        expect(await counted(mak.id, 'cli-pc-retry-2')).toEqual({ used: (before?.used ?? 0) + 2, rows: 1 });

        // A proxy activation through the client library: its lost answer comes back whole, nothing counted twice.
        proxy.cutNext(0);
        const batch = await activateByProxy(
          proxy.url,
          {
            productKey: mak.productKey,
            productCode: 'OFF-PP-2024',
            machines: [{ fingerprint: 'cli-lab-1' }, { fingerprint: 'cli-lab-2' }],
          },
          { retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 200 } },
        );
        expect(batch.results.map((r) => r.status)).toEqual(['ACTIVATED', 'ACTIVATED']);
        expect((await counted(mak.id, 'cli-lab-1'))?.used).toBe((before?.used ?? 0) + 4);
        const proxied = proxy.exchanges.filter((x) => x.request.startsWith('POST /api/v1/activations/proxy '));
        expect(proxied.map((x) => x.cut)).toEqual([true, false]);
      } finally {
        await proxy.close();
      }
    },
    CLI_RUNS_MS,
  );

  it(
    '`lsc activate --status` counts a saved certificate only if it verifies for this machine against the publisher’s key',
    async () => {
      const original = path.join(dir, 'pc-1', 'activation.json');
      const saved = JSON.parse(await readFile(original, 'utf8'));
      const status = async (name: string, state: object) => {
        const file = path.join(dir, name, 'activation.json');
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, JSON.stringify(state));
        await copyFile(path.join(dir, 'pc-1', 'publisher.pem'), path.join(dir, name, 'publisher.pem'));
        return activate(['--status', '--state', file]);
      };
      // As saved: it verifies.
      expect((await status('pc-1-again', saved)).stdout).toContain('Activated with a MAK');

      // Copied to another machine: the certificate names the first one.
      const copied = await status('pc-copy', { ...saved, fingerprint: 'cli-pc-7' });
      expect(copied.code).toBe(1);
      expect(copied.stderr).toContain('does not verify (WRONG_MACHINE)');
      expect(copied.stdout).toContain('Not activated: grace period');

      // Edited: one character of the signed part changed.
      const [head, payload = '', signature] = String(saved.mak.certificate).split('.');
      const flipped = `${payload.slice(0, 10)}${payload[10] === 'A' ? 'B' : 'A'}${payload.slice(11)}`;
      const edited = await status('pc-edited', { ...saved, mak: { ...saved.mak, certificate: `${head}.${flipped}.${signature}` } });
      expect(edited.code).toBe(1);
      expect(edited.stderr).toMatch(/does not verify \((BAD_SIGNATURE|MALFORMED)\)/);
      expect(edited.stdout).toContain('Not activated');

      // Made up: the same claims signed with a key that is not the publisher's.
      const forgedKey = generateKeyPairSync('ed25519').privateKey;
      const forged = signCertificate(decodeClaims(saved.mak.certificate) as CertificateClaims, forgedKey);
      const made = await status('pc-forged', { ...saved, mak: { ...saved.mak, certificate: forged } });
      expect(made.code).toBe(1);
      expect(made.stderr).toContain('does not verify (BAD_SIGNATURE)');
      expect(made.stdout).toContain('Not activated');
    },
    CLI_RUNS_MS,
  );
});
