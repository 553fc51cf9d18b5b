import path from 'node:path';
import type { Config } from '../../config.js';
import type { BlobStore } from './blob-store.js';
import { createFsBlobStore } from './fs-blob-store.js';
import { createS3BlobStore, parseS3Url } from './s3-blob-store.js';

export * from './blob-store.js';

type StoreConfig = Pick<
  Config,
  | 'DATA_DIR'
  | 'FILE_STORE_DIR'
  | 'FILE_STORE'
  | 'S3_ENDPOINT'
  | 'S3_REGION'
  | 'S3_ACCESS_KEY_ID'
  | 'S3_SECRET_ACCESS_KEY'
  | 'S3_FORCE_PATH_STYLE'
  | 'S3_PART_MIB'
>;

/** One store per configuration: the modules each ask for it, and an S3 client keeps a connection pool worth sharing. */
const opened = new WeakMap<object, BlobStore>();

/** The configured store: an S3-compatible bucket (FILE_STORE=s3://…), else a folder (FILE_STORE_DIR, default DATA_DIR/files). */
export function openBlobStore(config: StoreConfig): BlobStore {
  const known = opened.get(config);
  if (known) return known;
  const store = config.FILE_STORE
    ? createS3BlobStore({
        ...parseS3Url(config.FILE_STORE),
        endpoint: config.S3_ENDPOINT,
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
