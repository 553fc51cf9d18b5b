import { queryOptions } from '@tanstack/react-query';
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

export const mySupportRequestsQuery = queryOptions({
  queryKey: ['support-requests'],
  queryFn: () => answer(api.GET('/api/v1/support-requests')),
});

export const mySupportRequestQuery = (requestId: string) =>
  queryOptions({
    queryKey: ['support-requests', requestId],
    queryFn: () => answer(api.GET('/api/v1/support-requests/{requestId}', { params: { path: { requestId } } })),
  });

export const createSupportRequest = (body: NewSupportRequest) => answer(api.POST('/api/v1/support-requests', { body }));

export const replyToSupport = (requestId: string, body: string) =>
  answer(api.POST('/api/v1/support-requests/{requestId}/replies', { params: { path: { requestId } }, body: { body } }));

export const closeMySupportRequest = (requestId: string) =>
  answer(api.POST('/api/v1/support-requests/{requestId}/close', { params: { path: { requestId } } }));

export const supportQueueQuery = (status: QueueFilter, topic?: SupportTopic) =>
  queryOptions({
    queryKey: ['support-queue', status, topic ?? 'all'],
    queryFn: () => answer(api.GET('/api/v1/operator/support-requests', { params: { query: { status, topic } } })),
  });

export const queuedRequestQuery = (requestId: string) =>
  queryOptions({
    queryKey: ['support-queue', 'request', requestId],
    queryFn: () => answer(api.GET('/api/v1/operator/support-requests/{requestId}', { params: { path: { requestId } } })),
  });

export const answerSupportRequest = (requestId: string, body: string, waitForCustomer: boolean) =>
  answer(
    api.POST('/api/v1/operator/support-requests/{requestId}/replies', { params: { path: { requestId } }, body: { body, waitForCustomer } }),
  );

export const closeQueuedRequest = (requestId: string) =>
  answer(api.POST('/api/v1/operator/support-requests/{requestId}/close', { params: { path: { requestId } } }));

/** An attachment's address for a plain link (the browser downloads it with the session cookie). */
export const attachmentUrl = (requestId: string, attachmentId: string, asPublisher: boolean) =>
  asPublisher
    ? href('/api/v1/operator/support-requests/{requestId}/attachments/{attachmentId}', { path: { requestId, attachmentId } })
    : href('/api/v1/support-requests/{requestId}/attachments/{attachmentId}', { path: { requestId, attachmentId } });
