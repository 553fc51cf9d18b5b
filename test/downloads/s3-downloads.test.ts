import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LazyS3BlobStore, openBlobStore } from '../../src/platform/storage/index.js';
import { startS3Server } from '../helpers/s3-server.js';
import { signIn } from '../helpers/session.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { linksFor, onServer, productId } from './helpers.js';
import { type ManagerServer, sha256, startManagerServer } from './manager-helpers.js';

const run = promisify(execFile);
const PRODUCT = 'SRV-DC-2022';
const MiB = 1024 * 1024;

/**
 * Issue 17, object storage: with FILE_STORE=s3://…, uploads through the product go to the bucket
 * in parts, and downloads are a 302 to a presigned URL of the store, after the node's own checks,
 * recorded as before; Range resume and `lsc download` work through the redirect.
 */
describe('downloads with files in object storage (FILE_STORE=s3://…)', () => {
  let s3: Awaited<ReturnType<typeof startS3Server>>;
  let m: ManagerServer;
  /** The store's public address (S3_PUBLIC_ENDPOINT): another port forwarding to it, as a public name would. */
  let publicStore: TcpProxy;
  const sent: string[] = [];
  /** The server's clock runs with real time, shifted by this much; the store always keeps real time. */
  let shiftMs = 0;
  const clock = { now: () => new Date(Date.now() + shiftMs) };

  beforeAll(async () => {
    s3 = await startS3Server();
    publicStore = await startTcpProxy();
    publicStore.forwardTo(Number(new URL(s3.endpoint).port));
    m = await startManagerServer({
      clock,
      env: {
        ...s3.env('lsc'),
        S3_PUBLIC_ENDPOINT: publicStore.url,
        S3_PART_MIB: '5',
        DOWNLOAD_UPLOAD_MAX_BYTES: String(1024 * MiB),
        DOWNLOAD_REDIRECT_SECONDS: '120',
      },
    });
    // The server's own store (one per configuration): every command it sends to the bucket is noted.
    const store = await (openBlobStore(m.server.config) as LazyS3BlobStore).open();
    store.client.middlewareStack.add(
      (next, context) => (args) => {
        sent.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize' },
    );
  }, 60_000);
  afterAll(async () => {
    await m?.close();
    await publicStore?.close();
    await s3?.close();
  });

  async function linkTo(fileId: string): Promise<string> {
    const dc = await productId(m.server.database.db, PRODUCT);
    const [link] = await linksFor(m.server.url, { headers: { authorization: `Bearer ${m.adminToken}` } }, dc, { fileIds: [fileId] });
    return onServer(m.server.url, link?.url ?? '');
  }

  it('R-DL-5: an upload through the product larger than a part is a multipart upload into the bucket; the download is a 302 to a presigned URL, recorded, and Range resumes through it', async () => {
    sent.length = 0;
    const [p] = await m.publish(PRODUCT, 'nl', [12 * MiB + 17]);
    if (!p) throw new Error('nothing published');
    expect(sent.filter((c) => c === 'UploadPartCommand')).toHaveLength(3);
    expect(sent).toContain('CompleteMultipartUploadCommand');

    const url = await linkTo(p.file.id);
    const redirect = await fetch(url, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('cache-control')).toBe('no-store');
    const location = new URL(redirect.headers.get('location') ?? '');
    // The store's public address, never the nodes' internal one, whatever browsers could not reach.
    expect(location.origin).toBe(publicStore.url);
    expect(location.origin).not.toBe(s3.endpoint);
    expect(location.pathname).toMatch(new RegExp(`^/${s3.bucket}/lsc/[0-9a-f]{32}$`));
    expect(location.searchParams.get('X-Amz-Expires')).toBe('120');
    expect(await m.events(p.file.id)).toEqual([{ status: 200, range: null, method: 'BROWSER' }]);

    // Followed, as browsers and fetch do: the store sends the bytes, with the file's name and type.
    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(whole.url.startsWith(publicStore.url)).toBe(true);
    expect(publicStore.exchanges.some((x) => x.request.startsWith(`GET ${location.pathname}?`))).toBe(true);
    expect(whole.headers.get('content-type')).toBe('application/x-iso9660-image');
    expect(whole.headers.get('content-disposition')).toContain(p.file.name);
    expect(sha256(Buffer.from(await whole.arrayBuffer()))).toBe(p.file.sha256);

    // The Range goes along with the redirect; the store answers it.
    const from = 7 * MiB + 3;
    const rest = await fetch(url, { headers: { range: `bytes=${from}-` } });
    expect(rest.status).toBe(206);
    expect(rest.headers.get('content-range')).toBe(`bytes ${from}-${p.bytes.length - 1}/${p.bytes.length}`);
    expect(Buffer.from(await rest.arrayBuffer()).equals(p.bytes.subarray(from))).toBe(true);
    expect((await m.events(p.file.id)).at(-1)).toEqual({ status: 206, range: `bytes=${from}-`, method: 'BROWSER' });

    // Several ranges at once, which S3 does not serve in one GET, come from the node itself.
    const several = await fetch(url, { redirect: 'manual', headers: { range: 'bytes=0-9,6000000-6000009' } });
    expect(several.status).toBe(206);
    expect(several.headers.get('content-type')).toMatch(/^multipart\/byteranges; boundary=/);
    const body = Buffer.from(await several.arrayBuffer());
    expect(body.includes(p.bytes.subarray(0, 10))).toBe(true);
    expect(body.includes(p.bytes.subarray(6_000_000, 6_000_010))).toBe(true);
  });

  it('R-DL-1: the node still decides who may download: a tampered link is 403 without a redirect, a range past the end 416; HEAD is answered by the node', async () => {
    const [p] = await m.publish(PRODUCT, 'pt', [64 * 1024]);
    if (!p) throw new Error('nothing published');
    const url = new URL(await linkTo(p.file.id));
    const tampered = new URL(url);
    tampered.searchParams.set('signature', 'A'.repeat(43));
    const refused = await fetch(tampered, { redirect: 'manual' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('location')).toBeNull();
    const past = await fetch(url, { redirect: 'manual', headers: { range: `bytes=${p.bytes.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${p.bytes.length}`);
    const head = await fetch(url, { method: 'HEAD', redirect: 'manual' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(p.bytes.length));
    expect(head.headers.get('x-checksum-sha256')).toBe(p.file.sha256);
    expect(await m.events(p.file.id)).toEqual([]);
  });

  it('R-DL-5: HEAD answers what the GET will get from the store: its ETag, Last-Modified and length, so If-Range and If-None-Match hold there', async () => {
    const [p] = await m.publish(PRODUCT, 'fi', [6 * MiB + 11]);
    if (!p) throw new Error('nothing published');
    const url = await linkTo(p.file.id);
    const head = await fetch(url, { method: 'HEAD', redirect: 'manual' });
    expect(head.status).toBe(200);
    const got = await fetch(url, { headers: { range: 'bytes=0-9' } });
    await got.arrayBuffer();
    expect(got.url.startsWith(publicStore.url)).toBe(true);
    // A multipart upload's ETag is the store's own (not the file's SHA-256, which the node would say).
    expect(head.headers.get('etag')).toBe(got.headers.get('etag'));
    expect(head.headers.get('etag')).not.toContain(p.file.sha256);
    expect(head.headers.get('last-modified')).toBe(got.headers.get('last-modified'));
    expect(head.headers.get('content-length')).toBe(String(p.bytes.length));
    expect(got.headers.get('content-range')).toBe(`bytes 0-9/${p.bytes.length}`);

    // The validator from HEAD resumes at the store: If-Range holds there, and a resume is a 206.
    const etag = head.headers.get('etag') ?? '';
    const from = 5 * MiB;
    const resumed = await fetch(url, { headers: { range: `bytes=${from}-`, 'if-range': etag } });
    expect(resumed.status).toBe(206);
    expect(Buffer.from(await resumed.arrayBuffer()).equals(p.bytes.subarray(from))).toBe(true);
    // HEAD judges conditions against the same validator; several ranges, sent by the node, carry it too.
    expect((await fetch(url, { method: 'HEAD', redirect: 'manual', headers: { 'if-none-match': etag } })).status).toBe(304);
    const stale = await fetch(url, {
      method: 'HEAD',
      redirect: 'manual',
      headers: { range: 'bytes=0-9', 'if-range': `"${p.file.sha256}"` },
    });
    expect(stale.status).toBe(200);
    const several = await fetch(url, { redirect: 'manual', headers: { range: 'bytes=0-9,6000000-6000009', 'if-range': etag } });
    expect(several.status).toBe(206);
    expect(several.headers.get('etag')).toBe(etag);
    await several.arrayBuffer();
  });

  it('R-DL-5: the presigned URL is short-lived (DOWNLOAD_REDIRECT_SECONDS) and the store refuses it once expired; a new request to the node signs a new one', async () => {
    const [p] = await m.publish(PRODUCT, 'nb', [32 * 1024]);
    if (!p) throw new Error('nothing published');
    const url = await linkTo(p.file.id);
    // Signed ten minutes ago by the node's clock: past its 120 seconds at the store, which keeps real time.
    shiftMs = -10 * 60_000;
    let old: Response;
    try {
      old = await fetch(url, { redirect: 'manual' });
    } finally {
      shiftMs = 0;
    }
    expect(old.status).toBe(302);
    const location = new URL(old.headers.get('location') ?? '');
    expect(location.searchParams.get('X-Amz-Expires')).toBe('120');
    const refused = await fetch(location);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/AccessDenied[\s\S]*Request has expired/);

    const fresh = await fetch(url);
    expect(fresh.status).toBe(200);
    expect(sha256(Buffer.from(await fresh.arrayBuffer()))).toBe(p.file.sha256);
  });

  it('R-SUP-1: other files go through the same store: a support attachment is kept in the bucket and read back from it', async () => {
    const store = await (openBlobStore(m.server.config) as LazyS3BlobStore).open();
    const listed = async () => ((await store.client.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).Contents ?? []).length;
    const before = await listed();
    const admin = await signIn(m.server.app, 'admin@contoso.example');
    const log = 'activation failed: 0xC004F074\n';
    const created = await m.server.as(admin).post('/support-requests', {
      topic: 'ACTIVATION',
      licensingId: null,
      subject: 'Activation fails',
      description: 'Activation fails on every machine since Monday.',
      attachments: [{ name: 'activation.log', mediaType: 'text/plain', contentBase64: Buffer.from(log).toString('base64') }],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(await listed()).toBe(before + 1);
    const detail = created.json();
    const file = await m.server.as(admin).get(`/support-requests/${detail.id}/attachments/${detail.attachments[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe(log);
  });

  it('R-DL-5: lsc download follows the redirect, resumes a .part with Range + If-Range from the store, and verifies the SHA-256', async () => {
    const published = await m.publish(PRODUCT, 'da', [6 * MiB + 1, 300 * 1024]);
    const [big, small] = published;
    if (!big || !small) throw new Error('nothing published');
    const dir = await mkdtemp(path.join(m.work, 's3-cli-'));
    // Half of the big file is already here from an earlier run, with the validator the store sent then.
    const first = await fetch(await linkTo(big.file.id), { headers: { range: 'bytes=0-0' } });
    const etag = first.headers.get('etag') ?? '';
    await first.arrayBuffer();
    expect(etag).toMatch(/^"/);
    const kept = 3 * MiB;
    const target = path.join(dir, big.file.name);
    await writeFile(`${target}.part`, big.bytes.subarray(0, kept));
    await writeFile(
      `${target}.part.json`,
      JSON.stringify({ version: 1, fileId: big.file.id, size: big.file.size, sha256: big.file.sha256, etag }),
    );

    const args = ['bin/lsc.mjs', 'download', PRODUCT, '--language', 'da', '--os', 'WINDOWS', '--dir', dir];
    const out = await run(process.execPath, args, {
      cwd: process.cwd(),
      env: { ...process.env, LSC_SERVER: m.server.url, LSC_TOKEN: m.adminToken },
    });
    expect(out.stdout).toMatch(/resuming at /);
    expect(out.stdout).toContain(`All 2 file(s) of ${PRODUCT}`);
    for (const p of published) expect((await readFile(path.join(dir, p.file.name))).equals(p.bytes)).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(published.map((p) => p.file.name).sort());
    expect((await m.events(big.file.id)).at(-1)).toEqual({ status: 206, range: `bytes=${kept}-`, method: 'MANAGER' });
    expect(await m.events(small.file.id)).toEqual([{ status: 200, range: null, method: 'MANAGER' }]);
  }, 120_000);
});
