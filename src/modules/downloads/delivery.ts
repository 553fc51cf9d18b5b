import type { Config } from '../../config.js';
import { type BlobStore, isRedirecting, type PresignedGet, type StoredObject } from '../../platform/storage/blob-store.js';
import { blobRelativePath } from '../../platform/storage/fs-blob-store.js';

/**
 * Who sends a download's bytes once the node has decided the request may have them:
 * - `stream`: the node itself, from the blob store (the default for local files);
 * - `redirect`: the object store, through a 302 to a presigned URL (FILE_STORE=s3://…);
 * - `accel`: nginx in front of the node, told by X-Accel-Redirect which internal path to send.
 * In the last two the bytes never pass through the node, and Range, If-Range and the other
 * conditions are answered by whoever sends them, with its own validators.
 */
export type Delivery =
  | { kind: 'stream' }
  | {
      kind: 'redirect';
      url(key: string, get: Omit<PresignedGet, 'expiresInSeconds'>): Promise<string>;
      /** The object as the store will send it: what the node answers HEAD with, so the client's next GET finds the same validators. */
      head(key: string): Promise<StoredObject | null>;
    }
  | { kind: 'accel'; location(key: string): string };

export function deliveryFor(config: Pick<Config, 'DOWNLOAD_REDIRECT_SECONDS' | 'DOWNLOAD_ACCEL_REDIRECT'>, blobs: BlobStore): Delivery {
  if (isRedirecting(blobs)) {
    return {
      kind: 'redirect',
      url: (key, get) => blobs.presignGet(key, { ...get, expiresInSeconds: config.DOWNLOAD_REDIRECT_SECONDS }),
      head: (key) => blobs.head(key),
    };
  }
  const prefix = config.DOWNLOAD_ACCEL_REDIRECT;
  if (prefix) return { kind: 'accel', location: (key) => `${prefix}${blobRelativePath(key)}` };
  return { kind: 'stream' };
}
