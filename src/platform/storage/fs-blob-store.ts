import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobChecksumMismatch, BlobNotFound, type BlobStore, BlobTooLarge, type ByteRange, type PutOptions } from './blob-store.js';

/** What a key may look like: generated here, so anything else is refused before it nears a path. */
const KEY = /^[a-z0-9][a-z0-9-]{15,95}$/;

export const isBlobKey = (key: string) => KEY.test(key);

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

  const pathOf = (key: string) => {
    if (!isBlobKey(key)) throw new BlobNotFound(key);
    return path.join(dir, key.slice(0, 2), key);
  };

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
      return handle.createReadStream({
        highWaterMark: readChunkBytes,
        ...(range ? { start: range.start, end: range.end } : {}),
      });
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
