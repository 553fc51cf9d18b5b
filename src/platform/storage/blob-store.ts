import type { Readable } from 'node:stream';

/** A byte range, both ends inclusive, as HTTP names it. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoredBlob {
  key: string;
  size: number;
  /** Lower-case hex. */
  sha256: string;
}

export interface PutOptions {
  /** Refuse (and keep nothing) when the content is larger. */
  maxBytes?: number;
  /** Refuse (and keep nothing) when the content's SHA-256 differs: a client-announced checksum. */
  expectedSha256?: string;
}

/**
 * Where download files live. Keys are opaque ids the store generates; nothing a user sends ever
 * becomes part of a path or object name. The filesystem store is the default; the S3-compatible
 * store implements the same four calls (put = multipart upload while hashing, get = ranged GET).
 */
export interface BlobStore {
  put(content: AsyncIterable<Uint8Array> | Readable, options?: PutOptions): Promise<StoredBlob>;
  /** The content, or the inclusive range of it; rejects with BlobNotFound when the key has nothing. May be a RecyclableReadable. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  stat(key: string): Promise<{ size: number } | null>;
  /** Idempotent: deleting what is not there succeeds. */
  delete(key: string): Promise<void>;
}

/** What a presigned GET carries besides the object: how long it is valid and the headers the store answers with. */
export interface PresignedGet {
  expiresInSeconds: number;
  /** When the URL's validity starts: the caller's clock (default: now), so a test can sign one in the past. */
  signedAt?: Date | undefined;
  contentDisposition: string;
  contentType: string;
}

/**
 * A store that clients can fetch from directly (S3): a short-lived URL, the authorization in its
 * signature, that Range requests may be sent to. The node then only decides who may download.
 */
export interface RedirectingBlobStore extends BlobStore {
  presignGet(key: string, get: PresignedGet): Promise<string>;
  /** The object as the store describes it to whoever fetches it: its length and its own validators; null when missing. */
  head(key: string): Promise<StoredObject | null>;
}

/** What a store answers about an object: a client that fetches it there sees this length, ETag and Last-Modified. */
export interface StoredObject {
  size: number;
  /** Quoted, as sent in the ETag header. */
  etag: string;
  lastModified: Date;
}

export const isRedirecting = (store: BlobStore): store is RedirectingBlobStore =>
  typeof (store as Partial<RedirectingBlobStore>).presignGet === 'function';

/**
 * A blob's content whose chunks a consumer may hand back once it is done with them (written to a
 * socket, say): the store then reads the next bytes into them rather than into new buffers. A
 * consumer that never hands anything back simply gets a new buffer per chunk, as from any stream.
 */
export interface RecyclableReadable extends Readable {
  /** `chunk`, as this stream emitted it, is no longer used by anyone; a chunk it did not emit, or one given back twice, is ignored. */
  recycle(chunk: Uint8Array): void;
}

export const isRecyclable = (stream: Readable): stream is RecyclableReadable =>
  typeof (stream as Partial<RecyclableReadable>).recycle === 'function';

export class BlobNotFound extends Error {
  constructor(readonly key: string) {
    super(`No blob under ${key}`);
    this.name = 'BlobNotFound';
  }
}

export class BlobTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`The content is larger than ${maxBytes} bytes`);
    this.name = 'BlobTooLarge';
  }
}

export class BlobChecksumMismatch extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`SHA-256 ${actual} does not match the expected ${expected}`);
    this.name = 'BlobChecksumMismatch';
  }
}
