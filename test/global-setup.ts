import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/platform/db/client.js';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { runMigrations } from '../src/platform/db/migrate.js';
import { findChromium } from './helpers/chromium.js';
import { ensurePortalBuilt } from './helpers/portal-build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    templateDb: string;
  }
}

const withDb = (url: string, db: string) => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};

/**
 * The throwaway cluster of a run waits on no disk flush: every commit and every cloned database
 * would otherwise be flushed, and with files side by side on a shared machine those flushes queue.
 * Nothing the suite proves rests on a crash of this cluster (the tests that kill PostgreSQL start
 * clusters of their own, as the app does). The PostgreSQL server (DATABASE_URL) keeps its settings.
 */
async function skipDurability(superuserUrl: string) {
  const su = new pg.Client({ connectionString: superuserUrl });
  await su.connect();
  try {
    for (const setting of ['fsync', 'synchronous_commit', 'full_page_writes']) await su.query(`alter system set ${setting} = off`);
    await su.query('select pg_reload_conf()');
  } finally {
    await su.end();
  }
}

/**
 * One PostgreSQL for the run: the server at DATABASE_URL, else an embedded one in a temporary
 * folder. The schema is migrated once into a template database that every test file clones.
 */
export default async function setup(project: TestProject) {
  // Chromium unpacked (when it comes from npm) and the portal built (when its sources are newer)
  // once, before the browser files start side by side: files that each found the build stale would
  // all write web/dist at once, and a server would serve another file's half-written build.
  if (project.name === 'browser') {
    await findChromium();
    await ensurePortalBuilt();
  }
  let adminUrl = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let dir: string | undefined;
  if (!adminUrl) {
    dir = await mkdtemp(path.join(tmpdir(), 'lsc-test-pg-'));
    const server = await startEmbeddedPostgres(dir);
    // The suite connects as the app does, as the app's own role without superuser rights, so a
    // statement that would need them fails here first. Cloning a database per test file takes
    // CREATEDB, granted in this throwaway cluster only (the app's own clusters never have it).
    await server.allowCreatingDatabases();
    await skipDurability(server.adminUrl);
    adminUrl = server.url;
    stopEmbedded = server.stop;
  }
  const templateDb = `lsc_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${templateDb}`);
  const database = openDatabase(withDb(adminUrl, templateDb), 2);
  await runMigrations(database.db);
  await database.close();

  project.provide('pgAdminUrl', adminUrl);
  project.provide('templateDb', templateDb);

  return async () => {
    // Leftover clones of files that crashed go too: this run's only. A LIKE pattern would not do, as
    // its `_` matches any character: run 541's 'lsc_t_541_%' matched run 5419's clones, and dropped
    // them (with force) under another run's tests on the shared server.
    const left = await admin.query<{ datname: string }>('select datname from pg_database where starts_with(datname, $1) or datname = $2', [
      `lsc_t_${process.pid}_`,
      templateDb,
    ]);
    for (const { datname } of left.rows) await admin.query(`drop database if exists ${datname} with (force)`);
    await admin.end();
    await stopEmbedded?.();
    if (dir) await rm(dir, { recursive: true, force: true });
  };
}
