import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRecyclable, type RecyclableReadable } from '../../src/platform/storage/blob-store.js';
import { createFsBlobStore } from '../../src/platform/storage/fs-blob-store.js';

/** Every chunk of the stream, copied before it is handed back, with the memory each chunk lived in. */
async function drain(stream: RecyclableReadable, giveBack: (chunk: Buffer, i: number) => void) {
  const copies: Buffer[] = [];
  const memory: ArrayBufferLike[] = [];
  let i = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    copies.push(Buffer.from(chunk));
    memory.push(chunk.buffer);
    giveBack(chunk, i++);
  }
  return { bytes: Buffer.concat(copies), memory: new Set(memory) };
}

describe('filesystem blob store: read buffers handed back are read into again', () => {
  const CHUNK = 1024;
  const content = randomBytes(40 * CHUNK + 123);
  let root: string;
  let store: ReturnType<typeof createFsBlobStore>;
  let key: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'lsc-recycle-'));
    store = createFsBlobStore(root, { readChunkBytes: CHUNK });
    key = (await store.put(Readable.from([content]))).key;
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('a consumer that recycles every chunk gets the same bytes from a handful of buffers', async () => {
    const stream = await store.get(key);
    if (!isRecyclable(stream)) throw new Error('the filesystem store lends recyclable chunks');
    const { bytes, memory } = await drain(stream, (chunk) => stream.recycle(chunk));
    expect(bytes.equals(content)).toBe(true);
    expect(memory.size).toBeLessThanOrEqual(4);
  });

  it('a range, recycled, is exactly the range; the short last chunk comes back too', async () => {
    const range = { start: 3 * CHUNK + 7, end: 11 * CHUNK + 500 };
    const stream = await store.get(key, range);
    if (!isRecyclable(stream)) throw new Error('the filesystem store lends recyclable chunks');
    const { bytes } = await drain(stream, (chunk) => stream.recycle(chunk));
    expect(bytes.equals(content.subarray(range.start, range.end + 1))).toBe(true);
  });

  it('chunks kept (never recycled) are never overwritten', async () => {
    const stream = await store.get(key);
    if (!isRecyclable(stream)) throw new Error('the filesystem store lends recyclable chunks');
    const kept: Buffer[] = [];
    for await (const chunk of stream as AsyncIterable<Buffer>) kept.push(chunk);
    expect(Buffer.concat(kept).equals(content)).toBe(true);
  });

  it('a chunk recycled twice, or one the stream did not lend, does not make two reads share a buffer', async () => {
    const stream = await store.get(key);
    if (!isRecyclable(stream)) throw new Error('the filesystem store lends recyclable chunks');
    const kept: Buffer[] = [];
    let first: Buffer | undefined;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      first ??= chunk;
      stream.recycle(Buffer.alloc(CHUNK)); // not the stream's own
      stream.recycle(first); // the first chunk, again and again: only its first return counts
      stream.recycle(first);
      if (chunk !== first) kept.push(chunk); // the others are kept and must keep their bytes
    }
    const rest = Buffer.concat(kept);
    expect(rest.equals(content.subarray(CHUNK))).toBe(true);
  });
});
