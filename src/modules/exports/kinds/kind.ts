import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { Config } from '../../../config.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Clock } from '../../../platform/clock.js';
import type { Database } from '../../../platform/db/client.js';
import type { Secrets } from '../../../platform/secrets.js';

export const EXPORT_FORMATS = ['tsv', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  tsv: 'text/tab-separated-values; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** What a kind's run may use: the database and secrets, and the owner as they are now. */
export interface ExportContext {
  database: Database;
  config: Config;
  clock: Clock;
  secrets: Pick<Secrets, 'keyEncryptionKey'>;
  /** The requesting user, read again when the job runs: a role lost since is a row not written. */
  actor: Actor;
}

/** How far a run is; the worker writes it down at most every so often, with the lease. */
export interface ExportProgress {
  total(rows: number): void;
  /** Throws once the job is no longer this run's (cancelled, or taken by another node): the run stops. */
  advance(rows: number): void;
}

/**
 * One kind of background export: the formats it writes, its parameters (checked when queued and
 * again when run), and the file, as a stream the worker writes into the blob store. A kind reads
 * its rows through the owning module's port, scoped to `ctx.actor` at run time.
 */
export interface ExportKind<P = unknown> {
  formats: readonly ExportFormat[];
  params: z.ZodType<P>;
  /** At queue time: refuse what cannot run (a Licensing ID the user may not see), as its synchronous route would. */
  check?(ctx: ExportContext, params: P): Promise<void>;
  fileName(params: P, format: ExportFormat, now: Date): string;
  run(ctx: ExportContext, params: P, format: ExportFormat, progress: ExportProgress): Readable | AsyncIterable<Uint8Array>;
}

/** A kind with its parameter type hidden, for the registry. */
export const exportKind = <P>(kind: ExportKind<P>): ExportKind<unknown> => kind as ExportKind<unknown>;
