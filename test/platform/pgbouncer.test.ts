import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bouncer, pgbouncerBinary, startPgbouncer } from '../../scripts/topology/pgbouncer.js';
import { freePort } from '../../scripts/topology/ports.js';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { seedDemo } from '../../src/demo/seed.js';
import { createExportWorker } from '../../src/modules/exports/worker.js';
import { systemClock } from '../../src/platform/clock.js';
import { type Database, openDatabase } from '../../src/platform/db/client.js';
import { deliverDue } from '../../src/platform/mail/dispatcher.js';
import { loadSecrets } from '../../src/platform/secrets.js';
import { openBlobStore } from '../../src/platform/storage/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { requestsAs } from '../helpers/requests.js';
import { signIn } from '../helpers/session.js';

const pgbouncer = pgbouncerBinary();
if (!pgbouncer) console.warn('test/platform/pgbouncer.test.ts is skipped: PgBouncer is not installed (apt-get install pgbouncer).');

/**
 * Issue 17: PgBouncer in transaction pooling (deploy/pgbouncer.ini) between a node and the
 * primary. Every transaction may run on another server connection, so nothing may rely on session
 * state: the code takes advisory locks per transaction only, sets work_mem with SET LOCAL, reads
 * exports through a cursor inside their own transaction, and has no LISTEN. Named prepared
 * statements need PgBouncer ≥ 1.21; an older one gets them unnamed (DATABASE_NAMED_STATEMENTS=false).
 */
