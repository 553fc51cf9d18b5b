import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LSC_RUNS_MS } from '../helpers/lsc-command.js';
import { onServer, productId } from './helpers.js';
import { type ManagerServer, sha256, startManagerServer } from './manager-helpers.js';

const LSC = path.resolve('bin/lsc.mjs');
const PRODUCT = 'SRV-DC-2022';
const KiB = 1024;

/** `node bin/lsc.mjs …` as a user runs it, output collected. */
function lsc(args: string[], env: Record<string, string>, cwd: string) {
  const child = spawn(process.execPath, [LSC, ...args], {
    cwd,
    env: { ...process.env, LSC_SERVER: '', LSC_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, exit };
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await delay(50);
  }
}

const sizeOrZero = async (file: string) => (await stat(file).catch(() => null))?.size ?? 0;

describe('lsc download and lsc upload-file, run as processes', { timeout: LSC_RUNS_MS }, () => {
  let m: ManagerServer;
  let as: { admin: Record<string, string>; operator: Record<string, string> };

  beforeAll(async () => {
    m = await startManagerServer();
    as = {
      admin: { LSC_SERVER: m.server.url, LSC_TOKEN: m.adminToken },
      operator: { LSC_SERVER: m.server.url, LSC_TOKEN: m.operatorToken },
    };
  }, 60_000);
  afterAll(async () => {
    await m?.close();
  });

  it('R-DL-5: Ctrl-C pauses (exit 130, .part files kept, the command to resume printed); the same command resumes with Range and verifies', async () => {
    const published = await m.publish(PRODUCT, 'fi', [1024 * KiB, 768 * KiB]);
    const dir = await mkdtemp(path.join(m.work, 'sigint-'));
    const args = ['download', PRODUCT, '--language', 'fi', '--os', 'WINDOWS', '--dir', dir];
    const parts = published.map((p) => path.join(dir, `${p.file.name}.part`));

    m.proxy.throttle(192 * KiB);
    let paused: Awaited<ReturnType<typeof lsc>['exit']>;
    try {
      const first = lsc(args, as.admin, m.work);
      await until('both files to be part-way', async () => (await Promise.all(parts.map(sizeOrZero))).every((n) => n >= 64 * KiB));
      first.child.kill('SIGINT');
      paused = await first.exit;
    } finally {
      m.proxy.throttle(null);
    }
    expect(paused.code, paused.stderr).toBe(130);
    expect(paused.stdout).toContain('Paused: 2 file(s) not finished');
    expect(paused.stdout).toContain(
      `To resume, run the same command again:\n  lsc download ${PRODUCT} --language fi --os WINDOWS --dir ${dir}`,
    );
    const kept = await Promise.all(parts.map(sizeOrZero));
    published.forEach((p, i) => {
      expect(kept[i]).toBeGreaterThan(0);
      expect(kept[i]).toBeLessThan(p.bytes.length);
    });
    for (const part of parts) expect(JSON.parse(await readFile(`${part}.json`, 'utf8'))).toMatchObject({ version: 1 });

    const resumed = await lsc(args, as.admin, m.work).exit;
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/resuming at /);
    expect(resumed.stdout).toContain(`All 2 file(s) of ${PRODUCT}`);
    for (const [i, p] of published.entries()) {
      const got = await readFile(path.join(dir, p.file.name));
      expect(sha256(got)).toBe(p.file.sha256);
      expect(got.equals(p.bytes)).toBe(true);
      const recorded = await m.events(p.file.id);
      expect(recorded.at(-1)).toEqual({ status: 206, range: `bytes=${kept[i]}-`, method: 'MANAGER' });
    }
    expect((await readdir(dir)).sort()).toEqual(published.map((p) => p.file.name).sort());
  });

  it('R-DL-5: a .part holding wrong bytes is caught by the SHA-256 check at the end: deleted, reported, non-zero exit', async () => {
    const [p] = await m.publish(PRODUCT, 'sk', [256 * KiB]);
    if (!p) throw new Error('nothing published');
    const dir = await mkdtemp(path.join(m.work, 'corrupt-'));
    const target = path.join(dir, p.file.name);
    await writeFile(`${target}.part`, randomBytes(100 * KiB));
    await writeFile(
      `${target}.part.json`,
      JSON.stringify({ version: 1, fileId: p.file.id, size: p.file.size, sha256: p.file.sha256, etag: `"${p.file.sha256}"` }),
    );
    const run = await lsc(['download', PRODUCT, '--language', 'sk', '--os', 'WINDOWS', '--dir', dir], as.admin, m.work).exit;
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`1 of 1 file(s) of ${PRODUCT} failed:`);
    expect(run.stderr).toMatch(
      new RegExp(`${p.file.name}: its SHA-256 is [0-9a-f]{64}, not the published ${p.file.sha256}; the damaged copy was deleted`),
    );
    // It resumed after the 100 KiB kept (so the damage could only be seen at the end), then threw the copy away.
    expect(await m.events(p.file.id)).toEqual([{ status: 206, range: `bytes=${100 * KiB}-`, method: 'MANAGER' }]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('upload-file streams a file with its SHA-256; the server records the same SHA-256 and serves the same bytes', async () => {
    const bytes = randomBytes(333 * KiB + 7);
    const local = path.join(m.work, `upload-${randomBytes(4).toString('hex')}.iso`);
    await writeFile(local, bytes);
    const name = `NW_Upload_${randomBytes(4).toString('hex')}.iso`;
    const args = ['upload-file', PRODUCT, local, '--language', 'cs', '--os', 'WINDOWS', '--arch', 'X64', '--format', 'ISO', '--name', name];
    const run = await lsc(args, as.operator, m.work).exit;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Uploaded ${name} (333.0 KiB, ${bytes.length} bytes) to ${PRODUCT}.`);
    expect(run.stdout).toContain(`SHA-256  ${sha256(bytes)}`);

    const dc = await productId(m.server.database.db, PRODUCT);
    const list = (await (
      await fetch(`${m.server.url}/api/v1/operator/products/${dc}/files`, { headers: { authorization: `Bearer ${m.operatorToken}` } })
    ).json()) as { items: { id: string; name: string; size: number; sha256: string; language: string }[] };
    const stored = list.items.find((f) => f.name === name);
    expect(stored).toMatchObject({ size: bytes.length, sha256: sha256(bytes), language: 'cs' });
    const links = (await (
      await fetch(`${m.server.url}/api/v1/downloads/${dc}/links`, {
        method: 'POST',
        headers: { authorization: `Bearer ${m.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ fileIds: [stored?.id] }),
      })
    ).json()) as { items: { url: string }[] };
    const served = Buffer.from(await (await fetch(onServer(m.server.url, links.items[0]?.url ?? ''))).arrayBuffer());
    expect(served.equals(bytes)).toBe(true);

    // A user who is not the publisher's staff is refused, and nothing is stored.
    const refused = await lsc([...args.slice(0, -1), `other-${name}`], as.admin, m.work).exit;
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/roles do not allow/i);
    const after = (await (
      await fetch(`${m.server.url}/api/v1/operator/products/${dc}/files`, { headers: { authorization: `Bearer ${m.operatorToken}` } })
    ).json()) as { items: { name: string }[] };
    expect(after.items.map((f) => f.name)).not.toContain(`other-${name}`);
  });

  it('--help lists download and upload-file; a run without a token says how to get one', async () => {
    const help = await lsc(['--help'], {}, m.work).exit;
    expect(help.stdout).toMatch(/download \[options\] <product>/);
    expect(help.stdout).toMatch(/upload-file \[options\] <product> <file>/);
    const noToken = await lsc(['download', PRODUCT, '--language', 'en', '--os', 'WINDOWS'], { LSC_SERVER: m.server.url }, m.work).exit;
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain('LSC_TOKEN');
  });
});
