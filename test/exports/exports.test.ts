import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExportWorker, type ExportWorkerOptions } from '../../src/modules/exports/worker.js';
import type { Clock } from '../../src/platform/clock.js';
import { loadSecrets } from '../../src/platform/secrets.js';
import type { BlobStore } from '../../src/platform/storage/blob-store.js';
import { openBlobStore } from '../../src/platform/storage/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { openedInLibreOffice, trimmed } from '../helpers/libreoffice.js';
import { type Session, signIn } from '../helpers/session.js';
import { seedKeys, seedProducts } from './seed-keys.js';

const SEEDED = 12_000;

describe('background exports: leased jobs, progress, files, mails, expiry', () => {
  let t: TestApp;
  let keys: Session;
  let admin: Session;
  let viewer: Session;
  let fabrikam: Session;
  let kek: Buffer;
  const q = async <T extends Record<string, unknown>>(text: ReturnType<typeof sql>) => (await t.database.db.execute<T>(text)).rows;
  const worker = (options: Partial<ExportWorkerOptions> = {}, clock: Clock = t.clock, blobs: BlobStore = openBlobStore(t.config)) =>
    createExportWorker(
      { database: t.database, config: t.config, clock, secrets: { keyEncryptionKey: kek }, blobs },
      { progressMs: 20, leaseMs: 5_000, ...options },
    );
  /** A store that takes the file slowly, as a busy disk would: the run then lasts long enough to be watched. */
  const slowStore = (): BlobStore => {
    const store = openBlobStore(t.config);
    return {
      ...store,
      put: (content, options) =>
        store.put(
          (async function* () {
            for await (const chunk of content) {
              await new Promise((r) => setTimeout(r, 10));
              yield chunk as Uint8Array;
            }
          })(),
          options,
        ),
    };
  };
  const queue = async (who: Session, body: object) => {
    const res = await t.as(who).post('/api/v1/exports', body);
    expect(res.statusCode, res.body).toBe(202);
    return res.json() as { id: string; state: string };
  };
  const job = async (id: string) => (await q<Record<string, unknown>>(sql`select * from export_job where id = ${id}`))[0] ?? {};
  const mailsOf = async (template: string) =>
    q<{ to_address: string; locale: string; subject: string; text: string }>(
      sql`select to_address, locale, subject, text from outbox where template = ${template} order by id`,
    );

  beforeAll(async () => {
    t = await createTestApp({ env: { SIGN_IN_IP_LIMIT: '1000' } });
    kek = (await loadSecrets(t.config)).keyEncryptionKey;
    keys = await signIn(t.app, 'keys@contoso.example');
    admin = await signIn(t.app, 'admin@contoso.example');
    viewer = await signIn(t.app, 'viewer@contoso.example');
    fabrikam = await signIn(t.app, 'admin@fabrikam.example');
    // Many keys on the Licensing IDs the keys user holds Product Keys on, for a run long enough to watch.
    const held = await q<{ licensing_id: string; organization_id: string }>(sql`
      select distinct g.licensing_id, l.organization_id from role_grant g join "user" u on u.id = g.user_id
      join licensing_id l on l.id = g.licensing_id
      where u.email = 'keys@contoso.example' and g.role = 'PRODUCT_KEYS' and g.active order by g.licensing_id`);
    const client = await t.database.pool.connect();
    try {
      const products = await seedProducts(client, 1500);
      const organizationId = held[0]?.organization_id ?? '';
      await seedKeys(client, kek, { organizationId, licensingIds: held.map((h) => h.licensing_id), productIds: products }, SEEDED);
    } finally {
      client.release();
    }
  });
  afterAll(() => t.close());

  it('a queued product-keys job runs to DONE; its file is byte for byte the synchronous key file (tsv and csv), and the owner is mailed', async () => {
    for (const format of ['tsv', 'csv'] as const) {
      const queued = await queue(keys, { kind: 'product-keys', format, params: {} });
      expect(queued.state).toBe('QUEUED');
      expect(await worker().runDue()).toBe(1);
      const done = (await t.as(keys).get(`/api/v1/exports/${queued.id}`)).json();
      expect(done).toMatchObject({ state: 'DONE', fileName: `product-keys.${format}`, attempts: 1 });
      expect(done.rowsDone).toBeGreaterThanOrEqual(SEEDED);
      expect(done.rowsTotal).toBe(done.rowsDone);
      const file = await t.as(keys).get(`/api/v1/exports/${queued.id}/file`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-disposition']).toContain(`product-keys.${format}`);
      const sync = await t.as(keys).get(`/api/v1/product-keys/export?format=${format}`);
      expect(file.rawPayload.equals(sync.rawPayload)).toBe(true);
      expect(file.body.split('\r\n').length - 2).toBe(done.rowsDone);
      expect(file.headers['content-length']).toBe(String(done.byteSize));
    }
    const ready = await mailsOf('exportReady');
    expect(ready.map((m) => m.to_address)).toEqual(['keys@contoso.example', 'keys@contoso.example']);
    expect(ready[0]?.text).toContain('http://lsc.test/exports');
    const audit = await q<{ action: string; n: number }>(
      sql`select action, count(*)::int as n from audit_log where action like 'exports.%' group by action order by action`,
    );
    expect(audit).toEqual([
      { action: 'exports.download', n: 2 },
      { action: 'exports.request', n: 2 },
    ]);
  });

  it('R-REP-4: the xlsx job’s cells, opened by LibreOffice, are the key file’s rows (a MAK count like 2/7 stays text); the License Summary job writes its workbook', async () => {
    const queued = await queue(keys, { kind: 'product-keys', format: 'xlsx', params: {} });
    const summary = await queue(admin, { kind: 'license-summary', format: 'xlsx', params: { status: 'all' } });
    expect(await worker().runDue()).toBe(2);
    const book = (await t.as(keys).get(`/api/v1/exports/${queued.id}/file`)).rawPayload;
    const summaryBook = await t.as(admin).get(`/api/v1/exports/${summary.id}/file`);
    expect(summaryBook.statusCode).toBe(200);
    // The workbook is for people: the print view's rows (each Type in the key list's words), not the TSV's.
    const print = (await t.as(keys).get('/api/v1/product-keys/print')).json() as { columns: string[]; rows: string[][] };
    const opened = await openedInLibreOffice({ keys: book, summary: summaryBook.rawPayload });
    const expected = [print.columns, ...print.rows];
    expect((opened.keys ?? []).map(trimmed)).toEqual(expected.map(trimmed));
    expect((opened.keys ?? []).some((r) => r.includes('2/7'))).toBe(true); // a MAK count, text, not a date
    expect((opened.summary ?? [])[0]?.[0]).toBe('License Summary');
  }, 120_000);

  it('progress advances while a job runs, and a worker stopped mid-run hands the job back for the next one, which completes it once', async () => {
    const queued = await queue(keys, { kind: 'product-keys', format: 'tsv', params: {} });
    const seen: number[] = [];
    const first = worker({ progressMs: 5 }, t.clock, slowStore());
    const running = first.runDue();
    for (let i = 0; i < 2000; i++) {
      const j = (await t.as(keys).get(`/api/v1/exports/${queued.id}`)).json();
      if (j.state === 'RUNNING' && j.rowsDone > 0) seen.push(j.rowsDone);
      if (seen.length >= 2 || j.state === 'DONE') break;
      await new Promise((r) => setTimeout(r, 2));
    }
    first.stop();
    await running;
    expect(seen.length).toBeGreaterThan(0);
    const after = await job(queued.id);
    // Seen while still RUNNING: at most every key of the user (the seeded ones and the demo's), never past them.
    expect(seen[0]).toBeLessThanOrEqual(Number(after.rows_total));
    if (after.state !== 'DONE') {
      // Handed back: queued again, the interrupted run not counted, no file kept.
      expect(after).toMatchObject({ state: 'QUEUED', attempts: 0, blob_key: null });
      expect(await worker().runDue()).toBe(1);
    }
    expect(await job(queued.id)).toMatchObject({ state: 'DONE', attempts: 1 });
    const file = await t.as(keys).get(`/api/v1/exports/${queued.id}/file`);
    const sync = await t.as(keys).get('/api/v1/product-keys/export?format=tsv');
    expect(file.rawPayload.equals(sync.rawPayload)).toBe(true);
  });

  it('a job whose node died (RUNNING, lease lapsed) is taken by a new worker and completes exactly once; two workers never run the same job', async () => {
    const died = await queue(keys, { kind: 'product-keys', format: 'csv', params: {} });
    await t.database.db.execute(sql`update export_job set state = 'RUNNING', attempts = 1, lease = gen_random_uuid(),
      lease_until = now() - interval '1 second', rows_done = 500 where id = ${died.id}`);
    const alive = await queue(keys, { kind: 'product-keys', format: 'tsv', params: {} });
    await t.database.db.execute(sql`update export_job set state = 'RUNNING', attempts = 1, lease = gen_random_uuid(),
      lease_until = now() + interval '1 hour' where id = ${alive.id}`);
    const more = [
      await queue(keys, { kind: 'product-keys', format: 'tsv', params: {} }),
      await queue(keys, { kind: 'product-keys', format: 'csv', params: {} }),
    ];
    const before = (await mailsOf('exportReady')).length;
    const [a, b] = await Promise.all([worker().runDue(), worker().runDue()]);
    expect(a + b).toBe(3);
    expect(await job(died.id)).toMatchObject({ state: 'DONE', attempts: 2 });
    // A live node's lease is respected.
    expect(await job(alive.id)).toMatchObject({ state: 'RUNNING', attempts: 1 });
    for (const m of more) expect(await job(m.id)).toMatchObject({ state: 'DONE', attempts: 1 });
    expect((await mailsOf('exportReady')).length - before).toBe(3);
    const file = await t.as(keys).get(`/api/v1/exports/${died.id}/file`);
    const sync = await t.as(keys).get('/api/v1/product-keys/export?format=csv');
    expect(file.rawPayload.equals(sync.rawPayload)).toBe(true);
    await t.as(keys).delete(`/api/v1/exports/${alive.id}`);
  });

  it('a job past its attempts is FAILED with a code and its owner mailed in their language', async () => {
    const queued = await queue(viewer, { kind: 'license-summary', format: 'xlsx', params: {} });
    await t.database.db.execute(sql`update export_job set state = 'RUNNING', attempts = 3, lease = gen_random_uuid(),
      lease_until = now() - interval '1 second' where id = ${queued.id}`);
    expect(await worker().runDue()).toBe(0);
    expect(await job(queued.id)).toMatchObject({ state: 'FAILED', error_code: 'EXPORT_FAILED' });
    const [mail] = await mailsOf('exportFailed');
    expect(mail).toMatchObject({ to_address: 'viewer@contoso.example', locale: 'sv' });
    expect(mail?.subject).toContain('misslyckades');
    const file = await t.as(viewer).get(`/api/v1/exports/${queued.id}/file`);
    expect(file.statusCode).toBe(409);
    expect(file.json().code).toBe('EXPORT_NOT_READY');
  });

  it('the job runs with the user’s scope at run time: a role lost after queueing writes no rows', async () => {
    const queued = await queue(keys, { kind: 'product-keys', format: 'tsv', params: {} });
    await t.database.db.execute(sql`update role_grant set active = false
      where user_id = (select id from "user" where email = 'keys@contoso.example') and role = 'PRODUCT_KEYS'`);
    try {
      expect(await worker().runDue()).toBe(1);
      const file = await t.as(keys).get(`/api/v1/exports/${queued.id}/file`);
      expect(file.body.trimEnd().split('\r\n')).toHaveLength(1); // the header only
      expect((await job(queued.id)).rows_done).toBe(0);
    } finally {
      await t.database.db.execute(sql`update role_grant set active = true
        where user_id = (select id from "user" where email = 'keys@contoso.example') and role = 'PRODUCT_KEYS'`);
    }
  });

  it('finished files expire after 7 days: the daily run deletes them, the job is EXPIRED and the file 410', async () => {
    const queued = await queue(keys, { kind: 'product-keys', format: 'tsv', params: {} });
    expect(await worker().runDue()).toBe(1);
    const { blob_key: key } = await job(queued.id);
    const blobs = openBlobStore(t.config);
    expect(await blobs.stat(String(key))).not.toBeNull();
    expect(await worker().expireDue()).toBe(0);
    const later: Clock = { now: () => new Date(Date.now() + 7 * 86_400_000 + 60_000) };
    expect(await worker({}, later).expireDue()).toBeGreaterThanOrEqual(1);
    expect(await job(queued.id)).toMatchObject({ state: 'EXPIRED', blob_key: null });
    expect(await blobs.stat(String(key))).toBeNull();
    const file = await t.as(keys).get(`/api/v1/exports/${queued.id}/file`);
    expect(file.statusCode).toBe(410);
    expect(file.json().code).toBe('EXPORT_EXPIRED');
  });

  it('another user’s job is 404 on every route; the owner lists theirs newest first, paged, and deletes one', async () => {
    const queued = await queue(keys, { kind: 'product-keys', format: 'tsv', params: {} });
    for (const who of [fabrikam, admin]) {
      expect((await t.as(who).get(`/api/v1/exports/${queued.id}`)).statusCode).toBe(404);
      expect((await t.as(who).get(`/api/v1/exports/${queued.id}/file`)).statusCode).toBe(404);
      const del = await t.as(who).delete(`/api/v1/exports/${queued.id}`);
      expect(del.statusCode).toBe(404);
      expect(del.json().code).toBe('EXPORT_NOT_FOUND');
      expect((await t.as(who).get('/api/v1/exports')).json().items.map((i: { id: string }) => i.id)).not.toContain(queued.id);
    }
    const first = (await t.as(keys).get('/api/v1/exports?limit=2')).json();
    expect(first.items[0].id).toBe(queued.id);
    expect(first.items).toHaveLength(2);
    const second = (await t.as(keys).get(`/api/v1/exports?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((i: { id: string }) => i.id)).not.toContain(queued.id);
    expect((await t.as(keys).get(`/api/v1/exports/${queued.id}/file`)).json().code).toBe('EXPORT_NOT_READY');
    expect((await t.as(keys).delete(`/api/v1/exports/${queued.id}`)).statusCode).toBe(204);
    expect((await t.as(keys).get(`/api/v1/exports/${queued.id}`)).statusCode).toBe(404);
  });

  it('bad input is a problem with a stable code and queues nothing', async () => {
    const count = async () => (await q<{ n: number }>(sql`select count(*)::int as n from export_job`))[0]?.n;
    const before = await count();
    const cases: [object, number, string][] = [
      [{ kind: 'nope', format: 'tsv', params: {} }, 400, 'EXPORT_KIND_UNKNOWN'],
      [{ kind: 'license-summary', format: 'tsv', params: {} }, 400, 'EXPORT_FORMAT_UNSUPPORTED'],
      [{ kind: 'product-keys', format: 'pdf', params: {} }, 400, 'EXPORT_FORMAT_UNSUPPORTED'],
      [{ kind: 'product-keys', format: 'tsv', params: { licensingId: 'x' } }, 400, 'EXPORT_PARAMS_INVALID'],
      [{ kind: 'product-keys', format: 'tsv', params: { extra: 1 } }, 400, 'EXPORT_PARAMS_INVALID'],
      [{ kind: 'product-keys', format: 'tsv', params: { licensingId: '00000000-0000-4000-8000-000000000000' } }, 404, 'NOT_FOUND'],
    ];
    for (const [body, status, code] of cases) {
      const res = await t.as(keys).post('/api/v1/exports', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe(code);
    }
    const nul = await t.as(keys).post('/api/v1/exports', { kind: 'product-keys\u0000', format: 'tsv', params: {} });
    expect(nul.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });
});
