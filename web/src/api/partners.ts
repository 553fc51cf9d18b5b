import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { ContactChange, ContactType } from './backoffice';
import { answer, api, type Body, type Schemas } from './client';

/** Channel partners (issue 12, R-REL-6): the publisher's register and a partner's own customers. */
export type ChannelPartner = Schemas['ChannelPartner'];
export type NewPartner = Body<'/api/v1/operator/partners', 'post'>;
export type NewPartnerUser = Body<'/api/v1/operator/partners/{partnerId}/users', 'post'>;

export const CUSTOMER_PAGE_SIZE = 25;

export const partnersQuery = queryOptions({
  queryKey: ['operator-partners'],
  queryFn: () => answer(api.GET('/api/v1/operator/partners')),
});

export const partnerQuery = (partnerId: string) =>
  queryOptions({
    queryKey: ['operator-partner', partnerId],
    queryFn: () => answer(api.GET('/api/v1/operator/partners/{partnerId}', { params: { path: { partnerId } } })),
  });

export const registerPartner = (body: NewPartner) => answer(api.POST('/api/v1/operator/partners', { body }));

export const addPartnerUser = (partnerId: string, body: NewPartnerUser) =>
  answer(api.POST('/api/v1/operator/partners/{partnerId}/users', { params: { path: { partnerId } }, body }));

export const assignPartner = (agreementId: string, partnerId: string) =>
  answer(api.PUT('/api/v1/operator/agreements/{agreementId}/partner', { params: { path: { agreementId } }, body: { partnerId } }));

/** The signed-in partner user's own organization. */
export const ownPartnerQuery = queryOptions({ queryKey: ['partner'], queryFn: () => answer(api.GET('/api/v1/partner')) });

export const partnerCustomersQuery = (q: string) =>
  infiniteQueryOptions({
    queryKey: ['partner-customers', q],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      answer(
        api.GET('/api/v1/partner/customers', {
          params: { query: { q: q || undefined, limit: CUSTOMER_PAGE_SIZE, cursor: pageParam ?? undefined } },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });

export const partnerCustomerQuery = (organizationId: string) =>
  queryOptions({
    queryKey: ['partner-customer', organizationId],
    queryFn: () => answer(api.GET('/api/v1/partner/customers/{organizationId}', { params: { path: { organizationId } } })),
  });

/** R-REL-6: the channel partner of record names a contact of record of its customer's agreement. */
export const partnerChangeContact = (agreementId: string, type: ContactType, body: ContactChange) =>
  answer(api.PUT('/api/v1/partner/agreements/{agreementId}/contacts/{type}', { params: { path: { agreementId, type } }, body }));
