import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { deliveryFor } from '../../src/modules/downloads/delivery.js';
import { createFsBlobStore } from '../../src/platform/storage/fs-blob-store.js';
import { openBlobStore } from '../../src/platform/storage/index.js';

const KEY = '0123456789abcdef0123456789abcdef';

describe('who sends a download’s bytes (issue 17)', () => {
  it('R-DL-5: local files are streamed by the node unless DOWNLOAD_ACCEL_REDIRECT hands them to nginx, by their path under the folder', () => {
    const folder = createFsBlobStore('/nonexistent-lsc-files');
    expect(deliveryFor(loadConfig({}), folder)).toEqual({ kind: 'stream' });
    const accel = deliveryFor(loadConfig({ DOWNLOAD_ACCEL_REDIRECT: '/protected-files/' }), folder);
    expect(accel.kind === 'accel' && accel.location(KEY)).toBe(`/protected-files/01/${KEY}`);
    expect(() => accel.kind === 'accel' && accel.location('../../etc/passwd')).toThrow();
    expect(() => loadConfig({ DOWNLOAD_ACCEL_REDIRECT: 'protected' })).toThrow(/\/protected-files\//);
  });

  it('R-DL-5: files in object storage are redirected to a presigned URL valid DOWNLOAD_REDIRECT_SECONDS', async () => {
    const config = loadConfig({
      FILE_STORE: 's3://lsc-files/prod',
      S3_ENDPOINT: 'http://127.0.0.1:9',
      S3_ACCESS_KEY_ID: randomBytes(8).toString('hex'),
      S3_SECRET_ACCESS_KEY: randomBytes(20).toString('hex'),
      S3_FORCE_PATH_STYLE: 'true',
      DOWNLOAD_REDIRECT_SECONDS: '90',
    });
    const delivery = deliveryFor(config, openBlobStore(config));
    if (delivery.kind !== 'redirect') throw new Error(`expected a redirect, got ${delivery.kind}`);
    // Presigning is local arithmetic: nothing needs to listen at the endpoint.
    const url = new URL(await delivery.url(KEY, { contentDisposition: 'attachment; filename="a.iso"', contentType: 'application/zip' }));
    expect(`${url.origin}${url.pathname}`).toBe(`http://127.0.0.1:9/lsc-files/prod/${KEY}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('90');
    expect(url.searchParams.get('response-content-disposition')).toBe('attachment; filename="a.iso"');
    expect(url.searchParams.get('response-content-type')).toBe('application/zip');
  });
});
