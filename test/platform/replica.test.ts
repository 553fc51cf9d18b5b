import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { seedDemo } from '../../src/demo/seed.js';
import { systemClock } from '../../src/platform/clock.js';
import { type Database, openDatabase } from '../../src/platform/db/client.js';
import { runMigrations } from '../../src/platform/db/migrate.js';
import { loadSecrets, type Secrets } from '../../src/platform/secrets.js';
import { freePort } from '../helpers/free-port.js';
import { postgresBinaries, type ReplicationPair, startReplicationPair } from '../helpers/replication.js';
import { requestsAs } from '../helpers/requests.js';
import { type Session, signIn } from '../helpers/session.js';

const bin = postgresBinaries();
const ENROLLMENT = '67012345';

const inRecovery = async (db: Database['db']) =>
  (await db.execute<{ standby: boolean }>(sql`select pg_is_in_recovery() as standby`)).rows[0]?.standby;
const serverPort = async (db: Database['db']) => (await db.execute<{ port: number }>(sql`select inet_server_port() as port`)).rows[0]?.port;

async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read().catch(() => undefined as T);
    if (done(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!bin)(
  `a primary and a streaming replica (PostgreSQL server binaries ${bin ? 'found' : 'NOT found: set POSTGRES_BIN_DIR or install postgresql; skipped'})`,
  () => {
    let pair: ReplicationPair;
    let database: Database;
    let app: FastifyInstance;
    let dir: string;
    let config: Config;
    let secrets: Secrets;
    let admin: Session;

    beforeAll(async () => {
      pair = await startReplicationPair(bin as string);
      dir = await mkdtemp(path.join(tmpdir(), 'lsc-replica-'));
      config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
      secrets = await loadSecrets(config);
      // The standby first: the primary pool skips a host in recovery and settles on the primary.
      const primaryUrl = `postgres://postgres@127.0.0.1:${pair.standbyPort},127.0.0.1:${pair.primaryPort}/postgres`;
      database = openDatabase(primaryUrl, 4, pair.url(pair.standbyPort));
      await runMigrations(database.db);
      await seedDemo(database.db, secrets);
      app = await buildApp({ config, database, clock: systemClock, secrets, logger: false, webRoot: path.join(dir, 'none') });
      admin = await signIn(app, 'admin@contoso.example');
    }, 90_000);

    afterAll(async () => {
      await app?.close();
      await database?.close();
      await pair?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    const summaryName = async () => {
      const res = await requestsAs(app, admin).get('/license-summary?status=all');
      expect(res.statusCode).toBe(200);
      return (res.json().licensingIds as { number: string; name: string }[]).find((l) => l.number === ENROLLMENT)?.name;
    };

    it('the primary pool skips a host in recovery; the reads port reaches the standby; ready reports both', async () => {
      expect(await inRecovery(database.db)).toBe(false);
      expect(await serverPort(database.db)).toBe(pair.primaryPort);
      expect(await inRecovery(database.reads.db)).toBe(true);
      const ready = await app.inject({ method: 'GET', url: '/api/health/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({
        status: 'ready',
        database: { up: true },
        replica: { up: true, standby: true, serving: 'replica' },
      });
    });

    it('R-LIC-1: the License Summary is read on the replica: a change stays unseen while the standby replays nothing, then shows', async () => {
      const before = await summaryName();
      expect(before).toBeTruthy();
      // A plain client: the app's primary pool would refuse a server in recovery.
      const standby = new pg.Client(pair.url(pair.standbyPort));
      await standby.connect();
      try {
        await standby.query('select pg_wal_replay_pause()');
        await database.db.execute(sql`update licensing_id set name = 'Seen on the replica' where number = ${ENROLLMENT}`);
        // Written on the primary, not yet replayed on the standby: the summary, read on the replica, still has the old name.
        expect(await summaryName()).toBe(before);
        await standby.query('select pg_wal_replay_resume()');
        expect(await eventually(summaryName, (n) => n === 'Seen on the replica')).toBe('Seen on the replica');
      } finally {
        await standby.query('select pg_wal_replay_resume()').catch(() => {});
        await standby.end();
      }
    });

    it('with the replica unreachable, reads go to the primary and ready stays 200, saying so', async () => {
      const nowhere = `postgres://postgres@127.0.0.1:${await freePort()}/postgres`;
      const degraded = openDatabase(pair.url(pair.primaryPort), 2, nowhere);
      const token = 'metrics-token-for-the-replica-test';
      const withToken = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', METRICS_TOKEN: token });
      const other = await buildApp({
        config: withToken,
        database: degraded,
        clock: systemClock,
        secrets,
        logger: false,
        webRoot: path.join(dir, 'none'),
      });
      try {
        expect(await inRecovery(degraded.reads.db)).toBe(false);
        expect(degraded.reads.replica?.serving()).toBe('primary');
        const ready = await other.inject({ method: 'GET', url: '/api/health/ready' });
        expect(ready.statusCode).toBe(200);
        expect(ready.json()).toMatchObject({ status: 'ready', replica: { up: false, serving: 'primary' } });
        const s = await signIn(other, 'admin@contoso.example');
        expect((await requestsAs(other, s).get('/license-summary')).statusCode).toBe(200);
        const metrics = await other.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });
        expect(metrics.body).toMatch(/^lsc_db_replica_serving 0$/m);
      } finally {
        await other.close();
        await degraded.close();
      }
    });

    it('after a planned promotion (old primary stopped, standby promoted) writes succeed again without a restart', async () => {
      await pair.stopPrimary();
      await pair.promote();
      // The pooled connections to the old primary are gone; the first query after the switch moves on to the promoted host.
      expect(await inRecovery(database.db)).toBe(false);
      expect(await serverPort(database.db)).toBe(pair.standbyPort);
      // A write through the app: a sign-in stores a session; the session made before the switch still works.
      const again = await signIn(app, 'admin@contoso.example');
      expect((await requestsAs(app, again).get('/me')).statusCode).toBe(200);
      expect((await requestsAs(app, admin).get('/me')).statusCode).toBe(200);
      expect(await summaryName()).toBe('Seen on the replica');
      const ready = await app.inject({ method: 'GET', url: '/api/health/ready' });
      expect(ready.json()).toMatchObject({ status: 'ready', database: { up: true }, replica: { up: true, standby: false } });
    });
  },
);
