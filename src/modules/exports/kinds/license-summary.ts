import { z } from 'zod';
import { summaryXlsx } from '../../orders/export.js';
import { createLicenseSummaryService } from '../../orders/license-summary.js';
import { exportKind } from './kind.js';

const Params = z.strictObject({
  licensingIds: z.array(z.uuid()).max(500).optional(),
  status: z.enum(['active', 'all']).default('all'),
});

/** R-LIC-1, R-REP-4: the License Summary workbook over the Licensing IDs the user may see reports of now (read on the replica, which may lag slightly). */
export const licenseSummaryExport = exportKind({
  formats: ['xlsx'],
  params: Params,
  async check(ctx, params) {
    // A chosen Licensing ID outside the scope is 404 now, as on the synchronous route.
    await createLicenseSummaryService({ db: ctx.database.reads.db, clock: ctx.clock, config: ctx.config }).summary(ctx.actor, params);
  },
  fileName: (_params, format, now) => `license-summary-${now.toISOString().slice(0, 10)}.${format}`,
  run(ctx, params, _format, progress) {
    const service = createLicenseSummaryService({ db: ctx.database.reads.db, clock: ctx.clock, config: ctx.config });
    async function* file() {
      const summary = await service.summary(ctx.actor, params);
      progress.total(summary.rows.length);
      for await (const chunk of summaryXlsx(summary, ctx.actor.locale)) yield chunk as Uint8Array;
      progress.advance(summary.rows.length);
    }
    return file();
  },
});
