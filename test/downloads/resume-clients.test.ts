import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productId } from './helpers.js';
import { type ManagerServer, sha256, startManagerServer } from './manager-helpers.js';

const PRODUCT = 'SRV-DC-2022';
const KiB = 1024;

/** A program run without a shell (the link's `&` stays one argument); never throws on a non-zero exit. */
function run(command: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/**
 * R-DL-5 with the clients people already have: a signed link is a plain URL that `curl -C -` and
 * `wget -c` resume (Range from the size of the partial file), with no session and no CLI.
 */
describe('resuming a signed link with curl and wget', () => {
  let m: ManagerServer;
  let dc: string;

  beforeAll(async () => {
    m = await startManagerServer();
    dc = await productId(m.server.database.db, PRODUCT);
  }, 60_000);
  afterAll(async () => {
    await m?.close();
  });

  async function signedLink(fileId: string): Promise<string> {
    const res = await fetch(`${m.server.url}/api/v1/downloads/${dc}/links`, {
      method: 'POST',
      headers: { authorization: `Bearer ${m.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ fileIds: [fileId] }),
    });
    const { items } = (await res.json()) as { items: { url: string }[] };
    const url = items[0]?.url ?? '';
    // The link names the public address, which here is the cutting proxy.
    expect(url.startsWith(`${m.proxy.url}/api/v1/files/${fileId}/content?`)).toBe(true);
    return url;
  }

  const clients = [
    { name: 'curl', first: (file: string, url: string) => ['-sS', '-C', '-', '-o', file, url], again: ['-sS', '-C', '-', '-o'] },
    // --tries=1: wget would otherwise retry by itself, and the test wants a second, separate run to resume.
    { name: 'wget', first: (file: string, url: string) => ['-q', '--tries=1', '-c', '-O', file, url], again: ['-q', '-c', '-O'] },
  ];

  for (const [i, client] of clients.entries()) {
    it(`R-DL-5: ${client.name}, cut off mid-transfer, resumes the partial file with a Range request and ends with the published SHA-256`, async () => {
      const [p] = await m.publish(PRODUCT, ['da', 'no'][i] as string, [1536 * KiB]);
      if (!p) throw new Error('nothing published');
      const url = await signedLink(p.file.id);
      const file = path.join(m.work, `${client.name}-${p.file.name}`);

      m.proxy.cutNext(500_000);
      const cut = await run(client.name, client.first(file, url));
      expect(cut.code, `${client.name} should fail when cut off`).not.toBe(0);
      const partial = (await stat(file)).size;
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(500_000);

      const resumed = await run(client.name, [...client.again, file, url]);
      expect(resumed.code, resumed.stderr).toBe(0);
      const got = await readFile(file);
      expect(got.length).toBe(p.bytes.length);
      expect(sha256(got)).toBe(p.file.sha256);
      expect(got.equals(p.bytes)).toBe(true);
      expect(await m.events(p.file.id)).toEqual([
        { status: 200, range: null, method: 'BROWSER' },
        { status: 206, range: `bytes=${partial}-`, method: 'BROWSER' },
      ]);
    });
  }
});
