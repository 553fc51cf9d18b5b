import { z } from 'zod';
import { DELEGATION_STATUSES } from './rules.js';

/** R-SA-7: a partner asks to manage the benefits of Licensing IDs it serves, all of one customer. */
export const RequestDelegationSchema = z.object({
  licensingIds: z
    .array(z.uuid())
    .min(1)
    .max(200)
    .describe('Licensing IDs of one customer, each one the partner is channel partner of record of'),
});
export type RequestDelegation = z.infer<typeof RequestDelegationSchema>;

export const DelegationSchema = z.object({
  id: z.uuid(),
  status: z
    .enum(DELEGATION_STATUSES)
    .describe('PENDING: awaiting the customer; APPROVED: the partner manages the benefits; DENIED, WITHDRAWN, REMOVED: ended'),
  customer: z.object({ id: z.uuid(), name: z.string() }),
  partner: z.object({ name: z.string(), number: z.string() }),
  licensingIds: z.array(z.object({ id: z.uuid(), number: z.string(), name: z.string() })),
  requestedBy: z.string(),
  requestedAt: z.date(),
  changedBy: z.string().nullable().describe('who last approved, denied, withdrew or removed it'),
  changedAt: z.date().nullable(),
});
export type DelegationView = z.infer<typeof DelegationSchema>;

export const DelegationListSchema = z.object({ items: z.array(DelegationSchema) });
export const DelegationParams = z.object({ delegationId: z.uuid() });
