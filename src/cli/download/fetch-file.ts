import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { type RetryPolicy, retryDelay, type Sleep } from '../../platform/backoff.js';
import { ApiError } from '../api-client.js';
import type { DownloadListener } from './events.js';
import { discardPart, readPartState, writePartMeta } from './part-file.js';
import { classifyResponse, type FreshReason, type PublishedFile, partPath, planRequest, type ResponseFacts } from './plan.js';

export interface SignedLink extends PublishedFile {
  url: string;
  expiresAt: Date;
}

/** The user paused (Ctrl-C): what arrived stays in the .part file. */
export class DownloadPaused extends Error {
  constructor() {
    super('paused');
    this.name = 'DownloadPaused';
  }
}

/** This file cannot be downloaded now; retrying would not help. */
export class FileDownloadFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileDownloadFailed';
  }
}

/** A failure worth another attempt (a dropped connection, a 5xx, a stalled transfer). */
class Retryable extends Error {}

export interface FetchFileDeps {
  fetch: typeof fetch;
  sleep: Sleep;
  random: () => number;
  retry: RetryPolicy;
  /** An attempt that receives nothing for this long is treated like a dropped connection. */
  stallTimeoutMs: number;
  signal: AbortSignal;
  /** A valid link for the file, once `expired` was refused as expired. */
  renewLink(expired: SignedLink): Promise<SignedLink>;
  emit: DownloadListener;
}

/** More renewals than this without a byte in between means links are born expired (a clock far off): give up. */
const RENEWALS_WITHOUT_PROGRESS = 3;

const FRESH_REASONS: Record<Exclude<FreshReason, 'nothing-yet'>, string> = {
  'unknown-part': 'the .part file has no readable record of which file it belongs to',
  'published-file-changed': 'the published file changed since the bytes kept were downloaded',
  'part-too-long': 'the .part file is longer than the published file',
};

/** Why a request or a body failed, in words: undici hides the socket's error in `cause`. */
function describeFailure(e: unknown): string {
  const err = e as { message?: string; cause?: { code?: string; message?: string } };
  const cause = err.cause?.code ?? err.cause?.message;
  if (err.message === 'terminated' || err.message === 'fetch failed') return `the connection was lost${cause ? ` (${cause})` : ''}`;
  return err.message ?? String(e);
}

/**
 * A failure of the .part file itself (no space, no permission): retrying cannot help. The
 * network's errors arrive wrapped by fetch, so a bare system call error is the disk's.
 */
const DISK_CALLS = new Set(['open', 'write', 'close', 'fsync', 'ftruncate']);
const isDiskError = (e: unknown) => DISK_CALLS.has(String((e as NodeJS.ErrnoException | null)?.syscall));

async function factsOf(res: Response): Promise<ResponseFacts> {
  const facts: ResponseFacts = {
    status: res.status,
    contentRange: res.headers.get('content-range'),
    etag: res.headers.get('etag'),
    checksum: res.headers.get('x-checksum-sha256'),
  };
  if (res.status >= 400 && (res.headers.get('content-type') ?? '').includes('json')) {
    try {
      const p = (await res.json()) as { code?: unknown; detail?: unknown; title?: unknown };
      if (typeof p.code === 'string') facts.problemCode = p.code;
      const message = typeof p.detail === 'string' ? p.detail : p.title;
      if (typeof message === 'string') facts.problemMessage = message;
    } catch {
      // A problem without a readable body is judged by its status alone.
    }
  }
  return facts;
}

/**
 * R-DL-5: brings `finalPath`.part up to the whole published file. Each attempt asks for what is
 * missing (Range + If-Range), appends it, and on a dropped connection, a 5xx or a stall waits and
 * asks again from the bytes written; an expired link is swapped for a new one. The SHA-256 check
 * is the caller's, after this returns.
 */
