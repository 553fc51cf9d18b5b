import { queryOptions } from '@tanstack/react-query';
import { type Answer, answer, api, type Body } from './client';

/** R-SA-5: the publisher's training providers, which redeem training vouchers with their own API credential. */
export type TrainingProvider = Answer<'/api/v1/operator/training-providers', 'get'>['items'][number];
export type NewTrainingProvider = Body<'/api/v1/operator/training-providers', 'post'>;

export const trainingProvidersQuery = queryOptions({
  queryKey: ['operator-training-providers'],
  queryFn: () => answer(api.GET('/api/v1/operator/training-providers')),
});

export const registerTrainingProvider = (body: NewTrainingProvider) => answer(api.POST('/api/v1/operator/training-providers', { body }));

/** Issues the provider's credential or rotates it; the answer holds the secret, once. */
export const issueProviderCredential = (providerId: string) =>
  answer(api.POST('/api/v1/operator/training-providers/{providerId}/credential', { params: { path: { providerId } } }));

export const revokeProviderCredential = (providerId: string) =>
  answer(api.DELETE('/api/v1/operator/training-providers/{providerId}/credential', { params: { path: { providerId } } }));
