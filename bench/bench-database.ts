import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../src/platform/db/client.js';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { runMigrations } from '../src/platform/db/migrate.js';
import { freePort } from '../test/helpers/free-port.js';
import { benchServer } from './bench-server.js';

/** A database of its own: on the server at DATABASE_URL, or an embedded PostgreSQL in a temporary folder. */
export async function benchDatabase() {
  const name = `lsc_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  let adminUrl = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let dir: string | undefined;
  if (!adminUrl) {
    dir = await mkdtemp(path.join(tmpdir(), 'lsc-bench-pg-'));
    const server = await startEmbeddedPostgres(dir, await freePort());
    // The benchmark's databases are made by the app's own role, so the app runs as it does in production.
    await server.allowCreatingDatabases();
    adminUrl = server.url;
    stopEmbedded = server.stop;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const urlOf = (db: string) => {
    const u = new URL(adminUrl);
    u.pathname = `/${db}`;
    return u.toString();
  };
  const copies: string[] = [];
  return {
    url: urlOf(name),
    where: process.env.DATABASE_URL ? 'PostgreSQL server at DATABASE_URL' : 'embedded PostgreSQL',
    /** A second database made from this one as it is now (CREATE DATABASE … TEMPLATE); nothing may be connected to this one. */
    async copy() {
      const copy = `${name}_copy${copies.length}`;
      await admin.query(`create database ${copy} template ${name}`);
      copies.push(copy);
      return urlOf(copy);
    },
    async drop() {
      for (const copy of copies) await admin.query(`drop database if exists ${copy} with (force)`);
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
      await stopEmbedded?.();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface MigratedBench {
  /** A plain pg connection for loading rows and for the reference queries. */
  client: pg.Client;
  /** The database's connection string, for more connections of the benchmark's own. */
  url: string;
  migrated: Database;
  /** Which PostgreSQL the run uses (embedded, or the server at DATABASE_URL), for the printout. */
  where: string;
  /** The app on a port of its own over this database; close it when done. */
  serve(): Promise<{ base: string; close(): Promise<void> }>;
}

/**
 * A fresh database migrated to the app's schema, with a pg client and the app at hand, dropped
 * with its data folder after `run` whatever happens: the frame of every benchmark that loads its
 * own rows and measures the API against plain SQL on them.
 */
export async function onMigratedDatabase<T>(run: (bench: MigratedBench) => Promise<T>): Promise<T> {
  const database = await benchDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'lsc-bench-data-'));
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const migrated = openDatabase(database.url, 10);
  try {
    await runMigrations(migrated.db);
    return await run({
      client,
      url: database.url,
      migrated,
      where: database.where,
      serve: () => benchServer(database.url, migrated, dataDir),
    });
  } finally {
    await client.end();
    await migrated.close();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
