import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { openDatabase } from '../src/platform/db/client.js';
import { runMigrations } from '../src/platform/db/migrate.js';
import { loadSecrets } from '../src/platform/secrets.js';
import { seedKeys, seedProducts } from '../test/exports/seed-keys.js';
import { benchDatabase } from './bench-database.js';
import { benchServer, sessionCookie } from './bench-server.js';
import { percentile } from './timing.js';

const ROWS = 10_000;
const RUNS = 10;
const PASSWORD = 'bench-password-1';

/** A sink that counts bytes: the reference writes its workbook nowhere, as fast as it can. */
const counting = () => {
  let bytes = 0;
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done();
    },
  });
  return { stream, bytes: () => bytes };
};

/** exceljs's streaming WorkbookWriter alone: the same rows (already in memory), the same shared strings, no HTTP, no database. */
async function exceljsAlone(rows: readonly string[][]): Promise<number> {
  const sink = counting();
  const finished = new Promise((resolve) => sink.stream.on('finish', resolve));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink.stream, useStyles: true, useSharedStrings: true });
  const sheet = book.addWorksheet('Product Keys');
  for (const r of rows) sheet.addRow(r).commit();
  sheet.commit();
  await book.commit();
  await finished;
  return sink.bytes();
}

/**
 * issue 15: a 10,000-row Excel report end to end — the product keys workbook over HTTP (session,
 * scope, query, decryption, typed text cells, streamed) — against exceljs's streaming writer
 * writing the same 10,000 rows alone, in the same run.
 */
export async function excelReportBench() {
  const database = await benchDatabase();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'lsc-bench-xlsx-'));
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const migrated = openDatabase(database.url, 10);
  try {
    await runMigrations(migrated.db);
    await client.query(`insert into organization (name, country, city, domains) values ('Excel Bench', 'SE', 'Lund', '{xlsx.example}')`);
    await client.query(
      `insert into "user" (organization_id, email, first_name, last_name, password_hash)
       select id, 'keys@xlsx.example', 'Bench', 'Excel', $1 from organization where name = 'Excel Bench'`,
      [await hashPassword(PASSWORD)],
    );
    await client.query(`
      insert into licensing_id (organization_id, program_code, kind, number, name, status, start_date, end_date)
        select o.id, 'ENTERPRISE', 'ENROLLMENT', 'X' || lpad(g::text, 7, '0'), 'Excel bench ' || g, 'ACTIVE', date '2020-01-01', date '2030-01-01'
        from organization o, generate_series(0, 9) g where o.name = 'Excel Bench';
      insert into role_grant (user_id, licensing_id, role, source)
        select u.id, l.id, 'PRODUCT_KEYS', 'ADMIN' from "user" u, licensing_id l where u.email = 'keys@xlsx.example'`);
    const secrets = await loadSecrets(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO: 'false' }));
    const lids = (await client.query<{ id: string; organization_id: string }>(`select id, organization_id from licensing_id`)).rows;
    const products = await seedProducts(client, ROWS / lids.length / 4);
    await seedKeys(
      client,
      secrets.keyEncryptionKey,
      { organizationId: lids[0]?.organization_id ?? '', licensingIds: lids.map((l) => l.id), productIds: products },
      ROWS,
    );
    await client.query('vacuum analyze product_key');

    const server = await benchServer(database.url, migrated, dataDir);
    try {
      const cookie = await sessionCookie(server.base, 'keys@xlsx.example', PASSWORD);
      // The rows the reference writes: the key file's, as the workbook holds them.
      const tsv = await (await fetch(`${server.base}/api/v1/product-keys/export?format=tsv`, { headers: { cookie } })).text();
      const rows = tsv
        .trimEnd()
        .split('\r\n')
        .map((l) => l.split('\t'));
      if (rows.length !== ROWS + 1) throw new Error(`the key file had ${rows.length - 1} rows, not ${ROWS}`);
      const http: number[] = [];
      const alone: number[] = [];
      let size = 0;
      for (let i = 0; i < RUNS + 1; i++) {
        let t = performance.now();
        const res = await fetch(`${server.base}/api/v1/product-keys/workbook`, { headers: { cookie } });
        if (!res.ok) throw new Error(`workbook: ${res.status}`);
        size = (await res.arrayBuffer()).byteLength;
        const h = performance.now() - t;
        t = performance.now();
        await exceljsAlone(rows);
        const a = performance.now() - t;
        if (i > 0) {
          // the first round warms both up
          http.push(h);
          alone.push(a);
        }
      }
      console.log(`  workbook ${(size / 1024).toFixed(0)} KiB, ${ROWS.toLocaleString('en-US')} rows × 7 text columns; median of ${RUNS}`);
      return [
        {
          name: '10,000-row Excel report end to end over HTTP (product keys workbook), median',
          value: percentile(http, 50),
          unit: 'ms',
          reference: percentile(alone, 50),
          referenceName: 'exceljs streaming WorkbookWriter writing the same rows alone, median, same run',
          target: '≤ 1,000 ms and ≤ 1.5 × exceljs',
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
