import { queryOptions } from '@tanstack/react-query';
import { answer, api, type Body, href, type Schemas } from './client';

/** R-REL-6: a change of channel partner as the customer's Administrators and the new partner see it. */
export type PartnerChange = Schemas['PartnerChange'];
export type PartnerChangeStatus = PartnerChange['status'];
export type PartnerChangeCandidate = Schemas['PartnerChangeCandidate'];
export type StartPartnerChange = Body<'/api/v1/partner-changes', 'post'>;

/** Every status in the order a request goes through them (the legend of the list). */
export const PARTNER_CHANGE_STATUSES: PartnerChangeStatus[] = [
  'IN_PROGRESS',
  'GRACE_PERIOD',
  'ACCEPTED',
  'COMPLETED',
  'DECLINED',
  'CANCELED',
  'EXPIRED',
];

export const partnerChangeCandidatesQuery = queryOptions({
  queryKey: ['partner-changes', 'licensing-ids'],
  queryFn: () => answer(api.GET('/api/v1/partner-changes/licensing-ids')),
});

export const partnerChangesQuery = queryOptions({
  queryKey: ['partner-changes', 'list'],
  queryFn: () => answer(api.GET('/api/v1/partner-changes')),
});

export const partnerChangeQuery = (changeId: string) =>
  queryOptions({
    queryKey: ['partner-changes', changeId],
    queryFn: () => answer(api.GET('/api/v1/partner-changes/{changeId}', { params: { path: { changeId } } })),
  });

export const startPartnerChange = (body: StartPartnerChange) => answer(api.POST('/api/v1/partner-changes', { body }));

export const cancelPartnerChange = (changeId: string) =>
  answer(api.POST('/api/v1/partner-changes/{changeId}/cancel', { params: { path: { changeId } } }));

export const incomingPartnerChangesQuery = queryOptions({
  queryKey: ['partner-change-requests'],
  queryFn: () => answer(api.GET('/api/v1/partner-change-requests')),
});

export const incomingPartnerChangeQuery = (changeId: string) =>
  queryOptions({
    queryKey: ['partner-change-requests', changeId],
    queryFn: () => answer(api.GET('/api/v1/partner-change-requests/{changeId}', { params: { path: { changeId } } })),
  });

export const answerPartnerChange = (changeId: string, decision: 'accept' | 'decline') =>
  decision === 'accept'
    ? answer(api.POST('/api/v1/partner-change-requests/{changeId}/accept', { params: { path: { changeId } } }))
    : answer(api.POST('/api/v1/partner-change-requests/{changeId}/decline', { params: { path: { changeId } } }));

/** The request form's address for a plain link (the browser downloads it with the session cookie). */
export const partnerChangeFormUrl = (changeId: string, side: 'customer' | 'partner') =>
  side === 'customer'
    ? href('/api/v1/partner-changes/{changeId}/form', { path: { changeId } })
    : href('/api/v1/partner-change-requests/{changeId}/form', { path: { changeId } });
