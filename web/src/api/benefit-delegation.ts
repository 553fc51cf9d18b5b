import { queryOptions } from '@tanstack/react-query';
import { answer, api } from './client';

/** R-SA-7: a partner's requests to manage a customer's benefits, from either side. */
export type Delegation = Awaited<ReturnType<typeof listCustomer>>['items'][number];
export type DelegationStep = 'approve' | 'deny' | 'remove';

const listCustomer = () => answer(api.GET('/api/v1/benefit-delegations'));

export const customerDelegationsQuery = queryOptions({ queryKey: ['benefit-delegations', 'customer'], queryFn: listCustomer });

export const partnerDelegationsQuery = queryOptions({
  queryKey: ['benefit-delegations', 'partner'],
  queryFn: () => answer(api.GET('/api/v1/partner/benefit-delegations')),
});

export const requestDelegation = (licensingIds: string[]) =>
  answer(api.POST('/api/v1/partner/benefit-delegations', { body: { licensingIds } }));

export const withdrawDelegation = (delegationId: string) =>
  answer(api.POST('/api/v1/partner/benefit-delegations/{delegationId}/withdraw', { params: { path: { delegationId } } }));

export const decideDelegation = (delegationId: string, step: DelegationStep) => {
  const params = { params: { path: { delegationId } } };
  if (step === 'approve') return answer(api.POST('/api/v1/benefit-delegations/{delegationId}/approve', params));
  if (step === 'deny') return answer(api.POST('/api/v1/benefit-delegations/{delegationId}/deny', params));
  return answer(api.POST('/api/v1/benefit-delegations/{delegationId}/remove', params));
};
