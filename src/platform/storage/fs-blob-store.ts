import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { type FileHandle, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  BlobChecksumMismatch,
  BlobNotFound,
  type BlobStore,
  BlobTooLarge,
  type ByteRange,
  type PutOptions,
  type RecyclableReadable,
} from './blob-store.js';

/** What a key may look like: generated here, so anything else is refused before it nears a path. */
const KEY = /^[a-z0-9][a-z0-9-]{15,95}$/;

export const isBlobKey = (key: string) => KEY.test(key);

/** Where a key's file lies under the store's folder, '/'-separated: sharded by its first two characters. */
export function blobRelativePath(key: string): string {
  if (!isBlobKey(key)) throw new BlobNotFound(key);
  return `${key.slice(0, 2)}/${key}`;
}

/**
 * Read buffers of one size, shared by a store's streams, so that what one download gives back the
 * next reads into. fs streams allocate a new buffer per chunk, 8,192 for 2 GiB: V8 counts each as
 * external memory, and at that rate it answers with a full mark-compact every few dozen MiB,
 * which cost the download server more CPU than the copying itself (bench/downloads.ts).
 */
class BufferPool {
  readonly #free: Buffer[] = [];

  constructor(
    readonly bytes: number,
    /** Buffers kept while idle; more come back only under load, and are left to the collector. */
    private readonly keep: number,
  ) {}

  take(): Buffer {
    return this.#free.pop() ?? Buffer.allocUnsafeSlow(this.bytes);
  }

  give(buffer: Buffer): void {
    if (this.#free.length < this.keep) this.#free.push(buffer);
  }
}

/**
 * A file's bytes from `start` up to (not including) `end`, read into the pool's buffers. A
 * consumer that recycles each chunk once it has written it keeps a download at two or three
 * buffers from first byte to last; one that does not gets a new buffer per chunk, like any stream.
 */
class FileStream extends Readable implements RecyclableReadable {
  /**
   * The chunks out with the consumer, held weakly (one never given back is simply collected), and
   * by the chunk rather than its memory: a stale chunk whose memory was since lent again is no claim.
   */
  readonly #lent = new WeakSet<Uint8Array>();
  #position: number;

  constructor(
    private readonly handle: FileHandle,
    start: number,
    private readonly end: number,
    private readonly pool: BufferPool,
  ) {
    super({ highWaterMark: pool.bytes });
    this.#position = start;
  }

  override _read(): void {
    const length = Math.min(this.pool.bytes, this.end - this.#position);
    if (length <= 0) {
      this.push(null);
      return;
    }
    const buffer = this.pool.take();
    this.handle.read(buffer, 0, length, this.#position).then(
      ({ bytesRead }) => {
        // A file shorter than the range ends the stream early, as an fs stream does.
        if (this.destroyed || bytesRead === 0) {
          this.pool.give(buffer);
          if (!this.destroyed) this.push(null);
          return;
        }
        this.#position += bytesRead;
        const chunk = bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
        this.#lent.add(chunk);
        this.push(chunk);
      },
      (e: Error) => {
        this.pool.give(buffer);
        this.destroy(e);
      },
    );
  }

  recycle(chunk: Uint8Array): void {
    // Only chunks this stream lent out, and each once: a buffer in the pool twice would be read into twice.
    if (!this.#lent.delete(chunk)) return;
    this.pool.give(Buffer.from(chunk.buffer, 0, this.pool.bytes));
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    // close() waits for a read still under way, so no read lands in a closed (or reused) descriptor.
    this.handle.close().then(
      () => callback(error),
      (e: Error) => callback(error ?? e),
    );
  }
}

export interface FsBlobStoreOptions {
  /** Bytes read per chunk when streaming out: larger moves more per syscall, costs memory per download. */
  readChunkBytes?: number;
}

/**
 * Blobs as files under one folder, sharded by the key's first two characters so no folder grows
 * huge. An upload is written to `.incoming/` while it is hashed and moved into place only when it
 * is complete and its checksum is right, so a reader never sees half a file.
 */
export function createFsBlobStore(
  root: string,
  options: FsBlobStoreOptions = {},
): BlobStore & { root: string; pathOf(key: string): string } {
  const dir = path.resolve(root);
  const incoming = path.join(dir, '.incoming');
  const readChunkBytes = options.readChunkBytes ?? 256 * 1024;
  // After a burst of downloads, up to 32 buffers (8 MiB at the default size) stay for the next ones.
  const pool = new BufferPool(readChunkBytes, 32);

  const pathOf = (key: string) => path.join(dir, ...blobRelativePath(key).split('/'));

  return {
    root: dir,
    pathOf,

    async put(content: AsyncIterable<Uint8Array> | Readable, opts: PutOptions = {}) {
      await mkdir(incoming, { recursive: true });
      const key = randomBytes(16).toString('hex');
      const temp = path.join(incoming, `${key}.part`);
      const hash = createHash('sha256');
      let size = 0;
      try {
        await pipeline(
          content,
          async function* (source: AsyncIterable<Uint8Array>) {
            for await (const chunk of source) {
              size += chunk.length;
              if (opts.maxBytes !== undefined && size > opts.maxBytes) throw new BlobTooLarge(opts.maxBytes);
              hash.update(chunk);
              yield chunk;
            }
          },
          createWriteStream(temp, { flags: 'wx', flush: true }),
        );
        const sha256 = hash.digest('hex');
        if (opts.expectedSha256 !== undefined && opts.expectedSha256.toLowerCase() !== sha256) {
          throw new BlobChecksumMismatch(opts.expectedSha256.toLowerCase(), sha256);
        }
        const final = pathOf(key);
        await mkdir(path.dirname(final), { recursive: true });
        await rename(temp, final);
        return { key, size, sha256 };
      } catch (e) {
        await rm(temp, { force: true });
        throw e;
      }
    },

    async get(key: string, range?: ByteRange) {
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(pathOf(key), 'r');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFound(key);
        throw e;
      }
      return new FileStream(handle, range?.start ?? 0, range ? range.end + 1 : Number.POSITIVE_INFINITY, pool);
    },

    async stat(key: string) {
      try {
        const s = await stat(pathOf(key));
        return { size: s.size };
      } catch (e) {
        if (e instanceof BlobNotFound || (e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },

    async delete(key: string) {
      if (!isBlobKey(key)) return;
      await rm(pathOf(key), { force: true });
    },
  };
}
