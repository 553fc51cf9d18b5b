import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { deliveryFor } from '../../src/modules/downloads/delivery.js';
import { createFsBlobStore } from '../../src/platform/storage/fs-blob-store.js';
import { type LazyS3BlobStore, openBlobStore } from '../../src/platform/storage/index.js';

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

  it('R-DL-5: with S3_PUBLIC_ENDPOINT the presigned URL names the store’s public address, signed for that host, while the nodes keep S3_ENDPOINT', async () => {
    const config = loadConfig({
      FILE_STORE: 's3://lsc-files',
      S3_ENDPOINT: 'http://s3.internal:9000',
      S3_PUBLIC_ENDPOINT: 'https://files.example.com',
      S3_ACCESS_KEY_ID: randomBytes(8).toString('hex'),
      S3_SECRET_ACCESS_KEY: randomBytes(20).toString('hex'),
      S3_FORCE_PATH_STYLE: 'true',
    });
    const blobs = openBlobStore(config) as LazyS3BlobStore;
    const delivery = deliveryFor(config, blobs);
    if (delivery.kind !== 'redirect') throw new Error(`expected a redirect, got ${delivery.kind}`);
    const signedAt = new Date('2026-03-01T10:00:00Z');
    const url = new URL(await delivery.url(KEY, { contentDisposition: 'attachment', contentType: 'application/zip', signedAt }));
    expect(`${url.origin}${url.pathname}`).toBe(`https://files.example.com/lsc-files/${KEY}`);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20260301T100000Z');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    // Everything else the node sends to the store goes to the internal address.
    expect(await (await blobs.open()).client.config.endpoint?.()).toMatchObject({ hostname: 's3.internal', port: 9000 });
    expect(() => loadConfig({ S3_PUBLIC_ENDPOINT: 'files.example.com' })).toThrow(/S3_PUBLIC_ENDPOINT/);
  });
});
