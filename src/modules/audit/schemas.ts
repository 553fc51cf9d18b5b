import { z } from 'zod';
import { AUDIT_ACTIONS } from '../../platform/audit.js';
import { CursorParam } from '../../platform/http/cursor.js';
import { isDay } from '../orders/rules.js';

const Day = z.string().trim().refine(isDay, 'a calendar date YYYY-MM-DD');

/** The audit view's filters; an action outside the catalogue is UNKNOWN_AUDIT_ACTION (checked by the service). */
export const AuditFilterSchema = z.object({
  /** Entries by this person or about them (their e-mail address, any case). */
  person: z.string().trim().min(1).max(254).optional(),
  licensingId: z.uuid().optional(),
  action: z.string().trim().min(1).max(80).optional().describe('One of AuditAction'),
  from: Day.optional().describe('First day (UTC), included'),
  to: Day.optional().describe('Last day (UTC), included'),
});

export const AuditQuerySchema = AuditFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: CursorParam.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** The publisher's view adds the organization (the customer's, or the actor's when no Licensing ID is concerned). */
export const OperatorAuditQuerySchema = AuditQuerySchema.extend({ organizationId: z.uuid().optional() });
export type OperatorAuditQuery = z.infer<typeof OperatorAuditQuerySchema>;

export const AuditExportQuerySchema = AuditFilterSchema;
export const OperatorAuditExportQuerySchema = AuditFilterSchema.extend({ organizationId: z.uuid().optional() });

/** The page position: the last entry's id (entries are listed newest first, by id). */
export const AuditPosition = z.tuple([z.string().regex(/^\d{1,19}$/)]);

export const AuditActionSchema = z.enum(AUDIT_ACTIONS);

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.date(),
  action: AuditActionSchema,
  actor: z.object({ id: z.uuid(), email: z.string(), name: z.string() }).nullable(),
  organization: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  /** The Licensing IDs it concerns that the reader may see. */
  licensingIds: z.array(z.object({ id: z.uuid(), number: z.string() })),
  /** It also concerns Licensing IDs the reader does not administer: before and after are left out. */
  detailWithheld: z.boolean(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditPageSchema = z.object({ items: z.array(AuditEntrySchema), nextCursor: z.string().nullable() });

z.globalRegistry.add(AuditActionSchema, { id: 'AuditAction' });
z.globalRegistry.add(AuditEntrySchema, { id: 'AuditEntry' });
z.globalRegistry.add(AuditPageSchema, { id: 'AuditPage' });
