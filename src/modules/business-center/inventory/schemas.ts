import { z } from 'zod';
import { LicenseTypeSchema } from '../../orders/schemas.js';
import { EXPIRY_FLAGS } from './rules.js';

export const InventoryQuerySchema = z.object({
  expiring: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('true: only items expiring within 90 days'),
});

export const InventoryItemSchema = z.object({
  licensingId: z.object({ id: z.uuid(), number: z.string(), programCode: z.string() }),
  product: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  licenseType: LicenseTypeSchema,
  onlineService: z.boolean().describe('an online-service subscription rather than a license'),
  quantity: z.number().int(),
  nextExpiration: z.string().nullable().describe('null: perpetual'),
  expiry: z.object({ flag: z.enum(EXPIRY_FLAGS), daysLeft: z.number().int().nullable() }),
});

export const InventorySchema = z.object({ asOf: z.string(), items: z.array(InventoryItemSchema) });

z.globalRegistry.add(InventoryItemSchema, { id: 'InventoryItem' });
