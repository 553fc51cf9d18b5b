import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { type Answer, answer, api, type Body, href } from './client';

/** R-SA-1…3: the SA Summary and the benefits of one Licensing ID. */
export type SaSummary = Answer<'/api/v1/sa-summary', 'get'>;
export type SaSummaryRow = SaSummary['items'][number];
export type LicensingIdBenefits = Answer<'/api/v1/licensing-ids/{licensingId}/sa-benefits', 'get'>;
export type Benefit = LicensingIdBenefits['benefits'][number];
export type BenefitCode = Benefit['benefit'];
export type BenefitStatus = Benefit['status'];

/** The benefits in the order the filter lists them (managed online first). */
export const BENEFIT_CODES: BenefitCode[] = [
  'E_LEARNING',
  'HOME_USE_PROGRAM',
  'PLANNING_SERVICES',
  'SUPPORT_24X7',
  'TRAINING_VOUCHERS',
  'GLOBAL_SERVICE_MONITOR',
  'MULTI_LANGUAGE_PACK',
  'THIN_PC',
  'DYNAMICS_CUSTOMERSOURCE',
];
export const BENEFIT_STATUSES: BenefitStatus[] = ['REQUIRES_ACTIVATION', 'ACTIVATED', 'HAR', 'EXPIRED'];
export const SUMMARY_SORTS = [
  'organization',
  'city',
  'benefit',
  'licensingId',
  'status',
  'eligibleQuantity',
  'quantityRemaining',
  'expiresOn',
] as const;
export type SummarySort = (typeof SUMMARY_SORTS)[number];

/** The summary's filters, sort and page as the URL keeps them. */
export interface SaSummarySearch {
  q?: string;
  benefit?: BenefitCode;
  status?: BenefitStatus;
  expiringWithin?: '30' | '90';
  sort: SummarySort;
  order: 'asc' | 'desc';
  page: number;
}

const filterQuery = (s: SaSummarySearch) => {
  const query = new URLSearchParams({ sort: s.sort, order: s.order });
  if (s.q) query.set('q', s.q);
  if (s.benefit) query.set('benefit', s.benefit);
  if (s.status) query.set('status', s.status);
  if (s.expiringWithin) query.set('expiringWithin', s.expiringWithin);
  return query;
};

export const SA_PAGE_SIZE = 25;

export const saSummaryQuery = (s: SaSummarySearch) =>
  queryOptions({
    queryKey: ['sa-summary', s],
    queryFn: () =>
      answer(
        api.GET('/api/v1/sa-summary', {
          params: {
            query: {
              q: s.q,
              benefit: s.benefit,
              status: s.status,
              expiringWithin: s.expiringWithin,
              sort: s.sort,
              order: s.order,
              page: s.page,
              pageSize: SA_PAGE_SIZE,
            },
          },
        }),
      ),
  });

/** The export of the rows as filtered and sorted (every page), for a plain download link. */
export function saSummaryExportHref(format: 'csv' | 'xlsx', s: SaSummarySearch): string {
  const query = filterQuery(s);
  query.set('format', format);
  return href('/api/v1/sa-summary/export', { query });
}

export const licensingIdBenefitsQuery = (licensingId: string) =>
  queryOptions({
    queryKey: ['sa-benefits', licensingId],
    queryFn: () => answer(api.GET('/api/v1/licensing-ids/{licensingId}/sa-benefits', { params: { path: { licensingId } } })),
  });

export const activateBenefit = (licensingId: string, benefit: BenefitCode) =>
  answer(api.POST('/api/v1/licensing-ids/{licensingId}/sa-benefits/{benefit}/activate', { params: { path: { licensingId, benefit } } }));

/** R-SA-5: the training vouchers of a Licensing ID, assigning and cancelling them. */
export type Voucher = Answer<'/api/v1/licensing-ids/{licensingId}/training-vouchers/{voucherId}/cancel', 'post'>;
export type VoucherAssignment = Body<'/api/v1/licensing-ids/{licensingId}/training-vouchers', 'post'>;

export const vouchersQuery = (licensingId: string) =>
  queryOptions({
    queryKey: ['sa-vouchers', licensingId],
    queryFn: () => answer(api.GET('/api/v1/licensing-ids/{licensingId}/training-vouchers', { params: { path: { licensingId } } })),
  });

export const assignVoucher = (licensingId: string, body: VoucherAssignment) =>
  answer(api.POST('/api/v1/licensing-ids/{licensingId}/training-vouchers', { params: { path: { licensingId } }, body }));

