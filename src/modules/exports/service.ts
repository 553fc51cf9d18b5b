import type { Readable } from 'node:stream';
import { and, desc, eq, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { audit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/client.js';
import { DomainError, invalid } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import type { Secrets } from '../../platform/secrets.js';
import type { BlobStore } from '../../platform/storage/index.js';
import { CONTENT_TYPES, type ExportFormat } from './kinds/kind.js';
import { kindOf } from './kinds.js';
import { exportJob } from './tables.js';

export interface ExportsDeps {
  database: Database;
  config: Config;
  clock: Clock;
  secrets: Pick<Secrets, 'keyEncryptionKey'>;
  blobs: BlobStore;
}

type JobRow = typeof exportJob.$inferSelect;

const notFound = () => new DomainError('EXPORT_NOT_FOUND', 404, 'There is no export with this id among yours.');

function view(j: JobRow) {
  const kind = kindOf(j.kind);
  return {
    id: j.id,
    kind: j.kind,
    format: j.format,
    params: (j.params ?? {}) as Record<string, unknown>,
    state: j.state,
    rowsDone: j.rowsDone,
    rowsTotal: j.rowsTotal,
    byteSize: j.byteSize,
    fileName: kind ? kind.fileName(j.params, j.format as ExportFormat, j.finishedAt ?? j.createdAt) : `${j.kind}.${j.format}`,
    attempts: j.attempts,
    errorCode: j.errorCode,
    createdAt: j.createdAt,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt,
    expiresAt: j.expiresAt,
  };
}

export type ExportJobView = ReturnType<typeof view>;

const Position = z.tuple([z.iso.datetime(), z.uuid()]);

/** Background exports as their owner sees them: only their own jobs; another user's is 404. */
export function createExportsService(deps: ExportsDeps) {
  const { db } = deps.database;

  async function own(actor: Actor, id: string): Promise<JobRow> {
    const [job] = await db
      .select()
      .from(exportJob)
      .where(and(eq(exportJob.id, id), eq(exportJob.userId, actor.userId)));
    if (!job) throw notFound();
    return job;
  }

  return {
    /** Queues a job after checking the kind, the format and the parameters; nothing is queued otherwise. */
    async request(actor: Actor, input: { kind: string; format: string; params: Record<string, unknown> }) {
      const kind = kindOf(input.kind);
      if (!kind) throw invalid('EXPORT_KIND_UNKNOWN', 'There is no export of this kind.', { kind: input.kind });
      if (!(kind.formats as readonly string[]).includes(input.format)) {
        throw invalid('EXPORT_FORMAT_UNSUPPORTED', 'This export cannot be written in this format.', { formats: kind.formats });
      }
      const params = kind.params.safeParse(input.params);
      if (!params.success) {
        throw invalid('EXPORT_PARAMS_INVALID', 'The parameters do not fit this kind of export.', {
          issues: params.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
      await kind.check?.({ ...deps, actor }, params.data);
      return db.transaction(async (tx) => {
        const [job] = await tx
          .insert(exportJob)
          .values({
            userId: actor.userId,
            organizationId: actor.organizationId,
            kind: input.kind,
            params: params.data as Record<string, unknown>,
            format: input.format,
            createdAt: deps.clock.now(),
          })
          .returning();
        if (!job) throw new Error('export job not inserted');
        await audit(tx, actor, {
          action: 'exports.request',
          targetType: 'export_job',
          targetId: job.id,
          after: { kind: job.kind, format: job.format, params: job.params },
        });
        return view(job);
      });
    },

    /** The user's own jobs, newest first, a page at a time. */
    async list(actor: Actor, query: { limit: number; cursor?: string }) {
      const after = query.cursor ? decodeCursor(query.cursor, Position) : null;
      const rows = await db
        .select()
        .from(exportJob)
        .where(
          and(
            eq(exportJob.userId, actor.userId),
            after
              ? or(
                  lt(exportJob.createdAt, new Date(after[0])),
                  and(eq(exportJob.createdAt, new Date(after[0])), lt(exportJob.id, after[1])),
                )
              : undefined,
          ),
        )
        .orderBy(desc(exportJob.createdAt), desc(exportJob.id))
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(view),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
      };
    },

    get: async (actor: Actor, id: string) => view(await own(actor, id)),

    /** The finished file, for its owner: 409 while it is not ready, 410 once it expired. */
    async file(actor: Actor, id: string): Promise<{ name: string; type: string; size: number; content: Readable }> {
      const job = await own(actor, id);
      if (job.state === 'EXPIRED') throw new DomainError('EXPORT_EXPIRED', 410, 'The export’s file has expired and was deleted.');
      if (job.state !== 'DONE' || !job.blobKey) {
        throw new DomainError('EXPORT_NOT_READY', 409, 'The export’s file is not ready.', { state: job.state });
      }
      const content = await deps.blobs.get(job.blobKey);
      await audit(db, actor, { action: 'exports.download', targetType: 'export_job', targetId: job.id, after: { bytes: job.byteSize } });
      const v = view(job);
      return {
        name: v.fileName,
        type: CONTENT_TYPES[job.format as ExportFormat] ?? 'application/octet-stream',
        size: job.byteSize ?? 0,
        content,
      };
    },

    /** Cancels a job not finished yet (a running one stops at its next progress write) or deletes a finished one and its file. */
    async remove(actor: Actor, id: string) {
      const job = await db.transaction(async (tx) => {
        const [row] = await tx
          .delete(exportJob)
          .where(and(eq(exportJob.id, id), eq(exportJob.userId, actor.userId)))
          .returning();
        if (!row) throw notFound();
        await audit(tx, actor, {
          action: 'exports.delete',
          targetType: 'export_job',
          targetId: row.id,
          before: { state: row.state, kind: row.kind },
        });
        return row;
      });
      if (job.blobKey) await deps.blobs.delete(job.blobKey);
    },
  };
}

export type ExportsService = ReturnType<typeof createExportsService>;
