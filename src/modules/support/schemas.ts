import { z } from 'zod';
import { CursorParam } from '../../platform/http/cursor.js';
import {
  ATTACHMENT_MEDIA_TYPES,
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  IMAGING_MACHINES_MAX,
  REPLY_MAX,
  SUBJECT_MAX,
  SUPPORT_AUTHORS,
  SUPPORT_STATUSES,
  SUPPORT_TOPICS,
} from './rules.js';

export const SupportTopicSchema = z.enum(SUPPORT_TOPICS);
export const SupportStatusSchema = z.enum(SUPPORT_STATUSES);

/** The base64 of the largest attachment the schema lets through at all; the configured limit is checked after decoding. */
const BASE64_MAX = Math.ceil((25 * 1024 ** 2) / 3) * 4;

export const NewAttachmentSchema = z.object({
  name: z.string().trim().min(1).max(200),
  mediaType: z.enum(ATTACHMENT_MEDIA_TYPES),
  contentBase64: z.base64().max(BASE64_MAX).describe('the file’s bytes, base64'),
});

/** R-SUP-1: the contact form. R-SUP-2: `imagingVerification` for (and only for) a Windows-upgrade imaging request. */
export const NewSupportRequestSchema = z.object({
  topic: SupportTopicSchema,
  licensingId: z.uuid().nullable().describe('the Licensing ID the request concerns; null for a general question'),
  subject: z
    .string()
    .trim()
    .min(3)
    .max(SUBJECT_MAX)
    .regex(/^[^\r\n\t]*$/, 'one line')
    .describe('one line: it becomes the subject of the mails'),
  description: z.string().trim().min(DESCRIPTION_MIN).max(DESCRIPTION_MAX),
  imagingVerification: z
    .object({
      confirmed: z.boolean().describe('the customer verifies in writing that each machine has a qualifying Windows base license'),
      machines: z.number().int().min(1).max(IMAGING_MACHINES_MAX),
    })
    .optional(),
  attachments: z.array(NewAttachmentSchema).max(50).default([]),
});
export type NewSupportRequest = z.infer<typeof NewSupportRequestSchema>;

/** R-SUP-1: a reply, by either side, with files of its own (the same limits per message as the form). */
export const ReplySchema = z.object({
  body: z.string().trim().min(1).max(REPLY_MAX),
  attachments: z.array(NewAttachmentSchema).max(50).default([]),
});
export type Reply = z.infer<typeof ReplySchema>;
export const OperatorReplySchema = ReplySchema.extend({
  waitForCustomer: z
    .boolean()
    .default(false)
    .describe('the answer asks the requester for something: the status becomes WAITING_FOR_CUSTOMER'),
});

const AttachmentViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
});

const MessageViewSchema = z.object({
  id: z.uuid(),
  author: z.enum(SUPPORT_AUTHORS),
  authorName: z.string(),
  body: z.string(),
  createdAt: z.date(),
  attachments: z.array(AttachmentViewSchema).describe('the files sent with this reply'),
});

/** A request in a list: the requester's own list and the publisher's queue. */
export const SupportRequestSummarySchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  topic: SupportTopicSchema,
  subject: z.string(),
  status: SupportStatusSchema,
  licensingId: z.uuid().nullable(),
  licensingIdNumber: z.string().nullable(),
  organization: z.string(),
  requestedBy: z.string(),
  submittedAt: z.date(),
  updatedAt: z.date(),
  answerDueAt: z.date().nullable().describe('R-SUP-1: when the publisher’s answer is due (24 hours); null when none is owed'),
  overdue: z.boolean(),
});

export const SupportRequestDetailSchema = SupportRequestSummarySchema.extend({
  description: z.string(),
  closedAt: z.date().nullable(),
  imagingVerification: z
    .object({ verifiedBy: z.string(), verifiedAt: z.date(), machines: z.number().int() })
    .nullable()
    .describe('R-SUP-2: who verified the machines’ base licenses, when, and for how many machines'),
  attachments: z.array(AttachmentViewSchema).describe('the files sent with the request (the form); a reply’s are on its message'),
  messages: z.array(MessageViewSchema),
});

export const SupportRequestListSchema = z.object({ items: z.array(SupportRequestSummarySchema), nextCursor: z.string().nullable() });

/** A page of a list (cursor paging, as on every list). */
export const SupportPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: CursorParam.optional(),
});
export type SupportPageQuery = z.infer<typeof SupportPageQuery>;

/** A timestamp as the lists' positions hold it: UTC with the database's microseconds, so no row is skipped or repeated. */
const Instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
/** The requester's list: newest first. */
export const MinePosition = z.tuple([Instant, z.uuid()]);
/** The queue: awaiting an answer first (soonest due first), then the others (latest change first). */
export const QueuePosition = z.tuple([z.boolean(), Instant.nullable(), Instant, z.uuid()]);

export const QUEUE_FILTERS = ['OPEN', 'AWAITING_ANSWER', 'OVERDUE', 'ALL', ...SUPPORT_STATUSES] as const;
export const SupportQueueQuery = SupportPageQuery.extend({
  status: z.enum(QUEUE_FILTERS).default('OPEN').describe('OPEN: all but closed; AWAITING_ANSWER: new or replied by the requester'),
  topic: SupportTopicSchema.optional(),
});
export type SupportQueueFilter = z.infer<typeof SupportQueueQuery>;

export const RequestParams = z.object({ requestId: z.uuid() });
export const AttachmentParams = RequestParams.extend({ attachmentId: z.uuid() });

// Named components of the OpenAPI document: the portal's generated types use these names.
z.globalRegistry.add(SupportRequestSummarySchema, { id: 'SupportRequestSummary' });
z.globalRegistry.add(SupportRequestDetailSchema, { id: 'SupportRequestDetail' });