describe.skipIf(!pgbouncer)('a node whose primary is behind PgBouncer in transaction pooling', () => {
  let database: TestDatabase;
  let bouncer: Bouncer;
  let through: Database;
  let app: FastifyInstance;
  let dir: string;
  let config: ReturnType<typeof loadConfig>;
  let keyEncryptionKey: Buffer;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(path.join(tmpdir(), 'lsc-pgbouncer-'));
    bouncer = await startPgbouncer(path.join(dir, 'pgbouncer'), await freePort(), database.url);
    config = loadConfig({
      DATA_DIR: path.join(dir, 'data'),
      LOG_LEVEL: 'silent',
      SIGN_IN_IP_LIMIT: '1000',
      ACTIVATION_IP_LIMIT: '1000',
      DATABASE_NAMED_STATEMENTS: String(bouncer.namedStatements),
    });
    const secrets = await loadSecrets(config);
    keyEncryptionKey = secrets.keyEncryptionKey;
    // Seeding goes to the primary directly, as migrations do in production.
    await seedDemo(database.db, secrets);
    through = openDatabase(bouncer.url, 5, undefined, { namedStatements: config.DATABASE_NAMED_STATEMENTS });
    app = await buildApp({ config, database: through, clock: systemClock, secrets, logger: false, webRoot: path.join(dir, 'none') });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await through?.close();
    await bouncer?.stop();
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('goes through PgBouncer: the pool reaches the server on PgBouncer’s port, not the server’s', async () => {
    expect(new URL(bouncer.url).port).not.toBe(new URL(database.url).port);
    const { rows } = await through.db.execute<{ one: number }>(sql`select 1 as one`);
    expect(rows).toEqual([{ one: 1 }]);
  });

  it('a name prepared in one transaction is unknown to the next on another server connection, below 1.21; DATABASE_NAMED_STATEMENTS=false sends it unnamed', async (ctx) => {
    if (bouncer.namedStatements) ctx.skip();
    const probe = { name: 'lsc-pgbouncer-probe', text: 'select $1::int as n' };
    const holder = new pg.Client({ connectionString: bouncer.url });
    const named = new pg.Client({ connectionString: bouncer.url });
    await holder.connect();
    await named.connect();
    // One pooled connection, told to drop names: the app's own pool (primary-pool.ts).
    const unnamed = openDatabase(bouncer.url, 1, undefined, { namedStatements: false });
    try {
      await named.query({ ...probe, values: [1] });
      await unnamed.pool.query({ ...probe, values: [1] });
      // A transaction held open keeps the server connection just used (PgBouncer hands out the most recent one).
      await holder.query('begin');
      await holder.query('select 1');
      await expect(named.query({ ...probe, values: [2] })).rejects.toMatchObject({ code: '26000' });
      expect((await unnamed.pool.query({ ...probe, values: [2] })).rows).toEqual([{ n: 2 }]);
      await holder.query('commit');
    } finally {
      await holder.end();
      await named.end();
      await unnamed.close();
    }
  });

  it('R-KEY-3, R-KEY-4: MAK activations, many at once on fewer connections than requests, each counted once', async () => {
    const admin = await signIn(app, 'admin@contoso.example');
    const ids = (await requestsAs(app, admin).get('/licensing-ids')).json().items as { id: string; number: string }[];
    const enrollment = ids.find((l) => l.number === '67012345');
    const keys = (await requestsAs(app, admin).get(`/licensing-ids/${enrollment?.id}/keys`)).json().items as {
      id: string;
      type: string;
      productKey: string;
      product: { code: string };
    }[];
    const mak = keys.find((k) => k.type === 'MAK');
    if (!mak) throw new Error('the demo has no MAK on 67012345');
    const used = async () =>
      (await database.db.execute<{ n: number }>(sql`select count(*)::int as n from activation where key_id = ${mak.id}`)).rows[0]?.n ?? 0;
    const before = await used();
    // Twenty at once on a pool of five: transactions land on whichever server connection PgBouncer has free.
    const codes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        requestsAs(app, null)
          .post('/activations', { productKey: mak.productKey, productCode: mak.product.code, fingerprint: `pgbouncer-${i}` })
          .then((r) => r.statusCode),
      ),
    );
    expect(codes).toEqual(Array(20).fill(201));
    // The same machine again is the earlier activation, free.
    const again = await requestsAs(app, null).post('/activations', {
      productKey: mak.productKey,
      productCode: mak.product.code,
      fingerprint: 'pgbouncer-0',
    });
    expect(again.statusCode).toBe(200);
    expect(await used()).toBe(before + 20);
  });

  it('R-KEY-7: a background key export reads its rows through a server-side cursor in its own transaction, and its mail leaves through the outbox', async () => {
    const keys = await signIn(app, 'keys@contoso.example');
    const queued = await requestsAs(app, keys).post('/api/v1/exports', { kind: 'product-keys', format: 'csv', params: {} });
    expect(queued.statusCode, queued.body).toBe(202);
    const worker = createExportWorker(
      { database: through, config, clock: systemClock, secrets: { keyEncryptionKey }, blobs: openBlobStore(config) },
      { progressMs: 20, leaseMs: 5_000 },
    );
    expect(await worker.runDue()).toBe(1);
    const done = (await requestsAs(app, keys).get(`/api/v1/exports/${queued.json().id}`)).json();
    expect(done).toMatchObject({ state: 'DONE', fileName: 'product-keys.csv' });
    const file = await requestsAs(app, keys).get(`/api/v1/exports/${queued.json().id}/file`);
    expect(file.statusCode).toBe(200);
    const sync = await requestsAs(app, keys).get('/api/v1/product-keys/export?format=csv');
    expect(file.rawPayload.equals(sync.rawPayload)).toBe(true);

    const sent: { to: string; subject: string }[] = [];
    let delivered = 0;
    for (let n = -1; n !== 0; ) {
      n = await deliverDue(through.db, { send: async (m) => void sent.push({ to: m.to, subject: m.subject }) }, config.MAIL_FROM);
      delivered += n;
    }
    expect(delivered).toBe(sent.length);
    expect(sent.map((m) => m.to)).toContain('keys@contoso.example');
    const pending = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from outbox where sent_at is null`);
    expect(pending.rows[0]?.n).toBe(0);
  });
});
