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
import { signIn } from '../helpers/session.js';

/** Two app nodes on one database: nothing a request needs lives in one node's memory. */
describe('two app nodes on one database', () => {
  let database: TestDatabase;
  let dir: string;
  const nodes: FastifyInstance[] = [];
  const pools: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemo(database.db);
    dir = await mkdtemp(path.join(tmpdir(), 'lsc-nodes-'));
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', SIGN_IN_LIMIT: '3' });
    const secrets = await loadSecrets(config);
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
    expect((await b.inject({ method: 'GET', url: '/api/v1/me', headers: s.headers })).statusCode).toBe(200);
    expect((await b.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: s.headers })).statusCode).toBe(204);
    expect((await a.inject({ method: 'GET', url: '/api/v1/me', headers: s.headers })).statusCode).toBe(401);
  });

  it('the sign-in limit counts attempts on every node together', async () => {
    const [a, b] = nodes as [FastifyInstance, FastifyInstance];
    const attempt = (n: FastifyInstance) =>
      n.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'keys@contoso.example', password: 'wrong' } });
    const codes = [
      (await attempt(a)).statusCode,
      (await attempt(b)).statusCode,
      (await attempt(a)).statusCode,
      (await attempt(b)).statusCode,
    ];
    expect(codes).toEqual([401, 401, 401, 429]);
  });
});
