import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Every module the process resolves, written to stderr by a loader hook (none of it is the CLI's own output).
const TRACE = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module';
   register('data:text/javascript,' + encodeURIComponent("export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write('LOADED ' + r.url + '\\\\n'); return r; }"));`,
)}`;

describe('the production build (dist/)', () => {
  beforeAll(async () => {
    // `npm test` builds first; a run of this file alone builds what is missing or older than src/.
    const current = await run(process.execPath, ['bin/lsc.mjs', '--help'], { cwd: root, env: { ...process.env, LSC_RUN: 'dist' } }).then(
      () => true,
      () => false,
    );
    if (!current) await run(process.execPath, ['scripts/build-server.mjs'], { cwd: root, timeout: 600_000 });
  }, 600_000);

  it('`lsc --help` runs from dist/ and lists every command, without loading the server, the database or zod', async () => {
    expect(existsSync(path.join(root, 'dist/cli/main.js'))).toBe(true);
    const { stdout, stderr } = await run(process.execPath, ['--import', TRACE, 'bin/lsc.mjs', '--help'], {
      cwd: root,
      env: { ...process.env, LSC_RUN: 'dist' },
    });
    for (const command of [
      'start',
      'migrate',
      'seed',
      'import-agreements',
      'import-orders',
      'activate',
      'kms-host',
      'download',
      'upload-file',
    ]) {
      expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    const loaded = stderr
      .split('\n')
      .filter((l) => l.startsWith('LOADED '))
      .map((l) => l.slice('LOADED '.length));
    expect(loaded.some((u) => u.endsWith('/dist/cli/main.js'))).toBe(true);
    expect(loaded.filter((u) => u.includes('/src/') || u.includes('/tsx/'))).toEqual([]);
    // dist/ is bundled: each lazily imported action is a chunk of its own named after its file (scripts/build-server.mjs).
    expect(existsSync(path.join(root, 'dist/chunks'))).toBe(true);
    for (const heavy of ['/fastify/', '/pg/', '/drizzle-orm/', '/zod/', '/dist/chunks/server-', '/dist/chunks/start-']) {
      expect(loaded.filter((u) => u.includes(heavy))).toEqual([]);
    }
  });

  it('LSC_RUN chooses: source runs the TypeScript sources, an unknown value is refused', async () => {
    const source = await run(process.execPath, ['--import', TRACE, 'bin/lsc.mjs', '--help'], {
      cwd: root,
      env: { ...process.env, LSC_RUN: 'source' },
    });
    expect(source.stdout).toContain('upload-file');
    expect(source.stderr).toContain('/src/cli/main.ts');
    const wrong = await run(process.execPath, ['bin/lsc.mjs', '--help'], { cwd: root, env: { ...process.env, LSC_RUN: 'fast' } }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(wrong).toMatchObject({ code: 1, stderr: expect.stringContaining('LSC_RUN must be auto, dist or source') });
  });
});
