import { z } from 'zod';
import { PoolSchema } from '../catalog/schemas.js';
import { KEY_REQUEST_KINDS } from '../permissions/key-requests/rules.js';
import { EXPORT_COLUMNS } from './export-format.js';
import { KEY_REQUEST_STATUSES, KEY_TYPES } from './rules.js';

export const KeyTypeSchema = z.enum(KEY_TYPES);

const ProductSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  version: z.string(),
  edition: z.string(),
  pool: PoolSchema,
});

const Count = z.object({ used: z.number().int(), limit: z.number().int(), available: z.number().int() });

/** R-KEY-7: one key on the Product Keys page, with its value (only ever sent to keys.view holders, R-KEY-9). */
export const KeyViewSchema = z.object({
  id: z.uuid(),
  licensingId: z.uuid(),
  licensingIdNumber: z.string(),
  licensingIdName: z.string(),
  parentProgram: z.string(),
  organization: z.string(),
  product: ProductSchema,
  type: KeyTypeSchema,
  productKey: z.string(),
  lastFive: z.string(),
  activations: Count.nullable().describe('MAK: activations; KMS_HOST: hosts; OSA: redemptions; null for a setup key'),
  perHostActivations: z.number().int().nullable().describe('KMS_HOST: activations each host may use'),
  issuedAt: z.date(),
});

export const KeyListSchema = z.object({ items: z.array(KeyViewSchema) });

export const LicensingIdKeysSchema = z.object({
  items: z.array(KeyViewSchema),
  noKeyNeeded: z.array(z.object({ product: ProductSchema, reason: z.enum(['CAL', 'NO_KEY_REQUIRED']) })),
});

export const ExportQuery = z.object({ format: z.enum(['tsv', 'csv']).default('tsv') });
export const AllExportQuery = ExportQuery.extend({ licensingId: z.uuid().optional() });
export const PrintQuery = z.object({ licensingId: z.uuid().optional() });

/** R-KEY-7: the print view the portal renders: the same columns and rows as the file. */
export const PrintViewSchema = z.object({
  generatedAt: z.date(),
  licensingIdNumber: z.string().nullable(),
  columns: z.array(z.enum(EXPORT_COLUMNS)),
  rows: z.array(z.array(z.string())),
  count: z.number().int(),
});

export const IssueKeyBody = z.object({
  type: KeyTypeSchema,
  productId: z.uuid(),
  activationLimit: z.number().int().min(0).max(10_000_000).optional(),
});

const IssuedKeySchema = z.object({
  id: z.uuid(),
  type: KeyTypeSchema,
  productId: z.uuid(),
  lastFive: z.string(),
  activationLimit: z.number().int(),
});
export const IssuedKeyResponse = IssuedKeySchema;
export const IssueByRulesResponse = z.object({
  issued: z.array(IssuedKeySchema),
  raised: z.array(z.object({ keyId: z.uuid(), activationLimit: z.number().int() })),
  noKeyNeeded: z.array(z.object({ productId: z.uuid(), reason: z.enum(['CAL', 'NO_KEY_REQUIRED']) })),
});

/** R-PERM-13: a request as the requester and the publisher's queue see it. */
export const KeyRequestViewSchema = z.object({
  id: z.uuid(),
  kind: z.enum(KEY_REQUEST_KINDS),
  status: z.enum(KEY_REQUEST_STATUSES),
  licensingId: z.uuid(),
  licensingIdNumber: z.string(),
  organization: z.string(),
  requestedBy: z.string(),
  agreementNumber: z.string().nullable(),
  licenseNumber: z.string().nullable(),
  authorizationNumber: z.string().nullable(),
  product: z.object({ name: z.string(), version: z.string(), edition: z.string() }),
  keyLastFive: z.string(),
  keyType: KeyTypeSchema,
  currentLimit: z.number().int(),
  used: z.number().int(),
  activationsWanted: z.number().int(),
  justification: z.string(),
  createdAt: z.date(),
  decidedAt: z.date().nullable(),
  decisionNote: z.string().nullable(),
  activationsGranted: z.number().int().nullable(),
});

export const KeyRequestQueueQuery = z.object({ status: z.enum(['PENDING', 'APPROVED', 'DENIED', 'ALL']).default('PENDING') });

export const DecisionBody = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('APPROVE'),
    activations: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .optional()
      .describe('granted; default: the number asked for (ignored for a KMS exception)'),
    note: z.string().trim().max(2000).optional(),
  }),
  z.object({ decision: z.literal('DENY'), note: z.string().trim().max(2000).optional() }),
]);

// Named components of the OpenAPI document: the portal's generated types use these names.
z.globalRegistry.add(KeyViewSchema, { id: 'KeyView' });
z.globalRegistry.add(PrintViewSchema, { id: 'PrintView' });
z.globalRegistry.add(KeyRequestViewSchema, { id: 'KeyRequestView' });
