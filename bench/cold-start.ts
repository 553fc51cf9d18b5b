import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { freePort } from '../test/helpers/free-port.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function waitForHealth(url: string, child: ChildProcess, limitMs: number): Promise<void> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(url)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('no health answer in time');
}

/** Milliseconds from spawning `lsc start` to the first 200 from /api/health. */
async function timeStart(dataDir: string): Promise<number> {
  const port = await freePort();
  const pgPort = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'bin/lsc.mjs'), 'start'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', PORT: String(port), DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    await waitForHealth(`http://127.0.0.1:${port}/api/health`, child, 60_000);
    return performance.now() - started;
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

/** The reference: the same embedded PostgreSQL, cold (initdb + start) and warm, without the app. */
async function timeBarePostgres(dir: string): Promise<number> {
  const started = performance.now();
  const pg = await startEmbeddedPostgres(dir, await freePort());
  const ms = performance.now() - started;
  await pg.stop();
  return ms;
}

export async function coldStartBench() {
  const dir = await mkdtemp(path.join(tmpdir(), 'lsc-bench-start-'));
  try {
    delete process.env.DATABASE_URL;
    const cold = await timeStart(path.join(dir, 'app'));
    const warm = await timeStart(path.join(dir, 'app'));
    const bareCold = await timeBarePostgres(path.join(dir, 'bare'));
    const bareWarm = await timeBarePostgres(path.join(dir, 'bare'));
    return [
      {
        name: 'cold start to first /api/health (fresh data folder: initdb, migrate, seed)',
        value: cold,
        unit: 'ms',
        reference: bareCold,
        referenceName: 'bare embedded PostgreSQL initdb + start',
        target: '≤ 10000 ms',
      },
      {
        name: 'warm start to first /api/health (existing data folder)',
        value: warm,
        unit: 'ms',
        reference: bareWarm,
        referenceName: 'bare embedded PostgreSQL start',
        target: '',
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
