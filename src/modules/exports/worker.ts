import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Clock } from '../../platform/clock.js';
import { startDailyJob } from '../../platform/daily-job.js';
import type { Database, DbOrTx } from '../../platform/db/client.js';
import { DomainError } from '../../platform/errors.js';
import { enqueueMail } from '../../platform/mail/outbox.js';
import { startPolling } from '../../platform/polling.js';
import type { Secrets } from '../../platform/secrets.js';
import type { BlobStore } from '../../platform/storage/index.js';
import { actorForJob } from '../identity/for-jobs.js';
import type { ExportFormat } from './kinds/kind.js';
import { kindOf } from './kinds.js';
import { exportsMails } from './mails.js';

export interface ExportWorkerDeps {
  database: Database;
  config: Config;
  clock: Clock;
  secrets: Pick<Secrets, 'keyEncryptionKey'>;
  blobs: BlobStore;
}

export interface ExportWorkerOptions {
  /** How long a claim holds a job without being renewed: a node that died hands it back after this. */
  leaseMs: number;
  /** How often a run writes its progress and renews its lease (never more often). */
  progressMs: number;
  /** Runs a job gets (a node dying mid-run counts as one) before it is FAILED and its owner mailed. */
  maxAttempts: number;
  /** How long a finished file is kept. */
  retentionDays: number;
}

export const DEFAULT_EXPORT_OPTIONS: ExportWorkerOptions = { leaseMs: 60_000, progressMs: 500, maxAttempts: 3, retentionDays: 7 };

interface Claimed extends Record<string, unknown> {
  id: string;
  user_id: string;
  kind: string;
  params: unknown;
  format: string;
  attempts: number;
}

/** The job this run no longer holds (cancelled, or taken over after its lease lapsed): the run stops, writing nothing. */
class LeaseLost extends Error {
  constructor() {
    super('The export job is no longer held by this run');
    this.name = 'LeaseLost';
  }
}

class WorkerStopped extends Error {
  constructor() {
    super('The export worker stopped');
    this.name = 'WorkerStopped';
  }
}

const iso = (d: Date) => d.toISOString();

/**
 * Takes the oldest job that is queued, or running under a lease that lapsed (its node died), in one
 * statement: SKIP LOCKED passes over a row another node is taking at this instant, and the new lease
 * keeps it from every other node while this run renews it.
 */
async function claim(db: DbOrTx, now: Date, lease: string, leaseUntil: Date): Promise<Claimed | null> {
  const { rows } = await db.execute<Claimed>(sql`
    update export_job set state = 'RUNNING', lease = ${lease}, lease_until = ${iso(leaseUntil)}::timestamptz,
      attempts = attempts + 1, started_at = ${iso(now)}::timestamptz, rows_done = 0, error_code = null
    where id = (
      select id from export_job
      where state = 'QUEUED' or (state = 'RUNNING' and lease_until < ${iso(now)}::timestamptz)
      order by created_at
      limit 1
      for update skip locked)
    returning id, user_id, kind, params, format, attempts`);
  return rows[0] ?? null;
}

const exportsUrl = (config: Config) => `${config.publicUrl}/exports`;

