import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The time a test that runs `lsc` as processes gets. Each start loads the CLI in a new Node; with
 * test files side by side on a shared 2-core machine one start alone can take seconds, so the
 * suite's 30-second default fails such a test that is merely waiting its turn.
 */
export const LSC_RUNS_MS = 120_000;

/**
 * Runs `lsc ARGS…` as a user would, against the given database and data folder, and answers its
 * exit code and what it printed (stdout, then stderr when it failed).
 */
export async function lscCommand(databaseUrl: string, dataDir: string, args: string[]): Promise<{ code: number; out: string }> {
  const env = { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO: 'false' };
  try {
    const { stdout } = await run(process.execPath, ['bin/lsc.mjs', ...args], { env, cwd: process.cwd() });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}
