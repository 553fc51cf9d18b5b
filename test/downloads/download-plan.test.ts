import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickByCode, resolveCredentials } from '../../src/cli/api-client.js';
import {
  classifyResponse,
  type PartMeta,
  type PublishedFile,
  parseContentRange,
  planRequest,
  type RequestPlan,
  safeLocalName,
} from '../../src/cli/download/plan.js';
import { fitName, formatBytes, plainLine, tenthOf } from '../../src/cli/download/progress.js';
import { resumeCommand } from '../../src/cli/download/run-options.js';
import { DEFAULT_RETRY, retryDelay } from '../../src/platform/backoff.js';

const file: PublishedFile = { fileId: '0b0e5b5c-3a4c-4d0e-9a53-0f1a2b3c4d5e', name: 'a.iso', size: 1000, sha256: 'ab'.repeat(32) };
const meta: PartMeta = { version: 1, fileId: file.fileId, size: file.size, sha256: file.sha256, etag: `"${file.sha256}"` };
const resume = (offset: number): RequestPlan => ({
  kind: 'resume',
  offset,
  headers: { range: `bytes=${offset}-`, 'if-range': meta.etag },
});

describe('R-DL-5: what to ask for, from the .part file and its sidecar', () => {
  it('nothing kept: the whole file; some bytes of this very file: Range from their end with If-Range; all of them: only the check', () => {
    expect(planRequest({ bytes: 0, meta: null }, file)).toEqual({ kind: 'fresh', reason: 'nothing-yet' });
    expect(planRequest({ bytes: 0, meta }, file)).toEqual({ kind: 'fresh', reason: 'nothing-yet' });
    expect(planRequest({ bytes: 400, meta }, file)).toEqual(resume(400));
    expect(planRequest({ bytes: 1000, meta }, file)).toEqual({ kind: 'complete' });
  });

  it('bytes whose origin is unknown, or of another version of the file, are not resumed', () => {
    expect(planRequest({ bytes: 400, meta: null }, file)).toEqual({ kind: 'fresh', reason: 'unknown-part' });
    expect(planRequest({ bytes: 400, meta: { ...meta, etag: '' } }, file)).toEqual({ kind: 'fresh', reason: 'unknown-part' });
    for (const other of [{ sha256: 'cd'.repeat(32) }, { size: 999 }, { fileId: '1b0e5b5c-3a4c-4d0e-9a53-0f1a2b3c4d5e' }]) {
      expect(planRequest({ bytes: 400, meta: { ...meta, ...other } }, file)).toEqual({ kind: 'fresh', reason: 'published-file-changed' });
    }
    expect(planRequest({ bytes: 1001, meta }, file)).toEqual({ kind: 'fresh', reason: 'part-too-long' });
  });

  it('for any length kept below the size, the request asks for exactly the rest', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 40 }), (a, b) => {
        const size = Math.max(a, b) + 1;
        const kept = Math.min(a, b);
        const plan = planRequest({ bytes: kept, meta: { ...meta, size } }, { ...file, size });
        return plan.kind === 'resume' && plan.offset === kept && plan.headers.range === `bytes=${kept}-`;
      }),
    );
  });
});

describe('R-DL-5: what a response means for the bytes kept', () => {
  const ok = (status: number, extra: Record<string, string | undefined> = {}) => ({
    status,
    etag: meta.etag,
    checksum: file.sha256,
    ...extra,
  });

  it('206 with the range asked for appends; 200 to a ranged request (If-Range failed) starts from zero', () => {
    expect(classifyResponse(resume(400), ok(206, { contentRange: 'bytes 400-999/1000' }), file)).toEqual({
      kind: 'write',
      offset: 400,
      restarted: false,
      etag: meta.etag,
    });
    expect(classifyResponse(resume(400), ok(200), file)).toMatchObject({ kind: 'write', offset: 0, restarted: true });
    expect(classifyResponse({ kind: 'fresh', reason: 'nothing-yet' }, ok(200), file)).toMatchObject({ offset: 0, restarted: false });
  });

  it('a 206 that does not continue the bytes kept, or a 416, throws them away', () => {
    for (const contentRange of ['bytes 0-999/1000', 'bytes 400-998/1000', 'bytes 400-999/2000', 'garbage', undefined]) {
      expect(classifyResponse(resume(400), ok(206, { contentRange }), file).kind).toBe('start-over');
    }
    expect(classifyResponse({ kind: 'fresh', reason: 'nothing-yet' }, ok(206, { contentRange: 'bytes 0-999/1000' }), file).kind).toBe(
      'start-over',
    );
    expect(classifyResponse(resume(400), { status: 416 }, file).kind).toBe('start-over');
  });

  it('an expired link is renewed; 5xx, 408 and 429 are retried; other refusals are final and say why', () => {
    expect(classifyResponse(resume(1), { status: 403, problemCode: 'LINK_EXPIRED' }, file)).toEqual({ kind: 'renew-link' });
    for (const status of [500, 502, 503, 504, 408, 429]) expect(classifyResponse(resume(1), { status }, file).kind).toBe('retry');
    expect(
      classifyResponse(resume(1), { status: 403, problemCode: 'LINK_INVALID', problemMessage: 'This download link is not valid.' }, file),
    ).toEqual({
      kind: 'fatal',
      message: 'the server refused the download (403 LINK_INVALID): This download link is not valid.',
    });
    expect(classifyResponse(resume(1), { status: 404 }, file)).toEqual({ kind: 'fatal', message: 'the file is no longer published (404)' });
  });

  it('a response whose X-Checksum-Sha256 is not the linked file’s is never mixed into it', () => {
    const action = classifyResponse(resume(400), ok(206, { contentRange: 'bytes 400-999/1000', checksum: 'cd'.repeat(32) }), file);
    expect(action.kind).toBe('fatal');
    expect(
      classifyResponse(resume(400), ok(206, { contentRange: 'bytes 400-999/1000', checksum: file.sha256.toUpperCase() }), file).kind,
    ).toBe('write');
  });

  it('Content-Range is read strictly', () => {
    expect(parseContentRange('bytes 0-9/10')).toEqual({ first: 0, last: 9, size: 10 });
    for (const bad of ['bytes 9-0/10', 'bytes */10', 'bytes 0-9/*', 'items 0-9/10', '', null]) expect(parseContentRange(bad)).toBeNull();
  });
});

