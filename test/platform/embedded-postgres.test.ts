import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../src/platform/db/embedded.js';
import { freePort } from '../helpers/free-port.js';

async function query(url: string, text: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
}

describe('embedded PostgreSQL', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('loading it leaves the exit code alone: a failed run that exits on its own still fails', async () => {
    const embedded = path.resolve(import.meta.dirname, '../../src/platform/db/embedded.ts');
    const script = `const m = await import(${JSON.stringify(embedded)}); await m.loadEmbeddedPostgres(); process.exitCode = 3;`;
    let stderr = '';
    const code = await new Promise<number | null>((resolve) => {
      const child = execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
      child.stderr?.on('data', (d) => {
        stderr += String(d);
      });
      child.on('exit', resolve);
    });
    expect(stderr).toBe('');
    expect(code).toBe(3);
  });

  it('keeps its data across restarts and starts after a crash left postmaster.pid or an orphaned server', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lsc-embedded-'));
    dirs.push(dir);
    const data = path.join(dir, 'pg');
    const port = await freePort();

    const first = await startEmbeddedPostgres(data, port);
    await query(first.url, 'create table kept (v int); insert into kept values (42)');
    await first.stop();

    // A crash leaves the lock file of a process that no longer exists.
    const pidFile = path.join(data, 'postmaster.pid');
    await writeFile(pidFile, '999999\n/nonexistent\n');
    const second = await startEmbeddedPostgres(data, port);
    expect(await query(second.url, 'select v from kept')).toEqual([{ v: 42 }]);

    // The app died (kill -9) but its server lives on, holding the folder: the next start takes over.
    const orphanPid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
    expect(orphanPid).toBeGreaterThan(0);
    const third = await startEmbeddedPostgres(data, port);
    expect(await query(third.url, 'select v from kept')).toEqual([{ v: 42 }]);
    expect(Number((await readFile(pidFile, 'utf8')).split('\n')[0])).not.toBe(orphanPid);
    await third.stop();
    await second.stop().catch(() => {});
  }, 60_000);
});
