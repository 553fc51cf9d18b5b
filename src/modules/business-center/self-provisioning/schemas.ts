import { z } from 'zod';
import { isDay } from '../../orders/rules.js';
import { REQUEST_STATES } from './rules.js';

export const SelfProvisioningBodySchema = z.object({
  licensingId: z.uuid().describe('the agreement of the account the service is ordered under'),
  productId: z.uuid().describe('the online-service plan'),
  quantity: z.number().int().min(-1_000_000_000).max(1_000_000_000).describe('seats, at least 1 (SELF_PROVISIONING_QUANTITY_INVALID)'),
  commitToOrder: z.boolean().describe('R-BC-5: the customer commits to ordering promptly through the partner; must be true'),
});

export const RequestParams = z.object({ purchasingAccountId: z.uuid(), requestId: z.uuid() });

export const SelfProvisioningRequestSchema = z.object({
  id: z.uuid(),
  purchasingAccount: z.object({ id: z.uuid(), number: z.string(), name: z.string() }),
  licensingId: z.object({ id: z.uuid(), number: z.string() }),
  product: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  quantity: z.number().int(),
  unitPrice: z.number().describe('R-BC-6: the price per seat shown when requested'),
  currency: z.string(),
  state: z.enum(REQUEST_STATES),
  requestedBy: z.string(),
  requestedAt: z.date(),
  orderNumber: z.string().nullable(),
  orderedAt: z.date().nullable(),
  cancelledAt: z.date().nullable(),
});

export const SelfProvisioningListSchema = z.object({ items: z.array(SelfProvisioningRequestSchema) });

export const PlansSchema = z.object({
  asOf: z.string(),
  plans: z.array(
    z.object({
      productId: z.uuid(),
      code: z.string(),
      name: z.string(),
      todaysPrice: z.number(),
      currency: z.string(),
      agreements: z
        .array(z.object({ licensingId: z.uuid(), number: z.string(), unitPrice: z.number(), nextAnniversary: z.string() }))
        .describe('R-BC-6: the price per additional seat under each of the account’s agreements'),
    }),
  ),
});

export const PriceParams = z.object({ productId: z.uuid() });
export const PriceBodySchema = z.object({
  effectiveFrom: z.string().trim().refine(isDay, 'a calendar date YYYY-MM-DD'),
  unitPrice: z.number().min(0).max(1_000_000),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 code'),
});
export const PriceSchema = PriceBodySchema.extend({ productId: z.uuid(), code: z.string(), name: z.string() });

z.globalRegistry.add(SelfProvisioningRequestSchema, { id: 'SelfProvisioningRequest' });