describe('R-DL-5: waits between retries', () => {
  it('double from the base up to the cap, spread over the upper half by the random draw', () => {
    const policy = { attempts: 9, baseDelayMs: 1000, maxDelayMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(n, policy, () => 1))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect([1, 2, 3].map((n) => retryDelay(n, policy, () => 0))).toEqual([500, 1000, 2000]);
    expect(DEFAULT_RETRY.attempts).toBeGreaterThan(1);
  });
});

describe('the download manager’s words and names', () => {
  it('refuses file names that could leave the folder or mean something to the filesystem', () => {
    for (const good of ['NW_Office_2024_x64.iso', 'Svenska (x64).exe', 'ä.iso']) expect(safeLocalName(good), good).toBe(true);
    for (const bad of ['', '.hidden', '../x.iso', 'a/b.iso', 'a\\b.iso', 'a\u0000.iso', 'a\n.iso', 'x'.repeat(256)]) {
      expect(safeLocalName(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('plain progress lines appear once per tenth, not per network read', () => {
    const last = new Map<string, number>();
    const lines = [0, 50, 99, 100, 150, 1000].map((bytes) => plainLine({ type: 'progress', file: 'a.iso', bytes, size: 1000 }, last));
    expect(lines).toEqual([null, null, null, 'a.iso: 10% (100 B of 1000 B)', null, 'a.iso: 100% (1000 B of 1000 B)']);
    expect(tenthOf(5, 0)).toBe(10);
    expect(fitName('NW_Office_ProPlus_2024_English_x64.iso', 20)).toBe('NW_Office_…h_x64.iso');
    expect(fitName('a.iso', 8)).toBe('a.iso   ');
    expect([0, 1023, 1024, 1536, 5 * 1024 ** 3].map(formatBytes)).toEqual(['0 B', '1023 B', '1.0 KiB', '1.5 KiB', '5.0 GiB']);
  });

  it('the resume hint repeats the command without the token, quoting what a shell would split', () => {
    expect(resumeCommand('OFF-PP-2024', { language: 'sv', os: 'WINDOWS', server: undefined, dir: '/tmp/my files' })).toBe(
      "lsc download OFF-PP-2024 --language sv --os WINDOWS --dir '/tmp/my files'",
    );
  });

  it('a product code picks the exact match among search hits; the credentials come from options, else the environment', () => {
    const hits = [{ code: 'OFF-PP-2024-LTSC' }, { code: 'OFF-PP-2024' }];
    expect(pickByCode(hits, 'OFF-PP-2024')).toEqual({ code: 'OFF-PP-2024' });
    expect(pickByCode(hits, 'off-pp-2024')).toEqual({ code: 'OFF-PP-2024' });
    expect(pickByCode(hits, 'OFF-PP')).toBeUndefined();
    expect(resolveCredentials({}, { LSC_TOKEN: 'lsc_x', LSC_SERVER: 'https://lsc.example/' })).toEqual({
      server: 'https://lsc.example',
      token: 'lsc_x',
    });
    expect(resolveCredentials({ token: 'lsc_y' }, { LSC_SERVER: '' })).toEqual({ server: 'http://localhost:3000', token: 'lsc_y' });
    expect(() => resolveCredentials({}, {})).toThrow(/LSC_TOKEN/);
    expect(() => resolveCredentials({ server: 'ftp://x', token: 'lsc_x' }, {})).toThrow(/not an http/);
  });
});
