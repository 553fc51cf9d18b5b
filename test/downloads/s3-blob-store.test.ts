import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { BlobChecksumMismatch, BlobNotFound, BlobTooLarge } from '../../src/platform/storage/blob-store.js';
import { type LazyS3BlobStore, openBlobStore } from '../../src/platform/storage/index.js';
import type { S3BlobStore } from '../../src/platform/storage/s3-blob-store.js';
import { parseS3Url } from '../../src/platform/storage/s3-location.js';
import { startS3Server } from '../helpers/s3-server.js';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const MiB = 1024 * 1024;

describe('S3 blob store (FILE_STORE=s3://…) against an S3-compatible server', () => {
  let s3: Awaited<ReturnType<typeof startS3Server>>;
  let store: S3BlobStore;
  const sent: string[] = [];

  beforeAll(async () => {
    s3 = await startS3Server();
    const env = s3.env('blobs/test');
    store = await (openBlobStore(loadConfig({ ...env, S3_PART_MIB: '5' })) as LazyS3BlobStore).open();
    store.client.middlewareStack.add(
      (next, context) => (args) => {
        sent.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize' },
    );
  });
  afterAll(() => s3?.close());

  const objects = async () => ((await store.client.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).Contents ?? []).map((o) => o.Key);

  it('s3:// URLs name a bucket and an optional prefix', () => {
    expect(parseS3Url('s3://files')).toEqual({ bucket: 'files', prefix: '' });
    expect(parseS3Url('s3://files/lsc/prod/')).toEqual({ bucket: 'files', prefix: 'lsc/prod/' });
    expect(() => loadConfig({ FILE_STORE: 'files' })).toThrow(/s3:\/\/bucket/);
    expect(() => loadConfig({ FILE_STORE: 's3://files', S3_ACCESS_KEY_ID: 'only-one' })).toThrow(/set both or neither/);
    expect(() => loadConfig({ FILE_STORE: 's3://files', DOWNLOAD_ACCEL_REDIRECT: '/protected/' })).toThrow(/DOWNLOAD_ACCEL_REDIRECT/);
  });

  it('a file larger than a part goes up as a multipart upload, hashed on the way, under the prefix; read back whole or by range', async () => {
    const bytes = randomBytes(12 * MiB + 5);
    sent.length = 0;
    // Chunks of an odd size, as a socket delivers them: the parts are cut by the store, not by the caller.
    const chunks = Array.from({ length: Math.ceil(bytes.length / 777_777) }, (_, i) => bytes.subarray(i * 777_777, (i + 1) * 777_777));
    const stored = await store.put(Readable.from(chunks), { expectedSha256: sha(bytes) });
    expect(stored).toEqual({ key: expect.stringMatching(/^[0-9a-f]{32}$/), size: bytes.length, sha256: sha(bytes) });
    expect(sent.filter((c) => c === 'UploadPartCommand')).toHaveLength(3);
    expect(sent).toContain('CreateMultipartUploadCommand');
    expect(sent).toContain('CompleteMultipartUploadCommand');
    expect(await objects()).toContain(`blobs/test/${stored.key}`);
    const whole: Buffer[] = [];
    for await (const c of await store.get(stored.key)) whole.push(c as Buffer);
    expect(Buffer.concat(whole).equals(bytes)).toBe(true);
    expect(await text(await store.get(stored.key, { start: 6 * MiB, end: 6 * MiB + 9 }))).toBe(
      bytes.subarray(6 * MiB, 6 * MiB + 10).toString(),
    );
    expect(await store.stat(stored.key)).toEqual({ size: bytes.length });
    await store.delete(stored.key);
    expect(await store.stat(stored.key)).toBeNull();
    await expect(store.get(stored.key)).rejects.toBeInstanceOf(BlobNotFound);
    await store.delete(stored.key); // idempotent
  });

  it('a wrong announced checksum or too large content is refused and no object is completed', async () => {
    const before = await objects();
    const big = randomBytes(11 * MiB);
    await expect(store.put(Readable.from([big]), { expectedSha256: sha('other') })).rejects.toBeInstanceOf(BlobChecksumMismatch);
    await expect(store.put(Readable.from([Buffer.from('abc')]), { expectedSha256: sha('abd') })).rejects.toBeInstanceOf(
      BlobChecksumMismatch,
    );
    await expect(store.put(Readable.from([big]), { maxBytes: 6 * MiB })).rejects.toBeInstanceOf(BlobTooLarge);
    expect(await objects()).toEqual(before);
  });

  it('keys are never object names of the caller’s choosing: anything not shaped like a generated key finds nothing', async () => {
    for (const key of ['../etc/passwd', 'a/b', '', 'x'.repeat(300)]) {
      await expect(store.get(key)).rejects.toBeInstanceOf(BlobNotFound);
      expect(await store.stat(key)).toBeNull();
      await store.delete(key);
    }
  });

  it('a presigned GET is answered by the store itself, with the file’s name and type, and honours Range', async () => {
    const stored = await store.put(Readable.from([Buffer.from('0123456789')]));
    const url = await store.presignGet(stored.key, {
      expiresInSeconds: 60,
      contentDisposition: 'attachment; filename="a.iso"',
      contentType: 'application/x-iso9660-image',
    });
    expect(url.startsWith(`${s3.endpoint}/${s3.bucket}/blobs/test/${stored.key}?`)).toBe(true);
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('60');
    const res = await fetch(url, { headers: { range: 'bytes=4-' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="a.iso"');
    expect(res.headers.get('content-type')).toBe('application/x-iso9660-image');
    expect(await res.text()).toBe('456789');
  });
});
