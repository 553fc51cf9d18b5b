import { z } from 'zod';
import { CursorParam } from '../../platform/http/cursor.js';
import { Email, LocaleSchema } from '../identity/schemas.js';

export const LicensingIdParams = z.object({ licensingId: z.uuid() });
export const AssignmentParams = LicensingIdParams.extend({ assignmentId: z.uuid() });

export const SubscriptionLicensingIdsSchema = z.object({
  licensingIds: z.array(z.object({ id: z.uuid(), number: z.string(), name: z.string().nullable(), organization: z.string() })),
});

export const SubscriptionProductSchema = z.object({
  productId: z.uuid(),
  productCode: z.string(),
  productName: z.string(),
  purchased: z.number().int().describe('subscriptions of the product whose term is active today'),
  assigned: z.number().int(),
  remaining: z.number().int().describe('purchased − assigned, never below 0'),
});
export const SubscriptionProductsSchema = z.object({
  licensingId: z.object({ id: z.uuid(), number: z.string(), name: z.string().nullable(), organization: z.string() }),
  products: z.array(SubscriptionProductSchema),
});

export const PersonSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email: Email.describe('the person’s work e-mail address: the instructions are mailed there'),
  locale: LocaleSchema.describe('the language of the mailed instructions'),
});

export const AssignInputSchema = PersonSchema.extend({
  productId: z.uuid(),
  acknowledgePurchaseObligation: z
    .boolean()
    .optional()
    .describe(
      'true: the caller acknowledges that the obligation to purchase takes effect at assignment, whether or not the person activates or uses it; otherwise SUBSCRIPTION_OBLIGATION_NOT_ACKNOWLEDGED',
    ),
});

export const AssignmentSchema = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  productName: z.string(),
  name: z.string(),
  email: z.string(),
  locale: LocaleSchema,
  assignedAt: z.string(),
});

export const AssignmentsQuery = z.object({
  productId: z.uuid().optional(),
  q: z.string().trim().max(200).optional().describe('part of the name or e-mail address'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: CursorParam.optional(),
});
export const AssignmentsSchema = z.object({ items: z.array(AssignmentSchema), nextCursor: z.string().nullable() });
