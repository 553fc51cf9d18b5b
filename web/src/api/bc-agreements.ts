import { queryOptions } from '@tanstack/react-query';
import { type Answer, answer, api, type Body, href, type Query } from './client';

/** R-BC-2 sales packages and R-BC-3 agreements, from the customer's and the partner's side. */
export type SalesPackage = Answer<'/api/v1/partner/sales-packages', 'get'>['items'][number];
export type NewSalesPackage = Body<'/api/v1/partner/sales-packages', 'post'>;
export type Agreement = Answer<'/api/v1/purchasing-accounts/{purchasingAccountId}/agreements', 'get'>['items'][number];
export type AgreementFilters = NonNullable<Query<'/api/v1/purchasing-accounts/{purchasingAccountId}/agreements', 'get'>>;
export type AccountProfile = Body<'/api/v1/purchasing-accounts/{purchasingAccountId}/profile', 'patch'>;

export const SALES_PACKAGES_KEY = 'sales-packages';
export const AGREEMENTS_KEY = 'bc-agreements';

export const accountSalesPackagesQuery = (purchasingAccountId: string) =>
  queryOptions({
    queryKey: [SALES_PACKAGES_KEY, 'account', purchasingAccountId],
    queryFn: () =>
      answer(api.GET('/api/v1/purchasing-accounts/{purchasingAccountId}/sales-packages', { params: { path: { purchasingAccountId } } })),
  });

export const partnerSalesPackagesQuery = queryOptions({
  queryKey: [SALES_PACKAGES_KEY, 'partner'],
  queryFn: () => answer(api.GET('/api/v1/partner/sales-packages')),
});

export const servedAccountsQuery = queryOptions({
  queryKey: [SALES_PACKAGES_KEY, 'served-accounts'],
  queryFn: () => answer(api.GET('/api/v1/partner/purchasing-accounts')),
});

export const prepareSalesPackage = (body: NewSalesPackage) => answer(api.POST('/api/v1/partner/sales-packages', { body }));
export const sendSalesPackage = (salesPackageId: string) =>
  answer(api.POST('/api/v1/partner/sales-packages/{salesPackageId}/send', { params: { path: { salesPackageId } } }));
export const withdrawSalesPackage = (salesPackageId: string) =>
  answer(api.POST('/api/v1/partner/sales-packages/{salesPackageId}/withdraw', { params: { path: { salesPackageId } } }));

export const signSalesPackage = (purchasingAccountId: string, salesPackageId: string, fullName: string, consent: boolean) =>
  answer(
    api.POST('/api/v1/purchasing-accounts/{purchasingAccountId}/sales-packages/{salesPackageId}/sign', {
      params: { path: { purchasingAccountId, salesPackageId } },
      body: { fullName, consent },
    }),
  );

export const uploadSignedScan = (purchasingAccountId: string, salesPackageId: string, file: File) =>
  answer(
    api.POST('/api/v1/purchasing-accounts/{purchasingAccountId}/sales-packages/{salesPackageId}/upload', {
      params: { path: { purchasingAccountId, salesPackageId } },
      body: file as never,
      bodySerializer: (b: unknown) => b as File,
      headers: { 'Content-Type': 'application/pdf' },
    }),
  );

/** The PDFs' addresses for plain links (the browser downloads them with the session cookie). */
export const accountPackageFile = (purchasingAccountId: string, salesPackageId: string, which: 'document' | 'signed-copy') =>
  which === 'document'
    ? href('/api/v1/purchasing-accounts/{purchasingAccountId}/sales-packages/{salesPackageId}/document', {
        path: { purchasingAccountId, salesPackageId },
      })
    : href('/api/v1/purchasing-accounts/{purchasingAccountId}/sales-packages/{salesPackageId}/signed-copy', {
        path: { purchasingAccountId, salesPackageId },
      });

export const partnerPackageFile = (salesPackageId: string, which: 'document' | 'signed-copy') =>
  which === 'document'
    ? href('/api/v1/partner/sales-packages/{salesPackageId}/document', { path: { salesPackageId } })
    : href('/api/v1/partner/sales-packages/{salesPackageId}/signed-copy', { path: { salesPackageId } });

export const accountAgreementsQuery = (purchasingAccountId: string, query: AgreementFilters) =>
  queryOptions({
    queryKey: [AGREEMENTS_KEY, purchasingAccountId, query],
    queryFn: () =>
      answer(api.GET('/api/v1/purchasing-accounts/{purchasingAccountId}/agreements', { params: { path: { purchasingAccountId }, query } })),
  });

export const setAnniversaryMonth = (purchasingAccountId: string, agreementId: string, month: number) =>
  answer(
    api.PUT('/api/v1/purchasing-accounts/{purchasingAccountId}/agreements/{agreementId}/anniversary-month', {
      params: { path: { purchasingAccountId, agreementId } },
      body: { month },
    }),
  );

export const editAccountProfile = (purchasingAccountId: string, body: AccountProfile) =>
  answer(api.PATCH('/api/v1/purchasing-accounts/{purchasingAccountId}/profile', { params: { path: { purchasingAccountId } }, body }));
