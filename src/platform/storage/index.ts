import path from 'node:path';
import type { Config } from '../../config.js';
import type { BlobStore, RedirectingBlobStore } from './blob-store.js';
import { createFsBlobStore } from './fs-blob-store.js';
import type { S3BlobStore, S3BlobStoreOptions } from './s3-blob-store.js';
import { parseS3Url } from './s3-location.js';

export * from './blob-store.js';

type StoreConfig = Pick<
  Config,
  | 'DATA_DIR'
  | 'FILE_STORE_DIR'
  | 'FILE_STORE'
  | 'S3_ENDPOINT'
  | 'S3_PUBLIC_ENDPOINT'
  | 'S3_REGION'
  | 'S3_ACCESS_KEY_ID'
  | 'S3_SECRET_ACCESS_KEY'
  | 'S3_FORCE_PATH_STYLE'
  | 'S3_PART_MIB'
>;

/** The S3 store, its SDK loaded on first use. */
export type LazyS3BlobStore = RedirectingBlobStore & { open(): Promise<S3BlobStore> };

/**
 * The AWS SDK takes a few hundred milliseconds to load: a node whose files are local never pays
 * for it, one with FILE_STORE=s3://… pays on its first file operation.
 */
function lazyS3BlobStore(options: S3BlobStoreOptions): LazyS3BlobStore {
  let store: Promise<S3BlobStore> | undefined;
  const open = () => {
    store ??= import('./s3-blob-store.js').then((m) => m.createS3BlobStore(options));
    return store;
  };
  return {
    open,
    put: async (content, opts) => (await open()).put(content, opts),
    get: async (key, range) => (await open()).get(key, range),
    stat: async (key) => (await open()).stat(key),
    delete: async (key) => (await open()).delete(key),
    presignGet: async (key, get) => (await open()).presignGet(key, get),
    head: async (key) => (await open()).head(key),
  };
}

/** One store per configuration: the modules each ask for it, and an S3 client keeps a connection pool worth sharing. */
const opened = new WeakMap<object, BlobStore>();

/** The configured store: an S3-compatible bucket (FILE_STORE=s3://…), else a folder (FILE_STORE_DIR, default DATA_DIR/files). */
export function openBlobStore(config: StoreConfig): BlobStore {
  const known = opened.get(config);
  if (known) return known;
  const store = config.FILE_STORE
    ? lazyS3BlobStore({
        ...parseS3Url(config.FILE_STORE),
        endpoint: config.S3_ENDPOINT,
        publicEndpoint: config.S3_PUBLIC_ENDPOINT,
        region: config.S3_REGION,
        credentials:
          config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
            ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
            : undefined,
        forcePathStyle: config.S3_FORCE_PATH_STYLE,
        partBytes: config.S3_PART_MIB * 1024 * 1024,
      })
    : createFsBlobStore(config.FILE_STORE_DIR ?? path.join(config.DATA_DIR, 'files'));
  opened.set(config, store);
  return store;
}
