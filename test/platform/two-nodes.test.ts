import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { seedDemo } from '../../src/demo/seed.js';
import { systemClock } from '../../src/platform/clock.js';
import { openDatabase } from '../../src/platform/db/client.js';
import { loadSecrets } from '../../src/platform/secrets.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { requestsAs } from '../helpers/requests.js';
import { signIn } from '../helpers/session.js';

/** Two app nodes on one database: nothing a request needs lives in one node's memory. */
describe('two app nodes on one database', () => {
  let database: TestDatabase;
  let dir: string;
  const nodes: FastifyInstance[] = [];
  const pools: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(path.join(tmpdir(), 'lsc-nodes-'));
    const config = loadConfig({
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
      SIGN_IN_LIMIT: '3',
      ACTIVATION_KEY_LIMIT: '4',
      ACTIVATION_LIMIT_FLUSH_MS: '20',
    });
    const secrets = await loadSecrets(config);
    await seedDemo(database.db, secrets); // with the key vault, so the demo keys exist
    for (let i = 0; i < 2; i++) {
      const own = openDatabase(database.url, 3); // each node its own pool, as on two machines
      pools.push(own);
      nodes.push(await buildApp({ config, database: own, clock: systemClock, secrets, logger: false, webRoot: path.join(dir, 'none') }));
    }
  });
  afterAll(async () => {
    for (const n of nodes) await n.close();
    for (const p of pools) await p.close();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('a session made on one node works on the other, and sign-out on either ends it everywhere', async () => {
    const [a, b] = nodes as [FastifyInstance, FastifyInstance];
    const s = await signIn(a, 'admin@contoso.example');
    expect((await requestsAs(b, s).get('/me')).statusCode).toBe(200);
    expect((await requestsAs(b, s).post('/auth/sign-out')).statusCode).toBe(204);
    expect((await requestsAs(a, s).get('/me')).statusCode).toBe(401);
  });

  it('the sign-in limit counts attempts on every node together', async () => {
    const [a, b] = nodes as [FastifyInstance, FastifyInstance];
    const attempt = (n: FastifyInstance) => requestsAs(n, null).post('/auth/sign-in', { email: 'keys@contoso.example', password: 'wrong' });
    const codes = [
      (await attempt(a)).statusCode,
      (await attempt(b)).statusCode,
      (await attempt(a)).statusCode,
      (await attempt(b)).statusCode,
    ];
    expect(codes).toEqual([401, 401, 401, 429]);
  });

  it('the activation limit per key counts activations on every node together, one flush later', async () => {
    const [a, b] = nodes as [FastifyInstance, FastifyInstance];
    const admin = await signIn(a, 'admin@contoso.example');
    const ids = (await requestsAs(a, admin).get('/licensing-ids')).json().items as {
      id: string;
      number: string;
    }[];
    const enrollment = ids.find((l) => l.number === '67012345');
    const keys = (await requestsAs(a, admin).get(`/licensing-ids/${enrollment?.id}/keys`)).json().items as {
      type: string;
      productKey: string;
      product: { code: string };
    }[];
    const mak = keys.find((k) => k.type === 'MAK');
    if (!mak) throw new Error('the demo has no MAK on 67012345');
    let machine = 0;
    const activate = async (n: FastifyInstance) =>
      (
        await requestsAs(n, null).post('/activations', {
          productKey: mak.productKey,
          productCode: mak.product.code,
          fingerprint: `two-nodes-${machine++}`,
        })
      ).statusCode;
    const settle = () => new Promise((r) => setTimeout(r, 150)); // several flush intervals
    expect([await activate(a), await activate(a), await activate(a)]).toEqual([201, 201, 201]);
    await settle();
    expect([await activate(b), await activate(b)]).toEqual([201, 429]);
    await settle();
    expect(await activate(a)).toBe(429);
  });
});
