import { queryOptions } from '@tanstack/react-query';
import { type Answer, answer, api, type Body } from './client';
import type { BenefitCode } from './software-assurance';

/** The publisher's side of Software Assurance (R-SA-1, R-SA-2): the benefit rules, and holds on one Licensing ID. */
export type BenefitRules = Answer<'/api/v1/operator/sa-benefit-rules', 'get'>;
export type BenefitRule = Body<'/api/v1/operator/sa-benefit-rules', 'put'>['rules'][number];
export type LicensingIdMatch = Answer<'/api/v1/operator/sa-benefits/licensing-ids', 'get'>['items'][number];

export const benefitRulesQuery = queryOptions({
  queryKey: ['operator-sa-rules'],
  queryFn: () => answer(api.GET('/api/v1/operator/sa-benefit-rules')),
});

export const replaceBenefitRules = (rules: BenefitRule[]) => answer(api.PUT('/api/v1/operator/sa-benefit-rules', { body: { rules } }));

export const licensingIdMatchesQuery = (number: string) =>
  queryOptions({
    queryKey: ['operator-sa-lookup', number],
    queryFn: () => answer(api.GET('/api/v1/operator/sa-benefits/licensing-ids', { params: { query: { number } } })),
    enabled: number.trim().length > 0,
  });

export const operatorBenefitsQuery = (licensingId: string) =>
  queryOptions({
    queryKey: ['operator-sa-benefits', licensingId],
    queryFn: () => answer(api.GET('/api/v1/operator/licensing-ids/{licensingId}/sa-benefits', { params: { path: { licensingId } } })),
  });

/** Sets HAR (`hold`) or lifts it (`release`), for the reason the managers are mailed. */
export const changeHold = (licensingId: string, benefit: BenefitCode, verb: 'hold' | 'release', reason: string) =>
  verb === 'hold'
    ? answer(
        api.POST('/api/v1/operator/licensing-ids/{licensingId}/sa-benefits/{benefit}/hold', {
          params: { path: { licensingId, benefit } },
          body: { reason },
        }),
      )
    : answer(
        api.POST('/api/v1/operator/licensing-ids/{licensingId}/sa-benefits/{benefit}/release', {
          params: { path: { licensingId, benefit } },
          body: { reason },
        }),
      );
