import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db/client.js';
import { healthRoutes } from '../../src/platform/http/health.js';

/** A database whose `select 1` answers as told: at once, never (a connection that hangs), or with an error. */
function fakeDatabase(answer: 'up' | 'hang' | 'down') {
  let queries = 0;
  const pool = {
    query: () => {
      queries++;
      if (answer === 'up') return Promise.resolve({ rows: [{ '?column?': 1 }] });
      if (answer === 'down') return Promise.reject(new Error('connect ECONNREFUSED'));
      return new Promise(() => {});
    },
  };
  return { database: { pool } as unknown as Database, queries: () => queries };
}

async function healthApp(answer: 'up' | 'hang' | 'down', draining = false) {
  const fake = fakeDatabase(answer);
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(healthRoutes({ database: fake.database, version: '9.9.9', draining: () => draining, databaseTimeoutMs: 200 }));
  return { app, queries: fake.queries };
}

describe('health for load balancers', () => {
  const apps: Awaited<ReturnType<typeof healthApp>>['app'][] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  it('ready is 200 with the database up; live answers without asking the database', async () => {
    const { app, queries } = await healthApp('up');
    apps.push(app);
    const live = await app.inject('/api/health/live');
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'live', version: '9.9.9' });
    expect(queries()).toBe(0);
    const ready = await app.inject('/api/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', database: { up: true } });
  });

  it('ready is 503 within READY_DB_TIMEOUT_MS when select 1 hangs, and probes at the same time share one query', async () => {
    const { app, queries } = await healthApp('hang');
    apps.push(app);
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => app.inject('/api/health/ready')));
    for (const a of answers) {
      expect(a.statusCode).toBe(503);
      expect(a.json()).toMatchObject({ status: 'database-unreachable', database: { up: false } });
    }
    expect(queries()).toBe(1);
    expect((await app.inject('/api/health')).statusCode).toBe(503);
    expect((await app.inject('/api/health/live')).statusCode).toBe(200);
  });

  it('ready is 503 when the database refuses, and while the node drains (whatever the database says)', async () => {
    const down = await healthApp('down');
    apps.push(down.app);
    expect((await down.app.inject('/api/health/ready')).statusCode).toBe(503);
    const draining = await healthApp('up', true);
    apps.push(draining.app);
    const ready = await draining.app.inject('/api/health/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'draining', version: '9.9.9' });
    expect(draining.queries()).toBe(0);
    expect((await draining.app.inject('/api/health/live')).statusCode).toBe(200);
  });
});