export const cancelVoucher = (licensingId: string, voucherId: string) =>
  answer(
    api.POST('/api/v1/licensing-ids/{licensingId}/training-vouchers/{voucherId}/cancel', {
      params: { path: { licensingId, voucherId } },
    }),
  );

/** R-SA-4: a Licensing ID's e-Learning domains and access code. */
export type ElearningSetup = Answer<'/api/v1/licensing-ids/{licensingId}/e-learning', 'get'>;

export const elearningQuery = (licensingId: string) =>
  queryOptions({
    queryKey: ['sa-elearning', licensingId],
    queryFn: () => answer(api.GET('/api/v1/licensing-ids/{licensingId}/e-learning', { params: { path: { licensingId } } })),
  });

export const addElearningDomain = (licensingId: string, domain: string) =>
  answer(api.POST('/api/v1/licensing-ids/{licensingId}/e-learning/domains', { params: { path: { licensingId } }, body: { domain } }));

export const removeElearningDomain = (licensingId: string, domain: string) =>
  answer(api.DELETE('/api/v1/licensing-ids/{licensingId}/e-learning/domains/{domain}', { params: { path: { licensingId, domain } } }));

/** R-SA-4: the employees counted as e-Learning participants, newest first, a page at a time. */
export const PARTICIPANTS_PAGE_SIZE = 25;
export type ElearningParticipants = Answer<'/api/v1/licensing-ids/{licensingId}/e-learning/participants', 'get'>;

export const elearningParticipantsQuery = (licensingId: string, domain: string) =>
  infiniteQueryOptions({
    queryKey: ['sa-elearning', licensingId, 'participants', domain],
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      answer(
        api.GET('/api/v1/licensing-ids/{licensingId}/e-learning/participants', {
          params: {
            path: { licensingId },
            query: { limit: PARTICIPANTS_PAGE_SIZE, domain: domain || undefined, cursor: pageParam || undefined },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const removeElearningParticipant = (licensingId: string, participantId: string) =>
  answer(
    api.DELETE('/api/v1/licensing-ids/{licensingId}/e-learning/participants/{participantId}', {
      params: { path: { licensingId, participantId } },
    }),
  );

/** R-SA-6: the named users of a benefit that has them (Home Use Program). */
type UsersPath = '/api/v1/licensing-ids/{licensingId}/sa-benefits/{benefit}/users';
type UserPath = '/api/v1/licensing-ids/{licensingId}/sa-benefits/{benefit}/users/{userId}';
export type BenefitUser = Answer<UserPath, 'put'>;
export type BenefitUserInput = Body<UsersPath, 'post'>;
export type BenefitWithUsers = 'HOME_USE_PROGRAM';

export const benefitUsersQuery = (licensingId: string, benefit: BenefitWithUsers) =>
  queryOptions({
    queryKey: ['sa-benefit-users', licensingId, benefit],
    queryFn: () =>
      answer(api.GET('/api/v1/licensing-ids/{licensingId}/sa-benefits/{benefit}/users', { params: { path: { licensingId, benefit } } })),
  });

export const addBenefitUser = (licensingId: string, benefit: BenefitWithUsers, body: BenefitUserInput) =>
  answer(api.POST('/api/v1/licensing-ids/{licensingId}/sa-benefits/{benefit}/users', { params: { path: { licensingId, benefit } }, body }));

export const editBenefitUser = (licensingId: string, benefit: BenefitWithUsers, userId: string, body: BenefitUserInput) =>
  answer(
    api.PUT('/api/v1/licensing-ids/{licensingId}/sa-benefits/{benefit}/users/{userId}', {
      params: { path: { licensingId, benefit, userId } },
      body,
    }),
  );

export const deleteBenefitUser = (licensingId: string, benefit: BenefitWithUsers, userId: string) =>
  answer(
    api.DELETE('/api/v1/licensing-ids/{licensingId}/sa-benefits/{benefit}/users/{userId}', {
      params: { path: { licensingId, benefit, userId } },
    }),
  );

export const resendBenefitUser = (licensingId: string, benefit: BenefitWithUsers, userId: string) =>
  answer(
    api.POST('/api/v1/licensing-ids/{licensingId}/sa-benefits/{benefit}/users/{userId}/resend', {
      params: { path: { licensingId, benefit, userId } },
    }),
  );

/** R-SA-4: an employee joins e-Learning with the access code and their own address. */
export const redeemElearning = (accessCode: string) => answer(api.POST('/api/v1/e-learning/redeem', { body: { accessCode } }));
