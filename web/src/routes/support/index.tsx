import { createRoute } from '@tanstack/react-router';
import { QUEUE_FILTERS, type QueueFilter, SUPPORT_TOPICS, type SupportTopic } from '../../api/support';
import { flag, searchText } from '../../lib/searchParams';
import { appRoute } from '../base';
import { MySupportRequestsPage } from './my-requests';
import { NewSupportRequestPage } from './new-request';
import { type QueueSearch, SupportQueuePage } from './queue';
import { QueuedRequestPage } from './queued-request';
import { SupportRequestPage } from './request';

const topicOf = (value: unknown): SupportTopic | undefined =>
  SUPPORT_TOPICS.includes(value as SupportTopic) ? (value as SupportTopic) : undefined;

const mine = createRoute({
  getParentRoute: () => appRoute,
  path: '/support',
  validateSearch: (search: Record<string, unknown>): { sent?: boolean } => ({ sent: flag(search.sent) || undefined }),
  component: MySupportRequestsPage,
});

const newRequest = createRoute({
  getParentRoute: () => appRoute,
  path: '/support/new',
  // ?topic=…&licensingId=… : a "contact support" link says what it is about.
  validateSearch: (search: Record<string, unknown>): { topic?: SupportTopic; licensingId?: string } => ({
    topic: topicOf(search.topic),
    licensingId: searchText(search.licensingId, 40),
  }),
  component: NewSupportRequestPage,
});

const request = createRoute({
  getParentRoute: () => appRoute,
  path: '/support/requests/$requestId',
  validateSearch: (search: Record<string, unknown>): { sent?: boolean } => ({ sent: flag(search.sent) || undefined }),
  component: SupportRequestPage,
});

const queue = createRoute({
  getParentRoute: () => appRoute,
  path: '/support/queue',
  validateSearch: (search: Record<string, unknown>): QueueSearch => ({
    status: QUEUE_FILTERS.includes(search.status as QueueFilter) ? (search.status as QueueFilter) : 'OPEN',
    topic: topicOf(search.topic),
  }),
  component: SupportQueuePage,
});

const queued = createRoute({
  getParentRoute: () => appRoute,
  path: '/support/queue/$requestId',
  component: QueuedRequestPage,
});

/** Support (R-SUP-1, R-SUP-2): the contact form, the requester's requests, and the publisher's queue. */
export const supportRoutes = [mine, newRequest, request, queue, queued] as const;
