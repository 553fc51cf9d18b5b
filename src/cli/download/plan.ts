/**
 * R-DL-5, as pure functions: from what is on disk and what the server publishes, which request to
 * make, and what a response means for the bytes already written. fetch-file.ts only carries out
 * what these decide, so every branch is tested without a network.
 */

/** How many files of a bundle are downloaded at once unless `--parallel` says otherwise. */
export const DEFAULT_PARALLEL = 3;

/** One file of the bundle as the links describe it. */
export interface PublishedFile {
  fileId: string;
  name: string;
  size: number;
  sha256: string;
}

/** The sidecar beside a .part file: which published file its bytes belong to, and the validator to resume with. */
export interface PartMeta {
  version: 1;
  fileId: string;
  size: number;
  sha256: string;
  /** The strong ETag of the response the first bytes came from; sent as If-Range. */
  etag: string;
}

/** What is on disk: the .part file's length (0 when there is none) and its sidecar, if readable. */
export interface PartState {
  bytes: number;
  meta: PartMeta | null;
}

export type RequestPlan =
  /** The .part holds every byte: only the SHA-256 check is left. */
  | { kind: 'complete' }
  | { kind: 'fresh'; reason: FreshReason }
  | { kind: 'resume'; offset: number; headers: { range: string; 'if-range': string } };

export type FreshReason = 'nothing-yet' | 'unknown-part' | 'published-file-changed' | 'part-too-long';

export function planRequest(part: PartState, file: PublishedFile): RequestPlan {
  if (part.bytes === 0) return { kind: 'fresh', reason: 'nothing-yet' };
  const m = part.meta;
  // Without a sidecar (or with one from an older tool) nothing says whose bytes these are.
  if (m?.version !== 1 || !m.etag) return { kind: 'fresh', reason: 'unknown-part' };
  if (m.fileId !== file.fileId || m.sha256 !== file.sha256 || m.size !== file.size) {
    return { kind: 'fresh', reason: 'published-file-changed' };
  }
  if (part.bytes > file.size) return { kind: 'fresh', reason: 'part-too-long' };
  if (part.bytes === file.size) return { kind: 'complete' };
  return { kind: 'resume', offset: part.bytes, headers: { range: `bytes=${part.bytes}-`, 'if-range': m.etag } };
}

/** The response headers the decision needs, lower-cased names. */
export interface ResponseFacts {
  status: number;
  contentRange?: string | null;
  etag?: string | null;
  checksum?: string | null;
  /** The problem's `code`, when the body was application/problem+json. */
  problemCode?: string | undefined;
  problemMessage?: string | undefined;
}

export type ResponseAction =
  /** Write the body from `offset`: 0 truncates whatever the .part held. */
  | { kind: 'write'; offset: number; restarted: boolean; etag: string | null }
  /** Throw the .part away and ask again without a range (the server's answer does not fit the bytes kept). */
  | { kind: 'start-over'; reason: string }
  /** The signed link expired: ask the API for new links, then try again. */
  | { kind: 'renew-link' }
  | { kind: 'retry'; reason: string }
  | { kind: 'fatal'; message: string };

/** `bytes first-last/size` of a 206; null when malformed or not a single range. */
export function parseContentRange(header: string | null | undefined): { first: number; last: number; size: number } | null {
  const m = /^\s*bytes\s+(\d+)-(\d+)\/(\d+)\s*$/i.exec(header ?? '');
  if (!m) return null;
  const [first, last, size] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last) || !Number.isSafeInteger(size) || last < first) return null;
  return { first, last, size };
}

export function classifyResponse(plan: RequestPlan, r: ResponseFacts, file: PublishedFile): ResponseAction {
  if (r.status === 200 || r.status === 206) {
    // The link was made for one published file; a server now sending another must not be mixed into it.
    if (r.checksum && r.checksum.toLowerCase() !== file.sha256.toLowerCase()) {
      return {
        kind: 'fatal',
        message: `the server now publishes SHA-256 ${r.checksum.toLowerCase()} for this file, not ${file.sha256}; run the command again to download the current file`,
      };
    }
  }
  if (r.status === 200) {
    // A 200 to a ranged request means If-Range did not hold: the file changed, start from zero (RFC 9110 §13.1.5).
    return { kind: 'write', offset: 0, restarted: plan.kind === 'resume', etag: r.etag ?? null };
  }
  if (r.status === 206) {
    if (plan.kind !== 'resume') return { kind: 'start-over', reason: 'the server sent part of the file when the whole was asked for' };
    const range = parseContentRange(r.contentRange);
    if (!range || range.first !== plan.offset || range.size !== file.size || range.last !== file.size - 1) {
      return { kind: 'start-over', reason: `the server sent ${r.contentRange ?? 'no Content-Range'}, not bytes ${plan.offset}-` };
    }
    return { kind: 'write', offset: plan.offset, restarted: false, etag: r.etag ?? null };
  }
  if (r.status === 416) return { kind: 'start-over', reason: 'the bytes kept reach past the end of the published file' };
  if (r.status === 403 && r.problemCode === 'LINK_EXPIRED') return { kind: 'renew-link' };
  if (r.status === 408 || r.status === 429 || r.status >= 500) return { kind: 'retry', reason: `the server answered ${r.status}` };
  if (r.status === 404) return { kind: 'fatal', message: 'the file is no longer published (404)' };
  const why = r.problemMessage ? `: ${r.problemMessage}` : '';
  return { kind: 'fatal', message: `the server refused the download (${r.status}${r.problemCode ? ` ${r.problemCode}` : ''})${why}` };
}

/**
 * A name the server sent is used as a file name only when it cannot leave DIR or mean anything
 * special to a filesystem. The server checks names on upload; the client does not rely on it.
 */
export function safeLocalName(name: string): boolean {
  if (name.length === 0 || name.length > 255) return false;
  if (name.startsWith('.') || name.includes('/') || name.includes('\\')) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  return !/[\u0000-\u001f\u007f]/.test(name);
}

/** Where a file's bytes go while they arrive, and its sidecar. */
export const partPath = (finalPath: string) => `${finalPath}.part`;
export const metaPath = (finalPath: string) => `${finalPath}.part.json`;
