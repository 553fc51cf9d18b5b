import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCertificate } from '../../src/modules/activation/certificate.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { freePort } from '../helpers/free-port.js';
import { type Session, signIn } from '../helpers/session.js';
import { createCatalog, keyOf, licensingIdOf } from '../keys/helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BURST = 1000;
const LIMIT = 500;
/**
 * Requests in flight at once: far more than the database pool's connections (5 for a test app, 10
 * for a server), so every statement on the key's row still races as many others as the pool
 * allows, the most contention 1,000 at once would give; without 1,000 sockets, parsers and timers
 * competing for a loaded machine's CPU.
 */
const IN_FLIGHT = 100;
/** The deadline is progress: a burst fails when no request has finished for this long (a hang), however slow the machine. */
const STALL_MS = 30_000;
/** Only a backstop for the vitest runner; the stall watchdog above is what fails a stuck burst. */
const BACKSTOP_MS = 15 * 60_000;
const unlimited = { ACTIVATION_IP_LIMIT: '1000000', ACTIVATION_KEY_LIMIT: '1000000', SIGN_IN_IP_LIMIT: '1000' };

/**
 * `total` calls, at most `width` in flight; fails as soon as none has finished for `stallMs`. The
 * time allowed follows the work done: a loaded machine is slower, a stuck request still fails.
 */
async function burst<T>(total: number, width: number, call: (i: number) => Promise<T>, stallMs = STALL_MS): Promise<T[]> {
  const results: T[] = new Array(total);
  let next = 0;
  let progressAt = performance.now();
  let watchdog: ReturnType<typeof setInterval> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    watchdog = setInterval(() => {
      if (performance.now() - progressAt > stallMs)
        reject(new Error(`no request finished for ${stallMs} ms (${next} of ${total} started)`));
    }, 1000);
  });
  const worker = async () => {
    while (next < total) {
      const i = next++;
      results[i] = await call(i);
      progressAt = performance.now();
    }
  };
  try {
    await Promise.race([Promise.all(Array.from({ length: Math.min(width, total) }, worker)), stalled]);
    return results;
  } finally {
    clearInterval(watchdog);
  }
}

describe('R-KEY-3 proof: 1,000 concurrent activations on a key with 500 left', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: unlimited });
  });
  afterAll(() => t.close());

  it(
    'R-KEY-3: in one app: exactly 500 succeed, 500 get MAK_LIMIT_REACHED, the count is exact',
    async () => {
      const operator = await signIn(t.app, 'operator@northwind.example');
      const admin = await signIn(t.app, 'admin@contoso.example');
      const products = await createCatalog(t.app, operator);
      const id = await licensingIdOf(t.database.db, '67012345');
      await t
        .as(operator)
        .post(`/operator/licensing-ids/${id}/keys`, { type: 'MAK', productId: products['WIN11-ENT'], activationLimit: LIMIT });
      const key = await keyOf(t.app, admin, id, 'WIN11-ENT', 'MAK');
      const answers = await burst(BURST, IN_FLIGHT, (i) =>
        t.as(null).post('/activations', {
          productKey: key.productKey,
          productCode: 'WIN11-ENT',
          fingerprint: `burst-${i}`,
          machineKind: i % 2 ? 'VIRTUAL' : 'PHYSICAL',
        }),
      );
      const codes = answers.map((a) => (a.statusCode === 201 ? 'ACTIVATED' : a.json().code));
      expect(codes.filter((c) => c === 'ACTIVATED')).toHaveLength(LIMIT);
      expect(codes.filter((c) => c === 'MAK_LIMIT_REACHED')).toHaveLength(BURST - LIMIT);
      const [row] = (
        await t.database.db.execute<{ used: number; rows: number; audited: number }>(sql`
        select k.used, (select count(*)::int from activation a where a.key_id = k.id) as rows,
               (select count(*)::int from audit_log where action = 'activation.create') as audited
        from product_key k where k.id = ${key.id}`)
      ).rows;
      expect(row).toEqual({ used: LIMIT, rows: LIMIT, audited: LIMIT });
    },
    BACKSTOP_MS,
  );
});

