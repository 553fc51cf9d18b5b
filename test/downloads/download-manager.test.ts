import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BundleResult, downloadBundle } from '../../src/cli/download/bundle.js';
import type { DownloadEvent } from '../../src/cli/download/events.js';
import { fixedClock } from '../../src/platform/clock.js';
import { maxOverlap } from '../helpers/tcp-proxy.js';
import { filesOf } from './helpers.js';
import { type ManagerServer, sha256, startManagerServer } from './manager-helpers.js';

const PRODUCT = 'SRV-DC-2022';
const KiB = 1024;

describe('the download manager (downloadBundle) against a real server', () => {
  let m: ManagerServer;
  const clock = fixedClock(new Date());

  beforeAll(async () => {
    m = await startManagerServer({ clock });
  }, 60_000);
  afterAll(async () => {
    await m?.close();
  });

  const dirFor = (name: string) => mkdtemp(path.join(m.work, `${name}-`));
  const run = (language: string, dir: string, extra: Partial<Parameters<typeof downloadBundle>[0]> = {}) =>
    downloadBundle({
      server: m.server.url,
      token: m.adminToken,
      product: PRODUCT,
      language,
      os: 'WINDOWS',
      dir,
      retry: { baseDelayMs: 10, maxDelayMs: 50 },
      env: {},
      ...extra,
    });
  /** Every file of the result is on disk with exactly the published bytes, and nothing else is left behind. */
  async function expectOnDisk(result: BundleResult, published: { file: { name: string; sha256: string }; bytes: Buffer }[]) {
    expect(result.status, JSON.stringify(result.files)).toBe('complete');
    for (const p of published) {
      const got = await readFile(path.join(result.dir, p.file.name));
      expect(got.equals(p.bytes)).toBe(true);
      expect(sha256(got)).toBe(p.file.sha256);
    }
    expect((await readdir(result.dir)).sort()).toEqual(published.map((p) => p.file.name).sort());
  }

  it('R-DL-5: the files of a bundle download at the same time, and each is checked against its published SHA-256', async () => {
    const published = await m.publish(PRODUCT, 'de', [700 * KiB, 600 * KiB]);
    m.proxy.throttle(512 * KiB);
    try {
      const before = m.proxy.exchanges.length;
      const events: DownloadEvent[] = [];
      const result = await run('de', await dirFor('parallel'), { parallel: 3, onEvent: (e) => events.push(e) });
      await expectOnDisk(result, published);
      // Server side (the proxy in front of it): two responses were flowing at the same moment.
      expect(maxOverlap(m.proxy.exchanges.slice(before))).toBe(2);
      // Client side: both files were part-way at one moment.
      const partway = new Map<string, boolean>();
      let both = false;
      for (const e of events) {
        if (e.type === 'progress') partway.set(e.file, e.bytes < e.size);
        if ([...partway.values()].filter(Boolean).length === 2) both = true;
      }
      expect(both).toBe(true);
      expect(events.filter((e) => e.type === 'done').map((e) => (e as { sha256: string }).sha256)).toEqual(
        expect.arrayContaining(published.map((p) => p.file.sha256)),
      );
      for (const p of published) expect(await m.events(p.file.id)).toEqual([{ status: 200, range: null, method: 'MANAGER' }]);

      // The same measure sees no overlap when one file is fetched at a time.
      const sequentialFrom = m.proxy.exchanges.length;
      await expectOnDisk(await run('de', await dirFor('sequential'), { parallel: 1 }), published);
      expect(maxOverlap(m.proxy.exchanges.slice(sequentialFrom))).toBe(1);
    } finally {
      m.proxy.throttle(null);
    }
  });

  it('R-DL-5: a connection cut mid-transfer is retried by itself and resumes with a Range request, not from zero', async () => {
    const [p] = await m.publish(PRODUCT, 'fr', [1536 * KiB]);
    if (!p) throw new Error('nothing published');
    const before = m.proxy.exchanges.length;
    m.proxy.cutNext(600_000);
    const events: DownloadEvent[] = [];
    await expectOnDisk(await run('fr', await dirFor('cut'), { onEvent: (e) => events.push(e) }), [p]);

    const used = m.proxy.exchanges.slice(before);
    expect(used[0]?.cut).toBe(true);
    expect(events.find((e) => e.type === 'retry')).toMatchObject({
      type: 'retry',
      failure: 1,
      reason: expect.stringContaining('connection'),
    });
    const recorded = await m.events(p.file.id);
    expect(recorded).toHaveLength(2);
    expect(recorded[0]).toEqual({ status: 200, range: null, method: 'MANAGER' });
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(recorded[1]?.range ?? '')?.[1]);
    expect(recorded[1]?.status).toBe(206);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThan(600_000);
    expect(used).toHaveLength(2);
    // The second response carried only what was missing (plus its headers), not the file again.
    const resent = (used[1]?.bytesDown ?? 0) - (p.bytes.length - resumedAt);
    expect(resent).toBeGreaterThan(0);
    expect(resent).toBeLessThan(2 * KiB);
    expect(used[1]?.request).toContain(`\r\nrange: bytes=${resumedAt}-\r\n`);
    expect(used[1]?.request).toContain(`\r\nif-range: "${p.file.sha256}"\r\n`);
  });

  it('R-DL-5: a server error (503) is retried after growing waits, and a run gives up after the configured attempts', async () => {
    const [p] = await m.publish(PRODUCT, 'nl', [300 * KiB]);
    if (!p) throw new Error('nothing published');
    const unavailable = 'HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n';
    m.proxy.answerNext(unavailable);
    m.proxy.answerNext(unavailable);
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    const policy = { attempts: 3, baseDelayMs: 100, maxDelayMs: 1000 };
    await expectOnDisk(await run('nl', await dirFor('503'), { sleep, random: () => 1, retry: policy }), [p]);
    expect(waits).toEqual([100, 200]);

    for (let i = 0; i < 3; i++) m.proxy.answerNext(unavailable);
    const failed = await run('nl', await dirFor('503-gives-up'), { sleep, random: () => 1, retry: policy });
    expect(failed.status).toBe('failed');
    expect(failed.files[0]?.message).toMatch(/gave up after 3 failed attempt\(s\) in a row; the last: the server answered 503/);
  });

  it('R-DL-5: an expired link is renewed by asking for new links, and the transfer goes on from where it stopped', async () => {
    const [p] = await m.publish(PRODUCT, 'it', [1024 * KiB]);
    if (!p) throw new Error('nothing published');
    const before = m.proxy.exchanges.length;
    m.proxy.cutNext(300_000);
    const events: DownloadEvent[] = [];
    const later = 2 * 60 * 60 * 1000;
    try {
      const result = await run('it', await dirFor('expired'), {
        onEvent: (e) => {
          events.push(e);
          // While the client waits to retry, the link's hour passes on the server.
          if (e.type === 'retry') clock.advance(later);
        },
      });
      await expectOnDisk(result, [p]);
    } finally {
      clock.advance(-later);
    }
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['retry', 'links-renewed', 'done']));
    const requests = m.proxy.exchanges.slice(before).map((c) => c.request);
    expect(requests).toHaveLength(3);
    const signature = (r: string | undefined) => /[?&]signature=([^&\s]+)/.exec(r ?? '')?.[1];
    expect(signature(requests[1])).toBe(signature(requests[0])); // the expired link, refused
    expect(signature(requests[2])).not.toBe(signature(requests[0])); // the renewed one
    const recorded = await m.events(p.file.id);
    expect(recorded.map((e) => e.status)).toEqual([200, 206]);
    expect(recorded[1]?.range).toMatch(/^bytes=[1-9]\d*-$/);
  });

  it('R-DL-5: when the file changed on the server (If-Range no longer matches) the kept bytes are dropped and it starts over', async () => {
    const [p] = await m.publish(PRODUCT, 'es', [200 * KiB]);
    if (!p) throw new Error('nothing published');
    const dir = await dirFor('changed');
    const target = path.join(dir, p.file.name);
    await writeFile(`${target}.part`, p.bytes.subarray(0, 50 * KiB));
    // Bytes kept from a version whose ETag was another one.
    await writeFile(
      `${target}.part.json`,
      JSON.stringify({ version: 1, fileId: p.file.id, size: p.file.size, sha256: p.file.sha256, etag: `"${'0'.repeat(64)}"` }),
    );
    const events: DownloadEvent[] = [];
    await expectOnDisk(await run('es', dir, { onEvent: (e) => events.push(e) }), [p]);
    expect(events.find((e) => e.type === 'start')).toMatchObject({ offset: 50 * KiB });
    expect(events.find((e) => e.type === 'restart')).toMatchObject({ reason: expect.stringContaining('If-Range') });
    expect(await m.events(p.file.id)).toEqual([{ status: 200, range: null, method: 'MANAGER' }]);
  });

  it('R-DL-5: a run over a finished folder finds every file there and downloads nothing', async () => {
    const published = await m.publish(PRODUCT, 'pt-br', [100 * KiB, 120 * KiB]);
    const dir = await dirFor('again');
    await expectOnDisk(await run('pt-br', dir), published);
    const again = await run('pt-br', dir);
    expect(again.files.map((f) => f.status)).toEqual(['already-there', 'already-there']);
    for (const p of published) expect(await m.events(p.file.id)).toHaveLength(1);
  });

  it('R-DL-5: the command the portal shows (lsc download OFF-PP-2024 --language sv --os WINDOWS) fetches the demo bundle', async () => {
    const result = await run('sv', await dirFor('portal'), { product: 'OFF-PP-2024' });
    const published = (await filesOf(m.server.database.db, 'OFF-PP-2024')).filter((f) => f.language === 'sv');
    expect(published.map((f) => f.file_name)).toEqual(['NW_Office_ProPlus_2024_Svenska_x64.iso']);
    expect(result).toMatchObject({ status: 'complete', product: { code: 'OFF-PP-2024' } });
    for (const f of published) expect(sha256(await readFile(path.join(result.dir, f.file_name)))).toBe(f.sha256);
  });

  it('names what is wrong: an unknown product code, a language without files, a token the server refuses', async () => {
    const dir = await dirFor('errors');
    await expect(run('en', dir, { product: 'NO-SUCH-PRODUCT' })).rejects.toThrow(
      /No product with the code NO-SUCH-PRODUCT is in your Downloads and Keys catalog/,
    );
    await expect(run('de', dir, { product: 'OFF-PP-2024' })).rejects.toThrow(
      /OFF-PP-2024 has no files for language de and WINDOWS\. Available: --language en --os WINDOWS; --language sv --os WINDOWS\./,
    );
    await expect(run('en', dir, { token: 'lsc_not-a-real-token' })).rejects.toThrow(/did not accept the API token/);
    await expect(downloadBundle({ product: PRODUCT, language: 'en', os: 'WINDOWS', dir, env: {} })).rejects.toThrow(/LSC_TOKEN/);
    expect(await readdir(dir)).toEqual([]);
  });
});
