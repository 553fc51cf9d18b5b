import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  BlobChecksumMismatch,
  BlobNotFound,
  BlobTooLarge,
  type ByteRange,
  type PresignedGet,
  type PutOptions,
  type RedirectingBlobStore,
  type StoredObject,
} from './blob-store.js';
import { isBlobKey } from './fs-blob-store.js';
import type { S3Location } from './s3-location.js';

export type S3BlobStore = RedirectingBlobStore & { client: S3Client; objectKey(key: string): string };

export interface S3BlobStoreOptions extends S3Location {
  endpoint?: string | undefined;
  /**
   * The store's address as browsers and download clients reach it, when it differs from
   * `endpoint` (the nodes' internal name): only presigned URLs carry it.
   */
  publicEndpoint?: string | undefined;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
  forcePathStyle: boolean;
  /** Bytes per part of a multipart upload; at least 5 MiB, S3's smallest. */
  partBytes: number;
}

/** S3 accepts at most this many parts in one upload: a part size too small for the largest allowed file is raised. */
const MAX_PARTS = 10_000;
const MiB = 1024 * 1024;

const isMissing = (e: unknown) =>
  e instanceof S3ServiceException && (e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata.httpStatusCode === 404);

/**
 * Blobs as objects in an S3-compatible store. An upload streams through a SHA-256 in parts of
 * `partBytes` (lib-storage's multipart upload, four parts in flight); the size limit and the
 * expected checksum are checked before the last part is handed over, so a refused upload is
 * aborted and never becomes an object. Reads are ranged GETs; downloads can skip the node
 * altogether through `presignGet`.
 */
export function createS3BlobStore(
  options: S3BlobStoreOptions,
): RedirectingBlobStore & { client: S3Client; objectKey(key: string): string } {
  const clientFor = (endpoint: string | undefined) =>
    new S3Client({
      region: options.region,
      ...(endpoint ? { endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      forcePathStyle: options.forcePathStyle,
      // The SDK's default CRC checksums (and aws-chunked bodies) are not spoken by every S3-compatible
      // store; integrity is ours anyway: the SHA-256 of every upload is computed and checked here.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  const client = clientFor(options.endpoint);
  // SigV4 signs the Host a URL names, so a URL for the public address must be signed for it: a
  // client of its own, which only ever presigns (local arithmetic) and never opens a connection.
  const presigner = options.publicEndpoint ? clientFor(options.publicEndpoint) : client;
  const Bucket = options.bucket;
  const objectKey = (key: string) => {
    if (!isBlobKey(key)) throw new BlobNotFound(key);
    return `${options.prefix}${key}`;
  };

  async function head(key: string): Promise<StoredObject | null> {
    try {
      const out = await client.send(new HeadObjectCommand({ Bucket, Key: objectKey(key) }));
      return { size: out.ContentLength ?? 0, etag: out.ETag ?? '""', lastModified: out.LastModified ?? new Date(0) };
    } catch (e) {
      if (e instanceof BlobNotFound || isMissing(e)) return null;
      throw e;
    }
  }

  return {
    client,
    objectKey,

    async put(content: AsyncIterable<Uint8Array> | Readable, opts: PutOptions = {}) {
      const key = randomBytes(16).toString('hex');
      const hash = createHash('sha256');
      let size = 0;
      let sha256 = '';
      let refused: Error | undefined;
      const refuse = (e: Error) => {
        refused = e;
        return e;
      };
      // Throwing from here fails the upload before its last part is sent, so nothing is completed.
      async function* checked() {
        for await (const chunk of content as AsyncIterable<Uint8Array>) {
          size += chunk.length;
          if (opts.maxBytes !== undefined && size > opts.maxBytes) throw refuse(new BlobTooLarge(opts.maxBytes));
          hash.update(chunk);
          yield chunk;
        }
        sha256 = hash.digest('hex');
        if (opts.expectedSha256 !== undefined && opts.expectedSha256.toLowerCase() !== sha256) {
          throw refuse(new BlobChecksumMismatch(opts.expectedSha256.toLowerCase(), sha256));
        }
      }
      const partSize = Math.max(options.partBytes, opts.maxBytes ? Math.ceil(opts.maxBytes / MAX_PARTS / MiB) * MiB : 0);
      const body = Readable.from(checked(), { objectMode: false });
      const upload = new Upload({
        client,
        params: { Bucket, Key: objectKey(key), Body: body },
        partSize,
        queueSize: 4,
        leavePartsOnError: false,
      });
      try {
        await upload.done();
      } catch (e) {
        body.destroy();
        // The refusal is what the caller must hear, not whatever aborting the upload then ran into.
        throw refused ?? e;
      }
      return { key, size, sha256 };
    },

    async get(key: string, range?: ByteRange) {
      try {
        const out = await client.send(
          new GetObjectCommand({ Bucket, Key: objectKey(key), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
        );
        if (!(out.Body instanceof Readable)) throw new Error('the S3 client returned no Node.js stream');
        return out.Body;
      } catch (e) {
        if (isMissing(e)) throw new BlobNotFound(key);
        throw e;
      }
    },

    async stat(key: string) {
      const object = await head(key);
      return object && { size: object.size };
    },

    head,

    async delete(key: string) {
      if (!isBlobKey(key)) return;
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) }));
    },

    async presignGet(key: string, get: PresignedGet) {
      const command = new GetObjectCommand({
        Bucket,
        Key: objectKey(key),
        // The store answers with the file's name and type as the node would, so browsers save it right.
        ResponseContentDisposition: get.contentDisposition,
        ResponseContentType: get.contentType,
      });
      return getSignedUrl(presigner, command, {
        expiresIn: get.expiresInSeconds,
        ...(get.signedAt ? { signingDate: get.signedAt } : {}),
      });
    },
  };
}
