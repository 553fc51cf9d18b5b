import { queryOptions } from '@tanstack/react-query';
import { type Answer, answer, api, type Body } from './client';

/** R-OS-1…R-OS-7: the enrollments' online services, the activation mail, the link and the OSA key. */
export type OnlineServicesOverview = Answer<'/api/v1/online-services', 'get'>;
export type ServiceEnrollment = OnlineServicesOverview['enrollments'][number];
export type OnlineService = ServiceEnrollment['services'][number];
export type LinkInfo = Answer<'/api/v1/online-services/activation-links/{token}', 'get'>;
export type AccountChoice = Body<'/api/v1/online-services/activation-links/{token}/activate', 'post'>;

export const onlineServicesQuery = queryOptions({
  queryKey: ['online-services'],
  queryFn: () => answer(api.GET('/api/v1/online-services')),
});

export const resendActivationMail = (licensingId: string, productId: string, contact?: { name: string; email: string }) =>
  answer(
    api.POST('/api/v1/licensing-ids/{licensingId}/online-services/{productId}/activation-mail', {
      params: { path: { licensingId, productId } },
      body: contact ? { contact } : {},
    }),
  );

export const activationLinkQuery = (token: string) =>
  queryOptions({
    queryKey: ['activation-link', token],
    queryFn: () => answer(api.GET('/api/v1/online-services/activation-links/{token}', { params: { path: { token } } })),
    retry: false,
  });

export const activateByLink = (token: string, body: AccountChoice) =>
  answer(api.POST('/api/v1/online-services/activation-links/{token}/activate', { params: { path: { token } }, body }));

/** R-OS-7, R-OS-5: the accounts the signed-in user administers, to activate an OSA key into. */
export const myServiceAccountsQuery = queryOptions({
  queryKey: ['online-services', 'my-accounts'],
  queryFn: () => answer(api.GET('/api/v1/online-services/accounts')),
});

export const activateByKey = (key: string, account: AccountChoice) =>
  answer(api.POST('/api/v1/online-services/osa-activations', { body: { key, account } }));

/** R-OS-4: the domains verified on the account an enrollment is linked to, added and removed by its Administrator or OSM. */
export const accountDomainsQuery = (licensingId: string) =>
  queryOptions({
    queryKey: ['online-services', 'domains', licensingId],
    queryFn: () => answer(api.GET('/api/v1/licensing-ids/{licensingId}/online-services/domains', { params: { path: { licensingId } } })),
  });

export const addAccountDomain = (licensingId: string, domain: string) =>
  answer(api.POST('/api/v1/licensing-ids/{licensingId}/online-services/domains', { params: { path: { licensingId } }, body: { domain } }));

export const removeAccountDomain = (licensingId: string, domain: string) =>
  answer(
    api.DELETE('/api/v1/licensing-ids/{licensingId}/online-services/domains/{domain}', {
      params: { path: { licensingId, domain } },
    }),
  );
