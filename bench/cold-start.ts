import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { freePort } from '../test/helpers/free-port.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);
const lsc = path.join(root, 'bin/lsc.mjs');
type From = 'dist' | 'source';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

/** Milliseconds of one run of a command to its exit. */
async function timeRun(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const started = performance.now();
  await run(process.execPath, args, { cwd: root, env });
  return performance.now() - started;
}

/** `npm run build`'s server half when dist/ is missing or older than src/ (the figures are of the compiled code). */
async function ensureBuilt(): Promise<void> {
  const current = await run(process.execPath, [lsc, '--help'], { cwd: root, env: { ...process.env, LSC_RUN: 'dist' } }).then(
    () => true,
    () => false,
  );
  if (!current) {
    console.log('(building dist/ first: node scripts/build-server.mjs)');
    await run(process.execPath, ['scripts/build-server.mjs'], { cwd: root });
  }
}

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
async function timeStart(dataDir: string, from: From = 'dist'): Promise<number> {
  const port = await freePort();
  const pgPort = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [lsc, 'start'], {
    cwd: root,
    env: {
      ...process.env,
      LSC_RUN: from,
      DATABASE_URL: '',
      PORT: String(port),
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      LOG_LEVEL: 'warn',
    },
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
  await ensureBuilt();
  const dir = await mkdtemp(path.join(tmpdir(), 'lsc-bench-start-'));
  try {
    delete process.env.DATABASE_URL;
    const runs = 5;
    const bareNode: number[] = [];
    const helpDist: number[] = [];
    const helpSource: number[] = [];
    for (let i = 0; i < runs; i++) {
      bareNode.push(await timeRun(['-e', '0']));
      helpDist.push(await timeRun([lsc, '--help'], { ...process.env, LSC_RUN: 'dist' }));
      helpSource.push(await timeRun([lsc, '--help'], { ...process.env, LSC_RUN: 'source' }));
    }
    const cold = await timeStart(path.join(dir, 'app'));
    const warm: number[] = [];
    const warmSource: number[] = [];
    const bareWarm: number[] = [];
    const bareCold = await timeBarePostgres(path.join(dir, 'bare'));
    // Interleaved, so that a busy moment of the machine falls on both sides alike.
    for (let i = 0; i < 3; i++) {
      warm.push(await timeStart(path.join(dir, 'app')));
      bareWarm.push(await timeBarePostgres(path.join(dir, 'bare')));
    }
    warmSource.push(await timeStart(path.join(dir, 'app'), 'source'));
    return [
      {
        name: `lsc --help from dist/ (median of ${runs})`,
        value: median(helpDist),
        unit: 'ms',
        reference: median(bareNode),
        referenceName: 'node -e 0',
        target: '≤ 300 ms',
      },
      {
        name: `lsc --help from the TypeScript sources through tsx (LSC_RUN=source, median of ${runs})`,
        value: median(helpSource),
        unit: 'ms',
        reference: median(bareNode),
        referenceName: 'node -e 0',
        target: '',
      },
      {
        name: 'cold start to first /api/health (fresh data folder: initdb, migrate, seed)',
        value: cold,
        unit: 'ms',
        reference: bareCold,
        referenceName: 'bare embedded PostgreSQL initdb + start',
        target: '≤ 10000 ms',
      },
      {
        name: 'warm start to first /api/health from dist/ (existing data folder, median of 3)',
        value: median(warm),
        unit: 'ms',
        reference: median(bareWarm),
        referenceName: 'bare embedded PostgreSQL start (median of 3)',
        target: '≤ 2× PostgreSQL',
      },
      {
        name: 'warm start to first /api/health from the sources (LSC_RUN=source)',
        value: median(warmSource),
        unit: 'ms',
        reference: median(bareWarm),
        referenceName: 'bare embedded PostgreSQL start (median of 3)',
        target: '',
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
