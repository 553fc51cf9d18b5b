import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTopology, type Topology } from '../../scripts/topology/cluster.js';
import { haproxyBinary } from '../../scripts/topology/haproxy.js';
import { uploadFile } from '../../src/cli/upload-file.js';
import { linksFor, webSignIn } from '../downloads/helpers.js';
import { personalToken } from '../downloads/manager-helpers.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { readSlowly } from '../helpers/slow-reader.js';

const MiB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const haproxy = haproxyBinary();
if (!haproxy) console.warn('test/platform/topology-drain.test.ts is skipped: HAProxy is not installed (apt-get install haproxy).');

describe.skipIf(!haproxy)('HAProxy in front of two nodes: a node that drains fails no request', () => {
  let database: TestDatabase;
  let topology: Topology;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(path.join(tmpdir(), 'lsc-topology-drain-'));
    topology = await startTopology({ nodes: 2, database: { primaryUrl: database.url }, env: { SIGN_IN_IP_LIMIT: '10000' } });
  }, 240_000);
  afterAll(async () => {
    await topology?.stop();
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  }, 120_000);

  it('SIGTERM to the node serving a slow download: the download completes, new requests go to the other node, none fails, the node exits 0', async () => {
    const { url, nodes } = topology;
    const bytes = randomBytes(24 * MiB);
    const local = path.join(dir, 'large.iso');
    await writeFile(local, bytes);
    const operator = await personalToken(url, await webSignIn(url, 'operator@northwind.example', 'demo-password-1'));
    const file = await uploadFile({
      server: url,
      token: operator,
      product: 'OFF-PP-2024',
      file: local,
      name: 'NW_Topology_Drain.iso',
      language: 'en',
      os: 'WINDOWS',
      arch: 'X64',
      format: 'ISO',
    });
    const admin = await webSignIn(url, 'admin@contoso.example', 'demo-password-1');
    const [link] = await linksFor(url, admin, file.productId, { fileIds: [file.id] });
    if (!link) throw new Error('no link');
    // The link names PUBLIC_URL, HAProxy's address: the download goes through the balancer.
    expect(new URL(link.url).origin).toBe(url);

    const res = await fetch(link.url);
    expect(res.status).toBe(200);
    const draining = nodes.find((n) => n.name === res.headers.get('x-served-by'));
    const other = nodes.find((n) => n !== draining);
    if (!draining || !other) throw new Error(`served by ${res.headers.get('x-served-by')}`);
    const progress = { bytes: 0 };
    const downloaded = readSlowly(res, 4 * MiB, progress);
    while (progress.bytes < MiB) await sleep(10);

    const signalled = performance.now();
    const exited = draining.stop();
    // Requests all along the drain, through HAProxy: every one answered, and once HAProxy's checks
    // took the node out (0.5 s × 2, well within SHUTDOWN_DELAY_SECONDS), every one by the other node.
    const answers: { at: number; status: number; servedBy: string | null }[] = [];
    while (performance.now() - signalled < 6000) {
      const at = performance.now() - signalled;
      const answer = await fetch(`${url}/api/v1/activation/public-key`).then(
        async (r) => {
          await r.arrayBuffer();
          return { at, status: r.status, servedBy: r.headers.get('x-served-by') };
        },
        () => ({ at, status: 0, servedBy: null }),
      );
      answers.push(answer);
      await sleep(25);
    }
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    const late = answers.filter((a) => a.at > 2000);
    expect(late.length).toBeGreaterThan(10);
    expect(late.filter((a) => a.servedBy !== other.name)).toEqual([]);
    expect(await topology.balancer.upServers()).toBe(1);

    expect(await downloaded).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(progress.bytes).toBe(bytes.length);
    expect(await exited, draining.log()).toBe(0);
  }, 300_000);
});
