import type { ByteRange } from '../../platform/storage/blob-store.js';

/**
 * Range requests (RFC 9110 §14, §13.1.5), as pure functions: what to answer for a file of `size`
 * bytes given the request's Range, If-Range and conditional headers. The route only streams what
 * these decide.
 */

/** More ranges than this in one request are ignored (a 200 with the whole file): the RFC allows it, and it stops small-range floods. */
export const MAX_RANGES = 32;
/** Ranges closer than this are merged: a multipart part's headers cost about as much. */
const COALESCE_GAP = 80;

type RangeSpec = { kind: 'span'; first: number; last: number | null } | { kind: 'suffix'; length: number };

const DIGITS = /^\d+$/;

/** Decimal digits as a number; beyond 2^53 it is clamped (a last-pos that big simply means "to the end"). */
const toNumber = (digits: string) => {
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : Number.MAX_SAFE_INTEGER;
};

/** The range-specs of a `bytes=` header, or null when the header is malformed or in another unit (then it is ignored). */
export function parseRangeSpecs(header: string): RangeSpec[] | null {
  const eq = header.indexOf('=');
  if (eq < 0) return null;
  if (header.slice(0, eq).trim().toLowerCase() !== 'bytes') return null;
  const specs: RangeSpec[] = [];
  for (const raw of header.slice(eq + 1).split(',')) {
    const part = raw.trim();
    if (part === '') continue; // "bytes=0-1, ,5-6": empty list elements are allowed (RFC 9110 §5.6.1)
    const dash = part.indexOf('-');
    if (dash < 0) return null;
    const a = part.slice(0, dash).trim();
    const b = part.slice(dash + 1).trim();
    if (a === '') {
      if (!DIGITS.test(b)) return null;
      specs.push({ kind: 'suffix', length: toNumber(b) });
    } else {
      if (!DIGITS.test(a) || (b !== '' && !DIGITS.test(b))) return null;
      const first = toNumber(a);
      const last = b === '' ? null : toNumber(b);
      if (last !== null && last < first) return null; // invalid range-spec: the whole field is ignored
      specs.push({ kind: 'span', first, last });
    }
  }
  return specs.length ? specs : null;
}

/** The satisfiable ranges of the specs for a representation of `size` bytes, in order, clamped to the end. */
export function resolveRanges(specs: RangeSpec[], size: number): ByteRange[] {
  const out: ByteRange[] = [];
  for (const s of specs) {
    if (s.kind === 'suffix') {
      if (s.length === 0 || size === 0) continue;
      out.push({ start: Math.max(0, size - s.length), end: size - 1 });
    } else {
      if (s.first >= size) continue;
      out.push({ start: s.first, end: s.last === null ? size - 1 : Math.min(s.last, size - 1) });
    }
  }
  return out;
}

/** Overlapping, adjacent and nearly adjacent ranges merged, ascending (RFC 9110 §14.6 allows it). */
export function coalesce(ranges: ByteRange[]): ByteRange[] {
  const sorted = [...ranges].sort((x, y) => x.start - y.start);
  const merged: ByteRange[] = [];
  for (const r of sorted) {
    const prev = merged[merged.length - 1];
    if (prev && r.start <= prev.end + 1 + COALESCE_GAP) prev.end = Math.max(prev.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

export const strongEtag = (sha256Hex: string) => `"${sha256Hex}"`;

/** HTTP-dates have whole seconds. */
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * If-Range (RFC 9110 §13.1.5): the range applies only when the validator names the current
 * representation: an entity tag compared strongly (a weak tag never matches), or a date equal to
 * Last-Modified.
 */
export function ifRangeHolds(ifRange: string, etag: string, lastModified: Date): boolean {
  const v = ifRange.trim();
  if (v.startsWith('"') || v.startsWith('W/')) return v === etag;
  const at = Date.parse(v);
  return !Number.isNaN(at) && Math.floor(at / 1000) === seconds(lastModified);
}

/** If-None-Match (weak comparison, RFC 9110 §13.1.2): true when the client's copy is current. */
export function noneMatchHits(ifNoneMatch: string, etag: string): boolean {
  const v = ifNoneMatch.trim();
  if (v === '*') return true;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  return v.split(',').some((t) => opaque(t) === opaque(etag));
}

export interface RequestValidators {
  method: 'GET' | 'HEAD';
  range?: string;
  ifRange?: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
}

export interface Representation {
  size: number;
  etag: string;
  lastModified: Date;
}

export type Selection = { status: 200 } | { status: 206; ranges: ByteRange[] } | { status: 304 } | { status: 416 };

/** What to answer: the whole file, some ranges of it, "not modified", or "range not satisfiable". */
export function selectResponse(req: RequestValidators, rep: Representation): Selection {
  if (req.ifNoneMatch !== undefined) {
    if (noneMatchHits(req.ifNoneMatch, rep.etag)) return { status: 304 };
  } else if (req.ifModifiedSince !== undefined) {
    const since = Date.parse(req.ifModifiedSince);
    if (!Number.isNaN(since) && seconds(rep.lastModified) <= Math.floor(since / 1000)) return { status: 304 };
  }
  if (req.range === undefined) return { status: 200 };
  if (req.ifRange !== undefined && !ifRangeHolds(req.ifRange, rep.etag, rep.lastModified)) return { status: 200 };
  const specs = parseRangeSpecs(req.range);
  if (!specs || specs.length > MAX_RANGES) return { status: 200 };
  const ranges = resolveRanges(specs, rep.size);
  if (ranges.length === 0) return { status: 416 };
  return { status: 206, ranges: coalesce(ranges) };
}

export const contentRange = (r: ByteRange, size: number) => `bytes ${r.start}-${r.end}/${size}`;
export const unsatisfiedRange = (size: number) => `bytes */${size}`;

export interface MultipartLayout {
  contentType: string;
  /** Each part: its header block (sent before the bytes) and its range. */
  parts: { head: string; range: ByteRange }[];
  tail: string;
  contentLength: number;
}

/** A multipart/byteranges body (RFC 9110 §14.6): its parts' headers and its exact length, computed before a byte is sent. */
export function multipartLayout(ranges: ByteRange[], size: number, partType: string, boundary: string): MultipartLayout {
  const parts = ranges.map((range, i) => ({
    head: `${i === 0 ? '' : '\r\n'}--${boundary}\r\nContent-Type: ${partType}\r\nContent-Range: ${contentRange(range, size)}\r\n\r\n`,
    range,
  }));
  const tail = `\r\n--${boundary}--\r\n`;
  const contentLength =
    parts.reduce((n, p) => n + Buffer.byteLength(p.head) + (p.range.end - p.range.start + 1), 0) + Buffer.byteLength(tail);
  return { contentType: `multipart/byteranges; boundary=${boundary}`, parts, tail, contentLength };
}

/**
 * Content-Disposition for a download (RFC 6266): an ASCII fallback name and the exact name in
 * UTF-8. Names were checked on upload; this still never lets a quote, backslash or control
 * character through.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
