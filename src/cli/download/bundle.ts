import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_RETRY, type RetryPolicy, type Sleep, sleep } from '../../platform/backoff.js';
import { createApiClient, resolveCredentials } from '../api-client.js';
import type { DownloadEvent, DownloadListener } from './events.js';
import { DownloadPaused, FileDownloadFailed, fetchToPart, type SignedLink } from './fetch-file.js';
import { findDownloadableProduct, type ProductRef, requestBundleLinks } from './links.js';
import { discardPart, fileSize, promotePart, readPartState } from './part-file.js';
import { DEFAULT_PARALLEL, partPath, safeLocalName } from './plan.js';
import { sha256OfFile } from './verify.js';

export const DEFAULT_STALL_TIMEOUT_MS = 30_000;

export interface DownloadBundleOptions {
  /** The product code (OFF-PP-2024) or id. */
  product: string;
  language: string;
  os: string;
  /** Default LSC_SERVER, else http://localhost:3000. */
  server?: string;
  /** Default LSC_TOKEN. */
  token?: string;
  /** Default the current directory. */
  dir?: string;
  /** How many files are fetched at once. */
  parallel?: number;
  retry?: Partial<RetryPolicy>;
  stallTimeoutMs?: number;
  /** Aborting pauses: transfers stop, .part files stay, the result says "paused". */
  signal?: AbortSignal;
  onEvent?: DownloadListener;
  fetch?: typeof fetch;
  sleep?: Sleep;
  random?: () => number;
  env?: NodeJS.ProcessEnv;
}

export type FileStatus = 'downloaded' | 'already-there' | 'failed' | 'paused';

export interface FileOutcome {
  name: string;
  size: number;
  sha256: string;
  path: string;
  status: FileStatus;
  message?: string;
}

export interface BundleResult {
  status: 'complete' | 'paused' | 'failed';
  product: ProductRef;
  dir: string;
  files: FileOutcome[];
}

function checkNames(links: SignedLink[]): void {
  const unsafe = links.filter((l) => !safeLocalName(l.name)).map((l) => JSON.stringify(l.name));
  if (unsafe.length) throw new Error(`The server sent file names that are not safe to save: ${unsafe.join(', ')}. Nothing was downloaded.`);
  const twice = [...new Set(links.map((l) => l.name).filter((name, i, all) => all.indexOf(name) !== i))];
  if (twice.length)
    throw new Error(`Several files of the bundle are named ${twice.join(', ')}: they would overwrite each other in one folder.`);
}

/**
 * R-DL-5: the bundle of a product for a language and operating system, every file fetched at the
 * same time (up to `parallel`), each resumable, retried and checked against its published SHA-256.
 * Problems that concern the whole bundle (the token, the product, no such bundle) throw; a file's
 * failure is reported in its outcome and the others go on.
 */
export async function downloadBundle(options: DownloadBundleOptions): Promise<BundleResult> {
  const credentials = resolveCredentials(options, options.env);
  const fetchImpl = options.fetch ?? fetch;
  const api = createApiClient(credentials, fetchImpl);
  const signal = options.signal ?? new AbortController().signal;
  const emit = (e: DownloadEvent) => options.onEvent?.(e);
  const dir = path.resolve(options.dir ?? '.');
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const parallel = Math.max(1, Math.floor(options.parallel ?? DEFAULT_PARALLEL));

  const product = await findDownloadableProduct(api, options.product);
  const links = await requestBundleLinks(api, product, options.language, options.os);
  checkNames(links);
  await mkdir(dir, { recursive: true });
  emit({ type: 'bundle', product, dir, files: links.map((l) => ({ name: l.name, size: l.size })) });

  // One request renews the links of every file: files whose links expired together wait for the same answer.
  let current = new Map(links.map((l) => [l.fileId, l]));
  let renewing: Promise<void> | null = null;
  async function renewLink(expired: SignedLink): Promise<SignedLink> {
    if (current.get(expired.fileId)?.url === expired.url) {
      renewing ??= requestBundleLinks(api, product, options.language, options.os)
        .then((fresh) => {
          current = new Map(fresh.map((l) => [l.fileId, l]));
        })
        .finally(() => {
          renewing = null;
        });
      await renewing;
    }
    const renewed = current.get(expired.fileId);
    if (!renewed) throw new FileDownloadFailed('the file is no longer part of the bundle');
    return renewed;
  }

  const deps = {
    fetch: fetchImpl,
    sleep: options.sleep ?? sleep,
    random: options.random ?? Math.random,
    retry,
    stallTimeoutMs: options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS,
    signal,
    renewLink,
    emit,
  };

  async function one(link: SignedLink): Promise<FileOutcome> {
    const finalPath = path.join(dir, link.name);
    const outcome = (status: FileStatus, message?: string): FileOutcome => ({
      name: link.name,
      size: link.size,
      sha256: link.sha256,
      path: finalPath,
      status,
      ...(message ? { message } : {}),
    });
    try {
      // A finished earlier run left the file itself: it counts once its bytes are the published ones.
      if ((await fileSize(finalPath)) === link.size && (await sha256OfFile(finalPath, signal)) === link.sha256) {
        await discardPart(finalPath);
        emit({ type: 'done', file: link.name, sha256: link.sha256, alreadyThere: true });
        return outcome('already-there');
      }
      await fetchToPart(link, finalPath, deps);
      emit({ type: 'verifying', file: link.name });
      const actual = await sha256OfFile(partPath(finalPath), signal);
      if (actual !== link.sha256) {
        await discardPart(finalPath);
        const message = `its SHA-256 is ${actual}, not the published ${link.sha256}; the damaged copy was deleted. Run the command again to download it anew.`;
        emit({ type: 'failed', file: link.name, message });
        return outcome('failed', message);
      }
      await promotePart(finalPath);
      emit({ type: 'done', file: link.name, sha256: actual, alreadyThere: false });
      return outcome('downloaded');
    } catch (e) {
      if (e instanceof DownloadPaused || signal.aborted) {
        const { bytes } = await readPartState(finalPath);
        emit({ type: 'paused', file: link.name, bytes, size: link.size });
        return outcome('paused');
      }
      const message = e instanceof Error ? e.message : String(e);
      emit({ type: 'failed', file: link.name, message });
      return outcome('failed', message);
    }
  }

  const results: FileOutcome[] = new Array(links.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < links.length; i = next++) {
      const link = links[i] as SignedLink;
      results[i] = await one(link);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, links.length) }, worker));

  const status = results.some((r) => r.status === 'paused') ? 'paused' : results.some((r) => r.status === 'failed') ? 'failed' : 'complete';
  return { status, product, dir, files: results };
}
