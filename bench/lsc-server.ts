import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { freePort } from '../test/helpers/free-port.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const withDb = (url: string, db: string) => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};

export async function waitForHealth(url: string, child: ChildProcess) {
  const until = Date.now() + 60_000;
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
  throw new Error('no health answer in time');
}

export async function json(url: string, method: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return { body: (await res.json()) as Record<string, unknown>, res };
}

/** A signed-in demo user's cookie and CSRF headers. */
export async function session(base: string, email: string) {
  const { res } = await json(`${base}/api/v1/auth/sign-in`, 'POST', { email, password: 'demo-password-1' });
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  const csrf = cookies.find((c) => c.startsWith('lsc_csrf='))?.slice('lsc_csrf='.length) ?? '';
  return { cookie: cookies.join('; '), 'x-csrf-token': csrf };
}

export interface BenchServer {
  /** A temporary folder for the run (the server's DATA_DIR is `dir/data`). */
  dir: string;
  /** The server's own database, created for the run and dropped after it. */
  url: string;
  base: string;
  port: number;
  child: ChildProcess;
  /** A connection to that database, for checks. */
  database: pg.Client;
  stop(): Promise<void>;
}

/**
 * `lsc start` as a child process with the demo data, on a fresh database of the PostgreSQL at
 * DATABASE_URL (or of an embedded one): what a benchmark measures is the real server. `env` adds
 * to its environment; BENCH_PROFILE=<dir> writes its CPU profile there (open it in Chrome DevTools).
 */
export async function startBenchServer(label: string, env: (dir: string) => Record<string, string> = () => ({})): Promise<BenchServer> {
  const dir = await mkdtemp(path.join(tmpdir(), `lsc-bench-${label}-`));
  let adminUrl = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!adminUrl) {
    const server = await startEmbeddedPostgres(path.join(dir, 'pg'), await freePort());
    // The benchmark's databases are made by the app's own role, so the app runs as it does in production.
    await server.allowCreatingDatabases();
    adminUrl = server.url;
    stopEmbedded = server.stop;
  }
  const dbName = `lsc_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = withDb(adminUrl, dbName);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, path.join(root, 'bin/lsc.mjs'), 'start'], {
    cwd: root,
    stdio: 'ignore',
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      DATA_DIR: path.join(dir, 'data'),
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'true',
      ...env(dir),
    },
  });
  const database = new pg.Client({ connectionString: url });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await database.end().catch(() => {});
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    await stopEmbedded?.();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(base, child);
    await database.connect();
  } catch (e) {
    await stop();
    throw e;
  }
  return { dir, url, base, port, child, database, stop };
}
