import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ApiError, createApiClient, isUuid, pickByCode, resolveCredentials } from './api-client.js';
import { sha256OfFile } from './download/verify.js';
import { FORMATS } from './upload-formats.js';

export interface UploadFileOptions {
  /** The product code (or id) the file belongs to. */
  product: string;
  file: string;
  language: string;
  os: string;
  arch: string;
  format: string;
  /** The name it is published under; default the file's own name. */
  name?: string;
  server?: string;
  token?: string;
  fetch?: typeof fetch;
  env?: NodeJS.ProcessEnv;
  /** Told before each of the two long steps, so that a large file does not look stuck. */
  onStep?: (step: 'hashing' | 'uploading', bytes: number) => void;
}

export interface UploadedFile {
  id: string;
  productId: string;
  name: string;
  language: string;
  os: string;
  architecture: string;
  format: string;
  size: number;
  sha256: string;
  createdAt: string;
}

interface OperatorProduct {
  id: string;
  code: string;
  name: string;
}

async function operatorProduct(api: ReturnType<typeof createApiClient>, product: string): Promise<OperatorProduct> {
  if (isUuid(product)) return { id: product, code: product, name: product };
  const { items } = await api.json<{ items: OperatorProduct[] }>('GET', `/operator/products?${new URLSearchParams({ q: product })}`);
  const hit = pickByCode(items, product);
  if (!hit) throw new ApiError(404, 'NOT_FOUND', `The catalog has no product with the code ${product}.`);
  return hit;
}

/**
 * The publisher's upload of a download file: hashed here first, then streamed (never read into
 * memory) with its SHA-256 in X-Checksum-Sha256, so the server keeps nothing unless the bytes it
 * received are the ones hashed here.
 */
export async function uploadFile(o: UploadFileOptions): Promise<UploadedFile> {
  const format = o.format.toUpperCase();
  if (!(FORMATS as readonly string[]).includes(format)) throw new Error(`--format must be one of ${FORMATS.join(', ')}, not "${o.format}"`);
  const info = await stat(o.file).catch(() => null);
  if (!info?.isFile()) throw new Error(`${o.file} is not a file.`);
  if (info.size === 0) throw new Error(`${o.file} is empty.`);

  const api = createApiClient(resolveCredentials(o, o.env), o.fetch ?? fetch);
  const product = await operatorProduct(api, o.product);
  o.onStep?.('hashing', info.size);
  const sha256 = await sha256OfFile(o.file);
  o.onStep?.('uploading', info.size);
  const query = new URLSearchParams({ name: o.name ?? path.basename(o.file), language: o.language, os: o.os, arch: o.arch, format });
  const created = await api.send<UploadedFile>('POST', `/operator/products/${product.id}/files?${query}`, {
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(info.size), 'x-checksum-sha256': sha256 },
    body: Readable.toWeb(createReadStream(o.file)) as ReadableStream<Uint8Array>,
  });
  // The server checked X-Checksum-Sha256 already; this guards against a server that ignored it.
  if (created.sha256.toLowerCase() !== sha256) {
    throw new Error(`The server recorded SHA-256 ${created.sha256} for ${created.name}, but the local file's is ${sha256}.`);
  }
  return created;
}