/** `lsc start` as a real child process on the test database. */
function startServer(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [path.join(root, 'bin/lsc.mjs'), 'start'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const until = Date.now() + 180_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the server did not answer in time');
}

type Outcome = 'ACTIVATED' | 'ALREADY_ACTIVATED' | 'MAK_LIMIT_REACHED' | 'LOST';

describe('R-KEY-3 proof against a real server process, killed with SIGKILL in the middle of the burst', () => {
  let database: TestDatabase;
  let dataDir: string;
  let child: ChildProcess;
  let url: string;
  let env: Record<string, string>;
  const q = async <T extends Record<string, unknown>>(text: ReturnType<typeof sql>) => (await database.db.execute<T>(text)).rows;

  const start = async () => {
    child = startServer(env);
    await waitForHealth(url, child);
  };
  const kill9 = async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  };
  const signInAt = async (email: string): Promise<Session> => {
    const res = await fetch(`${url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'demo-password-1' }),
    });
    const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
    const csrf = cookies.find((c) => c.startsWith('lsc_csrf='))?.slice('lsc_csrf='.length) ?? '';
    const cookie = cookies.join('; ');
    return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
  };
  const call = async (method: string, p: string, s: Session | null, body?: unknown) => {
    const res = await fetch(`${url}${p}`, {
      method,
      headers: { ...(s?.headers ?? {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const activateOnce = async (productKey: string, fingerprint: string): Promise<{ outcome: Outcome; certificate?: string }> => {
    try {
      const r = await call('POST', '/api/v1/activations', null, { productKey, productCode: 'WIN11-ENT', fingerprint });
      if (r.status === 201 || r.status === 200) return { outcome: r.body.status as Outcome, certificate: r.body.certificate as string };
      if (r.body.code === 'MAK_LIMIT_REACHED') return { outcome: 'MAK_LIMIT_REACHED' };
      throw new Error(`unexpected ${r.status} ${JSON.stringify(r.body)}`);
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('unexpected')) throw e;
      return { outcome: 'LOST' }; // the connection died with the server: the outcome is unknown to the client
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'lsc-kill-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = {
      ...unlimited,
      DATABASE_URL: database.url,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'true',
      PUBLIC_URL: url,
    };
    await start();
  }, 240_000);
  afterAll(async () => {
    if (child?.exitCode === null) await kill9();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(
    'R-KEY-3: exactly 500 machines end up activated and counted, through a kill -9 and a restart; certificates still verify',
    async () => {
      const operator = await signInAt('operator@northwind.example');
      const admin = await signInAt('admin@contoso.example');
      const family = await call('POST', '/api/v1/operator/product-families', operator, { name: 'Windows' });
      const productRes = await call('POST', '/api/v1/operator/products', operator, {
        code: 'WIN11-ENT',
        familyId: family.body.id,
        name: 'Windows',
        version: '11',
        edition: 'Enterprise',
        pool: 'SYSTEMS',
        category: 'Operating systems',
      });
      const id = await licensingIdOf(database.db, '67012345');
      const issued = await call('POST', `/api/v1/operator/licensing-ids/${id}/keys`, operator, {
        type: 'MAK',
        productId: productRes.body.id,
        activationLimit: LIMIT,
      });
      expect(issued.status).toBe(201);
      const page = await call('GET', `/api/v1/licensing-ids/${id}/keys`, admin);
      const key = (page.body.items as { id: string; type: string; productKey: string; product: { code: string } }[]).find(
        (k) => k.type === 'MAK' && k.product.code === 'WIN11-ENT',
      );
      if (!key) throw new Error('no key');
      const { publicKeyPem } = (await call('GET', '/api/v1/activation/public-key', null)).body as { publicKeyPem: string };

      // The burst; once 200 answers are in, the server is killed with SIGKILL, mid-flight. Those in
      // flight then and those sent after never hear back.
      let answered = 0;
      let killed: Promise<void> | null = null;
      const first = await burst(BURST, IN_FLIGHT, async (i) => {
        const r = await activateOnce(key.productKey, `machine-${i}`);
        if (r.outcome !== 'LOST' && ++answered === 200) killed = kill9();
        return r;
      });
      await killed;
      const lost = first.map((r, i) => (r.outcome === 'LOST' ? i : -1)).filter((i) => i >= 0);
      expect(lost.length).toBeGreaterThan(0);
      const [atKill] = await q<{ used: number; rows: number }>(
        sql`select used, (select count(*)::int from activation where key_id = ${key.id}) as rows from product_key where id = ${key.id}`,
      );
      // Killed in the middle: some activations committed, not all; whatever committed did so whole.
      expect(atKill?.used).toBeGreaterThan(0);
      expect(atKill?.used).toBeLessThan(LIMIT);
      expect(atKill?.used).toBe(atKill?.rows);

      // Restart on the same database and data folder; the machines that never heard back ask again.
      await start();
      const retried = await burst(lost.length, IN_FLIGHT, (n) => activateOnce(key.productKey, `machine-${lost[n]}`));
      const final = first.map((r, i) => (r.outcome === 'LOST' ? (retried[lost.indexOf(i)] ?? r) : r));
      const tally = (o: Outcome) => final.filter((r) => r.outcome === o).length;
      expect(tally('LOST')).toBe(0);
      expect(tally('ACTIVATED') + tally('ALREADY_ACTIVATED')).toBe(LIMIT);
      expect(tally('MAK_LIMIT_REACHED')).toBe(BURST - LIMIT);
      const [after] = await q<{ used: number; rows: number; machines: number }>(sql`
      select k.used, (select count(*)::int from activation a where a.key_id = k.id) as rows,
             (select count(distinct fingerprint)::int from activation a where a.key_id = k.id) as machines
      from product_key k where k.id = ${key.id}`);
      expect(after).toEqual({ used: LIMIT, rows: LIMIT, machines: LIMIT });
      // Every machine told it is activated holds a certificate that verifies, for itself.
      for (const [i, r] of final.entries()) {
        if (r.certificate) expect(verifyCertificate(r.certificate, publicKeyPem, { fingerprint: `machine-${i}` }).kind).toBe('MAK');
      }
    },
    BACKSTOP_MS,
  );
});
