import { Readable } from 'node:stream';
import { z } from 'zod';
import { visibleLicensingIds } from '../../../platform/authz/scope.js';
import { notFound } from '../../../platform/errors.js';
import { keyFileChunks, keyTsvChunks, keyWorkbookFromBatches } from '../../keys/export-format.js';
import { keyExportSource } from '../../keys/export-stream.js';
import { type ExportContext, exportKind } from './kind.js';

const Params = z.strictObject({ licensingId: z.uuid().optional() }).describe('All keys the user may view, or one Licensing ID’s');

const source = (ctx: ExportContext, licensingId?: string) =>
  keyExportSource(
    { db: ctx.database.reads.db, pool: ctx.database.reads.pool, keyEncryptionKey: ctx.secrets.keyEncryptionKey },
    ctx.actor,
    licensingId,
  );

/**
 * R-KEY-7: the key file (TSV, CSV or the workbook) of every key the user may view now, or one Licensing ID's.
 * Read on the replica: activation counts may lag the primary by the replication delay.
 */
export const productKeysExport = exportKind({
  formats: ['tsv', 'csv', 'xlsx'],
  params: Params,
  async check(ctx, params) {
    if (params.licensingId === undefined) return;
    const visible = await visibleLicensingIds(ctx.database.db, ctx.actor, 'keys.view');
    if (!visible.includes(params.licensingId)) throw notFound('Licensing ID');
  },
  fileName: (_params, format) => `product-keys.${format}`,
  run(ctx, params, format, progress) {
    const keys = source(ctx, params.licensingId);
    async function* counted<T>(batches: () => AsyncGenerator<T>) {
      progress.total(await keys.count());
      yield* batches();
    }
    const onRows = (n: number) => progress.advance(n);
    if (format === 'xlsx') return keyWorkbookFromBatches(counted(keys.batches), ctx.actor.locale, onRows);
    if (format === 'tsv') return Readable.from(keyTsvChunks(counted(keys.tsvBatches), onRows), { highWaterMark: 1 });
    return Readable.from(keyFileChunks(counted(keys.batches), format, ctx.actor.locale, onRows), { highWaterMark: 1 });
  },
});
