import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { type Answer, answer, api, type Query } from './client';

/** The delivery log of the webhooks to the publisher's provisioning system (issue 14), in the back office. */

export type ProvisioningEventPage = Answer<'/api/v1/operator/provisioning/events', 'get'>;
export type ProvisioningEventSummary = ProvisioningEventPage['items'][number];
export type ProvisioningEventDetail = Answer<'/api/v1/operator/provisioning/events/{eventId}', 'get'>;
export type DeliveryAttempt = ProvisioningEventDetail['attempts'][number];
export type DeliveryState = ProvisioningEventSummary['delivery']['state'];
export type ProvisioningEventType = ProvisioningEventSummary['type'];
export type AttemptOutcome = DeliveryAttempt['outcome'];

type EventQuery = Query<'/api/v1/operator/provisioning/events', 'get'>;

/** Records over the generated unions: a new state or type on the server fails `tsc -p web` until listed here. */
const STATES: Record<DeliveryState, true> = { PENDING: true, DELIVERED: true, FAILED: true };
const TYPES: Record<ProvisioningEventType, true> = { 'service.activation': true, 'service.renewal': true, 'service.deprovision': true };
export const DELIVERY_STATES = Object.keys(STATES) as DeliveryState[];
export const PROVISIONING_EVENT_TYPES = Object.keys(TYPES) as ProvisioningEventType[];

export const isDeliveryState = (v: unknown): v is DeliveryState => typeof v === 'string' && v in STATES;
export const isProvisioningEventType = (v: unknown): v is ProvisioningEventType => typeof v === 'string' && v in TYPES;

export const PROVISIONING_PAGE_SIZE = 50;

export interface ProvisioningFilter {
  state?: DeliveryState | undefined;
  type?: ProvisioningEventType | undefined;
}

export const provisioningEventsQuery = (filter: ProvisioningFilter) =>
  infiniteQueryOptions({
    queryKey: ['provisioning-events', filter],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query: EventQuery = { state: filter.state, type: filter.type, limit: PROVISIONING_PAGE_SIZE, cursor: pageParam ?? undefined };
      return answer(api.GET('/api/v1/operator/provisioning/events', { params: { query } }));
    },
    getNextPageParam: (last) => last.nextCursor,
  });

export const provisioningEventQuery = (eventId: string) =>
  queryOptions({
    queryKey: ['provisioning-event', eventId],
    queryFn: () => answer(api.GET('/api/v1/operator/provisioning/events/{eventId}', { params: { path: { eventId } } })),
  });

/** Sends the event again now; the answer is the event with the new attempt. */
export const redeliverEvent = (eventId: string) =>
  answer(api.POST('/api/v1/operator/provisioning/events/{eventId}/redeliver', { params: { path: { eventId } } }));
