import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { hostUrls } from '../../src/platform/db/hosts.js';
import { openPrimaryPool } from '../../src/platform/db/primary-pool.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

describe('a DATABASE_URL naming several hosts (node-postgres takes one)', () => {
  it('is split into one URL per host, in order, with user, password, database and parameters kept', () => {
    expect(hostUrls('postgres://lsc:s%40cret@db1:5432,db2:5433/lsc?sslmode=require')).toEqual([
      'postgres://lsc:s%40cret@db1:5432/lsc?sslmode=require',
      'postgres://lsc:s%40cret@db2:5433/lsc?sslmode=require',
    ]);
    expect(hostUrls('postgresql://db1,[::1]:5433/lsc')).toEqual(['postgresql://db1/lsc', 'postgresql://[::1]:5433/lsc']);
  });

  it('DATABASE_REPLICA_URL takes one address only: several standbys go behind a balancer or a DNS name', () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URL: 'postgres://lsc@db2:5432,db3:5432/lsc' })).toThrow(/DATABASE_REPLICA_URL: one host/);
    expect(loadConfig({ DATABASE_REPLICA_URL: 'postgres://lsc@replicas:5432/lsc' }).DATABASE_REPLICA_URL).toBe(
      'postgres://lsc@replicas:5432/lsc',
    );
  });

  it('one host is left as it is', () => {
    expect(hostUrls('postgres://lsc@db1:5432/lsc')).toEqual(['postgres://lsc@db1:5432/lsc']);
    expect(hostUrls('postgres:///lsc?host=/run/postgresql')).toEqual(['postgres:///lsc?host=/run/postgresql']);
  });
});

describe('the primary pool', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('a connection refused a write as read-only (SQLSTATE 25006, a standby behind it) is dropped, not handed out again', async () => {
    const pool = openPrimaryPool(database.url, { max: 1 });
    try {
      const client = await pool.connect();
      const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid;
      // What a demoted server or a proxy pointing at a standby answers; a read-only session stands in for it.
      await client.query('set default_transaction_read_only = on');
      await expect(client.query('create table read_only_probe (id int)')).rejects.toMatchObject({ code: '25006' });
      client.release();
      const next = await pool.connect();
      expect((await next.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid).not.toBe(pid);
      next.release();
      // An ordinary connection goes back to the pool and comes out again.
      const again = await pool.connect();
      const kept = (await again.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid;
      again.release();
      const same = await pool.connect();
      expect((await same.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid).toBe(kept);
      same.release();
    } finally {
      await pool.end();
    }
  });
  it('a connection lost during its recovery check fails that connect and the query waiting on it; the process goes on', async () => {
    // A cut between the TCP handshake and the pool hearing of the client (a balancer dropping, the
    // server stopping): the recovery check is the one query then under way.
    const target = new URL(database.url);
    const cutter = net.createServer((inbound) => {
      const outbound = net.connect(Number(target.port), target.hostname);
      inbound.on('data', (chunk) => {
        if (chunk.includes('pg_is_in_recovery')) {
          inbound.destroy();
          outbound.destroy();
          return;
        }
        outbound.write(chunk);
      });
      outbound.on('data', (chunk) => inbound.write(chunk));
      inbound.on('error', () => outbound.destroy());
      outbound.on('error', () => inbound.destroy());
    });
    await new Promise<void>((resolve) => cutter.listen(0, '127.0.0.1', resolve));
    const via = new URL(database.url);
    via.host = `127.0.0.1:${(cutter.address() as net.AddressInfo).port}`;
    const pool = openPrimaryPool(via.toString(), { max: 2 });
    pool.on('error', () => {});
    const unheard: unknown[] = [];
    const listen = (e: unknown) => unheard.push(e);
    process.on('uncaughtException', listen);
    try {
      await expect(pool.query('select 1')).rejects.toThrow(/Connection terminated|ECONNRESET|closed/i);
      await new Promise((r) => setTimeout(r, 100));
      expect(unheard).toEqual([]);
    } finally {
      process.removeListener('uncaughtException', listen);
      await pool.end();
      await new Promise((r) => cutter.close(r));
    }
  });
});
