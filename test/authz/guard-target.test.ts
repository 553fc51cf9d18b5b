import { sql } from 'drizzle-orm';
import Fastify, { type FastifyContextConfig, type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.js';
import type { Actor } from '../../src/platform/auth/actor.js';
import { installGuard } from '../../src/platform/http/guard.js';
import { problemSender } from '../../src/platform/http/problem.js';
import '../../src/platform/http/types.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { loadSecrets } from '../../src/platform/secrets.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { requestsAs } from '../helpers/requests.js';

/** The guard finds a route's Licensing ID where the route says it is, whatever the parameter is called. */
describe('a route’s declared target', () => {
  const register = (url: string, config: FastifyContextConfig) => {
    const app = Fastify();
    installGuard(app, {} as never);
    app.get(url, { config }, async () => 'x');
    return app;
  };

  it('a Licensing-ID action on a path with parameters must say where its Licensing ID is', async () => {
    expect(() => register('/api/v1/enrollments/:enrollment/keys', { action: 'keys.view' })).toThrow(/declares no target/);
    expect(() => register('/api/v1/enrollments/:enrollment/keys', { action: 'keys.view', target: 'params.licensingId' })).toThrow(
      /which its path does not take/,
    );
    expect(() => register('/api/v1/me/:thing', { action: 'self', target: 'params.thing' })).toThrow(
      /only a Licensing-ID or purchasing-account action has/,
    );
    // A list (no parameter) is scoped by its service; a path naming something else says so.
    await expect(register('/api/v1/product-keys', { action: 'keys.view' }).ready()).resolves.toBeDefined();
    await expect(register('/api/v1/product-keys/:keyId/x', { action: 'keys.view', target: 'service' }).ready()).resolves.toBeDefined();
  });

  describe('on a real database', () => {
    let database: TestDatabase;
    let dataDir: string;
    let app: FastifyInstance;
    let ids: { enrollment: string; foreign: string };
    const actors = new Map<string, Actor>();

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'lsc-guard-'));
      database = await createTestDatabase();
      await seedDemo(database.db, await loadSecrets(loadConfig({ DATA_DIR: dataDir })));
      const one = async (q: ReturnType<typeof sql>) => (await database.db.execute<{ id: string; organization_id: string }>(q)).rows[0];
      ids = {
        enrollment: (await one(sql`select id from licensing_id where number = '67012345'`))?.id ?? '',
        foreign: (await one(sql`select id from licensing_id where number = '67099999'`))?.id ?? '',
      };
      for (const email of ['keys@contoso.example', 'viewer@contoso.example']) {
        const u = await one(sql`select id, organization_id from "user" where email = ${email}`);
        actors.set(email, {
          userId: u?.id ?? '',
          organizationId: u?.organization_id ?? '',
          email,
          locale: 'en',
          isOperator: false,
          via: 'session',
          requestId: 'guard-test',
        });
      }
      app = Fastify();
      app.setErrorHandler(problemSender({}));
      app.decorateRequest('actor', null);
      app.addHook('onRequest', async (req) => {
        req.actor = actors.get(String(req.headers['x-test-actor'])) ?? null;
      });
      installGuard(app, database.db);
      app.get('/api/v1/enrollments/:enrollment/keys', { config: { action: 'keys.view', target: 'params.enrollment' } }, async (req) => ({
        reached: (req.params as { enrollment: string }).enrollment,
      }));
      await app.ready();
    });
    afterAll(async () => {
      await app?.close();
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    });

    /** Requests as the actor the test's sign-in stand-in names. */
    const actor = (who: string) => requestsAs(app, { headers: { 'x-test-actor': who } });

    it('R-PERM-2: authorizes the named parameter: allowed 200, own without the role 403, another organization’s 404', async () => {
      const allowed = await actor('keys@contoso.example').get(`/enrollments/${ids.enrollment}/keys`);
      expect(allowed.statusCode).toBe(200);
      expect(allowed.json()).toEqual({ reached: ids.enrollment });
      expect((await actor('viewer@contoso.example').get(`/enrollments/${ids.enrollment}/keys`)).statusCode).toBe(403);
      expect((await actor('keys@contoso.example').get(`/enrollments/${ids.foreign}/keys`)).statusCode).toBe(404);
      expect((await actor('nobody').get(`/enrollments/${ids.enrollment}/keys`)).statusCode).toBe(401);
    });
  });
});
