import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

/** `npm run api:types -- --check`, on a file of the test's choosing: its exit code and what it said. */
async function check(file: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/api-types.ts', '--check', '--file', file], { cwd: root });
    return { code: 0, output: stdout };
  } catch (e) {
    const failed = e as { code: number; stderr: string };
    return { code: failed.code, output: failed.stderr };
  }
}

describe('the portal API types generated from the OpenAPI document (scripts/api-types.ts)', () => {
  let dir: string;
  let fresh: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lsc-api-types-'));
    fresh = path.join(dir, 'fresh.d.ts');
    // Written the way `npm run api:types` writes web/src/api/schema.d.ts, with no database running.
    await run(process.execPath, ['--import', 'tsx', 'scripts/api-types.ts', '--file', fresh], { cwd: root });
  }, 300_000); // tsx compiles the whole app first: over two minutes were seen with files side by side on a busy machine
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('are written from an app that is built, not listening, and needs no database', async () => {
    const types = await readFile(fresh, 'utf8');
    expect(types).toContain("'/api/v1/product-keys': {");
    expect(types).toContain('KeyView: {');
    expect(types).toContain('licensingIdNumber: string;');
  });

  it('the check passes on a file that matches the server', { timeout: 120_000 }, async () => {
    expect(await check(fresh)).toMatchObject({ code: 0 });
  });

  it('the check fails on a stale file: a field renamed on the server, a missing file', { timeout: 120_000 }, async () => {
    const stale = path.join(dir, 'stale.d.ts');
    await writeFile(stale, (await readFile(fresh, 'utf8')).replace('licensingIdNumber: string;', 'licensingIdNo: string;'));
    const renamed = await check(stale);
    expect(renamed.code).toBe(1);
    expect(renamed.output).toContain('Run `npm run api:types`');
    expect((await check(path.join(dir, 'missing.d.ts'))).code).toBe(1);
  });
});
