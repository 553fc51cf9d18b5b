import { z } from 'zod';
import { PROGRAM_CODES } from '../../relationship/rules.js';
import { PARTNER_CHANGE_DECISIONS, PARTNER_CHANGE_STATUSES } from './rules.js';

export const PartnerChangeStatusSchema = z.enum(PARTNER_CHANGE_STATUSES);

const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\r\n\t]*$/, 'one line');

/** R-REL-6: an Administrator names the new partner (its number) and its notification contact for chosen Licensing IDs. */
export const StartPartnerChangeSchema = z.object({
  licensingIds: z
    .array(z.uuid())
    .min(1)
    .max(200)
    .describe('the Licensing IDs to move; Enterprise family, active, each administered by you'),
  partnerNumber: oneLine(40).describe('the new partner’s partner number, as the publisher registered it (e.g. P-300400)'),
  contact: z.object({
    name: oneLine(120).describe('the new partner’s notification contact: who is asked to accept'),
    email: z.email().max(254).describe('their work e-mail address'),
  }),
});
export type StartPartnerChange = z.infer<typeof StartPartnerChangeSchema>;

const PartnerRefSchema = z.object({ name: z.string(), number: z.string() });

const PartnerChangeLineSchema = z.object({
  licensingId: z.uuid(),
  number: z.string(),
  name: z.string(),
  programCode: z.enum(PROGRAM_CODES),
  oldPartner: PartnerRefSchema.nullable().describe('the partner of record when the change started; null when there was none'),
  status: PartnerChangeStatusSchema,
  completedAt: z.date().nullable(),
});

/** A request as the customer and the new partner see it; `status` is derived from its facts and the time. */
export const PartnerChangeSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: PartnerChangeStatusSchema.describe(
    'IN_PROGRESS: awaiting the new partner (10 days); GRACE_PERIOD: accepted, the old partner remains of record until effectiveAt; ACCEPTED: accepted and due (the grace period is over), the new partner is being recorded; COMPLETED: recorded; DECLINED, CANCELED, EXPIRED: ended without a change',
  ),
  customer: z.string(),
  newPartner: PartnerRefSchema,
  contact: z.object({ name: z.string(), email: z.string() }),
  requestedBy: z.string(),
  requestedAt: z.date(),
  respondBy: z.date(),
  decision: z.enum(PARTNER_CHANGE_DECISIONS).nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.date().nullable(),
  effectiveAt: z.date().nullable(),
  canceledBy: z.string().nullable(),
  canceledAt: z.date().nullable(),
  lines: z.array(PartnerChangeLineSchema),
});
export const PartnerChangeListSchema = z.object({ items: z.array(PartnerChangeSchema) });

/** A Licensing ID the actor administers, with its partner of record and whether a change may start for it now. */
export const PartnerChangeCandidateSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  name: z.string(),
  programCode: z.enum(PROGRAM_CODES),
  partnerOfRecord: PartnerRefSchema.nullable(),
  refusal: z.string().nullable().describe('the problem code a change for it alone would be refused with now; null when it may start'),
});
export const PartnerChangeCandidateListSchema = z.object({ items: z.array(PartnerChangeCandidateSchema) });

export const SweepResultSchema = z.object({
  expired: z.number().int().describe('requests noted as expired (the customer was mailed)'),
  completed: z.number().int().describe('requests whose new partner was recorded'),
});

export const ChangeParams = z.object({ changeId: z.uuid() });

z.globalRegistry.add(PartnerChangeSchema, { id: 'PartnerChange' });
z.globalRegistry.add(PartnerChangeCandidateSchema, { id: 'PartnerChangeCandidate' });