export async function fetchToPart(initial: SignedLink, finalPath: string, deps: FetchFileDeps): Promise<void> {
  const { signal, emit } = deps;
  let link = initial;
  let failures = 0;
  let renewals = 0;
  let announced = false;
  let restartAnnounced = false;

  for (;;) {
    if (signal.aborted) throw new DownloadPaused();
    const part = await readPartState(finalPath);
    const plan = planRequest(part, link);
    if (plan.kind === 'complete') return;
    if (!announced) {
      emit({ type: 'start', file: link.name, size: link.size, offset: plan.kind === 'resume' ? plan.offset : 0 });
      announced = true;
    }
    if (plan.kind === 'fresh' && plan.reason !== 'nothing-yet' && !restartAnnounced) {
      emit({ type: 'restart', file: link.name, reason: FRESH_REASONS[plan.reason] });
      restartAnnounced = true;
    }

    const attempt = new AbortController();
    const attemptSignal = AbortSignal.any([signal, attempt.signal]);
    let stall: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(stall);
      stall = setTimeout(() => attempt.abort(new Retryable(`no data arrived for ${deps.stallTimeoutMs / 1000} s`)), deps.stallTimeoutMs);
    };
    let received = 0;
    try {
      arm();
      const res = await deps.fetch(link.url, { headers: plan.kind === 'resume' ? plan.headers : {}, signal: attemptSignal });
      const action = classifyResponse(plan, await factsOf(res), link);
      if (action.kind !== 'write') await res.body?.cancel().catch(() => {});
      if (action.kind === 'renew-link') {
        renewals += 1;
        if (renewals > RENEWALS_WITHOUT_PROGRESS) {
          throw new FileDownloadFailed('the server keeps answering that new links have expired; check this computer’s clock');
        }
        try {
          link = await deps.renewLink(link);
        } catch (e) {
          // The API refusing (a revoked token, a role taken away) is final; not reaching it is worth a retry.
          if (e instanceof ApiError && e.status >= 400 && e.status < 500)
            throw new FileDownloadFailed(`new links were refused: ${e.message}`);
          throw e;
        }
        emit({ type: 'links-renewed', file: link.name });
        continue;
      }
      if (action.kind === 'fatal') throw new FileDownloadFailed(action.message);
      if (action.kind === 'retry') throw new Retryable(action.reason);
      if (action.kind === 'start-over') {
        await discardPart(finalPath);
        throw new Retryable(action.reason);
      }

      if (!res.body) throw new Retryable('the response had no body');
      if (action.restarted) emit({ type: 'restart', file: link.name, reason: 'the file changed on the server (If-Range did not match)' });
      if (action.offset === 0) {
        // Only a strong ETag identifies the bytes well enough to resume with; without one a later run starts over.
        if (action.etag && !action.etag.startsWith('W/')) {
          await writePartMeta(finalPath, { version: 1, fileId: link.fileId, size: link.size, sha256: link.sha256, etag: action.etag });
        } else {
          await discardPart(finalPath);
        }
      }
      const counted = new Transform({
        transform(chunk: Buffer, _enc, done) {
          received += chunk.length;
          arm();
          emit({ type: 'progress', file: link.name, bytes: action.offset + received, size: link.size });
          done(null, chunk);
        },
      });
      const out = createWriteStream(partPath(finalPath), { flags: action.offset === 0 ? 'w' : 'a' });
      try {
        await pipeline(Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>), counted, out, { signal: attemptSignal });
      } finally {
        // A write still in flight would land after the next attempt measured the .part: wait for the file to be closed.
        if (!out.closed) await once(out, 'close').catch(() => {});
      }
      const have = action.offset + received;
      if (have < link.size) throw new Retryable(`the connection closed after ${have} of ${link.size} bytes`);
      return;
    } catch (e) {
      if (signal.aborted) throw new DownloadPaused();
      if (e instanceof FileDownloadFailed) throw e;
      if (isDiskError(e)) throw new FileDownloadFailed(`could not write ${partPath(finalPath)}: ${(e as Error).message}`);
      const reason = attempt.signal.aborted ? describeFailure(attempt.signal.reason) : describeFailure(e);
      if (received > 0) {
        failures = 0;
        renewals = 0;
      }
      failures += 1;
      if (failures >= deps.retry.attempts) {
        throw new FileDownloadFailed(`gave up after ${failures} failed attempt(s) in a row; the last: ${reason}`);
      }
      const delayMs = retryDelay(failures, deps.retry, deps.random);
      emit({ type: 'retry', file: link.name, failure: failures, attempts: deps.retry.attempts, delayMs, reason });
      try {
        await deps.sleep(delayMs, signal);
      } catch {
        throw new DownloadPaused();
      }
    } finally {
      clearTimeout(stall);
    }
  }
}
