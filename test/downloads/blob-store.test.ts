import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobChecksumMismatch, BlobNotFound, BlobTooLarge } from '../../src/platform/storage/blob-store.js';
import { createFsBlobStore } from '../../src/platform/storage/fs-blob-store.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('filesystem blob store', () => {
  let root: string;
  let store: ReturnType<typeof createFsBlobStore>;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'lsc-blobs-'));
    store = createFsBlobStore(root, { readChunkBytes: 4 });
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  const files = async () => (await readdir(root, { recursive: true, withFileTypes: true })).filter((d) => d.isFile()).map((d) => d.name);

  it('stores a stream under a generated key with its size and SHA-256, and reads it back whole or by range', async () => {
    const content = 'the quick brown fox jumps over the lazy dog';
    const stored = await store.put(Readable.from([Buffer.from(content.slice(0, 10)), Buffer.from(content.slice(10))]));
    expect(stored).toEqual({ key: expect.stringMatching(/^[0-9a-f]{32}$/), size: content.length, sha256: sha(content) });
    expect(await text(await store.get(stored.key))).toBe(content);
    expect(await text(await store.get(stored.key, { start: 4, end: 8 }))).toBe('quick');
    expect(await store.stat(stored.key)).toEqual({ size: content.length });
    await store.delete(stored.key);
    expect(await store.stat(stored.key)).toBeNull();
    await expect(store.get(stored.key)).rejects.toBeInstanceOf(BlobNotFound);
    await store.delete(stored.key); // idempotent
  });

  it('a wrong announced checksum or too large content keeps nothing', async () => {
    const before = await files();
    await expect(store.put(Readable.from([Buffer.from('abc')]), { expectedSha256: sha('abd') })).rejects.toBeInstanceOf(
      BlobChecksumMismatch,
    );
    await expect(store.put(Readable.from([Buffer.from('abcdef')]), { maxBytes: 5 })).rejects.toBeInstanceOf(BlobTooLarge);
    expect(await files()).toEqual(before);
    const ok = await store.put(Readable.from([Buffer.from('abc')]), { expectedSha256: sha('abc').toUpperCase() });
    expect(ok.sha256).toBe(sha('abc'));
  });

  it('keys are never paths: anything not shaped like a generated key finds nothing and deletes nothing', async () => {
    for (const key of ['../../etc/passwd', '/etc/passwd', 'ab/../../x', '.incoming/x', '', 'A'.repeat(32), `${'a'.repeat(30)}/.`]) {
      await expect(store.get(key), key).rejects.toBeInstanceOf(BlobNotFound);
      expect(await store.stat(key)).toBeNull();
      await store.delete(key);
    }
  });
});
