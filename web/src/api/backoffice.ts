import { queryOptions } from '@tanstack/react-query';
import { answer, api, type Body, type Schemas } from './client';

/** An agreement the publisher onboarded, with its Licensing IDs and contacts of record (issue 12, R-REL-6). */
export type AgreementRecord = Schemas['AgreementRecord'];
export type ContactOfRecord = AgreementRecord['contacts'][number];
export type ContactType = ContactOfRecord['type'];
export type Onboarding = Body<'/api/v1/operator/agreements', 'post'>;
export type ContactChange = Body<'/api/v1/operator/agreements/{agreementId}/contacts/{type}', 'put'>;

/** The contacts of record in the order the publisher names them (the server declares the same list). */
export const CONTACT_TYPES: ContactType[] = [
  'PRIMARY_CONTACT',
  'NOTICES_CORRESPONDENT',
  'ONLINE_ADMINISTRATOR',
  'SA_MANAGER',
  'ONLINE_SERVICES_MANAGER',
  'SUBSCRIPTIONS_MANAGER',
];

export const customersQuery = (q: string) =>
  queryOptions({
    queryKey: ['operator-customers', q],
    queryFn: () => answer(api.GET('/api/v1/operator/organizations', { params: { query: { q: q || undefined } } })),
  });

export const customerQuery = (organizationId: string) =>
  queryOptions({
    queryKey: ['operator-customer', organizationId],
    queryFn: () => answer(api.GET('/api/v1/operator/organizations/{organizationId}', { params: { path: { organizationId } } })),
  });

export const onboardAgreement = (body: Onboarding) => answer(api.POST('/api/v1/operator/agreements', { body }));

export const changeContact = (agreementId: string, type: ContactType, body: ContactChange) =>
  answer(api.PUT('/api/v1/operator/agreements/{agreementId}/contacts/{type}', { params: { path: { agreementId, type } }, body }));

export type Ownership = Body<'/api/v1/operator/agreements/{agreementId}/ownership', 'post'>;

/** Renewal of an enrollment: a later end date (active again if it had expired). */
export const renewEnrollment = (licensingId: string, endDate: string) =>
  answer(api.POST('/api/v1/operator/licensing-ids/{licensingId}/renewal', { params: { path: { licensingId } }, body: { endDate } }));

/** Change of ownership of an Open License: it moves to the organization, the new contacts take over. */
export const changeOwner = (agreementId: string, body: Ownership) =>
  answer(api.POST('/api/v1/operator/agreements/{agreementId}/ownership', { params: { path: { agreementId } }, body }));

/** Expiry now, for every customer: the numbers of the Licensing IDs it expired. */
export const runExpiry = () => answer(api.POST('/api/v1/operator/expiry'));
