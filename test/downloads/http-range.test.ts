import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attachmentDisposition,
  coalesce,
  ifRangeHolds,
  MAX_RANGES,
  multipartLayout,
  parseRangeSpecs,
  resolveRanges,
  selectResponse,
  strongEtag,
} from '../../src/modules/downloads/http-range.js';

const etag = strongEtag('a'.repeat(64));
const lastModified = new Date('2025-03-01T10:00:00Z');
const rep = (size: number) => ({ size, etag, lastModified });
const get = (range?: string, more: Partial<{ ifRange: string; ifNoneMatch: string; ifModifiedSince: string }> = {}) =>
  selectResponse({ method: 'GET', ...(range === undefined ? {} : { range }), ...more }, rep(1000));

describe('Range requests (RFC 9110 §14), pure', () => {
  it('R-DL-5: bytes=a-b, a- and -n select the right bytes; last-pos past the end is clamped', () => {
    expect(get('bytes=0-99')).toEqual({ status: 206, ranges: [{ start: 0, end: 99 }] });
    expect(get('bytes=500-')).toEqual({ status: 206, ranges: [{ start: 500, end: 999 }] });
    expect(get('bytes=-100')).toEqual({ status: 206, ranges: [{ start: 900, end: 999 }] });
    expect(get('bytes=-5000')).toEqual({ status: 206, ranges: [{ start: 0, end: 999 }] });
    expect(get('bytes=990-5000')).toEqual({ status: 206, ranges: [{ start: 990, end: 999 }] });
    expect(get('bytes=999-999')).toEqual({ status: 206, ranges: [{ start: 999, end: 999 }] });
    expect(get('Bytes = 0-0')).toEqual({ status: 206, ranges: [{ start: 0, end: 0 }] });
    expect(get('bytes=0-99999999999999999999999')).toEqual({ status: 206, ranges: [{ start: 0, end: 999 }] });
  });

  it('R-DL-5: a range starting at or past the end is unsatisfiable: 416', () => {
    expect(get('bytes=1000-')).toEqual({ status: 416 });
    expect(get('bytes=1000-2000')).toEqual({ status: 416 });
    expect(get('bytes=-0')).toEqual({ status: 416 });
    expect(get('bytes=5000-6000, 7000-')).toEqual({ status: 416 });
    expect(selectResponse({ method: 'GET', range: 'bytes=0-' }, rep(0))).toEqual({ status: 416 });
  });

  it('R-DL-5: malformed ranges and other units are ignored (the whole file, 200)', () => {
    for (const h of [
      'bytes=abc',
      'bytes=5-1',
      'bytes=',
      'items=0-5',
      'bytes 0-5',
      'bytes=0-5-6',
      'bytes=--5',
      'bytes=1.5-2',
      'bytes=+1-2',
      'bytes=-',
    ]) {
      expect(get(h), h).toEqual({ status: 200 });
    }
  });

  it('R-DL-5: several ranges are kept in order; overlapping and adjacent ones are merged', () => {
    expect(get('bytes=0-9, 500-509')).toEqual({
      status: 206,
      ranges: [
        { start: 0, end: 9 },
        { start: 500, end: 509 },
      ],
    });
    expect(get('bytes=0-9,5-20,21-30')).toEqual({ status: 206, ranges: [{ start: 0, end: 30 }] });
    // one satisfiable among unsatisfiable ones is served
    expect(get('bytes=5000-, 10-19')).toEqual({ status: 206, ranges: [{ start: 10, end: 19 }] });
  });

  it('R-DL-5: more than MAX_RANGES ranges are ignored rather than served piecemeal', () => {
    const many = Array.from({ length: MAX_RANGES + 1 }, (_, i) => `${i * 20}-${i * 20 + 1}`).join(',');
    expect(get(`bytes=${many}`)).toEqual({ status: 200 });
  });

  it('R-DL-5: If-Range with the current strong ETag applies the range; a stale, weak or odd validator sends the whole file', () => {
    expect(get('bytes=10-', { ifRange: etag })).toEqual({ status: 206, ranges: [{ start: 10, end: 999 }] });
    expect(get('bytes=10-', { ifRange: strongEtag('b'.repeat(64)) })).toEqual({ status: 200 });
    expect(get('bytes=10-', { ifRange: `W/${etag}` })).toEqual({ status: 200 });
    expect(get('bytes=10-', { ifRange: 'yesterday' })).toEqual({ status: 200 });
    expect(get('bytes=10-', { ifRange: lastModified.toUTCString() })).toEqual({ status: 206, ranges: [{ start: 10, end: 999 }] });
    expect(ifRangeHolds(new Date(lastModified.getTime() + 1000).toUTCString(), etag, lastModified)).toBe(false);
  });

  it('If-None-Match with the ETag (weakly compared) and If-Modified-Since answer 304', () => {
    expect(get(undefined, { ifNoneMatch: etag })).toEqual({ status: 304 });
    expect(get(undefined, { ifNoneMatch: `"x", W/${etag}` })).toEqual({ status: 304 });
    expect(get(undefined, { ifNoneMatch: '"other"' })).toEqual({ status: 200 });
    expect(get(undefined, { ifModifiedSince: lastModified.toUTCString() })).toEqual({ status: 304 });
    expect(get(undefined, { ifModifiedSince: new Date(lastModified.getTime() - 1000).toUTCString() })).toEqual({ status: 200 });
  });

  it('R-DL-5: every satisfiable range lies within the file and covers exactly the bytes asked for (property)', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(20_000), fc.option(fc.nat(20_000)), (size, first, lastOpt) => {
        const last = lastOpt ?? null;
        const specs = parseRangeSpecs(`bytes=${first}-${last ?? ''}`);
        if (last !== null && last < first) {
          expect(specs).toBeNull();
          return;
        }
        const ranges = resolveRanges(specs ?? [], size);
        if (first >= size) expect(ranges).toEqual([]);
        else expect(ranges).toEqual([{ start: first, end: Math.min(last ?? size - 1, size - 1) }]);
      }),
    );
  });

  it('coalescing never loses a byte and leaves no overlap (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(5000), fc.nat(300)), { minLength: 1, maxLength: 20 }), (pairs) => {
        const ranges = pairs.map(([s, l]) => ({ start: s, end: s + l }));
        const merged = coalesce(ranges);
        for (const r of ranges) expect(merged.some((m) => m.start <= r.start && m.end >= r.end)).toBe(true);
        for (let i = 1; i < merged.length; i++) expect((merged[i]?.start ?? 0) > (merged[i - 1]?.end ?? 0) + 1).toBe(true);
      }),
    );
  });

  it('a multipart/byteranges body announces its exact length', () => {
    const layout = multipartLayout(
      [
        { start: 0, end: 9 },
        { start: 100, end: 119 },
      ],
      1000,
      'application/x-iso9660-image',
      'b0undary',
    );
    const body = `${layout.parts.map((p) => p.head + 'x'.repeat(p.range.end - p.range.start + 1)).join('')}${layout.tail}`;
    expect(layout.contentLength).toBe(Buffer.byteLength(body));
    expect(layout.parts[1]?.head).toContain('Content-Range: bytes 100-119/1000');
    expect(layout.contentType).toBe('multipart/byteranges; boundary=b0undary');
  });

  it('Content-Disposition never lets a quote, backslash or control character through, and keeps the exact name in UTF-8', () => {
    const d = attachmentDisposition('Office "2024" \\ svenska åäö.iso');
    expect(d).toBe(
      `attachment; filename="Office _2024_ _ svenska ___.iso"; filename*=UTF-8''Office%20%222024%22%20%5C%20svenska%20%C3%A5%C3%A4%C3%B6.iso`,
    );
    expect(attachmentDisposition('a\r\nSet-Cookie: x.iso')).not.toMatch(/[\r\n]/);
  });
});
