import path from 'node:path';
import type { Config } from '../../config.js';
import type { BlobStore } from './blob-store.js';
import { createFsBlobStore } from './fs-blob-store.js';

export * from './blob-store.js';

/** The configured store: a folder (FILE_STORE_DIR, default DATA_DIR/files). S3-compatible storage plugs in here. */
export function openBlobStore(config: Pick<Config, 'DATA_DIR' | 'FILE_STORE_DIR'>): BlobStore {
  return createFsBlobStore(config.FILE_STORE_DIR ?? path.join(config.DATA_DIR, 'files'));
}
