import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/client.js';
import { loadEmbeddedPostgres, startEmbeddedPostgres } from '../../src/platform/db/embedded.js';
import { APP_ROLE, SUPERUSER } from '../../src/platform/db/embedded-roles.js';
import { runMigrations } from '../../src/platform/db/migrate.js';
import { isRunning } from '../../src/platform/db/process-info.js';
import { freePort } from '../helpers/free-port.js';

const root = path.resolve(import.meta.dirname, '../..');

async function query<T extends pg.QueryResultRow = Record<string, unknown>>(url: string | pg.ClientConfig, text: string) {
  const c = new pg.Client(typeof url === 'string' ? { connectionString: url } : url);
  await c.connect();
  try {
    return (await c.query<T>(text)).rows;
  } finally {
    await c.end();
  }
}

/** How a connection attempt ends: 'connected', or the server's refusal. */
async function tryConnect(config: pg.ClientConfig): Promise<string> {
  const c = new pg.Client({ host: '127.0.0.1', database: 'lsc', connectionTimeoutMillis: 5000, ...config });
  try {
    await c.connect();
    await c.end();
    return 'connected';
  } catch (e) {
    return (e as Error).message;
  }
}

const postmasterPid = async (folder: string) => Number((await readFile(path.join(folder, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);

describe('embedded PostgreSQL', () => {
  const dirs: string[] = [];
  const folder = async () => {
    const d = await mkdtemp(path.join(tmpdir(), 'lsc-embedded-'));
    dirs.push(d);
    return d;
  };
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('loading it leaves the exit code alone: a failed run that exits on its own still fails', async () => {
    const embedded = path.resolve(import.meta.dirname, '../../src/platform/db/embedded.ts');
    const script = `const m = await import(${JSON.stringify(embedded)}); await m.loadEmbeddedPostgres(); process.exitCode = 3;`;
    let stderr = '';
    const code = await new Promise<number | null>((resolve) => {
      const child = execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
      child.stderr?.on('data', (d) => {
        stderr += String(d);
      });
      child.on('exit', resolve);
    });
    expect(stderr).toBe('');
    expect(code).toBe(3);
  });

  it('keeps its data and its port across restarts, and starts after a crash left postmaster.pid', async () => {
    const dir = await folder();
    const first = await startEmbeddedPostgres(dir);
    await query(first.url, 'create table kept (v int); insert into kept values (42)');
    await first.stop();
    expect(existsSync(path.join(dir, 'lsc.lock'))).toBe(false);

    // A crash leaves the lock file of a process that no longer exists, and the app's lock too.
    await writeFile(path.join(dir, 'pg', 'postmaster.pid'), '999999\n/nonexistent\n');
    await writeFile(path.join(dir, 'lsc.lock'), '999999\n1\n');
    const second = await startEmbeddedPostgres(dir);
    expect(await query(second.url, 'select v from kept')).toEqual([{ v: 42 }]);
    expect(second.port).toBe(first.port);
    expect(Number((await readFile(path.join(dir, 'pg.port'), 'utf8')).trim())).toBe(first.port);
    await second.stop();
  }, 60_000);

  it('the data folder’s lock cannot be taken twice: of processes racing for it, or for a dead holder’s stale lock, exactly one gets it', async () => {
    const lockModule = path.resolve(import.meta.dirname, '../../src/platform/db/folder-lock.ts');
    const race = async (dir: string) => {
      const go = path.join(dir, 'go');
      // Each contender loads first, then waits for the same start signal, then holds what it got for a while.
      const script = `
        const { existsSync } = await import('node:fs');
        const { lockDataFolder } = await import(${JSON.stringify(lockModule)});
        console.log('ready');
        while (!existsSync(${JSON.stringify(go)})) await new Promise((r) => setTimeout(r, 5));
        try {
          const lock = await lockDataFolder(${JSON.stringify(dir)});
          console.log('got');
          await new Promise((r) => setTimeout(r, 4000));
          await lock.release();
        } catch (e) {
          console.log('refused ' + e.name);
        }`;
      const contenders = Array.from({ length: 4 }, () => {
        const child = execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
        let out = '';
        const ready = new Promise<void>((resolve) =>
          child.stdout?.on('data', (d) => {
            out += String(d);
            if (out.includes('ready')) resolve();
          }),
        );
        const done = new Promise<string>((resolve) => child.on('exit', () => resolve(out)));
        return { ready, done };
      });
      await Promise.all(contenders.map((c) => c.ready));
      await writeFile(go, '');
      return (await Promise.all(contenders.map((c) => c.done))).map((o) => o.replace('ready', '').trim());
    };
    const fresh = await race(await folder());
    expect(fresh.filter((o) => o === 'got')).toHaveLength(1);
    expect(fresh.filter((o) => o === 'refused FolderInUse')).toHaveLength(3);

    const stale = await folder();
    await writeFile(path.join(stale, 'lsc.lock'), '999999\n1\n');
    const broken = await race(stale);
    expect(broken.filter((o) => o === 'got')).toHaveLength(1);
    expect(broken.filter((o) => o === 'refused FolderInUse')).toHaveLength(3);
  }, 120_000);

  it('the password is generated into the data folder (0600); the app role is no superuser; the superuser has no TCP access', async () => {
    const dir = await folder();
    const server = await startEmbeddedPostgres(dir);
    try {
      const file = path.join(dir, 'pg.password');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const password = (await readFile(file, 'utf8')).trim();
      expect(password.length).toBeGreaterThanOrEqual(32);
      expect(password).not.toBe('lsc-embedded'); // the constant an older version used everywhere
      expect(new URL(server.url).username).toBe(APP_ROLE);
      expect(decodeURIComponent(new URL(server.url).password)).toBe(password);
      // The private socket folder: only the app's system user enters it.
      expect((await stat(path.join(dir, 'pg-socket'))).mode & 0o777).toBe(0o700);

      const [role] = await query<{ rolsuper: boolean; rolcreaterole: boolean; owns: boolean }>(
        server.url,
        `select rolsuper, rolcreaterole, (select datdba = r.oid from pg_database where datname = current_database()) as owns
         from pg_roles r where rolname = current_user`,
      );
      expect(role).toEqual({ rolsuper: false, rolcreaterole: false, owns: true });
      await expect(query(server.url, `copy (select 1) to program 'id'`)).rejects.toThrow(
        /permission denied|superuser|pg_execute_server_program/,
      );
      await expect(query(server.url, `create temp table t (v text); copy t from program 'id'`)).rejects.toThrow(
        /permission denied|superuser|pg_execute_server_program/,
      );

      // Over TCP: only the app's role, only with its password.
      const port = server.port;
      expect(await tryConnect({ port, user: APP_ROLE, password })).toBe('connected');
      expect(await tryConnect({ port, user: APP_ROLE, password: 'wrong' })).toMatch(/password authentication failed/);
      expect(await tryConnect({ port, user: APP_ROLE, password: '' })).not.toBe('connected');
      for (const p of ['lsc-embedded', password, '']) {
        expect(await tryConnect({ port, user: SUPERUSER, password: p })).toMatch(/no pg_hba\.conf entry|password/);
      }
      expect(await tryConnect({ port, user: 'postgres', password: 'postgres' })).toMatch(/no pg_hba\.conf entry|password/);
      // The superuser itself works, over the private socket only.
      expect(await query(server.adminUrl, 'select rolsuper from pg_roles where rolname = current_user')).toEqual([{ rolsuper: true }]);
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('a data folder of an older version (a superuser with a password owning everything) carries on, handed to the app role', async () => {
    const dir = await folder();
    // As root the cluster runs as the postgres user, which must pass through the folder.
    if (process.getuid?.() === 0) await chmod(dir, 0o711);
    // The cluster as the older version made it: its superuser owned the app's database and every
    // object in it, with a password and TCP access for all.
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    const oldPassword = randomBytes(12).toString('hex');
    const port = await freePort();
    const isRoot = process.getuid?.() === 0;
    const old = new EmbeddedPostgres({
      databaseDir: path.join(dir, 'pg'),
      port,
      user: SUPERUSER,
      password: oldPassword,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8', '--locale=C', '--lc-messages=C'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: () => {},
      onError: () => {},
    });
    await old.initialise();
    await old.start();
    const oldUrl = `postgres://${SUPERUSER}:${oldPassword}@127.0.0.1:${port}`;
    await query(`${oldUrl}/postgres`, 'create database lsc');
    const legacy = openDatabase(`${oldUrl}/lsc`, 1);
    await runMigrations(legacy.db);
    await legacy.close();
    await query(`${oldUrl}/lsc`, `insert into organization (name, country) values ('Old data Ltd', 'SE')`);
    await old.stop();

    const server = await startEmbeddedPostgres(dir, port);
    try {
      expect(await query(server.url, `select name from organization where name = 'Old data Ltd'`)).toEqual([{ name: 'Old data Ltd' }]);
      // Everything the superuser made now belongs to the app's role: migrations go on as it.
      const foreign = await query(
        server.url,
        `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname in ('public', 'drizzle') and c.relowner <> (select oid from pg_roles where rolname = current_user)`,
      );
      expect(foreign).toEqual([]);
      const app = openDatabase(server.url, 1);
      await runMigrations(app.db);
      await app.db.execute('alter table organization add column upgrade_check int');
      await app.db.execute('alter table organization drop column upgrade_check');
      await app.close();
      // The superuser's old password no longer opens anything.
      expect(await tryConnect({ port, user: SUPERUSER, password: oldPassword })).not.toBe('connected');
      expect(await query(server.adminUrl, `select rolpassword is null as none from pg_authid where rolname = '${SUPERUSER}'`)).toEqual([
        { none: true },
      ]);
    } finally {
      await server.stop();
    }
  }, 90_000);
});

/** `lsc start` as a real process on an embedded database in `dataDir`. */
function lscStart(dataDir: string, port: number, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [path.join(root, 'bin/lsc.mjs'), 'start'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: '',
      EMBEDDED_PG_PORT: '',
      DATA_DIR: dataDir,
      PORT: String(port),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function health(url: string): Promise<{ http: number; database?: { up: boolean } } | null> {
  try {
    const res = await fetch(`${url}/api/health`);
    return { ...((await res.json()) as object), http: res.status };
  } catch {
    return null;
  }
}

async function healthy(url: string, child: ChildProcess) {
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`lsc start exited with ${child.exitCode}`);
    if ((await health(url))?.http === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('lsc start did not answer in time');
}

async function kill(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

describe('`lsc start` on an embedded data folder', () => {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  const start = (dataDir: string, port: number, env?: Record<string, string>) => {
    const s = lscStart(dataDir, port, env);
    children.push(s.child);
    return s;
  };
  afterAll(async () => {
    for (const c of children) await kill(c, 'SIGTERM');
    for (const d of dirs) {
      // A postmaster left behind by a killed app of this test goes too.
      const pid = await postmasterPid(d).catch(() => 0);
      if (pid && (await isRunning(pid))) process.kill(pid, 'SIGINT');
    }
    await new Promise((r) => setTimeout(r, 500));
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('a second start on the same folder is refused naming the first, which keeps running; a killed app’s server is shut down and restarted; two folders run side by side', async () => {
    const one = await mkdtemp(path.join(tmpdir(), 'lsc-start-one-'));
    const two = await mkdtemp(path.join(tmpdir(), 'lsc-start-two-'));
    dirs.push(one, two);
    const urlOf = (port: number) => `http://127.0.0.1:${port}`;

    const firstPort = await freePort();
    const first = start(one, firstPort);
    await healthy(urlOf(firstPort), first.child);

    // The same folder again: refused, naming the process that holds it; nothing of the first is touched.
    const second = start(one, await freePort());
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toContain(`pid ${first.child.pid}`);
    expect(second.output()).toContain('in use');
    expect(await health(urlOf(firstPort))).toMatchObject({ http: 200, database: { up: true } });

    // Another folder at the same time: its own database, on a port of its own, remembered.
    const otherPort = await freePort();
    const other = start(two, otherPort);
    await healthy(urlOf(otherPort), other.child);
    const pgPorts = await Promise.all([one, two].map(async (d) => Number(await readFile(path.join(d, 'pg.port'), 'utf8'))));
    expect(pgPorts[0]).not.toBe(pgPorts[1]);
    expect(await health(urlOf(firstPort))).toMatchObject({ http: 200, database: { up: true } });

    // A port taken by something else, asked for by name: the message names the port and what holds it.
    const three = await mkdtemp(path.join(tmpdir(), 'lsc-start-three-'));
    dirs.push(three);
    const taken = start(three, await freePort(), { EMBEDDED_PG_PORT: String(pgPorts[1]) });
    expect(await taken.exited).not.toBe(0);
    expect(taken.output()).toContain(`Port ${pgPorts[1]}`);
    expect(taken.output()).toMatch(/in use by pid \d+ \(\S*postgres/);
    expect(taken.output()).not.toContain('undefined');
    expect(await health(urlOf(firstPort))).toMatchObject({ http: 200, database: { up: true } });

    // The first app is killed outright; its PostgreSQL lives on, orphaned. The next start shuts it down and runs its own.
    const orphan = await postmasterPid(one);
    await kill(first.child, 'SIGKILL');
    expect(await isRunning(orphan)).toBe(true);
    const againPort = await freePort();
    const again = start(one, againPort);
    await healthy(urlOf(againPort), again.child);
    // Gone (a zombie at most, where no parent collects it).
    expect(await isRunning(orphan)).toBe(false);
    expect(await postmasterPid(one)).not.toBe(orphan);
    expect(again.output()).toContain(`127.0.0.1:${pgPorts[0]}`);
    expect(await health(urlOf(otherPort))).toMatchObject({ http: 200, database: { up: true } });

    // Stopped properly, a folder is free for the next start at once.
    await kill(again.child, 'SIGTERM');
    expect(existsSync(path.join(one, 'lsc.lock'))).toBe(false);
  }, 240_000);
});
