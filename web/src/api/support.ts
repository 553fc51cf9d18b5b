import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { answer, api, type Body, href, type Query, type Schemas } from './client';

/** R-SUP-1: a request in a list (mine, the publisher's queue) and with its conversation. */
export type SupportRequestSummary = Schemas['SupportRequestSummary'];
export type SupportRequestDetail = Schemas['SupportRequestDetail'];
export type SupportTopic = SupportRequestSummary['topic'];
export type SupportStatus = SupportRequestSummary['status'];
export type NewSupportRequest = Body<'/api/v1/support-requests', 'post'>;
export type NewAttachment = NonNullable<NewSupportRequest['attachments']>[number];
export type AttachmentType = NewAttachment['mediaType'];
export type QueueFilter = NonNullable<Query<'/api/v1/operator/support-requests', 'get'>['status']>;

export const SUPPORT_TOPICS: SupportTopic[] = [
  'SIGN_IN',
  'PERMISSIONS',
  'LICENSING_INFO',
  'DOWNLOADS',
  'PRODUCT_KEYS',
  'ACTIVATION',
  'SOFTWARE_ASSURANCE',
  'WINDOWS_UPGRADE_IMAGING',
  'OTHER',
];
export const QUEUE_FILTERS: QueueFilter[] = ['OPEN', 'AWAITING_ANSWER', 'OVERDUE', 'WAITING_FOR_CUSTOMER', 'CLOSED', 'ALL'];

/** The file types the form accepts, by ending (the server checks the content too). */
export const ATTACHMENT_TYPES: Record<string, AttachmentType> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
  zip: 'application/zip',
};
/** The form's limits; the server's configuration has the last word. */
export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

/** How many requests a page of a list brings (the server allows up to 200). */
export const SUPPORT_PAGE_SIZE = 50;

/** R-SUP-1: the requester's requests, a page at a time. */
export const mySupportRequestsQuery = infiniteQueryOptions({
  queryKey: ['support-requests', 'list'],
  initialPageParam: null as string | null,
  queryFn: ({ pageParam }) =>
    answer(api.GET('/api/v1/support-requests', { params: { query: { limit: SUPPORT_PAGE_SIZE, cursor: pageParam ?? undefined } } })),
  getNextPageParam: (last) => last.nextCursor,
});

export const mySupportRequestQuery = (requestId: string) =>
  queryOptions({
    queryKey: ['support-requests', requestId],
    queryFn: () => answer(api.GET('/api/v1/support-requests/{requestId}', { params: { path: { requestId } } })),
  });

export const createSupportRequest = (body: NewSupportRequest) => answer(api.POST('/api/v1/support-requests', { body }));

export type NewReply = Body<'/api/v1/support-requests/{requestId}/replies', 'post'>;
export type NewAnswer = Body<'/api/v1/operator/support-requests/{requestId}/replies', 'post'>;

export const replyToSupport = (requestId: string, body: NewReply) =>
  answer(api.POST('/api/v1/support-requests/{requestId}/replies', { params: { path: { requestId } }, body }));

export const closeMySupportRequest = (requestId: string) =>
  answer(api.POST('/api/v1/support-requests/{requestId}/close', { params: { path: { requestId } } }));

export const supportQueueQuery = (status: QueueFilter, topic?: SupportTopic) =>
  infiniteQueryOptions({
    queryKey: ['support-queue', status, topic ?? 'all'],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      answer(
        api.GET('/api/v1/operator/support-requests', {
          params: { query: { status, topic, limit: SUPPORT_PAGE_SIZE, cursor: pageParam ?? undefined } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });

export const queuedRequestQuery = (requestId: string) =>
  queryOptions({
    queryKey: ['support-queue', 'request', requestId],
    queryFn: () => answer(api.GET('/api/v1/operator/support-requests/{requestId}', { params: { path: { requestId } } })),
  });

export const answerSupportRequest = (requestId: string, body: NewAnswer) =>
  answer(api.POST('/api/v1/operator/support-requests/{requestId}/replies', { params: { path: { requestId } }, body }));

export const closeQueuedRequest = (requestId: string) =>
  answer(api.POST('/api/v1/operator/support-requests/{requestId}/close', { params: { path: { requestId } } }));

/** An attachment's address for a plain link (the browser downloads it with the session cookie). */
export const attachmentUrl = (requestId: string, attachmentId: string, asPublisher: boolean) =>
  asPublisher
    ? href('/api/v1/operator/support-requests/{requestId}/attachments/{attachmentId}', { path: { requestId, attachmentId } })
    : href('/api/v1/support-requests/{requestId}/attachments/{attachmentId}', { path: { requestId, attachmentId } });
