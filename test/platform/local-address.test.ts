import { lookup } from 'node:dns/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, localUrl } from '../../src/config.js';
import { startServer } from '../../src/server.js';
import { createTestDatabase } from '../helpers/db.js';
import { freePort } from '../helpers/free-port.js';

describe('the address the server listens on and the links it makes agree', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('by default links name http://localhost:PORT, and the server listens wherever localhost leads (127.0.0.1, and ::1 where the name has it)', async () => {
    const database = await createTestDatabase();
    cleanup.push(() => database.drop());
    const dataDir = await mkdtemp(path.join(tmpdir(), 'lsc-local-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const config = loadConfig({
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      PORT: String(port),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
    });
    expect(config.publicUrl).toBe(`http://localhost:${port}`);
    const server = await startServer(config);
    cleanup.push(() => server.stop());
    // The start banner and the links in mails name the same place…
    expect(server.url).toBe(config.publicUrl);
    // …and it answers there, by either address the name may resolve to.
    const named = (await lookup('localhost', { all: true })).map((a) =>
      a.family === 6 ? `http://[${a.address}]:${port}` : `http://${a.address}:${port}`,
    );
    const addresses = [...named, server.url];
    for (const base of addresses) expect((await fetch(`${base}/api/health`)).status, base).toBe(200);
  });

  it('a wildcard or named HOST gives links that reach it; PUBLIC_URL wins', () => {
    expect(localUrl('0.0.0.0', 3000)).toBe('http://127.0.0.1:3000');
    expect(localUrl('::', 3000)).toBe('http://localhost:3000');
    expect(localUrl('::1', 3000)).toBe('http://[::1]:3000');
    expect(localUrl('lsc.internal', 8080)).toBe('http://lsc.internal:8080');
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://licensing.example.com/' }).publicUrl).toBe('https://licensing.example.com');
  });
});
