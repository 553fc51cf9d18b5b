import { defineProblems } from '../../../platform/i18n/problems.js';

/** R-SA-7: why a partner's request to manage benefits cannot be made or move on. */
export const BENEFIT_DELEGATION_PROBLEMS = defineProblems({
  BENEFIT_DELEGATION_ONE_CUSTOMER: {
    en: 'A request to manage benefits names Licensing IDs of one customer only.',
    sv: 'En begäran om att hantera förmåner gäller licens-ID:n för en enda kund.',
  },
  BENEFIT_DELEGATION_EXISTS: {
    en: 'Your organization already has a pending request or a permission to manage benefits for a Licensing ID you chose.',
    sv: 'Er organisation har redan en väntande begäran eller ett tillstånd att hantera förmåner för ett licens-ID som du valde.',
  },
  BENEFIT_DELEGATION_NOT_PENDING: {
    en: 'This request to manage benefits is no longer pending.',
    sv: 'Den här begäran om att hantera förmåner väntar inte längre på beslut.',
  },
  BENEFIT_DELEGATION_NOT_APPROVED: {
    en: 'Only an approved permission to manage benefits can be removed.',
    sv: 'Bara ett godkänt tillstånd att hantera förmåner kan tas bort.',
  },
  BENEFIT_DELEGATION_ENDED: {
    en: 'Your organization’s permission to manage this customer’s benefits was denied or removed by the customer. Ask the customer, then request it again.',
    sv: 'Kunden har nekat eller tagit bort er organisations tillstånd att hantera kundens förmåner. Fråga kunden och begär det sedan på nytt.',
  },
});
