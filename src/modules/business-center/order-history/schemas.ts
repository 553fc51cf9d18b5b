import { z } from 'zod';
import { ORDER_SORTS } from '../../orders/for-business-center.js';
import { isDay, ORDER_TYPES, PO_STATUSES } from '../../orders/rules.js';

const Day = z.string().trim().refine(isDay, 'a calendar date YYYY-MM-DD');
const Text = z.string().trim().min(1).max(60);

/** R-BC-4: the order history's seven filters, each kept in the portal's address. */
export const OrderHistoryFilterSchema = z.object({
  from: Day.optional().describe('order date from, included'),
  to: Day.optional().describe('order date to, included'),
  orderType: z.enum(ORDER_TYPES).optional(),
  orderingParty: Text.max(200).optional().describe('part of the ordering party’s name'),
  orderNumber: Text.optional().describe('the start of the order number'),
  agreementNumber: Text.optional().describe('an agreement (Licensing ID) number of the account'),
  purchasingAccountNumber: Text.optional().describe('the purchasing account’s number: another account’s number matches nothing'),
  poStatus: z.enum(PO_STATUSES).optional(),
});
export type OrderHistoryFilterQuery = z.infer<typeof OrderHistoryFilterSchema>;

export const OrderHistoryQuerySchema = OrderHistoryFilterSchema.extend({
  sort: z.enum(ORDER_SORTS).default('-orderDate'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional().describe('the `next` of the previous page'),
});

export const OrderHistoryExportQuerySchema = OrderHistoryFilterSchema.extend({
  sort: z.enum(ORDER_SORTS).default('-orderDate'),
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});

export const OrderHistoryRowSchema = z.object({
  id: z.uuid(),
  orderNumber: z.string(),
  orderDate: z.string(),
  orderType: z.enum(ORDER_TYPES),
  orderingParty: z.string(),
  poNumber: z.string().nullable(),
  poStatus: z.enum(PO_STATUSES),
  licensingId: z.object({ id: z.uuid(), number: z.string(), programCode: z.string() }),
  purchasingAccountNumber: z.string(),
  lineCount: z.number().int(),
  totalQuantity: z.number().int(),
});

export const OrderHistoryPageSchema = z.object({
  items: z.array(OrderHistoryRowSchema),
  next: z.string().nullable().describe('pass as `cursor` for the next page; null on the last'),
});

z.globalRegistry.add(OrderHistoryRowSchema, { id: 'OrderHistoryRow' });