export function createExportWorker(deps: ExportWorkerDeps, options: Partial<ExportWorkerOptions> = {}) {
  const opts = { ...DEFAULT_EXPORT_OPTIONS, ...options };
  const { db } = deps.database;
  const { clock, config } = deps;
  let stopping = false;

  /** Mails the owner that the job failed, and marks it so, if this run still holds it. */
  async function fail(job: Claimed, lease: string, code: string, fileName: string) {
    await db.transaction(async (tx) => {
      const { rows } = await tx.execute<{ id: string }>(sql`
        update export_job set state = 'FAILED', error_code = ${code}, lease = null, lease_until = null,
          finished_at = ${iso(clock.now())}::timestamptz
        where id = ${job.id} and lease = ${lease} returning id`);
      if (!rows.length) return;
      const owner = await actorForJob(tx, job.user_id, `export:${job.id}`);
      if (!owner) return;
      await enqueueMail(tx, {
        to: owner.email,
        locale: owner.locale,
        template: exportsMails.exportFailed,
        params: { firstName: owner.firstName, fileName, attempts: job.attempts, code, url: exportsUrl(config) },
      });
    });
  }

  /** A failure worth another run goes back to the queue, keeping its code; past the attempts it fails. */
  async function retryOrFail(job: Claimed, lease: string, code: string, fileName: string) {
    if (job.attempts >= opts.maxAttempts) return fail(job, lease, code, fileName);
    await db.execute(sql`
      update export_job set state = 'QUEUED', error_code = ${code}, lease = null, lease_until = null
      where id = ${job.id} and lease = ${lease}`);
  }

  /** One job, start to end; returns whether it finished (DONE). */
  async function runJob(job: Claimed, lease: string): Promise<boolean> {
    const kind = kindOf(job.kind);
    const format = job.format as ExportFormat;
    const started = clock.now();
    const fileName = kind ? kind.fileName(job.params, format, started) : `${job.kind}.${job.format}`;
    if (job.attempts > opts.maxAttempts) {
      await fail(job, lease, 'EXPORT_FAILED', fileName);
      return false;
    }
    const owner = await actorForJob(db, job.user_id, `export:${job.id}`);
    if (!owner) {
      await fail(job, lease, 'EXPORT_OWNER_INACTIVE', fileName);
      return false;
    }
    const params = kind?.params.safeParse(job.params);
    if (!kind?.formats.includes(format) || !params?.success) {
      await fail(job, lease, 'EXPORT_PARAMS_INVALID', fileName);
      return false;
    }

    let rowsDone = 0;
    let rowsTotal: number | null = null;
    let lost = false;
    // Progress and the lease in one write, on a timer: at most every progressMs, however fast rows come.
    const heartbeat = async () => {
      if (lost) return;
      const { rows } = await db.execute<{ id: string }>(sql`
        update export_job set rows_done = ${rowsDone}, rows_total = ${rowsTotal},
          lease_until = ${iso(new Date(clock.now().getTime() + opts.leaseMs))}::timestamptz
        where id = ${job.id} and lease = ${lease} returning id`);
      if (!rows.length) lost = true;
    };
    let beating: Promise<void> = Promise.resolve();
    const timer = setInterval(
      () => {
        beating = beating.then(heartbeat).catch(() => {});
      },
      Math.min(opts.progressMs, opts.leaseMs / 3),
    );
    const progress = {
      total(n: number) {
        rowsTotal = n;
      },
      advance(n: number) {
        if (lost) throw new LeaseLost();
        if (stopping) throw new WorkerStopped();
        rowsDone += n;
      },
    };
    let blobKey: string | null = null;
    try {
      const stored = await deps.blobs.put(kind.run({ ...deps, actor: owner }, params.data, format, progress));
      blobKey = stored.key;
      clearInterval(timer);
      await beating;
      if (lost) throw new LeaseLost();
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + opts.retentionDays * 86_400_000);
      const done = await db.transaction(async (tx) => {
        const { rows } = await tx.execute<{ id: string }>(sql`
          update export_job set state = 'DONE', blob_key = ${stored.key}, byte_size = ${stored.size},
            rows_done = ${rowsDone}, rows_total = ${rowsTotal ?? rowsDone}, lease = null, lease_until = null, error_code = null,
            finished_at = ${iso(now)}::timestamptz, expires_at = ${iso(expiresAt)}::timestamptz
          where id = ${job.id} and lease = ${lease} returning id`);
        if (!rows.length) return false;
        await enqueueMail(tx, {
          to: owner.email,
          locale: owner.locale,
          template: exportsMails.exportReady,
          params: { firstName: owner.firstName, fileName, rows: rowsDone, expiresOn: iso(expiresAt).slice(0, 10), url: exportsUrl(config) },
        });
        return true;
      });
      if (!done) await deps.blobs.delete(stored.key);
      return done;
    } catch (e) {
      clearInterval(timer);
      await beating;
      if (blobKey) await deps.blobs.delete(blobKey).catch(() => {});
      if (e instanceof LeaseLost || lost) return false;
      if (e instanceof WorkerStopped) {
        // A graceful stop hands the job back at once, and the run does not count as an attempt.
        await db.execute(sql`
          update export_job set state = 'QUEUED', attempts = greatest(attempts - 1, 0), lease = null, lease_until = null
          where id = ${job.id} and lease = ${lease}`);
        return false;
      }
      await retryOrFail(job, lease, e instanceof DomainError ? e.code : 'EXPORT_FAILED', fileName);
      throw e;
    }
  }

  return {
    /** Claims and runs jobs until none is due (or the worker stops); returns how many finished. */
    async runDue(): Promise<number> {
      let finished = 0;
      while (!stopping) {
        const lease = randomUUID();
        const now = clock.now();
        const job = await claim(db, now, lease, new Date(now.getTime() + opts.leaseMs));
        if (!job) break;
        if (await runJob(job, lease)) finished++;
      }
      return finished;
    },

    /** The daily clean-up: finished files past their time are deleted, their jobs EXPIRED. Safe on two nodes at once. */
    async expireDue(): Promise<number> {
      const { rows } = await db.execute<{ blob_key: string | null }>(sql`
        update export_job j set state = 'EXPIRED', blob_key = null
        from (select id, blob_key from export_job where state = 'DONE' and expires_at <= ${iso(clock.now())}::timestamptz for update skip locked) old
        where j.id = old.id
        returning old.blob_key`);
      for (const r of rows) if (r.blob_key) await deps.blobs.delete(r.blob_key);
      return rows.length;
    },

    stop() {
      stopping = true;
    },
  };
}

export type ExportWorker = ReturnType<typeof createExportWorker>;

/** The server's export worker (one per node, several nodes side by side) and its daily expiry. */
export function startExportWorker(
  deps: ExportWorkerDeps,
  pollMs: number,
  onError?: (e: unknown) => void,
  options?: Partial<ExportWorkerOptions>,
) {
  const worker = createExportWorker(deps, options);
  const polling = startPolling(() => worker.runDue(), pollMs, onError);
  const expiry = startDailyJob({ clock: deps.clock, run: () => worker.expireDue(), onError });
  return {
    worker,
    async stop() {
      worker.stop();
      await polling.stop();
      await expiry.stop();
    },
  };
}
