import { z } from 'zod';
import { LICENSE_POOLS } from './rules.js';

export const PoolSchema = z.enum(LICENSE_POOLS);

export const FamilySchema = z.object({ id: z.uuid(), name: z.string(), productCount: z.number().int() });

export const ProductSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  version: z.string(),
  edition: z.string(),
  pool: PoolSchema,
  category: z.string(),
  isCal: z.boolean(),
  requiresKey: z.boolean(),
  family: z.object({ id: z.uuid(), name: z.string() }),
  priorVersionId: z.uuid().nullable(),
});

export const ProductDetailSchema = ProductSchema.extend({
  /** R-DL-7: prior versions the product may be downgraded to, nearest first. */
  downgradeChain: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string(), version: z.string() })),
});

const Text = (max: number) => z.string().trim().min(1).max(max);

export const NewFamilySchema = z.object({ name: Text(120) });

export const NewProductSchema = z.object({
  code: Text(60).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash, underscore'),
  familyId: z.uuid(),
  name: Text(200),
  version: Text(40),
  edition: z.string().trim().max(80).default(''),
  pool: PoolSchema,
  category: Text(80),
  isCal: z.boolean().default(false),
  requiresKey: z.boolean().default(true),
  priorVersionId: z.uuid().nullable().default(null),
});

export const ProductQuerySchema = z.object({
  familyId: z.uuid().optional(),
  pool: PoolSchema.optional(),
  category: z.string().trim().min(1).max(80).optional(),
  /** Part of the name or code, case-insensitive (R-DL-6 search). */
  q: z.string().trim().min(1).max(100).optional(),
});

export type NewFamily = z.infer<typeof NewFamilySchema>;
export type NewProduct = z.infer<typeof NewProductSchema>;
export type ProductQuery = z.infer<typeof ProductQuerySchema>;
