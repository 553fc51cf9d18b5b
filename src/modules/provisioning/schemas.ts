import { z } from 'zod';
import { CursorParam } from '../../platform/http/cursor.js';
import { ATTEMPT_OUTCOMES } from './attempt.js';
import { PROVISIONING_EVENT_TYPES } from './events.js';

export const DELIVERY_STATES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export const DeliveryStateSchema = z.enum(DELIVERY_STATES);
export const ProvisioningEventTypeSchema = z.enum(PROVISIONING_EVENT_TYPES);

export const ProvisioningEventQuerySchema = z.object({
  state: DeliveryStateSchema.optional().describe(
    'PENDING: queued (waiting, or retrying); DELIVERED; FAILED: given up after the retry limits',
  ),
  type: ProvisioningEventTypeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: CursorParam.optional(),
});
export type ProvisioningEventQuery = z.infer<typeof ProvisioningEventQuerySchema>;

/** The page position: the last event's creation time and id (newest first). */
export const ProvisioningEventPosition = z.tuple([z.iso.datetime(), z.uuid()]);

export const EventParams = z.object({ eventId: z.uuid() });

const DeliverySchema = z.object({
  state: DeliveryStateSchema,
  attempts: z.number().int().describe('attempts since it was queued (or queued again)'),
  queuedAt: z.date(),
  /** When a worker may next take it (a queued event); null once delivered or failed. */
  nextAttemptAt: z.date().nullable(),
  lastAttemptAt: z.date().nullable(),
  lastOutcome: z.enum(ATTEMPT_OUTCOMES).nullable(),
  deliveredAt: z.date().nullable(),
});

export const ProvisioningEventSummarySchema = z.object({
  id: z.uuid().describe('also the webhook-id the receiver sees'),
  type: ProvisioningEventTypeSchema,
  subject: z.string(),
  createdAt: z.date(),
  delivery: DeliverySchema,
});
export type ProvisioningEventSummary = z.infer<typeof ProvisioningEventSummarySchema>;

export const ProvisioningEventPageSchema = z.object({
  items: z.array(ProvisioningEventSummarySchema),
  nextCursor: z.string().nullable(),
  /** How many events are in each state, all types together: the queue at a glance. */
  counts: z.object({ PENDING: z.number().int(), DELIVERED: z.number().int(), FAILED: z.number().int() }),
  /** Whether a receiver URL is configured: without one, events stay queued. */
  configured: z.boolean(),
});

export const DeliveryAttemptSchema = z.object({
  id: z.uuid(),
  startedAt: z.date(),
  durationMs: z.number().int(),
  outcome: z.enum(ATTEMPT_OUTCOMES),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
});

export const ProvisioningEventDetailSchema = ProvisioningEventSummarySchema.extend({
  data: z.unknown().describe('the webhook payload’s data'),
  /** Newest first, at most the latest 200. */
  attempts: z.array(DeliveryAttemptSchema),
});
export type ProvisioningEventDetail = z.infer<typeof ProvisioningEventDetailSchema>;
