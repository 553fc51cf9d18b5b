import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { keyExportSql } from '../src/modules/keys/export-stream.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { openDatabase } from '../src/platform/db/client.js';
import { runMigrations } from '../src/platform/db/migrate.js';
import { loadSecrets } from '../src/platform/secrets.js';
import { seedKeys, seedProducts } from '../test/exports/seed-keys.js';
import { benchDatabase } from './bench-database.js';
import { benchServer, sessionCookie } from './bench-server.js';

const KEYS = 1_000_000;
const LICENSING_IDS = 100;
const PRODUCTS = KEYS / LICENSING_IDS / 4;
const PASSWORD = 'bench-password-1';
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

/** One organization, 100 Licensing IDs with a Product Keys user on all of them, 2,500 products. */
async function load(client: pg.Client, passwordHash: string) {
  await client.query(`insert into organization (name, country, city, domains) values ('Keys Bench', 'SE', 'Malmö', '{keys.example}')`);
  await client.query(
    `insert into "user" (organization_id, email, first_name, last_name, password_hash)
     select id, 'keys@keys.example', 'Bench', 'Keys', $1 from organization where name = 'Keys Bench'`,
    [passwordHash],
  );
  await client.query(`
    insert into licensing_id (organization_id, program_code, kind, number, name, status, start_date, end_date)
      select o.id, 'ENTERPRISE', 'ENROLLMENT', 'K' || lpad(g::text, 7, '0'), 'Keys bench ' || g, 'ACTIVE', date '2020-01-01', date '2030-01-01'
      from organization o, generate_series(0, ${LICENSING_IDS - 1}) g where o.name = 'Keys Bench';
    insert into role_grant (user_id, licensing_id, role, source)
      select u.id, l.id, 'PRODUCT_KEYS', 'ADMIN' from "user" u, licensing_id l where u.email = 'keys@keys.example'`);
}

/** psql's \copy of a query to standard output, bytes counted and thrown away: PostgreSQL's own speed at writing these rows. */
function psqlCopy(url: string, query: string): Promise<{ ms: number; bytes: number; lines: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // The same work_mem as the route's cursor, so both sort alike.
    const child = spawn('psql', [url, '-X', '-q', '-c', `\\copy (${query.replace(/\s+/g, ' ')}) to stdout`], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, PGOPTIONS: '-c work_mem=64MB' },
    });
    let bytes = 0;
    let lines = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve({ ms: performance.now() - started, bytes, lines }) : reject(new Error(`psql exited ${code}`)),
    );
  });
}

/** The export's SQL with its parameters written in (uuids and role names only), for \copy. */
const inlined = (q: { sql: string; params: unknown[] }) =>
  q.sql.replace(/\$(\d+)/g, (_, n: string) => `'${String(q.params[Number(n) - 1]).replaceAll("'", "''")}'`);

/**
 * issue 15: a million product keys as the TSV key file over HTTP (the streaming route: a cursor,
 * 10,000 rows a fetch, each batch decrypted on a worker thread while the one before is written),
 * against PostgreSQL writing the same rows with COPY in the same run; and how far the server's
 * resident memory grew meanwhile, during the first 100,000 rows (warm-up) and after them (flat).
 */
export async function keysTsvBench() {
  const database = await benchDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'lsc-bench-keys-'));
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const migrated = openDatabase(database.url, 10);
  try {
    await runMigrations(migrated.db);
    const started = performance.now();
    await load(client, await hashPassword(PASSWORD));
    const secrets = await loadSecrets(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO: 'false' }));
    const lids = (
      await client.query<{ id: string; organization_id: string }>(`select id, organization_id from licensing_id order by number`)
    ).rows;
    const products = await seedProducts(client, PRODUCTS);
    await seedKeys(
      client,
      secrets.keyEncryptionKey,
      { organizationId: lids[0]?.organization_id ?? '', licensingIds: lids.map((l) => l.id), productIds: products },
      KEYS,
    );
    for (const t of ['product_key', 'product', 'licensing_id', 'role_grant']) await client.query(`vacuum analyze ${t}`);
    console.log(
      `  ${database.where}: ${KEYS.toLocaleString('en-US')} keys loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const userId = (await client.query<{ id: string }>(`select id from "user" where email = 'keys@keys.example'`)).rows[0]?.id ?? '';

    const server = await benchServer(database.url, migrated, dataDir);
    try {
      const cookie = await sessionCookie(server.base, 'keys@keys.example', PASSWORD);
      global.gc?.();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 10);
      const t0 = performance.now();
      const res = await fetch(`${server.base}/api/v1/product-keys/export?format=tsv`, { headers: { cookie } });
      if (!res.ok || !res.body) throw new Error(`key file: ${res.status} ${await res.text()}`);
      let lines = 0;
      let bytes = 0;
      let peakAtTenth = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        if (!peakAtTenth && lines >= KEYS / 10) peakAtTenth = peak;
      }
      const httpMs = performance.now() - t0;
      clearInterval(sampler);
      const rows = lines - 1;
      if (rows !== KEYS) throw new Error(`the key file had ${rows} rows, not ${KEYS}`);
      const copy = await psqlCopy(database.url, inlined(keyExportSql(migrated.db, { userId })));
      if (copy.lines !== KEYS) throw new Error(`COPY wrote ${copy.lines} rows, not ${KEYS}`);
      console.log(
        `  key file ${(bytes / 2 ** 20).toFixed(0)} MiB in ${(httpMs / 1000).toFixed(2)} s; COPY ${(copy.bytes / 2 ** 20).toFixed(0)} MiB in ${(copy.ms / 1000).toFixed(2)} s; peak RSS growth of the process serving it ${mib(peak - baseline)} MiB: ${mib(peakAtTenth - baseline)} MiB in the first 100,000 rows (warm-up), ${mib(peak - peakAtTenth)} MiB in the 900,000 after`,
      );
      return [
        {
          name: `1,000,000-key TSV export over HTTP (cursor, decrypted, streamed), rows/s`,
          value: KEYS / (httpMs / 1000),
          unit: 'rows/s',
          reference: KEYS / (copy.ms / 1000),
          referenceName: 'PostgreSQL COPY (same query, ciphertext) TO STDOUT via psql, same run',
          target: '≥ 100,000 rows/s',
        },
        {
          name: 'peak RSS growth of the server process after warm-up (rows 100,001 to 1,000,000)',
          value: (peak - peakAtTenth) / 2 ** 20,
          unit: 'MiB',
          reference: (peakAtTenth - baseline) / 2 ** 20,
          referenceName: 'its growth during warm-up (the first 100,000 rows)',
          target: 'flat: about 0 after warm-up, the growth does not follow the rows',
        },
      ];
    } finally {
      await server.close();
    }
  } finally {
    await client.end();
    await migrated.close();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
