import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { nginxBinary, startNginx } from '../helpers/nginx.js';
import { linksFor, onServer, productId } from './helpers.js';
import { type ManagerServer, sha256, startManagerServer } from './manager-helpers.js';

const run = promisify(execFile);
const PRODUCT = 'SRV-DC-2022';
const KiB = 1024;
const nginx = nginxBinary();
if (!nginx) console.warn('SKIPPED: X-Accel-Redirect tests need nginx (apt-get install nginx; .ci/run installs it)');

/**
 * Issue 17, local files behind nginx: with DOWNLOAD_ACCEL_REDIRECT the node checks and records a
 * download, then answers X-Accel-Redirect instead of the bytes, and nginx sends the file.
 */
describe.skipIf(!nginx)('downloads through nginx with DOWNLOAD_ACCEL_REDIRECT', () => {
  let m: ManagerServer;
  let front: Awaited<ReturnType<typeof startNginx>>;

  beforeAll(async () => {
    const port = await freePort();
    // Links name nginx (PUBLIC_URL), as in a deployment behind it.
    m = await startManagerServer({ env: { DOWNLOAD_ACCEL_REDIRECT: '/protected-files/', PUBLIC_URL: `http://127.0.0.1:${port}` } });
    front = await startNginx(nginx as string, {
      port,
      upstreamPort: Number(new URL(m.server.url).port),
      storeDir: m.server.config.FILE_STORE_DIR as string,
      accelPrefix: '/protected-files/',
    });
  }, 60_000);
  afterAll(async () => {
    await front?.close();
    await m?.close();
  });

  async function linkPath(fileId: string): Promise<string> {
    const dc = await productId(m.server.database.db, PRODUCT);
    const [link] = await linksFor(m.server.url, { headers: { authorization: `Bearer ${m.adminToken}` } }, dc, { fileIds: [fileId] });
    return onServer('', link?.url ?? '');
  }

  it('R-DL-5: the node answers X-Accel-Redirect and no bytes; through nginx the file comes whole, by Range, and resumes with If-Range', async () => {
    const [p] = await m.publish(PRODUCT, 'hu', [700 * KiB + 3]);
    if (!p) throw new Error('nothing published');
    const link = await linkPath(p.file.id);

    const direct = await fetch(`${m.server.url}${link}`);
    expect(direct.status).toBe(200);
    expect(direct.headers.get('x-accel-redirect')).toMatch(/^\/protected-files\/[0-9a-f]{2}\/[0-9a-f]{32}$/);
    expect((await direct.arrayBuffer()).byteLength).toBe(0);

    const whole = await fetch(`${front.url}${link}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('x-accel-redirect')).toBeNull();
    expect(whole.headers.get('content-type')).toBe('application/x-iso9660-image');
    expect(whole.headers.get('content-disposition')).toContain(p.file.name);
    expect(whole.headers.get('x-checksum-sha256')).toBe(p.file.sha256);
    expect(whole.headers.get('content-length')).toBe(String(p.bytes.length));
    expect(sha256(Buffer.from(await whole.arrayBuffer()))).toBe(p.file.sha256);
    const etag = whole.headers.get('etag') ?? '';

    const rest = await fetch(`${front.url}${link}`, { headers: { range: 'bytes=1000-', 'if-range': etag } });
    expect(rest.status).toBe(206);
    expect(rest.headers.get('content-range')).toBe(`bytes 1000-${p.bytes.length - 1}/${p.bytes.length}`);
    expect(Buffer.from(await rest.arrayBuffer()).equals(p.bytes.subarray(1000))).toBe(true);

    expect(await m.events(p.file.id)).toEqual([
      { status: 200, range: null, method: 'BROWSER' },
      { status: 200, range: null, method: 'BROWSER' },
      { status: 206, range: 'bytes=1000-', method: 'BROWSER' },
    ]);
    // The internal location is not reachable from outside.
    expect((await fetch(`${front.url}${direct.headers.get('x-accel-redirect')}`)).status).toBe(404);
  });

  it('R-DL-5: lsc download through nginx gets and verifies every file', async () => {
    const published = await m.publish(PRODUCT, 'ro', [900 * KiB, 123 * KiB]);
    const dir = await mkdtemp(path.join(m.work, 'accel-cli-'));
    const out = await run(process.execPath, ['bin/lsc.mjs', 'download', PRODUCT, '--language', 'ro', '--os', 'WINDOWS', '--dir', dir], {
      cwd: process.cwd(),
      env: { ...process.env, LSC_SERVER: front.url, LSC_TOKEN: m.adminToken },
    });
    expect(out.stdout).toContain(`All 2 file(s) of ${PRODUCT}`);
    for (const p of published) expect((await readFile(path.join(dir, p.file.name))).equals(p.bytes)).toBe(true);
    expect((await readdir(dir)).length).toBe(2);
  }, 120_000);
});
