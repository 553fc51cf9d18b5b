import { z } from 'zod';
import { CursorParam } from '../../platform/http/cursor.js';
import { EXPORT_STATES } from './tables.js';

export const ExportParams = z.object({ exportId: z.uuid() });

/** The kind and format are checked against the registry by the service (stable codes, not a schema error). */
export const CreateExportBody = z.strictObject({
  kind: z.string().trim().min(1).max(100).describe('product-keys or license-summary'),
  format: z.string().trim().min(1).max(10).describe('tsv, csv or xlsx, as the kind allows'),
  params: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('The kind’s parameters: product-keys {licensingId?}; license-summary {licensingIds?, status?}'),
});

export const ExportListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: CursorParam.optional(),
});

export const ExportJobSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  format: z.string(),
  params: z.record(z.string(), z.unknown()),
  state: z.enum(EXPORT_STATES),
  rowsDone: z.number().int(),
  rowsTotal: z.number().int().nullable(),
  byteSize: z.number().int().nullable(),
  fileName: z.string(),
  attempts: z.number().int(),
  errorCode: z.string().nullable(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
});

export const ExportPageSchema = z.object({ items: z.array(ExportJobSchema), nextCursor: z.string().nullable() });

z.globalRegistry.add(ExportJobSchema, { id: 'ExportJob' });
